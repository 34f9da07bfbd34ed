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

Which way a kernel takes is ``choice.plan``'s decision (from measured costs).
NumPy only.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

from core.cpu_cache import l2_bytes
from core.image_ops.blocks import block_sizes
from core.image_ops.choice import fft_tile, odd_pair

# Bytes of output rows per block, so that a block's passes stay in the core's cache (``blocks``):
# taps_flat's (1 MiB, 128 rows of 2048, by default), row_matmul's row products (kw per kernel;
# 2 MiB by default) and taps' strided ones (512 KiB) — smaller (never larger) where the L2 is 2 MiB
# or more.
FLAT_BYTES, MATMUL_BYTES, BLOCK_BYTES = block_sizes(l2_bytes())


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


def _program(weights: list, fresh: bool) -> list[tuple]:
    """The ufunc calls of acc (+)= Σ w · src[o·d : o·d + M] over the (o, w), decided once for all blocks.

    A weight other than ±1 first, as acc = w·src, then the ±1 in place (the Laplacian's 5 taps are 5
    passes without a scratch buffer); all ±1: the first two fused in one add or subtract; 1 2 1 at
    neighbouring offsets (Sobel's and the 3×3 Gaussian's) as [1 1] twice, t = src[o] + src[o + 1]
    over M + d values, then acc = t[0] + t[1] (two passes instead of three); ``choice``'s kept
    [−1 0 1] as t[1] − t[0] on the same pair sums.
    Steps: ("axpy", o, w, first) | ("pair", o0, o1, ufunc) | ("121", o) | ("odd", o, sign) | ("zero",).
    """
    offsets = [o for o, _ in weights]
    if fresh and len(weights) == 3 and offsets == list(range(offsets[0], offsets[0] + 3)):
        if [w for _, w in weights] == [1, 2, 1]:
            return [("121", offsets[0])]
        if odd_pair(weights):
            return [("odd", offsets[0], weights[2][1] == 1)]
    ws = sorted(weights, key=lambda ow: abs(ow[1]) != 1)
    if not ws:
        return [("zero",)] if fresh else []
    steps: list[tuple] = []
    general = [ow for ow in ws if abs(ow[1]) != 1]
    if fresh and general:  # acc = w·src first, then ±1 in place: as many passes, no scratch (5–10 % faster)
        first = general[0]
        return [("axpy", *first, True)] + [("axpy", *ow, False) for ow in ws if ow is not first]
    if fresh and len(ws) > 1 and abs(ws[0][1]) == 1 and abs(ws[1][1]) == 1 and 1 in (ws[0][1], ws[1][1]):
        (o0, w0), (o1, w1) = ws[0], ws[1]
        steps.append(("pair", o0, o1, np.add) if w0 == w1 else
                     ("pair", o0, o1, np.subtract) if w0 == 1 else ("pair", o1, o0, np.subtract))
        ws = ws[2:]
    steps += [("axpy", o, w, fresh and not steps and n == 0) for n, (o, w) in enumerate(ws)]
    return steps


def _run(program: list[tuple], acc: np.ndarray, src: np.ndarray, base: int, d: int, tmp: np.ndarray) -> None:
    """Carry out ``_program``'s steps on acc (M values), reading src[base + o·d : base + o·d + M]."""
    m = acc.size
    for step in program:
        kind = step[0]
        if kind == "axpy":
            o = base + step[1] * d
            _axpy(acc, src[o : o + m], step[2], step[3], tmp[:m])
        elif kind == "pair":
            o0, o1 = base + step[1] * d, base + step[2] * d
            step[3](src[o0 : o0 + m], src[o1 : o1 + m], out=acc)
        elif kind == "zero":
            acc.fill(0)
        else:
            o = base + step[1] * d
            t = tmp[: m + d]
            np.add(src[o : o + m + d], src[o + d : o + 2 * d + m], out=t)
            if kind == "121":
                np.add(t[:m], t[d : d + m], out=acc)
            elif step[2]:
                np.subtract(t[d : d + m], t[:m], out=acc)
            else:
                np.subtract(t[:m], t[d : d + m], out=acc)


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
    rows = max(1, min(ho, FLAT_BYTES // (wp * out.itemsize)))
    acc, tmp = np.empty(rows * wp, out.dtype), np.empty((rows + 1) * wp, out.dtype)
    if any(plan[0] == "sep" for _, plan in terms):
        hbuf, htmp = np.empty((rows + kh - 1) * wp, out.dtype), np.empty((rows + kh) * wp, out.dtype)
    scale = terms[0][1][3] if len(terms) == 1 and terms[0][1][0] == "sep" else 1.0  # folded into the copy
    programs = []  # per term: its passes' ufunc calls, decided once
    for n, (_, plan) in enumerate(terms):
        if plan[0] == "direct":
            programs.append((_program([(i * wp + j, w) for (i, j), w in plan[1]], n == 0),))
        else:
            _, col_taps, row_taps, s = plan
            cols = col_taps if s == scale else [(i, w * s) for i, w in col_taps]
            programs.append((_program(row_taps, True), _program(cols, n == 0)))
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
        for (p, _), program in zip(terms, programs, strict=True):
            f = p.reshape(-1)
            if len(program) == 1:  # direct: every tap a slice of the flat plane
                _run(program[0], a, f, base, 1, tmp)
            else:  # separable: along x into hbuf (kh − 1 more rows), then along y
                hh = hbuf[: m + (kh - 1) * wp]
                _run(program[0], hh, f, base, 1, htmp)
                _run(program[1], a, hh, 0, wp, tmp)
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
    windows = as_strided(p, (ho, kh, wp), (s0, s0, s1))  # row r: input rows r … r + kh − 1
    products = res.reshape(g * kw, rows, wp).transpose(1, 0, 2)  # row r's kw·g products, R_qj after R_qj
    for r0 in range(0, ho, rows):
        n = min(rows, ho - r0)
        if n == rows:
            np.matmul(a, windows[r0 : r0 + n], out=products)
        else:
            np.matmul(a, windows[r0 : r0 + n], out=res[:, : n * wp].reshape(g * kw, n, wp).transpose(1, 0, 2))
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
