"""Data for the image CNN: the bundled 8×8 handwritten digits, a train/validation split, and a
checked data set built from the user's own (already decoded) images.

The digits are small enough to train on in seconds, which is what a learner needs to watch a
CNN learn. A folder of one's own pictures follows torchvision's ``ImageFolder`` convention
(one sub-folder per class); decoding and resizing happen outside ``core`` (the GUI's Qt image
reader), and :func:`dataset_from_images` checks and packs the decoded arrays here.
"""

from __future__ import annotations

import csv
import gzip
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from core.i18n import N_
from core.resources import resource_path

DIGITS_SHAPE = (8, 8, 1)
DIGIT_CLASSES = tuple(str(d) for d in range(10))
DIGITS_CREDIT = ('"Optical Recognition of Handwritten Digits" (E. Alpaydin, C. Kaynak, 1998), '
                 "UCI Machine Learning Repository, CC BY 4.0")


def _digits_path() -> Path:
    """Where the bundled digits file lives: in the checkout's resources/ or the installed package."""
    return resource_path("datasets", "digits_8x8.csv.gz")


@lru_cache(maxsize=1)
def _digits_table() -> np.ndarray:
    path = _digits_path()
    try:
        with gzip.open(path, "rt", newline="") as fh:
            rows = list(csv.reader(fh))
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read the digits file {path}: {exc}") from None
    if not rows or any(len(r) != 65 for r in rows):
        raise ValueError(f"{path}: every row must hold 64 pixel counts and a label (65 values)")
    try:
        table = np.array(rows, dtype=np.int64)
    except ValueError:
        raise ValueError(f"{path}: every value must be a whole number") from None
    pixels, labels = table[:, :64], table[:, 64]
    if pixels.min() < 0 or pixels.max() > 16 or labels.min() < 0 or labels.max() > 9:
        raise ValueError(f"{path}: pixel counts must be 0–16 and labels 0–9")
    table.setflags(write=False)
    return table


def digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1797 handwritten digits: X float64 ``(1797, 8, 8, 1)`` = pixel counts / 16, y int64 0–9.

    In the file's row order. Each pixel counts the "on" pixels of a 4×4 block of a 32×32 drawing.
    """
    table = _digits_table()
    X = table[:, :64].reshape(-1, 8, 8, 1) / 16.0
    return X, table[:, 64].copy()


def train_val_split(X, y, val_fraction: float = 0.2, seed: int = 0
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(X_train, y_train, X_val, y_val)``: ⌈val_fraction·n⌉ images for validation, stratified.

    Deterministic from ``seed``: images are shuffled within their class, then every class gives
    its share in turn, so the validation set has each class in (nearly) its overall proportion
    — what a small folder of one's own images needs. Both parts keep the original order.
    The digits split 1437 / 360 at the default 0.2.
    """
    X = np.asarray(X)
    y = np.asarray(y)
    n = len(y)
    if X.shape[:1] != (n,) or y.ndim != 1:
        raise ValueError(f"X and y must hold the same number of images; got {X.shape[:1]} and {y.shape}")
    if not (isinstance(val_fraction, int | float) and 0 < val_fraction < 1):
        raise ValueError(N_("image_cnn", "val_fraction must be between 0 and 1 (exclusive); got "
                                         "{val_fraction!r}").format(
            val_fraction=val_fraction))
    n_val = math.ceil(val_fraction * n - 1e-9)
    if not 1 <= n_val < n:
        raise ValueError(N_("image_cnn", "a split of {n} image(s) with val_fraction "
                                         "{val_fraction} leaves one part empty").format(
            n=n, val_fraction=val_fraction))
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    classes, inverse = np.unique(y[order], return_inverse=True)
    counts = np.bincount(inverse, minlength=len(classes))
    # Rank of each shuffled image inside its class, as a fraction of that class: taking the
    # smallest fractions first draws from every class in proportion.
    rank = np.empty(n, dtype=np.int64)
    by_class = np.argsort(inverse, kind="stable")
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank[by_class] = np.arange(n) - np.repeat(starts, counts)
    key = (rank + 0.5) / counts[inverse]
    chosen = order[np.argsort(key, kind="stable")[:n_val]]
    is_val = np.zeros(n, dtype=bool)
    is_val[chosen] = True
    return X[~is_val], y[~is_val], X[is_val], y[is_val]


@dataclass(frozen=True)
class ImageDataset:
    """Checked images ``X`` (n, H, W, C) float64 in [0, 1] for 8-bit input, labels, class names."""

    X: np.ndarray
    y: np.ndarray
    class_names: tuple[str, ...]

    @property
    def counts(self) -> np.ndarray:
        """Images per class, in ``class_names`` order."""
        return np.bincount(self.y, minlength=len(self.class_names))


