"""The pieces of the stage grid: a map, a kernel thumbnail, a colour bar (plain Qt widgets).

Each map cell paints a finished display image (``display.DisplayImage``) scaled to its size
and, zoomed in past that image's resolution, a full-resolution crop of just the visible part.
Outlines (the receptive field on the input, the hovered pixel on its map) are cosmetic pens,
``OUTLINE_PX`` device-independent pixels wide over a wider dark halo, so they read at any zoom
and on any pixel colour. Wheel events go to the view (it scrolls, or zooms with Ctrl).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.image_lab.display import DisplayImage, Levels, to_argb
from gui.image_lab.looks import GREY_CMAP, HALO, OUTLINE, SIGNED_CMAP, colour_table

OUTLINE_PX = 2.0  # outline width on screen, whatever the zoom
HALO_PX = 4.0  # the dark halo under it
THUMB_PX = 84  # kernel thumbnails are this many pixels square
KERNEL_NUMBERS_MAX = 5  # write the weights on kernels up to 5×5
BAR_WIDTH = 14
BAR_TOTAL = BAR_WIDTH + 46  # the bar and its numbers


def format_weight(v: float) -> str:
    """A weight short enough for a kernel cell: 1, -2, 1/16 (exact small fractions), .11."""
    if float(v).is_integer():
        return str(int(v))
    frac = Fraction(v).limit_denominator(99)
    if abs(float(frac) - v) < 1e-6 * max(1.0, abs(v)):
        return f"{frac.numerator}/{frac.denominator}"
    text = f"{v:.2g}"
    return text.replace("0.", ".", 1) if abs(v) < 1 else text


def qimage(argb: np.ndarray) -> QImage:
    """A QImage over a (h, w) uint32 0xAARRGGBB array (no copy: keep the array alive)."""
    h, w = argb.shape
    return QImage(argb.data, w, h, 4 * w, QImage.Format.Format_RGB32)


def outline_pens(colour: QColor) -> tuple[QPen, QPen]:
    """(halo, line) cosmetic pens: the same width on screen at every zoom."""
    halo, line = QPen(HALO, HALO_PX), QPen(colour, OUTLINE_PX)
    for pen in (halo, line):
        pen.setCosmetic(True)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return halo, line


class MapCell(QWidget):
    """One map of one stage, drawn at the cell's size; reports the map pixel under the pointer."""

    hovered = Signal(str, int, int, int)  # stage, map index, y, x (map pixels, y down)
    left = Signal()

    def __init__(self, stage: str, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage, self.index = stage, index
        self.setObjectName(f"map_{stage}_{index}")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.shape = (1, 1)  # the full-resolution map's (H, W)
        self._display: DisplayImage | None = None
        self._image: QImage | None = None
        self._source: np.ndarray | None = None  # full-resolution values, for zoomed-in crops
        self._levels: Levels | None = None
        self._table: np.ndarray | None = None
        self._detail: tuple | None = None  # (key, QImage, array, target rect)
        self.outline: tuple[int, int, int, int] | None = None  # (y0, x0, y1, x1) in map pixels
        self.outline_colour = OUTLINE
        self.on_wheel = None  # the view's handler: the wheel scrolls the grid, Ctrl+wheel zooms it

    def set_image(self, display: DisplayImage, source: np.ndarray | None, levels: Levels | None) -> None:
        """Show a display image; ``source`` (full resolution) and ``levels`` draw zoomed-in crops."""
        self._display, self._image = display, qimage(display.argb)
        self._source, self._levels = source, levels
        self._table = None if levels is None else colour_table(SIGNED_CMAP if levels.signed else GREY_CMAP)
        self._detail = None
        self.shape = display.shape
        self.update()

    def release_source(self) -> None:
        """Forget the full-resolution values (the picture stays; zoomed-in crops stop)."""
        self._source, self._detail = None, None

    def scale(self) -> float:
        """Screen pixels per map pixel."""
        return self.width() / max(1, self.shape[1])

    def map_pixel(self, pos: QPointF) -> tuple[int, int] | None:
        """The map pixel (y, x) under a widget position, or None outside the map."""
        s = self.scale()
        y, x = math.floor(pos.y() / s), math.floor(pos.x() / s)
        if 0 <= y < self.shape[0] and 0 <= x < self.shape[1]:
            return y, x
        return None

    def widget_rect(self, y0: float, x0: float, y1: float, x1: float) -> QRectF:
        """Map-pixel rectangle (half-open) in widget coordinates."""
        s = self.scale()
        return QRectF(x0 * s, y0 * s, (x1 - x0) * s, (y1 - y0) * s)

    def set_outline(self, rect: tuple[int, int, int, int] | None, colour: QColor = OUTLINE) -> None:
        if rect != self.outline or colour != self.outline_colour:
            self.outline, self.outline_colour = rect, colour
            self.update()

    # ------------------------------------------------------------------ Qt

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.size()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        hit = self.map_pixel(event.position())
        if hit is None:
            self.left.emit()
        else:
            self.hovered.emit(self.stage, self.index, *hit)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.on_wheel is not None:
            self.on_wheel(event, self)
        else:
            event.ignore()

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.left.emit()
        super().leaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        if self._image is None:
            p.fillRect(self.rect(), self.palette().color(self.backgroundRole()))
            return
        shown = self._display.argb.shape[1] / max(1, self.width())  # display pixels per screen pixel
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, shown > 1.0)
        p.drawImage(QRectF(self.rect()), self._image)
        if self._display.factor > 1 and self._source is not None and shown < 1.0:
            self._paint_detail(p, event.rect())
        if self.outline is not None:
            y0, x0, y1, x1 = self.outline
            r = self.widget_rect(y0, x0, y1, x1)
            for pen in outline_pens(self.outline_colour):
                p.setPen(pen)
                p.drawRect(r)

    def _paint_detail(self, p: QPainter, exposed: QRect) -> None:
        """Zoomed in past the display image: draw the exposed part from full-resolution values."""
        s = self.scale()
        step = max(1, math.floor(1 / s))  # map pixels per screen pixel (nearest pixel when > 1)
        y0, x0 = max(0, math.floor(exposed.top() / s)), max(0, math.floor(exposed.left() / s))
        y1 = min(self.shape[0], math.ceil((exposed.bottom() + 1) / s))
        x1 = min(self.shape[1], math.ceil((exposed.right() + 1) / s))
        y0, x0 = y0 - y0 % step, x0 - x0 % step
        if y1 <= y0 or x1 <= x0:
            return
        key = (y0, x0, y1, x1, step, self.width())
        if self._detail is None or self._detail[0] != key:
            crop = self._source[y0:y1:step, x0:x1:step]
            argb = to_argb(crop, self._levels, self._table) if self._levels is not None else None
            if argb is None:  # RGB input
                from gui.image_lab.display import rgb_to_argb

                argb = rgb_to_argb(crop)
            argb = np.ascontiguousarray(argb)
            ny, nx = argb.shape
            self._detail = (key, qimage(argb), argb, self.widget_rect(y0, x0, y0 + ny * step, x0 + nx * step))
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(self._detail[3], self._detail[1])


