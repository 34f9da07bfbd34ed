"""Forward and backward passes of the image CNN's layers, vectorised over the whole batch.

Internal layout: feature maps are ``(C, n, H, W)`` — channel first, then sample — so that a
convolution is ONE matrix product ``W2 @ cols`` whose result is already in that layout, and
every copy that builds ``cols`` (im2col) moves contiguous runs of a row (W pixels) rather
than runs of C or K values. Dense layers see ``(n, F)``. The public layout (channels last,
``(n, H, W, C)``) is produced only at the model's edges (input, ``activations``).

Each layer's ``forward(x, train, rng)`` returns ``(out, cache)``; ``backward(g, cache, G,
need_dx)`` takes g = ∂loss/∂out, writes ∂loss/∂params into its slice of the flat gradient
vector ``G`` and returns ∂loss/∂x (or None when nothing upstream needs it, e.g. the first
convolution: skipping that product is a large share of a small net's backward pass).
No Python loop runs over samples or pixels; the only loops are over the K×K kernel taps.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import as_strided

from core.activations import LEAKY_SLOPE, leaky_relu, sigmoid
from core.image_cnn.spec import LayerSpec


class Layer:
    """A parameter-free layer; subclasses with parameters bind views into the flat vectors."""

    has_params = False

    def __init__(self, spec: LayerSpec) -> None:
        self.spec = spec

    def forward(self, x: np.ndarray, train: bool, rng: np.random.Generator | None):
        raise NotImplementedError

    def backward(self, g: np.ndarray, cache, G: np.ndarray, need_dx: bool):
        raise NotImplementedError


class ParamLayer(Layer):
    """A layer with a weight ``W`` and a bias ``b``, stored as slices of the model's flat vector."""

    has_params = True

    def bind(self, theta: np.ndarray, offset: int) -> int:
        """Take views of ``theta`` from ``offset``; return the offset after this layer's parameters."""
        (_, w_shape), (_, b_shape) = self.spec.param_shapes
        nw, nb = math.prod(w_shape), math.prod(b_shape)
        self.w_slice = slice(offset, offset + nw)
        self.b_slice = slice(offset + nw, offset + nw + nb)
        self.w_shape, self.b_shape = w_shape, b_shape
        self.W = theta[self.w_slice].reshape(w_shape)
        self.b = theta[self.b_slice]
        return offset + nw + nb


class Conv(ParamLayer):
    """N kernels of K×K×C, stride S, zero padding P: im2col then one matrix product.

    cols has rows in (i, j, c) order — the order of W[k, i, j, c] flattened — and columns in
    (sample, output row, output column) order, so out = W2 @ cols is ``(N, n, H', W')``.
    """

    def bind(self, theta: np.ndarray, offset: int) -> int:
        end = super().bind(theta, offset)
        self.W2 = self.W.reshape(self.spec.n, -1)  # (N, K·K·C): a view, rows are kernels
        return end

    def padded(self, x: np.ndarray) -> np.ndarray:
        p = self.spec.p
        if p == 0:
            return x
        c, n, h, w = x.shape
        xp = np.zeros((c, n, h + 2 * p, w + 2 * p))
        xp[:, :, p:p + h, p:p + w] = x
        return xp

    def im2col(self, xp: np.ndarray) -> np.ndarray:
        """``(K, K, C, n, H', W')`` copy of every window's pixels:
        cols[i, j, c, s, r, q] = xp[c, s, r·S + i, q·S + j]."""
        k, s = self.spec.k, self.spec.s
        c, n = xp.shape[:2]
        ho, wo = self.spec.out_shape[:2]
        sc, sn, sh, sw = xp.strides
        view = as_strided(xp, (k, k, c, n, ho, wo), (sh, sw, sc, sn, s * sh, s * sw), writeable=False)
        return np.ascontiguousarray(view)

    def forward(self, x, train, rng):
        n = x.shape[1]
        xp = self.padded(x)
        cols = self.im2col(xp)
        ho, wo, nk = self.spec.out_shape
        out = self.W2 @ cols.reshape(self.W2.shape[1], n * ho * wo)
        out += self.b[:, None]
        return out.reshape(nk, n, ho, wo), (cols, xp.shape)

    def backward(self, g, cache, G, need_dx):
        cols, xp_shape = cache
        nk = self.spec.n
        kkc = self.W2.shape[1]
        g2 = g.reshape(nk, -1)
        cols2 = cols.reshape(kkc, -1)
        np.matmul(g2, cols2.T, out=G[self.w_slice].reshape(nk, kkc))  # Σ over every output position
        np.sum(g2, axis=1, out=G[self.b_slice])
        if not need_dx:
            return None
        k, s, p = self.spec.k, self.spec.s, self.spec.p
        ho, wo = self.spec.out_shape[:2]
        dcols = (self.W2.T @ g2).reshape(cols.shape)
        dxp = np.zeros(xp_shape)
        for i in range(k):  # col2im: each tap's pixels go back where im2col took them from
            for j in range(k):
                dxp[:, :, i:i + s * ho:s, j:j + s * wo:s] += dcols[i, j]
        if p == 0:
            return dxp
        h, w = self.spec.in_shape[:2]
        return dxp[:, :, p:p + h, p:p + w]


