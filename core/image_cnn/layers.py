"""Forward and backward passes of the image CNN's layers, vectorised over the whole batch.

Internal layout: feature maps are ``(C, H, W, n)`` — channel first, sample LAST (the layout
of cuda-convnet) — so that a convolution is ONE matrix product ``W2 @ cols`` whose result is
already in that layout, and every copy that builds ``cols`` (im2col), scatters it back
(col2im) or picks pooling taps moves contiguous runs of W′·n or n values rather than runs of
a few pixels: NumPy's cost is per run, so short runs (the 10 pixels of a LeNet row) made
those copies slower than the matrix products. Dense layers see ``(n, F)``. The public
layout (channels last, ``(n, H, W, C)``) exists only at the model's edges (input,
``activations``).

Each layer's ``forward(x, train, rng)`` returns ``(out, cache)``; ``backward(g, cache, G,
need_dx)`` takes g = ∂loss/∂out, writes ∂loss/∂params into its slice of the flat gradient
vector ``G`` and returns ∂loss/∂x (or None when nothing upstream needs it, e.g. the first
convolution: skipping that product is a large share of a small net's backward pass).
No Python loop runs over samples or pixels; the only loops are over the K×K kernel taps.

The large temporaries (im2col, padded inputs, their gradients, pooling's intermediates) are
reused from step to step (``Layer.scratch``): allocating megabytes afresh every batch costs
a page fault per 4 KiB, which on LeNet-sized batches took longer than the arithmetic. The
scratch arrays are per thread, so a view drawing on the GUI thread never writes into the
worker's; a pass's outputs are only valid until the same layer runs again in that thread.
"""

from __future__ import annotations

import math
import threading

import numpy as np
from numpy.lib.stride_tricks import as_strided

from core.activations import LEAKY_SLOPE, leaky_relu, sigmoid
from core.image_cnn.spec import LayerSpec


