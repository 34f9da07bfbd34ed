"""Where the network goes wrong: the confusion matrix and a gallery of misclassified validation images.

Both draw the displayed moment's snapshot (its confusion counts and misclassified indices are
computed on the worker from the same validation pass as the accuracy label, so all three agree).
Clicking a gallery image shows it in the feature maps.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from gui.image_cnn.maps import Tile, TileGrid, ink, theme_of, to_qimage
from gui.widgets.naming import name

MAX_SHOWN = 40
TITLE_LINES = 3


class WrappedLines(QWidget):
    """A few lines of word-wrapped text of a fixed height: unlike a QLabel, ``setText`` repaints only
    itself (a QLabel's re-lays out the whole window, which then repaints: twice a frame, measured)."""

    def __init__(self, lines: int = TITLE_LINES, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 2)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name)
        if text != self._text:
            self._text = text
            self.setAccessibleName(text)
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.height())

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                                    | Qt.TextFlag.TextWordWrap), self._text)
        p.end()


class ConfusionView(QWidget):
    """Counts of (true class, predicted class); the diagonal is what the network gets right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnConfusion", self.tr("Confusion matrix"))
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        self.class_names: tuple[str, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 220)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 260)

    def set_matrix(self, matrix: np.ndarray, class_names) -> None:
        if np.array_equal(matrix, self.matrix) and tuple(class_names) == self.class_names:
            return
        self.matrix = np.asarray(matrix)
        self.class_names = tuple(class_names)
        self.setAccessibleDescription(self.tr("{0} of {1} right").format(
            int(np.trace(self.matrix)), int(self.matrix.sum())))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        k = self.matrix.shape[0]
        if not k:
            return
        p = QPainter(self)
        theme = theme_of(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        fm = self.fontMetrics()
        label_w = max(fm.horizontalAdvance(n[:8]) for n in self.class_names) + 6
        top = fm.height() * 2 + 4
        side = max(4, min((self.width() - label_w - fm.height() - 4) // k,
                          (self.height() - top - 2) // k))
        left = fm.height() + 4 + label_w + 2
        p.setPen(text)
        centre = int(Qt.AlignmentFlag.AlignHCenter)
        p.drawText(QRect(left, 0, side * k, fm.height()), centre, self.tr("predicted"))
        p.save()
        p.translate(fm.height() - 2, top + side * k // 2)
        p.rotate(-90)
        p.drawText(QRect(-60, -fm.height(), 120, fm.height()), centre, self.tr("true"))
        p.restore()
        row_max = np.maximum(self.matrix.sum(axis=1, keepdims=True), 1)
        share = self.matrix / row_max
        good, bad = QColor(theme.positive), QColor(theme.negative)
        bg = QColor(theme.background)
        # The counts in a font small enough for the widest one to fit its cell (down to 5 pt):
        # a count that is not written leaves the learner a coloured square to guess at.
        count_font = QFont(self.font())
        widest = str(int(self.matrix.max()))
        while count_font.pointSizeF() > 5 and (QFontMetrics(count_font).horizontalAdvance(widest) + 2 > side
                                               or QFontMetrics(count_font).height() > side):
            count_font.setPointSizeF(count_font.pointSizeF() - 0.5)
        cfm = QFontMetrics(count_font)
        for i in range(k):
            p.setPen(text)
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            row_label = QRect(fm.height() + 4, top + i * side, label_w, side)
            p.drawText(row_label, int(right), self.class_names[i][:8])
            p.drawText(QRect(left + i * side, fm.height() + 2, side, fm.height()),
                       int(Qt.AlignmentFlag.AlignHCenter), self.class_names[i][:max(1, side // 8)])
            for j in range(k):
                base = good if i == j else bad
                t = float(share[i, j])
                colour = QColor.fromRgbF(*(b + t * (c - b) for c, b in
                                           ((base.redF(), bg.redF()), (base.greenF(), bg.greenF()),
                                            (base.blueF(), bg.blueF()))))
                cell = QRect(left + j * side, top + i * side, side, side)
                p.fillRect(cell, colour)
                p.setPen(QColor(theme.dim_text))
                p.drawRect(cell.adjusted(0, 0, -1, -1))
                n = int(self.matrix[i, j])
                if n and side >= cfm.horizontalAdvance(str(n)) + 2:
                    p.setPen(QColor("#ffffff") if t > 0.55 else text)
                    p.setFont(count_font)
                    p.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), str(n))
                    p.setFont(self.font())
        p.end()


class MisclassifiedGallery(QWidget):
    """The validation images the network gets wrong, captioned true → predicted."""

    imagePicked = Signal(int)  # noqa: N815 — an index into the validation set

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnMisclassified", self.tr("Misclassified validation images"))
        v = QVBoxLayout(self)
        v.setContentsMargins(2, 2, 2, 2)
        self.title = WrappedLines()
        name(self.title, "cnnMisclassifiedTitle", self.tr("Misclassified"))
        v.addWidget(self.title)
        self.grid = TileGrid(cell=4, max_side=40)
        v.addWidget(self.grid)
        v.addStretch(1)
        self.shown: list[int] = []
        self.grid.clicked.connect(self._clicked)

    def set_wrong(self, snap, X_val: np.ndarray, y_val: np.ndarray, class_names) -> None:
        theme = theme_of(self)
        guess = snap.predictions.argmax(axis=1) if len(snap.predictions) else []
        shown = [int(i) for i in snap.wrong[:MAX_SHOWN]]
        key = (tuple(shown), tuple(int(guess[i]) for i in shown), snap.n_wrong, theme.name, id(X_val))
        if key == getattr(self, "_key", None):
            return
        self._key = key
        self.shown = shown
        tiles = [Tile(to_qimage(ink(X_val[i], theme)), X_val.shape[1], X_val.shape[2],
                      f"{class_names[int(y_val[i])][:5]}→{class_names[int(guess[i])][:5]}")
                 for i in self.shown]
        self.grid.set_tiles(tiles)
        n = snap.n_wrong
        more = self.tr("; the first {0} shown").format(len(self.shown)) if n > len(self.shown) else ""
        self.title.setText(self.tr("{n} of {0} validation images misclassified (true → "
                                   "predicted{more}). Click one to see its feature maps.").format(
            len(y_val), n=n, more=more))

    def captions(self) -> list[str]:
        return [t.caption for t in self.grid.tiles]

    def _clicked(self, tile: int, r: int, q: int) -> None:
        self.imagePicked.emit(self.shown[tile])
