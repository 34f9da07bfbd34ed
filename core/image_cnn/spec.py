"""Reading an image CNN's architecture: the layer strings, their rules and the shapes they give.

A network is written as a list of short strings (``"conv:8:3:1:1"``, ``"relu"``,
``"maxpool:2"``, ``"dense:10"``) so a learner can type it in one field and a workspace
file can store it as text. Parsing checks every rule once, up front, and names the
layer and the rule it breaks, so a typo is refused with a sentence, never a traceback
from deep inside a matrix product.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.i18n import N_

ACTIVATION_KINDS = ("relu", "leaky_relu", "sigmoid", "tanh")
POOL_KINDS = ("maxpool", "avgpool")
HE_ACTIVATIONS = ("relu", "leaky_relu")  # He uniform init before these, Xavier uniform otherwise
MAX_PARAMS = 10_000_000  # a sanity cap: 80 MB of float64 parameters (and as much per snapshot)

_INT = re.compile(r"^[+-]?\d+$")

SYNTAX = {
    "conv": N_("image_cnn", "'conv:N:K', 'conv:N:K:S' or 'conv:N:K:S:P' (whole numbers)"),
    "maxpool": N_("image_cnn", "'maxpool:K' or 'maxpool:K:S' (whole numbers)"),
    "avgpool": N_("image_cnn", "'avgpool:K' or 'avgpool:K:S' (whole numbers)"),
    "dense": N_("image_cnn", "'dense:N' (a whole number)"),
    "dropout": N_("image_cnn", "'dropout:p' with 0 ≤ p < 1"),
}


@dataclass(frozen=True)
class LayerSpec:
    """One parsed layer: what it is, its numbers, and the shapes in and out (public layout)."""

    index: int  # 1-based position in the layer list, as error messages count
    text: str  # the layer string exactly as given (activations() names entries by it)
    kind: str  # "conv", "maxpool", "avgpool", "dense", "dropout" or an activation name
    in_shape: tuple[int, ...]  # (H, W, C) for images, (F,) after a dense layer
    out_shape: tuple[int, ...]
    n: int = 0  # conv: kernels; dense: outputs
    k: int = 0  # conv/pool window size
    s: int = 1  # conv/pool stride
    p: int = 0  # conv zero padding
    rate: float = 0.0  # dropout probability
    name: str = ""  # "conv1", "dense2", …: prefix of the parameter names
    he_init: bool = False  # He uniform (a ReLU-family activation follows) or Xavier uniform

    @property
    def param_shapes(self) -> list[tuple[str, tuple[int, ...]]]:
        """``[(name, shape), …]`` of this layer's parameters (empty for parameter-free layers)."""
        if self.kind == "conv":
            w_shape = (self.n, self.k, self.k, self.in_shape[2])
            return [(f"{self.name}.W", w_shape), (f"{self.name}.b", (self.n,))]
        if self.kind == "dense":
            return [(f"{self.name}.W", (math.prod(self.in_shape), self.n)), (f"{self.name}.b", (self.n,))]
        return []

    @property
    def fans(self) -> tuple[int, int]:
        """(fan_in, fan_out) as PyTorch's initialisers count them (conv: ·K·K receptive field)."""
        if self.kind == "conv":
            c = self.in_shape[2]
            return c * self.k * self.k, self.n * self.k * self.k
        return math.prod(self.in_shape), self.n


def output_size(n_in: int, k: int, p: int, s: int) -> int:
    """The chapter's n_out = ⌊(n_in + 2p − k)/s⌋ + 1 (windows fully inside the padded input)."""
    return (n_in + 2 * p - k) // s + 1


