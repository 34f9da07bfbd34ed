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
A stack comes back as an (H', W', n_k) view of maps stored one after the other, so each map
``out[..., n]`` is contiguous (what drawing and pooling read).

Speed (NumPy only; ``bench/bench_conv.py`` measures it against SciPy and OpenCV). Channels
are mixed first when a kernel's channel slices are multiples of one 2-D kernel (the usual
"same filter on R, G and B"). Then, per 2-D kernel, the cheapest of (``method="auto"``):

* ``"separable"`` — a rank-1 kernel (Gaussian, box, Sobel, Prewitt) as a horizontal then a
  vertical 1-D pass: kh + kw operations instead of kh·kw;
* ``"direct"`` — one shifted view × weight per non-zero tap (few taps, or stride > 1);
* ``"matmul"`` — stride 1: per output row, every kernel's columns times the kh input rows it
  reads (BLAS, one batched product per block of rows), then kw − 1 shifted adds;
* ``"fft"`` — large kernels: overlap-save with NumPy's FFT on tiles, so the cost stops
  growing with k² (the tiles' spectra are shared by all kernels).

The switch points come from measured costs (``choice.COST``). The work is done ``_CHUNK`` bytes of
padded rows at a time (``bands.ConvPlan``), so memory beyond the output stays small whatever the
image size; ``rows=`` computes a band of output rows only and ``out=`` writes into a given array;
``conv2d_plan`` makes the checks and choices once for a caller computing band after band.
Results agree with the plain sum to rounding (float32: ~1e-6 of Σ|x|·|K|; the FFT path ~1e-6
of the largest such sum in a tile). Kernels with their own weights per channel (stride 1)
are one small matrix product per tap.

Non-finite pixels: if the image holds NaN or ±∞, every tap is applied, zero weights too, so
NaN·0 = NaN and ∞·0 = NaN spread exactly as IEEE arithmetic, ``scipy.signal.correlate2d`` and
PyTorch say (``scipy.ndimage.correlate`` skips zero weights and would hide them). No pass
over the image looks for them first: a plan that skips no tap needs no look (Sobel's and
Prewitt's [−1 0 1] then keep their 0 as a difference of pair sums), the others check each
chunk's rows once computed, in cache, and compute again with every tap at the first NaN or ∞.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from core.i18n import N_
from core.image_ops.bands import ConvPlan, guard_fft
from core.image_ops.choice import fft_tile, plan
from core.image_ops.pooling import (
    MAX_PADDED_VALUES,
    PAD_MODES,
    as_float_array,
    as_pair,
    check_geometry,
    check_pad_mode,
    depth_pool,
    output_size,
    pool2d,
)

__all__ = ["METHODS", "PAD_MODES", "ConvPlan", "conv2d", "conv2d_plan", "depth_pool", "output_size", "pool2d",
           "stack_kernels"]

METHODS = ("auto", "direct", "separable", "matmul", "fft")
_CHUNK = 1 << 21  # padded input rows built at once (bytes): they stay in cache and bound the memory


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
            raise ValueError(f"kernels of shape {k.shape} span {k.shape[3]} channels but the image has {c}")
        k4, single, shared = k, False, False
    else:
        raise ValueError("kernels must be (kh, kw), (kh, kw, C), (n_k, kh, kw) or (n_k, kh, kw, C); "
                         f"got shape {k.shape}")
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


# ----------------------------------------------------------------------------- conv2d


def conv2d(
    image,
    kernels,
    bias=0.0,
    stride=1,
    padding=0,
    pad_mode: str = "zeros",
    pad_value: float = 0.0,
    *,
    method: str = "auto",
    rows: tuple[int, int] | None = None,
    out: np.ndarray | None = None,
    finite: bool | None = None,
) -> np.ndarray:
    """Convolve (cross-correlate, as CNNs do) ``image`` with one kernel or a stack of them.

    See the module docstring for the accepted shapes. ``bias`` is a scalar or one value
    per kernel; ``stride`` and ``padding`` are an int or a (y, x) pair; ``pad_mode`` is
    "zeros", "constant" (filled with ``pad_value``), "nearest" (repeat the edge pixel) or
    "reflect" (mirror without repeating the edge, as ``np.pad(mode="reflect")`` and
    PyTorch's ``padding_mode="reflect"``; padding must then be smaller than the image).
    Floating images keep their dtype; integer/bool images become float32.
    Returns (H', W') for one kernel, (H', W', n_k) for a stack (even a stack of one).
    ``rows=(r0, r1)`` computes output rows r0 … r1 − 1 only (a band: the result has r1 − r0
    rows); ``out`` receives the result (same shape and dtype) instead of a new array.
    ``method`` forces one way of computing (see the module docstring); "auto" picks the cheapest.
    ``finite=True`` says the caller knows every pixel is finite (skips checking the rows read, which
    is only needed when some weight is zero or the FFT is used).
    No activation is applied: use ``core.activations.apply_activation`` on the result.
    """
    return conv2d_plan(image, kernels, bias, stride, padding, pad_mode, pad_value, method=method,
                       rows=rows, finite=finite).run(rows, out)


def conv2d_plan(
    image,
    kernels,
    bias=0.0,
    stride=1,
    padding=0,
    pad_mode: str = "zeros",
    pad_value: float = 0.0,
    *,
    method: str = "auto",
    rows: tuple[int, int] | None = None,
    finite: bool | None = None,
) -> ConvPlan:
    """Check the arguments and decide how to compute ``conv2d`` once; ``.run(rows, out)`` computes.

    Why: a caller computing one image band after band (the lab, to cancel between bands) would
    otherwise pay the checks and the choice of method for every band. The arguments are
    ``conv2d``'s; ``rows`` only limits which input rows the FFT's overflow guard reads (then
    ``run`` must stay within them), and the plan keeps ``image`` (not a copy).
    """
    img, out_dtype = as_float_array(image, "image")
    if img.ndim not in (2, 3):
        raise ValueError(f"image must be (H, W) or (H, W, C), got shape {img.shape}")
    if 0 in img.shape:
        raise ValueError(f"image must not be empty, got shape {img.shape}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    work = img.dtype
    x = img[:, :, None] if img.ndim == 2 else img
    h, w, c = x.shape
    sy, sx = as_pair(stride, "stride", 1)
    py, px = as_pair(padding, "padding", 0)
    check_pad_mode(pad_mode, pad_value)
    k4, single, shared = _normalise_kernels(kernels, c, img.ndim == 2)
    n_k, kh, kw = k4.shape[:3]
    span_y, span_x = check_geometry(h, w, kh, kw, py, px, pad_mode)
    ho, wo = span_y // sy + 1, span_x // sx + 1
    if (h + 2 * py) * (w + 2 * px) * c > MAX_PADDED_VALUES:
        raise ValueError(N_("conv2d", "padding {0} makes a {1}×{2} image: too large to compute "
                                      "(at most {MAX_PADDED_VALUES:,} values)").format(
            max(py, px), w + 2 * px, h + 2 * py, MAX_PADDED_VALUES=MAX_PADDED_VALUES))
    big = float(np.finfo(work).max)
    for what, value in (("bias", bias), ("pad_value", pad_value), ("kernels", k4)):
        if np.any(np.abs(np.asarray(value, dtype=np.float64)) > big):
            raise ValueError(N_("conv2d", "{what} must fit in {0} (|value| ≤ {big:.3g})").format(
                np.dtype(work).name, what=what, big=big))
    b = np.asarray(bias, dtype=np.float64)
    if b.ndim > 1 or (b.ndim == 1 and b.shape[0] != n_k):
        raise ValueError(f"bias must be a scalar or one value per kernel ({n_k}), got {bias!r}")
    if not np.all(np.isfinite(b)):
        raise ValueError(f"bias must be finite, got {bias!r}")
    b = np.broadcast_to(b, (n_k,))
    r0, r1 = (0, ho) if rows is None else as_pair(rows, "rows", 0)
    if not 0 <= r0 < r1 <= ho:
        raise ValueError(f"rows must be (r0, r1) with 0 ≤ r0 < r1 ≤ {ho}, got {rows!r}")
    lo_all, hi_all = max(0, r0 * sy - py), min(h, (r1 - 1) * sy - py + kh)  # the input rows read
    fill = pad_value if pad_mode == "constant" else 0.0
    eps = 4 * float(np.finfo(work).eps)
    row_bytes = (w + 2 * px) * work.itemsize * max(1, c)

    def build(taps_all: bool, known: bool) -> ConvPlan:
        """The plan; ``taps_all``: apply every tap, zero weights too, each channel on its own (NaN/∞
        pixels); ``known``: the pixels are known to be finite (no errstate needed)."""
        # Per kernel: which padded plane it reads (a mix of the channels, one channel, or all of them).
        jobs: list[tuple[int, tuple, np.ndarray]] = []
        for n in range(n_k):
            kc = k4[n].astype(work, copy=False)
            split = (kc[:, :, 0], np.ones(c)) if shared else _split_channels(kc, eps)
            if split is not None and not taps_all:
                jobs.append((n, ("mix", tuple(float(v) for v in split[1])), split[0]))
            elif taps_all or (sy, sx) != (1, 1):  # one plane per channel, summed tap by tap
                jobs += [(n, ("ch", ch), kc[:, :, 0 if shared else ch]) for ch in range(c)]
            else:
                jobs.append((n, ("all",), kc))
        share = {key: sum(1 for _, k, _ in jobs if k == key) for _, key, _ in jobs}
        plans = {i: plan(k2, work, (sy, sx), method, not taps_all, share[key], key[0] == "mix", not known)
                 for i, (_, key, k2) in enumerate(jobs) if key[0] != "all"}
        guard_fft(plans, jobs, x[lo_all:hi_all], fill, (kh, kw), method, lambda i: plan(
            jobs[i][2], work, (sy, sx), "auto", not taps_all, share[jobs[i][1]], False, not known), known)
        ffts = [p for p in plans.values() if p[0] == "fft"]
        tall = fft_tile(kh, kw, 1 << 30, 1 << 30)[0] if ffts else 0
        span = max(_CHUNK // row_bytes, tall, kh + 16 * sy)  # padded rows per chunk (an FFT tile's height)
        return ConvPlan(x, jobs, plans, [work.type(v) for v in b], (sy, sx), (py, px), (kh, kw), pad_mode,
                        fill, known, (ho, wo), single, out_dtype, max(1, (span - kh) // sy + 1))

    if finite:
        return build(False, True)
    # Pixels not known to be finite: a plan that skips no tap (no zero weight, or Sobel's kept as a
    # difference of pair sums) and uses no FFT already gives IEEE's NaN and ∞, so it needs no check.
    # The others check each chunk's rows just after computing it, while they are in cache (measured
    # on a 2048² Laplacian: +0.5 ms, where one pass over the image first cost +1.9 ms), and at a NaN
    # or ∞ compute again applying every tap, zero weights too (NaN·0 = NaN).
    fast = build(False, False)
    if not fast.exact():
        fast.fallback = lambda: build(True, False)
    return fast

