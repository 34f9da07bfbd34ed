"""Small images of arrays — kernels, feature maps, digits — as painted tiles, and their colour scales.

One widget, ``TileGrid``, draws every grid of small images in the tab: a row-wrapping list of
tiles, each an array drawn pixel for pixel (nearest neighbour, so a 3×3 kernel reads as nine
squares) with a caption under it, outlines laid over it (a receptive field, a hovered cell), and
the cell under the mouse reported by signal. It paints QImages made once per change; a frame
costs a few ``drawImage`` calls, far cheaper than a plot item per map.

Colours come from the palette (gui/widgets/palette.py): signed values (kernels, pre-activation
maps, δ) on a diverging scale from the theme's negative colour through its background (0) to its
positive colour, so 0 disappears into the page in both themes; images in [0, 1] as ink on paper
(the theme's text colour on its background: the digits' strokes read as strokes in both themes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.formatting import fmt
from gui.widgets.palette import Theme, theme_for

CAPTION_GAP = 2
TILE_GAP = 6


def theme_of(widget: QWidget) -> Theme:
    """The palette's theme for ``widget``: dark when its window colour is dark."""
    return theme_for(widget.palette().color(QPalette.ColorRole.Window).lightness() < 128)


def _rgb(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)], dtype=float)


def diverging(values: np.ndarray, limit: float, theme: Theme) -> np.ndarray:
    """Signed values → (H, W, 3) uint8: negative colour … background at 0 … positive colour."""
    t = np.asarray(values, dtype=float) * (1.0 / (limit if limit > 0 else 1.0))
    t[~np.isfinite(t)] = 0.0
    np.clip(t, -1.0, 1.0, out=t)
    bg, pos, neg = _rgb(theme.background), _rgb(theme.positive), _rgb(theme.negative)
    t = t[..., None]
    out = bg + np.maximum(t, 0) * (pos - bg) + np.maximum(-t, 0) * (neg - bg)
    return (out + 0.5).astype(np.uint8)


def ink(values: np.ndarray, theme: Theme) -> np.ndarray:
    """An image in [0, 1]: greyscale as ink (the theme's text colour) on paper (its background);
    RGB (H, W, 3) as it is."""
    v = np.clip(np.asarray(values, dtype=float), 0.0, 1.0)
    v[~np.isfinite(v)] = 0.0
    if v.ndim == 3 and v.shape[2] == 3:
        return np.rint(v * 255).astype(np.uint8)
    if v.ndim == 3:
        v = v[..., 0]
    paper, pen = _rgb(theme.background), _rgb(theme.text)
    return np.clip(np.rint(paper + v[..., None] * (pen - paper)), 0, 255).astype(np.uint8)


def ink_stack(values: np.ndarray, theme: Theme) -> np.ndarray:
    """(H, W, C) values in [0, 1] → (H, W, C, 3) uint8, every channel as ink on paper (one pass)."""
    v = np.clip(np.asarray(values, dtype=float), 0.0, 1.0)
    v[~np.isfinite(v)] = 0.0
    paper, pen = _rgb(theme.background), _rgb(theme.text)
    return (paper + v[..., None] * (pen - paper) + 0.5).astype(np.uint8)


def to_qimage(rgb: np.ndarray) -> QImage:
    """(H, W, 3) uint8 → an independent QImage (the array may be freed afterwards)."""
    a = np.ascontiguousarray(rgb)
    h, w = a.shape[:2]
    return QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def symmetric_limit(*arrays: np.ndarray) -> float:
    """The largest |value| over ``arrays`` (1 when all are 0): one scale for a whole grid."""
    m = max((float(np.max(np.abs(a))) for a in arrays if np.size(a)), default=0.0)
    return m if m > 0 and np.isfinite(m) else 1.0


@dataclass
class Tile:
    """One small image: its pixels, what it shows, and outlines over it."""

    image: QImage
    rows: int
    cols: int
    caption: str = ""
    outlines: list[tuple[tuple[int, int, int, int], QColor]] = field(default_factory=list)


