"""Training the network: the chapter's batch gradient descent, SGD and mini-batches.

``Trainer.run`` is the fast path (``core.chapter.fused_loop``: a few in-place NumPy calls
per epoch, time-boxed, stop conditions and divergence checked per block); ``Trainer.step_sample``
is the step-through unit, which also returns the readable forward/backward dictionaries of that
one sample. Both apply exactly the same updates, so stepping by hand and playing can be mixed.

Modes: ``batch`` — the chapter's: every sample goes forward and backward with the same
parameters and the optimiser steps once per epoch on the mean gradient; ``sgd`` — a step after
every sample, order shuffled each epoch from the seed; ``minibatch`` — a step on each batch's
mean gradient (``batch_size`` samples, order shuffled each epoch).

Optimisers follow PyTorch's conventions so a learner can check them against it: ``momentum`` is
``torch.optim.SGD(momentum=μ)`` (v ← μ·v + g, θ ← θ − η·v, the first v being g itself), ``adam``
is ``torch.optim.Adam`` (bias-corrected moments, ε added to √v̂).

Dropout (``dropout`` = p > 0) is inverted dropout on the feature-map nodes: each epoch every
sample's nodes are dropped with probability p and the kept ones scaled by 1/(1 − p). The loss
that trains — and that the history's ``loss`` column holds — is that masked loss; the history
also keeps ``eval_loss``, the loss of the same parameters with every node kept (what
``Network.loss`` and predictions use), computed in the same pass. Without dropout the two are
one number and nothing extra is computed.

Divergence: when an epoch's loss or a parameter becomes infinite or NaN, training stops and the
trainer is rolled back to the state after the last finite epoch (parameters, optimiser moments,
random streams, history); ``stopped_reason`` names the epoch and suggests a learning rate that
was tried and trains (``core.chapter.stops.suggest_learning_rate``, computed when first read).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np

from core.chapter import fused_loop
from core.chapter.checkpoints import Checkpoint, blas_one_thread
from core.chapter.fused_loop import fused_ok
from core.chapter.history import History, ParamView
from core.chapter.memory import MAX_TRAINER_BYTES, trainer_bytes
from core.chapter.network import Network
from core.chapter.options import MAX_LR, MODES, check_options  # noqa: F401  (re-exported)
from core.chapter.resume import Resumable
from core.chapter.stepping import SampleSteps
from core.chapter.stops import divergence_message, suggest_learning_rate
from core.i18n import N_
from core.optimizers import make_optimizer

SGD_PASSES = 1000  # up to this many samples, sgd keeps one prepared pass per sample


class Trainer(SampleSteps, Resumable):
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
        N = X.shape[0]
        lr, batch_size, betas = check_options(N, lr, mode, optimizer, batch_size, betas, lr_decay,
                                              dropout)
        self.net = net
        self.X, self.y = X, y
        self.N = N
        self.lr0 = lr
        self.lr_decay = float(lr_decay)
        self.mode = mode
        self.batch_size = int(batch_size)
        self.optimizer_name = optimizer
        self._opt_kw = {"momentum": momentum, "betas": betas, "eps": eps}
        self.seed = net.seed if seed is None else int(seed)
        self.dropout = float(dropout)
        self._momentum, self._betas, self._eps = momentum, tuple(betas), eps
        self._labels = y.astype(int) if net.output == "softmax" else None
        need = trainer_bytes(net.shape_dict(), N, mode, float(dropout))
        if need > MAX_TRAINER_BYTES:  # refused before any buffer is made (core/chapter/memory.py)
            raise ValueError(N_("trainer", "training {N:,} samples on this network would need about "
                                           "{need:.1f} GB; the app keeps a trainer under {cap:.0f} GB "
                                           "— use fewer samples or inputs, or batch mode").format(
                N=N, need=need / 2**30, cap=MAX_TRAINER_BYTES / 2**30))
        self._ws_all = net.batch_pass(X, y)
        # sgd on a small data set: one ready pass per sample; otherwise passes refilled per batch
        self._ws_one = [net.batch_pass(X[i: i + 1], y[i: i + 1]) for i in range(N)] if (
            mode == "sgd" and N <= SGD_PASSES
        ) else None
        self._ws_sized: dict[int, object] = {}  # batch size → a pass refilled for each batch
        self._epoch_s: float | None = None  # measured seconds per epoch (time boxes)
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
        self.history = History(self.net.param_names(), self.N, track_eval=self.dropout > 0)
        self.epoch = 0  # completed epochs
        self._stopped_reason: str | None = None
        self._divergence: tuple[int, str] | None = None  # (epoch, cause) until the message is made
        self.diverged = False
        self._last_delta: np.ndarray | None = None  # Δθ of the latest step
        self._pos = 0  # samples of the current epoch already stepped
        self._order: np.ndarray | None = None
        self._theta0 = self.net.theta.copy()  # parameters at the start of the current epoch
        self._ep_pred = np.zeros(self.N)
        self._ep_loss = 0.0
        self._ep_eval = 0.0
        self._prev = np.empty_like(self.net.theta)
        self._partial = None  # a batch-mode epoch left part-way at a deadline (fused_loop)
        self._ck_epoch = Checkpoint(self)  # the state the current epoch started from
        self._ck_block = Checkpoint(self)  # the state the current block of epochs started from
        self._scratch_rows = np.empty((0, self.net.theta.size))

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
        """True while a step-through (or a time-boxed sgd/minibatch run) has stepped part of an epoch."""
        return self._pos > 0

    @property
    def last_update(self) -> Mapping[str, float] | None:
        """Δθ of the latest step, by parameter name (a view: nothing is built per step)."""
        d = self._last_delta
        if d is None:
            return None
        return ParamView(self.net.param_names(), self.net._index, d.copy())

    @property
    def stopped_reason(self) -> str | None:
        """Why training stopped (a stop condition's sentence, or the divergence message), else None."""
        if self._stopped_reason is None and self._divergence is not None:
            epoch, cause = self._divergence
            suggestion = suggest_learning_rate(self)
            self._stopped_reason = divergence_message(epoch, cause, self.lr0, suggestion)
        return self._stopped_reason

    @stopped_reason.setter
    def stopped_reason(self, value: str | None) -> None:
        self._stopped_reason = value
        self._divergence = None

    def _epoch_order(self) -> np.ndarray:
        if self.mode == "batch":
            return np.arange(self.N)
        return self.rng.permutation(self.N)

    def _scratch(self, rows: int, cols: int) -> np.ndarray:
        """A reusable (rows, cols) buffer for a block's parameter rows."""
        if self._scratch_rows.shape[0] < rows:
            self._scratch_rows = np.empty((max(rows, fused_loop.MAX_BLOCK), cols))
        return self._scratch_rows[:rows]

    def _discard_partial(self) -> None:
        """Forget a batch epoch left part-way (a cache: its dropout draw is undone too)."""
        if self._partial is not None:
            if self._partial.drop_before is not None:
                self.drop_rng.bit_generator.state = self._partial.drop_before
            self._partial = None
            self._epoch_mask = None

    # --------------------------------------------------------- core stepping
    def _ws_for(self, idx: np.ndarray):
        if len(idx) == self.N and self.mode == "batch":
            return self._ws_all
        if len(idx) == 1 and self._ws_one is not None:
            return self._ws_one[int(idx[0])]
        ws = self._ws_sized.get(len(idx))
        if ws is None:
            ws = self._ws_sized[len(idx)] = self.net.batch_pass(self.X[idx], self.y[idx])
            return ws
        return ws.refill(self.X[idx], self.y[idx])

    def _step_batch(self, idx: np.ndarray) -> bool:
        """Forward, backward and update on one batch; store its predictions and loss.

        Returns False after rolling the epoch back (``_rollback_epoch``) when a value became
        non-finite.
        """
        ws = self._ws_for(idx)
        theta = self.net.theta
        ls = ws.train_pass(theta, None if self._epoch_mask is None else self._epoch_mask[idx])
        Y = ws.Y
        if not math.isfinite(ls) or not math.isfinite(float(Y.sum())):
            self._rollback_epoch("loss-nan" if math.isnan(ls) else "loss-inf")
            return False
        np.copyto(self._prev, theta)
        self.opt.lr = self.lr
        self.opt.step(theta, ws.G, len(idx))
        if not (math.isfinite(float(theta.sum())) and self._ck_epoch.moments_finite()):
            self._rollback_epoch("weight-nan" if np.isnan(theta).any() else "weight-inf")
            return False
        if self.net.output == "softmax":
            self._ep_pred[idx] = Y[np.arange(len(idx)), self.y[idx].astype(int)]
        else:
            self._ep_pred[idx] = Y[:, 0]
        self._ep_loss += ls
        ev = ws.eval_loss_sum()
        self._ep_eval += ls if ev is None else ev
        self._last_delta = theta - self._prev
        return True

    def _rollback_epoch(self, cause: str) -> None:
        """Back to the state the current epoch started from, and stop as diverged."""
        self._ck_epoch.restore(self)
        self._pos = 0
        self._order = None
        self._epoch_mask = None
        self._ep_loss = self._ep_eval = 0.0
        self._diverge(cause)

    def _diverge(self, cause: str) -> None:
        """Stop as diverged in epoch ``self.epoch + 1`` (the state is already the last finite one)."""
        self.diverged = True
        self._stopped_reason = None
        self._divergence = (self.epoch + 1, cause)

    def _stopped(self, reason: str | None, loss_below: float | None) -> None:
        """A stop condition fired after the epoch just completed (None: the loss fell below ε)."""
        if reason is None:
            self._stop_loss(loss_below)
        else:
            self.stopped_reason = reason

    def _finish_epoch(self) -> None:
        self.epoch += 1
        ev = self._ep_eval / self.N if self.dropout > 0 else None
        self.history.record(self.epoch, self._theta0, self._ep_pred, self._ep_loss / self.N, ev)
        self._pos = 0
        self._order = None
        self._ep_loss = self._ep_eval = 0.0

    def _start_epoch(self) -> None:
        self._ck_epoch.capture(self, rng=self.mode != "batch")
        self._epoch_mask = self._draw_mask()
        self._order = self._epoch_order()
        np.copyto(self._theta0, self.net.theta)
        self._ep_loss = self._ep_eval = 0.0

    # -------------------------------------------------------------- public
    def step_epoch(self) -> bool:
        """Finish the current epoch (a whole one if none is under way). False if it diverged."""
        if self.diverged:
            return False
        self._discard_partial()
        with np.errstate(all="ignore"):
            return bool(self._step_epoch())

    def _step_epoch(self, deadline: float | None = None) -> bool | None:
        """The rest of the current epoch batch by batch: True when done, False when it diverged,
        None when ``deadline`` passed between two batches (the epoch stays under way)."""
        if self._pos == 0:
            self._start_epoch()
        b = self.batch_size
        while self._pos < self.N:
            idx = self._order[self._pos: self._pos + b]
            if not self._step_batch(idx):
                return False
            self._pos += len(idx)
            if deadline is not None and self._pos < self.N and fused_loop.clock() > deadline:
                return None
        self._finish_epoch()
        return True

    def run(
        self,
        n_epochs: int,
        loss_below: float | None = None,
        callback: Callable[[Trainer], bool | str | None] | None = None,
        time_budget: float | None = None,
    ) -> int:
        """Run up to ``n_epochs`` whole epochs; returns how many were completed.

        Stops early, setting ``stopped_reason``, when the loss falls below ``loss_below``,
        when ``callback(trainer)`` returns something true after an epoch (a string becomes
        the ``stopped_reason``; see ``core.chapter.stops.StopConditions`` — a callback with
        ``first_stop`` is asked once per block of epochs, at no per-epoch cost), or on divergence.
        ``time_budget`` (seconds) ends the call near that time, measured by epoch times: the
        window's worker trains in such chunks so the GUI thread gets the interpreter between
        them. An epoch too long for the budget is trained in parts over several calls (batch
        mode), so such a call may return 0 having made progress.
        """
        if self.diverged:
            return 0
        deadline = None if time_budget is None else fused_loop.clock() + time_budget
        if self._partial is not None and (not np.array_equal(self._partial.theta, self.net.theta)
                                          or self.mode != "batch"):
            self._discard_partial()  # the parameters were edited meanwhile: start the epoch afresh
        with blas_one_thread(not self._ws_all.small), np.errstate(all="ignore"):
            return self._run(int(n_epochs), loss_below, callback, deadline)

    def _run(self, n: int, loss_below, callback, deadline) -> int:
        ran = 0
        if self._pos:  # a step-through left this epoch part-way: finish it first
            if not self._step_epoch():
                return 0
            ran = 1
            if self._check_epoch(loss_below, callback):
                return ran
        if ran >= n:
            return ran
        if self.mode == "batch":
            if fused_ok(self, callback):
                return ran + fused_loop.run_fused(self, n - ran, loss_below, callback, deadline)
            return ran + fused_loop.run_batch(self, n - ran, loss_below, callback, deadline)
        clock = fused_loop.clock
        while ran < n:
            est = self._epoch_s
            t0 = clock()
            fits = deadline is None or (est is not None and est <= (deadline - t0) / 2)
            if ran and not fits:
                break  # the next epoch would not fit
            done = self._step_epoch(None if fits else deadline)  # too long: it may stop part-way
            if done is None:
                break  # the deadline passed mid-epoch; the next call goes on from there
            if not done:
                break
            fused_loop._measure(self, clock() - t0, 1)
            ran += 1
            if self._check_epoch(loss_below, callback):
                break
            if deadline is not None and clock() > deadline:
                break
        return ran

    def _check_epoch(self, loss_below, callback) -> bool:
        """Stop conditions after one epoch of the step path; True when one fired."""
        if loss_below is not None and self.history.n and self._last_loss() < loss_below:
            self._stop_loss(loss_below)
            return True
        if callback is not None:
            verdict = callback(self)
            if verdict:
                if isinstance(verdict, str):
                    self.stopped_reason = verdict
                return True
        return False

    def _last_loss(self) -> float:
        return float(self.history.loss[-1])

    def _stop_loss(self, eps: float) -> None:
        self.stopped_reason = N_("trainer", "Stopped at epoch {0}: the loss fell below {eps:g}.").format(
            self.epoch, eps=eps)

    # ------------------------------------------------------------- snapshot
    def current_loss(self) -> float:
        """Mean loss of the current parameters on the whole data set (every node kept)."""
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
