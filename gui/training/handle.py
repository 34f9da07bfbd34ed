"""``WorkerHandle``: the GUI thread's side of the training worker.

It owns the QThread, forwards commands as queued signals, and relays every worker signal as
its own, emitted on the GUI thread: the worker's signals reach the handle's slots (a QObject
living on the GUI thread, so Qt queues them), and only then anything that touches a widget.
Nothing connected to a handle signal ever runs on the training thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from gui.training.worker import TrainingWorker

QUEUED = Qt.ConnectionType.QueuedConnection


class WorkerHandle(QObject):
    """Commands to the worker (each returns at once) and its answers, on the GUI thread.

    ``shutdown`` and ``run_epochs_now`` wait for the worker on purpose; nothing else blocks.
    """

    # answers, re-emitted on the GUI thread (same meaning as TrainingWorker's)
    frameReady = Signal(object)  # noqa: N815
    stepped = Signal(object)
    playingChanged = Signal(bool)  # noqa: N815
    stopped = Signal(str)
    error = Signal(str)
    progress = Signal(int, int)
    networkChanged = Signal(object)  # noqa: N815
    fileDone = Signal(str, str, object)  # noqa: N815
    fileFailed = Signal(str, str)  # noqa: N815
    pong = Signal(int)

    # commands
    _configure = Signal(object)
    _play = Signal()
    _pause = Signal()
    _step_sample = Signal()
    _step_epoch = Signal()
    _run_epochs = Signal(int)
    _run_now = Signal(int)
    _reset = Signal()
    _speed = Signal(object)
    _limit = Signal(int)
    _weight = Signal(str, float)
    _show_epoch = Signal(int)
    _sample = Signal(int)
    _refresh = Signal()
    _stop_hook = Signal(object)
    _ping = Signal(int)
    _save = Signal(str, object, object)
    _open = Signal(str)
    _export = Signal(str)
    _stop = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("trainingThread")
        self.worker = TrainingWorker()
        self.worker.moveToThread(self.thread)
        w = self.worker
        for sig, slot in (
            (self._configure, w.configure), (self._play, w.play), (self._pause, w.pause),
            (self._step_sample, w.step_sample), (self._step_epoch, w.step_epoch),
            (self._run_epochs, w.run_epochs), (self._reset, w.reset), (self._speed, w.set_speed),
            (self._limit, w.set_epoch_limit), (self._weight, w.set_weight),
            (self._show_epoch, w.show_epoch), (self._sample, w.set_sample), (self._refresh, w.refresh),
            (self._stop_hook, w.set_stop_callback), (self._ping, w.ping),
            (self._save, w.save_workspace_file), (self._open, w.open_workspace_file),
            (self._export, w.export_history_file),
        ):
            sig.connect(slot, QUEUED)
        self._run_now.connect(w.run_epochs_now, Qt.ConnectionType.BlockingQueuedConnection)
        self._stop.connect(w.stop, Qt.ConnectionType.BlockingQueuedConnection)
        for sig, slot in (
            (w.frameReady, self._relay_frame), (w.stepped, self._relay_step),
            (w.playingChanged, self._relay_playing), (w.stopped, self._relay_stopped),
            (w.error, self._relay_error), (w.progress, self._relay_progress),
            (w.networkChanged, self._relay_network), (w.fileDone, self._relay_file_done),
            (w.fileFailed, self._relay_file_failed), (w.pong, self._relay_pong),
        ):
            sig.connect(slot, QUEUED)
        self._tokens = 0
        self.thread.start()
        self._alive = True

    # ------------------------------------------------------------ relays (GUI thread)
    @Slot(object)
    def _relay_frame(self, frame) -> None:
        self.frameReady.emit(frame)

    @Slot(object)
    def _relay_step(self, step) -> None:
        self.stepped.emit(step)

    @Slot(bool)
    def _relay_playing(self, on: bool) -> None:
        self.playingChanged.emit(on)

    @Slot(str)
    def _relay_stopped(self, reason: str) -> None:
        self.stopped.emit(reason)

    @Slot(str)
    def _relay_error(self, message: str) -> None:
        self.error.emit(message)

    @Slot(int, int)
    def _relay_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    @Slot(object)
    def _relay_network(self, info) -> None:
        self.networkChanged.emit(info)

    @Slot(str, str, object)
    def _relay_file_done(self, kind: str, path: str, info) -> None:
        self.fileDone.emit(kind, path, info)

    @Slot(str, str)
    def _relay_file_failed(self, kind: str, message: str) -> None:
        self.fileFailed.emit(kind, message)

    @Slot(int)
    def _relay_pong(self, token: int) -> None:
        self.pong.emit(token)

    # ------------------------------------------------------------ commands
    def configure(self, config: dict) -> None:
        self._configure.emit(config)

    def play(self) -> None:
        self._play.emit()

    def pause(self) -> None:
        self._pause.emit()

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

    def set_speed(self, epochs_per_second: float | None) -> None:
        self._speed.emit(epochs_per_second)

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

    def ping(self) -> int:
        """Ask the worker to answer with ``pong(token)`` once every earlier command is handled."""
        self._tokens += 1
        self._ping.emit(self._tokens)
        return self._tokens

    def frame_drawn(self) -> None:
        """The window has drawn the latest frame: the worker may send the next one."""
        self.worker.frame_pending = False

    @property
    def running(self) -> bool:
        return self._alive and self.thread.isRunning()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Stop training, quit the thread and wait for it, so closing never leaves it running."""
        if not self._alive:
            return
        self._alive = False
        self.worker._aborted = True  # ends a chunk loop even before ``stop`` is delivered
        if self.thread.isRunning():
            self._stop.emit()
            self.thread.quit()
            if not self.thread.wait(timeout_ms):  # pragma: no cover - a stuck NumPy call
                self.thread.terminate()
                self.thread.wait()
