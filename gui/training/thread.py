"""``RunnerHandle``: the GUI thread's side of a ``ChunkedRunner`` — its QThread, its commands, its answers.

It owns the thread, forwards commands as queued signals, and relays every runner signal as its
own, emitted on the GUI thread: the runner's signals reach the handle's slots (a QObject living
on the GUI thread, so Qt queues them), and only then anything that touches a widget. Nothing
connected to a handle's signal ever runs on the training thread. A tab's handle subclasses it
with that tab's commands (gui/training/handle.py for the Network tab).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from gui.training.runner import ChunkedRunner

QUEUED = Qt.ConnectionType.QueuedConnection


class RunnerHandle(QObject):
    """Commands to a runner on its own thread (each returns at once) and its answers, relayed."""

    frameReady = Signal(object)  # noqa: N815
    playingChanged = Signal(bool)  # noqa: N815
    stopped = Signal(str)
    error = Signal(str)
    progress = Signal(int, int)
    pong = Signal(int)

    _play = Signal()
    _pause = Signal()
    _speed = Signal(object)
    _ping = Signal(int)
    _stop = Signal()

    def __init__(self, worker: ChunkedRunner, thread_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName(thread_name)
        self.worker = worker
        worker.moveToThread(self.thread)
        self.command(self._play, worker.play)
        self.command(self._pause, worker.pause)
        self.command(self._speed, worker.set_speed)
        self.command(self._ping, worker.ping)
        self._stop.connect(worker.stop, Qt.ConnectionType.BlockingQueuedConnection)
        for sig, slot in ((worker.frameReady, self._relay_frame),
                          (worker.playingChanged, self._relay_playing),
                          (worker.stopped, self._relay_stopped), (worker.error, self._relay_error),
                          (worker.progress, self._relay_progress), (worker.pong, self._relay_pong)):
            sig.connect(slot, QUEUED)
        self._tokens = 0
        self.thread.start()
        self._alive = True

    @staticmethod
    def command(signal, slot) -> None:
        """Connect a command signal to a runner slot, always queued (it runs on the runner's thread)."""
        signal.connect(slot, QUEUED)

    # ------------------------------------------------------------ relays (GUI thread)
    @Slot(object)
    def _relay_frame(self, frame) -> None:
        self.frameReady.emit(frame)

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

    @Slot(int)
    def _relay_pong(self, token: int) -> None:
        self.pong.emit(token)

    # ------------------------------------------------------------ commands
    def play(self) -> None:
        self._play.emit()

    def pause(self) -> None:
        self._pause.emit()

    def set_speed(self, units_per_second: float | None) -> None:
        self._speed.emit(units_per_second)

    def ping(self) -> int:
        """Ask the runner to answer with ``pong(token)`` once every earlier command is handled."""
        self._tokens += 1
        self._ping.emit(self._tokens)
        return self._tokens

    def frame_drawn(self) -> None:
        """The window has drawn the latest frame: the runner may send the next one."""
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