class KernelThumb(QWidget):
    """A kernel's weights as a small diverging image with the numbers written on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(THUMB_PX, THUMB_PX)
        self.weights = np.zeros((1, 1))
        self._image: QImage | None = None
        self._argb: np.ndarray | None = None
        self._labels: list[tuple[int, int, str]] = []

    def set_weights(self, weights: np.ndarray) -> None:
        w = np.asarray(weights, dtype=np.float64)
        if self._image is not None and w.shape == self.weights.shape and np.array_equal(w, self.weights):
            return
        self.weights = w
        m = float(np.max(np.abs(w))) or 1.0
        self._argb = np.ascontiguousarray(to_argb(w, Levels(-m, m, True, False), colour_table(SIGNED_CMAP)))
        self._image = qimage(self._argb)
        k = w.shape[0]
        self._labels = ([(r, c, format_weight(float(v))) for (r, c), v in np.ndenumerate(w)]
                        if k <= KERNEL_NUMBERS_MAX else [])
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        if self._image is None:
            return
        p = QPainter(self)
        p.drawImage(QRectF(self.rect()), self._image)
        if not self._labels:
            return
        kh, kw = self.weights.shape
        longest = max(len(t) for _, _, t in self._labels)
        font = QFont(self.font())
        font.setPixelSize(int(max(7, min(14, 1.7 * (THUMB_PX / max(kh, kw)) / max(longest, 1.5)))))
        p.setFont(font)
        p.setPen(QColor("#000000"))  # on the table's light middle colours
        cw, ch = THUMB_PX / kw, THUMB_PX / kh
        for r, c, text in self._labels:
            p.drawText(QRectF(c * cw, r * ch, cw, ch), Qt.AlignmentFlag.AlignCenter, text)


class ColourBar(QWidget):
    """A vertical colour bar with its end values (and 0 for a signed scale), in the palette's text colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.levels = Levels(0.0, 1.0, False, False)
        self.setFixedWidth(BAR_TOTAL)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_levels(self, levels: Levels) -> None:
        if levels != self.levels:
            self.levels = levels
            self.update()

    def tick_labels(self) -> list[str]:
        """The numbers written beside the bar, top to bottom."""
        lv = self.levels
        ticks = [lv.hi, 0.0, lv.lo] if lv.signed else [lv.hi, lv.lo]
        return [f"{v:.3g}".replace("-", "−") for v in ticks]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        table = colour_table(SIGNED_CMAP if self.levels.signed else GREY_CMAP)
        column = np.ascontiguousarray(table[::-1].reshape(-1, 1))
        img = qimage(column)
        top, height = 6, max(1, self.height() - 12)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        p.drawImage(QRectF(0, top, BAR_WIDTH, height), img)
        p.setPen(self.palette().color(self.foregroundRole()))
        p.drawRect(QRectF(0, top, BAR_WIDTH, height))
        labels = self.tick_labels()
        for i, text in enumerate(labels):
            y = top + height * i / (len(labels) - 1)
            p.drawLine(QPointF(BAR_WIDTH, y), QPointF(BAR_WIDTH + 3, y))
            p.drawText(QRectF(BAR_WIDTH + 5, y - 8, self.width() - BAR_WIDTH - 5, 16),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


__all__ = ["BAR_TOTAL", "ColourBar", "HALO_PX", "KernelThumb", "MapCell", "OUTLINE_PX", "THUMB_PX",
           "format_weight", "outline_pens", "qimage"]
