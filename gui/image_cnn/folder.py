"""A folder of one's own images as a data set (torchvision's ``ImageFolder`` convention).

One sub-folder per class, named after it (sorted, as ``ImageFolder`` sorts them); every file
inside is an example of that class. Decoding uses the image lab's Qt reader
(``gui.image_lab.image_io.load_image``: size limits checked from the header, alpha composited
on white, libpng's complaints caught) — QtGui only, no QApplication, so the ``train-cnn``
command uses this module too. Each image is squashed to ``size``×``size`` (what
``transforms.Resize((s, s))`` does) with Qt's smooth scaling; ``colour`` "auto" keeps RGB only
when some image has colour.

A file that cannot be decoded is skipped and counted (``core.image_cnn.skipped_files_warning``
makes the one warning line); fewer than two classes or a class left without a readable image
are refused with the core's own sentence (``dataset_from_images``). ``FolderReader.step``
decodes for a time budget and returns, so a worker can read a 2000-image folder in slices
and stay responsive (and cancellable) in between.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage

from core.image_cnn import ImageDataset, dataset_from_images, folder_dataset_summary
from gui.image_lab.image_io import ImageLoadError, load_image, qimage_to_array

translate = QCoreApplication.translate

MIN_SIZE, MAX_SIZE = 4, 256  # the side images are resized to
MAX_FILES = 100_000
MAX_DATA_BYTES = 512 * 2**20  # the decoded data set (float64), refused before decoding beyond this
COLOURS = ("auto", "grey", "rgb")
_LUMA = np.array([0.299, 0.587, 0.114])  # ITU-R BT.601, what Qt's own greyscale conversion uses


@dataclass(frozen=True)
class FolderScan:
    """What a folder holds before decoding: its classes and their files, in order."""

    root: Path
    class_names: tuple[str, ...]
    files: tuple[tuple[Path, int], ...]  # (file, class index)

    def relative(self, path: Path) -> str:
        """"cat/notes.txt": how the warning line names a file."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.name


def scan_folder(folder: str | Path) -> FolderScan:
    """List the class sub-folders and their files; ValueError (one sentence) when it cannot be a data set."""
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise ValueError(translate("ImageFolder", "{root}: not a folder (a data set is a folder "
                                                  "with one sub-folder per class)").format(
            root=root))
    try:
        classes = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError as exc:
        raise ValueError(translate("ImageFolder", "{root}: cannot be read ({0})").format(
            exc.strerror or exc, root=root)) from None
    if len(classes) < 2:
        dataset_from_images([], [], [p.name for p in classes])  # raises the core's sentence
    files: list[tuple[Path, int]] = []
    for label, sub in enumerate(classes):
        try:
            entries = sorted(p for p in sub.iterdir() if not p.name.startswith(".") and p.is_file())
        except OSError as exc:
            raise ValueError(translate("ImageFolder", "{sub}: cannot be read ({0})").format(
                exc.strerror or exc, sub=sub)) from None
        files.extend((p, label) for p in entries)
        if len(files) > MAX_FILES:
            raise ValueError(translate("ImageFolder", "{root}: more than {MAX_FILES:,} files; use "
                                                      "a smaller folder").format(
                root=root, MAX_FILES=MAX_FILES))
    return FolderScan(root, tuple(p.name for p in classes), tuple(files))


