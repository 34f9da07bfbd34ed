"""The step-through written to a file: CSV of every number, or a LaTeX transcript — atomically."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.chapter.stepthrough.export import to_csv_rows, to_latex
from gui.exporting.files import atomic_open

EXPORT_FILTER = QT_TRANSLATE_NOOP("StepFiles", "CSV table (*.csv);;LaTeX (*.tex)")  # translated where shown


def write_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` atomically (never half a file), through symlinks, with the user's umask."""
    with atomic_open(path, binary=False) as f:
        f.write(text)
    return Path(path)


def step_export_text(subs, path: str | os.PathLike, precision: int = 4) -> str:
    """The sub-steps as LaTeX (a ``.tex`` path) or CSV (anything else)."""
    if Path(path).suffix.lower() == ".tex":
        return to_latex(subs, precision) + "\n"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(to_csv_rows(subs))
    return buf.getvalue()
