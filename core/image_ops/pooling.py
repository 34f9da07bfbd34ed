"""Pooling for the image lab: summarise each window of a feature map by its max or average.

Chapter, section 2: a 2×2 window with stride 2 halves each axis (a quarter of the values
remain) and brings local translation invariance; *depth pooling* (1×1 across channels)
combines the feature maps of several kernels into one.

NumPy only. The shared parameter checks used by :mod:`core.image_ops.conv2d` live here too, so the
two modules agree on what "stride must be ≥ 1" means and this module needs no import back.
"""

from __future__ import annotations

import operator

import numpy as np

POOL_OPS = ("max", "avg")  # what a window is summarised by


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


def _check_op(op: str) -> str:
    if op not in POOL_OPS:
        raise ValueError(f"op must be one of {', '.join(POOL_OPS)}; got {op!r}")
    return op


def pool2d(x, size, stride=None, op: str = "max") -> np.ndarray:
    """Pool each channel of ``x`` ((H, W) or (H, W, C)) with a ``size`` window every ``stride``.

    Only windows lying fully inside the map are used, so the output is
    ⌊(H − size_y)/stride_y⌋ + 1 by ⌊(W − size_x)/stride_x⌋ + 1 (channels kept). ``stride``
    defaults to ``size`` (non-overlapping windows, the chapter's 2×2/2 example).
    ``op`` is "max" or "avg". The float dtype is kept; int/bool inputs become float32.

    Max and sum are separable over a rectangle, so each is done as a pass along x then
    a pass along y over strided views: size_x + size_y array operations in total.
    """
    _check_op(op)
    a, out_dtype = as_float_array(x, "x")
    if a.ndim not in (2, 3):
        raise ValueError(f"x must be (H, W) or (H, W, C), got shape {a.shape}")
    ky, kx = as_pair(size, "size", 1)
    sy, sx = (ky, kx) if stride is None else as_pair(stride, "stride", 1)
    h, w = a.shape[:2]
    if ky > h or kx > w:
        raise ValueError(f"size {ky}×{kx} is larger than the input {h}×{w}")
    ho, wo = (h - ky) // sy + 1, (w - kx) // sx + 1
    combine = np.maximum if op == "max" else np.add

    # Along x: combine kx strided column views into an (H, W', …) array.
    cols = a[:, 0 : (wo - 1) * sx + 1 : sx].copy()
    for dx in range(1, kx):
        combine(cols, a[:, dx : dx + (wo - 1) * sx + 1 : sx], out=cols)
    # Along y: combine ky strided row views of that into (H', W', …).
    out = cols[0 : (ho - 1) * sy + 1 : sy].copy()
    for dy in range(1, ky):
        combine(out, cols[dy : dy + (ho - 1) * sy + 1 : sy], out=out)
    if op == "avg":
        out *= out.dtype.type(1.0 / (ky * kx))
    return out.astype(out_dtype, copy=False)


def depth_pool(x, op: str = "max") -> np.ndarray:
    """Depth (1×1) pooling: combine the C feature maps of ``x`` (H, W, C) into one (H, W).

    The chapter uses it to merge the maps of several kernels; "max" keeps, at each pixel,
    the strongest response, "avg" their mean. The float dtype is kept.
    """
    _check_op(op)
    a, out_dtype = as_float_array(x, "x")
    if a.ndim != 3:
        raise ValueError(f"x must be (H, W, C) for depth pooling, got shape {a.shape}")
    c = a.shape[2]
    if c == 0:
        raise ValueError("x must have at least one channel, got 0")
    combine = np.maximum if op == "max" else np.add
    out = a[:, :, 0].copy()
    for ch in range(1, c):
        combine(out, a[:, :, ch], out=out)
    if op == "avg":
        out *= out.dtype.type(1.0 / c)
    return out.astype(out_dtype, copy=False)
