"""A convolution, its ReLU and a 2×2 max pool computed as ONE step (training and evaluation).

Why: run one by one, most of these layers' time went to moving values, not to arithmetic —
building im2col (LeNet's first layer: 26 rows of 25,088 values per batch for a product of
only 6 kernels, about 2 flops per value read), copying the pool's four taps out of the conv
output, comparing them, routing the gradient back, and scattering ∂loss/∂x tap by tap.

The pooled value of window (r, q) is the first maximum of the four conv outputs at (2r + a,
2q + b), a, b ∈ {0, 1}. All four read the same (K + 1)×(K + 1) patch of the padded input at
stride 2, so one "super-kernel" Ws of 4·N rows — kernel k embedded at offset (a, b) of a
(K + 1)×(K + 1) window, zeros elsewhere — gives all four from one product:

    out[(a, b, k), (r, q, s)] = Σ_{I, J, c} Ws[(a, b, k), (I, J, c)] · xp[c, 2r + I, 2q + J, s]

* cols (the stride-2 im2col) is built from the input's four "phases" (every other row and
  column, ``xp[c, 2u + α, 2v + β]``), where each of its rows is a stride-1 window copied as
  runs of W_q·n values. It has a quarter of the positions and (K + 1)²/K² of the taps: 0.36×
  the plain cols for K = 5.
* The four quarters come out as four contiguous row blocks: the max pool is three whole-array
  comparisons, the ReLU one more on the pooled values (relu(max z) = max relu(z), the order
  the model already uses); the products have 4·N rows, which BLAS runs nearer its peak.
* Backward splits each window's gradient into the four quarter blocks, to its first maximum
  (PyTorch's rule, the separable picks of ``Pool``). ∂loss/∂W skips the zeros: for quarter
  (a, b) and kernel row i, the cols rows (a + i, b + j, c) over j, c are one strided matrix,
  so one batched product per block gives the 4·K partial products (0.65× the super-kernel's
  time measured). ∂loss/∂input is Wsᵀ·δ added into the phases ((K + 1)²/4 strided additions
  of whole blocks, not K² tap by tap) and copied back to the input's layout.

The numbers are those of the three layers run one by one up to summation order (the zero
taps add exact zeros; ∂loss/∂W and ∂loss/∂b are summed quarter by quarter): tests hold the
step to a plain reference, exactly where nothing rounds. Measured on LeNet's two triples
(batch 32, float64, one BLAS thread) a training step took ≈ 0.8× the time of the layers run
one by one; ``fused_span`` says where it is used.
"""

from __future__ import annotations

import numpy as np

from core.image_cnn.layers import Conv, Layer, _strided
from core.image_cnn.spec import LayerSpec


def fused_span(specs: list[LayerSpec], j: int, first: bool) -> tuple[int, bool] | None:
    """``(number of layers, with relu)`` if ``specs[j:]`` starts ``conv [relu] maxpool:2`` that
    runs faster as one :class:`ConvPool`, else None.

    It must be a stride-1 conv with an odd K and a 2×2, stride-2 max pool; and either the first
    layer with weights (its plain product is starved of memory bandwidth: few kernels, few
    taps) or K ≥ 5, where the super-kernel adds 44 % of flops or less ((K + 1)²/K²; 78 % at
    K = 3, which the plain path's cheaper products then win back).
    """
    conv = specs[j]
    if conv.kind != "conv" or conv.s != 1 or conv.k % 2 == 0 or not (first or conv.k >= 5):
        return None
    relu = j + 1 < len(specs) and specs[j + 1].kind == "relu"
    span = 3 if relu else 2
    pool = specs[j + span - 1] if j + span - 1 < len(specs) else None
    if pool is None or pool.kind != "maxpool" or pool.k != 2 or pool.s != 2:
        return None
    return span, relu


