"""The plot pieces the training plots are built from: a decade axis, a scrubbing view box, ranges."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

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
    """An axis whose log mode always labels whole decades first, whose labels never overlap.

    pyqtgraph always writes the labels of its major ticks, at least three of them, however short
    the axis: at 1280×720 the training plots are ~50 px tall, and "0.4 0.2 0 −0.2" piled into one
    blot. A vertical axis here widens its major spacing (1, 2, 5, 10, …) until its labels fit with
    a gap between them (keeping at least one). Only 1, 2 and 5: pyqtgraph writes a level's labels
    with as many decimals as its spacing has, so a tick at 0.25 of a 0.25-spaced level reads "0.2".
    And whatever the orientation, a label that would touch one already laid out (a higher level's
    first: decades before 2·10¹, 3·10¹ …) is left out.
    """

    LINE_GAP = 1.35  # a label's height plus the gap below it, in label heights

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802, N803 (pyqtgraph's names)
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if not any(spacing is not None and spacing >= 1.0 for spacing, _ in ticks):
            decades = [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)]
            ticks.insert(0, (1.0, decades))
        return ticks

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 (pyqtgraph's names)
        levels = super().tickSpacing(minVal, maxVal, size)
        if self.orientation not in ("left", "right") or not levels or self._tickSpacing is not None:
            return levels
        line = QFontMetricsF(self.style["tickFont"] or self.font()).height() * 0.8  # as pyqtgraph measures
        room = max(2, int(size // (line * self.LINE_GAP)))
        lo, hi = min(minVal, maxVal), max(minVal, maxVal)
        major = levels[0][0]
        while labels_between(lo, hi, major) > room and labels_between(lo, hi, wider(major)) >= 1:
            major = wider(major)
        if major == levels[0][0]:
            return levels  # they fit as pyqtgraph spaced them
        minor = major / 5 if round(major / 10.0 ** math.floor(math.log10(major))) == 5 else major / 2
        return [(major, 0), (minor, 0)]  # grid lines between, labelled only where they fit

    def generateDrawSpecs(self, p):  # noqa: N802 (pyqtgraph's name)
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        gap = (LABEL_GAP_PX, 0.0) if self.orientation in ("top", "bottom") else (0.0, 1.0)
        kept: list = []
        for spec in text_specs:  # level by level, the major labels first
            grown = spec[0].adjusted(-gap[0], -gap[1], gap[0], gap[1])
            if not any(grown.intersects(other[0]) for other in kept):
                kept.append(spec)
        return axis_spec, tick_specs, kept


LABEL_GAP_PX = 4.0  # the least room between two value labels side by side


def wider(step: float) -> float:
    """The next step of the 1, 2, 5, 10, … ladder above ``step``."""
    scale = 10.0 ** math.floor(math.log10(step))
    mantissa = step / scale
    return (2.0 if mantissa < 1.5 else 5.0 if mantissa < 3.5 else 10.0) * scale


def labels_between(lo: float, hi: float, step: float) -> int:
    """How many multiples of ``step`` lie in [lo, hi]."""
    return max(0, math.floor(hi / step + 1e-9) - math.ceil(lo / step - 1e-9) + 1)


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