def normalise_input_shape(input_shape) -> tuple[int, int, int]:
    """``(H, W)`` or ``(H, W, C)`` → ``(H, W, C)``; anything else is a ValueError saying why."""
    try:
        dims = tuple(input_shape)
    except TypeError:
        dims = None
    ok = dims is not None and len(dims) in (2, 3) and all(
        isinstance(d, int | np.integer) and not isinstance(d, bool) and d >= 1 for d in dims
    )
    if not ok:
        raise ValueError(N_("image_cnn", "input_shape must be (H, W) or (H, W, C) with whole "
                                         "numbers ≥ 1; got {input_shape!r}").format(
            input_shape=input_shape))
    dims = tuple(int(d) for d in dims)
    return dims if len(dims) == 3 else (dims[0], dims[1], 1)


def split_layers(layers) -> list[str]:
    """Accept a list of layer strings or one comma-separated string (the CLI's form)."""
    if isinstance(layers, str):
        return [part.strip() for part in layers.split(",")]
    try:
        items = list(layers)
    except TypeError:
        raise ValueError(N_("image_cnn", "layers must be a list of strings such as ['conv:8:3', "
                                         "'relu', 'dense:10']; got {layers!r}").format(
            layers=layers)) from None
    for i, item in enumerate(items, 1):
        if not isinstance(item, str):
            raise ValueError(N_("image_cnn", "layer {i} {item!r}: each layer must be a string "
                                             "such as 'conv:8:3'").format(
                i=i, item=item))
    return [item.strip() for item in items]


def _ints(parts: list[str], where: str, kind: str, counts: tuple[int, ...]) -> list[int]:
    if len(parts) not in counts or not all(_INT.match(p.strip()) for p in parts):
        raise ValueError(N_("image_cnn", "{where}: malformed; {kind} is written {0}").format(
            SYNTAX[kind], where=where, kind=kind))
    return [int(p) for p in parts]


