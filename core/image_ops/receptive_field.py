"""Which input pixels output pixels see: receptive fields through layers, windows, padded rows.

For the image lab's hover (and the image CNN's): the rectangle behind a pixel of a conv → pool
pipeline, and the padded window and weighted sum behind one ``conv2d`` output pixel. For
``conv2d`` itself: ``padded_plane``, the padded input rows a band of output rows reads.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from core.image_ops.pooling import (
    PAD_MODES,
    as_float_array,
    as_pair,
    check_geometry,
    check_pad_mode,
    padded_index,
)


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
    rows, rmask = padded_index(np.arange(kh) + out_y * sy - py, h, pad_mode)
    cols, cmask = padded_index(np.arange(kw) + out_x * sx - px, w, pad_mode)
    window = img[np.ix_(rows, cols)].copy()
    outside = rmask[:, None] | cmask[None, :]
    window[outside] = pad_value if pad_mode == "constant" else 0.0
    weights = k if (k.ndim == 3 or img.ndim == 2) else k[:, :, None]
    return window, float(np.sum(window.astype(np.float64) * weights))


# ----------------------------------------------------------------------------- padding


def _pad_columns(buf: np.ndarray, px: int, w: int, pad_mode: str, fill: float) -> None:
    """Fill the px columns left and right of buf[:, px:px+w] as np.pad(mode) would."""
    if px == 0:
        return
    left, right = buf[:, :px], buf[:, px + w :]
    if PAD_MODES[pad_mode] == "constant":
        left.fill(fill)
        right.fill(fill)
    elif pad_mode == "nearest":
        left[...] = buf[:, px : px + 1]
        right[...] = buf[:, px + w - 1 : px + w]
    else:  # reflect, without repeating the edge (px < w is checked)
        left[...] = buf[:, 2 * px : px : -1]
        right[...] = buf[:, px + w - 2 : w - 2 if w - 2 >= 0 else None : -1]


def _put_rows(dst: np.ndarray, src: np.ndarray, key: tuple, tmp: np.ndarray | None) -> None:
    """dst (rows, W[, C]) = one channel, a weighted mix or all the channels of src (rows, W, C).

    The mix is summed on 1-D strided views of the pixels (one pass per channel, measured 3×
    faster than BLAS on an (N, 3) matrix or 2-D views), then copied into the padded plane.
    """
    if key[0] == "all":
        np.copyto(dst, src)
        return
    if key[0] == "ch":
        np.copyto(dst, src[:, :, key[1]])
        return
    live = [(ch, dst.dtype.type(a)) for ch, a in enumerate(key[1]) if a != 0]
    if not src.flags.c_contiguous or tmp is None:
        dst.fill(0)
        for ch, a in live:
            dst += a * src[:, :, ch]
        return
    pixels, acc = src.reshape(-1, src.shape[2]), tmp[: dst.size]
    if not live:
        acc.fill(0)
    for n, (ch, a) in enumerate(live):
        v = pixels[:, ch]
        if n == 0:
            np.copyto(acc, v) if a == 1 else np.multiply(v, a, out=acc)
        elif a == 1:
            acc += v
        else:
            acc += a * v
    np.copyto(dst, acc.reshape(dst.shape))


def padded_plane(x: np.ndarray, key: tuple, y_lo: int, y_hi: int, px: int, pad_mode: str,
                 fill: float) -> np.ndarray:
    """The padded input rows y_lo … y_hi − 1 (image coordinates, so rows outside the image are
    padding) of one plane of x (H, W, C), px columns of padding each side, contiguous.

    ``key`` names the plane: one channel ("ch", c), a weighted mix of the channels ("mix", weights:
    what a kernel spanning C channels with one 2-D shape reads) or all of them ("all",). A band of
    conv2d's output rows reads exactly these rows; only the padding rows are gathered by index.
    """
    h, w, c = x.shape
    if key[0] == "mix" and c == 1 and key[1][0] == 1:
        key = ("ch", 0)
    if px == 0 and y_lo >= 0 and y_hi <= h and key == ("ch", 0) and c == 1 and x.flags.c_contiguous:
        return x[y_lo:y_hi, :, 0]  # the image's own rows, already contiguous: no copy
    weight = float(np.sum(key[1])) if key[0] == "mix" else 1.0
    buf = np.empty((y_hi - y_lo, w + 2 * px) + ((c,) if key[0] == "all" else ()), x.dtype)
    a, b = max(0, y_lo), min(h, y_hi)
    tmp = np.empty(max(0, b - a) * w, x.dtype) if key[0] == "mix" else None
    if b > a:
        _put_rows(buf[a - y_lo : b - y_lo, px : px + w], x[a:b], key, tmp)
    constant = PAD_MODES[pad_mode] == "constant"
    if constant and (y_lo < 0 or y_hi > h):  # rows outside the image (the first and last chunks have any)
        buf[: max(0, min(a, y_hi) - y_lo)] = fill * weight
        buf[max(0, max(b, y_lo) - y_lo) :] = fill * weight
    pads = (np.r_[np.arange(y_lo, min(0, y_hi)), np.arange(max(h, y_lo), y_hi)]
            if not constant and (y_lo < 0 or y_hi > h) else ())
    if len(pads):
        idx, outside = padded_index(pads, h, pad_mode)
        if outside.any():
            buf[pads[outside] - y_lo] = fill * weight
        keep = ~outside
        if keep.any():
            small = np.empty(int(keep.sum()) * w, x.dtype) if key[0] == "mix" else None
            rows = np.empty((int(keep.sum()),) + buf.shape[1:], x.dtype)
            _put_rows(rows[:, px : px + w], x[idx[keep]], key, small)
            buf[pads[keep] - y_lo] = rows
    for ch in range(c if key[0] == "all" else 1):
        _pad_columns(buf[:, :, ch] if key[0] == "all" else buf, px, w, pad_mode, fill * weight)
    return buf


