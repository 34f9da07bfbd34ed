"""Hostile and awkward CSV files, each with what the loader must do with it.

``CASES``: name → (content, expectation). ``content`` is the file's bytes, or a function
``make(folder) -> path`` for what is not bytes (a FIFO, a link to /dev/zero, a folder, a
sparse 2 GB file). ``expectation`` is ``("accept", (rows, inputs))`` or ``("refuse", regex)``
where the regex is the *reason* a learner must read (tab-separated data must not be called
"only a header row"). ``random_csv`` draws files from a grammar of good and bad cells for
the fuzz test and the tally.
"""

from __future__ import annotations

import os

GOOD = b"x1,x2,y\n0.1,0.2,0.3\n0.4,0.5,0.6\n"


def _fifo(folder):
    p = os.path.join(folder, "fifo.csv")
    os.mkfifo(p)
    return p


def _dev_zero(folder):
    p = os.path.join(folder, "zero.csv")
    os.symlink("/dev/zero", p)
    return p


def _folder(folder):
    p = os.path.join(folder, "folder.csv")
    os.mkdir(p)
    return p


def _sparse(folder):
    p = os.path.join(folder, "sparse.csv")
    with open(p, "wb") as fh:
        fh.truncate(2 * 2**30)
    return p


def rows(n: int, tail: bytes = b"") -> bytes:
    """A header and ``n`` rows of one input and a label, then ``tail``."""
    return b"x,y\n" + b"1,2\n" * n + tail


CASES = {
    # ---- files that must be refused without being read
    "a FIFO": (_fifo, ("refuse", "not a regular file")),
    "a link to /dev/zero": (_dev_zero, ("refuse", "not a regular file")),
    "a folder": (_folder, ("refuse", "folder")),
    "a sparse 2 GB file": (_sparse, ("refuse", "bytes; a data set may be at most")),
    # ---- the real reason, named
    "tab-separated with a header": (b"x1\tx2\ty\n1\t2\t3\n4\t5\t6\n", ("refuse", "separated by tabs")),
    "tab-separated": (b"1\t2\t3\n4\t5\t6\n", ("refuse", "separated by tabs")),
    "semicolons": (b"1;2;3\n4;5;6\n", ("refuse", "separated by semicolons")),
    "decimal commas": (b"x;y\n1,5;2,5\n", ("refuse", "separated by semicolons")),
    "spaces": (b"1 2 3\n4 5 6\n", ("refuse", "separated by spaces")),
    "hexadecimal": (b"x,y\n0x1F,0x2\n", ("refuse", "hexadecimal")),
    "a PNG renamed": (b"\x89PNG\r\n\x1a\n" + bytes(64), ("refuse", "PNG image|not a text CSV file")),
    "an Excel workbook": (b"PK\x03\x04" + bytes(64), ("refuse", "ZIP archive")),
    "binary": (bytes(range(256)) * 4, ("refuse", "binary|not a text CSV file")),
    "a NUL after 8 KB": (b"1,2\n" * 4000 + b"3,\x004\n", ("refuse", "binary")),
    "UTF-16": ("x,y\n1,2\n".encode("utf-16"), ("refuse", "UTF-16")),
    "Latin-1": (b"caf\xe9,y\n1,2\n", ("refuse", "not UTF-8")),
    "a quote never closed": (b'x,y\n1,"2\n3,4\n', ("refuse", "never closed")),
    "a quote after a quoted value": (b'x,y\n1,"2"3\n', ("refuse", "quotation mark inside a value")),
    "a stray quote": (b'x,y\n1,2"3\n', ("refuse", "stray quotation mark")),
    "only a header": (b"a,b,y\n", ("refuse", "only a header row")),
    "empty": (b"", ("refuse", "empty")),
    "blank lines only": (b"\n \n\r\n", ("refuse", "empty")),
    "a label of 1e300": (b"x,y\n1,1e300\n", ("refuse", "row 2, column 2: 1e300 is beyond")),
    "a value of -1e300": (b"x,y\n-1e300,1\n", ("refuse", "column 1: -1e300 is beyond")),
    "a value of 1e400": (b"x,y\n1e400,1\n", ("refuse", "column 1: 1e400 is not finite")),
    "NaN": (b"1,2\nnan,3\n", ("refuse", "row 2, column 1: nan is not finite")),
    "ragged rows": (b"1,2,3\n4,5\n", ("refuse", "row 2: 2 columns, expected 3")),
    "an empty value": (b"1,2,3\n4,,6\n", ("refuse", "column 2: (the value is empty|'' is not a number)")),
    "a word": (b"1,2,3\n4,five,6\n", ("refuse", "'five' is not a number")),
    "one column": (b"5\n6\n", ("refuse", "at least one value and a label")),
    "a line of 1.2 million characters": (b"1," * 600_000 + b"1\n", ("refuse", "longer than")),
    "70,000 columns": (b",".join([b"1"] * 70_000) + b"\n", ("refuse", "columns; a data set has at most")),
    "1,000,001 rows, then bytes that are not UTF-8": (rows(1_000_001, b"\xff\xfe\xfd\n" * 100),
                                                       ("refuse", "more than 1,000,000 data rows")),
    # ---- awkward but fine
    "exactly 1,000,000 rows": (rows(1_000_000), ("accept", (1_000_000, 1))),
    "the app's own format": (GOOD, ("accept", (2, 2))),
    "no header": (b"1,2,3,0.5\n4,5,6,0.25\n", ("accept", (2, 3))),
    "CRLF line ends": (b"x,y\r\n1,2\r\n3,4\r\n", ("accept", (2, 1))),
    "CR line ends": (b"x,y\r1,2\r3,4\r", ("accept", (2, 1))),
    "a byte-order mark": (b"\xef\xbb\xbfx,y\n1,2\n", ("accept", (1, 1))),
    "blank lines between rows": (b"x,y\n\n1,2\n  \n3,4\n\n", ("accept", (2, 1))),
    "spaces around values": (b" 1 , 2 \n3,4\n", ("accept", (2, 1))),
    "quoted numbers": (b'"1","2"\n"3",4\n', ("accept", (2, 1))),
    "no final newline": (b"x,y\n1,2", ("accept", (1, 1))),
    "large but allowed values": (b"x,y\n1e12,-1e12\n", ("accept", (1, 1))),
}

