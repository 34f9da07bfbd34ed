"""The diagram's legend: what edge colours, dashes, widths and node fills mean.

A plain painted QWidget under the canvas (pyqtgraph's LegendItem draws 20-pixel
samples, too short to show a dash pattern). Samples use the very pens the
diagram uses, and text follows the widget palette (light or dark theme). The texts
are translated when the entries are made (context "DiagramLegend"); kernel names
(K6, K7…), λ and the colour bar stay as the chapter writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.network.diagram.style import Styles

translate = QCoreApplication.translate

SAMPLE_W = 34
ROW_H = 18
# the longest note: room kept for it (translated where it is measured and shown)
NOTE_ROOM = QT_TRANSLATE_NOOP("DiagramLegend", "some labels hidden — hover for values")


@dataclass
class Entry:
    """One legend sample: ``kind`` "line" (pen), "widths" (two pens) or "node" (pen + brush)."""

    kind: str
    text: str
    pen: QPen | None = None
    pen2: QPen | None = None
    brush: QBrush | None = None


class DiagramLegend(QWidget):
    """Flowing rows of samples and their meaning; height follows the available width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagramLegend")
        self.setAccessibleName(self.tr("Diagram legend"))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.entries: list[Entry] = []
        self.note = ""  # e.g. "some labels hidden — hover for values"; its room is always kept

    def set_note(self, text: str) -> None:
        """Show ``text`` after the samples ("" for none); the legend's height never changes with it,
        so a note appearing cannot resize the canvas (which would place the labels again)."""
        if text != self.note:
            self.note = text
            self.setAccessibleDescription("; ".join(self.texts()))
            self.update()

    def set_entries(self, entries: list[Entry]) -> None:
        """Replace the samples (done once per network shape) and relayout."""
        self.entries = entries
        self.setAccessibleDescription("; ".join(e.text for e in entries))
        self._fit_height()
        self.update()

    def texts(self) -> list[str]:
        """Every entry's text (what a learner reads), and the note when there is one, for tests."""
        return [e.text for e in self.entries] + ([self.note] if self.note else [])

    def _positions(self, width: int) -> tuple[list[QPointF], int]:
        """Top-left of each entry, then of the note's room (always kept), and the height."""
        fm = self.fontMetrics()
        x, y, out = 4.0, 2.0, []
        widths = [SAMPLE_W + 6 + fm.horizontalAdvance(e.text) + 14 for e in self.entries]
        widths.append(fm.horizontalAdvance(translate("DiagramLegend", NOTE_ROOM)) + 14)
        for w in widths:
            if x + w > width and x > 4.0:
                x, y = 4.0, y + ROW_H
            out.append(QPointF(x, y))
            x += w
        return out, int(y + ROW_H + 2)

    def _fit_height(self) -> None:
        _, h = self._positions(max(self.width(), 200))
        if h != self.height():
            self.setFixedHeight(h)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Wide and as tall as the rows need at the current width."""
        return QSize(600, self._positions(max(self.width(), 200))[1])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Rows reflow when the width changes."""
        super().resizeEvent(event)
        self._fit_height()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Draw each sample then its text, in the palette's text colour."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        positions, _ = self._positions(self.width())
        fm = self.fontMetrics()
        if self.note:
            pos = positions[-1]
            p.setPen(text_colour)
            p.drawText(QRectF(pos.x(), pos.y(), fm.horizontalAdvance(self.note) + 4, ROW_H),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.note)
        for e, pos in zip(self.entries, positions[:-1], strict=True):
            cy = pos.y() + ROW_H / 2
            x0 = pos.x()
            if e.kind == "line" and e.pen is not None:
                p.setPen(e.pen)
                p.drawLine(QPointF(x0, cy), QPointF(x0 + SAMPLE_W, cy))
            elif e.kind == "widths" and e.pen is not None and e.pen2 is not None:
                p.setPen(e.pen)
                p.drawLine(QPointF(x0, cy - 4), QPointF(x0 + SAMPLE_W, cy - 4))
                p.setPen(e.pen2)
                p.drawLine(QPointF(x0, cy + 3), QPointF(x0 + SAMPLE_W, cy + 3))
            elif e.kind == "node":
                p.setPen(e.pen if e.pen is not None else QPen(text_colour))
                p.setBrush(e.brush if e.brush is not None else QBrush(QColor(0, 0, 0, 0)))
                p.drawEllipse(QPointF(x0 + SAMPLE_W / 2, cy), 6, 6)
                p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(text_colour)
            p.drawText(QRectF(x0 + SAMPLE_W + 6, pos.y(), fm.horizontalAdvance(e.text) + 4, ROW_H),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, e.text)
        p.end()


def legend_entries(net, s: Styles) -> list[Entry]:
    """The legend for ``net``: its kernel colours, sign and width encoding, node fills."""
    k = net.kernel_size
    entries: list[Entry] = []
    for i in range(min(k, 6)):
        names = ", ".join(net.kernel_names[c][i] for c in range(min(net.n_kernels, 3)))
        pen = s.pen(s.kernel_colour(i), 2.5, False)
        text = translate("DiagramLegend", "{names} (kernel weight {i})").format(names=names, i=i + 1)
        entries.append(Entry("line", text, pen))
    if k > 6:  # never fewer than 7 here: one sentence
        entries.append(Entry("line", translate("DiagramLegend", "… {k} kernel colours").format(k=k),
                             s.pen(s.kernel_colour(6), 2.5, False)))
    grey = QColor("#888888")
    entries += [
        Entry("line", translate("DiagramLegend", "λ / bias > 0"), s.pen(s.positive, 2.5, False)),
        Entry("line", translate("DiagramLegend", "λ / bias < 0"), s.pen(s.negative, 2.5, True)),
        Entry("line", translate("DiagramLegend", "dashed: negative weight"), s.pen(grey, 2.0, True)),
        Entry("widths", translate("DiagramLegend", "width ∝ |weight|"), s.pen(grey, 1.0, False),
              s.pen(grey, 5.0, False)),
        Entry("node", translate("DiagramLegend", "fill: node value (colour bar)"), QPen(grey),
              brush=s.node_brushes[-8]),
    ]
    if net.padding:
        entries.append(Entry("node", translate("DiagramLegend", "0: zero padding"), s.pen(grey, 1.2, True)))
    entries.append(Entry("node", translate("DiagramLegend", "greyed: dropped"), QPen(grey),
                         brush=s.dropped_brush))
    return entries
