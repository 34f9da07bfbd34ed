"""Runs the image lab's pipeline off the GUI thread, latest request wins.

Why: a 1024×1024 image through three kernels takes tens of milliseconds, and a
learner dragging a spin box asks for dozens of recomputes a second. The GUI thread
must never compute (architecture.md). So:

* requests are debounced (``DEBOUNCE_MS``), then handed to a private one-thread
  ``QThreadPool``;
* at most one job runs; newer requests replace the single pending one, so a backlog
  never builds up;
* every request has an id; a finished job whose id is not the latest is discarded
  (its settings are already stale), so the view only ever shows the newest result.

The pipeline is a handful of large NumPy calls, which release the GIL, so the GUI
thread stays responsive while a job runs (pitfalls.md: many *small* calls would not).
"""

from __future__ import annotations

import time
import traceback

import numpy as np
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from gui.image_lab.pipeline import (
    PipelineResult,
    PipelineSettings,
    display_levels,
    run_pipeline,
)

DEBOUNCE_MS = 30  # wait this long after the last change before starting a job
BUSY_AFTER_MS = 150  # announce "computing…" only for jobs slower than this


class _Relay(QObject):
    """Carries a job's outcome from the pool thread to the GUI thread (queued signal).

    It has no parent on purpose: the running job keeps it alive through its Python
    reference, so a job finishing during shutdown never emits on a deleted object.
    """

    done = Signal(int, object, str)  # request id, PipelineResult or None, error message


class FilterWorker(QObject):
    """Debounced, latest-request-wins filtering on a private worker thread."""

    resultReady = Signal(int, object)  # request id, PipelineResult (only the latest request)
    failed = Signal(int, str)  # request id, a message a learner can act on
    busyChanged = Signal(bool)  # True while a job has run longer than BUSY_AFTER_MS

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self._start_pending)
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(lambda: self._set_busy(True))
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._latest_id = 0  # id of the newest request
        self._pending: tuple[int, np.ndarray, PipelineSettings] | None = None
        self._running = False
        self._busy = False
        self._closed = False
        self.last_job_ms = 0.0  # wall time of the last finished job, for the status line

    # ------------------------------------------------------------------ requests

    def request(self, image: np.ndarray, settings: PipelineSettings) -> int:
        """Ask for ``image`` filtered with ``settings``; returns the request id.

        Replaces any request not yet started; starts after the debounce delay.
        """
        if self._closed:
            return self._latest_id
        self._latest_id += 1
        self._pending = (self._latest_id, image, settings)
        self._debounce.start()
        return self._latest_id

    def is_idle(self) -> bool:
        """True when nothing is pending, debouncing or running."""
        return not self._running and self._pending is None and not self._debounce.isActive()

    @property
    def latest_id(self) -> int:
        """The id of the newest request."""
        return self._latest_id

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop accepting requests and wait for a running job; True if the thread is idle.

        Call before the owning widget goes away (the main window's close).
        """
        self._closed = True
        self._debounce.stop()
        self._busy_timer.stop()
        self._pending = None
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
        relay = self._relay

        def job() -> None:  # runs on the pool thread: pure NumPy, no Qt objects touched
            t0 = time.perf_counter()
            try:
                result: PipelineResult | None = run_pipeline(image, settings)
                error = ""
            except ValueError as exc:
                result, error = None, str(exc)
            except Exception as exc:  # a bug, not a setting: report it, keep the GUI alive
                result, error = None, f"internal error: {exc!r}"
                traceback.print_exc()
            if result is not None:  # colour scales too, so the GUI thread only draws
                result.elapsed_ms = (time.perf_counter() - t0) * 1000
                result.levels = {s: display_levels(m) for s, m in result.stages.items()
                                 if s != "input"}
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
                self.resultReady.emit(request_id, result)
        if self._pending is not None and not self._debounce.isActive():
            self._start_pending()  # a newer request arrived while this one ran

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)
