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
* ``"matmul"`` — stride 1: for a block of output rows, a banded matrix holding the kernel's
  columns times the block's input rows (BLAS), then kw shifted adds; all kernels in one product;
* ``"fft"`` — large kernels: overlap-save with NumPy's FFT on tiles, so the cost stops
  growing with k² (the tiles' spectra are shared by all kernels).

The switch points come from measured costs (``correlation.COST``). The work is done ``_CHUNK`` bytes of
padded rows at a time, so memory beyond the output stays small whatever the image size;
``rows=`` computes a band of output rows only and ``out=`` writes into a given array.
Results agree with the plain sum to rounding (float32: ~1e-6 of Σ|x|·|K|; the FFT path ~1e-6
of the largest such sum in a tile). Kernels with their own weights per channel (stride 1)
are one small matrix product per tap.

Non-finite pixels: if the image holds NaN or ±∞, every tap is applied, zero weights too, so
NaN·0 = NaN and ∞·0 = NaN spread exactly as IEEE arithmetic, ``scipy.signal.correlate2d`` and
PyTorch say (``scipy.ndimage.correlate`` skips zero weights and would hide them).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import numpy as np

from core.i18n import N_
from core.image_ops.correlation import (
    banded_matmul,
    channel_matmul,
    fft_tile,
    fft_tiles,
    plan,
    taps,
    taps_flat,
)
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
from core.image_ops.receptive_field import padded_plane

__all__ = ["METHODS", "PAD_MODES", "conv2d", "depth_pool", "output_size", "pool2d", "stack_kernels"]

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
    ``finite=True`` says the caller knows every pixel is finite (skips one pass to check it).
    No activation is applied: use ``core.activations.apply_activation`` on the result.
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
    shape = (r1 - r0, wo) if single else (r1 - r0, wo, n_k)
    if out is None:
        store = np.empty((n_k, r1 - r0, wo), out_dtype)
        result = store[0] if single else store.transpose(1, 2, 0)
    elif out.shape != shape or out.dtype != out_dtype or not out.flags.writeable:
        raise ValueError(f"out must be a writeable {np.dtype(out_dtype).name} array of shape {shape}, "
                         f"got {out.dtype} {out.shape}")
    else:
        result = out
    targets = [result] if single else [result[:, :, n] for n in range(n_k)]
    scratch = None if out_dtype == work else [np.empty((r1 - r0, wo), work) for _ in range(n_k)]

    lo_all, hi_all = max(0, r0 * sy - py), min(h, (r1 - 1) * sy - py + kh)  # the input rows read
    # One sum tells whether every pixel read is finite (an overflow to ∞ only costs the slow path).
    if not finite:
        with np.errstate(over="ignore", invalid="ignore"):
            finite = hi_all <= lo_all or bool(np.isfinite(np.add.reduce(x[lo_all:hi_all], axis=None)))
    fill = pad_value if pad_mode == "constant" else 0.0
    eps = 4 * float(np.finfo(work).eps)
    # Per kernel: which padded plane it reads (a mix of the channels, one channel, or all of them).
    jobs: list[tuple[int, tuple, np.ndarray]] = []
    for n in range(n_k):
        kc = k4[n].astype(work, copy=False)
        split = (kc[:, :, 0], np.ones(c)) if shared else _split_channels(kc, eps)
        if split is not None and finite:
            jobs.append((n, ("mix", tuple(float(v) for v in split[1])), split[0]))
        elif not finite or (sy, sx) != (1, 1):  # one plane per channel, summed tap by tap
            jobs += [(n, ("ch", ch), kc[:, :, 0 if shared else ch]) for ch in range(c)]
        else:
            jobs.append((n, ("all",), kc))
    share = {key: sum(1 for _, k, _ in jobs if k == key) for _, key, _ in jobs}
    plans = {i: plan(k2, work, (sy, sx), method, finite, share[key], key[0] == "mix")
             for i, (_, key, k2) in enumerate(jobs) if key[0] != "all"}
    _guard_fft(plans, jobs, x[lo_all:hi_all], fill, (kh, kw), method, lambda i: plan(
        jobs[i][2], work, (sy, sx), "auto", finite, share[jobs[i][1]], False))
    groups: dict[tuple, list[int]] = {}  # (plane, method) → the jobs done together
    for i, (n, key, _) in enumerate(jobs):
        how = "all" if key[0] == "all" else plans[i][0] if plans[i][0] in ("matmul", "fft") else "taps"
        groups.setdefault((key, how) if how != "taps" else (n, how), []).append(i)

    row_bytes = (w + 2 * px) * work.itemsize * max(1, c)
    tall = max((fft_tile(kh, kw, 1 << 30, 1 << 30)[0] for p in plans.values() if p[0] == "fft"), default=0)
    span = max(_CHUNK // row_bytes, tall, kh + 16 * sy)  # padded rows per chunk (an FFT tile's height)
    step = max(1, (span - kh) // sy + 1)
    step = -(-(r1 - r0) // -(-(r1 - r0) // step))  # chunks of equal height
    bands = [t if scratch is None else scratch[n] for n, t in enumerate(targets)]
    biases = [work.type(v) for v in b]
    with np.errstate(invalid="ignore") if not finite else contextlib.nullcontext():  # IEEE: ∞ − ∞ = NaN
        for a in range(r0, r1, step):  # a chunk of output rows at a time: bounded working memory
            z = min(r1, a + step)
            rows_read = (a * sy - py, (z - 1) * sy - py + kh)  # the input rows these outputs read
            _chunk(x, rows_read, groups, jobs, plans, [t[a - r0 : z - r0] for t in bands], biases,
                   (sy, sx), px, kh, pad_mode, fill, finite)
    if scratch is not None:
        for t, s in zip(targets, scratch, strict=True):
            t[...] = s
    return result


def _guard_fft(plans: dict, jobs: list, x: np.ndarray, fill: float, k: tuple[int, int], method: str,
               replan) -> None:
    """Replace FFT plans whose tile sums could overflow (a spectrum adds T² pixels × weights)."""
    ffts = [i for i, p in plans.items() if p[0] == "fft"]
    if not ffts:
        return
    big = float(np.finfo(x.dtype).max)
    x_max = max(abs(float(x.max())), abs(float(x.min()))) if x.size else 0.0
    ty, tx = fft_tile(*k, 1 << 30, 1 << 30)
    for i in ffts:
        mix = float(np.sum(np.abs(jobs[i][1][1])))
        bound = ty * tx * max(x_max, abs(fill)) * mix * float(np.abs(jobs[i][2].astype(np.float64)).sum())
        if bound > big / 16:
            if method == "fft":
                raise ValueError(N_("conv2d", "method='fft' would overflow for these pixel values and "
                                              "weights"))
            plans[i] = replan(i)


def _chunk(x, rows_read, groups, jobs, plans, bands, biases, stride, px, kh, pad_mode, fill,
           finite: bool) -> None:
    """One chunk of output rows: build the padded planes it reads, then run each group's method.

    At stride 1 with "same" width (kw = 2·px + 1), the direct, separable and matmul ways read
    planes WITHOUT left and right padding and write straight into the output (``same_px``): the
    interior never reads padding, and the px border columns each side are then recomputed from
    narrow padded strips (any padding mode). This saves building a padded copy and copying out.
    """
    planes: dict[tuple, np.ndarray] = {}

    def plane(key: tuple, pad: int = px, source: np.ndarray = x, tag: str = "") -> np.ndarray:
        if (key, pad, tag) not in planes:
            planes[(key, pad, tag)] = padded_plane(source, key, *rows_read, pad, pad_mode, fill)
        return planes[(key, pad, tag)]

    w = x.shape[1]
    kw = next(iter(jobs))[2].shape[1]
    for (key, how), members in groups.items():
        ks, outs = [jobs[i][2] for i in members], [bands[jobs[i][0]] for i in members]
        bs = [biases[jobs[i][0]] for i in members]
        same = (px if stride == (1, 1) and kw == 2 * px + 1 and w > 2 * kw and how in ("matmul", "taps")
                and all(o.flags.c_contiguous for o in outs) else 0)
        if how == "all":
            channel_matmul(plane(key), np.stack(ks), outs, bs)
        elif how == "matmul":
            banded_matmul(plane(key, px - same), ks, outs, bs, same)
        elif how == "fft":
            fft_tiles(plane(key), ks, outs, stride, bs)
        else:  # key is the kernel's index here: its terms, one per plane it reads
            terms = [(plane(jobs[i][1], px - same), plans[i]) for i in members]
            if stride == (1, 1):
                taps_flat(terms, outs[0], kh, bs[0], same)
            else:
                taps(terms, outs[0], stride, kh, bs[0])
        if same:
            _borders(x, plane, [(jobs[i][1], jobs[i][2]) for i in members], outs if how == "matmul" else
                     outs[:1], bs, px, kh, how == "taps", finite)


def _borders(x, plane, terms, outs, biases, px: int, kh: int, summed: bool, finite: bool) -> None:
    """Recompute the px output columns at each side exactly, from narrow padded strips of x.

    ``terms`` are (plane key, 2-D kernel); ``summed``: all terms add into ``outs[0]`` (one kernel
    over several planes), else term q fills ``outs[q]``.
    """
    w = x.shape[1]
    strips = (("left", x[:, : 2 * px], slice(0, px), slice(0, px)),
              ("right", x[:, w - 2 * px :], slice(px, 2 * px), slice(w - px, w)))
    for tag, source, take, put in strips:
        for q, out in enumerate(outs):
            mine = terms if summed else [terms[q]]
            parts = [(plane(key, px, source, tag), plan(k2, x.dtype, (1, 1), "direct", finite))
                     for key, k2 in mine]
            strip_out = np.empty((out.shape[0], 2 * px), x.dtype)
            taps(parts, strip_out, (1, 1), kh, biases[0 if summed else q])
            out[:, put] = strip_out[:, take]