class TileGrid(QWidget):
    """Tiles in rows that wrap at the widget's width; hover and click report (tile, row, column)."""

    hovered = Signal(int, int, int)  # tile, row, column; (-1, -1, -1) when the mouse leaves
    clicked = Signal(int, int, int)

    def __init__(self, cell: int = 10, max_side: int = 96, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell = cell  # pixels per array pixel, shrunk so a tile is at most max_side wide
        self.max_side = max_side
        self.tiles: list[Tile] = []
        self._rects: list[QRect] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_tiles(self, tiles: list[Tile]) -> None:
        """Replace the tiles; the layout is worked out again only when their sizes or captions change."""
        key = [(t.rows, t.cols, t.caption) for t in tiles]
        self.tiles = tiles
        if key != getattr(self, "_key", None) or self.width() != getattr(self, "_laid_width", -1):
            self._key = key
            self._layout()
        self.update()

    def set_outlines(self, outlines: dict[int, list]) -> None:
        """Replace every tile's outlines: {tile: [((r0, c0, r1, c1), colour), …]} (half-open cells)."""
        for i, t in enumerate(self.tiles):
            t.outlines = list(outlines.get(i, []))
        self.update()

    def scale_for(self, t: Tile) -> int:
        strip = t.rows == 1  # a strip of dense units: larger cells, and room for 3 tiles' width
        cell, side = (2 * self.cell, 3 * self.max_side) if strip else (self.cell, self.max_side)
        return max(1, min(cell, side // max(t.rows, t.cols, 1)))

    def _layout(self) -> None:
        fm = self.fontMetrics()
        self._laid_width = self.width()
        width = max(self.width(), 120)
        x = y = 0
        row_h = 0
        self._rects = []
        for t in self.tiles:
            s = self.scale_for(t)
            w, h = t.cols * s, t.rows * s
            box_w = max(w, fm.horizontalAdvance(t.caption) + 2 if t.caption else w)
            if x and x + box_w > width:
                x, y, row_h = 0, y + row_h + TILE_GAP, 0
            self._rects.append(QRect(x + (box_w - w) // 2, y, w, h))
            row_h = max(row_h, h + (fm.height() + CAPTION_GAP if t.caption else 0))
            x += box_w + TILE_GAP
        height = y + row_h + 2 if self.tiles else 0
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(max(height, 0))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(300, max(self.height(), 10))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._layout()

    def tile_rect(self, i: int) -> QRect:
        return self._rects[i]

    def cell_at(self, pos: QPoint) -> tuple[int, int, int]:
        """(tile, row, column) under ``pos``, or (-1, -1, -1)."""
        for i, (t, r) in enumerate(zip(self.tiles, self._rects, strict=False)):
            if r.contains(pos):
                s = self.scale_for(t)
                return i, min(t.rows - 1, (pos.y() - r.y()) // s), min(t.cols - 1, (pos.x() - r.x()) // s)
        return -1, -1, -1

    def cell_centre(self, tile: int, row: int, col: int) -> QPoint:
        """Where on the widget cell (row, col) of ``tile`` is drawn (for tests and tooltips)."""
        r, s = self._rects[tile], self.scale_for(self.tiles[tile])
        return QPoint(r.x() + col * s + s // 2, r.y() + row * s + s // 2)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        self.hovered.emit(*self.cell_at(event.position().toPoint()))

    def leaveEvent(self, event) -> None:  # noqa: N802
        self.hovered.emit(-1, -1, -1)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.cell_at(event.position().toPoint())
            if hit[0] >= 0:
                self.clicked.emit(*hit)

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        frame = self.palette().color(QPalette.ColorRole.Mid)  # opaque: cheap to draw
        fm = self.fontMetrics()
        for t, r in zip(self.tiles, self._rects, strict=False):
            p.drawImage(QRectF(r), t.image)
            p.setPen(frame)
            p.drawRect(r.adjusted(-1, -1, 0, 0))
            s = self.scale_for(t)
            for (r0, c0, r1, c1), colour in t.outlines:
                box = QRect(r.x() + c0 * s, r.y() + r0 * s, (c1 - c0) * s, (r1 - r0) * s).intersected(r)
                p.setPen(QPen(QColor(0, 0, 0, 200), 4))
                p.drawRect(box)
                p.setPen(QPen(colour, 2))
                p.drawRect(box)
            if t.caption:
                p.setPen(text)
                cap = QRect(r.center().x() - 200, r.bottom() + CAPTION_GAP, 400, fm.height())
                p.drawText(cap, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), t.caption)
        p.end()


class ColourLegend(QWidget):
    """The diverging scale as a bar: −limit … 0 … +limit, with its title."""

    def __init__(self, title: str, parent: QWidget | None = None,
                 ends: tuple[str, str] | None = None) -> None:
        """``ends``: words for the bar's two ends instead of ∓limit (a legend for many scales)."""
        super().__init__(parent)
        self.title = title
        self.setToolTip(title)
        self.limit = 1.0
        self.ends = ends
        self.setFixedHeight(self.fontMetrics().height() * 2 + 12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_limit(self, limit: float) -> None:
        if limit != self.limit:
            self.limit = float(limit)
            self.update()

    def labels(self) -> tuple[str, str, str]:
        if self.ends is not None:
            return self.ends[0], "0", self.ends[1]
        return fmt(-self.limit, 3), "0", fmt(self.limit, 3)

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        theme = theme_of(self)
        fm = self.fontMetrics()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        p.setPen(text)
        title = fm.elidedText(self.title, Qt.TextElideMode.ElideRight, self.width())  # whole in the tooltip
        p.drawText(QRect(0, 0, self.width(), fm.height()), int(Qt.AlignmentFlag.AlignLeft), title)
        left, right = fm.horizontalAdvance(self.labels()[0]) + 6, fm.horizontalAdvance(self.labels()[2]) + 6
        bar_w = max(20, min(220, self.width() - left - right))
        strip = diverging(np.linspace(-1, 1, bar_w)[None, :], 1.0, theme)
        y = fm.height() + 4
        bar = QRect(left, y, bar_w, fm.height())
        p.drawImage(bar, to_qimage(np.repeat(strip, 2, axis=0)))
        p.drawRect(bar.adjusted(0, 0, -1, -1))
        lo, zero, hi = self.labels()
        p.drawText(QRect(0, y, left - 4, fm.height()), int(Qt.AlignmentFlag.AlignRight), lo)
        p.drawText(QRect(bar.right() + 4, y, right, fm.height()), int(Qt.AlignmentFlag.AlignLeft), hi)
        p.setPen(QColor(theme.text))
        p.drawLine(bar.center().x(), y + fm.height(), bar.center().x(), y + fm.height() + 3)
        p.end()


__all__ = ["ColourLegend", "Tile", "TileGrid", "diverging", "ink", "ink_stack", "symmetric_limit", "theme_of",
           "to_qimage"]