class Dense(ParamLayer):
    """x @ W + b. After a conv/pool layer the input is flattened in (H, W, C) order, channels last."""

    def forward(self, x, train, rng):
        if x.ndim == 4:
            c, n, h, w = x.shape
            x2 = x.transpose(1, 2, 3, 0).reshape(n, h * w * c)  # a copy in (H, W, C) order
        else:
            x2 = x
        out = x2 @ self.W
        out += self.b
        return out, (x2, x.shape)

    def backward(self, g, cache, G, need_dx):
        x2, x_shape = cache
        np.matmul(x2.T, g, out=G[self.w_slice].reshape(self.w_shape))
        np.sum(g, axis=0, out=G[self.b_slice])
        if not need_dx:
            return None
        dx = g @ self.W.T
        if len(x_shape) == 4:
            c, n, h, w = x_shape
            return dx.reshape(n, h, w, c).transpose(3, 0, 1, 2)
        return dx


class Pool(Layer):
    """Max or average over K×K windows with stride S, windows fully inside the input.

    Max pooling's backward passes each window's gradient to its FIRST maximum in row-major
    window order (PyTorch's rule): ``argmax`` returns the first of tied values, which matters
    on the blank (all-zero) regions of a digit.
    """

    def windows(self, x: np.ndarray) -> np.ndarray:
        """A read-only ``(C, n, H', W', K, K)`` view of every window."""
        k, s = self.spec.k, self.spec.s
        c, n = x.shape[:2]
        ho, wo = self.spec.out_shape[:2]
        sc, sn, sh, sw = x.strides
        return as_strided(x, (c, n, ho, wo, k, k), (sc, sn, s * sh, s * sw, sh, sw), writeable=False)

    def forward(self, x, train, rng):
        k = self.spec.k
        win = self.windows(x)
        if self.spec.kind == "avgpool":
            return win.mean(axis=(4, 5)), x.shape
        flat = win.reshape(*win.shape[:4], k * k)  # a copy: windows laid out one after another
        idx = flat.argmax(axis=-1)
        out = np.take_along_axis(flat, idx[..., None], axis=-1)[..., 0]
        return out, (x.shape, idx)

    def backward(self, g, cache, G, need_dx):
        k, s = self.spec.k, self.spec.s
        ho, wo = self.spec.out_shape[:2]
        if self.spec.kind == "avgpool":
            dx = np.zeros(cache)
            share = g / (k * k)
            for i in range(k):
                for j in range(k):
                    dx[:, :, i:i + s * ho:s, j:j + s * wo:s] += share
            return dx
        x_shape, idx = cache
        c, n, h, w = x_shape
        # Flat index of each window's first maximum in x; bincount adds where windows overlap.
        base = (np.arange(c * n)[:, None, None] * (h * w)
                + (np.arange(ho) * (s * w))[None, :, None] + (np.arange(wo) * s)[None, None, :])
        taps = (np.arange(k)[:, None] * w + np.arange(k)[None, :]).ravel()
        where = base.reshape(c, n, ho, wo) + taps[idx]
        dx = np.bincount(where.ravel(), weights=g.ravel(), minlength=c * n * h * w)
        return dx.reshape(x_shape)


class Activation(Layer):
    """Element-wise relu, leaky_relu (slope 0.01), sigmoid or tanh, with their derivatives."""

    def forward(self, x, train, rng):
        kind = self.spec.kind
        if kind == "relu":
            out = np.maximum(x, 0.0)
        elif kind == "leaky_relu":
            out = leaky_relu(x)
        elif kind == "sigmoid":
            out = sigmoid(x)
        else:
            out = np.tanh(x)
        return out, (x if kind == "leaky_relu" else out)

    def backward(self, g, cache, G, need_dx):
        if not need_dx:
            return None
        kind = self.spec.kind
        if kind == "relu":
            return g * (cache > 0)  # cache is the output: > 0 exactly where the input is
        if kind == "leaky_relu":
            return g * np.where(cache >= 0, 1.0, LEAKY_SLOPE)  # the 1D core's derivative
        if kind == "sigmoid":
            return g * (cache * (1.0 - cache))  # the chapter's a·(1 − a)
        return g * (1.0 - cache * cache)


class Dropout(Layer):
    """Inverted dropout: in training each value is kept with probability 1 − p and scaled by
    1/(1 − p), so the expected output equals the input and evaluation needs no rescaling."""

    def forward(self, x, train, rng):
        p = self.spec.rate
        if not train or p == 0.0 or rng is None:
            return x, None
        mask = (rng.random(x.shape) >= p) * (1.0 / (1.0 - p))
        return x * mask, mask

    def backward(self, g, cache, G, need_dx):
        if not need_dx:
            return None
        return g if cache is None else g * cache


def make_layer(spec: LayerSpec) -> Layer:
    """The compute object for one parsed layer."""
    if spec.kind == "conv":
        return Conv(spec)
    if spec.kind == "dense":
        return Dense(spec)
    if spec.kind in ("maxpool", "avgpool"):
        return Pool(spec)
    if spec.kind == "dropout":
        return Dropout(spec)
    return Activation(spec)


def softmax_cross_entropy(z: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-sample loss −log softmax(z)[y], the probabilities and ∂(summed loss)/∂z, via log-sum-exp.

    Each loss is (max z − z_y) + log Σ e^(z − max z): both parts are exact or well-conditioned,
    so logits of 1e4 give finite, exact losses (e.g. 1e4 for a wrong confident answer).
    """
    rows = np.arange(z.shape[0])
    m = z.max(axis=1, keepdims=True)
    e = np.exp(z - m)
    s = e.sum(axis=1, keepdims=True)
    losses = (m[:, 0] - z[rows, y]) + np.log(s[:, 0])
    p = e / s
    dz = p.copy()
    dz[rows, y] -= 1.0
    return losses, p, dz
