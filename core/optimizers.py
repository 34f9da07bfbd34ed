"""Parameter updates on the flat parameter vector: the chapter's gradient descent, momentum, Adam.

Each optimiser's ``step(theta, G, n)`` takes the *summed* gradient ``G`` over a
batch of ``n`` samples (the mean gradient is ``G / n``) and updates ``theta`` in
place. ``gd`` is the chapter's θ ← θ − (η/n)·Σ∂P/∂θ: the chapter averages the
per-sample updates η·∂P/∂θ, the same sum up to the last bit's rounding.
Momentum and Adam follow PyTorch's conventions
(``torch.optim.SGD(momentum=μ)`` and ``torch.optim.Adam``) so a learner can check
them against PyTorch. Their state is a few arrays, saved and restored exactly.
"""

from __future__ import annotations

import numpy as np

OPTIMIZERS = ("gd", "momentum", "adam")


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
        self.t = int(state["t"])


class Momentum(GD):
    """PyTorch's heavy-ball momentum: v ← μ·v + g; θ ← θ − η·v (v starts at g)."""

    name = "momentum"

    def __init__(self, size: int, lr: float, momentum: float = 0.9) -> None:
        super().__init__(size, lr)
        self.mu = momentum
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
        self.t = int(state["t"])
        self.v[:] = state["v"]


class Adam(GD):
    """PyTorch's Adam with bias correction (β1 0.9, β2 0.999, ε 1e-8 by default)."""

    name = "adam"

    def __init__(
        self, size: int, lr: float, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8
    ) -> None:
        super().__init__(size, lr)
        self.b1, self.b2 = betas
        self.eps = eps
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
        self.t = int(state["t"])
        self.m[:] = state["m"]
        self.v[:] = state["v"]


def make_optimizer(name: str, size: int, lr: float, **kw) -> GD:
    """Build the named optimiser; unknown names raise ValueError listing the valid ones."""
    if name == "gd":
        return GD(size, lr)
    if name == "momentum":
        return Momentum(size, lr, momentum=kw.get("momentum", 0.9))
    if name == "adam":
        return Adam(size, lr, betas=kw.get("betas", (0.9, 0.999)), eps=kw.get("eps", 1e-8))
    raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {name!r}")
