"""A tab page whose contents are built the first time they are shown (or asked for).

The window opens faster when a tab the learner has not looked at yet costs nothing: the
"CNN on images" tab imports its model and loads the digits only when first opened. The page
is a plain container holding the real widget once built; ``widget()`` builds it on demand,
so code and tests that need the tab get the real one, never an empty stand-in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """Holds the widget ``build()`` returns, built at the first show or ``widget()`` call."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._widget: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._widget is not None

    def widget(self) -> QWidget:
        if self._widget is None:
            self._widget = self._build()
            self.layout().addWidget(self._widget)
            # Shown now, not by the layout's queued call: a view drawing the current moment right
            # after the tab opened (its currentChanged) must find it visible, or stay blank.
            self._widget.show()
        return self._widget

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        self.widget()
        super().showEvent(event)
