"""Stop conditions a learner can set: an epoch, a loss, a weight crossing a value.

``StopConditions`` is ``Trainer.run``'s callback and returns the sentence the status bar shows
when one fires, or None. Divergence (a non-finite value) always stops the trainer by itself.

Two ways to be asked, with the same answers:

* ``check(trainer)`` / ``__call__``: after every epoch (any callable works this way);
* ``first_stop(trainer, block)``: once per block of epochs the fused loop has just run, with a
  ``Block`` of their losses and parameters; it returns the first epoch of the block after which
  a condition fires. The trainer then rolls back to the block's start and replays exactly that
  many epochs (training is deterministic), so the run stops on the same epoch, with the same
  numbers, as a per-epoch check — without a Python call per epoch, which cost 2–3× at the
  chapter's size. ``Trainer.run`` uses ``first_stop`` whenever the callback has it.

``StopHook`` wraps a ``StopConditions`` for a window: it remembers which condition fired.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from core.i18n import N_


@dataclass(frozen=True)
class Block:
    """Epochs ``epochs[0] … epochs[-1]`` just run: per epoch its loss and the parameters it used.

    ``params[i]`` is the row the history keeps for epoch ``epochs[i]`` (the parameters of its
    forward pass); ``theta_end`` the parameters after the block's last update, so the
    parameters *after* epoch i are ``params[i + 1]`` (or ``theta_end`` for the last).
    """

    epochs: np.ndarray  # (B,) int: the epoch numbers (1-based), ascending
    loss: np.ndarray  # (B,) the epochs' losses (with dropout: the training loss)
    params: np.ndarray  # (B, P) the parameters each epoch used
    theta_end: np.ndarray  # (P,) the parameters after the last epoch

    def after(self, col: int) -> np.ndarray:
        """Parameter ``col`` after each epoch of the block."""
        return np.append(self.params[1:, col], self.theta_end[col])


def _epoch_reason(epoch: int, limit: int) -> str:
    return N_("stops", "Stopped at epoch {epoch}: reached the stop epoch {limit}.").format(
        epoch=epoch, limit=limit)


def _loss_reason(epoch: int, loss: float, eps: float) -> str:
    return N_("stops", "Stopped at epoch {epoch}: the loss {loss:.3g} fell below ε = {eps:g}.").format(
        epoch=epoch, loss=loss, eps=eps)


def _weight_reason(epoch: int, name: str, v: float, before: float, now: float) -> str:
    return N_("stops", "Stopped at epoch {epoch}: {name} crossed {v:g} ({before:.4g} → {now:.4g}).").format(
        epoch=epoch, name=name, v=v, before=before, now=now)


@dataclass
class StopConditions:
    """Which conditions are armed; ``check(trainer)`` says which one fired, if any."""

    at_epoch: int | None = None  # stop when this many epochs are complete
    loss_below: float | None = None  # stop when the epoch's loss falls below ε
    weight: str | None = None  # stop when this parameter …
    weight_value: float = 0.0  # … crosses this value (in either direction)
    _previous: float | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.at_epoch is not None and self.at_epoch < 0:
            raise ValueError(N_("stops", "the stop epoch must be ≥ 0, got {0}").format(self.at_epoch))
        if self.loss_below is not None and not (self.loss_below > 0 and math.isfinite(self.loss_below)):
            raise ValueError(N_("stops", "ε must be a positive number, got {0}").format(self.loss_below))
        if not math.isfinite(self.weight_value):
            raise ValueError(N_("stops", "the weight's threshold must be a finite number"))

    def arm(self, trainer) -> None:
        """Remember the weight's current value (call before a run), checking the name."""
        if self.weight is not None:
            self._previous = float(trainer.net.theta[trainer.net.param_index(self.weight)])

    def check(self, trainer) -> str | None:
        """The reason to stop after the epoch just completed, or None to go on."""
        if self.at_epoch is not None and trainer.epoch >= self.at_epoch:
            return _epoch_reason(trainer.epoch, self.at_epoch)
        if self.loss_below is not None and trainer.history.n:
            loss = float(trainer.history.loss[-1])
            if loss < self.loss_below:
                return _loss_reason(trainer.epoch, loss, self.loss_below)
        if self.weight is not None:
            now = float(trainer.net.theta[trainer.net.param_index(self.weight)])
            before = self._previous
            self._previous = now
            v = self.weight_value
            if before is not None and (before - v) * (now - v) <= 0 and before != now:
                return _weight_reason(trainer.epoch, self.weight, v, before, now)
        return None

    def __call__(self, trainer) -> str | None:
        return self.check(trainer)

    def first_stop(self, trainer, block: Block) -> tuple[int, str] | None:
        """``(i, reason)`` for the first epoch ``block.epochs[i]`` after which ``check`` would fire.

        Each epoch's weight is compared with the parameters that epoch started from
        (``block.params``), which is what ``check`` remembers from the epoch before.
        """
        B = len(block.epochs)
        hits: list[tuple[int, int, str]] = []  # (index, priority as in check, reason)
        if self.at_epoch is not None:
            idx = np.flatnonzero(block.epochs >= self.at_epoch)
            if idx.size:
                i = int(idx[0])
                hits.append((i, 0, _epoch_reason(int(block.epochs[i]), self.at_epoch)))
        if self.loss_below is not None:
            idx = np.flatnonzero(block.loss < self.loss_below)
            if idx.size:
                i = int(idx[0])
                hits.append((i, 1, _loss_reason(int(block.epochs[i]), float(block.loss[i]), self.loss_below)))
        if self.weight is not None:
            col = trainer.net.param_index(self.weight)
            before, now, v = block.params[:, col], block.after(col), self.weight_value
            idx = np.flatnonzero(((before - v) * (now - v) <= 0) & (before != now))
            if idx.size:
                i = int(idx[0])
                hits.append((i, 2, _weight_reason(int(block.epochs[i]), self.weight, v,
                                                  float(before[i]), float(now[i]))))
        if not hits:
            if self.weight is not None and B:
                self._previous = float(block.theta_end[trainer.net.param_index(self.weight)])
            return None
        i, _, reason = min(hits)
        if self.weight is not None:
            self._previous = float(block.after(trainer.net.param_index(self.weight))[i])
        return i, reason


