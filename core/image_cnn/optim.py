"""The 1D core's optimisers for the image CNN, with Adam's step done in preallocated arrays.

``core.optimizers.Adam.step`` allocates five parameter-sized temporaries per step. For a
LeNet-sized network (61,706 parameters, 0.5 MB each) every one is a fresh ``mmap`` and a page
fault per 4 KiB, which made Adam's step cost as much as a convolution. ``ScratchAdam`` runs
the very same operations in the same order into arrays kept between steps, so its updates
are bit-for-bit those of ``core.optimizers.Adam`` (a test holds it to that), and its state
is the parent's (``state()`` / ``load_state()`` are inherited unchanged).
"""

from __future__ import annotations

import numpy as np

from core.optimizers import GD, Adam, make_optimizer


class ScratchAdam(Adam):
    """PyTorch's Adam exactly as ``core.optimizers.Adam`` computes it, without temporaries."""

    def __init__(self, size: int, lr: float, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8) -> None:
        super().__init__(size, lr, betas=betas, eps=eps)
        self._denom = np.zeros(size)
        self._update = np.zeros(size)

    def step(self, theta: np.ndarray, G: np.ndarray, n: int) -> None:
        if n != 1:
            G /= n
        self.t += 1
        b1, b2 = self.b1, self.b2
        u, d = self._update, self._denom
        np.subtract(G, self.m, out=u)  # m ← m + (g − m)·(1 − β1)
        u *= 1 - b1
        self.m += u
        self.v *= b2  # v ← β2·v + (1 − β2)·g²
        np.multiply(G, G, out=self._tmp)
        self._tmp *= 1 - b2
        self.v += self._tmp
        bias1 = 1 - b1**self.t
        bias2 = 1 - b2**self.t
        step_size = self.lr / bias1
        np.sqrt(self.v, out=d)  # denom = √v / √(1 − β2ᵗ) + ε
        d /= np.sqrt(bias2)
        d += self.eps
        np.divide(self.m, d, out=u)  # θ ← θ − (η / (1 − β1ᵗ))·m / denom
        u *= step_size
        theta -= u


def make_image_optimizer(name: str, size: int, lr: float, **kw) -> GD:
    """``core.optimizers.make_optimizer`` (same checks, same messages), Adam as ScratchAdam."""
    opt = make_optimizer(name, size, lr, **kw)
    if name == "adam":
        return ScratchAdam(size, lr, betas=(opt.b1, opt.b2), eps=opt.eps)
    return opt