class ConvPool(Layer):
    """``conv`` (stride 1, odd K) → optional ``relu`` → ``maxpool:2`` as one step.

    cols is kept from forward to backward when it fits ``block_bytes`` (LeNet's first layer:
    1.9 MB at batch 32): rebuilding it in blocks of output rows, as ``Conv`` does, measured no
    faster here, ∂loss/∂W being products whose inner dimension is the block's H_q·W_q·n.
    """

    block_bytes = 1 << 22  # cols larger than this (big images or batches) is built in row blocks

    def __init__(self, conv: Conv, pool_spec: LayerSpec, relu: bool) -> None:
        super().__init__(pool_spec, conv.dtype)
        self.conv, self.relu = conv, relu
        spec = conv.spec
        k, c, n_k = spec.k, spec.in_shape[2], spec.n
        self.k, self.c, self.n_k = k, c, n_k
        self.L = k + 1  # the super window: two conv positions apart plus one kernel
        self.hq, self.wq = pool_spec.out_shape[:2]
        half = self.L // 2
        self.hh, self.wh = self.hq + half - 1, self.wq + half - 1  # phase rows/columns read
        self.taps = self.L * self.L * c  # rows of cols before the constant 1 row
        self._phase_copies = _phase_copies(spec.in_shape[:2], spec.p, (self.hh, self.wh))

    # ------------------------------------------------------------------ building blocks
    def phases(self, x: np.ndarray) -> np.ndarray:
        """``(2, 2, C, H_h, W_h, n)``: [α, β, c, u, v, s] = xp[c, 2u + α, 2v + β, s] (zero border)."""
        ph = self.scratch("phases", self._phase_shape(x.shape[3]))  # the border stays zero
        for alpha, beta, inside, taken in self._phase_copies:
            np.copyto(ph[alpha, beta][inside], x[taken])
        return ph

    def windows(self, ph: np.ndarray) -> np.ndarray:
        """A read-only ``(L/2, 2, L/2, 2, C, H_q, W_q, n)`` view: the stride-2 im2col with rows
        (i₁, α, j₁, β, c) = (I, J, c) for I = 2i₁ + α, J = 2j₁ + β, row-major like Ws's columns."""
        half, n = self.L // 2, ph.shape[5]
        s_a, s_b, s_c, s_u, s_v, s_s = ph.strides
        return _strided(ph, (half, 2, half, 2, self.c, self.hq, self.wq, n),
                        (s_u, s_a, s_v, s_b, s_c, s_u, s_v, s_s))

    def blocks(self, n: int) -> list[tuple[int, int]]:
        """Pooled-row ranges whose cols fit ``block_bytes`` (deterministic: depends on shapes only)."""
        per_row = (self.taps + 1 + 4 * self.n_k) * self.wq * max(n, 1) * self.dtype.itemsize
        step = max(1, self.block_bytes // per_row)
        return [(a, min(self.hq, a + step)) for a in range(0, self.hq, step)]

    def cols(self, view: np.ndarray, a: int, b: int) -> np.ndarray:
        """Pooled rows a … b − 1 of the stride-2 im2col, plus a last row of ones (the bias)."""
        t, n = self.taps, view.shape[7]
        block = self.scratch("cols", (t + 1, (b - a) * self.wq * n), init=lambda arr: arr[t].fill(1))
        np.copyto(block[:t].reshape(*view.shape[:5], b - a, self.wq, n), view[:, :, :, :, :, a:b])
        return block

    def super_kernel(self) -> np.ndarray:
        """``Ws`` ``(4·N, L·L·C + 1)``: rows (a, b, k) hold W[k] at offset (a, b), then b[k]."""
        k, L, n_k = self.k, self.L, self.n_k
        ws = self.scratch("Ws", (4 * n_k, self.taps + 1))  # the zeros around each kernel stay zero
        embedded = ws[:, :self.taps].reshape(2, 2, n_k, L, L, self.c)
        for a in (0, 1):
            for b in (0, 1):
                embedded[a, b, :, a:a + k, b:b + k] = self.conv.W
        ws[:, self.taps].reshape(4, n_k)[...] = self.conv.b
        return ws

    # ------------------------------------------------------------------ passes
    def forward(self, x, train, rng):
        n = x.shape[3]
        view = self.windows(self.phases(x))
        ws = self.super_kernel()
        m = self.wq * n  # columns per pooled row
        shape = (self.n_k, self.hq * m)
        pooled = self.scratch("pooled", shape)
        right_top = self.scratch("right_top", shape, np.bool_)
        right_bottom = self.scratch("right_bottom", shape, np.bool_)
        bottom = self.scratch("bottom", shape, np.bool_)
        blocks = self.blocks(n)
        for a, b in blocks:
            cols = self.cols(view, a, b)
            out = self.scratch("out", (4 * self.n_k, (b - a) * m))
            np.matmul(ws, cols, out=out)
            tl, tr, bl, br = _quarters(out, self.n_k)  # the window's taps in row-major order
            part = slice(a * m, b * m)
            np.greater(tr, tl, out=right_top[:, part])  # strictly greater: a tie keeps the earlier tap
            np.maximum(tl, tr, out=tl)
            np.greater(br, bl, out=right_bottom[:, part])
            np.maximum(bl, br, out=bl)
            np.greater(bl, tl, out=bottom[:, part])  # the bottom row only if its maximum beats the top's
            np.maximum(tl, bl, out=pooled[:, part])
        if self.relu:
            np.maximum(pooled, 0.0, out=pooled)
        kept = cols if len(blocks) == 1 else None
        # ws travels in the cache: a scratch lookup in backward could find it forgotten (``scratch``
        # clears its buffers when batch shapes change) and hand back zeros
        return pooled.reshape(self.n_k, self.hq, self.wq, n), (view, ws, pooled, right_top, right_bottom,
                                                              bottom, kept)

    def backward(self, g, cache, G, need_dx):
        view, ws, pooled, right_top, right_bottom, bottom, kept = cache
        n = view.shape[7]
        m = self.wq * n
        g2 = g.reshape(pooled.shape)
        if self.relu:  # the pooled output is > 0 exactly where relu passed the gradient
            live = self.scratch("live", pooled.shape)
            np.multiply(g2, pooled > 0.0, out=live)
        else:
            live = g2
        k, kc, n_k = self.k, self.k * self.c, self.n_k
        dws = self.scratch("dWq", (2, 2, k, n_k, kc))  # [a, b, i] = ∂loss/∂W[:, i] from quarter (a, b)
        dph = self.scratch("dphases", self._phase_shape(n), zero=True) if need_dx else None
        wsT = ws[:, :self.taps].T
        blocks = [(0, self.hq)] if kept is not None else self.blocks(n)
        for index, (a, b) in enumerate(blocks):
            part = slice(a * m, b * m)
            d = self.scratch("delta", (4 * n_k, (b - a) * m))
            tl, tr, bl, br = _quarters(d, n_k)
            # split the window's gradient: bottom row or top, then right tap or left (exact: g − g·1 = 0)
            np.multiply(live[:, part], bottom[:, part], out=bl)
            np.subtract(live[:, part], bl, out=tl)
            np.multiply(tl, right_top[:, part], out=tr)
            np.subtract(tl, tr, out=tl)
            np.multiply(bl, right_bottom[:, part], out=br)
            np.subtract(bl, br, out=bl)
            cols = kept if kept is not None else self.cols(view, a, b)
            target = dws if index == 0 else self.scratch("part", dws.shape)
            np.matmul(d.reshape(2, 2, 1, n_k, -1), self.quarter_cols(cols), out=target)
            if index:
                dws += target
            if need_dx:
                self._scatter(wsT, d, dph, a, b, n)
        # ∂loss/∂W[k, i, j, c] = Σ over the quarters; ∂loss/∂b = Σ δ over every position
        total = np.add.reduce(dws.reshape(4, k, n_k, kc), axis=0)
        np.copyto(G[self.conv.w_slice].reshape(n_k, k, kc), total.transpose(1, 0, 2))
        np.add.reduce(live, axis=1, out=G[self.conv.b_slice])
        return self._unphase(dph, n) if need_dx else None

    def quarter_cols(self, cols: np.ndarray) -> np.ndarray:
        """``(2, 2, K, M, K·C)`` view of cols: [a, b, i] = the rows (a + i, b + j, c), j, c running,
        transposed — the taps each quarter's kernel really reads, so ∂loss/∂W skips the zeros."""
        k, c, L = self.k, self.c, self.L
        m = cols.shape[1]
        s_row, s_col = cols.strides
        s_i = L * c * s_row  # one super-window row down
        return _strided(cols, (2, 2, k, m, k * c), (s_i, c * s_row, s_i, s_col, s_row))

    def _phase_shape(self, n: int) -> tuple[int, ...]:
        return (2, 2, self.c, self.hh, self.wh, n)

    def _scatter(self, wsT: np.ndarray, d: np.ndarray, dph: np.ndarray, a: int, b: int, n: int) -> None:
        """Add pooled rows a … b − 1's share of ∂loss/∂(phases): Wsᵀ·δ, tap (I, J) at (r + i₁, q + j₁)."""
        half = self.L // 2
        y = self.scratch("Y", (self.taps, d.shape[1]))
        # window row I = 0 is read by the top quarters only, I = K by the bottom ones only: their
        # products skip the other half of δ (the super-kernel's zeros there), the rows between use all
        row, two = self.L * self.c, 2 * self.n_k
        np.matmul(wsT[:row, :two], d[:two], out=y[:row])
        np.matmul(wsT[row:-row], d, out=y[row:-row])
        np.matmul(wsT[-row:, two:], d[two:], out=y[-row:])
        taps = y.reshape(half, 2, half, 2, self.c, b - a, self.wq, n)
        for i in range(half):
            for j in range(half):
                dph[:, :, :, a + i:b + i, j:j + self.wq] += taps[i, :, j]

    def _unphase(self, dph: np.ndarray, n: int) -> np.ndarray:
        """∂loss/∂(phases) → ∂loss/∂x in the layers' layout (the inverse of ``phases``)."""
        c, h, w = self.c, *self.conv.spec.in_shape[:2]
        p = self.conv.spec.p
        covered = h + p <= 2 * self.hh and w + p <= 2 * self.wh
        dx = self.scratch("dx", (c, h, w, n), zero=not covered)  # inputs no window reads: zero
        for alpha, beta, inside, taken in self._phase_copies:
            np.copyto(dx[taken], dph[alpha, beta][inside])
        return dx


def _quarters(a: np.ndarray, n: int) -> tuple[np.ndarray, ...]:
    """The four row blocks of ``a`` (n rows each): taps (0, 0), (0, 1), (1, 0), (1, 1)."""
    return a[:n], a[n:2 * n], a[2 * n:3 * n], a[3 * n:]


def _phase_copies(size: tuple[int, int], p: int, count: tuple[int, int]) -> list[tuple]:
    """``(α, β, index into phase (α, β), index into the input)`` for each phase that holds input
    values: phase[α, β][:, u₀:u₀ + n_u, v₀:v₀ + n_v] = x[:, y₀::2, x₀::2] (n_u, n_v of them)."""
    copies = []
    for alpha in (0, 1):
        rows = _phase_range(alpha, p, size[0], count[0])
        for beta in (0, 1):
            cols = _phase_range(beta, p, size[1], count[1])
            if rows is None or cols is None:
                continue
            (u0, nu, y0), (v0, nv, x0) = rows, cols
            copies.append((alpha, beta, (slice(None), slice(u0, u0 + nu), slice(v0, v0 + nv)),
                           (slice(None), slice(y0, y0 + 2 * nu - 1, 2), slice(x0, x0 + 2 * nv - 1, 2))))
    return copies


def _phase_range(alpha: int, p: int, size: int, count: int) -> tuple[int, int, int] | None:
    """For phase α of an axis padded by p: (first phase index u₀, how many, first input index y₀)
    of the phase entries 2u + α − p that fall inside the input (0 … size − 1), u < count."""
    u0 = max(0, (p - alpha + 1) // 2)
    u1 = min(count - 1, (size - 1 + p - alpha) // 2)
    if u1 < u0:
        return None
    return u0, u1 - u0 + 1, 2 * u0 + alpha - p
