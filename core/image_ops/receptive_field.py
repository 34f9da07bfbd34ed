"""Which input pixels one output pixel sees: receptive fields through layers, and the conv window.

For the image lab's hover (and the image CNN's): the rectangle behind a pixel of a conv → pool
pipeline, and the padded window and weighted sum behind one ``conv2d`` output pixel.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from core.image_ops.conv2d import check_geometry, check_pad_mode
from core.image_ops.pooling import as_float_array, as_pair


def compose_receptive_field(out_y: int, out_x: int, layers: Sequence) -> tuple[int, int, int, int]:
    """Input-image rectangle seen by pixel (out_y, out_x) of the last of several layers.

    ``layers`` lists the windowed layers from the input onwards, each as
    ``(size, stride, padding)`` with every entry an int or a (y, x) pair. For the image
    lab's conv → pool pipeline, the receptive field of pooled pixel (r, c) is::

        compose_receptive_field(r, c, [((kh, kw), conv_stride, conv_padding),
                                       (pool_size, pool_stride, 0)])

    (depth pooling and activations are 1×1 and add nothing). Returns ``(y0, x0, y1, x1)``,
    half-open like slices: input rows y0 … y1−1 and columns x0 … x1−1, so a rectangle at
    (x0, y0) of width x1 − x0 and height y1 − y0 outlines it in pixel-edge coordinates.
    Coordinates may fall outside 0 … H, W where the window covers padding; clip to draw.

    Working backwards, output rows [a, b) of a layer read its input rows
    [a·s − p, (b − 1)·s − p + k).
    """
    y0, y1, x0, x1 = out_y, out_y + 1, out_x, out_x + 1
    for layer in reversed(list(layers)):
        if len(layer) != 3:
            raise ValueError(f"layers entries must be (size, stride, padding), got {layer!r}")
        (ky, kx), (sy, sx), (py, px) = (
            as_pair(layer[0], "size", 1),
            as_pair(layer[1], "stride", 1),
            as_pair(layer[2], "padding", 0),
        )
        y0, y1 = y0 * sy - py, (y1 - 1) * sy - py + ky
        x0, x1 = x0 * sx - px, (x1 - 1) * sx - px + kx
    return y0, x0, y1, x1


def receptive_field(
    out_y: int, out_x: int, kh: int, kw: int, stride=1, padding=0
) -> tuple[int, int, int, int]:
    """Input rectangle ``(y0, x0, y1, x1)`` (half-open) read by conv output pixel (out_y, out_x).

    y0 = out_y·s_y − p_y and y1 = y0 + kh (likewise x); it extends outside the image
    where the window covers padding. Same as ``compose_receptive_field`` with one layer.
    """
    return compose_receptive_field(out_y, out_x, [((kh, kw), stride, padding)])


def _padded_index(idx: np.ndarray, n: int, pad_mode: str) -> tuple[np.ndarray, np.ndarray]:
    """Map padded-image coordinates (shifted so 0 is the first real pixel) to the source.

    Returns (source index, mask of positions filled with the constant instead).
    """
    outside = (idx < 0) | (idx >= n)
    if pad_mode == "nearest":
        return np.clip(idx, 0, n - 1), np.zeros_like(outside)
    if pad_mode == "reflect":
        idx = np.where(idx < 0, -idx, idx)
        return np.where(idx >= n, 2 * (n - 1) - idx, idx), np.zeros_like(outside)
    return np.clip(idx, 0, n - 1), outside


def conv_window(
    image,
    kernel,
    out_y: int,
    out_x: int,
    stride=1,
    padding=0,
    pad_mode: str = "zeros",
    pad_value: float = 0.0,
) -> tuple[np.ndarray, float]:
    """The padded input window behind one conv2d output pixel, and its weighted sum.

    For a tooltip: ``window`` is (kh, kw) for a greyscale image or (kh, kw, C) for C
    channels, padding included; ``products_sum`` = Σ window · kernel (summed over
    channels too), i.e. ``conv2d(image, kernel, bias, …)[out_y, out_x] − bias``.
    ``kernel`` is one kernel, (kh, kw) or (kh, kw, C), with the shape rules of conv2d.
    """
    img, _ = as_float_array(image, "image")
    if img.ndim not in (2, 3) or 0 in img.shape:
        raise ValueError(f"image must be a non-empty (H, W) or (H, W, C), got shape {img.shape}")
    k = np.asarray(kernel, dtype=np.float64)
    if k.ndim not in (2, 3) or (k.ndim == 3 and (img.ndim == 2 or k.shape[2] != img.shape[2])):
        raise ValueError(
            f"kernel must be one (kh, kw) kernel, or (kh, kw, C) matching the image's channels; "
            f"got shape {k.shape} for an image of shape {img.shape}"
        )
    if not np.all(np.isfinite(k)):
        raise ValueError("kernel must hold finite numbers (found NaN or infinity)")
    sy, sx = as_pair(stride, "stride", 1)
    py, px = as_pair(padding, "padding", 0)
    check_pad_mode(pad_mode, pad_value)
    h, w = img.shape[:2]
    kh, kw = k.shape[:2]
    span_y, span_x = check_geometry(h, w, kh, kw, py, px, pad_mode, name="kernel")
    for name, v, n_out in (("out_y", out_y, span_y // sy + 1), ("out_x", out_x, span_x // sx + 1)):
        if not 0 <= v < n_out:
            raise ValueError(f"{name} must be in 0 … {n_out - 1}, got {v}")
    rows, rmask = _padded_index(np.arange(kh) + out_y * sy - py, h, pad_mode)
    cols, cmask = _padded_index(np.arange(kw) + out_x * sx - px, w, pad_mode)
    window = img[np.ix_(rows, cols)].copy()
    outside = rmask[:, None] | cmask[None, :]
    window[outside] = pad_value if pad_mode == "constant" else 0.0
    weights = k if (k.ndim == 3 or img.ndim == 2) else k[:, :, None]
    return window, float(np.sum(window.astype(np.float64) * weights))
