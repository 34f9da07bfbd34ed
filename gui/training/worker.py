"""The training worker: owns the core ``Trainer`` on its own QThread; the GUI thread only draws.

Commands arrive as queued slots (``play``, ``step_sample``, ``set_weight`` …); results leave as
signals carrying immutable ``Frame`` / ``StepFrame`` objects (gui/training/frames.py), which
``WorkerHandle`` relays on the GUI thread.

Why the odd shape of the play loop: NumPy at the chapter's size is many tiny calls, each
holding the GIL, so a worker that trains non-stop starves the GUI thread (docs/pitfalls.md).
Playing therefore trains in time-boxed chunks (``CHUNK_S``) and then returns to the worker's
event loop for ``PAUSE_MS``, where the GIL is free. Frames are coalesced: at most one is "in
flight" to the GUI (the window calls ``frame_drawn()`` once the views have painted it), at most
``MAX_FPS`` a second, and building frames never takes more than ``FRAME_SHARE`` of the worker's
time (a frame of a 100,000-sample data set is a forward pass over all of it). Every way a run
ends — the limit, Run N, a stop condition, Pause, an error — sends the latest state at once.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

from core import Network, Snapshot, Trainer, make_snapshot, snapshot_at_epoch
from core.chapter.stepthrough import substeps_for
from core.datasets import experiment1
from core.formatting import epoch_text
from gui.training.files import FileJobs
from gui.training.frames import Frame, SeriesBuilder, StepFrame, before_snapshot
from gui.training.limits import DEFAULT_EPOCH_LIMIT, NO_LIMIT, epoch_limit_message, limit_from

__all__ = ["DEFAULT_EPOCH_LIMIT", "NO_LIMIT", "TrainingWorker", "epoch_limit_message", "limit_from"]

CHUNK_S = 0.006  # seconds of training per chunk while playing flat out
PAUSE_MS = 1  # event-loop pause between chunks: the GUI thread's window for the GIL
MAX_FPS = 30  # at most this many frames a second reach the GUI (target: >= 25 drawn)
MAX_GUI_WAIT_S = 0.02  # train anyway if the GUI has not painted the last frame after this long
FRAME_SHARE = 0.25  # frames may take at most this share of the worker's time
NETWORK_KEYS = ("n_inputs", "kernel_size", "n_kernels", "stride", "padding", "activation", "init",
                "seed", "n_outputs", "output")
DIVERGED = "Training has diverged: lower the learning rate, then press Reset."


def trainer_from(config: dict) -> Trainer:
    """A fresh Network + Trainer from the experiment panel's config (ValueError if impossible)."""
    X, y = config.get("X"), config.get("y")
    if X is None or y is None:
        X, y = experiment1()
    net_kw = {k: config[k] for k in NETWORK_KEYS if config.get(k) is not None}
    net_kw.setdefault("n_inputs", int(len(X[0])))
    net_kw.setdefault("kernel_size", min(3, net_kw["n_inputs"]))
    net = Network(**net_kw)
    return Trainer(
        net, X, y,
        lr=config.get("lr", 0.2),
        mode=config.get("mode", "batch"),
        optimizer=config.get("optimizer", "gd"),
        batch_size=config.get("batch_size"),
        lr_decay=float(config.get("lr_decay", 1.0) or 1.0),
        dropout=float(config.get("dropout") or 0.0),
    )


