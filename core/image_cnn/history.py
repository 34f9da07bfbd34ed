"""The record of an image-CNN run: per-epoch loss and accuracy, and parameter snapshots.

Snapshots let a view travel back in time (draw the network as it was after epoch e), but a
LeNet-sized network's parameters are half a megabyte, so they are kept like the 1D core's
history: every epoch up to a limit, then on a grid whose step doubles each time the buffer
fills, inside a memory budget (64 MB). Which epochs are kept depends only on epoch numbers,
so a run resumed from a saved state records exactly what an uninterrupted run would.
The metrics (four numbers an epoch) follow the same rule with a far larger row limit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

METRICS = ("train_loss", "train_acc", "val_loss", "val_acc")
SNAPSHOT_BUDGET = 64 * 2**20
METRIC_ROWS = 2**20  # 32 MB of metrics: every epoch for a million epochs, then thinned


class ThinnedRows:
    """Rows of ``width`` floats labelled by epoch, thinned on a doubling grid past ``keep_all``."""

    def __init__(self, width: int, max_rows: int, min_rows: int = 16) -> None:
        self.width = int(width)
        self.max_rows = max(min_rows, int(max_rows))
        self.keep_all = self.max_rows // 2
        self.stride = 1  # beyond keep_all, epochs with (e − keep_all) % stride == 0 are kept
        self.n = 0
        cap = min(64, self.max_rows)
        self._epochs = np.zeros(cap, dtype=np.int64)
        self._rows = np.zeros((cap, self.width))

    def wants(self, epoch: int) -> bool:
        """Whether ``epoch`` lies on the current grid (cheap; called every epoch)."""
        return epoch <= self.keep_all or (epoch - self.keep_all) % self.stride == 0

    def record(self, epoch: int, row: np.ndarray) -> None:
        """Append ``epoch``'s row when the grid keeps it (epochs arrive in increasing order)."""
        if not self.wants(epoch):
            return
        if self.n == self._epochs.shape[0]:
            self._make_room()
            if not self.wants(epoch):
                return
        self._epochs[self.n] = epoch
        self._rows[self.n] = row
        self.n += 1

    def _make_room(self) -> None:
        cap = self._epochs.shape[0]
        if cap < self.max_rows:
            new = min(self.max_rows, 2 * cap)
            self._epochs = np.resize(self._epochs, new)
            self._rows = np.resize(self._rows, (new, self.width))
            return
        self.stride *= 2  # full at the budget: double the grid step, drop rows off the new grid
        e = self._epochs[: self.n]
        keep = (e <= self.keep_all) | ((e - self.keep_all) % self.stride == 0)
        m = int(keep.sum())
        self._epochs[:m] = e[keep]
        self._rows[:m] = self._rows[: self.n][keep]
        self.n = m

    @property
    def epochs(self) -> np.ndarray:
        return self._epochs[: self.n]

    @property
    def rows(self) -> np.ndarray:
        return self._rows[: self.n]

    def nearest(self, epoch: int) -> int:
        """Index of the recorded row whose epoch is nearest to ``epoch`` (the earlier on a tie)."""
        if self.n == 0:
            raise IndexError("nothing recorded yet")
        e = self.epochs
        i = int(np.searchsorted(e, epoch))
        if i >= self.n:
            return self.n - 1
        if i > 0 and epoch - e[i - 1] <= e[i] - epoch:
            return i - 1
        return i

    def state(self, prefix: str) -> dict:
        return {f"{prefix}_epochs": self.epochs.copy(), f"{prefix}_rows": self.rows.copy(),
                f"{prefix}_stride": self.stride}

    def load_state(self, state: dict, prefix: str) -> None:
        """Restore from :meth:`state`; ValueError (changing nothing) when shapes or values are wrong."""
        epochs = np.asarray(state[f"{prefix}_epochs"])
        rows = np.asarray(state[f"{prefix}_rows"])
        stride = state[f"{prefix}_stride"]
        n = epochs.shape[0] if epochs.ndim == 1 else -1
        if n < 0 or epochs.dtype.kind not in "iu":
            raise ValueError(f"history: {prefix}_epochs must be a 1-D array of whole numbers")
        if rows.shape != (n, self.width) or rows.dtype.kind != "f":
            raise ValueError(f"history: {prefix}_rows must have shape {(n, self.width)}; got {rows.shape}")
        if not isinstance(stride, int | np.integer) or stride < 1 or stride & (stride - 1):
            raise ValueError(f"history: {prefix}_stride must be a power of two ≥ 1; got {stride!r}")
        if n > self.max_rows or (n > 1 and np.any(np.diff(epochs) <= 0)) or (n and epochs[0] < 0):
            raise ValueError(f"history: {prefix}_epochs must be increasing, ≥ 0 and at most "
                             f"{self.max_rows} rows")
        cap = max(n, 16)
        self._epochs = np.zeros(cap, dtype=np.int64)
        self._rows = np.zeros((cap, self.width))
        self._epochs[:n] = epochs
        self._rows[:n] = rows
        self.stride = int(stride)
        self.n = n


