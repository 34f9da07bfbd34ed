"""1D data sets as CSV files: each row the values of one image, then its label.

Refused with a ``DataError`` naming the file, the row and the reason, never an exception
from deep inside the reader.
"""

from __future__ import annotations

import csv
import math
import os

import numpy as np

MAX_CSV_ROWS = 1_000_000


class DataError(ValueError):
    """A data set that cannot be used, with a message naming the row and the reason."""


def load_dataset_csv(path: str | os.PathLike) -> tuple[np.ndarray, np.ndarray]:
    """Read a data set: each row the input values then the label; an optional header row.

    Raises DataError naming the file, the row and the reason (wrong column count, not a
    number, NaN/inf, empty file, unreadable file).
    """
    name = os.fspath(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
    except UnicodeDecodeError:
        raise DataError(f"{name}: not a text CSV file") from None
    except OSError as exc:
        raise DataError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    except csv.Error as exc:
        raise DataError(f"{name}: malformed CSV ({exc})") from None
    numbered = [(i + 1, r) for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not numbered:
        raise DataError(f"{name}: the file is empty")
    if len(numbered) > MAX_CSV_ROWS:
        raise DataError(f"{name}: more than {MAX_CSV_ROWS:,} rows")
    first_line, first = numbered[0]
    if not _all_numbers(first):
        numbered = numbered[1:]  # a header row
        if not numbered:
            raise DataError(f"{name}: only a header row, no data")
    width = len(numbered[0][1])
    if width < 2:
        raise DataError(f"{name}, row {numbered[0][0]}: need at least one value and a label")
    data = np.zeros((len(numbered), width))
    for k, (line, row) in enumerate(numbered):
        if len(row) != width:
            raise DataError(
                f"{name}, row {line}: {len(row)} columns, expected {width} like the first data row"
            )
        for j, cell in enumerate(row):
            try:
                v = float(cell)
            except ValueError:
                raise DataError(
                    f"{name}, row {line}, column {j + 1}: {cell.strip()!r} is not a number"
                ) from None
            if not math.isfinite(v):
                raise DataError(f"{name}, row {line}, column {j + 1}: {cell.strip()} is not finite")
            data[k, j] = v
    return data[:, :-1], data[:, -1]


def _all_numbers(row: list[str]) -> bool:
    try:
        [float(c) for c in row]
    except ValueError:
        return False
    return True


def save_dataset_csv(path: str | os.PathLike, X: np.ndarray, y: np.ndarray) -> None:
    """Write a data set in the format ``load_dataset_csv`` reads (header x1…xn, y)."""
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([f"x{i + 1}" for i in range(X.shape[1])] + ["y"])
        for row, label in zip(X, y, strict=True):
            w.writerow([repr(float(v)) for v in row] + [repr(float(label))])
