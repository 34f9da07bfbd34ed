"""What is under the mouse in the network diagram: a weight label, a node or an edge.

Hit-testing is done in scene pixels so "near" means the same few pixels whatever
the widget's size: labels first (they sit on top; a node's value label stands for
its node), then node circles, then the closest edge segment within ``EDGE_PX``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem

from gui.network.diagram.items import EdgeRec

EDGE_PX = 5.0  # how close (pixels) the pointer must be to an edge to hover or click it
NODE_SLACK_PX = 3.0


class HitTester:
    """Finds the diagram item under a scene position, using the diagram's current items."""

    def __init__(self, diagram: Any) -> None:
        """``diagram``: the NetworkDiagram whose ``edges``, ``nodes``, ``bias_boxes`` and view are tested."""
        self.d = diagram
        self.segments = np.zeros((0, 4))
        self.owner = np.zeros(0, dtype=int)

    def rebuild(self) -> None:
        """Collect every edge's segments (data coordinates) after ``set_network``."""
        segs, owner = [], []
        for k, rec in enumerate(self.d.edges):
            for a, b in zip(rec.points, rec.points[1:], strict=False):
                segs.append((*a, *b))
                owner.append(k)
        self.segments = np.array(segs, dtype=float).reshape(-1, 4)
        self.owner = np.array(owner, dtype=int)

    def label_rect(self, item: QGraphicsItem) -> QRectF:
        """Where a pixel-sized (transform-ignoring) label really is, in scene coordinates.

        ``sceneBoundingRect`` is wrong for such items (it applies the view's data scaling).
        """
        view = self.d.canvas
        vt = view.viewportTransform()
        device = item.deviceTransform(vt).mapRect(item.boundingRect())
        return vt.inverted()[0].mapRect(device)

    def find(self, scene_pos: QPointF) -> tuple[str, object] | None:
        """("label", param) | ("node", name) | ("edge", EdgeRec) | None at ``scene_pos``."""
        d = self.d
        for param, box in d.bias_boxes.items():
            if box.isVisible() and self.label_rect(box).contains(scene_pos):
                return "label", param
        for rec in d.edges:
            if rec.label is not None and rec.label.isVisible() and \
                    self.label_rect(rec.label).contains(scene_pos):
                return "edge", rec
        for name, node in d.nodes.items():
            label = node.value_label
            if label.isVisible() and label.text() and self.label_rect(label).contains(scene_pos):
                return "node", name
        for name, node in d.nodes.items():
            c = node.scenePos()
            if (c.x() - scene_pos.x()) ** 2 + (c.y() - scene_pos.y()) ** 2 <= \
                    (node.radius + NODE_SLACK_PX) ** 2:
                return "node", name
        rec = self._nearest_edge(scene_pos)
        return ("edge", rec) if rec is not None else None

    def _nearest_edge(self, scene_pos: QPointF) -> EdgeRec | None:
        if len(self.segments) == 0:
            return None
        t = self.d.vb.childGroup.sceneTransform()
        s = self.segments
        x0 = t.m11() * s[:, 0] + t.m21() * s[:, 1] + t.dx()
        y0 = t.m12() * s[:, 0] + t.m22() * s[:, 1] + t.dy()
        x1 = t.m11() * s[:, 2] + t.m21() * s[:, 3] + t.dx()
        y1 = t.m12() * s[:, 2] + t.m22() * s[:, 3] + t.dy()
        px, py = scene_pos.x(), scene_pos.y()
        dx, dy = x1 - x0, y1 - y0
        length2 = np.maximum(dx * dx + dy * dy, 1e-9)
        u = np.clip(((px - x0) * dx + (py - y0) * dy) / length2, 0.0, 1.0)
        dist2 = (x0 + u * dx - px) ** 2 + (y0 + u * dy - py) ** 2
        k = int(np.argmin(dist2))
        if dist2[k] > EDGE_PX ** 2:
            return None
        return self.d.edges[int(self.owner[k])]

    def text_at(self, scene_pos: QPointF) -> str:
        """The tooltip for whatever is under ``scene_pos`` ("" for empty space)."""
        hit = self.find(scene_pos)
        return "" if hit is None else self.text_of(hit)

    def text_of(self, hit: tuple[str, object]) -> str:
        """The tooltip of a ``find`` result."""
        kind, what = hit
        if kind == "node":
            return self.d.node_tooltip(what)
        if kind == "label":
            return self.d.edge_tooltip(what, 0)
        return self.d.edge_tooltip(what.param, what.position)

    def param_at(self, scene_pos: QPointF) -> str | None:
        """The parameter a click at ``scene_pos`` would edit (its label or its edge), if any."""
        hit = self.find(scene_pos)
        if hit is None or hit[0] == "node":
            return None
        return hit[1] if hit[0] == "label" else hit[1].param