class StopHook:
    """A window's stop conditions as ``Trainer.run``'s callback; remembers which one fired.

    Per epoch (``__call__``), ``StopConditions`` compares a weight with its value after the
    previous epoch it saw; when epochs passed unseen (a step, a reset, a new trainer) it takes
    the value the last epoch started from out of the history instead, so a crossing in that
    epoch is still caught. Per block (``first_stop``) every epoch's starting value is in the
    block itself, so nothing needs remembering.
    """

    def __init__(self, cond: StopConditions) -> None:
        self.cond = cond
        self.fired: str | None = None
        self._trainer = None
        self._seen = -1

    def __call__(self, trainer) -> str | None:
        cond = self.cond
        try:
            if cond.weight is not None and (trainer is not self._trainer or self._seen != trainer.epoch - 1):
                h = trainer.history
                if h.n and int(h.epochs[-1]) == trainer.epoch:  # row e: the parameters used in epoch e
                    cond._previous = float(h.param_matrix[-1][trainer.net.param_index(cond.weight)])
                else:
                    cond.arm(trainer)
            self._trainer, self._seen = trainer, trainer.epoch
            verdict = cond.check(trainer)
        except (KeyError, ValueError, IndexError):  # the weight is not in this network
            cond.weight = None
            return None
        if verdict:
            self.fired = verdict
        return verdict

    def first_stop(self, trainer, block: Block) -> tuple[int, str] | None:
        try:
            hit = self.cond.first_stop(trainer, block)
        except (KeyError, ValueError, IndexError):  # the weight is not in this network
            self.cond.weight = None
            return None
        if len(block.epochs):  # the last epoch this hook has seen (after a stop: the stop's)
            self._trainer, self._seen = trainer, int(block.epochs[hit[0] if hit else -1])
        if hit:
            self.fired = hit[1]
        return hit

    def take(self) -> str | None:
        """The sentence of the condition that fired (once), for the status bar."""
        reason, self.fired = self.fired, None
        return reason


