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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QImage, QImageReader

from gui.image_lab.image_warnings import capture_qt_image_warnings, is_profile_message
from gui.image_lab.limits import BYTES_PER_PIXEL_WORST, LARGE_SIDE, MAX_PIXELS
from gui.image_lab.saving import save_maps_png, save_npy, save_png, tile_maps  # noqa: F401 (re-exported)

translate = QCoreApplication.translate

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


def image_header(path: str | os.PathLike) -> tuple[int, int, int]:
    """(height, width, channels) from the file's header, without decoding pixels.

    ``channels`` is 1 for a greyscale file format, else 3 (what the lab will hold after loading,
    at worst). Used by the GUI to refuse, or offer a downscale, before loading a large image.
    """
    path = _check_file(Path(path))
    with capture_qt_image_warnings():  # Qt's plugins complain on stderr even while probing
        reader = _reader(path)
        size = reader.size()
        fmt = reader.imageFormat()
    if not size.isValid():
        raise ImageLoadError(translate("ImageIO", "{0}: the image header does not give its size "
                                                  "(the file may be damaged).").format(
            path.name))
    grey = fmt in (_F.Format_Grayscale8, _F.Format_Grayscale16, _F.Format_Mono, _F.Format_MonoLSB)
    return size.height(), size.width(), 1 if grey else 3


def image_size(path: str | os.PathLike) -> tuple[int, int]:
    """Return (height, width) from the file's header without decoding pixels."""
    return image_header(path)[:2]


def load_image(
    path: str | os.PathLike,
    max_pixels: int = MAX_PIXELS,
    max_side: int | None = None,
) -> LoadedImage:
    """Read an image file into a float32 array in [0, 1] (see the module docstring).

    ``max_pixels`` refuses images larger than that (from the header, before decoding);
    ``max_side`` downscales so neither side exceeds it, keeping the aspect ratio.
    Raises ImageLoadError naming the file and the reason. Qt's own messages about a damaged
    file (libpng, libjpeg) are caught around every reader call: they become a note or the
    reason, never a line on stderr.
    """
    path = _check_file(Path(path))
    with capture_qt_image_warnings() as warnings:
        reader = _reader(path)
        image, original_size, notes, size_known = _read(reader, path, max_pixels, max_side)
    if image.isNull():
        why = _explain_read_error(reader, path, size_known).rstrip(".")
        said = translate("ImageIO", " (Qt said: {0})").format(warnings[0]) if warnings else ""
        raise ImageLoadError(f"{path.name}: {why}{said}.")
    if original_size == (0, 0):
        original_size = (image.height(), image.width())
    profile = [w for w in warnings if is_profile_message(w)]
    damage = [w for w in warnings if not is_profile_message(w)]
    if damage:
        notes.append(translate("ImageIO", "the file looks damaged or cut short, so part of the "
                                          "image may be missing (Qt said: {0}).").format(
            damage[0]))
    if profile:
        notes.append(translate("ImageIO", "its colour profile is damaged and was ignored (Qt "
                                          "said: {0}).").format(
            profile[0]))
    array, conversion_notes, had_alpha = qimage_to_array(image)
    del image
    notes = conversion_notes + notes
    return LoadedImage(array, path, original_size, had_alpha, " ".join(_capitalise(notes)))


def _read(reader: QImageReader, path: Path, max_pixels: int, max_side: int | None):
    """Check the header's size against the limit, then decode: (QImage, original size, notes, size known)."""
    notes: list[str] = []
    size = reader.size()  # header only: no pixels decoded yet
    if size.isValid():
        h, w = size.height(), size.width()
        if h * w > max_pixels:
            raise ImageLoadError(
                translate("ImageIO", "{0}: the image is {w}×{h} = {1:.0f} megapixels, more than "
                                     "the limit of {2:.0f} megapixels; it was not opened "
                                     "(decoding it could exhaust memory). Scale it down in an "
                                     "image editor first.").format(
                    path.name, h * w / 1000000.0, max_pixels / 1000000.0, w=w, h=h)
            )
        if max_side is not None and max(h, w) > max_side:
            scale = max_side / max(h, w)
            new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
            reader.setScaledSize(QSize(new_w, new_h))
            notes.append(translate("ImageIO", "downscaled from {w}×{h} to {new_w}×{new_h}.").format(
                w=w, h=h, new_w=new_w, new_h=new_h))
        original_size = (h, w)
    else:
        original_size = (0, 0)  # filled in by the caller from the decoded image
    limit_mb = max(1, math.ceil(max_pixels * BYTES_PER_PIXEL_WORST / 2**20))
    previous_limit = QImageReader.allocationLimit()
    QImageReader.setAllocationLimit(limit_mb)
    try:
        image = reader.read()
    finally:
        QImageReader.setAllocationLimit(previous_limit)
    return image, original_size, notes, size.isValid()