class ImageHistory:
    """Per-epoch ``history["train_loss"]`` … ``["val_acc"]`` (and ``["epoch"]``), plus snapshots.

    ``snapshot(e)`` returns the parameters after epoch e (epoch 0: the initial ones) — or the
    nearest epoch still kept once the snapshots have been thinned.
    """

    def __init__(self, param_names: Sequence[str], n_params: int, budget_bytes: int = SNAPSHOT_BUDGET,
                 metric_rows: int = METRIC_ROWS) -> None:
        self.param_names = list(param_names)
        self.n_params = int(n_params)
        self._metrics = ThinnedRows(len(METRICS), metric_rows)
        # at least 4 snapshots (the start and three more) even when one exceeds the budget
        self._snaps = ThinnedRows(self.n_params, budget_bytes // max(1, 8 * self.n_params), min_rows=4)

    def record(self, epoch: int, metrics: Sequence[float], theta: np.ndarray) -> None:
        """Epoch ``epoch``'s four metrics (``METRICS`` order) and the parameters it ended with."""
        self._metrics.record(epoch, np.asarray(metrics, dtype=float))
        self._snaps.record(epoch, theta)

    def record_snapshot(self, epoch: int, theta: np.ndarray) -> None:
        """Parameters only (the initial ones, epoch 0)."""
        self._snaps.record(epoch, theta)

    def keys(self) -> tuple[str, ...]:
        return ("epoch", *METRICS)

    def __getitem__(self, key: str) -> np.ndarray:
        if key == "epoch":
            return self._metrics.epochs
        if key not in METRICS:
            raise KeyError(f"{key!r}; the history holds {', '.join(self.keys())}")
        return self._metrics.rows[:, METRICS.index(key)]

    def __len__(self) -> int:
        return self._metrics.n

    @property
    def epochs(self) -> np.ndarray:
        """The epochs with a metrics row (every epoch until a million, then thinned)."""
        return self._metrics.epochs

    @property
    def snapshot_epochs(self) -> np.ndarray:
        """The epochs whose parameters are kept (0 is the initialisation)."""
        return self._snaps.epochs

    def snapshot(self, epoch: int) -> tuple[int, np.ndarray]:
        """``(kept epoch nearest to epoch, a copy of the flat parameter vector after it)``."""
        i = self._snaps.nearest(epoch)
        return int(self._snaps.epochs[i]), self._snaps.rows[i].copy()

    def state(self) -> dict:
        """Plain values and arrays that restore this history exactly."""
        return {**self._metrics.state("metrics"), **self._snaps.state("snapshots")}

    def load_state(self, state: dict) -> None:
        """Restore from :meth:`state`; ValueError on a bad shape, changing nothing."""
        metrics = ThinnedRows(self._metrics.width, self._metrics.max_rows)
        snaps = ThinnedRows(self._snaps.width, self._snaps.max_rows, min_rows=4)
        metrics.load_state(state, "metrics")
        snaps.load_state(state, "snapshots")
        self._metrics, self._snaps = metrics, snaps

    STATE_KEYS = ("metrics_epochs", "metrics_rows", "metrics_stride",
                  "snapshots_epochs", "snapshots_rows", "snapshots_stride")
