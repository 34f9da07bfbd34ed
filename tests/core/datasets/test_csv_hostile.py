"""CSV data sets: every hostile file refused in one line naming the real reason, nothing hangs.

The corpus (``csv_corpus.CASES``) says for each file what a learner must see: the shape of
the data set, or the reason it is refused (a FIFO or /dev/zero is never read, tab-separated
data is called tab-separated, a header plus exactly 1,000,000 rows loads, one row more is
refused before the rest of the file is read).
"""

import os
import re
import threading

import numpy as np
import pytest

from core.datasets import csv_files
from core.datasets.csv_files import MAX_ABS_VALUE, DataError, load_dataset_csv
from tests.core.datasets.csv_corpus import CASES


def load_within(path, seconds: float = 60.0):
    """``load_dataset_csv(path)`` in a thread: a loader that blocks fails instead of hanging."""
    result: dict = {}

    def run():
        try:
            result["data"] = load_dataset_csv(path)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            result["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        if os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path):
            try:  # a FIFO: open its other end so the stuck reader returns
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        pytest.fail(f"loading {path} did not return within {seconds:g} s")
    if "error" in result:
        raise result["error"]
    return result["data"]


def materialise(tmp_path, content):
    if callable(content):
        return content(str(tmp_path))
    p = tmp_path / "data.csv"
    p.write_bytes(content)
    return str(p)


@pytest.mark.parametrize("case", list(CASES))
def test_each_file_is_loaded_or_refused_for_its_real_reason(tmp_path, case):
    content, (verdict, detail) = CASES[case]
    path = materialise(tmp_path, content)
    if verdict == "accept":
        X, y = load_within(path)
        assert (X.shape, y.shape) == ((detail[0], detail[1]), (detail[0],))
        assert np.isfinite(X).all() and np.isfinite(y).all()
        return
    with pytest.raises(DataError) as info:
        load_within(path)
    msg = str(info.value)
    assert type(info.value) is DataError and msg.startswith(path) and "\n" not in msg
    assert re.search(detail, msg), msg


def test_values_are_counted_while_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_files, "MAX_CSV_VALUES", 10)
    p = tmp_path / "d.csv"
    p.write_bytes(b"1,2\n" * 5 + b"3,4\n" + b"\xff\n")  # the bytes after the limit are never decoded
    with pytest.raises(DataError, match="more than 10 values"):
        load_dataset_csv(p)


def test_the_value_bound_is_the_documented_one(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text(f"{MAX_ABS_VALUE!r},1\n{-MAX_ABS_VALUE!r},2\n")
    X, _ = load_dataset_csv(p)
    assert list(X[:, 0]) == [MAX_ABS_VALUE, -MAX_ABS_VALUE]
    p.write_text(f"{float(np.nextafter(MAX_ABS_VALUE, np.inf))!r},1\n")
    with pytest.raises(DataError, match="beyond"):
        load_dataset_csv(p)


def test_rows_are_numbered_as_an_editor_shows_them(tmp_path):
    p = tmp_path / "d.csv"
    p.write_bytes(b"x,y\n\n1,2\n\n\n3,x\n")
    with pytest.raises(DataError, match=r"row 6, column 2: 'x' is not a number"):
        load_dataset_csv(p)
