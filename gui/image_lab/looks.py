"""The lab's colours, taken from the palette so light and dark themes both read well.

Text uses the palette's own roles (WindowText, PlaceholderText for notes); the one accent, the
error red, is picked per theme for a contrast of at least 4.5:1 (WCAG AA) against the window.
The colour tables of the maps (pyqtgraph's CET maps) and the outline colours are the same in
every theme: they sit on the maps, not on the window.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from gui.image_lab.display import argb_table

SIGNED_CMAP = "CET-D1"  # diverging blue–white–red, white at 0
GREY_CMAP = "CET-L1"  # linear black → white
OUTLINE = QColor("#ffd400")  # receptive-field outline: yellow reads on grey and on blue/red
PIXEL = QColor("#00e5ff")  # the hovered output pixel
HALO = QColor(0, 0, 0, 210)  # drawn under both, wider, so they show on light pixels too
ERROR_LIGHT, ERROR_DARK = "#b3261e", "#ff8a80"


def is_dark(palette: QPalette) -> bool:
    """True when the window colour is dark (a dark theme)."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def error_colour(palette: QPalette) -> str:
    """The error red for this palette: dark red on light windows, light red on dark ones."""
    return ERROR_DARK if is_dark(palette) else ERROR_LIGHT


def style_error(label: QWidget, bold: bool = False) -> None:
    """Colour a label as an error for its current palette (call again on a palette change)."""
    weight = " font-weight: bold;" if bold else ""
    label.setStyleSheet(f"color: {error_colour(label.palette())};{weight}")


def style_note(label: QWidget) -> None:
    """A quieter note: the palette's placeholder-text colour, slightly smaller (idempotent)."""
    from PySide6.QtWidgets import QApplication

    label.setStyleSheet("")
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    font = label.font()
    base = QApplication.font().pointSizeF()
    if base > 0:
        font.setPointSizeF(max(7.0, base * 0.92))
        label.setFont(font)


@cache
def colour_table(name: str) -> np.ndarray:
    """256 0xFFRRGGBB colours of a pyqtgraph colour map (read once)."""
    import pyqtgraph as pg

    lut = pg.colormap.get(name).getLookupTable(nPts=256, mode=pg.ColorMap.BYTE, alpha=False)
    return argb_table(lut)


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


__all__ = ["GREY_CMAP", "HALO", "OUTLINE", "PIXEL", "SIGNED_CMAP", "colour_table", "contrast",
           "error_colour", "is_dark", "style_error", "style_note"]
