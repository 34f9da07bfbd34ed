"""One factory for every window action: objectName, shortcut, tooltip and status tip in one place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


def make_action(window: QMainWindow, obj_name: str, text: str,
                shortcut: str | QKeySequence.StandardKey | None, tip: str) -> QAction:
    """A window action with its objectName, shortcut and one-sentence tooltip (also the status tip).

    It is added to the window itself so its shortcut works even when no menu or toolbar shows it.
    """
    a = QAction(text, window)
    a.setObjectName(obj_name)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    a.setToolTip(tip)
    a.setStatusTip(tip)
    window.addAction(a)
    return a
