"""The plot pieces the training plots are built from: a decade axis, a scrubbing view box, ranges."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

MAX_ABS = 1e100  # a diverging run's values beyond this are left out of the y range
PEN_STYLES = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine,
              "dashdot": Qt.PenStyle.DashDotLine, "dashdotdot": Qt.PenStyle.DashDotDotLine}
GLYPHS = {"solid": "━━", "dash": "╍╍", "dot": "┅┅", "dashdot": "━┅", "dashdotdot": "━┅┅"}


def extent(*arrays) -> tuple[float, float] | None:
    """The smallest and largest finite value in ``arrays`` (a diverging run's huge ones left out)."""
    if not arrays:
        return None
    a = np.concatenate([np.asarray(x, dtype=float).ravel() for x in arrays])
    a = a[np.isfinite(a) & (np.abs(a) <= MAX_ABS)]
    if a.size == 0:
        return None
    return float(a.min()), float(a.max())


def pen(colour: str, style: str = "solid", width: float = 2.0):
    """A plot pen of a palette colour and a named line style."""
    return pg.mkPen(colour, width=width, style=PEN_STYLES.get(style, Qt.PenStyle.SolidLine))


class DecadeAxis(pg.AxisItem):
    """An axis whose log mode always labels whole decades first, so minor-tick labels never pile up."""

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802, N803 (pyqtgraph's names)
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if not any(spacing is not None and spacing >= 1.0 for spacing, _ in ticks):
            decades = [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)]
            ticks.insert(0, (1.0, decades))
        return ticks


class ScrubViewBox(pg.ViewBox):
    """A ViewBox whose left click/drag picks an epoch instead of panning (right button: menu)."""

    def __init__(self, on_scrub: Callable[[float], None]) -> None:
        super().__init__(enableMenu=True)
        self._on_scrub = on_scrub
        self.setMouseEnabled(x=False, y=False)

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self._on_scrub(self.mapSceneToView(ev.scenePos()).x())
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None) -> None:  # noqa: N802
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self._on_scrub(self.mapSceneToView(ev.scenePos()).x())
        else:
            super().mouseDragEvent(ev, axis)