def parse_layers(input_shape, layers: Sequence[str] | str) -> tuple[tuple[int, int, int], list[LayerSpec]]:
    """Check every rule and work out each layer's shapes; returns ``((H, W, C), [LayerSpec, …])``.

    Raises ValueError naming the layer (1-based position and its text) and the rule broken.
    """
    shape3 = normalise_input_shape(input_shape)
    texts = split_layers(layers)
    if not texts:
        raise ValueError(N_("image_cnn", "layers is empty: the last layer must be 'dense:n_classes'"))
    shape: tuple[int, ...] = shape3
    counters = {"conv": 0, "dense": 0}
    specs: list[LayerSpec] = []
    for i, text in enumerate(texts, 1):
        where = N_("image_cnn", "layer {i} {text!r}").format(i=i, text=text)
        head, *rest = text.split(":")
        kind = head.strip()
        spatial = len(shape) == 3
        if kind in ACTIVATION_KINDS:
            if rest:
                raise ValueError(N_("image_cnn", "{where}: malformed; the activation {kind!r} "
                                                 "takes no numbers").format(
                    where=where, kind=kind))
            specs.append(LayerSpec(i, text, kind, shape, shape))
        elif kind == "conv":
            vals = _ints(rest, where, kind, (2, 3, 4))
            n, k, s, p = vals + [1, 0][len(vals) - 2:]  # S defaults to 1, P to 0
            _at_least(where, n=(n, 1), K=(k, 1), S=(s, 1), P=(p, 0))
            if not spatial:
                raise ValueError(N_("image_cnn", "{where}: conv needs an image input (H, W, C) "
                                                 "but follows a dense layer").format(
                    where=where))
            h, w, c = shape
            if k > h + 2 * p or k > w + 2 * p:
                raise ValueError(N_("image_cnn", "{where}: kernel {k}×{k} is larger than its "
                                                 "padded input {0}×{1} (H + 2P, W + 2P with H×W = "
                                                 "{h}×{w}, P = {p})").format(
                    h + 2 * p, w + 2 * p, where=where, k=k, h=h, w=w, p=p))
            out = (output_size(h, k, p, s), output_size(w, k, p, s), n)
            counters["conv"] += 1
            name = f"conv{counters['conv']}"
            specs.append(LayerSpec(i, text, kind, shape, out, n=n, k=k, s=s, p=p, name=name))
        elif kind in POOL_KINDS:
            vals = _ints(rest, where, kind, (1, 2))
            k, s = (vals[0], vals[0]) if len(vals) == 1 else vals
            _at_least(where, K=(k, 1), S=(s, 1))
            if not spatial:
                raise ValueError(N_("image_cnn", "{where}: {kind} needs an image input (H, W, C) "
                                                 "but follows a dense layer").format(
                    where=where, kind=kind))
            h, w, c = shape
            if k > h or k > w:
                raise ValueError(N_("image_cnn", "{where}: pool window {k}×{k} is larger than its "
                                                 "input {h}×{w} (windows must lie fully inside)").format(
                    where=where, k=k, h=h, w=w))
            out = (output_size(h, k, 0, s), output_size(w, k, 0, s), c)
            specs.append(LayerSpec(i, text, kind, shape, out, k=k, s=s))
        elif kind == "dense":
            (n,) = _ints(rest, where, kind, (1,))
            _at_least(where, N=(n, 1))
            counters["dense"] += 1
            specs.append(LayerSpec(i, text, kind, shape, (n,), n=n, name=f"dense{counters['dense']}"))
        elif kind == "dropout":
            try:
                (rate,) = [float(r) for r in rest] if len(rest) == 1 else (None,)
            except ValueError:
                rate = None
            if rate is None or not (0.0 <= rate < 1.0):
                raise ValueError(N_("image_cnn", "{where}: malformed; dropout is written {0}").format(
                    SYNTAX['dropout'], where=where))
            specs.append(LayerSpec(i, text, kind, shape, shape, rate=rate))
        else:
            known = ", ".join(["conv", *POOL_KINDS, "dense", "dropout", *ACTIVATION_KINDS])
            raise ValueError(N_("image_cnn", "{where}: unknown layer {kind!r}; known layers: "
                                             "{known}").format(
                where=where, kind=kind, known=known))
        shape = specs[-1].out_shape
    last = specs[-1]
    if last.kind != "dense":
        raise ValueError(N_("image_cnn", "layer {0} {1!r}: the last layer must be "
                                         "'dense:n_classes' (softmax and cross-entropy follow it "
                                         "implicitly)").format(
            last.index, last.text))
    if last.n < 2:
        raise ValueError(N_("image_cnn", "layer {0} {1!r}: the last dense layer needs ≥ 2 "
                                         "outputs, one per class").format(
            last.index, last.text))
    specs = _with_init(specs)
    n_params = sum(math.prod(s) for spec in specs for _, s in spec.param_shapes)
    if n_params > MAX_PARAMS:
        raise ValueError(N_("image_cnn", "the network has {n_params:,} parameters; at most "
                                         "{MAX_PARAMS:,} are allowed").format(
            n_params=n_params, MAX_PARAMS=MAX_PARAMS))
    return shape3, specs


def _at_least(where: str, **checks: tuple[int, int]) -> None:
    for label, (value, low) in checks.items():
        if value < low:
            raise ValueError(N_("image_cnn", "{where}: {label} must be ≥ {low}; got {value}").format(
                where=where, label=label, low=low, value=value))


def _with_init(specs: list[LayerSpec]) -> list[LayerSpec]:
    """Mark conv/dense layers whose output meets ReLU or leaky ReLU before the next conv/dense layer.

    Pooling and dropout in between do not change the choice: max pooling commutes with ReLU,
    so ``conv, maxpool, relu`` is initialised like ``conv, relu, maxpool``.
    """
    out = list(specs)
    for i, spec in enumerate(specs):
        if spec.kind not in ("conv", "dense"):
            continue
        he = False
        for later in specs[i + 1:]:
            if later.kind in ("conv", "dense"):
                break
            if later.kind in ACTIVATION_KINDS:
                he = later.kind in HE_ACTIVATIONS
                break
        out[i] = LayerSpec(**{**spec.__dict__, "he_init": he})
    return out