class TrainingWorker(FileJobs, QObject):
    """Trains on its own thread; every slot is meant to be invoked through a queued signal."""

    frameReady = Signal(object)  # noqa: N815 — Frame
    stepped = Signal(object)  # StepFrame
    playingChanged = Signal(bool)  # noqa: N815
    stopped = Signal(str)  # why training stopped (epoch limit, divergence, loss below ε, an error)
    error = Signal(str)  # a command that could not be carried out; the old state is kept
    progress = Signal(int, int)  # done, total for run_epochs(n)
    networkChanged = Signal(object)  # noqa: N815 — {"net": Network copy, "X", "y", "config"}
    pong = Signal(int)  # answer to ping(token): every command sent before it has been handled

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
        self.stop_callback = None  # the stop panel's conditions (a StopHook), or None
        self.sample = 0
        self.speed: float | None = None  # epochs per second; None = flat out
        self.playing = False
        self._run_left = 0  # epochs still to run for run_epochs(n)
        self._run_total = 0
        self._due = 0.0  # fractional epochs owed at slow speed
        self._last_tick = 0.0
        self._last_emit = 0.0
        self._frame_cost = 0.0  # seconds the last frame took to build
        self._aborted = False
        self._series = SeriesBuilder()
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
            trainer = trainer_from(config)
            limit = limit_from(config.get("epoch_limit"))
            loss_below = config.get("loss_below")
            loss_below = None if loss_below in (None, 0) else float(loss_below)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            self.error.emit(f"Could not apply the settings: {exc}")
            return
        self._swap_in(trainer, dict(config), limit, loss_below)

    def _swap_in(self, trainer: Trainer, config: dict, limit: int, loss_below: float | None) -> None:
        self._set_playing(False)
        self._run_left = 0
        self.trainer = trainer
        self.config = config
        self.epoch_limit = limit
        self.loss_below = loss_below
        self.sample = 0
        self.last_step = None
        self._series.forget()
        self.networkChanged.emit({"net": trainer.net.copy(), "X": trainer.X.copy(),
                                  "y": trainer.y.copy(), "config": dict(config)})
        self._emit_frame(force=True)

    def _ensure(self) -> Trainer:
        if self.trainer is None:
            self.configure({})
        assert self.trainer is not None
        return self.trainer

    @Slot(int)
    def ping(self, token: int) -> None:
        """Answer with ``pong(token)``: the commands queued before this one have all been handled."""
        self.pong.emit(int(token))

    # ------------------------------------------------------------ playing
    def _refuse_diverged(self, t: Trainer) -> bool:
        if t.diverged:
            self._set_playing(False)
            self.stopped.emit(t.stopped_reason or DIVERGED)
            return True
        return False

    @Slot()
    def play(self) -> None:
        """Start training continuously (time-boxed chunks) until paused or stopped."""
        t = self._ensure()
        self.last_step = None
        if self._refuse_diverged(t):
            return
        if t.epoch >= self.epoch_limit:
            self._set_playing(False)
            self._emit_frame(force=True)
            self.stopped.emit(epoch_limit_message(self.epoch_limit))
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
        """Playing and Run N stop when the completed epochs reach ``n`` (0: no limit)."""
        try:
            self.epoch_limit = limit_from(n)
        except ValueError as exc:
            self.error.emit(f"{str(exc)[0].upper()}{str(exc)[1:]}.")

    @Slot(object)
    def set_stop_callback(self, hook) -> None:
        """Arm (or with None disarm) the stop conditions; the next training chunk uses them."""
        self.stop_callback = hook

    @Slot(int)
    def run_epochs(self, n: int) -> None:
        """Run ``n`` more epochs — at most up to the epoch limit — reporting ``progress``."""
        t = self._ensure()
        self.last_step = None
        if n <= 0 or self._refuse_diverged(t):
            return
        n = min(int(n), max(0, self.epoch_limit - t.epoch))
        self._set_playing(False)
        if n == 0:
            self._emit_frame(force=True)
            self.stopped.emit(epoch_limit_message(self.epoch_limit))
            return
        self._run_left = self._run_total = n
        self.progress.emit(0, self._run_total)
        self._timer.start(0)

    @Slot(int)
    def run_epochs_now(self, n: int) -> None:
        """Run ``n`` epochs in one go, then emit the frame (for screenshots and scripts)."""
        t = self._ensure()
        self.last_step = None
        self._set_playing(False)
        self._run_left = 0
        if n > 0:
            self._train(t, n, None)
        self._emit_frame(force=True)
        if t.diverged:
            self.stopped.emit(t.stopped_reason or DIVERGED)

    def _train(self, t: Trainer, n: int, budget: float | None) -> int | None:
        """``t.run`` with the stop conditions; an error is reported and stops everything (None)."""
        try:
            return t.run(n, loss_below=self.loss_below, time_budget=budget, callback=self.stop_callback)
        except (ValueError, ArithmeticError, TypeError, IndexError, KeyError, MemoryError) as exc:
            self._run_left = 0
            self._set_playing(False)
            self._emit_frame(force=True)
            self.stopped.emit(f"Training stopped: {exc}")
            return None

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
            n = min(self._run_left, max(0, self.epoch_limit - t.epoch))
        else:
            n = self.epoch_limit - t.epoch
            if self.speed is not None:
                self._due = min(self._due + (now - self._last_tick) * self.speed, max(self.speed, 1.0))
                n = min(n, int(self._due))
        self._last_tick = now
        ran = 0
        if n > 0:
            ran = self._train(t, n, self._chunk_budget(now))
            if ran is None:
                return
            if self.speed is not None and self._run_left == 0:
                self._due -= ran
        reason = self._stop_reason(t, ran, n)
        if self._run_left > 0:
            self._run_left -= ran
            self.progress.emit(self._run_total - self._run_left, self._run_total)
            if reason is None and self._run_left > 0 and t.epoch >= self.epoch_limit:
                reason = epoch_limit_message(self.epoch_limit)
            if reason is not None or self._run_left <= 0:
                self._run_left = 0
                self._emit_frame(force=True)
                if reason:
                    self.stopped.emit(reason)
                return
        elif self.playing:
            if reason is None and t.epoch >= self.epoch_limit:
                reason = epoch_limit_message(self.epoch_limit)
            if reason is not None:
                self._set_playing(False)
                self._emit_frame(force=True)
                self.stopped.emit(reason)
                return
        if ran:
            self._emit_frame()
        if self.speed is not None and self._run_left == 0:
            # Slow motion: wake when the next epoch is due (but at least every frame).
            wait = (1.0 - self._due) / self.speed if self._due < 1 else 0.0
            self._timer.start(max(self.pause_ms, min(int(wait * 1000), int(1000 / self.max_fps))))
        else:
            self._timer.start(self.pause_ms)

    def _stop_reason(self, t: Trainer, ran: int, n: int) -> str | None:
        if t.diverged:
            return t.stopped_reason or DIVERGED
        if self.loss_below is not None and t.stopped_reason and ran < n:
            return t.stopped_reason
        if self.stop_callback is not None and self.stop_callback.fired:
            return self.stop_callback.take()
        return None

    # ------------------------------------------------------------ stepping
    @Slot()
    def step_sample(self) -> None:
        """Step one sample forward/backward (and update when its batch completes); emit ``stepped``."""
        t = self._ensure()
        self.pause()
        if self._refuse_diverged(t):
            return
        try:
            result = t.step_sample()
        except (RuntimeError, ValueError, ArithmeticError) as exc:
            self.error.emit(str(exc))
            return
        try:
            # Right after the step, while t.net still holds the parameters that pass used.
            subs = substeps_for(t, result)
        except Exception as exc:  # noqa: BLE001 - a teaching aid must not stop training
            self.error.emit(f"Could not build the step-through: {exc}")
            subs = []
        self._emit_step(t, result, subs, 0, resumed=False)
        if result.get("diverged") or t.diverged:
            self.stopped.emit(t.stopped_reason or DIVERGED)

    def _emit_step(self, t: Trainer, result: dict, subs: list, start: int, resumed: bool) -> None:
        self.sample = int(result["sample"])
        after = self._frame(t, step=result)
        if after is None:
            self.error.emit("The step's values cannot be shown: they overflow.")
            return
        before = before_snapshot(t, result, after.snapshot)
        self.last_step = result
        self.frame_pending = True
        self._last_emit = time.perf_counter()
        start = max(0, min(int(start), len(subs) - 1))
        self.stepped.emit(StepFrame(result, subs, before, after, max(0, len(subs) - 1), start, resumed))

    def resume_step(self, step: dict, substep: int) -> None:
        """Show a stored step (a reopened workspace) at sub-step ``substep``, as when it was saved."""
        t = self._ensure()
        try:
            subs = substeps_for(t, step)
        except (KeyError, TypeError, ValueError, IndexError):
            return  # a step of another shape: the workspace opens without its step-through
        self._emit_step(t, step, subs, substep, resumed=True)

    @Slot()
    def step_epoch(self) -> None:
        """Finish the current epoch (or run one whole epoch)."""
        t = self._ensure()
        self.last_step = None
        self.pause()
        if self._refuse_diverged(t):
            return
        if not t.step_epoch():
            self._emit_frame(force=True)
            self.stopped.emit(t.stopped_reason or DIVERGED)
            return
        self._emit_frame(force=True)

    @Slot()
    def reset(self) -> None:
        """Re-initialise the network from its seed and forget the run (also recovers from divergence)."""
        t = self._ensure()
        self.last_step = None
        self._set_playing(False)
        self._run_left = 0
        t.reset()
        self._series.forget()
        self._emit_frame(force=True)

    # ------------------------------------------------------------ editing and viewing
    @Slot(str, float)
    def set_weight(self, name: str, value: float) -> None:
        """Set one parameter by name (the diagram's in-place edit); the views follow at once."""
        t = self._ensure()
        self.last_step = None
        self.pause()
        try:
            t.net.set_params({name: value})
        except ValueError as exc:
            self.error.emit(str(exc))
            return
        self._emit_frame(force=True)

    @Slot(int)
    def show_epoch(self, epoch: int) -> None:
        """Time travel: the recorded state of the network after ``epoch`` epochs (nearest kept).

        The history's row for epoch e holds the parameters used in epoch e, i.e. the network
        after e − 1 epochs; asking for the last epoch trained shows the live state.
        """
        t = self._ensure()
        self.pause()
        epoch = int(epoch)
        if t.history.n == 0 or (epoch >= t.epoch and not t.mid_epoch):
            self._emit_frame(force=True)
            return
        try:
            snap = snapshot_at_epoch(t, epoch + 1, self.sample)
        except (OverflowError, FloatingPointError, ValueError):
            self.error.emit(f"Epoch {epoch_text(epoch)} cannot be shown: its values overflow.")
            return
        self.frame_pending = True
        self._last_emit = time.perf_counter()
        self.frameReady.emit(Frame(snap, None))

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
        """Emit the current state and its curves again."""
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
        """``chunk_s``, cut short so the chunk ends when the next frame is due."""
        if self.frame_pending:
            return self.chunk_s
        due = self._last_emit + self._frame_interval() - now
        return min(self.chunk_s, max(due, 0.001))

    def _frame_interval(self) -> float:
        """Seconds between frames: the frame rate, slowed so frames take ≤ FRAME_SHARE of the time."""
        return max(1.0 / self.max_fps, self._frame_cost / FRAME_SHARE)

    def _emit_frame(self, force: bool = False, step: dict | None = None) -> None:
        """Send the live state and its curves, unless the GUI has not drawn the last one (coalescing)."""
        t = self.trainer
        if t is None:
            return
        now = time.perf_counter()
        if not force and (self.frame_pending or now - self._last_emit < self._frame_interval()):
            return
        frame = self._frame(t, step)
        if frame is None:
            return
        self._frame_cost = time.perf_counter() - now
        self.frame_pending = True
        self._last_emit = now
        self.frames_sent += 1
        self.frameReady.emit(frame)

    def _frame(self, t: Trainer, step: dict | None = None) -> Frame | None:
        snap = self._snapshot(t, step)
        if snap is None:
            return None
        return Frame(snap, self._series.build(t, snap if snap.live else None))

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
