"""The diagram's graphics items: pixel-sized nodes and labels anchored at data positions.

Nodes and labels ignore the view's scaling (``ItemIgnoresTransformations``), so
circles stay round and text stays readable whatever the widget's size, while
their positions follow the layout's data coordinates. Setting the same text
twice is a no-op, which keeps per-frame redraws cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)

IGNORE = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
NO_PEN = QPen(Qt.PenStyle.NoPen)
NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)


def box_geometry(w: float, h: float, align: str, gap: float, shift: tuple[float, float] = (0.0, 0.0),
                 pad: float = 2.0) -> tuple[float, float, tuple[float, float, float, float]]:
    """Where text of size ``w``×``h`` goes relative to its anchor: (text x, text y, box rect).

    ``align`` says where the box sits relative to the anchor: "center", "left" (box ends
    at the anchor), "right" (box starts there), "below" or "above"; ``gap`` is the pixel
    distance kept from the anchor (e.g. a node's radius); ``shift`` moves it further (pixels).
    The box rect (left, top, right, bottom) — ``pad`` around the text, keeping ``pad`` from a
    node beside it and ``pad / 2`` from one above or below — is what the placement keeps clear.
    """
    x, y = {
        "center": (-w / 2, -h / 2),
        "left": (-gap - w - 2 * pad, -h / 2),
        "right": (gap + 2 * pad, -h / 2),
        "below": (-w / 2, gap + pad),
        "above": (-w / 2, -gap - h - pad),
    }[align]
    x, y = x + shift[0], y + shift[1]
    return x, y, (x - pad, y - pad / 2, x + w + pad, y + h + pad / 2)


class BoxLabel(QGraphicsRectItem):
    """Text in an optional box, placed relative to its anchor point in pixels (see ``box_geometry``).

    ``reserve`` is the room the placement tries to give it (its widest text so far, with a
    digit to spare), ``room`` the room it got (the reserve, or just its text where space is
    tight): a number that changes keeps its place until it outgrows ``room``.
    """

    PAD = 2.0

    def __init__(self, parent: QGraphicsItem | None = None, align: str = "center", gap: float = 0.0,
                 font: QFont | None = None) -> None:
        super().__init__(parent)
        self.setFlag(IGNORE)
        self.align, self.gap = align, gap
        self.shift = (0.0, 0.0)
        self.text_item = QGraphicsSimpleTextItem(self)
        if font is not None:
            self.text_item.setFont(font)
        self.setPen(NO_PEN)
        self.setBrush(NO_BRUSH)
        self._text: str | None = None
        self._size = (0.0, 0.0)
        self.reserve = (0.0, 0.0)
        self.room = (0.0, 0.0)

    def text(self) -> str:
        """The text as drawn (empty before the first ``set_text``)."""
        return self._text or ""

    def size(self) -> tuple[float, float]:
        """The text's size in pixels."""
        return self._size

    def outgrown(self) -> bool:
        """True when the text is larger than the room the placement gave it."""
        return self._size[0] > self.room[0] or self._size[1] > self.room[1]

    def set_text(self, text: str) -> None:
        """Show ``text``; re-measure only when its width changes (most frames only digits change)."""
        if text == self._text:
            return
        self._text = text
        self.text_item.setText(text)
        br = self.text_item.boundingRect()
        size = (float(round(br.width())), float(round(br.height())))
        if size != self._size:
            self._size = size
            self._place(*size)

    def set_gap(self, gap: float) -> None:
        """Move the box to keep ``gap`` pixels from the anchor (node radius changed)."""
        if gap != self.gap:
            self.gap = gap
            self._place(*self._size)

    def set_spot(self, align: str, shift: tuple[float, float] = (0.0, 0.0)) -> None:
        """Put the box on another side of its anchor (the placement's choice)."""
        if (align, shift) != (self.align, self.shift):
            self.align, self.shift = align, shift
            self._place(*self._size)

    def box_for(self, size: tuple[float, float], align: str | None = None,
                shift: tuple[float, float] | None = None) -> tuple[float, float, float, float]:
        """The box (pixels, relative to the anchor) text of ``size`` would take at that spot."""
        return box_geometry(*size, self.align if align is None else align, self.gap,
                            self.shift if shift is None else shift, self.PAD)[2]

    def _place(self, w: float, h: float) -> None:
        x, y, (left, top, right, bottom) = box_geometry(w, h, self.align, self.gap, self.shift, self.PAD)
        self.text_item.setPos(x, y)
        self.setRect(QRectF(left, top, right - left, bottom - top))

    def set_colours(self, text: QColor, fill: QColor | None, border: QPen | None = None) -> None:
        """Text colour, box fill (None: no box) and outline."""
        self.text_item.setBrush(QBrush(text))
        self.setBrush(QBrush(fill) if fill is not None else NO_BRUSH)
        self.setPen(border if border is not None else NO_PEN)


class NodeItem(QGraphicsEllipseItem):
    """A node circle with its name inside and its live value label beside it."""

    def __init__(self, name: str, shown_name: str, value_align: str, font: QFont, small: QFont) -> None:
        super().__init__()
        self.setFlag(IGNORE)
        self.name = name
        self.radius = 0.0
        self.name_label = BoxLabel(self, "center", font=small)
        self.name_label.set_text(shown_name)
        self.value_label = BoxLabel(self, value_align, font=font)
        self._brush_key: object = None

    def set_radius(self, r: float) -> None:
        """Resize (pixels); hide the name inside when the circle is too small to hold it."""
        if r == self.radius:
            return
        self.radius = r
        self.setRect(QRectF(-r, -r, 2 * r, 2 * r))
        self.value_label.set_gap(r)
        self.name_label.setVisible(r >= 9)

    def set_fill(self, key: object, brush: QBrush, text: QColor) -> None:
        """Fill and name colour, skipped when unchanged (``key`` identifies the pair)."""
        if key != self._brush_key:
            self._brush_key = key
            self.setBrush(brush)
            self.name_label.text_item.setBrush(QBrush(text))

@dataclass
class EdgeRec:
    """One drawn edge: which parameter it shows, between which nodes, and its items."""

    key: str  # "K6@0", "w9_12", "b_conv@1", "b12@0"
    param: str
    position: int
    src: str
    dst: str
    path: QGraphicsPathItem
    points: list[tuple[float, float]]  # the polyline in data coordinates (hover hit-testing)
    colour: QColor | None  # kernel identity colour; None = colour by sign
    label: BoxLabel | None = None  # per-edge weight label (kernel taps, λ)
    group: str = "tap"  # "tap" | "dense" | "bias": which density rule shows its label
    pen: QPen | None = None  # the cached pen last set (identity check skips unchanged edges)
    tap: int = -1  # a kernel edge's place in its kernel (0 → K6's colour); −1 for λ and bias edges