def qimage_to_array(image: QImage) -> tuple[np.ndarray, list[str], bool]:
    """Convert a QImage to float32 in [0, 1]: (H, W) if grey, else (H, W, 3).

    Returns (array, notes, had_alpha); notes say what was converted, for the UI. The pixels
    are read in place (no copy of the QImage) and converted once, straight to float32.
    """
    notes: list[str] = []
    fmt = image.format()
    if fmt == _F.Format_CMYK8888:
        image = image.convertToFormat(_F.Format_RGB32)
        notes.append(translate("ImageIO", "CMYK colours converted to RGB."))
    elif fmt in (_F.Format_Indexed8, _F.Format_Mono, _F.Format_MonoLSB):
        if image.isGrayscale():
            notes.append(translate("ImageIO", "palette image ({0} colours) converted to greyscale.").format(
                image.colorCount()))
        else:
            notes.append(translate("ImageIO", "palette image ({0} colours) converted to RGB.").format(
                image.colorCount()))

    if fmt == _F.Format_Grayscale16:
        return _scaled(_bits(image, np.uint16, 1)[..., 0], 65535), notes + [
            translate("ImageIO", "16-bit greyscale: kept at 16-bit precision.")], False
    if fmt == _F.Format_Grayscale8 or (not image.hasAlphaChannel() and image.isGrayscale()
                                       and fmt not in _DEEP_FORMATS):
        grey = image.convertToFormat(_F.Format_Grayscale8)
        return _scaled(_bits(grey, np.uint8, 1)[..., 0], 255), notes, False

    had_alpha = image.hasAlphaChannel()
    if fmt in _DEEP_FORMATS:
        image = image.convertToFormat(_F.Format_RGBA64)
        raw, top = _bits(image, np.uint16, 4), 65535
        notes.append(translate("ImageIO", "16-bit colour: kept at 16-bit precision."))
    else:
        image = image.convertToFormat(_F.Format_RGBA8888)
        raw, top = _bits(image, np.uint8, 4), 255
    equal = bool(np.array_equal(raw[..., 0], raw[..., 1]) and np.array_equal(raw[..., 1], raw[..., 2]))
    alpha = raw[..., 3]
    see_through = float(np.mean(alpha < top)) if had_alpha else 0.0
    out = _scaled(raw[..., 0] if equal else raw[..., :3], top)
    if had_alpha:
        if see_through > 0:  # composite on white, a band of rows at a time (no full-size temporaries)
            for r0 in range(0, out.shape[0], 256):
                a = _scaled(alpha[r0 : r0 + 256], top)
                band = out[r0 : r0 + 256]
                if band.ndim == 3:
                    a = a[..., None]
                band *= a
                band += 1 - a
            notes.append(translate("ImageIO", "alpha channel dropped: composited on white "
                                              "({see_through:.0%} of pixels were see-through).").format(
                see_through=see_through))
        else:
            notes.append(translate("ImageIO", "alpha channel dropped (every pixel was opaque)."))
    if equal and fmt not in (_F.Format_Indexed8, _F.Format_Mono, _F.Format_MonoLSB):
        notes.append(translate("ImageIO", "colour file with R = G = B everywhere: treated as greyscale."))
    return out, notes, had_alpha


def _scaled(raw: np.ndarray, top: int) -> np.ndarray:
    """Integer pixels as float32 in [0, 1], in one pass into a new contiguous array."""
    out = np.empty(raw.shape, np.float32)
    np.multiply(raw, np.float32(1.0 / top), out=out)
    return out


# ----------------------------------------------------------------------------- helpers


def _check_file(path: Path) -> Path:
    """Refuse missing, directory and empty paths with a learner-readable reason."""
    path = path.expanduser()
    if not path.name:
        path = path.resolve()
    if not path.exists():
        raise ImageLoadError(translate("ImageIO", "{0}: no such file ({path}).").format(
            path.name or path, path=path))
    if path.is_dir():
        raise ImageLoadError(translate("ImageIO", "{0}: this is a folder, not an image file.").format(
            path.name))
    if path.stat().st_size == 0:
        raise ImageLoadError(translate("ImageIO", "{0}: the file is empty (0 bytes).").format(path.name))
    if not os.access(path, os.R_OK):
        raise ImageLoadError(translate("ImageIO", "{0}: permission denied: the file cannot be "
                                                  "read.").format(
            path.name))
    return path


def _reader(path: Path) -> QImageReader:
    """A reader that trusts the file's content over its suffix and applies EXIF rotation."""
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    if not reader.canRead():
        raise ImageLoadError(
            translate("ImageIO", "{0}: not an image Qt can read (supported: {1}); the file may be "
                                 "another kind of file with an image name, or damaged.").format(
                path.name, ', '.join(supported_suffixes()))
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
        return translate("ImageIO", "no such file ({path}).").format(path=path)
    if err == E.UnsupportedFormatError:
        return translate("ImageIO", "not an image format Qt can read.")
    if err == E.DeviceError:
        return translate("ImageIO", "the file could not be read from disk (device error).")
    if err == E.InvalidDataError:
        if size_known:  # the header was fine and within the limit: the pixel data is bad
            return translate("ImageIO", "the image data is damaged or cut short (truncated file).")
        return (translate("ImageIO", "the image data is damaged or cut short (truncated file), or the "
                                     "image is too large to decode within the memory limit."))
    return translate("ImageIO", "the image could not be decoded ({0}).").format(reader.errorString())


def _bits(image: QImage, dtype: type, channels: int) -> np.ndarray:
    """A QImage's pixels as a (H, W, channels) view (row padding skipped; valid while ``image`` lives)."""
    h, w = image.height(), image.width()
    itemsize = np.dtype(dtype).itemsize
    row_items = image.bytesPerLine() // itemsize
    buf = np.frombuffer(image.constBits(), dtype=dtype, count=row_items * h)
    return buf.reshape(h, row_items)[:, : w * channels].reshape(h, w, channels)


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
    "image_header",
    "save_maps_png",
    "save_npy",
    "save_png",
    "supported_suffixes",
    "tile_maps",
]
