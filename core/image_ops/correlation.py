"""How ``conv2d`` computes a correlation: the ways, and the measured costs that choose between them.

For one 2-D kernel on one padded plane (a channel, or a mix of the channels), stride 1 unless said:

* ``taps_flat`` / ``taps`` — one shifted view × weight per non-zero tap ("direct"), or a rank-1
  kernel as a horizontal then a vertical 1-D pass ("separable"); ``taps_flat`` (stride 1) runs
  every operation on one contiguous 1-D slice of the plane flattened row after row, which NumPy
  does about 3× faster than on 2-D views; ``taps`` takes strided 2-D views for stride > 1;
* ``row_matmul`` — per output row, the kernels' columns (kw·n_k rows of kh weights) times the kh
  input rows it reads (one batched BLAS product per block of rows), then kw − 1 shifted adds;
* ``fft_tiles`` — overlap-save with NumPy's FFT on 256² tiles: the cost stops growing with k²,
  and each tile's spectrum serves every kernel reading the plane;
* ``channel_matmul`` (in ``bands``) — kernels with their own weights per channel: one matrix product per tap.

``plan`` picks the cheapest from ``COST`` (array passes per output pixel, measured with
``bench/bench_conv.py --calibrate``).
NumPy only.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

BLOCK_BYTES = 1 << 19  # ~512 KiB of output rows per block: stays in cache while all taps add up
MATMUL_BYTES = 1 << 20  # the row products of a block (kw per kernel); larger blocks: fewer calls (measured)
# Measured cost per output pixel in array passes (CPU time, ``bench/bench_conv.py --calibrate``
# on 2048²: one pass ≈ 0.5 ms): a tap 2 passes (1 when its weight is ±1), 1.25× in a separable
# pass (its horizontal pass runs over kh − 1 extra rows per block, through a scratch buffer);
# the row products 0.34 per multiply-add plus 9 for their calls, and kw − 1 shifted adds; an FFT
# tile ~65 forward (shared by the kernels reading the plane) + 35 inverse per kernel, times its
# wasted margin. The crossovers this gives, as measured (Dec 2): a full-rank kernel goes from
# "matmul" to "fft" at k ≈ 17 (15: matmul 50 ms, FFT 59; 21: 90 against 58); a rank-1 one from
# "separable" to "fft" at k ≈ 25 (21: 85 against 81, 31: 150 against 75). A rank-1 kernel
# without ±1 weights is about as fast by row products up to k ≈ 9 (3: 9.0 against 9.8 ms).
# Checking the pixels for NaN/∞ (needed by a way that skips a zero weight) ~2.5 passes.
COST = {"gemm": 0.34, "gemm_calls": 9.0, "fft_forward": 65.0, "fft_inverse": 35.0, "separable": 1.25,
        "check": 2.5}


# ----------------------------------------------------------------------------- kernels




def _rank1(k64: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray] | None:
    """(column, row) with K = column ⊗ row exactly (to rounding), found from K's largest entry."""
    i0, j0 = np.unravel_index(np.argmax(np.abs(k64)), k64.shape)
    if k64[i0, j0] == 0:
        return None
    col, row = k64[:, j0], k64[i0, :] / k64[i0, j0]
    if np.max(np.abs(np.outer(col, row) - k64)) > eps * abs(k64[i0, j0]):
        return None
    return col, row


