"""The small inline editor that opens over a weight label when the learner clicks it.

A non-modal QLineEdit (not QInputDialog) so training keeps drawing behind it and
tests can type into it: Enter commits a finite number, Esc cancels, anything else
is refused with a message under the field and the field stays open. It opens as wide
as the value it shows (all seventeen digits and the sign, read from the start) and,
when it closes either way, hands the keyboard back to the diagram — not to whichever
field comes next in the window — so Space and → drive training again at once.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from gui.network.diagram.text import display_name

MIN_WIDTH = 90  # pixels; wider when the value needs it
TEXT_ROOM = 18  # pixels around the text: the frame, the text margins and the cursor


class WeightEditor(QLineEdit):
    """One parameter's value being typed; emits ``committed(name, value)`` on a valid Enter."""

    committed = Signal(str, float)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("weightEditor")
        self.setAccessibleName(self.tr("Edit weight"))
        self.setFixedWidth(MIN_WIDTH)
        self.param = ""
        self.message = QLabel(parent)
        self.message.setObjectName("weightEditorMessage")
        self.message.setAccessibleName(self.tr("Weight editor message"))
        self.message.setStyleSheet("QLabel { background: palette(tooltip-base); color: palette(tooltip-text);"
                                   " border: 1px solid #d62728; padding: 3px; }")
        self.message.setWordWrap(True)
        self.message.setFixedWidth(220)
        self.message.hide()
        self.returnPressed.connect(self._commit)
        self.hide()

    def open(self, param: str, value: float | None, at: QPoint) -> None:
        """Show the editor at ``at`` (parent pixels) pre-filled with the current value, selected."""
        self.param = param
        self.setToolTip(self.tr("New value for {name}: Enter to apply, Esc to cancel").format(
            name=display_name(param)))
        self.setText("" if value is None else repr(float(value)))
        parent = self.parentWidget()
        wanted = self.fontMetrics().horizontalAdvance(self.text() + "0") + TEXT_ROOM
        self.setFixedWidth(max(MIN_WIDTH, min(wanted, parent.width())))
        x = max(0, min(at.x(), parent.width() - self.width()))
        y = max(0, min(at.y(), parent.height() - self.height() - 2))
        self.move(x, y)
        self.message.hide()
        self.setStyleSheet("")
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setSelection(len(self.text()), -len(self.text()))  # all selected, read from the sign

    def close_editor(self) -> None:
        """Hide the editor and its message without emitting anything."""
        if self.isVisible():
            self._hand_back()
            self.cancelled.emit()

    def _hand_back(self) -> None:
        """Hide, giving the keyboard to the diagram first (else Qt gives it to the next field)."""
        if self.hasFocus() or self.window().focusWidget() is self:
            self.parentWidget().setFocus(Qt.FocusReason.OtherFocusReason)
        self.hide()
        self.message.hide()

    def _commit(self) -> None:
        text = self.text().strip().replace("−", "-")
        try:
            value = float(text)
        except ValueError:
            self._refuse(self.tr("“{text}” is not a number. Type e.g. 0.25 or -1e-3.").format(
                text=self.text()))
            return
        if not math.isfinite(value):
            self._refuse(self.tr("The value must be finite (not inf or nan)."))
            return
        self._hand_back()
        self.committed.emit(self.param, value)

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.adjustSize()
        self.message.move(self.x(), self.y() + self.height() + 2)
        self.message.show()
        self.message.raise_()
        self.setStyleSheet("QLineEdit { border: 2px solid #d62728; }")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Esc cancels the edit (Enter is handled by ``returnPressed``)."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_editor()
            return
        super().keyPressEvent(event)
