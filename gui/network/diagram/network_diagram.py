"""``NetworkDiagram``: the chapter's node diagram of the 1D CNN, redrawn live from snapshots.

Inputs I1… on the left with their values, each kernel weight drawn at every
receptive-field position (K6 red, K7 blue, K8 green, as in the chapter), the
feature-map nodes C9…, and the output O12 with its target. Items are created
once per network shape (``set_network``); ``show_snapshot`` only changes text,
pens and brushes, so the window can redraw it 30–60 times a second while training.
The view only draws: every number comes from a ``core.Snapshot``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSimpleTextItem, QToolTip, QVBoxLayout, QWidget

from gui.network.diagram.editor import WeightEditor
from gui.network.diagram.hit import HitTester
from gui.network.diagram.items import BoxLabel, EdgeRec, NodeItem
from gui.network.diagram.layout import X_FMAP, Layout, compute_layout, lit_keys
from gui.network.diagram.legend import DiagramLegend, legend_entries
from gui.network.diagram.style import MAX_WIDTH, Styles, nice_limit, node_colour_map
from gui.network.diagram.text import display_name, edge_tooltip_text, fmt, node_label_text, node_tooltip_text
from gui.widgets.palette import theme_for

DIM_EDGE, DIM_NODE = 0.12, 0.28  # opacity of what a highlight leaves out
MARGIN_PX = 24  # above and below the network, so the top and bottom boxes are not clipped
LEFT_PX = 30  # beyond the layout's own room: the input values ("−0.2952") left of I1…
RIGHT_PX = 60  # and the output's "ŷ = …, y = …" / "p = … ← target" right of O12, in any width
MIN_TAP_LABEL_PX = 18  # pixels per tap slot needed to print "K6 0.3207" at every position
LAMBDA_T = 0.56  # λ labels sit this far along C → O: clear of the bias bus, apart from each other



class NetworkDiagram(QWidget):
    """The live node diagram; see docs/gui-contract.md for how the window drives it."""

    weightEdited = Signal(str, float)  # noqa: N815 (Qt signal naming): parameter name, new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkDiagram")
        self.setAccessibleName("Network diagram")
        self.styles = Styles()
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setAccessibleName("Network diagram canvas")
        self.canvas.ci.setContentsMargins(2, 10, 2, 10)  # room for the colour bar's end ticks
        self.vb = self.canvas.addViewBox(row=0, col=0)
        self.vb.setMouseEnabled(x=False, y=False)
        self.vb.setMenuEnabled(False)
        self.vb.invertY(True)
        self.vb.disableAutoRange()
        self.colorbar = pg.ColorBarItem(values=(-1.0, 1.0), colorMap=node_colour_map(), width=12,
                                        interactive=False, colorMapMenu=False)
        self.canvas.addItem(self.colorbar, row=0, col=1)
        self.legend = DiagramLegend(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.canvas, 1)
        lay.addWidget(self.legend)
        self.editor = WeightEditor(self.canvas)
        self.editor.committed.connect(self.weightEdited)
        self.font_value = QFont(self.font())
        self.font_value.setPointSizeF(8.0)
        self.font_name = QFont(self.font_value)
        self.font_name.setBold(True)
        self.net = None
        self.layout_: Layout | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeRec] = []
        self.bias_boxes: dict[str, BoxLabel] = {}
        self.snap = None
        self.precision = 4
        self.labels_on = True
        self.highlight: set[str] | None = None
        self.dropped: set[str] = set()  # drawn greyed: set_dropped's nodes ∪ the snapshot's
        self._user_dropped: set[str] = set()
        self._limit = 1.0
        self._dense_ok = {"tap": True, "dense": True, "bias": True, "input": True, "fmap": True}
        self._lit: set[str] = set()
        self._items: list = []  # every graphics item of the current network (removed on rebuild)
        self.hit = HitTester(self)
        self.vb.sigResized.connect(self._fit_to_pixels)
        self.canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.canvas.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self._apply_palette()

    # ------------------------------------------------------------------ building
    def set_network(self, net) -> None:
        """Create every item for ``net``'s shape (once); the next snapshot fills in the numbers."""
        self.editor.close_editor()
        for item in self._items:
            self.vb.removeItem(item)
        self._items = []
        self.net, self.snap = net, None
        self.layout_ = lay = compute_layout(net)
        self.nodes, self.edges, self.bias_boxes = {}, [], {}
        align = {"input": "left", "pad": "left", "fmap": "below", "output": "right"}
        for spec in lay.nodes.values():
            node = NodeItem(spec.name, "0" if spec.kind == "pad" else spec.name, align[spec.kind],
                            self.font_value, self.font_name)
            node.kind = spec.kind
            node.setPos(spec.x, spec.y)
            node.setZValue(10)
            self._add(node)
            self.nodes[spec.name] = node
        pos = {name: (s.x, s.y) for name, s in lay.nodes.items()}
        for t in lay.taps:
            label = self._weight_label(z=6)
            label.setPos(t.x, t.y)
            self._add_edge(EdgeRec(t.key, t.param, t.position, t.src, t.dst, QGraphicsPathItem(),
                                   [pos[t.src], (t.x, t.y), pos[t.dst]], self.styles.kernel[t.index],
                                   label, "tap", tap=t.index))
        for d in lay.dense:
            (x0, y0), (x1, y1) = pos[d.src], pos[d.dst]
            label = self._weight_label(z=7) if len(lay.dense) <= 8 else None
            if label is not None:
                label.setPos(x0 + LAMBDA_T * (x1 - x0), y0 + LAMBDA_T * (y1 - y0))
            self._add_edge(EdgeRec(d.param, d.param, 0, d.src, d.dst, QGraphicsPathItem(),
                                   [(x0, y0), (x1, y1)], None, label, "dense"))
        for b in lay.biases:
            box = self._weight_label(z=7)
            box.setPos(b.x, b.y)
            self.bias_boxes[b.param] = box
            for j, target in enumerate(b.targets):
                tx, ty = pos[target]
                pts = [(b.x, b.y), (b.bus_x, ty), (X_FMAP, ty)] if b.bus_x is not None else [
                    (b.x, b.y), (tx, ty)]
                self._add_edge(EdgeRec(f"{b.param}@{j}", b.param, j, b.param, target,
                                       QGraphicsPathItem(), pts, None, None, "bias"))
        self.hit.rebuild()
        self.legend.set_entries(legend_entries(self.net, self.styles))
        self._apply_palette()
        self._fit_to_pixels()
        self._apply_emphasis()

    def _weight_label(self, z: float) -> BoxLabel:
        label = BoxLabel(align="center", font=self.font_value)
        label.setZValue(z)
        self._add(label)
        return label

    def _add(self, item) -> None:
        self.vb.addItem(item, ignoreBounds=True)
        self._items.append(item)

    def _add_edge(self, rec: EdgeRec) -> None:
        path = QPainterPath(QPointF(*rec.points[0]))
        for p in rec.points[1:]:
            path.lineTo(QPointF(*p))
        rec.path.setPath(path)
        rec.path.setZValue(1 if rec.group != "bias" else 0)
        rec.path.setPen(self.styles.weight_pen(rec.colour, 0.0))
        self._add(rec.path)
        self.edges.append(rec)

    # ------------------------------------------------------------------ drawing
    def show_snapshot(self, snap) -> None:
        """Restyle for ``snap``: node fills and values, edge pens and weight labels (no new items)."""
        if self.net is None or snap is None:
            return
        self.snap = snap
        self._update_dropped()
        fw, params, st = snap.forward, snap.params, self.styles
        values = [fw.get(name, 0.0) for name in self.nodes]
        finite = [abs(v) for v in values if v == v and abs(v) != float("inf")]
        limit = nice_limit(max(finite, default=1.0))
        if limit != self._limit:
            self._limit = limit
            self.colorbar.setLevels((-limit, limit))
        for (name, node), v in zip(self.nodes.items(), values, strict=True):
            if name in self.dropped:
                node.set_fill("dropped", st.dropped_brush, QColor("black"))
            else:
                idx = st.node_index(v, limit)
                if idx < 0:
                    node.set_fill(-1, st.nan_brush, QColor("white"))
                else:
                    node.set_fill(idx, st.node_brushes[idx], st.node_text[idx])
        for rec in self.edges:
            pen = st.weight_pen(rec.colour, params.get(rec.param, 0.0))
            if pen is not rec.pen:  # pens are cached, so identity means "unchanged"
                rec.pen = pen
                rec.path.setPen(pen)
        self._refresh_labels()

    def _refresh_labels(self) -> None:
        """Rewrite the visible labels' text (hidden ones are rewritten when they reappear)."""
        snap, p = self.snap, self.precision
        if snap is None:
            return
        net, params, dropped = self.net, snap.params, self.dropped
        for name, node in self.nodes.items():
            if node.value_label.isVisible():
                node.value_label.set_text(node_label_text(net, snap, name, node.kind, p, name in dropped))
        for rec in self.edges:
            if rec.label is not None and rec.label.isVisible():
                rec.label.set_text(f"{display_name(rec.param)} {fmt(params.get(rec.param), p)}")
        for param, box in self.bias_boxes.items():
            if box.isVisible():
                box.set_text(f"{param} {fmt(params.get(param), p)}")

    # ------------------------------------------------------------------ options
    def set_labels_visible(self, visible: bool) -> None:
        """Show or hide the printed values and weights (names stay; tooltips keep every number)."""
        self.labels_on = bool(visible)
        self._apply_visibility()

    def set_precision(self, digits: int) -> None:
        """Significant figures printed in labels and tooltips (clamped to 1…10)."""
        self.precision = max(1, min(10, int(digits)))
        self._refresh_labels()

    def set_dropped(self, nodes: Iterable[str] | None) -> None:
        """Draw these nodes greyed (dropout removed them); added to any ``snapshot.dropped``."""
        self._user_dropped = set(nodes or ())
        self._update_dropped()
        if self.snap is not None:
            self.show_snapshot(self.snap)

    def _update_dropped(self) -> None:
        dropped = self._user_dropped | set(getattr(self.snap, "dropped", None) or ())
        if dropped == self.dropped:
            return
        self.dropped = dropped
        for node in self.nodes.values():
            node._brush_key = None  # force a refill
        self._apply_emphasis()  # outlines: dashed grey for dropped nodes

    def set_highlight(self, names: Iterable[str] | None) -> None:
        """Emphasise these nodes / parameters ("K6", or "K6@0" for one position); None clears.

        A plain parameter name lights its edges that join highlighted nodes (so
        {"I1", "I2", "I3", "K6", "K7", "K8", "C9"} lights exactly C9's receptive
        field); with no node names in the set it lights all of that parameter's edges.
        """
        self.highlight = None if names is None else set(names)
        self._apply_emphasis()

    def highlighted_items(self) -> set[str]:
        """Keys drawn emphasised (nodes "C9", edges "K6@0", "w9_12", "b_conv@0"); empty when none."""
        return set(self._lit)

    # ------------------------------------------------------------------ test/inspection API
    def visible_texts(self) -> list[str]:
        """Every text a learner can currently read on the canvas (node names, values, weights)."""
        out = []
        for item in self.canvas.scene().items():
            if isinstance(item, QGraphicsSimpleTextItem) and item.isVisible() and item.text():
                out.append(item.text())
        return out

    def label_text(self, name: str) -> str:
        """The label a learner reads for a node ("C9"), parameter ("K6", "w9_12") or edge ("K6@1").

        Empty when that label is hidden (labels off, or too dense to print).
        """
        if name in self.nodes:
            label = self.nodes[name].value_label
            return label.text() if label.isVisible() else ""
        if name in self.bias_boxes:
            box = self.bias_boxes[name]
            return box.text() if box.isVisible() else ""
        for rec in self.edges:
            if rec.label is not None and name in (rec.key, rec.param):
                return rec.label.text() if rec.label.isVisible() else ""
        raise KeyError(f"no node or parameter named {name!r} in the diagram")

    def node_tooltip(self, name: str) -> str:
        """The hover text of node ``name``: input sum, activation, σ′ and δ."""
        node = self.nodes[name]
        return node_tooltip_text(self.net, self.snap, name, node.kind, self.precision, name in self.dropped)

    def edge_tooltip(self, param_name: str, position: int = 0) -> str:
        """The hover text of ``param_name``'s edge at feature-map ``position``: weight, ∂P/∂θ, Δθ."""
        for rec in self.edges:
            if rec.param == param_name and rec.position == position:
                return edge_tooltip_text(self.net, self.snap, rec.param, rec.src, rec.dst,
                                         rec.position, self.precision)
        raise KeyError(f"no edge {param_name!r} at position {position}")

    def edit_weight(self, name: str) -> None:
        """Open the inline editor over ``name``'s label (as a click on it does)."""
        if self.net is None or name not in self.net.param_names():
            raise KeyError(f"no parameter named {name!r}")
        anchor = self.bias_boxes.get(name)
        if anchor is None or not anchor.isVisible():
            anchor = next((r.label for r in self.edges if r.param == name and r.label is not None
                           and r.label.isVisible()), None)
        if anchor is not None:
            scene_pt = self.hit.label_rect(anchor).topLeft()
        else:
            rec = next(r for r in self.edges if r.param == name)
            scene_pt = self.vb.mapViewToScene(QPointF(*rec.points[len(rec.points) // 2]))
        value = self.snap.params.get(name) if self.snap is not None else None
        self.editor.open(name, value, self.canvas.mapFromScene(scene_pt))

    # ------------------------------------------------------------------ internals
    def _outline(self, kind: str, lit: bool) -> QPen:
        fg = self.palette().color(QPalette.ColorRole.WindowText)
        return self.styles.pen(fg, 3.0 if lit else 1.2, kind == "pad")

    def _apply_emphasis(self) -> None:
        hl = self.highlight
        self._lit = set() if hl is None else lit_keys(
            hl, set(self.nodes), [(r.key, r.param, r.src, r.dst) for r in self.edges])
        for rec in self.edges:
            op = 1.0 if hl is None or rec.key in self._lit else DIM_EDGE
            rec.path.setOpacity(op)
            if rec.label is not None:
                rec.label.setOpacity(1.0 if op == 1.0 else 0.35)
        for param, box in self.bias_boxes.items():
            lit = hl is None or param in hl or any(r.key in self._lit for r in self.edges if r.param == param)
            box.setOpacity(1.0 if lit else 0.35)
        for name, node in self.nodes.items():
            lit = name in self._lit
            node.setOpacity(1.0 if hl is None or lit else DIM_NODE)
            node.setPen(self.styles.pen(QColor("#9a9a9a"), 1.2, True) if name in self.dropped
                        else self._outline(node.kind, lit))

    def _fit_to_pixels(self, *_args) -> None:
        """Size nodes and decide which labels fit, from the pixels one layout slot gets."""
        lay = self.layout_
        if lay is None:
            return
        h = max(self.vb.height() - 2 * MARGIN_PX, 1.0)
        px = h / max(lay.y_max - lay.y_min, 1.0)  # pixels per slot
        m = MARGIN_PX / px
        span = max(self.vb.width() - LEFT_PX - RIGHT_PX, 1.0)
        self.vb.setRange(xRange=(-LEFT_PX / span, 1.0 + RIGHT_PX / span),
                         yRange=(lay.y_min - m, lay.y_max + m), padding=0)
        r_in = max(4.0, min(15.0, 0.42 * lay.input_spacing * px))
        r_fm = max(4.0, min(16.0, 0.40 * lay.fmap_spacing * px))
        for node in self.nodes.values():
            node.set_radius({"fmap": r_fm, "output": 17.0}.get(node.kind, r_in))
        self.styles.max_width = max(1.5, min(MAX_WIDTH, 0.3 * px))
        for rec in self.edges:
            rec.pen = None  # re-pick pens at the new maximum width on the next snapshot
        if self.snap is not None:
            self.show_snapshot(self.snap)
        self._dense_ok = {
            "tap": px >= MIN_TAP_LABEL_PX,
            "dense": (1 - LAMBDA_T) * lay.fmap_spacing * px >= 18,
            "input": lay.input_spacing * px >= 15,
            "fmap": lay.fmap_spacing * px >= 2 * r_fm + 34,
        }
        self._apply_visibility()

    def _apply_visibility(self) -> None:
        on, ok = self.labels_on, self._dense_ok
        for node in self.nodes.values():
            node.value_label.setVisible(on and node.kind != "pad" and ok.get(node.kind, True))
        for rec in self.edges:
            if rec.label is not None:
                rec.label.setVisible(on and ok[rec.group])
        for box in self.bias_boxes.values():
            box.setVisible(on)
        self._refresh_labels()

    def _apply_palette(self) -> None:
        """Background, text and box colours from the widget palette (follows light/dark theme)."""
        pal = self.palette()
        bg, fg = pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.WindowText)
        self.styles.set_theme(theme_for(bg.lightness() < 128))
        for rec in self.edges:
            if rec.tap >= 0:
                rec.colour = self.styles.kernel[rec.tap]
            rec.pen = None
        base = QColor(pal.color(QPalette.ColorRole.Base))
        base.setAlpha(235)
        self.canvas.setBackground(bg)
        self.colorbar.axis.setTextPen(fg)
        self.colorbar.axis.setPen(fg)
        self.colorbar.axis.setLabel("node value", color=fg.name())
        for node in self.nodes.values():
            node.value_label.set_colours(fg, None)
        for rec in self.edges:
            if rec.label is not None:
                border = self.styles.pen(rec.colour, 1.5, False) if rec.colour is not None else None
                rec.label.set_colours(fg, base, border)
        for box in self.bias_boxes.values():
            box.set_colours(fg, base, self.styles.pen(fg, 1.0, False))
        self._apply_emphasis()
        self.legend.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-colour when the system switches between light and dark."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
        super().changeEvent(event)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        text = self.hit.text_at(scene_pos)
        if text:
            view_pt = self.canvas.mapFromScene(scene_pos)
            QToolTip.showText(self.canvas.mapToGlobal(view_pt), text, self.canvas)
        else:
            QToolTip.hideText()

    def _on_mouse_clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        param = self.hit.param_at(ev.scenePos())
        if param is None:
            self.editor.close_editor()
            return
        ev.accept()
        self.edit_weight(param)
