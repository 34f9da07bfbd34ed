"""The chapter's 1D convolutional network, generalised to other shapes.

The default ``Network()`` is the chapter's: inputs I1–I5, one shared kernel
K6–K8 with bias b_conv, sigmoid feature-map nodes C9–C11 and a linear output
O12 fed by λ9,12–λ11,12 (named ``w9_12``…) and b12.

Node numbering continues the chapter's scheme in this order: inputs, kernel
weights (kernel after kernel), feature-map nodes (kernel after kernel), outputs.
With two kernels of size 3 on 5 inputs: I1–I5, K6–K8 (kernel 1), K9–K11
(kernel 2), C12–C14 (kernel 1's map), C15–C17 (kernel 2's map), O18.

Parameter names, in ``param_names()`` order: each kernel's weights then its
bias (``b_conv`` for a single kernel, ``b_conv1``, ``b_conv2``… for several),
then for each output node its weights from every feature-map node (``w9_12``)
then its bias (``b12``).

All parameters live in one flat vector (``theta``) laid out in exactly that
order, so the trainer's hot loop can update and record them with a single
NumPy call; the per-sample ``forward``/``backward`` dictionaries are the
readable view the GUI shows, and ``batch_pass`` is the same arithmetic for a
whole batch at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.activations import get_activation
from core.chapter.batch_pass import BatchPass
from core.chapter.readable_pass import ReadablePass
from core.i18n import N_

INITS = ("chapter", "xavier", "he")
OUTPUTS = ("linear", "softmax")


@dataclass(frozen=True)
class Tap:
    """One term of a feature-map node's sum: input node (None in the zero padding) × kernel weight."""

    input_name: str | None  # "I3", or None when the window covers padding
    input_index: int | None  # 0-based index into x, or None for padding
    weight_name: str  # "K7"


