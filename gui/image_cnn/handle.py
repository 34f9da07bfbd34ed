"""``ImageCnnHandle``: the image-CNN tab's side of its worker (worker.py), on the GUI thread.

The thread, the relays and the shared commands (play, pause, speed, ping) are ``RunnerHandle``'s
(gui/training/thread.py); this adds the tab's own commands and relays the worker's own signals,
so nothing connected to a handle signal ever runs on the training thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from gui.image_cnn.worker import ImageCnnWorker
from gui.training.thread import QUEUED, RunnerHandle


class ImageCnnHandle(RunnerHandle):
    """Commands to the image-CNN worker (each returns at once) and its answers, relayed."""

    networkChanged = Signal(object)  # noqa: N815
    stepped = Signal(object)
    folderProgress = Signal(int, int)  # noqa: N815
    folderFailed = Signal(str)  # noqa: N815

    _configure = Signal(object)
    _step_batch = Signal()
    _reset = Signal()
    _limit = Signal(int)
    _show_epoch = Signal(int)
    _refresh = Signal()
    _step_image = Signal(object)
    _digits = Signal()
    _folder = Signal(str, int, str)
    _cancel = Signal()
    _run_now = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        w = ImageCnnWorker()
        super().__init__(w, "imageCnnThread", parent)
        for sig, slot in ((self._configure, w.configure), (self._step_batch, w.step_batch),
                          (self._reset, w.reset), (self._limit, w.set_epoch_limit),
                          (self._show_epoch, w.show_epoch), (self._refresh, w.refresh),
                          (self._step_image, w.step_image), (self._digits, w.use_digits),
                          (self._folder, w.open_folder), (self._cancel, w.cancel_folder)):
            self.command(sig, slot)
        self._run_now.connect(w.run_epochs_now, Qt.ConnectionType.BlockingQueuedConnection)
        for sig, slot in ((w.networkChanged, self._relay_network), (w.stepped, self._relay_step),
                          (w.folderProgress, self._relay_folder_progress),
                          (w.folderFailed, self._relay_folder_failed)):
            sig.connect(slot, QUEUED)

    # ------------------------------------------------------------ relays (GUI thread)
    @Slot(object)
    def _relay_network(self, info) -> None:
        self.networkChanged.emit(info)

    @Slot(object)
    def _relay_step(self, step) -> None:
        self.stepped.emit(step)

    @Slot(int, int)
    def _relay_folder_progress(self, done: int, total: int) -> None:
        self.folderProgress.emit(done, total)

    @Slot(str)
    def _relay_folder_failed(self, message: str) -> None:
        self.folderFailed.emit(message)

    # ------------------------------------------------------------ commands
    def configure(self, config: dict) -> None:
        self._configure.emit(dict(config))

    def step_batch(self) -> None:
        self._step_batch.emit()

    def reset(self) -> None:
        self._reset.emit()

    def set_epoch_limit(self, n: int) -> None:
        self._limit.emit(int(n))

    def show_epoch(self, epoch: int) -> None:
        self._show_epoch.emit(int(epoch))

    def refresh(self) -> None:
        self._refresh.emit()

    def step_image(self, request: dict) -> None:
        self._step_image.emit(dict(request))

    def use_digits(self) -> None:
        self._digits.emit()

    def open_folder(self, path: str, size: int, colour: str) -> None:
        self._folder.emit(str(path), int(size), str(colour))

    def cancel_folder(self) -> None:
        self._cancel.emit()

    def run_epochs_now(self, n: int) -> None:
        """Train ``n`` epochs and wait for them (screenshots); the frame arrives at the next event loop."""
        self._run_now.emit(int(n))

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Cancel a folder being read (queued first, so it runs before the stop), then stop the thread."""
        if self.running:
            self._cancel.emit()
        super().shutdown(timeout_ms)