def _separabletaps(col: np.ndarray, row: np.ndarray, t, spoil: bool = False) -> tuple[list, list, float]:
    """(column taps, row taps, scale) with K = scale · column ⊗ row and as many ±1 weights as possible.

    e.g. the 3×3 box: [1 1 1] ⊗ [1 1 1] · 1/9, so both passes only add and one multiply scales.
    A unit is only taken if no weight grows past 16× it, so no partial sum can overflow where the
    plain sum would not (``_rank1`` gives weights of at most 1 in the row).
    ``spoil``: the pixels may be NaN or ∞, so a pass [−1 0 1] keeps its middle tap (weight 0), which
    ``_line`` applies as a difference of neighbouring pair sums: a NaN under the 0 still reaches
    the output, as IEEE's NaN·0 = NaN says, at the cost of one pass (Sobel, Prewitt, Scharr).
    """
    def unit(v: np.ndarray) -> float:
        mags = [abs(a) for a in v if a != 0]
        ok = [m for m in mags if max(mags) <= 16 * m] or [max(mags)]
        return max(ok, key=lambda m: (sum(abs(a) == m for a in v), m))

    cu, ru = unit(col), unit(row)
    if not np.isfinite(t(cu * ru)) or t(cu * ru) == 0:  # the scale must be a float32 number too
        cu, ru = 1.0, 1.0
    cols = [(i, t(v / cu)) for i, v in enumerate(col) if v != 0]
    rows = [(j, t(v / ru)) for j, v in enumerate(row) if v != 0]
    if _negated_pair(cols) + _negated_pair(rows) > _negated_pair(_flip(cols)) + _negated_pair(_flip(rows)):
        cols, rows = _flip(cols), _flip(rows)  # (−c) ⊗ (−r) = c ⊗ r, exactly: Sobel-x's column is [1 2 1]
    if spoil:
        cols, rows = _with_middle(cols), _with_middle(rows)
    return cols, rows, t(cu * ru)


def _with_middle(taps: list) -> list:
    """[(o, −1), (o + 2, 1)] (or its negation) → with (o + 1, 0) between: see ``_separabletaps``."""
    if len(taps) == 2 and taps[1][0] == taps[0][0] + 2 and abs(taps[0][1]) == 1 and taps[1][1] == -taps[0][1]:
        return [taps[0], (taps[0][0] + 1, type(taps[0][1])(0)), taps[1]]
    return taps


def _odd_pair(taps: list) -> bool:
    """[(o, ∓1), (o + 1, 0), (o + 2, ±1)]: ``_with_middle``'s difference."""
    return (len(taps) == 3 and [o - taps[0][0] for o, _ in taps] == [0, 1, 2] and taps[1][1] == 0
            and abs(taps[0][1]) == 1 and taps[2][1] == -taps[0][1])


def _flip(taps: list) -> list:
    return [(i, -w) for i, w in taps]


def _negated_pair(taps: list) -> bool:
    """True when ``_weighted_sum`` would start with two −1 weights (a negation costs one more pass)."""
    units = [w for _, w in taps if abs(w) == 1]
    return len(units) >= 2 and units[0] == -1 and units[1] == -1


def _ops(weights) -> int:
    """Array passes ``_weighted_sum`` makes for these weights (a ±1 costs 1, another weight 2; a kept
    zero weight, ``_with_middle``'s, 1)."""
    weights = list(weights)
    ws = [w for w in weights if w != 0]
    ones = sum(abs(w) == 1 for w in ws)
    if not ws:
        return 0
    if len(ws) < len(weights):
        return 1 + _ops(ws)
    if ones >= 2:
        return 1 + (ones - 2) + 2 * (len(ws) - ones)
    return 2 * len(ws) - 1


def fft_tile(kh: int, kw: int, hb: int, wp: int) -> tuple[int, int]:
    """FFT tile sizes: powers of two, 256 (512 past k = 64), never much larger than the plane.

    Smaller tiles waste less of each transform on a small kernel but cost a Python call each;
    256 was the measured optimum up to k ≈ 60 on 2048² (bench_conv.py --calibrate).
    """
    def side(k: int, n: int) -> int:
        t = 256 if k < 64 else 512
        while t < 2 * k:
            t *= 2
        return max(min(t, 1 << (n - 1).bit_length()), k)
    return side(kh, hb), side(kw, wp)


