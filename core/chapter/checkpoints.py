"""What the trainer's loops hold on to: a checkpoint to roll back to, and BLAS held to one thread.

``Checkpoint`` keeps the parameters, optimiser moments, epoch, history length and random
streams, so a stop or a divergence inside a block of epochs can roll back and replay exactly the
good ones. ``blas_one_thread`` pins OpenBLAS to one thread (threadpoolctl, when installed) for
shapes whose thin matrix products gain nothing from a second thread, leaving the other core to
the window; entering it costs microseconds, so it can wrap every call.
"""

from __future__ import annotations

import math
import threading
from contextlib import contextmanager

import numpy as np

# --------------------------------------------------------------------------- BLAS threads
_blas_lock = threading.Lock()
_blas_users = 0
_blas_saved: list[tuple[object, int]] = []
_blas_libs: list | None = None


def _libs() -> list:
    global _blas_libs
    if _blas_libs is None:
        try:
            from threadpoolctl import ThreadpoolController

            _blas_libs = list(ThreadpoolController().select(user_api="blas").lib_controllers)
        except Exception:  # noqa: BLE001 - no threadpoolctl, or a BLAS it cannot drive: run as is
            _blas_libs = []
    return _blas_libs


@contextmanager
def blas_one_thread(active: bool = True):
    """BLAS on one thread inside the block (re-entrant and thread-safe: the last user restores).

    Built once on threadpoolctl's controller (a few µs to enter, where ``threadpool_limits``
    re-scans the loaded libraries, ~0.3 ms); ``active=False`` costs nothing.
    """
    global _blas_users
    if not active:
        yield
        return
    with _blas_lock:
        if _blas_users == 0:
            _blas_saved.clear()
            for lib in _libs():
                n = lib.get_num_threads()
                if n != 1:
                    _blas_saved.append((lib, n))
                    lib.set_num_threads(1)
        _blas_users += 1
    try:
        yield
    finally:
        with _blas_lock:
            _blas_users -= 1
            if _blas_users == 0:
                for lib, n in _blas_saved:
                    lib.set_num_threads(n)
                _blas_saved.clear()


# --------------------------------------------------------------------------- checkpoints
class Checkpoint:
    """The state a trainer can be rolled back to: parameters, optimiser, epoch, history rows, RNGs."""

    def __init__(self, t) -> None:
        self.theta = np.empty_like(t.net.theta)
        moments = (getattr(t.opt, a, None) for a in ("m", "v"))  # momentum's v; Adam's m and v
        self._moments = [a for a in moments if isinstance(a, np.ndarray)]
        self._saved = [np.empty_like(a) for a in self._moments]
        self.steps = self.epoch = self.rows = 0
        self.rng = self.drop = None

    def capture(self, t, rng: bool = False) -> None:
        np.copyto(self.theta, t.net.theta)
        for src, dst in zip(self._moments, self._saved, strict=True):
            np.copyto(dst, src)
        self.steps, self.epoch, self.rows = t.opt.t, t.epoch, t.history.n
        self.rng = t.rng.bit_generator.state if rng else None
        self.drop = t.drop_rng.bit_generator.state if t.dropout else None

    def restore(self, t) -> None:
        np.copyto(t.net.theta, self.theta)
        for dst, src in zip(self._moments, self._saved, strict=True):
            np.copyto(dst, src)
        t.opt.t, t.epoch = self.steps, self.epoch
        t.history.truncate(self.rows)
        if self.rng is not None:
            t.rng.bit_generator.state = self.rng
        if self.drop is not None:
            t.drop_rng.bit_generator.state = self.drop

    def moments_finite(self) -> bool:
        return all(math.isfinite(float(a.sum())) for a in self._moments)
