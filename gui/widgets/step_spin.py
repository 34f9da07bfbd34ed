"""Spin boxes that say whether the last change was an arrow step or typing.

The image lab filters at once on a discrete change (an arrow click, a wheel notch) but waits
for typing to pause: "1" on the way to "15" must not start a 2048² convolution. Qt's
``valueChanged`` does not tell the two apart; ``stepping`` is True while ``stepBy`` runs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox


class StepSpinBox(QSpinBox):
    """A spin box that tells an arrow step (discrete) from typing (still moving)."""

    stepping = False

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt name)
        self.stepping = True
        try:
            super().stepBy(steps)
        finally:
            self.stepping = False


class StepDoubleSpinBox(QDoubleSpinBox):
    """The same for decimals."""

    stepping = False

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt name)
        self.stepping = True
        try:
            super().stepBy(steps)
        finally:
            self.stepping = False


__all__ = ["StepDoubleSpinBox", "StepSpinBox"]