class Network(ReadablePass):
    """The chapter's 1D CNN: one convolution layer (shared kernels) → activation → dense output.

    ``Network()`` is exactly the chapter's network initialised as the chapter
    does (``numpy.random.seed(13)`` and eight ``random()`` draws).
    """

    def __init__(
        self,
        n_inputs: int = 5,
        kernel_size: int = 3,
        n_kernels: int = 1,
        stride: int = 1,
        padding: int = 0,
        activation: str = "sigmoid",
        init: str = "chapter",
        seed: int = 13,
        n_outputs: int = 1,
        output: str = "linear",
    ) -> None:
        for name, value, low in (
            ("n_inputs", n_inputs, 1),
            ("kernel_size", kernel_size, 1),
            ("n_kernels", n_kernels, 1),
            ("stride", stride, 1),
            ("padding", padding, 0),
            ("n_outputs", n_outputs, 1),
        ):
            if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
                raise ValueError(N_("network", "{name} must be an integer ≥ {low}, got {value!r}").format(
                    name=name, low=low, value=value))
        if kernel_size > n_inputs + 2 * padding:
            raise ValueError(
                N_("network", "kernel_size {kernel_size} is larger than the padded input "
                              "({n_inputs} inputs + 2·{padding} padding)").format(
                    kernel_size=kernel_size, n_inputs=n_inputs, padding=padding)
            )
        if init not in INITS:
            raise ValueError(N_("network", "init must be one of {0}; got {init!r}").format(
                ', '.join(INITS), init=init))
        if output not in OUTPUTS:
            raise ValueError(N_("network", "output must be one of {0}; got {output!r}").format(
                ', '.join(OUTPUTS), output=output))
        if output == "softmax" and n_outputs < 2:
            raise ValueError(N_("network", "n_outputs must be ≥ 2 for a softmax output"))
        if output == "linear" and n_outputs != 1:
            raise ValueError(N_("network", "a linear output has exactly one node (n_outputs=1)"))
        self.n_inputs = int(n_inputs)
        self.kernel_size = int(kernel_size)
        self.n_kernels = int(n_kernels)
        self.stride = int(stride)
        self.padding = int(padding)
        self.activation = get_activation(activation)
        self.init = init
        self.seed = int(seed)
        self.n_outputs = int(n_outputs)
        self.output = output
        # feature-map length per kernel: ⌊(n + 2p − k)/s⌋ + 1
        self.n_positions = (self.n_inputs + 2 * self.padding - self.kernel_size) // self.stride + 1
        self._build_names()
        self.theta = np.zeros(len(self._param_names))
        self.initialise()

    # ------------------------------------------------------------------ names
    def _build_names(self) -> None:
        n, k, nk, npos, no = (
            self.n_inputs, self.kernel_size, self.n_kernels, self.n_positions, self.n_outputs
        )
        self.input_names = [f"I{i + 1}" for i in range(n)]
        num = n + 1
        # kernel_names[c][i]: the i-th weight of kernel c
        self.kernel_names = [[f"K{num + c * k + i}" for i in range(k)] for c in range(nk)]
        num += nk * k
        # fmap_names[c][j]: kernel c's feature-map node at position j
        self.fmap_names = [[f"C{num + c * npos + j}" for j in range(npos)] for c in range(nk)]
        num += nk * npos
        self.output_names = [f"O{num + o}" for o in range(no)]
        self.conv_bias_names = ["b_conv"] if nk == 1 else [f"b_conv{c + 1}" for c in range(nk)]
        flat_fmap = [name for row in self.fmap_names for name in row]
        self.output_weight_names = [
            [f"w{c[1:]}_{o[1:]}" for c in flat_fmap] for o in self.output_names
        ]
        self.output_bias_names = [f"b{o[1:]}" for o in self.output_names]
        names: list[str] = []
        for c in range(nk):
            names += self.kernel_names[c] + [self.conv_bias_names[c]]
        for o in range(no):
            names += self.output_weight_names[o] + [self.output_bias_names[o]]
        self._param_names = names
        self._index = {name: i for i, name in enumerate(names)}
        # window start of each position in the padded input, and the padded-input index table
        self._window = (np.arange(npos)[:, None] * self.stride + np.arange(k)[None, :])

    @property
    def fmap_flat(self) -> list[str]:
        """Feature-map node names kernel after kernel (the order of output weights)."""
        return [name for row in self.fmap_names for name in row]

    def param_names(self) -> list[str]:
        """Parameter names in their canonical order (chapter: K6 K7 K8 b_conv w9_12 … b12)."""
        return list(self._param_names)

    def param_index(self, name: str) -> int:
        """Position of a parameter in ``theta``."""
        try:
            return self._index[name]
        except KeyError:
            raise KeyError(f"no parameter named {name!r}") from None

    def taps(self, c: int, j: int) -> list[Tap]:
        """The receptive field of feature-map node (kernel c, position j): its input × weight terms."""
        out = []
        for i in range(self.kernel_size):
            pos = j * self.stride + i - self.padding
            inside = 0 <= pos < self.n_inputs
            out.append(
                Tap(
                    self.input_names[pos] if inside else None,
                    pos if inside else None,
                    self.kernel_names[c][i],
                )
            )
        return out

    # ---------------------------------------------------------- parameters
    def shape_dict(self) -> dict:
        """The constructor arguments that fix the network's shape (for saving and rebuilding)."""
        return {
            "n_inputs": self.n_inputs,
            "kernel_size": self.kernel_size,
            "n_kernels": self.n_kernels,
            "stride": self.stride,
            "padding": self.padding,
            "activation": self.activation.name,
            "init": self.init,
            "seed": self.seed,
            "n_outputs": self.n_outputs,
            "output": self.output,
        }

    def initialise(self, seed: int | None = None) -> None:
        """(Re-)initialise every parameter from the seed with the chosen scheme.

        ``chapter``: ``np.random.seed(seed)`` then one ``random()`` draw per
        parameter in the chapter's order — kernel weights U[−1/√k, 1/√k], output
        weights U[−1/√2, 1/√2] (the chapter's fixed bound, whatever the shape), then the kernel biases and
        output biases (u − 0.5)·0.5. For the chapter net that is K6, K7, K8,
        λ9,12, λ10,12, λ11,12, b_conv, b12 exactly as the chapter draws them.
        ``xavier``: Glorot uniform √(6/(fan_in+fan_out)); ``he``: He uniform √(6/fan_in);
        biases zero for both.
        """
        if seed is not None:
            self.seed = int(seed)
        k, nk, no = self.kernel_size, self.n_kernels, self.n_outputs
        F = nk * self.n_positions
        K = np.zeros((nk, k))
        W = np.zeros((no, F))
        bc = np.zeros(nk)
        bo = np.zeros(no)
        if self.init == "chapter":
            # The chapter's legacy global-RNG draws, isolated so the caller's RNG state survives.
            state = np.random.get_state()
            try:
                np.random.seed(self.seed)
                a, b = 1 / np.sqrt(k), 1 / np.sqrt(2)
                for c in range(nk):
                    for i in range(k):
                        K[c, i] = np.random.random() * 2 * a - a
                for o in range(no):
                    for f in range(F):
                        W[o, f] = np.random.random() * 2 * b - b
                for c in range(nk):
                    bc[c] = (np.random.random() - 0.5) * 0.5
                for o in range(no):
                    bo[o] = (np.random.random() - 0.5) * 0.5
            finally:
                np.random.set_state(state)
        else:
            rng = np.random.default_rng(self.seed)
            if self.init == "xavier":
                lim_k = math.sqrt(6 / (k + 1))  # fan_in k, fan_out 1 (one map node per window)
                lim_w = math.sqrt(6 / (F + no))
            else:
                lim_k = math.sqrt(6 / k)
                lim_w = math.sqrt(6 / F)
            K = rng.uniform(-lim_k, lim_k, size=(nk, k))
            W = rng.uniform(-lim_w, lim_w, size=(no, F))
        self.theta[:] = self._pack(K, bc, W, bo)

    def _pack(self, K, bc, W, bo) -> np.ndarray:
        conv = np.concatenate([K, bc[:, None]], axis=1).ravel()
        dense = np.concatenate([W, bo[:, None]], axis=1).ravel()
        return np.concatenate([conv, dense])

    def unpack(self, theta: np.ndarray | None = None):
        """Views ``(K, b_conv, W, b_out)`` of a flat parameter vector (default: this network's)."""
        t = self.theta if theta is None else theta
        k, nk, no = self.kernel_size, self.n_kernels, self.n_outputs
        F = nk * self.n_positions
        conv = t[: nk * (k + 1)].reshape(nk, k + 1)
        dense = t[nk * (k + 1):].reshape(no, F + 1)
        return conv[:, :k], conv[:, k], dense[:, :F], dense[:, F]

    def get_params(self) -> dict[str, float]:
        """Every parameter by name, in ``param_names()`` order."""
        return {name: float(v) for name, v in zip(self._param_names, self.theta, strict=True)}

    def set_params(self, params: dict[str, float]) -> None:
        """Set any subset of parameters by name; unknown names or non-finite values raise ValueError."""
        new = self.theta.copy()
        for name, value in params.items():
            if name not in self._index:
                raise ValueError(N_("network", "no parameter named {name!r}").format(name=name))
            try:
                v = float(value)
            except (TypeError, ValueError):
                raise ValueError(N_("network", "{name} must be a number, got {value!r}").format(
                    name=name, value=value)) from None
            if not math.isfinite(v):
                raise ValueError(N_("network", "{name} must be finite, got {v}").format(name=name, v=v))
            new[self._index[name]] = v
        self.theta[:] = new

    def copy(self) -> Network:
        """An independent network with the same shape and parameters."""
        other = Network(**self.shape_dict())
        other.theta[:] = self.theta
        return other

    # ------------------------------------------------------------ one sample
    # ------------------------------------------------------------- batches
    def check_data(self, X, y) -> tuple[np.ndarray, np.ndarray]:
        """Validate a data set for this network: X (N, n_inputs) finite; y (N,) finite or labels."""
        X = np.asarray(X, dtype=float)
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != self.n_inputs:
            raise ValueError(N_("network", "X must have {0} columns, got shape {1}").format(
                self.n_inputs, X.shape))
        if X.shape[0] == 0:
            raise ValueError(N_("network", "X has no samples"))
        y = np.asarray(y, dtype=float).reshape(-1)
        if y.shape[0] != X.shape[0]:
            raise ValueError(N_("network", "y has {0} values for {1} samples").format(y.shape[0], X.shape[0]))
        if not (np.isfinite(X).all() and np.isfinite(y).all()):
            raise ValueError(N_("network", "X and y must be finite numbers"))
        if self.output == "softmax":
            if not np.all((y == np.round(y)) & (y >= 0) & (y < self.n_outputs)):
                raise ValueError(N_("network", "labels must be integers 0…{0}").format(self.n_outputs - 1))
        return X, y

    def batch_pass(self, X, y) -> BatchPass:
        """Precomputed windows and buffers for fast passes over a fixed batch (see ``batch_pass``)."""
        X, y = self.check_data(X, y)
        return BatchPass(self, X, y)

    def predict(self, X) -> np.ndarray:
        """ŷ per row (linear output), or class probabilities, one row per sample (softmax)."""
        X = np.asarray(X, dtype=float)
        X2 = X[None, :] if X.ndim == 1 else X
        ws = self.batch_pass(X2, np.zeros(X2.shape[0]))
        with np.errstate(all="ignore"):
            ws.forward(self.theta)
        out = ws.Y.copy()
        return out[:, 0] if self.output == "linear" and self.n_outputs == 1 else out

    def loss(self, X, y) -> float:
        """Mean over samples of ½(ŷ − y)² (linear), or mean cross-entropy (softmax)."""
        ws = self.batch_pass(X, y)
        with np.errstate(all="ignore"):
            ws.forward(self.theta)
            return float(ws.loss_sum()) / ws.N

    def gradients(self, X, y) -> dict[str, float]:
        """Gradient of ``loss(X, y)`` (the mean loss) with respect to every parameter."""
        ws = self.batch_pass(X, y)
        with np.errstate(all="ignore"):
            ws.forward(self.theta)
            ws.backward(self.theta)
        g = ws.G / ws.N
        return {name: float(v) for name, v in zip(self._param_names, g, strict=True)}
