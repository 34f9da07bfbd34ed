"""Load images into NumPy with Qt's QImageReader, and save feature maps as PNG / .npy.

Why Qt and not Pillow: the app already ships Qt, whose readers cover PNG, JPEG,
BMP, GIF (first frame), TIFF and WebP. QImageReader does NOT need a
QGuiApplication (checked: reading works in a bare Python process), so the
headless ``filter`` command uses this module too.

Decisions a learner (or a teacher) may want to know about:

* **Output.** ``float32`` in [0, 1]: shape (H, W) for greyscale images, (H, W, 3)
  for colour. A colour file whose R, G and B are equal everywhere is returned as
  greyscale, because a kernel would otherwise be applied to three identical copies.
* **Precision.** 16-bit files are read through ``Format_Grayscale16`` /
  ``Format_RGBA64`` so their 65 536 levels survive; 8-bit files through 8-bit formats.
* **Alpha.** Transparent pixels are *composited on white* (what an image viewer on a
  light page shows). Dropping alpha instead would expose whatever colour the
  transparent pixels happen to store, often black, which invents edges.
* **Palette, CMYK.** Converted to RGB (or greyscale if the palette is grey).
* **Size limit.** ``MAX_PIXELS`` = 64 megapixels (8192 × 8192) is a hard limit,
  checked from the header (``reader.size()``) *before* any pixel is decoded, so a
  "decompression bomb" (a < 1 MB PNG that decodes to 30000 × 30000) is refused
  without spending memory. Qt's own allocation limit is also set to match, as a
  second guard for formats whose header does not tell the size.
* **Large images.** Above ``LARGE_SIDE`` = 4096 px on a side the GUI offers to
  downscale (``max_side``). ``reader.setScaledSize`` is used: JPEG decodes straight
  at the smaller size; PNG has no scaled decoding in Qt, so it is decoded in full
  (within the hard limit) and then smoothly scaled.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QImage, QImageReader

from gui.image_lab.limits import BYTES_PER_PIXEL_WORST, LARGE_SIDE, MAX_PIXELS

_F = QImage.Format
_DEEP_FORMATS = {
    _F.Format_RGBX64,
    _F.Format_RGBA64,
    _F.Format_RGBA64_Premultiplied,
    _F.Format_RGBX16FPx4,
    _F.Format_RGBA16FPx4,
    _F.Format_RGBA16FPx4_Premultiplied,
    _F.Format_RGBX32FPx4,
    _F.Format_RGBA32FPx4,
    _F.Format_RGBA32FPx4_Premultiplied,
}


class ImageLoadError(Exception):
    """An image could not be loaded; the message names the file and says why, for a learner."""


@dataclass(frozen=True)
class LoadedImage:
    """An image ready for the conv layer, plus what the loader did to it."""

    array: np.ndarray  # float32 in [0, 1]; (H, W) greyscale or (H, W, 3) RGB
    path: Path  # the file it came from
    original_size: tuple[int, int]  # (height, width) in the file, before any downscaling
    had_alpha: bool  # the file had an alpha channel (composited on white)
    note: str  # one or two sentences for the UI about conversions, "" if none

    @property
    def name(self) -> str:
        """The file name, for labels."""
        return self.path.name

    @property
    def is_colour(self) -> bool:
        """True for (H, W, 3) arrays."""
        return self.array.ndim == 3


def image_size(path: str | os.PathLike) -> tuple[int, int]:
    """Return (height, width) from the file's header without decoding pixels.

    Used by the GUI to ask "downscale?" before loading a very large image.
    """
    path = _check_file(Path(path))
    reader = _reader(path)
    size = reader.size()
    if not size.isValid():
        raise ImageLoadError(f"{path.name}: the image header does not give its size "
                             "(the file may be damaged).")
    return size.height(), size.width()


def load_image(
    path: str | os.PathLike,
    max_pixels: int = MAX_PIXELS,
    max_side: int | None = None,
) -> LoadedImage:
    """Read an image file into a float32 array in [0, 1] (see the module docstring).

    ``max_pixels`` refuses images larger than that (from the header, before decoding);
    ``max_side`` downscales so neither side exceeds it, keeping the aspect ratio.
    Raises ImageLoadError naming the file and the reason.
    """
    path = _check_file(Path(path))
    reader = _reader(path)
    notes: list[str] = []

    size = reader.size()  # header only: no pixels decoded yet
    if size.isValid():
        h, w = size.height(), size.width()
        if h * w > max_pixels:
            raise ImageLoadError(
                f"{path.name}: the image is {w}×{h} = {h * w / 1e6:.0f} megapixels, more than "
                f"the limit of {max_pixels / 1e6:.0f} megapixels; it was not opened "
                "(decoding it could exhaust memory). Scale it down in an image editor first."
            )
        if max_side is not None and max(h, w) > max_side:
            scale = max_side / max(h, w)
            new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
            reader.setScaledSize(QSize(new_w, new_h))
            notes.append(f"downscaled from {w}×{h} to {new_w}×{new_h}.")
        original_size = (h, w)
    else:
        original_size = (0, 0)  # filled in below from the decoded image

    limit_mb = max(1, math.ceil(max_pixels * BYTES_PER_PIXEL_WORST / 2**20))
    previous_limit = QImageReader.allocationLimit()
    QImageReader.setAllocationLimit(limit_mb)
    try:
        with _capture_qt_image_warnings() as warnings:
            image = reader.read()
    finally:
        QImageReader.setAllocationLimit(previous_limit)

    if image.isNull():
        raise ImageLoadError(f"{path.name}: {_explain_read_error(reader, path, size.isValid())}")
    if original_size == (0, 0):
        original_size = (image.height(), image.width())
    if warnings:
        notes.append("the file looks damaged or cut short, so part of the image may be "
                      f"missing (Qt said: {warnings[0]}).")

    array, conversion_notes, had_alpha = qimage_to_array(image)
    notes = conversion_notes + notes
    return LoadedImage(array, path, original_size, had_alpha, " ".join(_capitalise(notes)))


def qimage_to_array(image: QImage) -> tuple[np.ndarray, list[str], bool]:
    """Convert a QImage to float32 in [0, 1]: (H, W) if grey, else (H, W, 3).

    Returns (array, notes, had_alpha); notes say what was converted, for the UI.
    """
    notes: list[str] = []
    fmt = image.format()
    if fmt == _F.Format_CMYK8888:
        image = image.convertToFormat(_F.Format_RGB32)
        notes.append("CMYK colours converted to RGB.")
    elif fmt in (_F.Format_Indexed8, _F.Format_Mono, _F.Format_MonoLSB):
        notes.append(f"palette image ({image.colorCount()} colours) converted to "
                     f"{'greyscale' if image.isGrayscale() else 'RGB'}.")

    if fmt == _F.Format_Grayscale16:
        return _bits(image, np.uint16, 1)[..., 0] / np.float32(65535), notes + [
            "16-bit greyscale: kept at 16-bit precision."], False
    if fmt == _F.Format_Grayscale8 or (not image.hasAlphaChannel() and image.isGrayscale()
                                       and fmt not in _DEEP_FORMATS):
        grey = image.convertToFormat(_F.Format_Grayscale8)
        return _bits(grey, np.uint8, 1)[..., 0] / np.float32(255), notes, False

    had_alpha = image.hasAlphaChannel()
    if fmt in _DEEP_FORMATS:
        rgba = _bits(image.convertToFormat(_F.Format_RGBA64), np.uint16, 4) / np.float32(65535)
        notes.append("16-bit colour: kept at 16-bit precision.")
    else:
        rgba = _bits(image.convertToFormat(_F.Format_RGBA8888), np.uint8, 4) / np.float32(255)

    rgb = rgba[..., :3]
    if had_alpha:
        alpha = rgba[..., 3:]
        see_through = float(np.mean(alpha < 1.0))
        if see_through > 0:
            rgb = rgb * alpha + (1.0 - alpha)  # composite on white
            notes.append(f"alpha channel dropped: composited on white "
                         f"({see_through:.0%} of pixels were see-through).")
        else:
            notes.append("alpha channel dropped (every pixel was opaque).")
    rgb = np.ascontiguousarray(rgb, dtype=np.float32)
    if np.array_equal(rgb[..., 0], rgb[..., 1]) and np.array_equal(rgb[..., 1], rgb[..., 2]):
        if fmt not in (_F.Format_Indexed8, _F.Format_Mono, _F.Format_MonoLSB):
            notes.append("colour file with R = G = B everywhere: treated as greyscale.")
        return np.ascontiguousarray(rgb[..., 0]), notes, had_alpha
    return rgb, notes, had_alpha


def save_png(array: np.ndarray, path: str | os.PathLike, *, normalise: bool = True) -> None:
    """Write a map (H, W) or an RGB image (H, W, 3) as an 8-bit PNG, atomically.

    Normalisation (why: a feature map has any range, a PNG 0–255): with
    ``normalise=True`` the map's minimum becomes 0 and its maximum 255 (a constant
    map becomes mid-grey 128). With ``normalise=False`` values are taken to be in
    [0, 1] and clipped (use it for the input image). The .npy export keeps exact values.
    """
    a = np.asarray(array, dtype=np.float64)
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[..., 0]
    if not (a.ndim == 2 or (a.ndim == 3 and a.shape[2] == 3)):
        raise ValueError(f"save_png needs (H, W) or (H, W, 3), got shape {a.shape}")
    if normalise:
        finite = a[np.isfinite(a)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
        a = (a - lo) / (hi - lo) if hi > lo else np.full_like(a, 128 / 255)
    u8 = np.ascontiguousarray(np.round(np.clip(np.nan_to_num(a), 0, 1) * 255).astype(np.uint8))
    h, w = u8.shape[:2]
    if u8.ndim == 2:
        image = QImage(u8.data, w, h, w, _F.Format_Grayscale8)
    else:
        image = QImage(u8.data, w, h, 3 * w, _F.Format_RGB888)
    image = image.copy()  # own the pixels before u8 goes away

    def write(tmp: Path) -> None:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"could not write PNG data to {Path(path).name}")

    _atomic_write(Path(path), write)


def save_npy(array: np.ndarray, path: str | os.PathLike) -> None:
    """Write the exact values as a NumPy .npy file, atomically (no half-written file)."""
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            np.save(fh, np.asarray(array))

    _atomic_write(Path(path), write)


def tile_maps(maps: np.ndarray, gap: int = 2) -> np.ndarray:
    """Lay a stack (H, W, n) side by side as one (H, n·W + (n−1)·gap) map for a PNG export.

    The gap is filled with the stack's minimum so it reads as background after normalising.
    """
    maps = np.asarray(maps)
    if maps.ndim == 2:
        return maps
    h, w, n = maps.shape
    out = np.full((h, n * w + (n - 1) * gap), np.nanmin(maps) if maps.size else 0, maps.dtype)
    for i in range(n):
        out[:, i * (w + gap): i * (w + gap) + w] = maps[..., i]
    return out


# ----------------------------------------------------------------------------- helpers


def _check_file(path: Path) -> Path:
    """Refuse missing, directory and empty paths with a learner-readable reason."""
    path = path.expanduser()
    if not path.name:
        path = path.resolve()
    if not path.exists():
        raise ImageLoadError(f"{path.name or path}: no such file ({path}).")
    if path.is_dir():
        raise ImageLoadError(f"{path.name}: this is a folder, not an image file.")
    if path.stat().st_size == 0:
        raise ImageLoadError(f"{path.name}: the file is empty (0 bytes).")
    if not os.access(path, os.R_OK):
        raise ImageLoadError(f"{path.name}: permission denied: the file cannot be read.")
    return path


def _reader(path: Path) -> QImageReader:
    """A reader that trusts the file's content over its suffix and applies EXIF rotation."""
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    if not reader.canRead():
        raise ImageLoadError(
            f"{path.name}: not an image Qt can read (supported: "
            f"{', '.join(supported_suffixes())}); the file may be another kind of file "
            "with an image name, or damaged."
        )
    return reader


