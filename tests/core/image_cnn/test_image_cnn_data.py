"""The bundled digits, the train/validation split, and data sets from the user's own images."""

import gzip

import numpy as np
import pytest

from core.image_cnn import (
    DIGIT_CLASSES,
    dataset_from_images,
    digits,
    folder_dataset_summary,
    skipped_files_warning,
    train_val_split,
)
from core.image_cnn.digits import _digits_path


def test_digits_are_the_files_rows_in_order():
    X, y = digits()
    assert X.shape == (1797, 8, 8, 1) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    assert np.bincount(y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    with gzip.open(_digits_path(), "rt") as fh:
        first = [int(v) for v in fh.readline().split(",")]
    assert y[0] == first[64] == 0
    np.testing.assert_array_equal(X[0, :, :, 0] * 16, np.reshape(first[:64], (8, 8)))
    assert DIGIT_CLASSES == tuple("0123456789")
    X[0] = 5.0  # callers get their own copy
    assert digits()[0][0].max() == max(first[:64]) / 16


def test_split_is_deterministic_stratified_and_disjoint():
    X, y = digits()
    X_tr, y_tr, X_val, y_val = train_val_split(X, y)
    assert len(X_tr) == 1437 and len(X_val) == 360
    again = train_val_split(X, y)
    assert all(np.array_equal(a, b) for a, b in zip((X_tr, y_tr, X_val, y_val), again, strict=True))
    assert np.abs(np.bincount(y_val, minlength=10) - 36).max() <= 1  # 10 % per class, near enough
    other = train_val_split(X, y, seed=1)
    assert not np.array_equal(other[3], y_val)
    ids = X.reshape(1797, -1) @ np.random.default_rng(0).random(64)
    tr_ids = X_tr.reshape(len(X_tr), -1) @ np.random.default_rng(0).random(64)
    val_ids = X_val.reshape(len(X_val), -1) @ np.random.default_rng(0).random(64)
    assert np.isin(tr_ids, ids).all() and len(np.intersect1d(tr_ids, val_ids)) <= 2  # a few duplicate images
    with pytest.raises(ValueError, match="val_fraction"):
        train_val_split(X, y, val_fraction=1.0)
    with pytest.raises(ValueError, match="empty"):
        train_val_split(X[:1], y[:1])


def test_dataset_from_images_packs_uint8_images():
    rng = np.random.default_rng(0)
    images = [rng.integers(0, 256, (5, 4, 3), dtype=np.uint8) for _ in range(6)]
    ds = dataset_from_images(images, [0, 1, 2, 0, 1, 2], ["cat", "dog", "fox"])
    assert ds.X.shape == (6, 5, 4, 3) and ds.X.max() <= 1.0
    np.testing.assert_allclose(ds.X[2], images[2] / 255.0)
    assert ds.counts.tolist() == [2, 2, 2]
    grey = dataset_from_images(np.zeros((4, 6, 6)), [0, 1, 0, 1], ["a", "b"])
    assert grey.X.shape == (4, 6, 6, 1)
    assert folder_dataset_summary(grey) == "4 images in 2 classes (a 2, b 2), 6×6 greyscale"
    line = folder_dataset_summary(ds, ["cat/notes.txt", "dog/broken.png"])
    assert line == ("6 images in 3 classes (cat 2, dog 2, fox 2), 5×4 RGB; "
                    "skipped 2 unreadable files: cat/notes.txt, dog/broken.png")


def test_dataset_from_images_refuses_one_class_and_empty_classes():
    img = [np.zeros((4, 4))] * 3
    with pytest.raises(ValueError, match="at least 2 classes.*found 1: 'only'"):
        dataset_from_images(img, [0, 0, 0], ["only"])
    with pytest.raises(ValueError, match="class 'dog' has no readable images"):
        dataset_from_images(img, [0, 0, 2], ["cat", "dog", "fox"])
    with pytest.raises(ValueError, match="no readable images"):
        dataset_from_images([], [], ["cat", "dog"])
    with pytest.raises(ValueError, match="same size"):
        dataset_from_images([np.zeros((4, 4)), np.zeros((4, 5))], [0, 1], ["a", "b"])
    with pytest.raises(ValueError, match="labels must be 0 … 1"):
        dataset_from_images(img, [0, 1, 2], ["a", "b"])
    with pytest.raises(ValueError, match="RGB"):
        dataset_from_images([np.zeros((4, 4, 2))] * 2, [0, 1], ["a", "b"])
    with pytest.raises(ValueError, match="non-finite"):
        dataset_from_images([np.full((4, 4), np.nan)] * 2, [0, 1], ["a", "b"])
    with pytest.raises(ValueError, match="distinct"):
        dataset_from_images(img[:2], [0, 1], ["a", "a"])


def test_skipped_files_warning_is_one_line():
    assert skipped_files_warning([]) == ""
    assert skipped_files_warning(["a.txt"]) == "skipped 1 unreadable file: a.txt"
    line = skipped_files_warning([f"f{i}.png" for i in range(5)])
    assert line == "skipped 5 unreadable files: f0.png, f1.png, f2.png and 2 more"
