"""``TextLine``: one line of painted text, like a QLabel whose ``setText`` never re-lays out the window.

QLabel.setText calls ``updateGeometry()``, and every layout from the label up to the main
window then re-runs (QLayout.activate always passes the request on to its parent), after
which the window repaints far more than the label: 3–5 ms a frame, and with several labels
changing every frame most of the GUI thread's time while training (bench/bench_gui.py).
A TextLine keeps a fixed height and a size hint that does not depend on its text, so
changing the text only repaints the line itself. Long text is elided at the right.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class TextLine(QWidget):
    """A single line of text (``text()`` / ``setText()`` as on a QLabel); repaints only itself."""

    def __init__(self, text: str = "", parent: QWidget | None = None,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        super().__init__(parent)
        self._text = ""
        self._align = align | Qt.AlignmentFlag.AlignVCenter
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name)
        if text != self._text:
            self._text = text
            self.setAccessibleName(text)
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(120, self.fontMetrics().height() + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.fontMetrics().height() + 2)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.rect(), int(self._align), self.fontMetrics().elidedText(
            self._text, Qt.TextElideMode.ElideRight, self.width()))
        painter.end()
