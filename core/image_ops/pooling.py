"""Pooling for the image lab: summarise each window of a feature map by its max or average.

Chapter, section 2: a 2×2 window with stride 2 halves each axis (a quarter of the values
remain) and brings local translation invariance; *depth pooling* (1×1 across channels)
combines the feature maps of several kernels into one.

NumPy only. The shared sizes and parameter checks used by :mod:`core.image_ops.conv2d` and
:mod:`core.image_ops.receptive_field` live here too (output size, padding modes, geometry),
so the modules agree on what "stride must be ≥ 1" means and none needs an import back.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

import numpy as np

from core.i18n import N_

POOL_OPS = ("max", "avg")  # what a window is summarised by
# pad_mode → np.pad mode; "reflect" mirrors without repeating the edge (PyTorch's "reflect").
PAD_MODES = {"zeros": "constant", "constant": "constant", "nearest": "edge", "reflect": "reflect"}
MAX_PADDED_VALUES = 2**28  # 268 M values (1 GB in float32): beyond this a padding is surely a typo
_BAND_BYTES = 1 << 20  # rows of the first (vertical) pass, cached for the horizontal (256 KiB: ~8 % slower)


# ----------------------------------------------------------------------------- shared checks


def as_pair(value, name: str, minimum: int) -> tuple[int, int]:
    """Read an int or a (y, x) pair of ints, each ≥ ``minimum``; ValueError names ``name``."""
    items = value if isinstance(value, (tuple, list, np.ndarray)) else (value, value)
    if len(items) != 2:
        raise ValueError(f"{name} must be an int or a (y, x) pair, got {value!r}")
    pair = []
    for item in items:
        if isinstance(item, (bool, np.bool_)):
            raise ValueError(f"{name} must be an int or a (y, x) pair, got {value!r}")
        try:
            pair.append(operator.index(item))
        except TypeError:
            raise ValueError(f"{name} must be an int or a (y, x) pair, got {value!r}") from None
    if min(pair) < minimum:
        raise ValueError(f"{name} must be ≥ {minimum}, got {value!r}")
    return pair[0], pair[1]


def as_float_array(x, name: str) -> tuple[np.ndarray, np.dtype]:
    """Return ``(array in its working dtype, dtype to hand back)``.

    Floating inputs keep their dtype (float16 is computed in float32 and cast back);
    integer and bool images become float32, the image lab's working precision.
    """
    a = np.asarray(x)
    if a.dtype.kind in "biu":
        return a.astype(np.float32), np.dtype(np.float32)
    if a.dtype.kind != "f":
        raise ValueError(f"{name} must hold real numbers, got dtype {a.dtype}")
    work = np.float32 if a.dtype.itemsize < 4 else a.dtype
    return a.astype(work, copy=False), a.dtype


def output_size(n_in: int, k: int, p: int, s: int) -> int:
    """Feature-map size along one axis: n_out = ⌊(n_in + 2p − k)/s⌋ + 1.

    The chapter's example: ``output_size(4, 2, 0, 1) == 3``.
    """
    if s < 1:
        raise ValueError(f"stride must be ≥ 1, got {s}")
    if p < 0:
        raise ValueError(f"padding must be ≥ 0, got {p}")
    if k < 1:
        raise ValueError(f"kernel size must be ≥ 1, got {k}")
    if n_in < 1:
        raise ValueError(f"image size must be ≥ 1, got {n_in}")
    if k > n_in + 2 * p:
        raise ValueError(N_("conv2d", "kernel size {k} is larger than the padded image ({n_in} + "
                                      "2·padding {p})").format(
            k=k, n_in=n_in, p=p))
    return (n_in + 2 * p - k) // s + 1


def check_pad_mode(pad_mode: str, pad_value: float) -> None:
    """Refuse an unknown padding mode or a non-finite constant."""
    if pad_mode not in PAD_MODES:
        raise ValueError(f"pad_mode must be one of {', '.join(PAD_MODES)}; got {pad_mode!r}")
    if pad_mode == "constant" and not np.isfinite(pad_value):
        raise ValueError(f"pad_value must be finite, got {pad_value!r}")


def check_geometry(h, w, kh, kw, py, px, pad_mode, name="kernels") -> tuple[int, int]:
    """Validate kernel vs. padded image and reflect padding; return the spans (H' − 1)·s, (W' − 1)·s."""
    if pad_mode == "reflect" and (py >= h or px >= w):
        raise ValueError(N_("conv2d", "padding ({py}, {px}) must be smaller than the image "
                                      "({w}×{h}) for pad_mode='reflect'").format(
            py=py, px=px, w=w, h=h))
    if kh > h + 2 * py or kw > w + 2 * px:
        raise ValueError(N_("conv2d", "{name}: a {kw}×{kh} kernel is larger than the padded image "
                                      "{0}×{1} (image {w}×{h}, padding ({py}, {px}))").format(
            w + 2 * px, h + 2 * py, name=name, kw=kw, kh=kh, w=w, h=h, py=py, px=px))
    return h + 2 * py - kh, w + 2 * px - kw  # caller divides by stride


def padded_index(idx: np.ndarray, n: int, pad_mode: str) -> tuple[np.ndarray, np.ndarray]:
    """Map padded coordinates (shifted so 0 is the first real pixel) to the source pixel.

    Returns (source index, mask of the positions that hold the constant instead), as np.pad
    does for a padding smaller than the image.
    """
    outside = (idx < 0) | (idx >= n)
    if pad_mode == "nearest":
        return np.clip(idx, 0, n - 1), np.zeros_like(outside)
    if pad_mode == "reflect":
        idx = np.where(idx < 0, -idx, idx)
        return np.where(idx >= n, 2 * (n - 1) - idx, idx), np.zeros_like(outside)
    return np.clip(idx, 0, n - 1), outside


def _check_op(op: str) -> str:
    if op not in POOL_OPS:
        raise ValueError(f"op must be one of {', '.join(POOL_OPS)}; got {op!r}")
    return op


# ----------------------------------------------------------------------------- pooling


def _planes(a: np.ndarray) -> tuple[list[np.ndarray], bool]:
    """The 2-D maps to pool one by one, and whether they are stored map after map.

    Maps stored one after the other (conv2d's stacks) are pooled map by map, each contiguous;
    interleaved channels (an RGB image) are pooled together as one (H, W·C)-like array.
    """
    if a.ndim == 3 and a.shape[2] > 1 and a.strides[2] > a.strides[0]:
        return [a[:, :, n] for n in range(a.shape[2])], True
    return [a], False


def _pool_plane(src: np.ndarray, dst: np.ndarray, ky: int, kx: int, sy: int, sx: int, combine,
                scale: float = 1.0) -> None:
    """dst = scale · combine over each ky×kx window of src (every sy rows, sx columns), in bands.

    Along y first, over whole rows (contiguous), then along x over the much smaller result;
    a band of rows at a time so the intermediate rows (and the scaling) stay in cache.
    """
    ho, wo = dst.shape[:2]
    width = src.shape[1]
    row_bytes = max(1, width * src.itemsize * (src.shape[2] if src.ndim == 3 else 1))
    band = max(1, _BAND_BYTES // row_bytes)
    tmp = np.empty((band, *src.shape[1:]), src.dtype)
    span_x = (wo - 1) * sx + 1
    # Strided np.maximum is slow (np.add's strided loop is not): for max with sx > 1 the x pass runs
    # on contiguous slices (kx − 1 passes over the row) and keeps every sx-th window (measured for
    # 2×2/2 on rows in cache: 1.5× faster; for avg it was 16 % slower, so avg keeps strided adds).
    fast_x = combine is np.maximum and kx > 1 and sx > 1 and src.ndim == 2
    wide = np.empty((band, span_x), src.dtype) if fast_x else None
    # Sums of windows that tile each row exactly (2×2/2 of an even width) run on the band as ONE flat
    # array, strided by sx: measured 1.3× faster than the same sums on 2-D strided views.
    flat = (combine is np.add and src.ndim == 2 and kx == sx and wo * sx == width
            and dst.flags.c_contiguous)
    for r0 in range(0, ho, band):
        n = min(band, ho - r0)
        t = tmp[:n]
        span_y = (n - 1) * sy + 1
        if ky == 1:
            t = src[r0 * sy : r0 * sy + span_y : sy]
        else:
            top = r0 * sy
            combine(src[top : top + span_y : sy], src[top + 1 : top + 1 + span_y : sy], out=t)
            for dy in range(2, ky):
                combine(t, src[top + dy : top + dy + span_y : sy], out=t)
        o = dst[r0 : r0 + n]
        if kx == 1:
            np.copyto(o, t[:, 0:span_x:sx])
        elif flat and t.flags.c_contiguous:  # windows tile each row: one strided 1-D view per dx
            tf, of = t.reshape(-1), o.reshape(-1)
            combine(tf[0::sx], tf[1::sx], out=of)
            for dx in range(2, kx):
                combine(of, tf[dx::sx], out=of)
        elif wide is not None:  # every window along x on contiguous rows, then every sx-th
            m = wide[:n]
            combine(t[:, 0:span_x], t[:, 1 : 1 + span_x], out=m)
            for dx in range(2, kx):
                combine(m, t[:, dx : dx + span_x], out=m)
            np.copyto(o, m[:, ::sx])
        else:
            combine(t[:, 0:span_x:sx], t[:, 1 : 1 + span_x : sx], out=o)
            for dx in range(2, kx):
                combine(o, t[:, dx : dx + span_x : sx], out=o)
        if scale != 1.0:
            o *= o.dtype.type(scale)


def pool2d(x, size, stride=None, op: str = "max", *, out: np.ndarray | None = None) -> np.ndarray:
    """Pool each channel of ``x`` ((H, W) or (H, W, C)) with a ``size`` window every ``stride``.

    Only windows lying fully inside the map are used, so the output is
    ⌊(H − size_y)/stride_y⌋ + 1 by ⌊(W − size_x)/stride_x⌋ + 1 (channels kept). ``stride``
    defaults to ``size`` (non-overlapping windows, the chapter's 2×2/2 example).
    ``op`` is "max" or "avg". The float dtype is kept; int/bool inputs become float32.
    A stack stored map after map (as conv2d returns it) comes back stored the same way;
    ``out`` (the result's shape and dtype) receives it instead of a new array.

    Max and sum are separable over a rectangle, so each is a pass along y (whole rows, a band
    at a time) then a pass along x: size_y + size_x array operations, about the cost of an
    area resize (``bench/bench_conv.py`` compares it with OpenCV's).
    """
    _check_op(op)
    a, out_dtype = as_float_array(x, "x")
    if a.ndim not in (2, 3):
        raise ValueError(f"x must be (H, W) or (H, W, C), got shape {a.shape}")
    ky, kx = as_pair(size, "size", 1)
    sy, sx = (ky, kx) if stride is None else as_pair(stride, "stride", 1)
    h, w = a.shape[:2]
    if ky > h or kx > w:
        raise ValueError(N_("conv2d", "size {kx}×{ky} is larger than the input {w}×{h}").format(
            kx=kx, ky=ky, w=w, h=h))
    ho, wo = (h - ky) // sy + 1, (w - kx) // sx + 1
    combine = np.maximum if op == "max" else np.add
    planes, stacked = _planes(a)
    shape = (ho, wo, *a.shape[2:])
    if out is not None:
        if out.shape != shape or out.dtype != a.dtype or out_dtype != a.dtype:
            raise ValueError(f"out must be a {a.dtype} array of shape {shape}, got {out.dtype} {out.shape}")
        result = out
    elif stacked:
        result = np.empty((len(planes), ho, wo), a.dtype).transpose(1, 2, 0)
    else:
        result = np.empty(shape, a.dtype)
    dsts = [result[:, :, n] for n in range(len(planes))] if stacked else [result]
    for src, dst in zip(planes, dsts, strict=True):
        _pool_plane(src, dst, ky, kx, sy, sx, combine, 1.0 / (ky * kx) if op == "avg" else 1.0)
    return result if result.dtype == out_dtype else result.astype(out_dtype)


def depth_pool(x, op: str = "max", *, out: np.ndarray | None = None) -> np.ndarray:
    """Depth (1×1) pooling: combine the C feature maps of ``x`` (H, W, C) into one (H, W).

    The chapter uses it to merge the maps of several kernels; "max" keeps, at each pixel,
    the strongest response, "avg" their mean. The float dtype is kept; ``out`` receives it.
    """
    _check_op(op)
    a, out_dtype = as_float_array(x, "x")
    if a.ndim != 3:
        raise ValueError(f"x must be (H, W, C) for depth pooling, got shape {a.shape}")
    c = a.shape[2]
    if c == 0:
        raise ValueError("x must have at least one channel, got 0")
    combine = np.maximum if op == "max" else np.add
    if out is not None and (out.shape != a.shape[:2] or out.dtype != a.dtype):
        raise ValueError(f"out must be a {a.dtype} array of shape {a.shape[:2]}, got {out.dtype} {out.shape}")
    if c == 1:
        result = a[:, :, 0].copy() if out is None else np.copyto(out, a[:, :, 0]) or out
    else:
        result = combine(a[:, :, 0], a[:, :, 1], out=out)
    for ch in range(2, c):
        combine(result, a[:, :, ch], out=result)
    if op == "avg":
        result *= result.dtype.type(1.0 / c)
    return result.astype(out_dtype, copy=False)


# ----------------------------------------------------------------------------- band by band


class BandRange:
    """The exact (min, max) of a stage, taken band by band while each is in cache (None past a NaN)."""

    def __init__(self) -> None:
        self.lo, self.hi = np.inf, -np.inf

    def add(self, band: np.ndarray) -> None:
        self.lo, self.hi = min(self.lo, float(np.min(band))), max(self.hi, float(np.max(band)))

    def get(self) -> tuple[float, float] | None:
        return (self.lo, self.hi) if np.isfinite(self.lo) and np.isfinite(self.hi) else None


class BandPooling:
    """Pooling and depth pooling of the conv rows finished so far, called after every band.

    Why: pooling rows just computed reads them from cache, not memory (at 4096² three maps are
    200 MB). Pooled row q needs conv rows q·s … q·s + size − 1, so it is made as soon as the
    band holding its last row is done (a window across two bands reads the earlier rows back).
    """

    def __init__(self, conv: np.ndarray, pool_op: str | None, size: int, stride: int, depth_op: str | None,
                 take: Callable[[tuple[int, ...]], np.ndarray] | None = None,
                 on_band: Callable[[str, np.ndarray, int, int], None] | None = None) -> None:
        """``conv`` (H, W, n) maps stored map after map; ``pool_op`` / ``depth_op`` None to skip a
        stage; ``take(shape)`` gives float32 arrays for the results; ``on_band(stage, maps, r0, r1)``
        is told when rows r0 … r1 − 1 of "pool" or "depth" are done."""
        take = take or (lambda shape: np.empty(shape, conv.dtype))
        self.conv, self.on_band = conv, on_band
        self.pool_op, self.size, self.stride, self.depth_op = pool_op, size, stride, depth_op
        ho, wo, n_k = conv.shape
        self.pooled = self.depth = None
        self._done = {"pool": 0, "depth": 0}
        self._ranges = {"pool": BandRange(), "depth": BandRange()}
        if pool_op and size <= min(ho, wo):
            shape = ((ho - size) // stride + 1, (wo - size) // stride + 1)
            self.pooled = take((n_k, *shape)).transpose(1, 2, 0)
        source = self.pooled if pool_op else conv
        if depth_op and source is not None:
            self.depth = take(source.shape[:2])

    def advance(self, conv_rows: int) -> None:
        """Pool (and depth-pool) every output row whose window lies within conv rows 0 … conv_rows − 1."""
        source, ready = self.conv, conv_rows
        if self.pooled is not None:
            size, s = self.size, self.stride
            q0 = self._done["pool"]
            q1 = min(self.pooled.shape[0], (conv_rows - size) // s + 1) if conv_rows >= size else 0
            if q1 > q0:
                band = pool2d(self.conv[q0 * s : (q1 - 1) * s + size], size, s, op=self.pool_op,
                              out=self.pooled[q0:q1])
                self._emit("pool", self.pooled, q0, q1, band)
            source, ready = self.pooled, q1
        if self.depth is not None:
            d0 = self._done["depth"]
            if ready > d0:
                band = depth_pool(source[d0:ready], op=self.depth_op, out=self.depth[d0:ready])
                self._emit("depth", self.depth, d0, ready, band)

    def _emit(self, stage: str, maps: np.ndarray, r0: int, r1: int, band: np.ndarray) -> None:
        self._done[stage] = r1
        self._ranges[stage].add(band)
        if self.on_band is not None:
            self.on_band(stage, maps, r0, r1)

    def ranges(self) -> dict[str, tuple[float, float] | None]:
        return {stage: r.get() for stage, r in self._ranges.items() if self._done[stage]}
