"""The training worker: owns the core ``Trainer`` on its own QThread; the GUI thread only draws.

Commands arrive as queued slots (``play``, ``step_sample``, ``set_weight`` …); results leave
as signals carrying immutable ``core.Snapshot`` objects and small ``core.plot_data`` dicts.

Why the odd shape of the play loop: NumPy at the chapter's size is many tiny calls, each
holding the GIL, so a worker that trains non-stop starves the GUI thread (see
docs/pitfalls.md, "convoy effect"). Playing therefore trains in time-boxed chunks
(``CHUNK_S``) and then returns to the worker's event loop for ``PAUSE_MS``, where the GIL
is free. Frames are coalesced: at most one snapshot is "in flight" to the GUI (the window
calls ``frame_drawn()`` once the views have painted it) and at most ``MAX_FPS`` are sent a
second. While a frame is in flight the worker also holds back (up to ``MAX_GUI_WAIT_S``):
a paint is hundreds of Python callbacks from C++, each of which must win the GIL back from a
training chunk, so painting *during* training is several times slower than painting between
chunks (measured in bench/bench_gui.py).
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from core import Network, Snapshot, Trainer, make_snapshot, plot_data, snapshot_at_epoch
from core.chapter.stepthrough import substeps_for
from core.datasets.chapter import experiment1

CHUNK_S = 0.006  # seconds of training per chunk while playing flat out
PAUSE_MS = 1  # event-loop pause between chunks: the GUI thread's window for the GIL (2 ms cost
# ~5-10 points of training for no better lateness once a frame cost the GUI ~8 ms, not ~17; bench_gui.py)
MAX_FPS = 30  # at most this many frames a second reach the GUI (target: >= 25 drawn)
PLOT_POINTS = 200  # log-spaced history rows per plot curve: 40 a decade, plenty on a ~450 px log axis
MAX_GUI_WAIT_S = 0.02  # train anyway if the GUI has not painted the last frame after this long
# (a frame that redraws plots takes ~10-15 ms here; cut off at 10 ms, its end ran into a chunk)
DEFAULT_EPOCH_LIMIT = 1000  # the chapter trains 1000 epochs
NO_LIMIT = 2**62  # an epoch limit of 0 means "no limit" (the experiment panel says so)


def _limit(value) -> int:
    """The epoch limit from a setting: None → the chapter's 1000, 0 → no limit; ValueError below 0."""
    if value is None:
        return DEFAULT_EPOCH_LIMIT
    n = int(value)
    if n < 0:
        raise ValueError(f"the epoch limit must be 0 (no limit) or more, got {n}")
    return NO_LIMIT if n == 0 else n
NETWORK_KEYS = ("n_inputs", "kernel_size", "n_kernels", "stride", "padding", "activation", "init",
                "seed", "n_outputs", "output")


def epoch_limit_message(limit: int) -> str:
    """The status-bar sentence shown when playing reaches the epoch limit."""
    return f"Reached the epoch limit ({limit})."


