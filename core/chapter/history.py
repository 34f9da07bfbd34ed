"""The record of a training run: parameters, loss and predictions per epoch.

Row for epoch e holds the parameters used in epoch e's forward pass and the loss
and predictions of that pass (the convention of ``chapter_reference.json``).
Every epoch is kept up to ``keep_all`` (100,000 unless a row is so wide that the
memory budget forbids it); past that, epochs are kept on a grid whose step
doubles each time the buffer fills, so memory stays under the budget (64 MB)
however long the run, while a log-epoch plot still has thousands of points per
decade. Which epochs are kept depends only on epoch numbers, so a run resumed
from a saved workspace records exactly what an uninterrupted run would.

With dropout the loss a row holds is the *training* loss: the loss of the pass that trained,
with the dropped nodes dropped (what the optimiser minimised). A history made with
``track_eval=True`` (the trainer does so when dropout > 0) also keeps ``eval_loss``: the loss
of the same parameters with every node kept, as ``Network.loss`` evaluates them. It comes out
of the same pass (the unmasked activations are already computed), costing one dense product
per epoch; without dropout there is no such column and nothing is spent on it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

BUDGET_BYTES = 64 * 2**20
KEEP_ALL = 100_000
PREFAULT_BYTES = 512 * 2**10  # rows touched ahead of use per call of ``prefault``


class History:
    """Growable, thinning arrays ``epochs``, ``loss``, ``predictions`` and ``params`` (by name)."""

    def __init__(
        self,
        param_names: list[str],
        n_samples: int,
        budget_bytes: int = BUDGET_BYTES,
        keep_all: int = KEEP_ALL,
        track_eval: bool = False,
    ) -> None:
        self.param_names = list(param_names)
        self.n_samples = int(n_samples)
        self.track_eval = bool(track_eval)
        P, N = len(self.param_names), self.n_samples
        row_bytes = 8 * (2 + P + N + self.track_eval)
        self.max_rows = max(16, min(2 * keep_all, budget_bytes // row_bytes))
        self.keep_all = min(keep_all, self.max_rows // 2)
        self.stride = 1  # beyond keep_all, epochs with (e − keep_all) % stride == 0 are kept
        self.n = 0
        # Every row the budget allows, reserved at once: np.zeros only maps memory when a row is
        # first written (so a short run stays small), and nothing is ever copied to grow.
        cap = self.max_rows
        self._touched = 0  # values (row by row: its parameters, then its predictions) written once
        self._epochs = np.zeros(cap, dtype=np.int64)
        self._loss = np.zeros(cap)
        self._params = np.zeros((cap, P))
        self._preds = np.zeros((cap, N))
        self._eval = np.full(cap, np.nan) if self.track_eval else None

    def prefault(self, rows: int, max_bytes: int = PREFAULT_BYTES) -> None:
        """Write the next ``rows`` rows once (at most ``max_bytes`` a call) before they are needed.

        The first write to fresh memory costs a page fault per 4 KB (~15 µs each on a busy
        virtual machine: 30 ms for one row of a million predictions), which would land inside
        a time-boxed call; the trainer's loops call this at each block's start so the rows are
        ready when recorded.
        """
        P, N = self._params.shape[1], self._preds.shape[1]
        end = min(self._params.shape[0], self.n + rows) * (P + N)  # in values, params then preds
        done = max(self._touched, self.n * (P + N))  # rows in use hold data: never past them
        if done >= end:
            return
        stop = min(end, done + max(1, max_bytes // 8))
        params, preds = self._params.reshape(-1), self._preds.reshape(-1)
        # value v of row r: params[r·P …] and preds[r·N …], walked row by row in proportion
        r0, r1 = done // (P + N), -(-stop // (P + N))
        f0, f1 = done / (P + N) - r0, stop / (P + N) - (r1 - 1)
        params[int((r0 + f0) * P): int((r1 - 1 + f1) * P)] = 0.0
        preds[int((r0 + f0) * N): int((r1 - 1 + f1) * N)] = 0.0
        self._touched = stop

    def _arrays(self) -> list[np.ndarray]:
        arrays = [self._epochs, self._loss, self._params, self._preds]
        return arrays + [self._eval] if self._eval is not None else arrays

    # -------------------------------------------------------------- writing
    def wants(self, epoch: int) -> bool:
        """Whether epoch ``epoch`` will be kept (cheap; the trainer calls it every epoch)."""
        return epoch <= self.keep_all or (epoch - self.keep_all) % self.stride == 0

    def record(self, epoch: int, theta: np.ndarray, preds: np.ndarray, loss: float,
               eval_loss: float | None = None) -> None:
        """Append one epoch's row (skipped when the thinning grid does not keep it).

        ``eval_loss`` (dropout only): the loss of ``theta`` with every node kept.
        """
        if not (epoch <= self.keep_all or (epoch - self.keep_all) % self.stride == 0):
            return
        n = self.n
        if n == self._epochs.shape[0]:
            self._make_room()
            n = self.n
            if not self.wants(epoch):
                return
        self._epochs[n] = epoch
        self._loss[n] = loss
        self._params[n] = theta
        self._preds[n] = preds
        if self._eval is not None:
            self._eval[n] = np.nan if eval_loss is None else eval_loss
        self.n = n + 1

    def needs_room(self, first_epoch: int, count: int) -> bool:
        """Whether recording those epochs would first grow or thin the buffers (a copy of up to
        the whole budget: the time-boxed loops leave it to the start of their next call)."""
        last = first_epoch + count - 1
        kept = count if last <= self.keep_all else sum(
            1 for e in range(first_epoch, last + 1) if self.wants(e))
        return self.n + kept > self._epochs.shape[0]

    def room_for(self, first_epoch: int, count: int) -> int:
        """Rows the epochs ``first_epoch …`` + ``count`` − 1 will take, after making room for them.

        The trainer's loops call this before a block of epochs, so no thinning happens inside a
        block (a block may be rolled back and replayed by row count alone).
        """
        while True:
            last = first_epoch + count - 1
            if last <= self.keep_all:
                kept = count
            else:
                kept = sum(1 for e in range(first_epoch, first_epoch + count) if self.wants(e))
            if self.n + kept <= self._epochs.shape[0]:
                return kept
            self._make_room()

    def _make_room(self) -> None:
        """Grow the buffers (up to ``max_rows``), or when at the budget double the grid's step and
        drop the rows off the new grid. Only what moves is copied, once: thinning a 64 MB
        history moves its last quarter or so, not the whole of it twice."""
        cap, n = self._epochs.shape[0], self.n
        if cap < self.max_rows:
            new = min(self.max_rows, cap * 2)
            grown = []
            for arr in self._arrays():
                bigger = np.empty((new, *arr.shape[1:]), dtype=arr.dtype)
                bigger[:n] = arr[:n]
                grown.append(bigger)
            self._epochs, self._loss, self._params, self._preds = grown[:4]
            if self._eval is not None:
                self._eval = grown[4]
            return
        self.stride *= 2
        e = self._epochs[:n]
        keep = (e <= self.keep_all) | ((e - self.keep_all) % self.stride == 0)
        lead = int(np.argmin(keep)) if not keep.all() else n  # rows before the first dropped one stay
        tail = np.flatnonzero(keep[lead:]) + lead  # the rows that move down to lead, lead + 1, …
        m = lead + len(tail)
        every_other = len(tail) > 0 and np.array_equal(tail, np.arange(len(tail)) * 2 + tail[0]) \
            and tail[0] <= lead + 1
        for arr in self._arrays():
            if every_other:
                # row lead + k ← row tail[0] + 2k, in chunks whose source lies past their target
                src0 = int(tail[0])
                k = 0
                while k < len(tail):
                    k1 = min(len(tail), max(1, 2 * k + (src0 - lead)))
                    arr[lead + k: lead + k1] = arr[src0 + 2 * k: src0 + 2 * k1: 2]
                    k = k1
            else:
                arr[lead:m] = arr[tail]
        self.n = m

    def truncate(self, n_rows: int) -> None:
        """Forget rows from ``n_rows`` on (used when a run is rewound)."""
        self.n = min(self.n, max(0, n_rows))

    # -------------------------------------------------------------- reading
    @property
    def epochs(self) -> np.ndarray:
        return self._epochs[: self.n]

    @property
    def loss(self) -> np.ndarray:
        return self._loss[: self.n]

    @property
    def eval_loss(self) -> np.ndarray | None:
        """With dropout: each row's loss with every node kept (NaN where unknown); else None."""
        return None if self._eval is None else self._eval[: self.n]

    @property
    def predictions(self) -> np.ndarray:
        """(epochs × samples): each sample's prediction (softmax: probability of its label)."""
        return self._preds[: self.n]

    @property
    def param_matrix(self) -> np.ndarray:
        """(epochs × parameters) in ``param_names`` order."""
        return self._params[: self.n]

    @property
    def params(self) -> dict[str, np.ndarray]:
        """Parameter name → array over the recorded epochs."""
        M = self.param_matrix
        return {name: M[:, i] for i, name in enumerate(self.param_names)}

    def row_for_epoch(self, epoch: int) -> int:
        """Index of the recorded row nearest to ``epoch`` (for scrubbing back in time)."""
        if self.n == 0:
            raise IndexError("the history is empty")
        e = self.epochs
        i = int(np.searchsorted(e, epoch))
        if i >= self.n:
            return self.n - 1
        if i > 0 and epoch - e[i - 1] < e[i] - epoch:
            return i - 1
        return i

    def to_csv(self, path: str | os.PathLike) -> None:
        """Write ``epoch, <every parameter>, loss, [eval_loss,] yhat_0…`` — atomically, so a failed
        write leaves any older file intact (``eval_loss`` only for a run with dropout)."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        ev = ["eval_loss"] if self._eval is not None else []
        header = ["epoch", *self.param_names, "loss", *ev] + [f"yhat_{i}" for i in range(self.n_samples)]
        with open(tmp, "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for i in range(self.n):
                w.writerow(
                    [int(self._epochs[i])]
                    + [repr(float(v)) for v in self._params[i]]
                    + [repr(float(self._loss[i]))]
                    + ([repr(float(self._eval[i]))] if ev else [])
                    + [repr(float(v)) for v in self._preds[i]]
                )
        os.replace(tmp, path)

    def state(self) -> dict:
        """Everything needed to restore this history exactly."""
        return {
            "epochs": self.epochs.copy(),
            "loss": self.loss.copy(),
            "params": self.param_matrix.copy(),
            "predictions": self.predictions.copy(),
            "stride": self.stride,
            **({"eval_loss": self.eval_loss.copy()} if self._eval is not None else {}),
        }

    def load_state(self, state: dict) -> None:
        """Restore ``state()``; a tracked ``eval_loss`` missing from it (an older file) reads as NaN."""
        n = len(state["epochs"])
        self.stride = int(state["stride"])
        cap = max(n, 16, self.max_rows)
        self._touched = n * (len(self.param_names) + self.n_samples)
        self._epochs = np.zeros(cap, dtype=np.int64)
        self._loss = np.zeros(cap)
        self._params = np.zeros((cap, len(self.param_names)))
        self._preds = np.zeros((cap, self.n_samples))
        self._epochs[:n] = state["epochs"]
        self._loss[:n] = state["loss"]
        self._params[:n] = state["params"]
        self._preds[:n] = state["predictions"]
        if self.track_eval:
            self._eval = np.full(cap, np.nan)
            ev = state.get("eval_loss")
            if ev is not None and len(ev) == n:
                self._eval[:n] = ev
        self.n = n


class ParamView(Mapping):
    """A read-only name → value view of a parameter-shaped array (built in O(1), read on demand)."""

    def __init__(self, names: list[str], index: dict[str, int], values: np.ndarray) -> None:
        self._names, self._index, self._values = names, index, values

    def __getitem__(self, name: str) -> float:
        return float(self._values[self._index[name]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def __repr__(self) -> str:
        return f"ParamView({dict(self)!r})"
