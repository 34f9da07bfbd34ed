"""Parameter updates on the flat parameter vector: the chapter's gradient descent, momentum, Adam.

Each optimiser's ``step(theta, G, n)`` takes the *summed* gradient ``G`` over a
batch of ``n`` samples (the mean gradient is ``G / n``) and updates ``theta`` in
place. ``gd`` is the chapter's θ ← θ − (η/n)·Σ∂P/∂θ: the chapter averages the
per-sample updates η·∂P/∂θ, the same sum up to the last bit's rounding.
Momentum and Adam follow PyTorch's conventions
(``torch.optim.SGD(momentum=μ)`` and ``torch.optim.Adam``) so a learner can check
them against PyTorch. Their state is a few arrays, saved and restored exactly.

Hyper-parameters and restored states are checked when they arrive (ValueError with a
sentence), not at the first step: a momentum of NaN or a step count of −5 would otherwise
load quietly and "diverge" at once, blaming the learning rate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from core.i18n import N_

OPTIMIZERS = ("gd", "momentum", "adam")
MAX_STEPS = 2**62  # a step count beyond this is a damaged file, not a long run


def _number(what: str, value, lo: float, hi: float, open_lo: bool = False, open_hi: bool = False) -> float:
    """``value`` as a float in the interval, else ValueError naming ``what`` and the interval."""
    left, right = "(" if open_lo else "[", ")" if open_hi else "]"
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        kind = type(value).__name__
        raise ValueError(N_("optimizers", "{what} must be a number in {left}{lo:g}, "
                                          "{hi:g}{right}, got {kind}").format(
            what=what, left=left, lo=lo, hi=hi, right=right, kind=kind))
    v = float(value)
    if not (math.isfinite(v) and (v > lo if open_lo else v >= lo) and (v < hi if open_hi else v <= hi)):
        raise ValueError(N_("optimizers", "{what} must be a number in {left}{lo:g}, "
                                          "{hi:g}{right}, got {v:g}").format(
            what=what, left=left, lo=lo, hi=hi, right=right, v=v))
    return v


def _betas(betas) -> tuple[float, float]:
    """Adam's (β1, β2): two numbers in [0, 1) (β = 1 never forgets, so 1 − βᵗ stays 0)."""
    if isinstance(betas, str | bytes | Mapping) or not hasattr(betas, "__len__") or len(betas) != 2:
        raise ValueError(N_("optimizers", "betas must be a pair of numbers in [0, 1), got {0}").format(
            type(betas).__name__))
    return (_number("betas[0] (β1)", betas[0], 0.0, 1.0, open_hi=True),
            _number("betas[1] (β2)", betas[1], 0.0, 1.0, open_hi=True))


def _eps(eps) -> float:
    """Adam's ε: a number in (0, 1], added to √v so the step never divides by zero."""
    return _number("eps (ε)", eps, 0.0, 1.0, open_lo=True)


def _mu(momentum) -> float:
    """The momentum μ in [0, 1): μ ≥ 1 makes the velocity grow without bound, whatever η."""
    return _number("momentum", momentum, 0.0, 1.0, open_hi=True)


def _steps(state) -> int:
    """The step count ``t`` of a saved state: an integer from 0 to MAX_STEPS."""
    if not isinstance(state, Mapping) or "t" not in state:
        raise ValueError(N_("optimizers", "optimizer state must hold its step count t"))
    t = state["t"]
    if isinstance(t, bool) or not isinstance(t, int | np.integer) or not 0 <= t <= MAX_STEPS:
        shown = f"{t:,}" if isinstance(t, int | np.integer) and not isinstance(t, bool) and abs(t) < 10**30 \
            else type(t).__name__
        raise ValueError(N_("optimizers", "optimizer step count t must be an integer from 0 to "
                                          "{MAX_STEPS:,}, got {shown}").format(
            MAX_STEPS=MAX_STEPS, shown=shown))
    return int(t)


