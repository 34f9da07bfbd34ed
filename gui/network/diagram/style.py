"""Colours, pens and brushes of the network diagram, cached so a redraw allocates nothing.

The encoding (explained by the legend): kernel-weight edges keep the chapter's
identity colours (K6 red, K7 blue, K8 green; a categorical palette for larger
kernels); λ and bias edges are orange when positive and purple when negative; any
negative weight is drawn dashed; width grows with |weight|. Node fill is the node's
value on a purple–neutral–orange scale shown by the colour bar (orange = positive
everywhere in the diagram).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from gui.widgets.palette import LIGHT, Theme, legible, tap_colour

POSITIVE = "#e66101"  # orange: positive λ / bias, positive node values
NEGATIVE = "#7b4fc9"  # purple: negative λ / bias, negative node values
NEUTRAL = "#f4f1ec"  # zero on the node-value scale
DROPPED = "#9a9a9a"
N_LUT = 65  # node-fill colours: values are quantised to this many steps (odd: 0 has its own)
MIN_WIDTH, MAX_WIDTH = 0.8, 6.0  # edge widths in pixels
WIDTH_PER_UNIT = 4.0  # pixels per unit of |weight| above MIN_WIDTH
WIDTH_STEP = 0.25  # pens are cached per quarter pixel


def node_colour_map() -> pg.ColorMap:
    """The diverging node-value scale: purple (negative) – neutral (0) – orange (positive)."""
    return pg.ColorMap([0.0, 0.5, 1.0], [QColor(NEGATIVE), QColor(NEUTRAL), QColor(POSITIVE)])


def nice_limit(value: float) -> float:
    """The colour scale's half-range: ≥ 1, rounded up to 1, 2 or 5 × 10^k so it rarely jumps."""
    if not math.isfinite(value) or value <= 1.0:
        return 1.0
    exp = 10.0 ** math.floor(math.log10(value))
    for m in (1.0, 2.0, 5.0, 10.0):
        if value <= m * exp:
            return m * exp
    return 10.0 * exp


def edge_width(weight: float, max_width: float = MAX_WIDTH) -> float:
    """Pixel width for |weight|, quantised to WIDTH_STEP and clamped to a readable range.

    ``max_width`` shrinks for crowded diagrams so thick edges do not merge into a wall.
    """
    if not math.isfinite(weight):
        return MIN_WIDTH
    w = min(max_width, MIN_WIDTH + WIDTH_PER_UNIT * abs(weight))
    return round(w / WIDTH_STEP) * WIDTH_STEP


class Styles:
    """Caches of pens and brushes keyed by (colour, width, dashed), plus the node-fill table."""

    def __init__(self, theme: Theme = LIGHT) -> None:
        self._pens: dict[tuple, QPen] = {}
        cmap = node_colour_map()
        rgba = cmap.map(np.linspace(0.0, 1.0, N_LUT), mode="qcolor")
        self.node_brushes = [QBrush(c) for c in rgba]
        # black or white name text on each fill, whichever contrasts more
        self.node_text = [
            QColor("black") if 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue() > 140
            else QColor("white")
            for c in rgba
        ]
        self.nan_brush = QBrush(QColor("#606060"))
        self.dropped_brush = QBrush(QColor(DROPPED), Qt.BrushStyle.Dense4Pattern)
        self.set_theme(theme)
        self.max_width = MAX_WIDTH  # set from the pixels between neighbouring edges

    def set_theme(self, theme: Theme) -> None:
        """Kernel-weight colours from the window's palette (gui/widgets/palette.py), for this theme."""
        self.theme = theme
        # λ and bias edges by sign: the theme's orange and purple, legible on its background
        self.positive = QColor(legible(theme.positive, theme.background))
        self.negative = QColor(legible(theme.negative, theme.background))
        self.kernel = [QColor(tap_colour(i, theme)) for i in range(len(getattr(self, "kernel", ())) or 8)]

    def kernel_colour(self, i: int) -> QColor:
        """The colour of the i-th weight of every kernel, for any kernel size (K6 red, K7 blue…)."""
        while len(self.kernel) <= i:
            self.kernel.append(QColor(tap_colour(len(self.kernel), self.theme)))
        return self.kernel[i]

    def pen(self, colour: QColor, width: float, dashed: bool) -> QPen:
        """A cosmetic (pixel-width) pen; negative weights are dashed."""
        key = (colour.rgba(), width, dashed)
        pen = self._pens.get(key)
        if pen is None:
            pen = QPen(colour)
            pen.setCosmetic(True)
            pen.setWidthF(width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            if dashed:
                pen.setStyle(Qt.PenStyle.CustomDashLine)
                pen.setDashPattern([4.0 / max(width, 1.0) * 1.5, 3.0 / max(width, 1.0) * 1.5])
            self._pens[key] = pen
        return pen

    def weight_pen(self, colour: QColor | None, weight: float) -> QPen:
        """Pen for an edge of weight ``weight``; ``colour`` None means colour by sign (λ, bias)."""
        if colour is None:
            colour = self.negative if weight < 0 else self.positive
        return self.pen(colour, edge_width(weight, self.max_width), weight < 0)

    def node_index(self, value: float, limit: float) -> int:
        """Row of the node-fill table for ``value`` on the scale −limit … +limit (−1 for NaN)."""
        if not math.isfinite(value):
            return -1
        t = (min(max(value, -limit), limit) + limit) / (2 * limit)
        return int(round(t * (N_LUT - 1)))
