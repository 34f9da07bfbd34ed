"""``WorkerHandle``: the Network tab's side of its training worker (gui/training/worker.py).

The thread, the relays and the shared commands are ``RunnerHandle``'s (gui/training/thread.py);
this adds the chapter network's own: configure, step, reset, edit a weight, show an epoch, files.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot

from gui.training.thread import QUEUED, RunnerHandle
from gui.training.worker import TrainingWorker


class WorkerHandle(RunnerHandle):
    """Commands to the Network tab's worker and its answers, on the GUI thread."""

    stepped = Signal(object)
    networkChanged = Signal(object)  # noqa: N815
    fileDone = Signal(str, str, object)  # noqa: N815
    fileFailed = Signal(str, str)  # noqa: N815
    fileProgress = Signal(str, int, int)  # noqa: N815
    undoChanged = Signal(str)  # noqa: N815
    undone = Signal(object)

    _configure = Signal(object)
    _step_sample = Signal()
    _step_epoch = Signal()
    _run_epochs = Signal(int)
    _run_now = Signal(int)
    _reset = Signal()
    _limit = Signal(int)
    _weight = Signal(str, float)
    _show_epoch = Signal(int)
    _sample = Signal(int)
    _refresh = Signal()
    _stop_hook = Signal(object)
    _save = Signal(str, object, object)
    _open = Signal(str)
    _export = Signal(str)
    _undo = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        w = TrainingWorker()
        w.export_cancel = threading.Event()  # made here: both threads share this one flag
        super().__init__(w, "trainingThread", parent)
        for sig, slot in (
            (self._configure, w.configure), (self._step_sample, w.step_sample),
            (self._step_epoch, w.step_epoch), (self._run_epochs, w.run_epochs), (self._reset, w.reset),
            (self._limit, w.set_epoch_limit), (self._weight, w.set_weight),
            (self._show_epoch, w.show_epoch), (self._sample, w.set_sample), (self._refresh, w.refresh),
            (self._stop_hook, w.set_stop_callback), (self._save, w.save_workspace_file),
            (self._open, w.open_workspace_file), (self._export, w.export_history_file),
            (self._undo, w.undo),
        ):
            self.command(sig, slot)
        self._run_now.connect(w.run_epochs_now, Qt.ConnectionType.BlockingQueuedConnection)
        for sig, slot in ((w.stepped, self._relay_step), (w.networkChanged, self._relay_network),
                          (w.fileDone, self._relay_file_done), (w.fileFailed, self._relay_file_failed),
                          (w.fileProgress, self._relay_file_progress),
                          (w.undoChanged, self._relay_undo_changed), (w.undone, self._relay_undone)):
            sig.connect(slot, QUEUED)

    # ------------------------------------------------------------ relays (GUI thread)
    @Slot(object)
    def _relay_step(self, step) -> None:
        self.stepped.emit(step)

    @Slot(object)
    def _relay_network(self, info) -> None:
        self.networkChanged.emit(info)

    @Slot(str, str, object)
    def _relay_file_done(self, kind: str, path: str, info) -> None:
        self.fileDone.emit(kind, path, info)

    @Slot(str, int, int)
    def _relay_file_progress(self, kind: str, done: int, total: int) -> None:
        self.fileProgress.emit(kind, done, total)

    @Slot(str, str)
    def _relay_file_failed(self, kind: str, message: str) -> None:
        self.fileFailed.emit(kind, message)

    @Slot(str)
    def _relay_undo_changed(self, what: str) -> None:
        self.undoChanged.emit(what)

    @Slot(object)
    def _relay_undone(self, config) -> None:
        self.undone.emit(config)

    # ------------------------------------------------------------ commands
    def undo(self) -> None:
        self._undo.emit()

    def configure(self, config: dict) -> None:
        self._configure.emit(config)

    def step_sample(self) -> None:
        self._step_sample.emit()

    def step_epoch(self) -> None:
        self._step_epoch.emit()

    def run_epochs(self, n: int) -> None:
        self._run_epochs.emit(int(n))

    def run_epochs_now(self, n: int) -> None:
        """Train ``n`` epochs and wait for them (screenshots); signals arrive at the next event loop."""
        self._run_now.emit(int(n))

    def reset(self) -> None:
        self._reset.emit()

    def set_epoch_limit(self, n: int) -> None:
        self._limit.emit(int(n))

    def set_weight(self, name: str, value: float) -> None:
        self._weight.emit(str(name), float(value))

    def show_epoch(self, epoch: int) -> None:
        self._show_epoch.emit(int(epoch))

    def set_sample(self, i: int) -> None:
        self._sample.emit(int(i))

    def refresh(self) -> None:
        self._refresh.emit()

    def set_stop_callback(self, hook) -> None:
        self._stop_hook.emit(hook)

    def save_workspace(self, path: str, experiment: dict, image_lab: dict) -> None:
        self._save.emit(str(path), experiment, image_lab)

    def open_workspace(self, path: str) -> None:
        self._open.emit(str(path))

    def export_history(self, path: str) -> None:
        self._export.emit(str(path))

    def cancel_export(self) -> None:
        """Stop a history export between two blocks (a flag the worker reads, not a queued command)."""
        self.worker.export_cancel.set()
