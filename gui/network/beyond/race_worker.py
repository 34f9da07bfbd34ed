"""The optimiser race's racers: one Trainer each on its own QThread, taking turns at one gate.

NumPy at this size is many tiny calls that hold the GIL (docs/pitfalls.md), so the racers share
one lock: the holder trains for ``CHUNK_S`` and then sleeps ``PAUSE_S`` before letting go, which
leaves the GUI thread a free window for the interpreter after every chunk, however many racers.
"""

from __future__ import annotations

import math
import threading
import time

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from core import Trainer

CHUNK_S = 0.004  # seconds of training per turn at the gate
PAUSE_S = 0.003  # sleep after each turn, still holding the gate: the GUI thread's window
EMIT_S = 0.1  # at most this often a racer sends its curve to the GUI
JOIN_MS = 5000  # how long shutting down waits for a racer's thread
MAX_BINS = 600  # log-spaced bins drawn per curve (each keeps its lowest and highest loss)


class _DecadeAxis(pg.AxisItem):
    """A log axis that labels only whole decades when the view spans one, so labels never pile up."""

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        strings = super().logTickStrings(values, scale, spacing)
        low, high = sorted(self.range)
        if math.floor(high) - math.ceil(low) < 1:  # under two decades in view: label every tick
            return strings
        return [s if abs(v - round(v)) < 1e-9 else "" for v, s in zip(values, strings, strict=True)]


class _RaceWorker(QObject):
    """Trains one racer's Trainer on its own thread until N epochs, divergence or cancel."""

    progressed = Signal(int, str, object)  # race id, key, {"epochs", "loss", "epoch", "reason"}
    done = Signal(int, str)  # race id, key

    def __init__(self, race: int, key: str, trainer: Trainer, n_epochs: int, gate: threading.Lock) -> None:
        super().__init__()
        self.race, self.key, self.trainer, self.n_epochs, self.gate = race, key, trainer, n_epochs, gate
        # Set from the GUI thread; a bool assignment is atomic under the GIL.
        self.cancelled = False

    def _payload(self) -> dict:
        h = self.trainer.history
        return {"epochs": h.epochs.copy(), "loss": h.loss.copy(), "epoch": self.trainer.epoch,
                "reason": self.trainer.stopped_reason}

    @Slot()
    def run(self) -> None:
        t = self.trainer
        last = 0.0
        try:
            while not self.cancelled and t.epoch < self.n_epochs and not t.diverged:
                with self.gate:
                    if self.cancelled:
                        break
                    ran = t.run(self.n_epochs - t.epoch, time_budget=CHUNK_S)
                    time.sleep(PAUSE_S)  # releases the GIL while the others wait at the gate
                if ran == 0:
                    break
                now = time.perf_counter()
                if now - last >= EMIT_S:
                    last = now
                    self.progressed.emit(self.race, self.key, self._payload())
        finally:
            self.progressed.emit(self.race, self.key, self._payload())
            self.done.emit(self.race, self.key)
            QThread.currentThread().quit()  # Qt 6: a quit before exec() makes exec() return at once


def thin_log(epochs: np.ndarray, loss: np.ndarray, bins: int = MAX_BINS) -> tuple[np.ndarray, np.ndarray]:
    """Fewer points for a log-epoch plot: each log-spaced bin of epochs is drawn as a vertical
    stroke from its highest to its lowest loss, so oscillations stay visible but a redraw is cheap."""
    n = len(epochs)
    if n <= 2 * bins:
        return epochs, loss
    starts = np.unique(np.geomspace(1, n, bins).astype(np.int64) - 1)
    hi = np.maximum.reduceat(loss, starts)
    lo = np.minimum.reduceat(loss, starts)
    return np.repeat(epochs[starts], 2), np.column_stack([hi, lo]).ravel()


def _stop_runs(runs: list) -> None:
    """Cancel every racer and wait for its thread (module-level: called while the widget dies)."""
    for _thread, worker in runs:
        worker.cancelled = True
    for thread, _worker in runs:
        if shiboken6.isValid(thread):  # at exit Qt may have deleted it already (then it has stopped)
            thread.quit()
            thread.wait(JOIN_MS)
