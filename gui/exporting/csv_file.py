"""The training history as CSV, with progress and cancellation for long runs.

The columns are exactly ``core.chapter.history.History.to_csv``'s — ``epoch, <every
parameter>, loss, [eval_loss,] yhat_0…`` with ``repr`` floats — so a file from the app and
one from ``cnn-visualiser train --csv`` read the same (a test compares them byte for byte).
This copy exists because a 35 MB history took seconds with no sign of life: rows are written
in blocks of ``rows_per_report`` rows (~``PROGRESS_VALUES`` numbers, a few tens of ms), and
after each block ``progress(rows_done, rows_total)`` is called and ``cancelled()`` asked.
Cancelling raises ``ExportCancelled`` and leaves no file (an older file of that name is
untouched); the file is written through ``files.atomic_open`` (umask, symbolic links).

``export_columns_csv`` writes a small table of named columns (the CNN tab's learning curves:
one row per epoch on screen), ``repr`` floats, an empty cell where a value is missing (NaN).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication

from gui.exporting.files import ExportCancelled, atomic_open

translate = QCoreApplication.translate

PROGRESS_VALUES = 10_000  # numbers formatted between two progress reports (and Cancel checks)

Progress = Callable[[int, int], object]


def history_header(history) -> list[str]:
    """The CSV's first line (same names and order as ``History.to_csv``)."""
    ev = ["eval_loss"] if history.eval_loss is not None else []
    return ["epoch", *history.param_names, "loss", *ev] + [f"yhat_{i}" for i in range(history.n_samples)]


def rows_per_report(history) -> int:
    """Rows between two progress reports: ~PROGRESS_VALUES numbers, so a report comes every
    few tens of ms (~2 µs a number here) whatever the width of a row."""
    width = 2 + len(history.param_names) + history.n_samples + (history.eval_loss is not None)
    return max(1, PROGRESS_VALUES // width)


def _lines(history, start: int, stop: int) -> str:
    """Rows ``start``…``stop`` as CSV text: what ``csv.writer`` writes for them (numbers need no
    quoting), about twice as fast as building lists for it."""
    ev = history.eval_loss
    cols = [history.param_matrix[start:stop], history.loss[start:stop, None]]
    if ev is not None:
        cols.append(ev[start:stop, None])
    cols.append(history.predictions[start:stop])
    values = np.hstack(cols).tolist()
    epochs = history.epochs[start:stop].tolist()
    return "".join(f"{e},{','.join(map(repr, row))}\r\n" for e, row in zip(epochs, values, strict=True))


def export_history_csv(history, path: str | os.PathLike, progress: Progress | None = None,
                       cancelled: Callable[[], bool] | None = None, block: int | None = None) -> Path:
    """Write ``history`` to ``path`` as CSV; returns ``Path(path)``.

    ``progress(done, total)`` is called with 0 before the first row, after every ``block``
    rows (default ``rows_per_report``) and with ``total`` once the file is in place (``total``
    = recorded rows). ``cancelled()`` is asked before every block; when it answers True the
    export stops with ``ExportCancelled``. Both run on the exporting thread (the training
    worker's): relay progress to the GUI with a signal, and let ``cancelled`` read a flag the
    GUI sets (e.g. ``threading.Event.is_set``) — a queued command would wait for the export.
    """
    total = int(history.n)
    block = max(1, int(block if block is not None else rows_per_report(history)))
    if progress is not None:
        progress(0, total)
    with atomic_open(path, binary=False) as fh:
        csv.writer(fh).writerow(history_header(history))
        for start in range(0, total, block):
            if cancelled is not None and cancelled():
                raise ExportCancelled(translate("Export", "{0}: cancelled after {start:,} of "
                                                          "{total:,} rows").format(
                    Path(path).name, start=start, total=total))
            stop = min(total, start + block)
            fh.write(_lines(history, start, stop))
            if progress is not None and stop < total:
                progress(stop, total)
    if progress is not None:
        progress(total, total)
    return Path(path)


def export_columns_csv(path: str | os.PathLike, columns: dict[str, np.ndarray]) -> Path:
    """Write ``columns`` (name → equal-length 1-D array) as CSV rows; NaN is an empty cell."""
    names = list(columns)
    arrays = [np.asarray(columns[n]) for n in names]
    n = len(arrays[0]) if arrays else 0

    def cell(v) -> str:
        if isinstance(v, float) and v != v:
            return ""
        return repr(v)

    with atomic_open(path, binary=False) as fh:
        out = csv.writer(fh)
        out.writerow(names)
        for i in range(n):
            out.writerow([cell(a[i].item()) for a in arrays])
    return Path(path)