class Layer:
    """A parameter-free layer; subclasses with parameters bind views into the flat vectors."""

    has_params = False

    def __init__(self, spec: LayerSpec, dtype=np.float64) -> None:
        self.spec = spec
        self.dtype = np.dtype(dtype)  # the compute precision (the model's)
        self._local = threading.local()

    def scratch(self, name: str, shape: tuple[int, ...], dtype=None, zero: bool = False,
                init=None) -> np.ndarray:
        """A reusable array for this layer and thread: zeros when new (then ``init(arr)`` if
        given), zero-filled again only on request."""
        bufs = self._local.__dict__
        key = (name, shape, dtype)  # dtype as given (None: the layer's): no np.dtype() per call
        arr = bufs.get(key)
        if arr is None:
            if len(bufs) >= 32:  # batch sizes change (last batch, evaluation): forget old shapes
                bufs.clear()
            arr = bufs[key] = np.zeros(shape, dtype=self.dtype if dtype is None else dtype)
            if init is not None:
                init(arr)
        elif zero:
            arr.fill(0)
        return arr

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
    """N kernels of K×K×C, stride S, zero padding P: im2col then matrix products.

    cols has rows in (i, j, c) order — the order of W[k, i, j, c] flattened — and columns in
    (output row, output column, sample) order, so out = W2 @ cols is ``(N, H′, W′, n)``.

    cols is built a block of output rows at a time (``block_bytes``), small enough to stay in
    the CPU's cache while its product is taken, and rebuilt block by block in backward for
    ∂loss/∂W: a whole batch's cols is megabytes (5 MB on LeNet's first layer, 3.9 MB on its
    second) with few flops per value, and writing it out to memory then reading it back cost
    more than the arithmetic (measured −35 % on LeNet's second layer's forward pass, −25 % to
    −40 % on its first). A cols that fits in one block is kept for backward instead (``keep_cols``,
    which the model turns off on its first layer). ∂loss/∂x (``col2im``) needs no cols at all.
    """

    block_bytes = 1 << 19  # one block of cols: half a MiB, inside a core's L2 cache
    keep_cols = True  # keep a one-block cols for backward; the model sets False on its first layer

    def bind(self, theta: np.ndarray, offset: int) -> int:
        end = super().bind(theta, offset)
        self.W2 = self.W.reshape(self.spec.n, -1)  # (N, K·K·C): a view, rows are kernels
        return end

    def padded(self, x: np.ndarray) -> np.ndarray:
        p = self.spec.p
        if p == 0:
            return x
        c, h, w, n = x.shape
        xp = self.scratch("xp", (c, h + 2 * p, w + 2 * p, n))  # the border is written once: zeros
        xp[:, p:p + h, p:p + w] = x
        return xp

    def windows(self, xp: np.ndarray) -> np.ndarray:
        """A read-only ``(K, K, C, H', W', n)`` view: [i, j, c, r, q, s] = xp[c, r·S + i, q·S + j, s]."""
        k, s = self.spec.k, self.spec.s
        c, n = xp.shape[0], xp.shape[3]
        ho, wo = self.spec.out_shape[:2]
        sc, sh, sw, sn = xp.strides
        return _strided(xp, (k, k, c, ho, wo, n), (sh, sw, sc, s * sh, s * sw, sn))

    def blocks(self, n: int) -> list[tuple[int, int]]:
        """Output-row ranges whose cols fit ``block_bytes`` (depends only on shapes: deterministic)."""
        k, c = self.spec.k, self.spec.in_shape[2]
        ho, wo = self.spec.out_shape[:2]
        per_row = k * k * c * wo * max(n, 1) * self.dtype.itemsize
        step = max(1, self.block_bytes // per_row)
        return [(a, min(ho, a + step)) for a in range(0, ho, step)]

    def cols(self, view: np.ndarray, a: int, b: int) -> np.ndarray:
        """im2col of output rows a … b − 1 as a ``(K·K·C + 1, (b − a)·W′·n)`` matrix (a scratch
        copy) whose last row is all ones: the bias is the weight of a constant input 1, so one
        product gives W·x + b, and in backward the same product gives ∂loss/∂b = Σ δ."""
        kkc = self.W2.shape[1]
        block = self.scratch("cols", (kkc + 1, (b - a) * view.shape[4] * view.shape[5]),
                             init=lambda arr: arr[kkc].fill(1))
        np.copyto(block[:kkc].reshape(*view.shape[:3], b - a, *view.shape[4:]), view[:, :, :, a:b])
        return block

    def forward(self, x, train, rng):
        n = x.shape[3]
        xp = self.padded(x)
        view = self.windows(xp)
        ho, wo, nk = self.spec.out_shape
        m = wo * n  # columns per output row
        # [W2 | b]: the bias is the weight of cols' constant last row
        Wb = self.scratch("Wb", (nk, self.W2.shape[1] + 1))
        Wb[:, :-1] = self.W2
        Wb[:, -1] = self.b
        out = self.scratch("out", (nk, ho * m))
        blocks = self.blocks(n)
        for a, b in blocks:
            cols = self.cols(view, a, b)
            np.matmul(Wb, cols, out=out[:, a * m:b * m])
        return out.reshape(nk, ho, wo, n), (xp, cols if self.keep_cols and len(blocks) == 1 else None)

    def backward(self, g, cache, G, need_dx):
        xp, cols = cache
        n = xp.shape[3]
        ho, wo, nk = self.spec.out_shape
        m = wo * n
        g2 = g.reshape(nk, ho * m)
        # [∂W2 | ∂b]ᵀ = cols @ δᵀ, summed over blocks. With many rows in cols (K·K·C ≥ 64) δ's
        # block is first copied transposed: OpenBLAS then runs the product ≈ 25 % faster, more
        # than the copy costs (LeNet's second layer); with few rows the copy costs more than it saves.
        dWbT = self.scratch("dWbT", (self.W2.shape[1] + 1, nk))
        blocks = [(0, ho)] if cols is not None else self.blocks(n)
        view = self.windows(xp)
        for index, (a, b) in enumerate(blocks):
            block = cols if cols is not None else self.cols(view, a, b)
            delta = g2[:, a * m:b * m].T
            if block.shape[0] > 64:
                copy = self.scratch("deltaT", delta.shape)
                np.copyto(copy, delta)
                delta = copy
            target = dWbT if index == 0 else self.scratch("part", dWbT.shape)
            np.matmul(block, delta, out=target)
            if index:
                dWbT += target
        dWb = dWbT.T
        G[self.w_slice].reshape(self.W2.shape)[...] = dWb[:, :-1]
        G[self.b_slice] = dWb[:, -1]
        if not need_dx:
            return None
        return self.col2im(g2, xp.shape)

    def col2im(self, g2: np.ndarray, xp_shape: tuple[int, ...]) -> np.ndarray:
        """∂loss/∂(padded input): every tap's share W[:, i, j, :]ᵀ·δ added back where im2col took it.

        Done one kernel row i at a time: the product for row i's K taps, (K·C, N) @ (N, H′·W′·n),
        is small enough to stay in cache (the whole (K·K·C, H′·W′·n) matrix was megabytes,
        written out and read back from memory). Each tap's share is then COPIED into a
        zero-bordered array shaped like the padded input, at the positions tap (0, 0) would
        touch, and that whole array is added to the gradient shifted by the tap's offset as ONE
        contiguous 1-D addition. NumPy adds contiguous arrays about three times faster per value
        than strided ones (a strided copy is as fast as a contiguous one), so this beats adding
        into strided slices even though it adds the zero border too; adding 0.0 changes nothing.
        """
        k, s = self.spec.k, self.spec.s
        ho, wo, nk = self.spec.out_shape
        c, hp, wp, n = xp_shape
        kc = k * c
        dxp = self.scratch("dxp", xp_shape)
        flat = dxp.reshape(-1)
        share = self.scratch("share", xp_shape)  # only the tap-(0, 0) positions are ever written
        slots = share[:, 0:s * ho:s, 0:s * wo:s]
        share_flat = share.reshape(-1)
        span = ((c - 1) * hp * wp + s * (ho - 1) * wp + s * (wo - 1) + 1) * n  # where slots lie
        row = self.scratch("row", (kc, ho * wo * n))
        WT = self.scratch("WT", (k, kc, nk))
        WT[...] = self.W.transpose(1, 2, 3, 0).reshape(k, kc, nk)  # [i] = rows (j, c) of W2ᵀ
        for i in range(k):
            np.matmul(WT[i], g2, out=row)
            taps = row.reshape(k, c, ho, wo, n)
            for j in range(k):
                np.copyto(slots, taps[j])
                shift = (i * wp + j) * n
                if shift:
                    np.add(flat[shift:shift + span], share_flat[:span], out=flat[shift:shift + span])
                else:  # tap (0, 0) comes first: a copy, and dxp needs no zeroing
                    np.copyto(dxp, share)
        if self.spec.p == 0:
            return dxp
        p = self.spec.p
        h, w = self.spec.in_shape[:2]
        return dxp[:, p:p + h, p:p + w]


class Dense(ParamLayer):
    """x @ W + b. After a conv/pool layer the input is flattened in (H, W, C) order, channels last."""

    def forward(self, x, train, rng):
        if x.ndim == 4:
            c, h, w, n = x.shape
            x2 = x.transpose(3, 1, 2, 0).reshape(n, h * w * c)  # a copy in (H, W, C) order
        else:
            x2 = x
        out = x2 @ self.W
        out += self.b
        return out, (x2, x.shape)

    def backward(self, g, cache, G, need_dx):
        x2, x_shape = cache
        np.matmul(x2.T, g, out=G[self.w_slice].reshape(self.w_shape))
        np.add.reduce(g, axis=0, out=G[self.b_slice])
        if not need_dx:
            return None
        dx = g @ self.W.T
        if len(x_shape) == 4:
            c, h, w, n = x_shape
            # back to (C, H, W, n) as one contiguous copy: the layers below run faster on it
            internal = self.scratch("dx", (c, h, w, n))
            np.copyto(internal, dx.reshape(n, h, w, c).transpose(3, 1, 2, 0))
            return internal
        return dx


class Activation(Layer):
    """Element-wise relu, leaky_relu (slope 0.01), sigmoid or tanh, with their derivatives."""

    def forward(self, x, train, rng):
        kind = self.spec.kind
        if kind == "relu":
            out = np.maximum(x, 0.0, out=self.scratch("out", x.shape))
        elif kind == "leaky_relu":
            out = leaky_relu(x).astype(x.dtype, copy=False)
        elif kind == "sigmoid":
            out = sigmoid(x).astype(x.dtype, copy=False)
        else:
            out = np.tanh(x)
        return out, (x if kind == "leaky_relu" else out)

    def backward(self, g, cache, G, need_dx):
        if not need_dx:
            return None
        kind = self.spec.kind
        if kind == "relu":  # cache is the output: > 0 exactly where the input is
            return np.multiply(g, cache > 0, out=self.scratch("dx", g.shape))
        if kind == "leaky_relu":  # the 1D core's derivative
            return g * np.where(cache >= 0, 1.0, LEAKY_SLOPE).astype(g.dtype, copy=False)
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
        mask = ((rng.random(x.shape) >= p) * (1.0 / (1.0 - p))).astype(x.dtype)
        return x * mask, mask

    def backward(self, g, cache, G, need_dx):
        if not need_dx:
            return None
        return g if cache is None else g * cache


def _strided(a: np.ndarray, shape: tuple[int, ...], strides: tuple[int, ...]) -> np.ndarray:
    """A read-only strided view of ``a`` (``as_strided`` without its ≈7 µs of Python, which
    it still is for an array that is not one contiguous buffer)."""
    if not a.flags.c_contiguous:
        return as_strided(a, shape, strides, writeable=False)
    view = np.ndarray(shape, a.dtype, a, 0, strides)
    view.flags.writeable = False
    return view


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
