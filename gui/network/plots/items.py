"""The training plots' pieces: a decade axis, a scrubbing view box, an epoch cursor, ranges."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt

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


class EpochCursor(pg.InfiniteLine):
    """The plots' epoch cursor: an InfiniteLine that does not ask for a second paint each time it moves.

    pyqtgraph recomputes the line's bounding rect while painting and calls
    ``prepareGeometryChange()`` when it differs from the last one; for a vertical line moved
    along x the new rect differs only by rounding (the view mapped into the moved line's
    coordinates), so every frame's cursor move scheduled one more paint of all four plots,
    which ran while the worker trained (bench/gui_scale.py). Here rects equal to within
    ``REL_TOL`` of the view count as unchanged. Uses the private fields of pyqtgraph's own
    ``_computeBoundingRect`` (0.13–0.14); without them it is an ordinary InfiniteLine.
    """

    REL_TOL = 1e-9

    def _computeBoundingRect(self):  # noqa: N802 (pyqtgraph's name)
        needed = ("_maxMarkerSize", "_bounds", "_lastViewSize", "span")
        vr = self.viewRect()
        if vr is None or not all(hasattr(self, n) for n in needed):
            return super()._computeBoundingRect()
        _, ortho = self.pixelVectors(direction=pg.Point(1, 0))
        px = 0 if ortho is None else ortho.y()
        pw = max(self.pen.width() / 2, self.hoverPen.width() / 2)
        w = (self._maxMarkerSize + pw + 1) * px
        br = QRectF(vr)
        br.setBottom(-w)
        br.setTop(w)
        length = br.width()
        left = br.left() + length * self.span[0]
        right = br.left() + length * self.span[1]
        br.setLeft(left)
        br.setRight(right)
        br = br.normalized()
        vs = self.getViewBox().size()
        if not _same_rect(self._bounds, br, self.REL_TOL) or self._lastViewSize != vs:
            self._bounds = br
            self._lastViewSize = vs
            self.prepareGeometryChange()
        self._endPoints = (left, right)
        self._lastViewRect = vr
        return self._bounds


def _same_rect(a, b: QRectF, rel: float) -> bool:
    """Whether two rects are equal to within ``rel`` of their size (None: never)."""
    if a is None:
        return False
    tol = rel * max(abs(b.width()), abs(b.height()), 1e-300)
    return (abs(a.left() - b.left()) <= tol and abs(a.right() - b.right()) <= tol
            and abs(a.top() - b.top()) <= tol and abs(a.bottom() - b.bottom()) <= tol)
