"""ImageCNN: a small 2D convolutional network for image classification, in NumPy.

The chapter's 1D network grown up: feature maps with depth, pooling, a dense head and a
softmax output with mean cross-entropy. Every parameter lives in one flat vector
``model.theta``; ``model.params[name]`` are writable views into it, so an optimiser updates
the whole network with one in-place step and a view (or a learner) can edit one weight.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from core.i18n import N_
from core.image_cnn.fused import ConvPool, fused_span
from core.image_cnn.layers import Activation, Conv, Dense, Dropout, Layer, softmax_cross_entropy
from core.image_cnn.pooling import Pool
from core.image_cnn.spec import LayerSpec, parse_layers

CHUNK_BYTES = 32 * 2**20  # large data sets are evaluated in chunks whose im2col fits in this


def make_layer(spec: LayerSpec, dtype=np.float64) -> Layer:
    """The compute object for one parsed layer, computing in ``dtype``."""
    if spec.kind == "conv":
        return Conv(spec, dtype)
    if spec.kind == "dense":
        return Dense(spec, dtype)
    if spec.kind in ("maxpool", "avgpool"):
        return Pool(spec, dtype)
    if spec.kind == "dropout":
        return Dropout(spec, dtype)
    return Activation(spec, dtype)


class ParamViews(Mapping):
    """Name → writable view into ``theta``. Assigning ``params[name] = value`` copies the value
    in (shape-checked), so the model always sees the change."""

    def __init__(self, views: dict[str, np.ndarray]) -> None:
        self._views = views

    def __getitem__(self, name: str) -> np.ndarray:
        return self._views[name]

    def __setitem__(self, name: str, value) -> None:
        view = self._views[name]
        arr = np.asarray(value, dtype=float)
        if arr.shape != view.shape:
            raise ValueError(f"{name} has shape {view.shape}; got {arr.shape}")
        view[...] = arr

    def __iter__(self) -> Iterator[str]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)


class ImageCNN:
    """``ImageCNN((H, W[, C]), ["conv:8:3:1:1", "relu", "maxpool:2", "dense:10"], seed=0)``.

    Attributes: ``input_shape`` (H, W, C); ``layers`` (the strings as given); ``param_names``;
    ``params``; ``theta``; ``output_shapes`` (per layer, public layout); ``n_classes``.

    ``dtype`` is the compute precision: float64 (the default: gradients agree with finite
    differences to 1e-10, as a learner checking by hand expects) or float32 (about twice as
    fast on larger images; the precision PyTorch uses by default).
    """

    fuse = True  # run a conv, its relu and a 2×2 max pool as one step (ConvPool) where it pays

    def __init__(self, input_shape: Sequence[int], layers: Sequence[str] | str, seed: int = 0,
                 dtype: str | type | np.dtype = "float64") -> None:
        if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
            raise ValueError(f"seed must be a whole number ≥ 0; got {seed!r}")
        try:
            self.dtype = np.dtype(dtype)
        except TypeError:
            self.dtype = None
        if self.dtype not in (np.float64, np.float32):
            raise ValueError(f"dtype must be 'float64' or 'float32'; got {dtype!r}")
        self.input_shape, self.specs = parse_layers(input_shape, layers)
        self.layers: list[str] = [spec.text for spec in self.specs]
        self.seed = int(seed)
        self.ops: list[Layer] = [make_layer(spec, self.dtype) for spec in self.specs]
        self.param_names: list[str] = [name for spec in self.specs for name, _ in spec.param_shapes]
        n_params = sum(math.prod(shape) for spec in self.specs for _, shape in spec.param_shapes)
        self.theta = np.zeros(n_params, dtype=self.dtype)
        offset, views = 0, {}
        for op in self.ops:
            if op.has_params:
                offset = op.bind(self.theta, offset)
                views[f"{op.spec.name}.W"], views[f"{op.spec.name}.b"] = op.W, op.b
        self.params = ParamViews(views)
        self.output_shapes: list[tuple[int, ...]] = [spec.out_shape for spec in self.specs]
        self.n_classes = self.specs[-1].n
        # Backward stops at the first layer with parameters: nothing before it needs a gradient.
        self._first_param = next(i for i, op in enumerate(self.ops) if op.has_params)
        if isinstance(self.ops[self._first_param], Conv):
            self.ops[self._first_param].keep_cols = False  # nothing below needs ∂loss/∂x: block it
        self._has_dropout = any(spec.kind == "dropout" and spec.rate > 0 for spec in self.specs)
        self._fast_order = _fast_order(self.specs)
        self._plan = self._fast_plan()
        self._written = [((i,), op) for i, op in enumerate(self.ops)]
        self._chunk = max(1, CHUNK_BYTES // _bytes_per_image(self.input_shape, self.specs))
        self.initialise()

    # ------------------------------------------------------------ parameters
    def initialise(self, seed: int | None = None) -> None:
        """He uniform √(6/fan_in) before ReLU/leaky ReLU, Xavier uniform √(6/(fan_in+fan_out))
        otherwise (PyTorch's fans: a conv's include K·K); biases 0. Same seed, same weights."""
        if seed is not None:
            self.seed = int(seed)
        rng = np.random.default_rng(self.seed)
        for op in self.ops:
            if op.has_params:
                fan_in, fan_out = op.spec.fans
                bound = math.sqrt(6 / fan_in) if op.spec.he_init else math.sqrt(6 / (fan_in + fan_out))
                op.W[...] = rng.uniform(-bound, bound, size=op.W.shape)
                op.b[...] = 0.0

    @property
    def has_dropout(self) -> bool:
        """Whether training draws dropout masks (some ``dropout:p`` with p > 0)."""
        return self._has_dropout

    @property
    def n_params(self) -> int:
        return int(self.theta.size)

    def architecture(self) -> dict:
        """What rebuilds this network: ``ImageCNN(**model.architecture())`` (plain JSON values)."""
        return {"input_shape": list(self.input_shape), "layers": list(self.layers), "seed": self.seed,
                "dtype": self.dtype.name}

    def copy(self) -> ImageCNN:
        """An independent network with the same architecture and parameters (for time travel)."""
        other = ImageCNN(self.input_shape, self.layers, seed=self.seed, dtype=self.dtype)
        other.theta[:] = self.theta
        return other

    # ------------------------------------------------------------ data checks
    def check_X(self, X, what: str = "X") -> np.ndarray:
        """``(n, H, W)`` or ``(n, H, W, C)`` finite values → float64 ``(n, H, W, C)``; else ValueError."""
        arr = np.asarray(X, dtype=float)
        h, w, c = self.input_shape
        if arr.ndim == 3 and c == 1:
            arr = arr[..., None]
        if arr.ndim != 4 or arr.shape[1:] != (h, w, c):
            want = f"(n, {h}, {w}, {c})" + (f" or (n, {h}, {w})" if c == 1 else "")
            raise ValueError(N_("image_cnn", "{what} has shape {0}; this network takes {want}").format(
                np.shape(X), what=what, want=want))
        if not np.isfinite(arr).all():
            raise ValueError(N_("image_cnn", "{what} contains non-finite values (NaN or ±inf)").format(
                what=what))
        return arr

    def check_y(self, y, n: int, what: str = "y") -> np.ndarray:
        """Class labels 0 … n_classes − 1, one per image, as int64; else ValueError."""
        arr = np.asarray(y)
        if arr.ndim != 1 or arr.shape[0] != n:
            raise ValueError(N_("image_cnn", "{what} must hold one label per image ({n}); got "
                                             "shape {0}").format(
                arr.shape, what=what, n=n))
        if arr.dtype.kind == "f" and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)):
            arr = arr.astype(np.int64)
        if arr.dtype.kind not in "iu":
            raise ValueError(N_("image_cnn", "{what} must hold whole-number class labels; got "
                                             "dtype {0}").format(
                arr.dtype, what=what))
        if n and (arr.min() < 0 or arr.max() >= self.n_classes):
            raise ValueError(N_("image_cnn", "{what} has labels from {0} to {1}; this network's "
                                             "classes are 0 … {2}").format(
                arr.min(), arr.max(), self.n_classes - 1, what=what))
        return arr.astype(np.int64)

    def to_internal(self, X: np.ndarray) -> np.ndarray:
        """Checked ``(n, H, W, C)`` → the layers' ``(C, H, W, n)`` layout in ``dtype`` (one copy)."""
        return np.ascontiguousarray(X.transpose(3, 1, 2, 0), dtype=self.dtype)

    # ------------------------------------------------------------ passes (internal layout)
    def _fast_plan(self) -> list[tuple[tuple[int, ...], Layer]]:
        """The steps a pass runs outside ``keep``: (layer indices, op), in execution order.

        ``_fast_order`` (each relu, maxpool pair swapped), with a conv, its relu and a 2×2 max
        pool run as one :class:`ConvPool` where that is faster (``fused_span`` says where).
        """
        plan, order, i = [], self._fast_order, 0
        while i < len(order):
            j = order[i]
            fused = fused_span(self.specs, j, j == self._first_param) if self.fuse else None
            if fused is None:
                plan.append(((j,), self.ops[j]))
                i += 1
                continue
            span, relu = fused
            plan.append((tuple(range(j, j + span)), ConvPool(self.ops[j], self.specs[j + span - 1], relu)))
            i += span  # the order holds these layers next (relu and pool swapped): skip them all
        return plan

    def forward_internal(self, x: np.ndarray, train: bool = False, rng=None, keep: bool = False):
        """Logits for internal-layout input, and every step's cache (indexed like the plan run).

        With ``keep`` the layers run one by one in their written order and every output is
        returned too; without, the fast plan runs (``_fast_plan``): a ``relu`` followed by
        ``maxpool`` as maxpool then relu — the same numbers (relu(max z) = max relu(z), and the
        first maximum's gradient is the same) on a quarter of the values — and the first conv
        with its relu and 2×2 max pool as one step.
        """
        plan = self._written if keep else self._plan
        caches, outputs = [None] * len(plan), []
        for step, (_, op) in enumerate(plan):
            x, caches[step] = op.forward(x, train, rng)
            if keep:
                outputs.append(x)
        return x, caches, outputs

    def loss_grad_internal(self, xi: np.ndarray, y: np.ndarray, rng, G: np.ndarray,
                           deltas: list | None = None) -> tuple[float, int]:
        """Summed loss and number correct; writes the SUMMED gradient into ``G`` (chunked if large).

        ``rng`` given → training mode (dropout on, masks from ``rng``). ``deltas`` (a list)
        receives ∂loss/∂(each layer's output), first layer first, for a single-chunk batch.
        """
        n = xi.shape[3]
        if n <= self._chunk:
            return self._loss_grad_chunk(xi, y, rng, G, deltas)
        G[:] = 0.0
        part = np.empty_like(G)
        total, correct = 0.0, 0
        step = self._chunk
        for a in range(0, n, step):
            loss, right = self._loss_grad_chunk(xi[..., a:a + step], y[a:a + step], rng, part, None)
            G += part
            total += loss
            correct += right
        return total, correct

    def _loss_grad_chunk(self, xi, y, rng, G, deltas) -> tuple[float, int]:
        keep = deltas is not None  # per-layer δ needs the layers in their written order
        z, caches, _ = self.forward_internal(xi, train=rng is not None, rng=rng, keep=keep)
        losses, _, g = softmax_cross_entropy(z, y)
        correct = int(np.count_nonzero(z.argmax(axis=1) == y))
        plan = self._written if keep else self._plan
        collected = {}
        for step in reversed(range(len(plan))):
            indices, op = plan[step]
            if indices[-1] < self._first_param:  # parameter-free layers before the first weights
                continue
            collected[indices[0]] = g
            g = op.backward(g, caches[step], G, need_dx=indices[0] > self._first_param)
        if keep:
            deltas.extend(collected.get(i) for i in range(len(self.ops)))
        return float(losses.sum()), correct

    def logits_internal(self, xi: np.ndarray) -> np.ndarray:
        """Evaluation-mode logits, chunked so memory stays bounded for large data sets."""
        n = xi.shape[3]
        if n <= self._chunk:
            return self.forward_internal(xi)[0]
        return np.concatenate([self.forward_internal(xi[..., a:a + self._chunk])[0]
                               for a in range(0, n, self._chunk)])

    # ------------------------------------------------------------ public API (channels last)
    def predict(self, X) -> np.ndarray:
        """Softmax probabilities ``(n, n_classes)`` (evaluation mode: no dropout)."""
        z = self.logits_internal(self.to_internal(self.check_X(X)))
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def loss(self, X, y, rng: np.random.Generator | None = None) -> float:
        """Mean cross-entropy (natural log). ``rng`` given: training mode, dropout masks from it."""
        X = self.check_X(X)
        y = self.check_y(y, X.shape[0])
        if X.shape[0] == 0:
            raise ValueError("X holds no images: the mean loss of nothing is undefined")
        xi = self.to_internal(X)
        if rng is not None:
            return self.loss_grad_internal(xi, y, rng, np.empty_like(self.theta))[0] / X.shape[0]
        losses, _, _ = softmax_cross_entropy(self.logits_internal(xi), y)
        return float(losses.sum()) / X.shape[0]

    def gradients(self, X, y, rng: np.random.Generator | None = None) -> dict[str, np.ndarray]:
        """∂(mean loss)/∂param for every parameter, shaped like ``params`` (fresh arrays)."""
        X = self.check_X(X)
        y = self.check_y(y, X.shape[0])
        if X.shape[0] == 0:
            raise ValueError("X holds no images: the gradient of an empty mean is undefined")
        G = np.empty_like(self.theta)  # per call: two threads may ask at once
        self.loss_grad_internal(self.to_internal(X), y, rng, G)
        G /= X.shape[0]
        return self.unflatten(G)

    def unflatten(self, vector: np.ndarray) -> dict[str, np.ndarray]:
        """A flat vector in ``theta``'s order → name → array shaped like each parameter."""
        out, offset = {}, 0
        for name in self.param_names:
            shape = self.params[name].shape
            size = math.prod(shape)
            out[name] = vector[offset:offset + size].reshape(shape)
            offset += size
        return out

    def activations(self, x) -> list[tuple[str, np.ndarray]]:
        """Every layer's output for ONE image, in order, named by its layer string.

        Conv/pool outputs are ``(H′, W′, C)`` channels last, dense outputs ``(N,)``; the last
        entry holds the softmax probabilities, not the logits.
        """
        X = self.check_X(np.asarray(x, dtype=float)[None], what="x")
        z, _, outputs = self.forward_internal(self.to_internal(X), keep=True)
        result = []
        for spec, out in zip(self.specs, outputs, strict=True):
            if out.ndim == 4:
                result.append((spec.text, np.ascontiguousarray(out[..., 0].transpose(1, 2, 0))))
            else:
                result.append((spec.text, out[0].copy()))
        e = np.exp(z[0] - z[0].max())
        result[-1] = (self.specs[-1].text, e / e.sum())
        return result

    def layer_spec(self, name: str) -> LayerSpec:
        """The parsed layer that owns parameter prefix ``name`` ("conv1", "dense2", …)."""
        for spec in self.specs:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def __repr__(self) -> str:
        extra = "" if self.dtype == np.float64 else f", dtype={self.dtype.name!r}"
        return f"ImageCNN({self.input_shape}, {self.layers!r}, seed={self.seed}{extra})"


def _fast_order(specs: list[LayerSpec]) -> list[int]:
    """Layer indices in execution order, with each ``relu``, ``maxpool`` pair swapped."""
    order = list(range(len(specs)))
    i = 0
    while i < len(specs) - 1:
        if specs[i].kind == "relu" and specs[i + 1].kind == "maxpool":
            order[i], order[i + 1] = i + 1, i
            i += 2
        else:
            i += 1
    return order


def _bytes_per_image(input_shape: tuple[int, int, int], specs: list[LayerSpec]) -> int:
    """The largest array one image adds to a pass: a conv's im2col (K·K·C × H′·W′) or a layer output."""
    sizes = [math.prod(input_shape)]
    for s in specs:
        sizes.append(math.prod(s.out_shape))
        if s.kind == "conv":
            sizes.append(s.k * s.k * s.in_shape[2] * s.out_shape[0] * s.out_shape[1])
    return 8 * max(sizes)
