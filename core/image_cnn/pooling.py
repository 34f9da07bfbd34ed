"""Max and average pooling for the image CNN, in the layers' ``(C, H, W, n)`` layout.

Windows are K×K with stride S and lie fully inside the input (the chapter's n_out =
⌊(n_in − K)/S⌋ + 1). Max pooling's backward follows PyTorch: each window's gradient goes to
its FIRST maximum in row-major window order — ties are everywhere on a digit's blank
background, so the rule decides which pixel's kernel weights learn.
"""

from __future__ import annotations

import numpy as np

from core.image_cnn.layers import Layer


class Pool(Layer):
    """Max or average over K×K windows with stride S, windows fully inside the input.

    Max pooling's backward passes each window's gradient to its FIRST maximum in row-major
    window order (PyTorch's rule), which matters on the blank (all-zero) regions of a digit.
    It runs separably: the first maximum of each row segment (K taps along W), then the first
    of those K row maxima down the window — the same element as a row-major scan, found with
    2(K − 1) whole-array comparisons instead of a slow arg-max over tiny windows.
    """

    def forward(self, x, train, rng):
        k, s = self.spec.k, self.spec.s
        ho, wo = self.spec.out_shape[:2]
        rows = (ho - 1) * s + k  # input rows some window covers
        if self.spec.kind == "avgpool":
            out = np.zeros((x.shape[0], ho, wo, x.shape[3]), dtype=x.dtype)
            for i in range(k):
                for j in range(k):
                    out += x[:, i:i + s * ho:s, j:j + s * wo:s]
            out *= 1.0 / (k * k)
            return out, x.shape
        if k == 2 and s == 2:
            return self._forward_2x2(x)
        across, col_pick = self._first_max(x[:, :rows], k, s, wo, axis=2)
        out, row_pick = self._first_max(across, k, s, ho, axis=1)
        return out, (x.shape, col_pick, row_pick)

    def backward(self, g, cache, G, need_dx):
        k, s = self.spec.k, self.spec.s
        ho, wo = self.spec.out_shape[:2]
        if self.spec.kind == "avgpool":
            dx = np.zeros(cache, dtype=g.dtype)
            share = g * (1.0 / (k * k))
            for i in range(k):
                for j in range(k):
                    dx[:, i:i + s * ho:s, j:j + s * wo:s] += share
            return dx
        x_shape, col_pick, row_pick = cache
        c, h, w, n = x_shape
        rows = col_pick.shape[1]
        dx = self.scratch("dx", x_shape, zero=rows < h or (wo - 1) * s + k < w)
        g_rows = self._route(g, row_pick, k, s, ho, self.scratch("g_rows", (c, rows, wo, n)), axis=1)
        self._route(g_rows, col_pick, k, s, wo, dx[:, :rows], axis=2)  # chosen row, then column
        return dx

    @staticmethod
    def _quarters(a: np.ndarray, ho: int, wo: int) -> list[np.ndarray]:
        """The four taps of every 2×2 window, in row-major window order (strided views)."""
        return [a[:, i:i + 2 * ho:2, j:j + 2 * wo:2] for i in (0, 1) for j in (0, 1)]

    def _forward_2x2(self, x: np.ndarray):
        """The common 2×2, stride-2 pool on contiguous copies of its four taps.

        NumPy's element-wise operations run about three times slower per value on strided
        operands than on contiguous ones, while a strided copy is as fast as a contiguous one:
        copying the taps out first made LeNet's pool forward passes 20–25 % faster in a
        training step (the backward pass stays the general one: the same trick there was
        slower, its extra temporaries falling out of cache). The rule is the separable one
        above: the first maximum of each window row, then of the two rows.
        """
        ho, wo = self.spec.out_shape[:2]
        shape = (x.shape[0], ho, wo, x.shape[3])
        taps = [self.scratch(f"tap{t}", shape) for t in range(4)]
        for tap, view in zip(taps, self._quarters(x, ho, wo), strict=True):
            np.copyto(tap, view)
        a, b, c, d = taps
        # the picks are stored as the general path's are (its backward is the faster one here):
        # per window row, whether the right tap won; per window, whether the bottom row won
        col_pick = self.scratch("pick2", (shape[0], 2 * ho, wo, shape[3]), np.bool_)
        row_pick = self.scratch("pick1", shape, np.bool_)
        np.greater(b, a, out=col_pick[:, 0::2])  # top row: the right tap only if strictly greater
        np.maximum(a, b, out=a)
        np.greater(d, c, out=col_pick[:, 1::2])  # bottom row likewise
        np.maximum(c, d, out=c)
        np.greater(c, a, out=row_pick)  # the bottom row only if strictly greater than the top
        out = self.scratch("out", shape)
        np.maximum(a, c, out=out)
        return out, (x.shape, col_pick, row_pick)

    def _first_max(self, a: np.ndarray, k: int, s: int, n_out: int, axis: int):
        """Window maxima along one axis and which tap held the first of them (bool for k = 2)."""
        first = _taps(a, 0, s, n_out, axis)
        best = self.scratch(f"best{axis}", first.shape)
        if k == 2:  # two taps: one comparison, one maximum
            second = _taps(a, 1, s, n_out, axis)
            pick = self.scratch(f"pick{axis}", first.shape, np.bool_)
            np.greater(second, first, out=pick)  # strictly greater: a tie keeps the first tap
            np.maximum(first, second, out=best)
            return best, pick
        np.copyto(best, first)
        pick = self.scratch(f"pick{axis}", first.shape, np.int8, zero=True)
        later = np.empty(first.shape, dtype=np.bool_)
        for t in range(1, k):
            tap = _taps(a, t, s, n_out, axis)
            np.greater(tap, best, out=later)  # strictly greater: a tie keeps the earlier tap
            np.maximum(best, tap, out=best)
            np.putmask(pick, later, t)
        return best, pick

    @staticmethod
    def _route(g: np.ndarray, pick: np.ndarray, k: int, s: int, n_out: int, out: np.ndarray,
               axis: int) -> np.ndarray:
        """Send each window's gradient to its picked tap along ``axis`` (adding where windows overlap)."""
        if k == 2 and s >= 2:  # the common 2×2 pool: tap 1 gets g where picked, tap 0 the rest
            second = _taps(out, 1, s, n_out, axis)
            np.multiply(g, pick, out=second)
            np.subtract(g, second, out=_taps(out, 0, s, n_out, axis))  # exact: g − g or g − 0
            if s > 2:
                _gaps(out, s, 2, n_out, axis)
            return out
        out.fill(0)
        for t in range(k):
            chosen = pick if (k == 2 and t == 1) else (~pick if k == 2 else pick == t)
            view = _taps(out, t, s, n_out, axis)
            if s >= k:  # windows do not overlap: each element receives from one window at most
                np.multiply(g, chosen, out=view)
            else:
                view += g * chosen
        return out


def _taps(a: np.ndarray, t: int, s: int, n_out: int, axis: int) -> np.ndarray:
    """Tap t of every window along ``axis``: elements t, t + s, …, t + s·(n_out − 1)."""
    index = [slice(None)] * a.ndim
    index[axis] = slice(t, t + s * n_out, s)
    return a[tuple(index)]


def _gaps(out: np.ndarray, s: int, k: int, n_out: int, axis: int) -> None:
    """Zero the elements between windows (stride > window) and after the last one."""
    for t in range(k, s):
        _taps(out, t, s, n_out, axis)[...] = 0.0
    index = [slice(None)] * out.ndim
    index[axis] = slice(s * (n_out - 1) + k, None)
    out[tuple(index)] = 0.0