def supported_suffixes() -> list[str]:
    """File suffixes the installed Qt image plugins can read, e.g. ['bmp', 'gif', ...]."""
    return sorted({bytes(f).decode() for f in QImageReader.supportedImageFormats()})


def _explain_read_error(reader: QImageReader, path: Path, size_known: bool) -> str:
    """Turn QImageReader's terse error into a sentence for a learner."""
    err = reader.error()
    E = QImageReader.ImageReaderError
    if err == E.FileNotFoundError:
        return f"no such file ({path})."
    if err == E.UnsupportedFormatError:
        return "not an image format Qt can read."
    if err == E.DeviceError:
        return "the file could not be read from disk (device error)."
    if err == E.InvalidDataError:
        if size_known:  # the header was fine and within the limit: the pixel data is bad
            return "the image data is damaged or cut short (truncated file)."
        return ("the image data is damaged or cut short (truncated file), or the image is too "
                "large to decode within the memory limit.")
    return f"the image could not be decoded ({reader.errorString()})."


@contextmanager
def _capture_qt_image_warnings() -> Iterator[list[str]]:
    """Collect Qt's image-plugin warnings (e.g. "Corrupt JPEG data") during a read.

    Other messages are passed on to the previous handler (or printed as Qt would).
    """
    caught: list[str] = []

    def handler(mode: QtMsgType, context, message: str) -> None:
        category = getattr(context, "category", "") or ""
        if "imageio" in category or "JPEG" in message or "PNG" in message:
            caught.append(message.strip())
        elif previous is not None:
            previous(mode, context, message)
        else:
            import sys
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield caught
    finally:
        qInstallMessageHandler(previous)


def _bits(image: QImage, dtype: type, channels: int) -> np.ndarray:
    """Copy a QImage's pixels into a (H, W, channels) array, skipping row padding."""
    h, w = image.height(), image.width()
    itemsize = np.dtype(dtype).itemsize
    row_items = image.bytesPerLine() // itemsize
    buf = np.frombuffer(image.constBits(), dtype=dtype, count=row_items * h)
    return buf.reshape(h, row_items)[:, : w * channels].reshape(h, w, channels).copy()


def _atomic_write(path: Path, write) -> None:
    """Write via a temporary file in the same folder, then rename over the target."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix or ".tmp",
                                        dir=path.parent)
    except OSError as exc:  # name the file the user asked for, not the temporary one
        raise OSError(exc.errno, f"cannot write there ({exc.strerror})", str(path)) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _capitalise(notes: list[str]) -> list[str]:
    return [n[:1].upper() + n[1:] for n in notes]


__all__ = [
    "BYTES_PER_PIXEL_WORST",
    "ImageLoadError",
    "LARGE_SIDE",
    "LoadedImage",
    "MAX_PIXELS",
    "image_size",
    "load_image",
    "qimage_to_array",
    "save_npy",
    "save_png",
    "supported_suffixes",
    "tile_maps",
]
