"""The window's exports, kept under their old names; the work is done in ``gui.exporting``.

``export_view`` writes a PNG of what a view shows (at a scale, bounded to 8000 px) or a
portable SVG; ``export_history_csv`` writes the history with progress and cancellation.
"""

from gui.exporting import (
    DEFAULT_SCALE,
    EXPORT_FILTER,
    MAX_EXPORT_PX,
    ExportCancelled,
    ExportError,
    export_history_csv,
    export_view,
)

__all__ = ["DEFAULT_SCALE", "EXPORT_FILTER", "MAX_EXPORT_PX", "ExportCancelled", "ExportError",
           "export_history_csv", "export_view"]
