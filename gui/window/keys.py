"""The Network tab's keys always reach its training controls, and Enter hands the keys back.

A number field that has the keyboard focus would otherwise take Space, R and → for itself: a
learner who has just typed an epoch limit presses Space to play and blanks the weight seed
instead. So while the Network tab is shown, Space, → and R (without modifiers) in any of its
number fields, choice boxes and the toolbar's fields go to Play, Step sample and Reset — no
field of this tab needs a space, an "r" or the right arrow to hold a number. Enter or Return in
such a field keeps its value (the field itself commits it, the experiment panel applies) and
then gives the keyboard focus back to the diagram, so the next key is a command again.
The diagram's own inline weight editor keeps every key: it is where a value is being typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget

COMMAND_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_R)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
FIELDS = (QAbstractSpinBox, QLineEdit, QComboBox)
KEEPS_KEYS = ("weightEditor",)  # editors where typing any character is the point


class KeyRouter(QObject):
    """An application event filter; ``install(window)`` puts it in place."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    @classmethod
    def install(cls, window) -> KeyRouter:
        router = cls(window)  # a child of the window: it goes (and leaves the application) with it
        QApplication.instance().installEventFilter(router)
        return router

    def _field(self, obj) -> QWidget | None:
        """The field ``obj`` belongs to, if it is one of the Network tab's (or the toolbar's)."""
        w = obj if isinstance(obj, QWidget) else None
        win = self.window
        if w is None or w.window() is not win or win.tabs.currentWidget() is not win.network:
            return None
        if w.objectName() in KEEPS_KEYS:
            return None
        while w is not None and not isinstance(w, FIELDS):  # a spin box's line edit → the spin box
            w = w.parentWidget()
        if w is None or w.objectName() in KEEPS_KEYS:
            return None
        return w

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if not plain:
            return False
        if kind == QEvent.Type.ShortcutOverride and key in COMMAND_KEYS and self._field(obj) is not None:
            event.ignore()  # not the field's: the window's shortcut (Play, Step sample, Reset) takes it
            return True
        if kind == QEvent.Type.KeyPress and key in ENTER_KEYS and self._field(obj) is not None:
            QTimer.singleShot(0, self.window.focus_diagram)  # after the field has committed
        return False
