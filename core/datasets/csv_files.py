"""1D data sets as CSV files: each row the values of one image, then its label.

Refused with a ``DataError`` naming the file, the row and the *real* reason — a pipe or
device named ``.csv`` (never opened for reading, so it cannot hang or fill memory), a file
too large, binary data, UTF-16 or other non-UTF-8 text, values separated by tabs,
semicolons or spaces, hexadecimal numbers, a quotation mark never closed, ragged rows,
non-finite values, values so large that the loss would overflow whatever the learning
rate — never an exception from deep inside the reader. Rows are counted while reading, so
a file with too many rows is refused as soon as the limit is passed, not after parsing it all.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import stat
from array import array

import numpy as np

from core.i18n import N_

MAX_CSV_ROWS = 1_000_000  # data rows (a header row comes on top)
MAX_CSV_COLUMNS = 65_537  # inputs and the label
MAX_CSV_VALUES = 2**25  # 33.5 M numbers: 256 MB as float64
MAX_CSV_BYTES = 2**30
MAX_LINE_CHARS = 2**20
# |value| limit for inputs and labels: a squared error of a million such samples (1e30)
# stays far from float overflow, so only the learning rate decides whether training works.
MAX_ABS_VALUE = 1e12

_UNDECODED = re.compile("[\udc80-\udcff]")
_HEX = re.compile(r"[+-]?0[xX][0-9a-fA-F]+")
_SIGNATURES = (
    (b"PK\x03\x04", N_("csv", "a ZIP archive (an Excel workbook or a workspace?), not a CSV text file")),
    (b"\x89PNG", N_("csv", "a PNG image, not a CSV text file")),
    (b"%PDF", N_("csv", "a PDF document, not a CSV text file")),
    (b"\xd0\xcf\x11\xe0", N_("csv", "an old Excel/Office file, not a CSV text file")),
)


class DataError(ValueError):
    """A data set that cannot be used, with a message naming the row and the reason."""


def _open_text(path: str | os.PathLike, name: str) -> io.TextIOWrapper:
    """Open a regular file of bounded size as UTF-8 text, after looking at its first bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DataError(N_("csv", "{name}: cannot read the file ({0})").format(
            exc.strerror or exc, name=name)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise DataError(N_("csv", "{name}: is a folder, not a CSV file").format(name=name))
        if not stat.S_ISREG(st.st_mode):
            raise DataError(N_("csv", "{name}: is not a regular file (a pipe, device or socket), "
                                      "so it is not read").format(
                name=name))
        if st.st_size > MAX_CSV_BYTES:
            raise DataError(N_("csv", "{name}: the file is {0:,} bytes; a data set may be at most "
                                      "{MAX_CSV_BYTES:,}").format(
                st.st_size, name=name, MAX_CSV_BYTES=MAX_CSV_BYTES))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        raw = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    try:
        head = raw.read(8192)
        raw.seek(0)
    except OSError as exc:
        raw.close()
        raise DataError(N_("csv", "{name}: cannot read the file ({0})").format(
            exc.strerror or exc, name=name)) from None
    reason = _binary_reason(head)
    if reason:
        raw.close()
        raise DataError(N_("csv", "{name}: {reason}").format(name=name, reason=reason))
    # undecodable bytes become lone surrogates, found line by line (the decoder reads ahead,
    # so a strict one would fail on bytes past the row limit that are never parsed)
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _binary_reason(head: bytes) -> str | None:
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return N_("csv", "UTF-16 text; save the file as UTF-8 (plain CSV) and open it again")
    if b"\x00" in head:
        return N_("csv", "binary data (it holds NUL bytes), not a CSV text file")
    return None


def _lines(fh: io.TextIOWrapper, name: str):
    """The file's lines, each at most MAX_LINE_CHARS long (a row of a million commas is refused)."""
    n = 0
    while True:
        line = fh.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        n += 1
        if len(line) > MAX_LINE_CHARS:
            raise DataError(N_("csv", "{name}, row {n}: the line is longer than "
                                      "{MAX_LINE_CHARS:,} characters").format(
                name=name, n=n, MAX_LINE_CHARS=MAX_LINE_CHARS))
        if max(line) >= "\udc80" and _UNDECODED.search(line):
            raise DataError(N_("csv", "{name}, row {n}: not UTF-8 text (save the file as UTF-8)").format(
                name=name, n=n))
        yield line


def _separator_reason(cells: list[str]) -> str | None:
    """Why a row that should be numbers is not: another separator, hex, quotes, binary…"""
    text = ",".join(cells)
    for sep, what in (("\t", N_("csv", "tabs")), (";", N_("csv", "semicolons"))):
        if sep in text and all(_is_number(p) for p in re.split(r"[\t;,]", text) if p.strip()):
            return (N_("csv", "the values are separated by {what}; this reader needs commas "
                              "between values (and points, not commas, in numbers)").format(
                what=what))
    if len(cells) == 1 and len(text.split()) > 1 and all(_is_number(p) for p in text.split()):
        return N_("csv", "the values are separated by spaces; this reader needs commas between values")
    return None


def _cell_reason(cell: str) -> str:
    shown = cell.strip()
    if not shown:
        return N_("csv", "the value is empty")
    if _HEX.fullmatch(shown):
        return N_("csv", "{shown!r} is a hexadecimal number; write values as decimal numbers").format(
            shown=shown)
    if "\t" in shown or ";" in shown:
        return (N_("csv", "{0!r} is not a number (values separated by tabs or semicolons? this "
                          "reader needs commas)").format(
            shown[:40]))
    if '"' in shown:
        return N_("csv", "{0!r} is not a number (a stray quotation mark)").format(shown[:40])
    if any(not ch.isprintable() for ch in shown):
        return N_("csv", "the value holds control characters (binary data?), not a number")
    return N_("csv", "{0!r} is not a number").format(shown[:40])


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _csv_reason(exc: csv.Error) -> str:
    msg = str(exc)
    if "end of data" in msg or "EOF" in msg:
        return N_("csv", "a quotation mark opened here is never closed")
    if "expected after" in msg:
        return N_("csv", "a quotation mark inside a value (quote the whole value and double any quote "
                         "inside it)")
    if "NUL" in msg:
        return N_("csv", "binary data (a NUL byte), not CSV text")
    if "field larger" in msg:
        return N_("csv", "a value is longer than the reader accepts")
    return N_("csv", "malformed CSV ({msg})").format(msg=msg)


def load_dataset_csv(path: str | os.PathLike) -> tuple[np.ndarray, np.ndarray]:
    """Read a data set: each row the input values then the label; an optional header row.

    Raises DataError naming the file, the row and the reason (see the module docstring).
    At most MAX_CSV_ROWS data rows; every value finite and within ±MAX_ABS_VALUE.
    """
    name = os.fspath(path)
    with _open_text(path, name) as fh:
        X, y, bad = _parse(fh, name)
    if bad is not None:  # a value out of bounds: name it as the file writes it
        line, j, v = bad
        with _open_text(path, name) as fh:
            shown = _cell_text(fh, name, line, j) or f"{v:g}"
        why = "is not finite" if not math.isfinite(v) else (
            N_("csv", "is beyond ±{MAX_ABS_VALUE:g}; rescale the data (values this large overflow "
                      "the loss whatever the learning rate)").format(
                MAX_ABS_VALUE=MAX_ABS_VALUE))
        raise DataError(N_("csv", "{name}, row {line}, column {0}: {1} {why}").format(
            j + 1, shown[:30], name=name, line=line, why=why))
    return X, y


def _cell_text(fh: io.TextIOWrapper, name: str, line: int, j: int) -> str | None:
    """Column ``j`` of the row that ends on ``line``, as written in the file."""
    reader = csv.reader(_lines(fh, name), strict=True)
    try:
        for row in reader:
            if reader.line_num >= line:
                return row[j].strip() if reader.line_num == line and j < len(row) else None
    except (csv.Error, DataError):
        return None
    return None


def _parse(fh: io.TextIOWrapper, name: str) -> tuple[np.ndarray, np.ndarray, tuple | None]:
    """The data set, and (line, column, value) of the first value out of bounds, if any."""
    reader = csv.reader(_lines(fh, name), strict=True)
    values = array("d")
    where = array("q")  # the line of each data row, for messages
    width = 0
    rows = 0
    header = False
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataError(N_("csv", "{name}, row {start}: {0}").format(
                _csv_reason(exc), name=name, start=start)) from None
        line, start = start, reader.line_num + 1
        if len(row) > MAX_CSV_COLUMNS:
            raise DataError(N_("csv", "{name}, row {line}: {0:,} columns; a data set has at most "
                                      "{MAX_CSV_COLUMNS:,}").format(
                len(row), name=name, line=line, MAX_CSV_COLUMNS=MAX_CSV_COLUMNS))
        try:
            nums = [float(c) for c in row]  # the common case first: a row of numbers
        except ValueError:
            nums = None
            if not any(c.strip() for c in row):
                continue  # a blank row (only spaces and commas)
        if not row:
            continue  # an empty line
        if nums is None or len(row) < 2:
            reason = _separator_reason(row)
            if reason:
                raise DataError(N_("csv", "{name}, row {line}: {reason}").format(
                    name=name, line=line, reason=reason))
        if rows == 0 and not header and nums is None:
            header = True  # the first row holds names, not numbers: a header
            continue
        if width == 0:
            width = len(row)
            if width < 2:
                raise DataError(N_("csv", "{name}, row {line}: need at least one value and a label").format(
                    name=name, line=line))
        if len(row) != width:
            raise DataError(N_("csv", "{name}, row {line}: {0} columns, expected {width} like the "
                                      "first data row").format(
                len(row), name=name, line=line, width=width))
        if nums is None:
            j = next(j for j, c in enumerate(row) if not _is_number(c))
            raise DataError(N_("csv", "{name}, row {line}, column {0}: {1}").format(
                j + 1, _cell_reason(row[j]), name=name, line=line))
        rows += 1
        if rows > MAX_CSV_ROWS:
            raise DataError(N_("csv", "{name}: more than {MAX_CSV_ROWS:,} data rows (stopped "
                                      "reading at row {line:,})").format(
                name=name, MAX_CSV_ROWS=MAX_CSV_ROWS, line=line))
        if rows * width > MAX_CSV_VALUES:
            raise DataError(N_("csv", "{name}: more than {MAX_CSV_VALUES:,} values (stopped "
                                      "reading at row {line:,})").format(
                name=name, MAX_CSV_VALUES=MAX_CSV_VALUES, line=line))
        values.extend(nums)
        where.append(line)
    if rows == 0:
        if header:
            raise DataError(N_("csv", "{name}: only a header row, no data").format(name=name))
        raise DataError(N_("csv", "{name}: the file is empty").format(name=name))
    data = np.frombuffer(values, dtype=np.float64).reshape(rows, width)
    with np.errstate(invalid="ignore"):
        bad = ~(np.abs(data) <= MAX_ABS_VALUE)  # NaN compares False: caught too
    if bad.any():
        i, j = divmod(int(np.argmax(bad)), width)
        return data[:, :-1], data[:, -1], (where[i], j, float(data[i, j]))
    return data[:, :-1], data[:, -1], None


def save_dataset_csv(path: str | os.PathLike, X: np.ndarray, y: np.ndarray) -> None:
    """Write a data set in the format ``load_dataset_csv`` reads (header x1…xn, y)."""
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([f"x{i + 1}" for i in range(X.shape[1])] + ["y"])
        for row, label in zip(X, y, strict=True):
            w.writerow([repr(float(v)) for v in row] + [repr(float(label))])