def plan(k2: np.ndarray, work: np.dtype, stride: tuple[int, int], method: str, finite: bool,
          share: int = 1, whole: bool = True, spoil: bool = False):
    """How to apply one 2-D kernel: ("direct", taps) | ("sep", col, row) | ("matmul",) | ("fft",).

    ``share`` kernels read the same plane (an FFT tile's forward transform serves them all);
    ``whole`` is False for one channel of a kernel with its own weights per channel, which
    is summed tap by tap (direct or separable only); ``spoil``: see ``_separabletaps``.
    """
    t = work.type
    k64 = k2.astype(np.float64)
    kh, kw = k64.shape
    every = [((i, j), t(k64[i, j])) for i in range(kh) for j in range(kw)]
    taps = every if not finite else [tap for tap in every if tap[1] != 0]
    if method == "direct" or not finite:  # non-finite pixels: every tap, zero weights too
        return ("direct", taps)
    split = _rank1(k64, 4 * float(np.finfo(work).eps))
    if method == "separable" and split is None:
        raise ValueError("method='separable' needs a rank-1 kernel (an outer product of a column and a row)")
    if method == "matmul" and stride != (1, 1):
        raise ValueError("method='matmul' needs stride 1")
    if method in ("matmul", "fft") and whole:
        return (method,)
    sep = None if split is None else _separabletaps(*split, t, spoil)
    if method == "separable":
        return ("sep", *sep)
    # Cost per stride-1 output pixel, in array passes (see COST).
    sy, sx = stride
    options = [(_ops(w for _, w in taps) / (sy * sx), ("direct", taps))]
    if sep is not None:
        passes = _ops(w for _, w in sep[1]) / sx + _ops(w for _, w in sep[0]) / (sy * sx)
        sep_cost = COST["separable"] * passes
        options.append((sep_cost, ("sep", *sep)))
    if whole and stride == (1, 1):
        gemm = COST["gemm"] * kh * kw + COST["gemm_calls"]
        options.append((gemm + kw - 1, ("matmul",)))
    if whole:
        ty, tx = fft_tile(kh, kw, 1 << 30, 1 << 30)
        waste = ty * tx / ((ty - kh + 1) * (tx - kw + 1))
        options.append((waste * (COST["fft_forward"] / share + COST["fft_inverse"]), ("fft",)))
    if spoil:  # a way that skips a tap needs the pixels checked first
        options = [(cost + (0 if covers(how, k64) else COST["check"]), how) for cost, how in options]
    return min(options, key=lambda option: option[0])[1]


def covers(how: tuple, k2: np.ndarray) -> bool:
    """Does this way apply every tap of ``k2``, so a NaN or ∞ anywhere in a window reaches its output
    as IEEE's NaN·0 = NaN says? Direct and separable taps must cover every row and column; a BLAS
    product may skip a zero weight, so it covers only a kernel without one; an FFT never does."""
    kh, kw = k2.shape[:2]
    if how[0] == "direct":
        return len(how[1]) == kh * kw
    if how[0] == "sep":
        return len(how[1]) == kh and len(how[2]) == kw
    return how[0] != "fft" and bool(np.all(k2 != 0))


# ----------------------------------------------------------------------------- the ways


def _axpy(acc: np.ndarray, view: np.ndarray, w, first: bool, tmp: np.ndarray) -> None:
    """acc (+)= w · view, in place, with the cheap cases w = ±1 spelled out."""
    if first:
        if w == 1:
            np.copyto(acc, view)
        elif w == -1:
            np.negative(view, out=acc)
        else:
            np.multiply(view, w, out=acc)
    elif w == 1:
        np.add(acc, view, out=acc)
    elif w == -1:
        np.subtract(acc, view, out=acc)
    else:
        np.multiply(view, w, out=tmp)
        np.add(acc, tmp, out=acc)


