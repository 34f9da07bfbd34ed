"""Writing the lab's maps to files: PNG pictures (normalised) and .npy arrays (exact), atomically.

A PNG is converted a band of rows at a time, straight from float32 to 8 bits (no float64 copy
of a large stage), and a stack is laid side by side in the same pass. Every file is written
to a temporary file in the same folder and renamed over the target, so a half-written file
never replaces a good one. Works without a QApplication (the headless ``filter`` command).
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

import numpy as np
from numpy.lib import format as npy_format
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

translate = QCoreApplication.translate

_F = QImage.Format
_ROWS = 256  # rows converted at a time


def _finite_range(a: np.ndarray) -> tuple[float, float]:
    """(min, max) over the finite values (0, 0 if none), without a float64 copy."""
    lo, hi = float(np.min(a)), float(np.max(a))
    if math.isfinite(lo) and math.isfinite(hi):
        return lo, hi
    finite = a[np.isfinite(a)]
    return (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)


def _to_u8(src: np.ndarray, dst: np.ndarray, lo: float, hi: float) -> None:
    """dst (uint8) = src mapped lo → 0, hi → 255 (a constant map → 128, NaN → 0), in bands."""
    scale = 255.0 / (hi - lo) if hi > lo else 0.0
    for r0 in range(0, src.shape[0], _ROWS):
        band = np.nan_to_num(np.asarray(src[r0 : r0 + _ROWS], dtype=np.float32), nan=lo, posinf=hi,
                             neginf=lo)
        band -= np.float32(lo)
        band *= np.float32(scale)
        if scale == 0.0:
            band += np.float32(128)
        band += np.float32(0.5)
        np.clip(band, 0, 255, out=band)
        dst[r0 : r0 + _ROWS] = band.astype(np.uint8)


def _write_u8(u8: np.ndarray, path: Path) -> None:
    h, w = u8.shape[:2]
    fmt, per_line = (_F.Format_Grayscale8, w) if u8.ndim == 2 else (_F.Format_RGB888, 3 * w)
    image = QImage(u8.data, w, h, per_line, fmt)  # over u8's pixels, which outlive the save

    def write(tmp: Path) -> None:
        if not image.save(str(tmp), "PNG"):
            raise OSError(translate("LabSaving", "could not write PNG data to {0}").format(path.name))

    _atomic_write(path, write)


def save_png(array: np.ndarray, path: str | os.PathLike, *, normalise: bool = True) -> None:
    """Write a map (H, W) or an RGB image (H, W, 3) as an 8-bit PNG, atomically.

    Normalisation (why: a feature map has any range, a PNG 0–255): with
    ``normalise=True`` the map's minimum becomes 0 and its maximum 255 (a constant
    map becomes mid-grey 128). With ``normalise=False`` values are taken to be in
    [0, 1] and clipped (use it for the input image). The .npy export keeps exact values.
    """
    a = np.asarray(array)
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[..., 0]
    if not (a.ndim == 2 or (a.ndim == 3 and a.shape[2] == 3)):
        raise ValueError(f"save_png needs (H, W) or (H, W, 3), got shape {a.shape}")
    lo, hi = _finite_range(a) if normalise else (0.0, 1.0)
    u8 = np.empty(a.shape, np.uint8)
    _to_u8(a, u8, lo, hi)
    _write_u8(u8, Path(path))


def save_maps_png(maps: np.ndarray, path: str | os.PathLike, *, normalise: bool = True,
                  rgb: bool = False, gap: int = 2) -> None:
    """Write a stage as one PNG: a stack (H, W, n) side by side with ``gap`` black columns,
    normalised over the whole stage; a single map or an RGB image (``rgb``) as ``save_png``."""
    m = np.asarray(maps)
    if rgb or m.ndim == 2 or m.shape[2] == 1:
        save_png(m, path, normalise=normalise)
        return
    h, w, n = m.shape
    lo, hi = _finite_range(m) if normalise else (0.0, 1.0)
    u8 = np.zeros((h, n * w + (n - 1) * gap), np.uint8)
    for i in range(n):
        _to_u8(m[..., i], u8[:, i * (w + gap) : i * (w + gap) + w], lo, hi)
    _write_u8(u8, Path(path))


def save_npy(array: np.ndarray, path: str | os.PathLike) -> None:
    """Write the exact values as a NumPy .npy file, atomically (no half-written file).

    Written a band of rows at a time in C order (what ``np.load`` reads), so a stack stored map
    after map is neither copied whole nor gathered value by value.
    """
    a = np.asarray(array)

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            if a.ndim == 0 or a.flags.c_contiguous:
                np.save(fh, a)
                return
            npy_format.write_array_header_1_0(fh, {"descr": npy_format.dtype_to_descr(a.dtype),
                                                   "fortran_order": False, "shape": a.shape})
            rows = max(1, (16 << 20) // max(1, a[0].nbytes))
            for r0 in range(0, a.shape[0], rows):
                fh.write(np.ascontiguousarray(a[r0 : r0 + rows]).tobytes())

    _atomic_write(Path(path), write)


def tile_maps(maps: np.ndarray, gap: int = 2) -> np.ndarray:
    """Lay a stack (H, W, n) side by side as one (H, n·W + (n−1)·gap) map.

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


def _atomic_write(path: Path, write) -> None:
    """Write via a temporary file in the same folder, then rename over the target."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix or ".tmp",
                                        dir=path.parent)
    except OSError as exc:  # name the file the user asked for, not the temporary one
        raise OSError(exc.errno, translate("LabSaving", "cannot write there ({0})").format(
            exc.strerror), str(path)) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


__all__ = ["save_maps_png", "save_npy", "save_png", "tile_maps"]
