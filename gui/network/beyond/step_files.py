"""The step-through written to a file: CSV of every number, or a LaTeX transcript — atomically."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from core.chapter.stepthrough.export import to_csv_rows, to_latex

EXPORT_FILTER = "CSV table (*.csv);;LaTeX (*.tex)"


def write_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path`` and rename it: never half a file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def step_export_text(subs, path: str | os.PathLike, precision: int = 4) -> str:
    """The sub-steps as LaTeX (a ``.tex`` path) or CSV (anything else)."""
    if Path(path).suffix.lower() == ".tex":
        return to_latex(subs, precision) + "\n"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(to_csv_rows(subs))
    return buf.getvalue()
