"""Saving and resuming a trainer: its whole state as plain values and arrays, restored exactly.

A plain mixin of ``core.chapter.trainer.Trainer``; the workspace file (core/workspace/) stores
``state()`` and ``settings()`` and hands them back to ``load_state``, so a run resumed from a
file records exactly what an uninterrupted run would.
"""

from __future__ import annotations

import numpy as np


class Resumable:
    """``state``, ``settings`` and ``load_state`` (see the module docstring)."""

    def state(self) -> dict:
        """Everything needed to resume this run exactly (parameters, optimiser, RNG, history)."""
        self._discard_partial()
        return {
            "theta": self.net.theta.copy(),
            "epoch": self.epoch,
            "optimizer": self.opt.state(),
            "rng": self.rng.bit_generator.state,
            "history": self.history.state(),
            "stopped_reason": self.stopped_reason,
            "diverged": self.diverged,
            "drop_rng": self.drop_rng.bit_generator.state,
            "epoch_mask": None if self._epoch_mask is None else self._epoch_mask.copy(),
            "pos": self._pos,
            "order": None if self._order is None else self._order.copy(),
            "theta0": self._theta0.copy(),
            "ep_pred": self._ep_pred.copy(),
            "ep_loss": self._ep_loss,
        }

    def settings(self) -> dict:
        """The constructor's keyword arguments (besides net and data), to rebuild this trainer."""
        return {
            "lr": self.lr0,
            "mode": self.mode,
            "optimizer": self.optimizer_name,
            "batch_size": self.batch_size if self.mode == "minibatch" else None,
            "momentum": self._momentum,
            "betas": list(self._betas),
            "eps": self._eps,
            "lr_decay": self.lr_decay,
            "seed": self.seed,
            "dropout": self.dropout,
        }

    def load_state(self, state: dict) -> None:
        """Restore a run saved by ``state()``, mid-epoch step-through included."""
        self._partial = None
        self.net.theta[:] = state["theta"]
        self.epoch = int(state["epoch"])
        self.opt.load_state(state["optimizer"])
        self.rng.bit_generator.state = state["rng"]
        self.history.load_state(state["history"])
        self.stopped_reason = state.get("stopped_reason")
        self.diverged = bool(state.get("diverged", False))
        self.drop_rng.bit_generator.state = state["drop_rng"]
        mask = state.get("epoch_mask")
        self._epoch_mask = None if mask is None else np.array(mask, dtype=float)
        self._pos = int(state.get("pos", 0))
        order = state.get("order")
        self._order = None if order is None else np.array(order, dtype=np.int64)
        self._theta0[:] = state.get("theta0", self.net.theta)
        self._ep_pred[:] = state.get("ep_pred", 0.0)
        self._ep_loss = float(state.get("ep_loss", 0.0))
        if self._pos:  # a step-through under way: a divergence in it rolls back to its start
            self._ck_epoch.capture(self)
            np.copyto(self._ck_epoch.theta, self._theta0)
