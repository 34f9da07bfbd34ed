"""A visible gradient check: backprop's ∂P/∂θ beside a central finite difference.

For one sample, each parameter is nudged by ±ε and the loss P re-evaluated;
(P(θ+ε) − P(θ−ε)) / 2ε approximates the derivative. Agreement to ~1e-8 shows
backprop is right; near a ReLU kink the two disagree, because there the loss has
no derivative — which is worth seeing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.chapter.network import Network


@dataclass(frozen=True)
class GradCheckRow:
    """One parameter's analytic and numerical gradient and their relative error."""

    name: str
    analytic: float
    numeric: float
    rel_error: float  # |a − n| / max(|a|, |n|, tiny)


def gradient_check(net: Network, x, y, eps: float = 1e-6,
                   mask: dict[str, float] | None = None) -> list[GradCheckRow]:
    """Compare ``net.backward(x, y)``'s gradients with central differences of the sample's loss."""
    if not (eps > 0 and np.isfinite(eps)):
        raise ValueError(f"eps must be a small positive number, got {eps!r}")
    with np.errstate(all="ignore"):
        analytic = net.backward(x, y, mask)["grad"]
        theta = net.theta
        saved = theta.copy()
        rows = []
        try:
            for i, name in enumerate(net.param_names()):
                theta[i] = saved[i] + eps
                lp = net.backward(x, y, mask)["loss"]
                theta[i] = saved[i] - eps
                lm = net.backward(x, y, mask)["loss"]
                theta[i] = saved[i]
                num = (lp - lm) / (2 * eps)
                a = analytic[name]
                scale = max(abs(a), abs(num), 1e-12)
                rows.append(GradCheckRow(name, a, num, abs(a - num) / scale))
        finally:
            theta[:] = saved
    return rows