# --------------------------------------------------------------------------- divergence
CAUSES = {
    "loss-inf": N_("stops", "the loss became infinite"),
    "loss-nan": N_("stops", "the loss became not a number"),
    "weight-inf": N_("stops", "a weight became infinite"),
    "weight-nan": N_("stops", "a weight became not a number"),
}


def nice_below(x: float) -> float:
    """The largest of 1, 2, 5 × 10ᵏ not above ``x`` (> 0): a learning rate a learner would type."""
    k = math.floor(math.log10(x))
    for m in (5.0, 2.0, 1.0):
        v = float(f"{m}e{k}")
        if v <= x * (1 + 1e-12):
            return v
    return float(f"5e{k - 1}")


def _rate(v: float) -> str:
    """A learning rate as a learner types it: 1000000 rather than 1e+06, 0.05, 2.5e-07."""
    return str(int(v)) if v >= 1 and float(v).is_integer() and v < 1e12 else f"{v:g}"


def divergence_message(epoch: int, cause: str, lr: float, suggestion: float | None) -> str:
    """What the status bar and the command line say when training diverged in ``epoch``."""
    shown = N_("stops", "before training") if epoch <= 1 else N_("stops", "after epoch {0}").format(epoch - 1)
    tip = N_("stops", "try {0} or lower").format(
        _rate(suggestion)) if suggestion is not None else N_("stops", "try a much smaller one")
    return (N_("stops", "Training diverged at epoch {epoch} ({0}): the network is shown as it was "
                        "{shown}. A learning rate of {1} is too large for this network; {tip}.").format(
        CAUSES.get(cause, cause), _rate(lr), epoch=epoch, shown=shown, tip=tip))


def suggest_learning_rate(trainer, work: float = 1e8, max_samples: int = 200) -> float | None:
    """A learning rate that trains where ``trainer``'s diverged, found by trying, or None.

    From the parameters the run started with, shorter runs (at most ``max_samples`` samples,
    evenly spaced, and 30–300 epochs) try powers of ten below the rate that diverged until one
    trains — neither diverges nor ends with a larger loss than it began with — then 5× and 2×
    that one; the largest that trains is the advice. The search is bounded by ``work``
    feature-map values computed (≈ 1 s here at most; a wall-clock bound would make the answer
    depend on the machine's load), so the same run always gets the same advice.
    """
    t = trainer
    Trainer = type(t)  # trials are trainers of the same kind (no import: trainer imports this module)
    start = t.history.param_matrix[0] if t.history.n else t.net.theta
    idx = np.unique(np.linspace(0, t.N - 1, min(t.N, max_samples)).astype(int))
    X, y = t.X[idx], t.y[idx]
    kw = t.settings()
    if kw["batch_size"] is not None:
        kw["batch_size"] = min(kw["batch_size"], len(idx))
    epochs = min(300, max(30, 2 * (t.epoch + 1)))
    per_epoch = len(idx) * t.net.n_kernels * t.net.n_positions
    left = [work]

    def trains(lr: float) -> bool | None:
        if left[0] < epochs * per_epoch:
            return None  # over the bound: no verified answer
        net = t.net.copy()
        net.theta[:] = start
        trial = Trainer(net, X, y, **{**kw, "lr": lr})
        before = trial.current_loss()
        trial.run(epochs)
        left[0] -= trial.epoch * per_epoch
        return not trial.diverged and trial.current_loss() <= before

    lr = 10.0 ** math.floor(math.log10(t.lr0))
    if lr >= t.lr0:
        lr /= 10
    while lr >= 1e-6:
        ok = trains(lr)
        if ok is None:
            return None
        if ok:
            for bigger in (5 * lr, 2 * lr):
                if bigger < t.lr0 and trains(bigger):
                    return bigger
            return lr
        lr /= 10
    return None
