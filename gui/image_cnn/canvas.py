"""``cnnDrawCanvas``: draw a digit with the mouse and watch the network classify it (``cnnProbabilities``).

The drawing is turned into the network's input exactly as the bundled digits were made (UCI
"Optical Recognition of Handwritten Digits"): a 32×32 grid of on/off pixels, counted in
non-overlapping 4×4 blocks (0–16 each), divided by 16 → the 8×8 input. For a folder data set the
grid is the data set's own size, one cell per pixel, drawn as ink on that data set's background
(light or dark, from its mean) in its channels. Delete, Backspace or C clears the canvas.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.formatting import fmt
from gui.image_cnn.maps import ink, theme_of, to_qimage
from gui.widgets.naming import name

DIGIT_GRID = 32  # the UCI digits were drawn on 32×32 bitmaps …
DIGIT_BLOCK = 4  # … and counted in 4×4 blocks: 8×8 inputs of 0–16
PEN_RADIUS = 1.6  # cells of the 32×32 grid: strokes about 3 cells wide, like the UCI bitmaps
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_C)


def digits_input(grid: np.ndarray) -> np.ndarray:
    """A 32×32 on/off grid → the (8, 8, 1) input: on-pixels per 4×4 block, divided by 16."""
    g = np.asarray(grid, dtype=bool)
    n = g.shape[0] // DIGIT_BLOCK
    counts = g.reshape(n, DIGIT_BLOCK, n, DIGIT_BLOCK).sum(axis=(1, 3))
    return (counts / 16.0)[..., None]


class DrawCanvas(QWidget):
    """An on/off grid drawn with the mouse, beside the input it becomes."""

    drawn = Signal(object)  # the converted input (H, W, C), after every stroke segment; None when cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnDrawCanvas", self.tr("Draw a digit"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(220, 180)
        self.setToolTip(self.tr("Draw with the left mouse button; Delete, Backspace or C clears."))
        self.configure_digits()
        self._last: QPointF | None = None

    # ------------------------------------------------------------ set-up
    def configure_digits(self) -> None:
        self.mode = "digits"
        self.grid = np.zeros((DIGIT_GRID, DIGIT_GRID), dtype=bool)
        self.radius = PEN_RADIUS
        self.light_background = False
        self.channels = 1
        self.update()

    def configure_for(self, input_shape: tuple[int, int, int], X_sample: np.ndarray | None) -> None:
        """A folder data set: a grid of its own size, ink on its background, in its channels."""
        h, w, c = input_shape
        self.mode = "folder"
        self.grid = np.zeros((h, w), dtype=bool)
        self.radius = max(0.6, PEN_RADIUS * max(h, w) / DIGIT_GRID)
        self.light_background = bool(X_sample is not None and np.mean(X_sample) > 0.5)
        self.channels = c
        self.update()

    @property
    def empty(self) -> bool:
        return not self.grid.any()

    def to_input(self) -> np.ndarray | None:
        """The network's input for the drawing (None when nothing is drawn)."""
        if self.empty:
            return None
        if self.mode == "digits":
            return digits_input(self.grid)
        v = self.grid.astype(float)
        if self.light_background:
            v = 1.0 - v
        return np.repeat(v[..., None], self.channels, axis=2)

    def clear(self) -> None:
        self.grid[:] = False
        self.update()
        self.drawn.emit(None)

    # ------------------------------------------------------------ geometry
    def _areas(self) -> tuple[QRect, QRect]:
        """The drawing square and the square showing the converted input."""
        side = max(40, min(self.height() - 4, (self.width() - 12) * 3 // 5))
        draw = QRect(2, 2, side, side)
        small = max(24, min(side // 2, self.width() - side - 12))
        return draw, QRect(draw.right() + 10, 2 + (side - small) // 2, small, small)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 200)

    def _cell(self, pos: QPointF) -> tuple[float, float]:
        draw, _ = self._areas()
        gh, gw = self.grid.shape
        return (pos.y() - draw.y()) / draw.height() * gh, (pos.x() - draw.x()) / draw.width() * gw

    def _stamp(self, r: float, c: float) -> None:
        gh, gw = self.grid.shape
        rr, cc = np.mgrid[0:gh, 0:gw]
        self.grid |= (rr + 0.5 - r) ** 2 + (cc + 0.5 - c) ** 2 <= self.radius ** 2

    def _stroke_to(self, pos: QPointF) -> None:
        start = self._last if self._last is not None else pos
        r0, c0 = self._cell(start)
        r1, c1 = self._cell(pos)
        steps = max(1, int(2 * max(abs(r1 - r0), abs(c1 - c0))) + 1)
        for t in np.linspace(0.0, 1.0, steps + 1):
            self._stamp(r0 + t * (r1 - r0), c0 + t * (c1 - c0))
        self._last = pos
        self.update()
        self.drawn.emit(self.to_input())

    # ------------------------------------------------------------ events
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus()
            self._last = None
            self._stroke_to(event.position())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._stroke_to(event.position())

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        self._last = None

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in CLEAR_KEYS:
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        theme = theme_of(self)
        draw, small = self._areas()
        grid = self.grid.astype(float)
        p.drawImage(QRectF(draw), to_qimage(ink(1.0 - grid if self.light_background else grid, theme)))
        p.setPen(self.palette().color(QPalette.ColorRole.Mid))
        p.drawRect(draw.adjusted(0, 0, -1, -1))
        x = self.to_input()
        if x is None:
            x = np.ones(self.grid.shape + (1,)) if self.light_background else np.zeros(self.grid.shape + (1,))
            if self.mode == "digits":
                x = np.zeros((DIGIT_GRID // DIGIT_BLOCK,) * 2 + (1,))
        p.drawImage(QRectF(small), to_qimage(ink(x if x.shape[2] == 3 else x[..., 0], theme)))
        p.drawRect(small.adjusted(0, 0, -1, -1))
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        h, w = x.shape[:2]
        note = self.tr("the input, {h}×{w}").format(
            h=h, w=w) + (self.tr("\n4×4 counts ÷ 16") if self.mode == "digits" else "")
        line = self.fontMetrics().height()
        box = QRect(small.x() - 4, small.bottom() + 2, self.width() - small.x() + 2, 2 * line)
        p.drawText(box, int(Qt.AlignmentFlag.AlignLeft), note)
        if self.empty:
            p.drawText(draw, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                       self.tr("Draw a digit here\n(large, filling the box)"))
        p.end()


class ProbabilityBars(QWidget):
    """The class probabilities of the drawing as horizontal bars; the most likely class stands out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnProbabilities", self.tr("Class probabilities"))
        self.probabilities = np.zeros(0)
        self.class_names: tuple[str, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_probabilities(self, p: np.ndarray | None, class_names) -> None:
        self.probabilities = np.zeros(0) if p is None else np.asarray(p, dtype=float)
        self.class_names = tuple(class_names)
        self.setMinimumHeight(max(40, (self.fontMetrics().height() + 2) * max(1, len(self.class_names))))
        if len(self.probabilities):
            best = int(np.argmax(self.probabilities))
            self.setAccessibleDescription(self.tr("predicted {0} ({1} %)").format(
                self.class_names[best], fmt(100 * self.probabilities[best], 3)))
        self.updateGeometry()
        self.update()

    def bar_texts(self) -> list[str]:
        """What each bar's label says, e.g. '7  93.1 %'."""
        return [f"{n}  {fmt(100 * float(v), 3)} %" for n, v in zip(self.class_names, self.probabilities,
                                                                     strict=True)]

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        theme = theme_of(self)
        fm = self.fontMetrics()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        if not len(self.probabilities):
            p.setPen(text)
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.tr("Probabilities appear as you "
                                                                               "draw."))
            p.end()
            return
        row = max(fm.height() + 2, min(24, self.height() // len(self.probabilities)))
        name_w = max(fm.horizontalAdvance(n[:10]) for n in self.class_names) + 8
        value_w = fm.horizontalAdvance("8.88×10⁻⁸ %") + 8  # the widest fmt() gives
        width = max(10, self.width() - name_w - value_w)
        best = int(np.argmax(self.probabilities))
        for i, (n, v) in enumerate(zip(self.class_names, self.probabilities, strict=True)):
            y = i * row
            p.setPen(text)
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            p.drawText(QRect(0, y, name_w - 6, row), int(right), n[:10])
            colour = QColor(theme.positive if i == best else theme.dim_text)
            p.fillRect(QRect(name_w, y + 2, max(1, int(width * float(v))), row - 4), colour)
            p.drawText(QRect(name_w + width + 4, y, value_w, row), int(Qt.AlignmentFlag.AlignVCenter),
                       f"{fmt(100 * float(v), 3)} %")
        p.end()
