"""Training the network: the chapter's batch gradient descent, SGD and mini-batches.

``Trainer.run`` is the fast path (a few in-place NumPy calls per step, no
per-sample Python); ``Trainer.step_sample`` is the step-through unit, which
also returns the readable forward/backward dictionaries of that one sample.
Both apply exactly the same updates, so stepping by hand and playing can be
mixed freely.

Modes: ``batch`` — the chapter's: every sample goes forward and backward with
the same parameters and the optimiser steps once per epoch on the mean
gradient; ``sgd`` — a step after every sample, order shuffled each epoch from
the seed; ``minibatch`` — a step on each batch's mean gradient (``batch_size``
samples, order shuffled each epoch).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np

from core.chapter.fused_loop import fused_ok, run_batch, run_fused
from core.chapter.history import History
from core.chapter.network import Network
from core.optimizers import OPTIMIZERS, make_optimizer

MODES = ("batch", "sgd", "minibatch")
MAX_LR = 1e6


class Trainer:
    """Trains ``net`` on ``(X, y)``; keeps ``history``, ``epoch`` and ``stopped_reason``."""

    def __init__(
        self,
        net: Network,
        X,
        y,
        lr: float = 0.2,
        mode: str = "batch",
        optimizer: str = "gd",
        batch_size: int | None = None,
        momentum: float = 0.9,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        lr_decay: float = 1.0,
        seed: int | None = None,
        dropout: float = 0.0,
    ) -> None:
        X, y = net.check_data(X, y)
        try:
            lr = float(lr)
        except (TypeError, ValueError):
            raise ValueError(f"lr must be a number, got {lr!r}") from None
        if not (math.isfinite(lr) and 0 < lr <= MAX_LR):
            raise ValueError(f"lr must be a positive number no larger than {MAX_LR:g}, got {lr}")
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
        if optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {optimizer!r}")
        if not (math.isfinite(lr_decay) and 0 < lr_decay <= 1):
            raise ValueError(f"lr_decay must be in (0, 1], got {lr_decay}")
        if not (isinstance(dropout, int | float) and 0 <= dropout < 1):
            raise ValueError(f"dropout must be a probability in [0, 1), got {dropout!r}")
        N = X.shape[0]
        if mode == "batch":
            batch_size = N
        elif mode == "sgd":
            batch_size = 1
        elif batch_size is None or not 1 <= int(batch_size) <= N:
            raise ValueError(f"batch_size must be between 1 and {N} for minibatch mode")
        self.net = net
        self.X, self.y = X, y
        self.N = N
        self.lr0 = lr
        self.lr_decay = float(lr_decay)
        self.mode = mode
        self.batch_size = int(batch_size)
        self.optimizer_name = optimizer
        self._opt_kw = {"momentum": momentum, "betas": tuple(betas), "eps": eps}
        self.seed = net.seed if seed is None else int(seed)
        self.dropout = float(dropout)
        self._momentum, self._betas, self._eps = momentum, tuple(betas), eps
        self._ws_all = net.batch_pass(X, y)
        self._ws_one = [net.batch_pass(X[i: i + 1], y[i: i + 1]) for i in range(N)] if (
            mode == "sgd"
        ) else None
        self._init_state()

    # ------------------------------------------------------------------ state
    def _init_state(self) -> None:
        self.opt = make_optimizer(
            self.optimizer_name, self.net.theta.size, self.lr0, **self._opt_kw
        )
        self.rng = np.random.default_rng(self.seed)
        # dropout masks come from their own stream so they never change the sgd shuffles
        self.drop_rng = np.random.default_rng([self.seed, 0xD0])
        self._epoch_mask: np.ndarray | None = None  # (N, F) factors for the current epoch
        self.history = History(self.net.param_names(), self.N)
        self.epoch = 0  # completed epochs
        self.stopped_reason: str | None = None
        self.diverged = False
        self.last_update: dict[str, float] | None = None  # Δθ of the latest step, by name
        self._pos = 0  # samples of the current epoch already stepped
        self._order: np.ndarray | None = None
        self._theta0 = self.net.theta.copy()  # parameters at the start of the current epoch
        self._ep_pred = np.zeros(self.N)
        self._ep_loss = 0.0
        self._prev = np.empty_like(self.net.theta)

    def reset(self, seed: int | None = None) -> None:
        """Re-initialise the network from its seed (or a new one) and forget the run."""
        if seed is not None:
            self.seed = int(seed)
            self.net.initialise(seed)
        else:
            self.net.initialise()
        self._init_state()

    @property
    def lr(self) -> float:
        """The learning rate in force for the current epoch (η·decay^(epoch))."""
        return self.lr0 * self.lr_decay**self.epoch

    @property
    def mid_epoch(self) -> bool:
        """True while a step-through has stepped part of an epoch."""
        return self._pos > 0

    def _epoch_order(self) -> np.ndarray:
        if self.mode == "batch":
            return np.arange(self.N)
        return self.rng.permutation(self.N)

    def _batches(self, order: np.ndarray) -> list[np.ndarray]:
        b = self.batch_size
        return [order[i: i + b] for i in range(0, self.N, b)]

    # --------------------------------------------------------- core stepping
    def _ws_for(self, idx: np.ndarray):
        if len(idx) == self.N and self.mode == "batch":
            return self._ws_all
        if len(idx) == 1 and self._ws_one is not None:
            return self._ws_one[int(idx[0])]
        return self.net.batch_pass(self.X[idx], self.y[idx])

    def _step_batch(self, idx: np.ndarray) -> bool:
        """Forward, backward and update on one batch; store its predictions and loss.

        Returns False, changing nothing, when a value would become non-finite.
        """
        ws = self._ws_for(idx)
        theta = self.net.theta
        Y = ws.forward(theta, None if self._epoch_mask is None else self._epoch_mask[idx])
        ls = ws.loss_sum()
        if not math.isfinite(ls) or not math.isfinite(float(Y.sum())):
            self._diverge("the loss became infinite or not a number")
            return False
        ws.backward(theta)
        np.copyto(self._prev, theta)
        self.opt.lr = self.lr
        self.opt.step(theta, ws.G, len(idx))
        if not math.isfinite(float(theta.sum())):
            theta[:] = self._prev
            self._diverge("a weight became infinite or not a number")
            return False
        if self.net.output == "softmax":
            self._ep_pred[idx] = Y[np.arange(len(idx)), self.y[idx].astype(int)]
        else:
            self._ep_pred[idx] = Y[:, 0]
        self._ep_loss += ls
        d = theta - self._prev
        self._last_delta = d
        return True

    def _diverge(self, what: str) -> None:
        self.diverged = True
        self.stopped_reason = (
            f"Training stopped in epoch {self.epoch + 1}: {what} — the learning rate "
            f"{self.lr:g} is too large for this network. Lower it and press Reset."
        )

    def _finish_epoch(self) -> None:
        self.epoch += 1
        self.history.record(self.epoch, self._theta0, self._ep_pred, self._ep_loss / self.N)
        self._pos = 0
        self._order = None
        self._ep_loss = 0.0

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

    def _start_epoch(self) -> None:
        self._epoch_mask = self._draw_mask()
        self._order = self._epoch_order()
        np.copyto(self._theta0, self.net.theta)
        self._ep_loss = 0.0

    # -------------------------------------------------------------- public
    def step_epoch(self) -> bool:
        """Finish the current epoch (a whole one if none is under way). False if it diverged."""
        if self.diverged:
            return False
        with np.errstate(all="ignore"):
            return self._step_epoch()

    def _step_epoch(self) -> bool:
        if self._pos == 0:
            self._start_epoch()
        batches = self._batches(self._order)
        done = self._pos // self.batch_size
        for idx in batches[done:]:
            if not self._step_batch(idx):
                return False
        self._update_last()
        self._finish_epoch()
        return True

    def step_sample(self) -> dict:
        """Step one sample: its forward and backward pass, and the update when its batch completes.

        Returns ``{"epoch", "sample", "position", "forward", "backward", "update", "lr"}``:
        ``epoch`` is the 1-based epoch the sample belongs to, ``sample`` its row in X,
        ``position`` its place in the epoch's order; ``update`` is None until a batch
        completes, then ``{"batch", "grad" (mean, by name), "before", "after", "delta"}``.
        """
        if self.diverged:
            raise RuntimeError(self.stopped_reason or "training has diverged")
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
                self._pos = start
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
            self._update_last()
            if self._pos == self.N:
                self._finish_epoch()
        return result

    def _update_last(self) -> None:
        d = getattr(self, "_last_delta", None)
        if d is not None:
            self.last_update = dict(zip(self.net.param_names(), map(float, d), strict=True))

    def run(
        self,
        n_epochs: int,
        loss_below: float | None = None,
        callback: Callable[[Trainer], bool] | None = None,
        time_budget: float | None = None,
    ) -> int:
        """Run up to ``n_epochs`` whole epochs; returns how many ran.

        Stops early, setting ``stopped_reason``, when the loss falls below ``loss_below``,
        when ``callback(trainer)`` returns something true after an epoch (a string becomes
        the ``stopped_reason``; see ``core.chapter.stops.StopConditions``), or on divergence.
        ``time_budget`` (seconds) ends the call quietly — the GUI's worker trains in such
        time-boxed chunks so the GUI thread gets the interpreter between them.
        """
        if self.diverged:
            return 0
        ran = 0
        if self._pos:
            if not self._step_epoch():
                return 0
            ran = 1
        deadline = None if time_budget is None else time.perf_counter() + time_budget
        with np.errstate(all="ignore"):
            if fused_ok(self) and callback is None and loss_below is None:
                ran += run_fused(self, n_epochs - ran, deadline)
            elif self.mode == "batch" and callback is None:
                ran += run_batch(self, n_epochs - ran, loss_below, deadline)
            else:
                while ran < n_epochs:
                    if not self._step_epoch():
                        break
                    ran += 1
                    if loss_below is not None and self.history.n and self._last_loss() < loss_below:
                        self._stop_loss(loss_below)
                        break
                    if callback is not None:
                        verdict = callback(self)
                        if verdict:
                            if isinstance(verdict, str):
                                self.stopped_reason = verdict
                            break
                    if deadline is not None and time.perf_counter() > deadline:
                        break
        return ran

    def _last_loss(self) -> float:
        return float(self.history.loss[-1])

    def _stop_loss(self, eps: float) -> None:
        self.stopped_reason = f"Stopped at epoch {self.epoch}: the loss fell below {eps:g}."

    # ------------------------------------------------------------- snapshot
    def current_loss(self) -> float:
        """Mean loss of the current parameters on the whole data set."""
        with np.errstate(all="ignore"):
            self._ws_all.forward(self.net.theta)
            return self._ws_all.loss_sum() / self.N

    def current_predictions(self) -> np.ndarray:
        """Predictions of the current parameters for every sample (softmax: p of the label)."""
        with np.errstate(all="ignore"):
            Y = self._ws_all.forward(self.net.theta).copy()
        if self.net.output == "softmax":
            return Y[np.arange(self.N), self.y.astype(int)]
        return Y[:, 0]

    # ---------------------------------------------------------- save/resume
    def state(self) -> dict:
        """Everything needed to resume this run exactly (parameters, optimiser, RNG, history)."""
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
