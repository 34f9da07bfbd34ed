"""Feature-map activations the chapter weighs: sigmoid, tanh, ReLU, leaky ReLU, linear.

Each activation is a pair of NumPy functions: ``f(z)`` and its derivative
expressed through the input ``z`` *and* the output ``a = f(z)``. Sigmoid's
derivative uses the chapter's form ``a·(1 − a)`` (δ9 = C9(1 − C9)·λ9,12·δ12) so
the app reproduces the chapter's arithmetic to the last bit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.i18n import N_

LEAKY_SLOPE = 0.01  # slope of leaky ReLU for z < 0 (PyTorch's default)


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), computed without overflow warnings for large |z|."""
    z = np.asarray(z, dtype=float)
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def relu(z):
    """max(0, z)."""
    return np.maximum(z, 0.0)


def leaky_relu(z):
    """z for z ≥ 0, 0.01·z otherwise."""
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, LEAKY_SLOPE * z)


def linear(z):
    """The identity: the chapter's output activation."""
    return np.asarray(z, dtype=float) * 1.0


@dataclass(frozen=True)
class Activation:
    """An activation: its name, ``f(z)`` and ``f′`` given ``(z, a)``, and a formula string."""

    name: str
    f: Callable
    df: Callable  # df(z, a) -> f'(z); a = f(z) is passed so sigmoid/tanh reuse it
    formula: str  # how the equations panel writes f(z)
    dformula: str  # and its derivative, in terms of the node value a


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation(
        "sigmoid", sigmoid, lambda z, a: a * (1.0 - a), "1/(1+e^(−z))", "a·(1−a)"
    ),
    "tanh": Activation("tanh", np.tanh, lambda z, a: 1.0 - a * a, "tanh(z)", "1−a²"),
    "relu": Activation(
        "relu", relu, lambda z, a: (np.asarray(z) > 0).astype(float), "max(0, z)",
        N_("activations", "1 if z>0 else 0"),
    ),
    "leaky_relu": Activation(
        "leaky_relu",
        leaky_relu,
        lambda z, a: np.where(np.asarray(z) >= 0, 1.0, LEAKY_SLOPE),
        N_("activations", "z if z≥0 else 0.01·z"),
        N_("activations", "1 if z≥0 else 0.01"),
    ),
    "linear": Activation("linear", linear, lambda z, a: np.ones_like(np.asarray(z, float)), "z", "1"),
}


def get_activation(name: str) -> Activation:
    """Look an activation up by name, with a message listing the valid names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            N_("optimizers", "activation must be one of {0}; got {name!r}").format(
                ', '.join(ACTIVATIONS), name=name)
        ) from None


def apply_activation(x, name: str):
    """Apply the named activation element-wise (used by the image lab)."""
    if name in (None, "", "none"):
        return x
    out = get_activation(name).f(x)
    return out.astype(np.asarray(x).dtype, copy=False) if np.asarray(x).dtype.kind == "f" else out
