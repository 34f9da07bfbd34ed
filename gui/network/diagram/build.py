"""Creating the diagram's graphics items for one network shape (once per ``set_network``).

One ``NodeItem`` per node, one path (and, for kernel weights and λ, one label) per edge,
one box per bias; where the labels finally sit is decided later by fit.py, for the pixels
the widget has.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from gui.network.diagram.items import BoxLabel, EdgeRec, NodeItem
from gui.network.diagram.layout import X_FMAP, compute_layout

LAMBDA_T = 0.56  # a λ label's first choice: this far along C → O, clear of the bias bus
MAX_LABELLED = 64  # more λ edges than this, or more taps in one kernel, could never all be labelled
FIELD = 0  # the receptive field whose kernel weights are always labelled (fit.py places it first)

_VALUE_SIDE = {"input": "left", "pad": "left", "fmap": "below", "output": "right"}


def set_path(rec: EdgeRec) -> None:
    """Draw ``rec``'s polyline (data coordinates) into its path item."""
    path = QPainterPath(QPointF(*rec.points[0]))
    for p in rec.points[1:]:
        path.lineTo(QPointF(*p))
    rec.path.setPath(path)


def build_items(d: Any, net) -> None:
    """Replace ``d``'s items (a NetworkDiagram) by those of ``net``'s shape."""
    for item in d._items:
        d.vb.removeItem(item)
    d._items = []
    d.layout_ = lay = compute_layout(net)
    d.nodes, d.edges, d.bias_boxes, d.label_edge = {}, [], {}, {}
    d.unlabelled = 0  # weights drawn too densely to ever get a label of their own (in the tooltips)

    def add(item) -> None:
        d.vb.addItem(item, ignoreBounds=True)
        d._items.append(item)

    def weight_label(z: float) -> BoxLabel:
        label = BoxLabel(align="center", font=d.font_value)
        label.setZValue(z)
        add(label)
        return label

    def add_edge(rec: EdgeRec) -> None:
        set_path(rec)
        rec.path.setZValue(1 if rec.group != "bias" else 0)
        rec.path.setPen(d.styles.weight_pen(rec.colour, 0.0))
        add(rec.path)
        d.edges.append(rec)
        if rec.label is not None:
            d.label_edge[id(rec.label)] = rec
        elif rec.group == "dense":
            d.unlabelled += 1

    for spec in lay.nodes.values():
        node = NodeItem(spec.name, "0" if spec.kind == "pad" else spec.name, _VALUE_SIDE[spec.kind],
                        d.font_value, d.font_name)
        node.kind = spec.kind
        node.setPos(spec.x, spec.y)
        node.setZValue(10)
        node.value_label.setZValue(11)
        add(node)
        d.nodes[spec.name] = node
    pos = {name: (s.x, s.y) for name, s in lay.nodes.items()}
    per_kernel = net.kernel_size * net.n_positions
    for t in lay.taps:
        label = weight_label(z=6) if t.position == FIELD or per_kernel <= MAX_LABELLED else None
        if label is not None:
            label.setPos(t.x, t.y)
        add_edge(EdgeRec(t.key, t.param, t.position, t.src, t.dst, QGraphicsPathItem(),
                         [pos[t.src], (t.x, t.y), pos[t.dst]], d.styles.kernel_colour(t.index), label, "tap",
                         tap=t.index))
    for e in lay.dense:
        (x0, y0), (x1, y1) = pos[e.src], pos[e.dst]
        label = weight_label(z=7) if len(lay.dense) <= MAX_LABELLED else None
        if label is not None:
            label.setPos(x0 + LAMBDA_T * (x1 - x0), y0 + LAMBDA_T * (y1 - y0))
        add_edge(EdgeRec(e.param, e.param, 0, e.src, e.dst, QGraphicsPathItem(), [(x0, y0), (x1, y1)],
                         None, label, "dense"))
    for b in lay.biases:
        box = weight_label(z=8)
        box.setPos(b.x, b.y)
        d.bias_boxes[b.param] = box
        for j, target in enumerate(b.targets):
            tx, ty = pos[target]
            pts = [(b.x, b.y), (b.bus_x, ty), (X_FMAP, ty)] if b.bus_x is not None else [(b.x, b.y), (tx, ty)]
            add_edge(EdgeRec(f"{b.param}@{j}", b.param, j, b.param, target, QGraphicsPathItem(), pts,
                             None, None, "bias"))
