"""How ``conv2d`` chooses a way to compute each 2-D kernel: measured costs, factoring, coverage.

``plan`` factors a kernel (rank 1 → a column and a row pass with as many ±1 weights as possible)
and picks the cheapest way from ``COST`` (array passes per output pixel, measured with
``bench/bench_conv.py --calibrate``); ``covers`` says whether a way applies every tap, so that a
NaN or ∞ pixel reaches its outputs without checking the pixels first. The ways themselves are
in ``correlation``. NumPy only.
"""

from __future__ import annotations

import numpy as np

# Measured cost per output pixel in array passes (CPU time, ``bench/bench_conv.py --calibrate``
# on 2048²: one pass ≈ 0.5 ms): a tap 2 passes (1 when its weight is ±1), 1.25× in a separable
# pass (its horizontal pass runs over kh − 1 extra rows per block, through a scratch buffer), and
# 3 more for the calls, borders and output of either;
# the row products 0.34 per multiply-add plus 9 for their calls, and kw − 1 shifted adds; an FFT
# tile ~65 forward (shared by the kernels reading the plane) + 35 inverse per kernel, times its
# wasted margin. The crossovers this gives, as measured (Dec 2): a full-rank kernel goes from
# "matmul" to "fft" at k ≈ 17 (15: matmul 50 ms, FFT 59; 21: 90 against 58); a rank-1 one from
# "separable" to "fft" at k ≈ 25 (21: 52 against 61, 25: 70 against 59). A rank-1 kernel
# without ±1 weights is faster by row products up to k ≈ 9 (3: 7.0 against 8.8 ms; 13: 33 against 30).
# Checking the rows of each chunk for NaN/∞ (needed by a way that skips a zero weight): +0.5 ms on
# 2048², ~1.5 passes (Sobel kept whole, one pass more, measured 5–10 % faster than Sobel checked).
COST = {"gemm": 0.34, "gemm_calls": 9.0, "fft_forward": 65.0, "fft_inverse": 35.0, "separable": 1.25,
        "taps_calls": 3.0, "check": 1.5}


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


def odd_pair(taps: list) -> bool:
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


def _pass_ops(taps: list) -> int:
    """``_ops`` of one separable pass; 1 2 1 at neighbouring offsets takes two (``correlation._program``)."""
    if [w for _, w in taps] == [1, 2, 1] and [o - taps[0][0] for o, _ in taps] == [0, 1, 2]:
        return 2
    return _ops(w for _, w in taps)


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
    options = [(_ops(w for _, w in taps) / (sy * sx) + COST["taps_calls"], ("direct", taps))]
    if sep is not None:
        passes = _pass_ops(sep[1]) / sx + _pass_ops(sep[0]) / (sy * sx)  # rows along x, columns along y
        sep_cost = COST["separable"] * passes + COST["taps_calls"]
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
