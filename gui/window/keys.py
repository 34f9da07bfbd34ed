"""The Network tab's keys always reach its training controls, and Enter hands the keys back.

A number field that has the keyboard focus would otherwise take Space, R and → for itself: a
learner who has just typed an epoch limit presses Space to play and blanks the weight seed
instead. So while the Network tab is shown, Space, → and R (without modifiers) in any of its
number fields, choice boxes and the toolbar's fields go to Play, Step sample and Reset — no
field of this tab needs a space, an "r" or the right arrow to hold a number. Enter or Return in
such a field keeps its value (the field itself commits it, the experiment panel applies) and
then gives the keyboard focus back to the diagram, so the next key is a command again.
The diagram's own inline weight editor keeps every key: it is where a value is being typed.

Why the filter sits on the focused field only, not on the application: an application event
filter is a Python call for EVERY event of every widget — about 850 per repaint of the window
(paints, moves, hover…) — and each call needs the GIL, which the training thread holds between
its NumPy calls, so the paints waited for it (bench/gui_scale.py). Key events go to the focus
widget, so the router follows the focus (``QApplication.focusChanged``) and filters that field
and its inner line edit (where a spin box's typed keys may be sent), and nothing else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget
from shiboken6 import isValid as shiboken_alive

COMMAND_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_R)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
FIELDS = (QAbstractSpinBox, QLineEdit, QComboBox)
KEEPS_KEYS = ("weightEditor",)  # editors where typing any character is the point
SHORTCUT_OVERRIDE, KEY_PRESS = QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress


class KeyRouter(QObject):
    """Filters the focused field of the window (see the module docstring); ``install(window)``."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._watched: list[QObject] = []

    @classmethod
    def install(cls, window) -> KeyRouter:
        router = cls(window)  # a child of the window: its filters go with it
        app = QApplication.instance()
        app.focusChanged.connect(router._focus_changed)
        router._focus_changed(None, app.focusWidget())
        return router

    def watched(self) -> list[QObject]:
        """The widgets the router filters now (for tests: only the focused field's)."""
        return list(self._watched)

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old, new) -> None:
        for w in self._watched:
            if shiboken_alive(w):
                w.removeEventFilter(self)
        self._watched = []
        if new is None or new.window() is not self.window:
            return
        field = self._field_of(new)
        if field is None:
            return
        watch = {id(new): new, id(field): field}
        for edit in field.findChildren(QLineEdit):
            watch[id(edit)] = edit
        self._watched = list(watch.values())
        for w in self._watched:
            w.installEventFilter(self)

    @staticmethod
    def _field_of(w: QWidget) -> QWidget | None:
        """The field (spin box, line edit, choice box) ``w`` is part of, unless it keeps every key."""
        if w.objectName() in KEEPS_KEYS:
            return None
        while w is not None and not isinstance(w, FIELDS):  # a spin box's line edit → the spin box
            w = w.parentWidget()
        if w is None or w.objectName() in KEEPS_KEYS:
            return None
        return w

    def _field(self, obj) -> QWidget | None:
        """The field ``obj`` belongs to, if it is one of the Network tab's (or the toolbar's)."""
        w = obj if isinstance(obj, QWidget) else None
        win = self.window
        if w is None or w.window() is not win or win.tabs.currentWidget() is not win.network:
            return None
        return self._field_of(w)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind != SHORTCUT_OVERRIDE and kind != KEY_PRESS:
            return False
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if not plain:
            return False
        if kind == SHORTCUT_OVERRIDE and key in COMMAND_KEYS and self._field(obj) is not None:
            event.ignore()  # not the field's: the window's shortcut (Play, Step sample, Reset) takes it
            return True
        if kind == KEY_PRESS and key in ENTER_KEYS and self._field(obj) is not None:
            QTimer.singleShot(0, self.window.focus_diagram)  # after the field has committed
        return False
