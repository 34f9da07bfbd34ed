"""Form fields that refuse bad input at the field: a reason in red under the field.

Shared by the experiment panel, the shape editor and the stop panel so every
panel says "no" the same way (and in a colour readable on a dark palette too).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

translate = QCoreApplication.translate


def parse_number(text: str, what: str) -> float:
    """One finite number typed in a field, or ValueError naming the field and the reason."""
    t = text.strip().replace("−", "-")  # a pasted Unicode minus is still a minus
    if not t:
        raise ValueError(translate("FormRows", "{what}: enter a number").format(what=what))
    try:
        v = float(t)
    except ValueError:
        raise ValueError(translate("FormRows", "{what}: {0!r} is not a number").format(
            text.strip(), what=what)) from None
    if not math.isfinite(v):
        raise ValueError(translate("FormRows", "{what}: must be a finite number").format(what=what))
    return v


def error_label(owner: QWidget, key: str) -> QLabel:
    """A hidden, word-wrapped red label ``error_<key>`` for a field's reason."""
    err = QLabel("")
    err.setObjectName(f"error_{key}")
    err.setWordWrap(True)
    dark = owner.palette().color(QPalette.ColorRole.Window).lightness() < 128
    err.setStyleSheet(f"color: {'#ef5350' if dark else '#d32f2f'};")
    err.hide()
    return err


def add_checked_row(form: QFormLayout, owner: QWidget, label: str, field: QWidget, key: str,
                    tip: str, errors: dict[str, QLabel]) -> tuple[QLabel, QWidget]:
    """Add ``label: field`` to ``form`` with its reason label under the field.

    The reason label is stored in ``errors[key]``; returns (label, field box) so a
    panel can show or hide the whole row.
    """
    field.setToolTip(tip)
    err = error_label(owner, key)
    errors[key] = err
    box = QWidget()
    v = QVBoxLayout(box)
    v.setContentsMargins(0, 0, 0, 0)
    v.setSpacing(1)
    v.addWidget(field)
    v.addWidget(err)
    lab = QLabel(label)
    lab.setToolTip(tip)
    form.addRow(lab, box)
    return lab, box