def _moments(state, key: str, size: int, nonnegative: bool = False) -> np.ndarray:
    """A saved moment vector: ``size`` finite numbers (≥ 0 for Adam's second moments)."""
    if key not in state:
        raise ValueError(N_("optimizers", "optimizer state lacks its moments {key}").format(key=key))
    try:
        a = np.asarray(state[key], dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(N_("optimizers", "optimizer moments {key} must be numbers").format(
            key=key)) from None
    if a.shape != (size,):
        raise ValueError(N_("optimizers", "optimizer moments {key} must hold {size} values, got "
                                          "shape {0}").format(
            a.shape, key=key, size=size))
    if not np.isfinite(a).all() or (nonnegative and (a < 0).any()):
        need = N_("optimizers", "finite numbers ≥ 0") if nonnegative else "finite numbers"
        raise ValueError(N_("optimizers", "optimizer moments {key} must be {need}").format(
            key=key, need=need))
    return a


class GD:
    """The chapter's gradient descent: θ ← θ − η·(mean gradient)."""

    name = "gd"

    def __init__(self, size: int, lr: float) -> None:
        self.lr = lr
        self.t = 0  # number of steps taken

    def step(self, theta: np.ndarray, G: np.ndarray, n: int) -> None:
        """Apply one update with the summed gradient ``G`` of ``n`` samples (``G`` is scratch)."""
        self.t += 1
        G *= self.lr / n
        theta -= G

    def state(self) -> dict:
        return {"t": self.t}

    def load_state(self, state: dict) -> None:
        """Restore ``state()``; ValueError (nothing changed) when it is not a valid state."""
        self.t = _steps(state)


class Momentum(GD):
    """PyTorch's heavy-ball momentum: v ← μ·v + g; θ ← θ − η·v (v starts at g)."""

    name = "momentum"

    def __init__(self, size: int, lr: float, momentum: float = 0.9) -> None:
        super().__init__(size, lr)
        self.mu = _mu(momentum)
        self.v = np.zeros(size)

    def step(self, theta: np.ndarray, G: np.ndarray, n: int) -> None:
        if n != 1:
            G /= n
        if self.t == 0:
            self.v[:] = G  # PyTorch: the first buffer is the gradient itself
        else:
            self.v *= self.mu
            self.v += G
        self.t += 1
        np.multiply(self.v, self.lr, out=G)
        theta -= G

    def state(self) -> dict:
        return {"t": self.t, "v": self.v.copy()}

    def load_state(self, state: dict) -> None:
        t = _steps(state)
        v = _moments(state, "v", self.v.size)
        self.t, self.v[:] = t, v


class Adam(GD):
    """PyTorch's Adam with bias correction (β1 0.9, β2 0.999, ε 1e-8 by default)."""

    name = "adam"

    def __init__(
        self, size: int, lr: float, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8
    ) -> None:
        super().__init__(size, lr)
        self.b1, self.b2 = _betas(betas)
        self.eps = _eps(eps)
        self.m = np.zeros(size)
        self.v = np.zeros(size)
        self._tmp = np.zeros(size)

    def step(self, theta: np.ndarray, G: np.ndarray, n: int) -> None:
        if n != 1:
            G /= n
        self.t += 1
        b1, b2 = self.b1, self.b2
        # m ← β1·m + (1 − β1)·g ; v ← β2·v + (1 − β2)·g²  (PyTorch's lerp_/addcmul_ forms)
        self.m += (G - self.m) * (1 - b1)
        self.v *= b2
        np.multiply(G, G, out=self._tmp)
        self._tmp *= 1 - b2
        self.v += self._tmp
        bias1 = 1 - b1**self.t
        bias2 = 1 - b2**self.t
        step_size = self.lr / bias1
        denom = np.sqrt(self.v) / np.sqrt(bias2) + self.eps
        theta -= step_size * (self.m / denom)

    def state(self) -> dict:
        return {"t": self.t, "m": self.m.copy(), "v": self.v.copy()}

    def load_state(self, state: dict) -> None:
        t = _steps(state)
        m = _moments(state, "m", self.m.size)
        v = _moments(state, "v", self.v.size, nonnegative=True)
        self.t, self.m[:], self.v[:] = t, m, v


def make_optimizer(name: str, size: int, lr: float, **kw) -> GD:
    """Build the named optimiser; unknown names raise ValueError listing the valid ones.

    Every hyper-parameter given (``momentum``, ``betas``, ``eps``) is checked, whichever
    optimiser uses it, so a bad value is refused when the run is set up, never at its first
    step on a worker thread.
    """
    _mu(kw.get("momentum", 0.9))
    _betas(kw.get("betas", (0.9, 0.999)))
    _eps(kw.get("eps", 1e-8))
    if name == "gd":
        return GD(size, lr)
    if name == "momentum":
        return Momentum(size, lr, momentum=kw.get("momentum", 0.9))
    if name == "adam":
        return Adam(size, lr, betas=kw.get("betas", (0.9, 0.999)), eps=kw.get("eps", 1e-8))
    raise ValueError(N_("optimizers", "optimizer must be one of {0}; got {name!r}").format(
        ', '.join(OPTIMIZERS), name=name))
