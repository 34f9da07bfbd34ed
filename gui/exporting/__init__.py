"""Exports people can use: the diagram and the plots as PNG/SVG, the history as CSV.

* ``export_view(target, path, scale=2.0)`` — PNG of what the view shows at ``scale``
  (text scaled too, longer side ≤ ``MAX_EXPORT_PX``) or an SVG that Chromium, rsvg-convert
  and cairo draw alike (``picture``, ``svg_fix``).
* ``export_history_csv(history, path, progress=None, cancelled=None)`` — the CSV with
  progress every ``rows_per_report(history)`` rows and cancellation (``csv_file``).
* ``export_widget(widget, path)`` — the same for a plain widget (the CNN tab's kernels and
  feature maps), the whole widget; ``export_columns_csv(path, columns)`` — a small table.
* Every file is written atomically with the user's umask, through symbolic links (``files``).
"""

from gui.exporting.csv_file import (
    PROGRESS_VALUES,
    export_columns_csv,
    export_history_csv,
    history_header,
    rows_per_report,
)
from gui.exporting.files import ExportCancelled, ExportError, atomic_open, new_file_mode, write_bytes
from gui.exporting.picture import (
    DEFAULT_SCALE,
    EXPORT_FILTER,
    MAX_EXPORT_PX,
    MAX_SCALE,
    MIN_SCALE,
    export_scale,
    export_view,
    export_widget,
    render_png,
    render_svg,
    render_svg_raw,
    view_of,
)
from gui.exporting.svg_fix import fix_svg, non_scaling_count

__all__ = [
    "DEFAULT_SCALE", "EXPORT_FILTER", "MAX_EXPORT_PX", "MAX_SCALE", "MIN_SCALE", "PROGRESS_VALUES",
    "ExportCancelled", "ExportError", "atomic_open", "export_columns_csv", "export_history_csv",
    "export_scale", "export_view", "export_widget",
    "fix_svg", "history_header", "new_file_mode", "non_scaling_count", "render_png", "render_svg",
    "render_svg_raw", "rows_per_report", "view_of", "write_bytes",
]
