"""Data sets: the chapter's recipe and CSV files with clear errors."""

import numpy as np
import pytest

from core import DataError, chapter_dataset, load_dataset_csv, save_dataset_csv, synthetic_dataset
from core.datasets.chapter import slope_classes


def test_synthetic_recipe_defaults_are_the_chapters():
    X, y = synthetic_dataset()
    X2, y2 = chapter_dataset()
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    x = np.arange(1, 6)
    assert np.allclose(y, X @ x / (x @ x))


def test_synthetic_leaves_global_rng_alone():
    np.random.seed(0)
    a = np.random.random()
    np.random.seed(0)
    synthetic_dataset(5, 7, 0.1, 3)
    assert np.random.random() == a


def test_slope_classes():
    assert list(slope_classes(np.array([-0.3, 0.0, 0.2]))) == [0, 1, 2]


def test_csv_round_trip_with_header(tmp_path):
    X, y = chapter_dataset()
    p = tmp_path / "d.csv"
    save_dataset_csv(p, X, y)
    X2, y2 = load_dataset_csv(p)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)


def test_csv_without_header(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("1,2,3,0.5\n4,5,6,0.25\n")
    X, y = load_dataset_csv(p)
    assert X.shape == (2, 3) and list(y) == [0.5, 0.25]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("\n\n", "empty"),
        ("a,b,y\n", "only a header"),
        ("1,2,3\n4,5\n", "row 2: 2 columns, expected 3"),
        ("1,2,3\n4,x,6\n", "row 2, column 2: 'x' is not a number"),
        ("1,2,3\n4,nan,6\n", "row 2, column 2: nan is not finite"),
        ("1,inf,3\n", "row 1, column 2: inf is not finite"),
        ("5\n", "at least one value and a label"),
    ],
)
def test_malformed_csv_names_the_row_and_reason(tmp_path, text, message):
    p = tmp_path / "bad.csv"
    p.write_text(text)
    with pytest.raises(DataError, match=message.replace("(", r"\(")) as info:
        load_dataset_csv(p)
    assert "bad.csv" in str(info.value)


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        load_dataset_csv(tmp_path / "nope.csv")
    p = tmp_path / "bin.csv"
    p.write_bytes(b"\xff\xfe\x00\x81\x9f")
    with pytest.raises(DataError):
        load_dataset_csv(p)