# ------------------------------------------------------------------ a grammar for the fuzz test
_CELLS = ["0", "1", "-2.5", "1e-3", "3.0e2", " 4 ", "+5", "0.1", "1e12", "-1e12", "1e13", "1e300", "-1e300",
          "1e400", "nan", "NaN", "inf", "-inf", "0x1F", "", " ", "x1", "y", "label", '"7"', '"8', '9"', "1,5",
          "1;2", "1\t2", "1 2", "\x00", "\x7f", "é", "−1", "1_000", "١", "٣.5", "1e", "--1", ".", "1.2.3",
          "\ufeff1", "\r", "\n"]
_SEPS = [",", ",", ",", ";", "\t", " ", ", "]
_ENDS = ["\n", "\n", "\r\n", "\r", ""]


def random_csv(rnd) -> bytes:
    """A CSV-ish file: mostly number rows, with hostile cells, separators, line ends, bytes."""
    width = rnd.randint(1, 5)
    lines = []
    if rnd.random() < 0.5:
        lines.append(",".join(f"x{i}" for i in range(width)))
    for _ in range(rnd.randint(0, 8)):
        w = width if rnd.random() < 0.85 else rnd.randint(1, 6)
        cells = [rnd.choice(_CELLS) if rnd.random() < 0.15 else f"{rnd.uniform(-3, 3):.6g}" for _ in range(w)]
        lines.append((rnd.choice(_SEPS) if rnd.random() < 0.1 else ",").join(cells))
    end = rnd.choice(_ENDS)
    text = end.join(lines) + (end if rnd.random() < 0.8 else "")
    data = text.encode("utf-8", "surrogatepass")
    roll = rnd.random()
    if roll < 0.1 and data:
        b = bytearray(data)
        for _ in range(rnd.randint(1, 4)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        data = bytes(b)
    elif roll < 0.15:
        data = text.encode(rnd.choice(["utf-16", "latin-1", "utf-8-sig"]), "replace")
    return data
