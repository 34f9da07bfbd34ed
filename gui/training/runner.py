"""The training loop every tab shares: time-boxed chunks on a worker thread, coalesced frames.

A tab's worker subclasses ``ChunkedRunner`` and says what one *unit* of training is (an epoch
of the chapter's network, a batch of the image CNN), how to run some within a time budget, and
how to build a frame; play, pause, slow motion, "run N", the limit, ``ping`` and the frame
handshake are written once, here.

Why the odd shape of the loop: NumPy at these sizes is many tiny calls, each holding the GIL,
so a worker that trains non-stop starves the GUI thread (docs/pitfalls.md). Playing therefore
trains in time-boxed chunks (``CHUNK_S``) and then returns to the worker's event loop for
``PAUSE_MS``, where the GIL is free. Frames are coalesced: at most one is "in flight" to the GUI
(the window calls ``frame_drawn()`` once the views have painted it), at most ``MAX_FPS`` a
second, and building frames never takes more than ``FRAME_SHARE`` of the worker's time (a frame
of a 100,000-sample data set is a forward pass over all of it). Every way a run ends — the
limit, Run N, a stop condition, Pause, an error — sends the latest state at once.

With ``pace_by_gui`` the frames are also spaced by what DRAWING them costs the GUI thread: the
time from sending a frame until the window says it has painted it (``gui_cost``, a running
estimate) plus building it take at most ``gui_share`` of the time, and training waits for that
paint (up to ``GUI_WAIT_S``). A paint that runs while the worker trains takes several times
longer — each of its Python callbacks waits for the GIL — so this is what keeps the window's
timers on time at every data-set size (bench/gui_scale.py). The one throttle is this frame rate:
every view draws every frame, so no view shows another moment than the rest.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

from gui.widgets.i18n import say, say_error

CHUNK_S = 0.006  # seconds of training per chunk while playing flat out
PAUSE_MS = 1  # event-loop pause between chunks: the GUI thread's window for the GIL
MAX_FPS = 30  # at most this many frames a second reach the GUI (target: >= 25 drawn)
MAX_GUI_WAIT_S = 0.02  # train anyway if the GUI has not painted the last frame after this long
FRAME_SHARE = 0.25  # frames may take at most this share of the worker's time
GUI_WAIT_S = 0.25  # pace_by_gui: hold training this long at most while the GUI draws and paints a frame
GUI_SHARE = 0.6  # pace_by_gui: frames (built here, drawn there) take at most this share of the time
GUI_COST_SMOOTHING = 0.3  # weight of the newest measurement in the running GUI cost
TRAINING_ERRORS = (ValueError, ArithmeticError, TypeError, IndexError, KeyError, MemoryError)


class ChunkedRunner(QObject):
    """Play / pause / run N / slow motion over ``_advance``; subclasses supply the training."""

    frameReady = Signal(object)  # noqa: N815 — what the window draws (the subclass's frame type)
    playingChanged = Signal(bool)  # noqa: N815
    stopped = Signal(str)  # why training stopped (the limit, divergence, a stop condition, an error)
    error = Signal(str)  # a command that could not be carried out; the old state is kept
    progress = Signal(int, int)  # done, total for a run of N units
    pong = Signal(int)  # answer to ping(token): every command sent before it has been handled

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chunk_s = CHUNK_S
        self.pause_ms = PAUSE_MS
        self.max_fps = MAX_FPS
        self.wait_for_gui = True  # hold training while the GUI draws the last frame
        self.max_gui_wait_s = MAX_GUI_WAIT_S  # … but at most this long (a tab with slow paints waits longer)
        self.speed: float | None = None  # units per second; None = flat out
        self.playing = False
        self._run_left = 0  # units still to run for a run of N
        self._run_total = 0
        self._due = 0.0  # fractional units owed at slow speed
        self._last_tick = 0.0
        self._last_emit = 0.0
        self._frame_cost = 0.0  # seconds the last frame took to build
        self._aborted = False
        # Read/written by both threads; a bool assignment is atomic under the GIL.
        self.frame_pending = False
        self.frames_sent = 0
        self.pace_by_gui = False  # space frames by the GUI's measured drawing time (the module docstring)
        self.gui_share = GUI_SHARE
        self.gui_cost = 0.0  # seconds the GUI takes to draw and paint a frame (running estimate)
        self._drawing_since: float | None = None  # when the frame the GUI is drawing was sent
        self._timer = QTimer(self)  # moves to the worker thread with its parent
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    # ------------------------------------------------------------ what a subclass supplies
    def _ready(self) -> bool:
        """Whether there is something to train (a model has been configured)."""
        raise NotImplementedError

    def _position(self) -> int:
        """Units trained so far (epochs of the 1D network, batches of the image CNN)."""
        raise NotImplementedError

    def _limit(self) -> int:
        """The unit count at which playing and runs stop."""
        raise NotImplementedError

    def _limit_message(self) -> str:
        raise NotImplementedError

    def _advance(self, n: int, budget: float | None) -> int:
        """Train up to ``n`` units within ``budget`` seconds; return how many ran."""
        raise NotImplementedError

    def _stop_reason(self, ran: int, n: int) -> str | None:
        """Why the last ``_advance`` ended the run (divergence, a stop condition), or None."""
        return None

    def _build_frame(self):
        """The frame to send now, or None when there is nothing to show."""
        raise NotImplementedError

    def _refused(self) -> str | None:
        """A reason training cannot go on at all (e.g. it diverged), or None."""
        return None

    # ------------------------------------------------------------ commands
    @Slot(int)
    def ping(self, token: int) -> None:
        """Answer with ``pong(token)``: the commands queued before this one have all been handled."""
        self.pong.emit(int(token))

    def _refuse(self) -> bool:
        reason = self._refused()
        if reason:
            self._set_playing(False)
            self.stopped.emit(say(reason))
            return True
        return False

    def start_playing(self) -> None:
        """Start training continuously (time-boxed chunks) until paused or stopped.

        Subclasses expose it as their ``play`` slot (a slot overridden in a subclass makes PySide6
        run it on the wrong thread, so the base has none of that name)."""
        if not self._ready() or self._refuse():
            return
        if self._position() >= self._limit():
            self._set_playing(False)
            self._emit_frame(force=True)
            self.stopped.emit(say(self._limit_message()))
            return
        self._run_left = 0
        self._set_playing(True)
        self._due = 0.0
        self._last_tick = time.perf_counter()
        self._timer.start(0)

    @Slot()
    def resume(self) -> None:
        """The window has painted the last frame (pace_by_gui): train on now rather than at the
        wait's end. The window invokes it queued, after ``frame_drawn``; polling every millisecond
        instead took the GIL from the painting GUI thread a thousand times a second."""
        if self.pace_by_gui and (self.playing or self._run_left > 0) and not self.frame_pending:
            self._timer.start(0)

    @Slot()
    def pause(self) -> None:
        """Stop training after the current chunk and show the latest state."""
        was = self.playing or self._run_left > 0
        self._run_left = 0
        self._set_playing(False)
        if was and self._ready():
            self._emit_frame(force=True)

    def _set_playing(self, on: bool) -> None:
        if not on:
            self._timer.stop()
        if on != self.playing:
            self.playing = on
            self.playingChanged.emit(on)

    @Slot(object)
    def set_speed(self, units_per_second: float | None) -> None:
        """Slow motion: units per second, or None / inf / ≤ 0 for flat out."""
        if units_per_second is None or not math.isfinite(units_per_second) or units_per_second <= 0:
            self.speed = None
        else:
            self.speed = float(units_per_second)
        self._due = 0.0
        self._last_tick = time.perf_counter()

    def run_units(self, n: int) -> None:
        """Run ``n`` more units — at most up to the limit — reporting ``progress``."""
        if n <= 0 or not self._ready() or self._refuse():
            return
        n = min(int(n), max(0, self._limit() - self._position()))
        self._set_playing(False)
        if n == 0:
            self._emit_frame(force=True)
            self.stopped.emit(say(self._limit_message()))
            return
        self._run_left = self._run_total = n
        self.progress.emit(0, self._run_total)
        self._timer.start(0)

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

    # ------------------------------------------------------------ the loop
    def _train(self, n: int, budget: float | None) -> int | None:
        """``_advance`` with errors reported: a failure stops everything and says why (None)."""
        try:
            return self._advance(n, budget)
        except TRAINING_ERRORS as exc:
            self._run_left = 0
            self._set_playing(False)
            self._emit_frame(force=True)
            self.stopped.emit(self.tr("Training stopped: {exc}").format(exc=say_error(exc)))
            return None

    def _tick(self) -> None:
        """One chunk of playing or of a run, then back to the event loop."""
        if not self._ready() or self._aborted or not (self.playing or self._run_left > 0):
            return
        now = time.perf_counter()
        if self.wait_for_gui and self.frame_pending and now - self._last_emit < self.max_gui_wait_s:
            # The GUI is still drawing the last frame: training now would make every Python
            # callback of its paint wait for the GIL (the convoy effect). Let it finish first.
            if self.pace_by_gui:  # woken by resume(): no Python polling while the GUI paints
                self._timer.start(max(1, math.ceil((self.max_gui_wait_s - (now - self._last_emit)) * 1000)))
            else:
                self._timer.start(1)
            return
        if self.pace_by_gui:
            self._note_gui_cost(now)
        room = max(0, self._limit() - self._position())
        if self._run_left > 0:
            n = min(self._run_left, room)
        else:
            n = room
            if self.speed is not None:
                self._due = min(self._due + (now - self._last_tick) * self.speed, max(self.speed, 1.0))
                n = min(n, int(self._due))
        self._last_tick = now
        ran = 0
        if n > 0:
            ran = self._train(n, self._chunk_budget(now))
            if ran is None:
                return
            if self.speed is not None and self._run_left == 0:
                self._due -= ran
        reason = self._stop_reason(ran, n)
        if self._run_left > 0:
            self._run_left -= ran
            self.progress.emit(self._run_total - self._run_left, self._run_total)
            if reason is None and self._run_left > 0 and self._position() >= self._limit():
                reason = self._limit_message()
            if reason is not None or self._run_left <= 0:
                self._run_left = 0
                self._emit_frame(force=True)
                if reason:
                    self.stopped.emit(say(reason))
                return
        elif self.playing:
            if reason is None and self._position() >= self._limit():
                reason = self._limit_message()
            if reason is not None:
                self._set_playing(False)
                self._emit_frame(force=True)
                self.stopped.emit(say(reason))
                return
        if ran:
            self._emit_frame()
        if self.speed is not None and self._run_left == 0:
            # Slow motion: wake when the next unit is due (but at least every frame).
            wait = (1.0 - self._due) / self.speed if self._due < 1 else 0.0
            self._timer.start(max(self.pause_ms, min(int(wait * 1000), int(1000 / self.max_fps))))
        else:
            self._timer.start(self.pause_ms)

    # ------------------------------------------------------------ frames
    def _chunk_budget(self, now: float) -> float:
        """``chunk_s``, cut short so the chunk ends when the next frame is due."""
        if self.frame_pending:
            return self.chunk_s
        due = self._last_emit + self._frame_interval() - now
        return min(self.chunk_s, max(due, 0.001))

    def _frame_interval(self) -> float:
        """Seconds between frames: the frame rate, slowed so frames take ≤ FRAME_SHARE of the time
        (and with ``pace_by_gui``, building plus drawing them ≤ ``gui_share``)."""
        interval = max(1.0 / self.max_fps, self._frame_cost / FRAME_SHARE)
        if self.pace_by_gui:
            interval = max(interval, (self._frame_cost + self.gui_cost) / self.gui_share)
        return interval

    def _note_gui_cost(self, now: float) -> None:
        """Training may resume: if the GUI has released the last frame of a run, drawing it took
        ``now − sent`` (to within the 1 ms the loop polls at); a wait cut short counts as the whole wait."""
        since = self._drawing_since
        if since is None or not self.playing:
            return
        cost = now - since
        if self.frame_pending:
            if cost < self.max_gui_wait_s:
                return  # still drawing (a run of N does not wait)
            cost = self.max_gui_wait_s
        self._drawing_since = None
        if cost < 1.0:  # longer: not a drawing time (the window was busy elsewhere)
            a = GUI_COST_SMOOTHING
            self.gui_cost = cost if self.gui_cost == 0.0 else (1 - a) * self.gui_cost + a * cost

    def _emit_frame(self, force: bool = False) -> None:
        """Send the latest state, unless the GUI has not drawn the last one (coalescing)."""
        if not self._ready():
            return
        now = time.perf_counter()
        if not force and (self.frame_pending or now - self._last_emit < self._frame_interval()):
            return
        frame = self._build_frame()
        if frame is None:
            return
        self._frame_cost = time.perf_counter() - now
        self._sent(now)
        self.frameReady.emit(frame)

    def _sent(self, now: float | None = None) -> None:
        """Book a frame as sent (also for frames a subclass emits itself, such as steps)."""
        self.frame_pending = True
        self._last_emit = time.perf_counter() if now is None else now
        self.frames_sent += 1
        if self.pace_by_gui:
            self._drawing_since = self._last_emit if self.playing else None  # only a run's frames pace it
