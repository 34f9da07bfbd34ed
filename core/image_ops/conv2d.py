"""2D convolution for the image lab: a weighted window (kernel) slides over an image.

Chapter, section 2. As in CNNs this is *cross-correlation* (the kernel is not flipped):

    out[r, c] = Σ_i Σ_j Σ_ch  padded[r·s_y + i, c·s_x + j, ch] · K[i, j, ch]  +  b

and the feature map has n_out = ⌊(n_in + 2p − k)/s⌋ + 1 pixels per axis (``output_size``).

Shapes ``conv2d`` understands (the rule that settles 3-D kernel arrays is spelled out):

==================  ============================  ========================================
image               kernels                       meaning
==================  ============================  ========================================
(H, W)              (kh, kw)                      one kernel               → (H', W')
(H, W)              (n_k, kh, kw)                 a stack of n_k kernels   → (H', W', n_k)
(H, W, C)           (kh, kw)                      one kernel, the same weights on every
                                                  channel, summed over channels → (H', W')
(H, W, C)           (kh, kw, C)  (last axis = C)  one kernel spanning the C channels
                                                                           → (H', W')
(H, W, C)           (n_k, kh, kw) (last axis ≠ C) a stack, each kernel applied identically
                                                  to every channel and summed → (H', W', n_k)
(H, W) or (H, W, C) (n_k, kh, kw, C)              a stack, always; C must match (1 for a 2-D
                                                  image)                   → (H', W', n_k)
==================  ============================  ========================================

So with an RGB image a (3, 3, 3) array is ONE 3×3 kernel over R, G, B. To apply three 3×3
kernels to an RGB image pass them as (3, 3, 3, 3), e.g. ``stack_kernels([k1, k2, k3], 3)``.

Speed (NumPy only): each output is built by accumulating shifted, strided views of the
padded image times one weight into a preallocated output, a cache-sized block of rows at a
time. A rank-1 ("separable") kernel such as Gaussian or Sobel runs as a horizontal then a
vertical 1-D pass; a kernel whose channel slices are multiples of one 2-D kernel (the usual
"same filter on R, G and B") mixes the channels first and convolves once; kernels with
their own weights per channel (stride 1) become one small matrix product per tap (BLAS).
Results agree with the plain sum to floating-point rounding (about 1e-6 relative in float32).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from core.image_ops.pooling import as_float_array, as_pair, depth_pool, pool2d

__all__ = [
    "PAD_MODES",
    "conv2d",
    "depth_pool",
    "output_size",
    "pool2d",
    "stack_kernels",
]

# pad_mode → np.pad mode; "reflect" mirrors without repeating the edge (PyTorch's "reflect").
PAD_MODES = {"zeros": "constant", "constant": "constant", "nearest": "edge", "reflect": "reflect"}
_BLOCK_BYTES = 1 << 19  # ~512 KiB of output rows per block: stays in L2 while all taps add up


# ----------------------------------------------------------------------------- sizes


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
        raise ValueError(
            f"kernel size {k} is larger than the padded image ({n_in} + 2·padding {p})"
        )
    return (n_in + 2 * p - k) // s + 1


MAX_PADDED_VALUES = 2**28  # 268 M values (1 GB in float32): beyond this a padding is surely a typo


def check_pad_mode(pad_mode: str, pad_value: float) -> None:
    if pad_mode not in PAD_MODES:
        raise ValueError(f"pad_mode must be one of {', '.join(PAD_MODES)}; got {pad_mode!r}")
    if pad_mode == "constant" and not np.isfinite(pad_value):
        raise ValueError(f"pad_value must be finite, got {pad_value!r}")


def check_geometry(h, w, kh, kw, py, px, pad_mode, name="kernels") -> tuple[int, int]:
    """Validate kernel vs. padded image and reflect padding; return (H', W')."""
    if pad_mode == "reflect" and (py >= h or px >= w):
        raise ValueError(
            f"padding ({py}, {px}) must be smaller than the image ({h}×{w}) for pad_mode='reflect'"
        )
    if kh > h + 2 * py or kw > w + 2 * px:
        raise ValueError(
            f"{name}: a {kh}×{kw} kernel is larger than the padded image "
            f"{h + 2 * py}×{w + 2 * px} (image {h}×{w}, padding ({py}, {px}))"
        )
    return h + 2 * py - kh, w + 2 * px - kw  # caller divides by stride


# ----------------------------------------------------------------------------- kernels


def stack_kernels(kernels: Sequence, channels: int) -> np.ndarray:
    """Stack 2-D kernels into (n_k, kh, kw, C), each repeated on all ``channels``.

    The unambiguous way to hand several 2-D kernels to ``conv2d`` for a C-channel image.
    """
    ks = np.asarray([np.asarray(k, dtype=np.float64) for k in kernels])
    if ks.ndim != 3:
        raise ValueError(f"kernels must be a sequence of 2-D kernels, got shape {ks.shape}")
    if channels < 1:
        raise ValueError(f"channels must be ≥ 1, got {channels}")
    return np.repeat(ks[..., None], channels, axis=3)


def _normalise_kernels(kernels, c: int, image_is_2d: bool) -> tuple[np.ndarray, bool, bool]:
    """Return ``(K, single, shared)``: K is (n_k, kh, kw, C') with C' = C or 1 (shared)."""
    k = np.asarray(kernels)
    if k.dtype.kind not in "biuf":
        raise ValueError(f"kernels must hold real numbers, got dtype {k.dtype}")
    if k.ndim == 2:
        k4, single, shared = k[None, :, :, None], True, True
    elif k.ndim == 3 and not image_is_2d and k.shape[2] == c:
        k4, single, shared = k[None], True, False
    elif k.ndim == 3:
        k4, single, shared = k[..., None], False, True
    elif k.ndim == 4:
        if k.shape[3] != c:
            raise ValueError(
                f"kernels of shape {k.shape} span {k.shape[3]} channels but the image has {c}"
            )
        k4, single, shared = k, False, False
    else:
        raise ValueError(
            "kernels must be (kh, kw), (kh, kw, C), (n_k, kh, kw) or (n_k, kh, kw, C); "
            f"got shape {k.shape}"
        )
    if 0 in k4.shape:
        raise ValueError(f"kernels must not be empty, got shape {k.shape}")
    if not np.all(np.isfinite(k4)):
        raise ValueError("kernels must hold finite numbers (found NaN or infinity)")
    return k4, single, shared


def _split_channels(kc: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray] | None:
    """If every channel slice of ``kc`` (kh, kw, C) is a_ch · S, return (S, a); else None."""
    m = kc.reshape(-1, kc.shape[2]).astype(np.float64)
    norms = np.einsum("ij,ij->j", m, m)
    ref = int(np.argmax(norms))
    if norms[ref] == 0.0:
        return kc[:, :, 0], np.zeros(kc.shape[2])
    dots = m[:, ref] @ m
    a = np.where(np.all(m == m[:, ref : ref + 1], axis=0), 1.0, dots / dots[ref])  # exact 1s
    if np.max(np.abs(np.outer(m[:, ref], a) - m)) > eps * np.max(np.abs(m)):
        return None
    return kc[:, :, ref], a


def _plan(k2: np.ndarray, work: np.dtype):
    """How to apply one 2-D kernel: ("direct", taps) or ("sep", col_taps, row_taps).

    A tap is (offset(s), weight); zero weights are skipped. A rank-1 kernel (outer product
    of a column and a row, found exactly from its largest entry) runs as two 1-D passes
    when that needs fewer array operations.
    """
    t = work.type
    k64 = k2.astype(np.float64)
    taps = [((i, j), t(k64[i, j])) for i, j in zip(*np.nonzero(k64), strict=True)]
    if len(taps) > 2:
        i0, j0 = np.unravel_index(np.argmax(np.abs(k64)), k64.shape)
        col, row = k64[:, j0], k64[i0, :] / k64[i0, j0]
        eps = 4 * np.finfo(work).eps * np.abs(k64[i0, j0])
        if np.max(np.abs(np.outer(col, row) - k64)) <= eps:
            col_taps = [(i, t(v)) for i, v in enumerate(col) if v != 0]
            row_taps = [(j, t(v)) for j, v in enumerate(row) if v != 0]
            if len(col_taps) + len(row_taps) + 1 < len(taps):
                return ("sep", col_taps, row_taps)
    return ("direct", taps)


# ----------------------------------------------------------------------------- the loop


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


def _correlate_sum(terms, out: np.ndarray, stride, kh: int, bias) -> None:
    """out[:] = Σ over terms of (padded plane ⋆ kernel plan), strided, plus bias."""
    sy, sx = stride
    ho, wo = out.shape
    rows = max(1, _BLOCK_BYTES // (wo * out.itemsize))
    tmp = np.empty((rows, wo), out.dtype)
    if any(plan[0] == "sep" for _, plan in terms):  # rows after the x pass, and a scratch
        hbuf = np.empty((2, (rows - 1) * sy + kh, wo), out.dtype)
    hx = (wo - 1) * sx + 1  # span of columns read for one row of output
    for r0 in range(0, ho, rows):
        r1 = min(ho, r0 + rows)
        n = r1 - r0
        o, t = out[r0:r1], tmp[:n]
        ry = (n - 1) * sy + 1  # span of padded rows one tap reads for this block
        first = True
        for p, plan in terms:
            if plan[0] == "direct":
                for (i, j), w in plan[1]:
                    view = p[r0 * sy + i : r0 * sy + i + ry : sy, j : j + hx : sx]
                    _axpy(o, view, w, first, t)
                    first = False
            else:  # separable: rows r0·sy … along x first, then combine those along y
                _, col_taps, row_taps = plan
                m = ry + kh - 1
                h, ht = hbuf[0, :m], hbuf[1, :m]
                for idx, (j, w) in enumerate(row_taps):
                    _axpy(h, p[r0 * sy : r0 * sy + m, j : j + hx : sx], w, idx == 0, ht)
                for i, w in col_taps:
                    _axpy(o, h[i : i + ry : sy], w, first, t)
                    first = False
        if first:  # an all-zero kernel
            o.fill(0)
        if bias != 0:
            o += bias


def _pad(a: np.ndarray, py: int, px: int, pad_mode: str, fill: float) -> np.ndarray:
    """Pad the first two axes of ``a`` by (py, px) on each side (a contiguous result)."""
    if py == 0 and px == 0:
        return np.ascontiguousarray(a)
    width = ((py, py), (px, px)) + ((0, 0),) * (a.ndim - 2)
    if PAD_MODES[pad_mode] == "constant":
        return np.pad(a, width, constant_values=fill)
    return np.pad(a, width, mode=PAD_MODES[pad_mode])


def conv2d(
    image,
    kernels,
    bias=0.0,
    stride=1,
    padding=0,
    pad_mode: str = "zeros",
    pad_value: float = 0.0,
) -> np.ndarray:
    """Convolve (cross-correlate, as CNNs do) ``image`` with one kernel or a stack of them.

    See the module docstring for the accepted shapes. ``bias`` is a scalar or one value
    per kernel; ``stride`` and ``padding`` are an int or a (y, x) pair; ``pad_mode`` is
    "zeros", "constant" (filled with ``pad_value``), "nearest" (repeat the edge pixel) or
    "reflect" (mirror without repeating the edge, as ``np.pad(mode="reflect")`` and
    PyTorch's ``padding_mode="reflect"``; padding must then be smaller than the image).
    Floating images keep their dtype; integer/bool images become float32.
    Returns (H', W') for one kernel, (H', W', n_k) for a stack (even a stack of one).
    No activation is applied: use ``core.activations.apply_activation`` on the result.
    """
    img, out_dtype = as_float_array(image, "image")
    if img.ndim not in (2, 3):
        raise ValueError(f"image must be (H, W) or (H, W, C), got shape {img.shape}")
    if 0 in img.shape:
        raise ValueError(f"image must not be empty, got shape {img.shape}")
    work = img.dtype
    image_is_2d = img.ndim == 2
    x = img[:, :, None] if image_is_2d else img
    h, w, c = x.shape
    sy, sx = as_pair(stride, "stride", 1)
    py, px = as_pair(padding, "padding", 0)
    check_pad_mode(pad_mode, pad_value)
    k4, single, shared = _normalise_kernels(kernels, c, image_is_2d)
    n_k, kh, kw = k4.shape[:3]
    span_y, span_x = check_geometry(h, w, kh, kw, py, px, pad_mode)
    ho, wo = span_y // sy + 1, span_x // sx + 1
    if (h + 2 * py) * (w + 2 * px) * c > MAX_PADDED_VALUES:
        raise ValueError(
            f"padding {max(py, px)} makes a {h + 2 * py}×{w + 2 * px} image: too large to compute "
            f"(at most {MAX_PADDED_VALUES:,} values)"
        )
    big = float(np.finfo(work).max)
    for what, value in (("bias", bias), ("pad_value", pad_value), ("kernels", k4)):
        if np.any(np.abs(np.asarray(value, dtype=np.float64)) > big):
            raise ValueError(f"{what} must fit in {np.dtype(work).name} (|value| ≤ {big:.3g})")
    b = np.asarray(bias, dtype=np.float64)
    if b.ndim > 1 or (b.ndim == 1 and b.shape[0] != n_k):
        raise ValueError(f"bias must be a scalar or one value per kernel ({n_k}), got {bias!r}")
    if not np.all(np.isfinite(b)):
        raise ValueError(f"bias must be finite, got {bias!r}")
    b = np.broadcast_to(b, (n_k,))
    fill = pad_value if pad_mode == "constant" else 0.0
    eps = 4 * float(np.finfo(work).eps)

    planes: dict = {}  # padded 2-D planes, computed once and shared by the kernels

    def mixed_plane(a: np.ndarray) -> np.ndarray:
        key = ("mix", tuple(a))
        if key not in planes:
            if c == 1:
                m = x[:, :, 0] if a[0] == 1 else x[:, :, 0] * work.type(a[0])
            else:
                m, scratch = np.zeros((h, w), work), np.empty((h, w), work)
                for ch in range(c):
                    if a[ch] != 0:
                        _axpy(m, x[:, :, ch], work.type(a[ch]), False, scratch)
            planes[key] = _pad(m, py, px, pad_mode, fill * float(np.sum(a)))
        return planes[key]

    def channel_plane(ch: int) -> np.ndarray:
        if ("ch", ch) not in planes:
            planes[("ch", ch)] = _pad(x[:, :, ch], py, px, pad_mode, fill)
        return planes[("ch", ch)]

    out = np.empty((n_k, ho, wo), work)
    per_channel = []  # kernels with different weights per channel: done together below
    for n in range(n_k):
        kc = k4[n].astype(work, copy=False)
        split = (kc[:, :, 0], np.ones(c)) if shared else _split_channels(kc, eps)
        if split is not None:  # one 2-D kernel on a fixed mix of the channels
            terms = [(mixed_plane(split[1]), _plan(split[0], work))]
        elif (sy, sx) == (1, 1):
            per_channel.append(n)
            continue
        else:  # a different kernel per channel, strided: one plane per channel
            terms = [(channel_plane(ch), _plan(kc[:, :, ch], work)) for ch in range(c)]
        _correlate_sum(terms, out[n], (sy, sx), kh, work.type(b[n]))
    if per_channel:  # (H', W', len(per_channel))
        blas = _correlate_channels(_pad(x, py, px, pad_mode, fill), k4[per_channel], kw)
        if np.any(b[per_channel] != 0):
            blas += b[per_channel].astype(work)
    if single:
        return np.ascontiguousarray(blas[:, :, 0] if per_channel else out[0], dtype=out_dtype)
    if len(per_channel) == n_k:  # e.g. random RGB kernels: nothing to interleave
        return np.ascontiguousarray(blas, dtype=out_dtype)
    result = np.empty((ho, wo, n_k), out_dtype)
    for n in range(n_k):
        result[:, :, n] = blas[:, :, per_channel.index(n)] if n in per_channel else out[n]
    return result


def _correlate_channels(padded: np.ndarray, kernels: np.ndarray, kw: int) -> np.ndarray:
    """Stride-1 kernels (n_k, kh, kw, C) with distinct weights per channel, via BLAS.

    In the padded image flattened to (Hp·Wp, C), output pixel (r, c) and tap (i, j) read
    row (r + i)·Wp + c + j, so for a block of output rows each tap is one contiguous
    (M, C) slice times the tap's (C, n_k) weights: a matrix product. Each output row gets
    kw − 1 extra columns that run past the edge; they are computed and dropped.
    """
    hp, wp, c = padded.shape
    n_k, kh = kernels.shape[:2]
    ho, wo = hp - kh + 1, wp - kw + 1
    flat = padded.reshape(-1, c)
    weights = np.ascontiguousarray(np.moveaxis(kernels, 0, -1), padded.dtype)  # kh,kw,C,n_k
    out = np.empty((ho * wp, n_k), padded.dtype)
    rows = max(1, _BLOCK_BYTES // (wp * n_k * out.itemsize))
    tmp = np.empty((rows * wp, n_k), padded.dtype)
    for r0 in range(0, ho, rows):
        r1 = min(ho, r0 + rows)
        m = (r1 - r0) * wp - (kw - 1 if r1 == ho else 0)  # the very last extras would overrun
        o, t = out[r0 * wp : r0 * wp + m], tmp[:m]
        for i in range(kh):
            for j in range(kw):
                a = flat[(r0 + i) * wp + j : (r0 + i) * wp + j + m]
                np.matmul(a, weights[i, j], out=o if i == j == 0 else t)
                if i or j:
                    o += t
    return out.reshape(ho, wp, n_k)[:, :wo]
