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


def style_error(label: QWidget, bold: bool = False, palette: QPalette | None = None) -> None:
    """Colour a label as an error for ``palette`` (its parent's; call again on a palette change).

    The parent's palette, not the label's: a style sheet rewrites the label's own palette.
    """
    weight = " font-weight: bold;" if bold else ""
    pal = palette if palette is not None else _base_palette(label)
    label.setStyleSheet(f"color: {error_colour(pal)};{weight}")


def _base_palette(label: QWidget) -> QPalette:
    parent = label.parentWidget()
    return parent.palette() if parent is not None else label.palette()


def note_colour(palette: QPalette) -> QColor:
    """A quieter text colour: 70 % of the way from the window colour to the text colour.

    (The palette's own PlaceholderText is 50 % transparent black in the light Fusion palette:
    3.9:1 on its window, below WCAG AA; this blend stays above 7:1 in both themes.)
    """
    t, w = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
    mix = 0.7
    return QColor.fromRgbF(*(w_c + mix * (t_c - w_c) for t_c, w_c in
                             ((t.redF(), w.redF()), (t.greenF(), w.greenF()), (t.blueF(), w.blueF()))))


def style_note(label: QWidget, palette: QPalette | None = None) -> None:
    """A quieter, slightly smaller note in ``note_colour`` (call again on a palette change)."""
    from PySide6.QtWidgets import QApplication

    size = QApplication.font().pointSizeF()
    size_css = f" font-size: {max(7.0, size * 0.92):.1f}pt;" if size > 0 else ""
    pal = palette if palette is not None else _base_palette(label)
    label.setStyleSheet(f"color: {note_colour(pal).name()};{size_css}")


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
           "error_colour", "is_dark", "note_colour", "style_error", "style_note"]