class TrainingWorker(QObject):
    """Trains on its own thread; every slot is meant to be invoked through a queued signal."""

    snapshotReady = Signal(object)  # core.Snapshot
    plotDataReady = Signal(object)  # core.plot_data(...) dict
    stepped = Signal(object)  # Trainer.step_sample() result, plus "substeps" (list of SubStep)
    playingChanged = Signal(bool)
    stopped = Signal(str)  # why training stopped (epoch limit, divergence, loss below ε)
    error = Signal(str)  # a command that could not be carried out; the old state is kept
    progress = Signal(int, int)  # done, total for run_epochs(n)
    networkChanged = Signal(object)  # {"net": Network copy, "X", "y", "config"} after configure

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chunk_s = CHUNK_S
        self.pause_ms = PAUSE_MS
        self.max_fps = MAX_FPS
        self.wait_for_gui = True  # hold training while the GUI draws the last frame
        self.trainer: Trainer | None = None
        self.config: dict[str, Any] = {}
        self.epoch_limit = DEFAULT_EPOCH_LIMIT
        self.loss_below: float | None = None
        self.sample = 0
        self.speed: float | None = None  # epochs per second; None = flat out
        self.playing = False
        self._run_left = 0  # epochs still to run for run_epochs(n)
        self._run_total = 0
        self._due = 0.0  # fractional epochs owed at slow speed
        self._last_tick = 0.0
        self._last_emit = 0.0
        self._aborted = False
        # Read/written by both threads; a bool assignment is atomic under the GIL.
        self.frame_pending = False
        self.frames_sent = 0
        self._timer = QTimer(self)  # moves to the worker thread with its parent
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    # ------------------------------------------------------------ set-up
    @Slot(object)
    def configure(self, config: dict) -> None:
        """Build a fresh Network + Trainer from the experiment panel's config; errors keep the old one."""
        try:
            X, y = config.get("X"), config.get("y")
            if X is None or y is None:
                X, y = experiment1()
            net_kw = {k: config[k] for k in NETWORK_KEYS if config.get(k) is not None}
            net_kw.setdefault("n_inputs", int(len(X[0])))
            net_kw.setdefault("kernel_size", min(3, net_kw["n_inputs"]))
            net = Network(**net_kw)
            trainer = Trainer(
                net, X, y,
                lr=config.get("lr", 0.2),
                mode=config.get("mode", "batch"),
                optimizer=config.get("optimizer", "gd"),
                batch_size=config.get("batch_size"),
                lr_decay=float(config.get("lr_decay", 1.0) or 1.0),
                dropout=float(config.get("dropout") or 0.0),  # the shape editor's (issue 5)
            )
            limit = _limit(config.get("epoch_limit"))
            loss_below = config.get("loss_below")
            loss_below = None if loss_below in (None, 0) else float(loss_below)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            self.error.emit(f"Could not apply the settings: {exc}")
            return
        self._set_playing(False)
        self._run_left = 0
        self.trainer = trainer
        self.config = dict(config)
        self.epoch_limit = limit
        self.loss_below = loss_below
        self.sample = 0
        self.networkChanged.emit(
            {"net": net.copy(), "X": trainer.X.copy(), "y": trainer.y.copy(), "config": dict(config)}
        )
        self._emit_frame(force=True)

    def _ensure(self) -> Trainer:
        if self.trainer is None:
            self.configure({})
        assert self.trainer is not None
        return self.trainer

    # ------------------------------------------------------------ playing
    @Slot()
    def play(self) -> None:
        """Start training continuously (time-boxed chunks) until paused or stopped."""
        t = self._ensure()
        if t.diverged:
            self.stopped.emit(t.stopped_reason or "Training has diverged; press Reset.")
            self._set_playing(False)
            return
        if t.epoch >= self.epoch_limit:
            self.stopped.emit(epoch_limit_message(self.epoch_limit))
            self._set_playing(False)
            return
        self._run_left = 0
        self._set_playing(True)
        self._due = 0.0
        self._last_tick = time.perf_counter()
        self._timer.start(0)

    @Slot()
    def pause(self) -> None:
        """Stop training after the current chunk and show the latest state."""
        was = self.playing or self._run_left > 0
        self._run_left = 0
        self._set_playing(False)
        if was and self.trainer is not None:
            self._emit_frame(force=True)

    def _set_playing(self, on: bool) -> None:
        if not on:
            self._timer.stop()
        if on != self.playing:
            self.playing = on
            self.playingChanged.emit(on)

    @Slot(object)
    def set_speed(self, epochs_per_second: float | None) -> None:
        """Slow motion: epochs per second, or None / inf / ≤ 0 for flat out."""
        if epochs_per_second is None or not math.isfinite(epochs_per_second) or epochs_per_second <= 0:
            self.speed = None
        else:
            self.speed = float(epochs_per_second)
        self._due = 0.0
        self._last_tick = time.perf_counter()

    @Slot(int)
    def set_epoch_limit(self, n: int) -> None:
        """Playing stops when the completed epochs reach ``n`` (0: no limit)."""
        try:
            self.epoch_limit = _limit(n)
        except ValueError as exc:
            self.error.emit(f"{str(exc)[0].upper()}{str(exc)[1:]}.")

    @Slot(int)
    def run_epochs(self, n: int) -> None:
        """Run exactly ``n`` more epochs (ignoring the epoch limit), reporting ``progress``."""
        t = self._ensure()
        if n <= 0:
            return
        if t.diverged:
            self.stopped.emit(t.stopped_reason or "Training has diverged; press Reset.")
            return
        self._set_playing(False)
        self._run_left = self._run_total = int(n)
        self.progress.emit(0, self._run_total)
        self._timer.start(0)

    @Slot(int)
    def run_epochs_now(self, n: int) -> None:
        """Run ``n`` epochs in one go, then emit the frame (for screenshots and scripts)."""
        t = self._ensure()
        self._set_playing(False)
        self._run_left = 0
        if n > 0:
            t.run(n)
        self._emit_frame(force=True)
        if t.diverged:
            self.stopped.emit(t.stopped_reason or "Training has diverged; press Reset.")

    def _tick(self) -> None:
        """One chunk of playing or of run_epochs, then back to the event loop."""
        t = self.trainer
        if t is None or self._aborted or not (self.playing or self._run_left > 0):
            return
        now = time.perf_counter()
        if self.wait_for_gui and self.frame_pending and now - self._last_emit < MAX_GUI_WAIT_S:
            # The GUI is still drawing the last frame: training now would make every Python
            # callback of its paint wait for the GIL (the convoy effect). Let it finish first.
            self._timer.start(1)
            return
        if self._run_left > 0:
            n = self._run_left
        else:
            n = self.epoch_limit - t.epoch
            if self.speed is not None:
                self._due = min(self._due + (now - self._last_tick) * self.speed, max(self.speed, 1.0))
                n = min(n, int(self._due))
        self._last_tick = now
        ran = 0
        if n > 0:
            ran = t.run(n, loss_below=self.loss_below, time_budget=self._chunk_budget(now),
                        callback=self.stop_callback)  # the stop panel's conditions (issue 5)
            if self.speed is not None and self._run_left == 0:
                self._due -= ran
        done_reason = None
        if t.diverged:
            done_reason = t.stopped_reason or "Training diverged; lower the learning rate and press Reset."
        elif self.loss_below is not None and t.stopped_reason and ran < n:
            done_reason = t.stopped_reason
        elif self.stop_callback is not None and self.stop_callback.fired:
            done_reason = self.stop_callback.take()  # which stop condition fired (issue 5)
        if self._run_left > 0:
            self._run_left -= ran
            self.progress.emit(self._run_total - self._run_left, self._run_total)
            if done_reason is not None:
                self._run_left = 0
            if self._run_left <= 0:
                self._run_left = 0
                self._emit_frame(force=True)
                if done_reason:
                    self.stopped.emit(done_reason)
                return
        elif self.playing:
            if done_reason is None and t.epoch >= self.epoch_limit:
                done_reason = epoch_limit_message(self.epoch_limit)
            if done_reason is not None:
                self._set_playing(False)
                self._emit_frame(force=True)
                self.stopped.emit(done_reason)
                return
        if ran:
            self._emit_frame()
        if self.speed is not None and self._run_left == 0:
            # Slow motion: wake when the next epoch is due (but at least every frame).
            wait = (1.0 - self._due) / self.speed if self._due < 1 else 0.0
            self._timer.start(max(self.pause_ms, min(int(wait * 1000), int(1000 / self.max_fps))))
        else:
            self._timer.start(self.pause_ms)

    # ------------------------------------------------------------ stepping
    @Slot()
    def step_sample(self) -> None:
        """Step one sample forward/backward (and update when its batch completes); emit ``stepped``."""
        t = self._ensure()
        self.pause()
        if t.diverged:
            self.stopped.emit(t.stopped_reason or "Training has diverged; press Reset.")
            return
        try:
            result = t.step_sample()
        except (RuntimeError, ValueError) as exc:
            self.error.emit(str(exc))
            return
        try:
            # Right after the step, while t.net still holds the parameters that pass used.
            result["substeps"] = substeps_for(t, result)
        except Exception as exc:  # noqa: BLE001 - a teaching aid must not stop training
            self.error.emit(f"Could not build the step-through: {exc}")
            result["substeps"] = []
        self.sample = int(result["sample"])
        self.stepped.emit(result)
        self._emit_frame(force=True, step=result)
        if result.get("diverged") or t.diverged:
            self.stopped.emit(t.stopped_reason or "Training has diverged; press Reset.")

    @Slot()
    def step_epoch(self) -> None:
        """Finish the current epoch (or run one whole epoch)."""
        t = self._ensure()
        self.pause()
        if not t.step_epoch():
            self._emit_frame(force=True)
            self.stopped.emit(t.stopped_reason or "Training has diverged; press Reset.")
            return
        self._emit_frame(force=True)

    @Slot()
    def reset(self) -> None:
        """Re-initialise the network from its seed and forget the run (also recovers from divergence)."""
        t = self._ensure()
        self._set_playing(False)
        self._run_left = 0
        t.reset()
        self._emit_frame(force=True)

    # ------------------------------------------------------------ editing and viewing
    @Slot(str, float)
    def set_weight(self, name: str, value: float) -> None:
        """Set one parameter by name (the diagram's in-place edit); the views follow at once."""
        t = self._ensure()
        try:
            t.net.set_params({name: value})
        except ValueError as exc:
            self.error.emit(str(exc))
            return
        self._emit_frame(force=True)

    @Slot(int)
    def show_epoch(self, epoch: int) -> None:
        """Time travel: emit the recorded snapshot nearest to ``epoch`` (``live`` is False)."""
        t = self._ensure()
        if t.history.n == 0:
            self._emit_frame(force=True)
            return
        try:
            snap = snapshot_at_epoch(t, int(epoch), self.sample)
        except (OverflowError, FloatingPointError, ValueError):
            self.error.emit(f"Epoch {epoch} cannot be shown: its values overflow.")
            return
        self.snapshotReady.emit(snap)

    @Slot(int)
    def set_sample(self, i: int) -> None:
        """Choose which sample the diagram shows."""
        t = self._ensure()
        if not 0 <= i < t.N:
            self.error.emit(f"There is no sample {i + 1}; the data has {t.N}.")
            return
        self.sample = int(i)
        self._emit_frame(force=True)

    @Slot()
    def refresh(self) -> None:
        """Emit the current snapshot and plot data again."""
        self._ensure()
        self._emit_frame(force=True)

    @Slot()
    def stop(self) -> None:
        """Stop everything before the thread quits (called blocking from the GUI thread)."""
        self._aborted = True
        self._run_left = 0
        self._set_playing(False)
        # Hand the worker (and its timer) back to the GUI thread, where it will be destroyed;
        # a timer destroyed from a thread that no longer runs makes Qt warn.
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())

    # ------------------------------------------------------------ frames
    def _chunk_budget(self, now: float) -> float:
        """``chunk_s``, cut short so the chunk ends when the next frame is due.

        Frames are only sent between chunks; without this a frame waits up to a whole chunk
        past its time, and the frame rate falls well below ``max_fps``.
        """
        if self.frame_pending:
            return self.chunk_s
        due = self._last_emit + 1.0 / self.max_fps - now
        return min(self.chunk_s, max(due, 0.001))

    def _emit_frame(self, force: bool = False, step: dict | None = None) -> None:
        """Send a snapshot + plot data, unless the GUI has not drawn the last one (coalescing)."""
        t = self.trainer
        if t is None:
            return
        now = time.perf_counter()
        if not force and (self.frame_pending or now - self._last_emit < 1.0 / self.max_fps):
            return
        snap = self._snapshot(t, step)
        if snap is None:
            return
        data = plot_data(t, PLOT_POINTS)
        self.frame_pending = True
        self._last_emit = now
        self.frames_sent += 1
        # Both built first, then sent back to back: the GUI then handles the two in one go and
        # paints once. Sent a millisecond apart (plot_data between them), the GUI painted the
        # snapshot, reported the frame drawn, and drew the plots while the next chunk trained.
        self.snapshotReady.emit(snap)
        self.plotDataReady.emit(data)

    def _snapshot(self, t: Trainer, step: dict | None) -> Snapshot | None:
        """The live snapshot; after a divergence, the last recorded epoch that can still be shown.

        The core's one-sample pass uses Python floats, which raise OverflowError on the huge
        weights a diverging run leaves behind, so fall back to older recorded rows.
        """
        try:
            return make_snapshot(t, self.sample, step)
        except (OverflowError, FloatingPointError, ValueError):
            pass
        h = t.history
        for row in range(h.n - 1, max(-1, h.n - 50), -1):
            try:
                snap = snapshot_at_epoch(t, int(h.epochs[row]), self.sample)
            except (OverflowError, FloatingPointError, ValueError):
                continue
            return replace(snap, diverged=t.diverged, stopped_reason=t.stopped_reason, live=True)
        return None

    # ------------------------------------------------------------ files (issue 6: gui/file_menu.py)
    # Saving, opening and the history CSV touch the trainer, so they run here, in this thread.
    fileDone = Signal(str, str, object)  # kind ("save" | "open" | "csv"), path, details dict
    fileFailed = Signal(str, str)  # kind, one sentence; nothing has changed

    def _state_key(self) -> tuple:
        t = self._ensure()
        return (t.epoch, t.history.n, tuple(t.net.get_params().values()))

    @Slot(str, object, object)
    def save_workspace_file(self, path: str, experiment: dict, image_lab: dict) -> None:
        """Write the trainer and the panels' settings to ``path`` (atomic, see core.workspace)."""
        from core.workspace import save_workspace

        try:
            save_workspace(path, self._ensure(), experiment=experiment, image_lab=image_lab)
        except (OSError, ValueError, TypeError) as exc:
            self.fileFailed.emit("save", f"Could not save {path}: {getattr(exc, 'strerror', None) or exc}")
            return
        self.fileDone.emit("save", path, {"key": self._state_key()})

    @Slot(str)
    def open_workspace_file(self, path: str) -> None:
        """Load ``path`` fully, then swap it in; a bad file changes nothing and says why."""
        from core.workspace import WorkspaceError, load_workspace

        try:
            ws = load_workspace(path)
        except WorkspaceError as exc:
            self.fileFailed.emit("open", f"Could not open {exc}")
            return
        except Exception as exc:  # noqa: BLE001 - a damaged file must never take the window down
            self.fileFailed.emit("open", f"Could not open {path}: {exc!r}")
            return
        t, exp = ws.trainer, dict(ws.experiment)
        from gui.network.panels.shape import MAX_INPUTS, MAX_KERNELS

        if not (3 <= t.net.n_inputs <= MAX_INPUTS and t.net.n_kernels <= MAX_KERNELS):
            self.fileFailed.emit("open", f"Could not open {path}: its network has {t.net.n_inputs} inputs "
                                         f"and {t.net.n_kernels} kernel(s); the window draws 3–{MAX_INPUTS} "
                                         f"inputs and up to {MAX_KERNELS} kernels (python main.py train "
                                         "--workspace FILE trains it headless)")
            return
        self._set_playing(False)
        self._run_left = 0
        self.trainer = t
        self.config = {**exp, **t.net.shape_dict(), "dropout": t.settings().get("dropout", 0.0),
                       "X": t.X.copy(), "y": t.y.copy()}
        try:
            self.epoch_limit = _limit(exp.get("epoch_limit"))
            lb = exp.get("loss_below")
            self.loss_below = None if lb in (None, 0) else float(lb)
        except (TypeError, ValueError):
            self.epoch_limit, self.loss_below = DEFAULT_EPOCH_LIMIT, None
        self.sample = 0
        self.networkChanged.emit({"net": t.net.copy(), "X": t.X.copy(), "y": t.y.copy(),
                                  "config": dict(self.config)})
        self._emit_frame(force=True)
        self.fileDone.emit("open", path, {"key": self._state_key(), "experiment": exp,
                                          "image_lab": dict(ws.image_lab), "X": t.X.copy(),
                                          "y": t.y.copy(), "trainer": t.settings(),
                                          "shape": t.net.shape_dict()})

    @Slot(str)
    def export_history_file(self, path: str) -> None:
        """The training history as CSV (gui.window.export)."""
        from gui.window.export import ExportError, export_history_csv

        try:
            export_history_csv(self._ensure().history, path)
        except ExportError as exc:
            self.fileFailed.emit("csv", f"Could not export the history: {exc}")
            return
        self.fileDone.emit("csv", path, {})

    # ------------------------------------------------------------ beyond the chapter (issue 5)
    # The stop panel's conditions, armed by gui/beyond_chapter.py: a ``StopHook`` (callable
    # trainer → reason | None, with ``fired`` / ``take()``), passed to ``Trainer.run`` as its
    # callback while playing or running N epochs. None (the default) keeps the fast path.
    stop_callback = None

    @Slot(object)
    def set_stop_callback(self, hook) -> None:
        """Arm (or with None disarm) the stop conditions; the next training chunk uses them."""
        self.stop_callback = hook


class WorkerHandle(QObject):
    """The GUI thread's side: owns the QThread, forwards commands as queued signals.

    Calling a method here never blocks on training (except ``shutdown`` and
    ``run_epochs_now``, which wait for the worker on purpose).
    """

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
        ):
            sig.connect(slot, Qt.ConnectionType.QueuedConnection)
        self._run_now.connect(w.run_epochs_now, Qt.ConnectionType.BlockingQueuedConnection)
        self._stop.connect(w.stop, Qt.ConnectionType.BlockingQueuedConnection)
        self.thread.start()
        self._alive = True

    # Commands (each returns at once; results arrive as the worker's signals).
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