def _weighted_sum(acc: np.ndarray, views: list, tmp: np.ndarray, fresh: bool = True) -> None:
    """acc (+)= Σ w·view over (view, w) pairs: ±1 weights first, the first two fused in one add/subtract.

    Why: most library kernels are mostly ±1 (Sobel's [1 2 1] ⊗ [−1 0 1] is 1 + 3 operations).
    """
    views = sorted(views, key=lambda vw: abs(vw[1]) != 1)
    if not views:
        if fresh:
            acc.fill(0)
        return
    start = 0
    if fresh and len(views) > 1 and abs(views[0][1]) == 1 and abs(views[1][1]) == 1 and (
            views[0][1] == 1 or views[1][1] == 1):
        (v0, w0), (v1, w1) = views[0], views[1]
        if w0 == w1:
            np.add(v0, v1, out=acc)
        elif w0 == 1:
            np.subtract(v0, v1, out=acc)
        else:
            np.subtract(v1, v0, out=acc)
        start = 2
    for idx, (v, w) in enumerate(views[start:]):
        _axpy(acc, v, w, fresh and start == 0 and idx == 0, tmp)


def taps(terms, out: np.ndarray, stride, kh: int, bias: float) -> None:
    """out[:] = Σ over terms of (padded plane ⋆ direct or separable plan), strided, + bias."""
    sy, sx = stride
    ho, wo = out.shape
    rows = max(1, BLOCK_BYTES // (wo * out.itemsize))
    tmp = np.empty((rows, wo), out.dtype)
    if any(plan[0] == "sep" for _, plan in terms):  # rows after the x pass, and a scratch
        hbuf = np.empty((2, (rows - 1) * sy + kh, wo), out.dtype)
    hx = (wo - 1) * sx + 1  # span of columns read for one row of output
    for r0 in range(0, ho, rows):
        n = min(rows, ho - r0)
        o, t = out[r0 : r0 + n], tmp[:n]
        ry = (n - 1) * sy + 1  # span of padded rows one tap reads for this block
        first = True
        for p, plan in terms:
            if plan[0] == "direct":
                for (i, j), w in plan[1]:
                    _axpy(o, p[r0 * sy + i : r0 * sy + i + ry : sy, j : j + hx : sx], w, first, t)
                    first = False
            else:  # separable: rows r0·sy … along x first, then combine those along y
                _, col_taps, row_taps, s = plan
                col_taps = [(i, w * s) for i, w in col_taps]
                m = ry + kh - 1
                h, ht = hbuf[0, :m], hbuf[1, :m]
                for idx, (j, w) in enumerate(row_taps):
                    _axpy(h, p[r0 * sy : r0 * sy + m, j : j + hx : sx], w, idx == 0, ht)
                for i, w in col_taps:
                    _axpy(o, h[i : i + ry : sy], w, first, t)
                    first = False
        if first:  # an all-zero kernel
            o.fill(bias)
        elif bias != 0:
            o += bias


def _emit(out: np.ndarray, acc: np.ndarray, n: int, wp: int, bias: float, scale: float = 1.0) -> None:
    """out = scale · (a block computed with Wp-wide rows, its W' first columns) + bias."""
    block = acc[: n * wp].reshape(n, wp)[:, : out.shape[1]]
    if scale != 1:
        np.multiply(block, scale, out=out)
        if bias != 0:
            out += bias
    elif bias != 0:
        np.add(block, bias, out=out)
    else:
        np.copyto(out, block)


def _line(acc: np.ndarray, src: np.ndarray, weights: list, d: int, tmp: np.ndarray, fresh: bool) -> None:
    """acc (+)= Σ w · src[o·d : o·d + M] over the (o, w) of one pass of a separable kernel (M = acc.size).

    Weights 1 2 1 at three neighbouring offsets (Sobel's and the 3×3 Gaussian's) are [1 1] twice:
    t = src[o] + src[o + 1] over M + d values, then acc = t[0] + t[1] — two passes instead of three.
    """
    m = acc.size
    if fresh and _odd_pair(weights):  # [−1 0 1]: (s[o + 1] + s[o + 2]) − (s[o] + s[o + 1])
        o = weights[0][0] * d
        t = tmp[: m + d]
        np.add(src[o : o + m + d], src[o + d : o + 2 * d + m], out=t)
        later, earlier = (t[d : d + m], t[:m]) if weights[2][1] == 1 else (t[:m], t[d : d + m])
        np.subtract(later, earlier, out=acc)
        return
    if fresh and len(weights) == 3 and [w for _, w in weights] == [1, 2, 1] and (
            weights[1][0] == weights[0][0] + 1 and weights[2][0] == weights[0][0] + 2):
        o = weights[0][0] * d
        t = tmp[: m + d]
        np.add(src[o : o + m + d], src[o + d : o + 2 * d + m], out=t)
        np.add(t[:m], t[d : d + m], out=acc)
        return
    _weighted_sum(acc, [(src[o * d : o * d + m], w) for o, w in weights], tmp[:m], fresh)


def taps_flat(terms, out: np.ndarray, kh: int, bias: float, same_px: int = 0) -> None:
    """Stride 1: the taps of ``taps`` on contiguous 1-D slices (about 3× faster than 2-D views).

    In a padded plane flattened row after row, output (r, c) and tap (i, j) read element
    (r + i)·Wp + c + j, so a block of output rows is ONE slice per tap; each row then carries
    Wp − W' extra values, computed and dropped when the block is copied out.

    ``same_px``: the planes are NOT padded left and right (Wp = W' = W, "same" width, kw = 2·px + 1)
    and ``out`` is contiguous: the sums go straight into ``out`` (no padded copy, no copy out).
    Each row's first and last px values then mix in the neighbouring row's edge pixels; the
    caller recomputes those border columns exactly.
    """
    ho, wo = out.shape
    wp = terms[0][0].shape[1]
    rows = max(1, min(ho, BLOCK_BYTES // (wp * out.itemsize)))
    acc, tmp = np.empty(rows * wp, out.dtype), np.empty((rows + 1) * wp, out.dtype)
    if any(plan[0] == "sep" for _, plan in terms):
        hbuf, htmp = np.empty((rows + kh - 1) * wp, out.dtype), np.empty((rows + kh) * wp, out.dtype)
    scale = terms[0][1][3] if len(terms) == 1 and terms[0][1][0] == "sep" else 1.0  # folded into the copy
    flat_out = out.reshape(-1) if same_px else None
    for r0 in range(0, ho, rows):
        n = min(rows, ho - r0)
        base = r0 * wp
        if same_px:
            a = flat_out[base + same_px : base + n * wp - same_px]
            m = a.size
        else:
            m = (n - 1) * wp + wo
            a = acc[:m]
        t = tmp[:m]
        fresh = True
        for p, plan in terms:
            f = p.reshape(-1)
            if plan[0] == "direct":
                _weighted_sum(a, [(f[base + i * wp + j : base + i * wp + j + m], w) for (i, j), w in plan[1]],
                              t, fresh)
            else:
                _, col_taps, row_taps, s = plan
                mh = m + (kh - 1) * wp
                hh = hbuf[:mh]
                _line(hh, f[base:], row_taps, 1, htmp, True)
                cols = col_taps if s == scale else [(i, w * s) for i, w in col_taps]
                _line(a, hh, cols, wp, tmp, fresh)
            fresh = False
        if not same_px:
            _emit(out[r0 : r0 + n], acc, n, wp, bias, scale)
            continue
        if scale != 1:
            a *= scale
        if bias != 0:
            a += bias


def row_matmul(p: np.ndarray, kernels: list[np.ndarray], outs: list[np.ndarray],
               biases: list[float], same_px: int = 0) -> None:
    """Stride-1 correlation of plane ``p`` with several kernels: one small matrix product per output row.

    Output row r reads the kh input rows X_r = p[r : r + kh] (a (kh, Wp) slice, BLAS-ready);
    A @ X_r, with A[(q, j), i] = K_q[i, j], gives every kernel's column sums R_qj[r, c] =
    Σ_i K_q[i, j]·p[r + i, c] at once (kh·kw multiply-adds per pixel and kernel: no zeros are
    multiplied, unlike a banded matrix over several rows, which cost 2–3× the arithmetic). The
    rows of a block are ONE batched ``np.matmul`` (no Python loop per row) whose output is laid
    out R_qj after R_qj, so each output is Σ_j R_qj shifted left by j, added as contiguous 1-D
    slices (as in ``taps_flat``). Every product is computed, zero weights too, so NaN and ∞
    spread as IEEE arithmetic says. ``same_px``: as in ``taps_flat`` (unpadded columns, sums
    straight into ``outs``, border columns left for the caller).
    """
    kh, kw = kernels[0].shape
    hp, wp = p.shape
    ho, wo = hp - kh + 1, wp - kw + 1
    g = len(kernels)
    a = np.ascontiguousarray(np.stack(kernels).transpose(0, 2, 1).reshape(g * kw, kh), p.dtype)
    rows = max(1, min(ho, MATMUL_BYTES // (g * kw * wp * p.itemsize)))
    res = np.empty((g * kw, rows * wp), p.dtype)
    acc = None if same_px else np.empty(rows * wp, p.dtype)
    s0, s1 = p.strides
    for r0 in range(0, ho, rows):
        n = min(rows, ho - r0)
        windows = as_strided(p[r0:], (n, kh, wp), (s0, s0, s1))  # row r: input rows r … r + kh − 1
        np.matmul(a, windows, out=res[:, : n * wp].reshape(g * kw, n, wp).transpose(1, 0, 2))
        m = n * wp - 2 * same_px if same_px else (n - 1) * wp + wo
        for q, (o, bias) in enumerate(zip(outs, biases, strict=True)):
            r = res[q * kw : (q + 1) * kw]
            t = o.reshape(-1)[r0 * wp + same_px : r0 * wp + same_px + m] if same_px else acc[:m]
            if kw == 1:
                np.copyto(t, r[0, :m])
            else:
                np.add(r[0, :m], r[1, 1 : 1 + m], out=t)
                for j in range(2, kw):
                    np.add(t, r[j, j : j + m], out=t)
            if not same_px:
                _emit(o[r0 : r0 + n], acc, n, wp, bias)
            elif bias != 0:
                t += bias


def fft_tiles(p: np.ndarray, kernels: list[np.ndarray], outs: list[np.ndarray], stride,
              biases: list[float]) -> None:
    """Correlation by FFT, overlap-save on tiles: each tile's spectrum serves every kernel.

    Correlating with K is convolving with K flipped; on a T×T tile the circular convolution is
    exact (no wrap-around) for the last T − k + 1 rows and columns, the valid outputs.
    """
    kh, kw = kernels[0].shape
    sy, sx = stride
    hb, wp = p.shape
    ho1, wo1 = hb - kh + 1, wp - kw + 1  # stride-1 outputs of this plane
    ty, tx = fft_tile(kh, kw, hb, wp)
    vy, vx = ty - kh + 1, tx - kw + 1
    spectra = [np.fft.rfft2(k[::-1, ::-1].astype(p.dtype), s=(ty, tx)) for k in kernels]
    for y0 in range(0, ho1, vy):
        ny = min(vy, ho1 - y0)
        ra, rb = -(-y0 // sy), -(-(y0 + ny) // sy)  # output rows whose stride-1 row is in the tile
        for x0 in range(0, wo1, vx):
            nx = min(vx, wo1 - x0)
            ca, cb = -(-x0 // sx), -(-(x0 + nx) // sx)
            if ra >= rb or ca >= cb:
                continue
            f = np.fft.rfft2(p[y0 : y0 + ty, x0 : x0 + tx], s=(ty, tx))
            for spec, o, bias in zip(spectra, outs, biases, strict=True):
                y = np.fft.irfft2(f * spec, s=(ty, tx))
                valid = y[kh - 1 + ra * sy - y0 : kh - 1 + ny : sy, kw - 1 + ca * sx - x0 : kw - 1 + nx : sx]
                np.add(valid, bias, out=o[ra:rb, ca:cb])
