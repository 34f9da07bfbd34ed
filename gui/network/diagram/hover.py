"""Hover tooltips that stay while the pointer rests, and the canvas taking the keyboard focus.

A tooltip is shown once when the pointer reaches a node, label or edge and left alone while
it stays on that item (moving along an edge does not re-show it); it changes when the item
changes and goes on empty space. Qt's own tooltip event — sent ~0.7 s after the pointer
stops — would make the graphics scene hide it (no scene item has a tooltip of its own), so
the canvas answers that event itself. While a tooltip is up its numbers follow the displayed
moment (``refresh``). A click on the canvas takes the keyboard focus from any field, so
Space and → drive training again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtWidgets import QToolTip

STAY_MS = 10 * 60 * 1000  # how long a tooltip may stay up with the pointer resting on its item


class HoverTips(QObject):
    """Shows the diagram's tooltips (see the module docstring); ``key`` is the item hovered now."""

    def __init__(self, diagram: Any) -> None:
        super().__init__(diagram)
        self.d = diagram
        self.key: object = None
        self._pos = QPoint()
        canvas = diagram.canvas
        canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        canvas.viewport().installEventFilter(self)
        canvas.scene().sigMouseMoved.connect(self.on_moved)

    def _hit(self, scene_pos: QPointF) -> tuple[object, tuple[str, object] | None]:
        hit = self.d.hit.find(scene_pos)
        if hit is None:
            return None, None
        kind, what = hit
        return (kind, what if kind != "edge" else what.key), hit

    def on_moved(self, scene_pos: QPointF) -> None:
        """Show the tooltip of the item under the pointer, unless it is already showing."""
        key, hit = self._hit(scene_pos)
        if key is None:
            if self.key is not None:
                QToolTip.hideText()
            self.key = None
            return
        canvas = self.d.canvas
        self._pos = canvas.mapToGlobal(canvas.mapFromScene(scene_pos))
        if key != self.key or not QToolTip.isVisible():
            self.key = key
            self._show(hit)

    def _show(self, hit: tuple[str, object]) -> None:
        text = self.d.hit.text_of(hit)
        if text:
            QToolTip.showText(self._pos, text, self.d.canvas, self.d.canvas.rect(), STAY_MS)

    def refresh(self) -> None:
        """Rewrite a visible tooltip with the displayed moment's numbers (same item, same place)."""
        if self.key is None or not QToolTip.isVisible():
            return
        kind, what = self.key
        if kind == "edge":
            rec = next((r for r in self.d.edges if r.key == what), None)
            if rec is None:
                return
            what = rec
        text = self.d.hit.text_of((kind, what))
        if text and text != QToolTip.text():
            QToolTip.showText(self._pos, text, self.d.canvas, self.d.canvas.rect(), STAY_MS)

    def forget(self) -> None:
        """The items were rebuilt (new network): nothing is hovered any more."""
        if self.key is not None:
            QToolTip.hideText()
        self.key = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Answer Qt's delayed tooltip event ourselves; take the focus on a press; forget on leave."""
        t = event.type()
        if t == QEvent.Type.ToolTip:
            scene_pos = self.d.canvas.mapToScene(event.pos())
            key, hit = self._hit(scene_pos)
            if key is None:
                QToolTip.hideText()
            elif key != self.key or not QToolTip.isVisible():
                self._pos = event.globalPos()
                self.key = key
                self._show(hit)
            return True  # never let the scene hide it
        if t == QEvent.Type.MouseButtonPress:
            self.d.canvas.setFocus(Qt.FocusReason.MouseFocusReason)
        elif t == QEvent.Type.Leave:
            self.key = None
        return False
