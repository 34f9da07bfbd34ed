"""Scrolling a settings panel with the wheel scrolls the panel; it never turns a field on the way.

Qt hands a combo box or spin box the wheel — and the focus (``Qt.WheelFocus``) — as soon as the
pointer is over it, so a learner scrolling the image lab's settings changed them while passing:
under Xvfb, three wheel steps over "Padding mode" turned zeros into reflect and refiltered the
image. ``guard_fields`` makes such a field inside a scroll area take the wheel only once it has
the focus (clicked, or reached with Tab); until then the wheel scrolls the nearest scroll area
around it, as in most desktop applications' settings panels. The filter sits on the fields
only: an application-wide one would run Python for every event of the app.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

FIELDS = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """Sends the wheel over an unfocused field to the scroll area around it instead."""

    def watch(self, root: QWidget) -> None:
        """Guard every combo box and spin box under ``root`` (call again for fields added later)."""
        for kind in FIELDS:
            for field in root.findChildren(kind):
                if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                    field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel no longer gives focus
                field.removeEventFilter(self)  # once each, however often ``watch`` runs
                field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) or watched.hasFocus():
            return False
        area = scroll_area_around(watched)
        if area is None:
            return False  # nothing to scroll: the field keeps the wheel
        QCoreApplication.sendEvent(area.viewport(), event)
        return True


def scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area holding ``widget``, or None."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def guard_fields(root: QWidget) -> WheelGuard:
    """Guard the combo boxes and spin boxes under ``root``; the guard lives as long as ``root``."""
    guard = WheelGuard(root)
    guard.watch(root)
    return guard
