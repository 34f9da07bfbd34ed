"""The trainer's step-through unit: one sample forward and backward, and the update when its batch
completes — the same updates ``Trainer.run`` applies, so stepping by hand and playing mix freely.

A plain mixin of ``core.chapter.trainer.Trainer`` (which provides the data, the network, the
optimiser and the epoch bookkeeping); also the dropout masks the step-through shows.
"""

from __future__ import annotations

import numpy as np

from core.i18n import N_


class SampleSteps:
    """``step_sample`` and the dropout masks (see the module docstring)."""

    def _draw_mask(self) -> np.ndarray | None:
        """One epoch's dropout factors per sample and feature-map node: 0 or 1/(1 − p)."""
        if self.dropout == 0.0:
            return None
        F = self.net.n_kernels * self.net.n_positions
        keep = self.drop_rng.random((self.N, F)) >= self.dropout
        return keep / (1.0 - self.dropout)

    def mask_for(self, sample: int) -> dict[str, float] | None:
        """The dropout factors applied to ``sample`` in the current epoch (None without dropout)."""
        if self._epoch_mask is None:
            return None
        return dict(zip(self.net.fmap_flat, map(float, self._epoch_mask[sample]), strict=True))

    def dropped_nodes(self, sample: int) -> frozenset[str]:
        """Feature-map nodes dropped for ``sample`` in the current epoch's step."""
        m = self.mask_for(sample)
        return frozenset(k for k, v in m.items() if v == 0.0) if m else frozenset()

    def step_sample(self) -> dict:
        """Step one sample: its forward and backward pass, and the update when its batch completes.

        Returns ``{"epoch", "sample", "position", "forward", "backward", "update", "lr"}``:
        ``epoch`` is the 1-based epoch the sample belongs to, ``sample`` its row in X,
        ``position`` its place in the epoch's order; ``update`` is None until a batch
        completes, then ``{"batch", "grad" (mean, by name), "before", "after", "delta"}``.
        When the update diverges, ``"diverged"`` holds the reason and the trainer is back at
        the start of the epoch (the last finite state).
        """
        if self.diverged:
            raise RuntimeError(self.stopped_reason or N_("trainer", "training has diverged"))
        self._discard_partial()
        if self._pos == 0:
            self._start_epoch()
        i = int(self._order[self._pos])
        x, y = self.X[i], self.y[i]
        with np.errstate(all="ignore"):
            back = self.net.backward(x, y, self.mask_for(i))
        result = {
            "epoch": self.epoch + 1,
            "sample": i,
            "position": self._pos,
            "forward": back["forward"],
            "backward": back,
            "update": None,
            "lr": self.lr,
        }
        self._pos += 1
        if self._pos % self.batch_size == 0 or self._pos == self.N:
            start = (self._pos - 1) // self.batch_size * self.batch_size
            idx = self._order[start: self._pos]
            before = self.net.get_params()
            lr = self.lr
            with np.errstate(all="ignore"):
                ws = self._ws_for(idx)
                ws.forward(self.net.theta,
                           None if self._epoch_mask is None else self._epoch_mask[idx])
                ws.backward(self.net.theta)
                grad = ws.G / len(idx)
                ok = self._step_batch(idx)
            if not ok:
                result["update"] = None
                result["diverged"] = self.stopped_reason
                return result
            after = self.net.get_params()
            result["update"] = {
                "batch": [int(j) for j in idx],
                "grad": dict(zip(self.net.param_names(), map(float, grad), strict=True)),
                "before": before,
                "after": after,
                "delta": {k: after[k] - before[k] for k in after},
                "lr": lr,
            }
            if self._pos == self.N:
                self._finish_epoch()
        return result