def check_size(size: int, n_files: int) -> None:
    """Refuse a side outside 4–256 px, or a data set that would not fit in memory, before decoding."""
    if not MIN_SIZE <= int(size) <= MAX_SIZE:
        raise ValueError(translate("ImageFolder", "the image size must be {MIN_SIZE}–{MAX_SIZE} "
                                                  "pixels; got {size}").format(
            MIN_SIZE=MIN_SIZE, MAX_SIZE=MAX_SIZE, size=size))
    need = n_files * size * size * 3 * 8
    if need > MAX_DATA_BYTES:
        raise ValueError(translate("ImageFolder", "{n_files:,} images of {size}×{size} would need "
                                                  "{0:,.0f} MB; choose a smaller size (at most "
                                                  "{1} MB)").format(
            need / 2 ** 20, MAX_DATA_BYTES // 2 ** 20, n_files=n_files, size=size))


def resized(array: np.ndarray, size: int) -> np.ndarray:
    """A float image in [0, 1] squashed to ``size``×``size`` with Qt's smooth scaling (8-bit, as decoded)."""
    a = np.ascontiguousarray(np.clip(np.rint(array * 255.0), 0, 255).astype(np.uint8))
    h, w = a.shape[:2]
    if (h, w) == (size, size):
        return array.astype(np.float64)
    if a.ndim == 2:
        img = QImage(a.data, w, h, w, QImage.Format.Format_Grayscale8)
    else:
        img = QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    small = img.scaled(size, size, Qt.AspectRatioMode.IgnoreAspectRatio,
                       Qt.TransformationMode.SmoothTransformation)
    out, _, _ = qimage_to_array(small)
    return out.astype(np.float64)


class FolderReader:
    """Decodes a scanned folder a slice at a time (``step``), then packs it (``dataset``)."""

    def __init__(self, scan: FolderScan, size: int = 28, colour: str = "auto") -> None:
        if colour not in COLOURS:
            raise ValueError(translate("FolderReader", "colour must be one of {0}; got {colour!r}").format(
                ', '.join(COLOURS), colour=colour))
        check_size(size, len(scan.files))
        self.scan, self.size, self.colour = scan, int(size), colour
        self.done = 0
        self.images: list[np.ndarray] = []
        self.labels: list[int] = []
        self.skipped: list[str] = []

    @property
    def total(self) -> int:
        return len(self.scan.files)

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    def step(self, budget_s: float = 0.01) -> bool:
        """Decode files until ``budget_s`` seconds have passed (at least one); True when all are read."""
        end = time.perf_counter() + budget_s
        while not self.finished:
            path, label = self.scan.files[self.done]
            self.done += 1
            try:
                image = load_image(path, max_side=max(4 * self.size, 64))
            except (ImageLoadError, OSError, ValueError, MemoryError):
                self.skipped.append(self.scan.relative(path))
            else:
                self.images.append(resized(image.array, self.size))
                self.labels.append(label)
            if time.perf_counter() >= end:
                break
        return self.finished

    def dataset(self) -> ImageDataset:
        """The decoded images as a checked data set; ValueError (the core's sentence) if a class is empty."""
        rgb = self.colour == "rgb" or (self.colour == "auto" and any(im.ndim == 3 for im in self.images))
        images = [_as_rgb(im) if rgb else _as_grey(im) for im in self.images]
        labels = np.asarray(self.labels, dtype=np.int64)
        return dataset_from_images(images, labels, self.scan.class_names)

    def summary(self, dataset: ImageDataset) -> str:
        """'120 images in 3 classes (…), 28×28 greyscale; skipped 1 unreadable file: cat/notes.txt'."""
        return folder_dataset_summary(dataset, self.skipped)


def _as_rgb(im: np.ndarray) -> np.ndarray:
    return np.repeat(im[..., None], 3, axis=2) if im.ndim == 2 else im


def _as_grey(im: np.ndarray) -> np.ndarray:
    return im if im.ndim == 2 else im @ _LUMA


def read_folder(folder: str | Path, size: int = 28,
                colour: str = "auto") -> tuple[ImageDataset, FolderReader]:
    """Read a whole folder at once (the command line); ValueError with one sentence when it cannot."""
    reader = FolderReader(scan_folder(folder), size, colour)
    while not reader.step(1.0):
        pass
    return reader.dataset(), reader


__all__ = ["COLOURS", "FolderReader", "FolderScan", "MAX_SIZE", "MIN_SIZE", "check_size", "read_folder",
           "resized", "scan_folder"]
