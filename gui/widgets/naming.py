"""Object and accessible names: how tests, screen readers and settings find a widget."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget


def name(obj: QObject, object_name: str, accessible: str | None = None) -> None:
    """Give ``obj`` its objectName and (for widgets) an accessible name."""
    obj.setObjectName(object_name)
    if isinstance(obj, QWidget):
        obj.setAccessibleName(accessible or object_name)