def dataset_from_images(images, labels, class_names: Sequence[str]) -> ImageDataset:
    """Check and pack decoded images (a sequence of equally sized ``(H, W)`` or ``(H, W, C)``
    arrays, or one ``(n, H, W[, C])`` array) with labels 0 … len(class_names) − 1.

    Integer images (uint8 from an image reader) are divided by 255; float images are kept.
    Refuses, with a sentence, fewer than 2 classes, an empty class, mismatched sizes,
    channel counts other than 1 or 3, non-finite values and labels out of range.
    """
    names = tuple(str(c) for c in class_names)
    if len(names) < 2:
        if names:
            raise ValueError(N_("image_cnn", "a data set needs at least 2 classes (one sub-folder each); "
                                "found {n}: {name!r}").format(n=len(names), name=names[0]))
        raise ValueError(N_("image_cnn", "a data set needs at least 2 classes (one sub-folder each); "
                            "found {n}").format(n=len(names)))
    if len(set(names)) != len(names):
        raise ValueError(N_("image_cnn", "class names must be distinct; got {0}").format(list(names)))
    if isinstance(images, np.ndarray) and images.ndim >= 3:
        stack = images
    else:
        images = list(images)
        if not images:
            raise ValueError(N_("image_cnn", "no readable images: every class is empty"))
        shapes = {np.shape(im) for im in images}
        if len(shapes) != 1:
            raise ValueError(N_("image_cnn", "all images must have the same size (resize them "
                                             "first); got {0}").format(
                sorted(shapes)))
        stack = np.stack([np.asarray(im) for im in images])
    if stack.ndim == 3:
        stack = stack[..., None]
    if stack.ndim != 4 or stack.shape[-1] not in (1, 3) or 0 in stack.shape[1:]:
        raise ValueError(N_("image_cnn", "images must be (H, W) greyscale or (H, W, 3) RGB; got "
                                         "{0}").format(
            stack.shape[1:]))
    if stack.dtype.kind in "iub":
        X = stack.astype(float) / (255.0 if stack.dtype.kind != "b" else 1.0)
    elif stack.dtype.kind == "f":
        X = stack.astype(float)
    else:
        raise ValueError(N_("image_cnn", "images must hold numbers; got dtype {0}").format(stack.dtype))
    if not np.isfinite(X).all():
        raise ValueError(N_("image_cnn", "images contain non-finite values (NaN or ±inf)"))
    y = np.asarray(labels)
    if y.shape != (len(X),) or (len(y) and y.dtype.kind not in "iu"):
        raise ValueError(N_("image_cnn", "labels must be one whole number per image ({0}); got "
                                         "shape {1}").format(
            len(X), y.shape))
    y = y.astype(np.int64)
    if len(y) and (y.min() < 0 or y.max() >= len(names)):
        raise ValueError(N_("image_cnn", "labels must be 0 … {0} (one per class); got {1} … {2}").format(
            len(names) - 1, y.min(), y.max()))
    counts = np.bincount(y, minlength=len(names))
    empty = [names[i] for i in np.flatnonzero(counts == 0)]
    if empty:
        raise ValueError(N_("image_cnn", "class {classes} has no readable images; every class needs at "
                            "least one").format(classes=", ".join(repr(e) for e in empty)))
    return ImageDataset(X, y, names)


def skipped_files_warning(skipped: Sequence[str], shown: int = 3) -> str:
    """One line naming the files a folder reader could not decode ('' when none were skipped)."""
    if not skipped:
        return ""
    names = ", ".join(str(s) for s in skipped[:shown])
    more = N_("image_cnn", " and {n} more").format(n=len(skipped) - shown) if len(skipped) > shown else ""
    if len(skipped) == 1:
        return N_("image_cnn", "skipped 1 unreadable file: {names}{more}").format(names=names, more=more)
    return N_("image_cnn", "skipped {n} unreadable files: {names}{more}").format(n=len(skipped), names=names,
                                                                               more=more)


def folder_dataset_summary(dataset: ImageDataset, skipped: Sequence[str] = ()) -> str:
    """One line describing a loaded folder, e.g. '120 images in 3 classes (cat 40, dog 40, fox 40),
    28×28 greyscale; skipped 1 unreadable file: cat/notes.txt'."""
    n, h, w, c = dataset.X.shape
    per = ", ".join(f"{name} {k}" for name, k in zip(dataset.class_names, dataset.counts, strict=True))
    kind = N_("image_cnn", "greyscale") if c == 1 else "RGB"
    if n == 1:
        line = N_("image_cnn", "1 image in {k} classes ({per}), {h}×{w} {kind}")
    else:
        line = N_("image_cnn", "{n} images in {k} classes ({per}), {h}×{w} {kind}")
    line = line.format(n=n, k=len(dataset.class_names), per=per, h=h, w=w, kind=kind)
    warning = skipped_files_warning(skipped)
    return N_("image_cnn", "{line}; {warning}").format(line=line, warning=warning) if warning else line
