"""Runs the image lab's pipeline off the GUI thread: discrete changes at once, latest request wins.

Why: a 4096² image through three kernels takes tens of milliseconds, and a learner clicking a
spin box's arrow asks for a recompute per click. The GUI thread must never compute
(architecture.md). So:

* a discrete change (an arrow click, a tick, a choice) starts at once; only a change that is
  still moving — typing digits or a kernel — waits ``TYPING_MS`` for the next keystroke;
* one private pool thread runs at most one job; a newer request replaces the single pending
  one, so a backlog never builds up, and a slow job (``CANCEL_AFTER_MS``) is cancelled between
  two bands of rows rather than finished for nothing;
* every request has an id; a finished job whose id is not the latest is dropped, so the view
  only ever shows the newest result;
* the job also makes the display images and colour scales (``display.prepare``, from the sums
  ``display.BandDisplay`` gathers while the pipeline's bands are in cache): the GUI thread only
  paints.

The pipeline is a few large NumPy calls, which release the GIL, so the GUI thread stays
responsive while a job runs (pitfalls.md: many *small* calls would not). ``shutdown`` cancels
the running job and waits for it, so closing the window mid-filter exits cleanly.
"""

from __future__ import annotations

import os
import threading
import time
import traceback

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal

from gui.image_lab import display
from gui.image_lab.looks import GREY_CMAP, SIGNED_CMAP, colour_table
from gui.image_lab.pipeline import Buffers, Cancelled, PipelineResult, PipelineSettings, run_pipeline
from gui.widgets.i18n import say_error

TYPING_MS = 250  # a change still being typed waits this long for the next keystroke
DEBOUNCE_MS = TYPING_MS  # the old name
BUSY_AFTER_MS = 150  # announce "computing…" only for jobs slower than this
# Pool and make the display images of each band on a second thread while the next band is filtered
# (NumPy releases the GIL in its loops; the results are the same). ``bench/bench_lab.py`` on a quiet
# 2-core machine, change → painted: 4096², three kernels + max pool + depth pool, 157–160 → 132–133
# ms; 2048², 51 → 45 ms (when other programs kept both cores busy, an earlier run saw no gain).
# (The CPUs this process may run on: a container or ``taskset`` may allow fewer than the machine has.)
PARALLEL = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1) >= 2
CANCEL_AFTER_MS = 300  # a newer request cancels the running job if jobs take longer than this


translate = QCoreApplication.translate


class _Relay(QObject):
    """Carries a job's outcome from the pool thread to the GUI thread (queued signal).

    It has no parent on purpose: the running job keeps it alive through its Python
    reference, so a job finishing during shutdown never emits on a deleted object.
    """

    done = Signal(int, object, str)  # request id, PipelineResult or None, error message


class FilterWorker(QObject):
    """Latest-request-wins filtering on a private worker thread."""

    resultReady = Signal(int, object)  # request id, PipelineResult (only the latest request)
    failed = Signal(int, str)  # request id, a message a learner can act on
    busyChanged = Signal(bool)  # True while a job has run longer than BUSY_AFTER_MS

    def __init__(self, parent: QObject | None = None, debounce_ms: int = TYPING_MS) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self._start_pending)
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self._announce_busy)
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._tables = {"signed": colour_table(SIGNED_CMAP), "grey": colour_table(GREY_CMAP)}
        self._latest_id = 0  # id of the newest request
        self._pending: tuple[int, np.ndarray, PipelineSettings] | None = None
        self._running = False
        self._stop = threading.Event()  # the running job's cancel flag
        self._busy = False
        self._closed = False
        self._previous: PipelineResult | None = None  # the last result delivered (its conv is reused)
        self._buffers = Buffers()  # the stages' arrays, reused once no result holds them
        self.last_job_ms = 0.0  # wall time of the last finished job, for the status line
        self.display_side = display.DISPLAY_SIDE  # display images about this size (the view's cells)

    # ------------------------------------------------------------------ requests

    def request(self, image: np.ndarray, settings: PipelineSettings, moving: bool = False) -> int:
        """Ask for ``image`` filtered with ``settings``; returns the request id.

        Replaces any request not yet started. ``moving``: the control is still changing (typing),
        so wait for it to settle; otherwise start as soon as the thread is free.
        """
        if self._closed:
            return self._latest_id
        self._latest_id += 1
        self._pending = (self._latest_id, image, settings)
        if self._running and self.last_job_ms > CANCEL_AFTER_MS:
            self._stop.set()  # a slow stale job: stop it between two bands
        if moving:
            self._debounce.start()
        else:
            self._debounce.stop()
            self._start_pending()
        return self._latest_id

    def cancel(self) -> None:
        """Drop the pending request and stop the running one (its result will not be shown)."""
        self._pending = None
        self._debounce.stop()
        self._latest_id += 1
        self._stop.set()

    def forget_previous(self) -> None:
        """Let go of the last result and spare arrays (the next job filters from scratch)."""
        self._previous = None
        if not self._running:
            self._buffers = Buffers()

    def is_idle(self) -> bool:
        """True when nothing is pending, debouncing or running."""
        return not self._running and self._pending is None and not self._debounce.isActive()

    @property
    def latest_id(self) -> int:
        """The id of the newest request."""
        return self._latest_id

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop accepting requests, cancel the running job and wait for it; True if the thread is idle.

        Call before the owning widget goes away (the main window's close).
        """
        self._closed = True
        self._debounce.stop()
        self._busy_timer.stop()
        self._pending = None
        self._previous = None
        self._stop.set()
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)

    # ------------------------------------------------------------------ internals

    def _start_pending(self) -> None:
        if self._running or self._pending is None or self._closed:
            return
        request_id, image, settings = self._pending
        self._pending = None
        self._running = True
        self._busy_timer.start()
        self._stop = stop = threading.Event()
        relay, tables, previous, buffers = self._relay, self._tables, self._previous, self._buffers
        side = self.display_side

        def job() -> None:  # runs on the pool thread: pure NumPy, no Qt objects touched
            t0 = time.perf_counter()
            result: PipelineResult | None = None
            try:
                bands = display.BandDisplay(side)  # display images made while the rows are in cache
                result = run_pipeline(image, settings, cancel=stop.is_set, previous=previous, buffers=buffers,
                                      on_band=bands, parallel=PARALLEL)
                display.prepare(result, tables, previous, side, bands)
                result.elapsed_ms = (time.perf_counter() - t0) * 1000
                error = ""
            except Cancelled:
                result, error = None, "cancelled"
            except ValueError as exc:
                result, error = None, say_error(exc)
            except MemoryError:
                result, error = None, translate("FilterWorker", "not enough memory: tick fewer kernels or "
                                                "open a smaller image")
            except Exception as exc:  # a bug, not a setting: report it, keep the GUI alive
                result, error = None, translate("FilterWorker", "internal error: {exc!r}").format(exc=exc)
                traceback.print_exc()
            relay.done.emit(request_id, result, error)

        self._pool.start(job)

    def _on_done(self, request_id: int, result: object, error: str) -> None:
        self._running = False
        self._busy_timer.stop()
        self._set_busy(False)
        if self._closed:
            return
        if isinstance(result, PipelineResult):
            self.last_job_ms = result.elapsed_ms
        if request_id == self._latest_id:  # stale results are dropped silently
            if error:
                self.failed.emit(request_id, error)
            else:
                self._previous = result
                self.resultReady.emit(request_id, result)
        if self._pending is not None and not self._debounce.isActive():
            self._start_pending()  # a newer request arrived while this one ran

    def _announce_busy(self) -> None:
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)
