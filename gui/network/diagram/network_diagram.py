"""``NetworkDiagram``: the chapter's node diagram of the 1D CNN, redrawn live from snapshots.

Inputs I1… on the left with their values, each kernel weight drawn at every
receptive-field position (K6 red, K7 blue, K8 green, as in the chapter), the
feature-map nodes C9…, and the output O12 with its target. Items are created
once per network shape (build.py); ``show_snapshot`` only changes text, pens and
brushes, so the window can redraw it 30–60 times a second while training. Where
labels sit is decided for the widget's pixels (fit.py, placement.py): never two
on top of each other, never cut at an edge. The view only draws: every number
comes from a ``core.Snapshot``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QPen
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QVBoxLayout, QWidget

from gui.network.diagram.build import build_items
from gui.network.diagram.editor import WeightEditor
from gui.network.diagram.fit import Fitter
from gui.network.diagram.hit import HitTester
from gui.network.diagram.hover import HoverTips
from gui.network.diagram.items import BoxLabel, EdgeRec, NodeItem
from gui.network.diagram.layout import Layout, lit_keys
from gui.network.diagram.legend import DiagramLegend, legend_entries
from gui.network.diagram.style import Styles, nice_limit, node_colour_map
from gui.network.diagram.text import display_name, edge_tooltip_text, fmt, node_label_text, node_tooltip_text
from gui.widgets.palette import theme_for

DIM_EDGE, DIM_NODE = 0.12, 0.28  # opacity of what a highlight leaves out


class NetworkDiagram(QWidget):
    """The live node diagram; docs/architecture.md says how the window drives it."""

    weightEdited = Signal(str, float)  # noqa: N815 (Qt signal naming): parameter name, new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkDiagram")
        self.setAccessibleName(self.tr("Network diagram"))
        self.styles = Styles()
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setAccessibleName(self.tr("Network diagram canvas"))
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
        self.setFocusProxy(self.canvas)  # the diagram takes the keyboard as its canvas
        self.legend.setFocusProxy(self.canvas)
        self.legend.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a click on the legend takes it too
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
        self.label_edge: dict[int, EdgeRec] = {}  # id(label) → the edge it names
        self.unlabelled = 0  # λ edges too many to label (build.py)
        self.snap = None
        self.precision = 4
        self.labels_on = True
        self.highlight: set[str] | None = None
        self.dropped: set[str] = set()  # drawn greyed: set_dropped's nodes ∪ the snapshot's
        self._user_dropped: set[str] = set()
        self._limit = 1.0
        self._lit: set[str] = set()
        self._items: list = []  # every graphics item of the current network (removed on rebuild)
        self._fitting = False
        self.hit = HitTester(self)
        self.fitter = Fitter(self)
        self.tips = HoverTips(self)
        self.vb.sigResized.connect(self._fit)
        self.canvas.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self._apply_palette()

    # ------------------------------------------------------------------ building
    def set_network(self, net) -> None:
        """Create every item for ``net``'s shape (once); the next snapshot fills in the numbers."""
        self.editor.close_editor()
        self.tips.forget()
        self.net, self.snap = net, None
        build_items(self, net)
        self.hit.rebuild()
        self._apply_palette()
        self.fitter.reset()
        self._fit()
        self._apply_emphasis()

    def _fit(self, *_args) -> None:
        """Size the view and place the labels for the widget's pixels (fit.py)."""
        if self._fitting:
            return
        self._fitting = True
        try:
            self.fitter.fit()
        finally:
            self._fitting = False

    # ------------------------------------------------------------------ drawing
    def show_snapshot(self, snap) -> None:
        """Restyle for ``snap``: node fills and values, edge pens and weight labels (no new items)."""
        if self.net is None or snap is None:
            return
        self.snap = snap
        self._update_dropped()
        fw, st = snap.forward, self.styles
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
        self.restyle_edges()
        if self.refresh_labels() or self.fitter.first_numbers():
            self._fit()  # a number outgrew its room, or the first numbers: place the labels again
        self.tips.refresh()

    def restyle_edges(self, force: bool = False) -> None:
        """Pens for the snapshot's weights (``force``: the maximum width changed)."""
        if force:
            for rec in self.edges:
                rec.pen = None
        if self.snap is None:
            return
        params, st = self.snap.params, self.styles
        for rec in self.edges:
            pen = st.weight_pen(rec.colour, params.get(rec.param, 0.0))
            if pen is not rec.pen:  # pens are cached, so identity means "unchanged"
                rec.pen = pen
                rec.path.setPen(pen)

    def refresh_labels(self, everything: bool = False) -> bool:
        """Rewrite the labels' text — the visible ones, or ``everything`` — and say whether a
        visible one outgrew the room the placement gave it."""
        snap, p = self.snap, self.precision
        if snap is None:
            return False
        net, params, dropped = self.net, snap.params, self.dropped
        outgrown = False
        for name, node in self.nodes.items():
            label = node.value_label
            if node.kind != "pad" and (everything or label.isVisible()):
                label.set_text(node_label_text(net, snap, name, node.kind, p, name in dropped))
                outgrown = outgrown or (label.isVisible() and label.outgrown())
        for rec in self.edges:
            label = rec.label
            if label is not None and (everything or label.isVisible()):
                label.set_text(f"{display_name(rec.param)} {fmt(params.get(rec.param), p)}")
                outgrown = outgrown or (label.isVisible() and label.outgrown())
        for param, box in self.bias_boxes.items():
            if everything or box.isVisible():
                box.set_text(f"{param} {fmt(params.get(param), p)}")
                outgrown = outgrown or (box.isVisible() and box.outgrown())
        return outgrown

    # ------------------------------------------------------------------ options
    def set_labels_visible(self, visible: bool) -> None:
        """Show or hide the printed values and weights (names stay; tooltips keep every number)."""
        self.labels_on = bool(visible)
        self._fit()

    def set_precision(self, digits: int) -> None:
        """Significant figures printed in labels and tooltips (clamped to 1…10)."""
        digits = max(1, min(10, int(digits)))
        if digits != self.precision:
            self.precision = digits
            self.fitter.reset()
            self._fit()

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

        A parameter drawn at several places gives its first label on screen; empty when none
        is (labels off, or no room: the number is then in the tooltip).
        """
        if name in self.nodes:
            label = self.nodes[name].value_label
            return label.text() if label.isVisible() else ""
        if name in self.bias_boxes:
            box = self.bias_boxes[name]
            return box.text() if box.isVisible() else ""
        recs = [r for r in self.edges if r.label is not None and name in (r.key, r.param)]
        if not recs:
            raise KeyError(f"no node or parameter named {name!r} in the diagram")
        return next((r.label.text() for r in recs if r.label.isVisible()), "")

    def hidden_labels(self) -> int:
        """How many labels had no room at this size (their numbers are in the tooltips)."""
        return self.fitter.hidden

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

    def _apply_palette(self) -> None:
        """Background, text and box colours from the widget palette (follows light/dark theme)."""
        pal = self.palette()
        bg, fg = pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.WindowText)
        self.styles.set_theme(theme_for(bg.lightness() < 128))
        for rec in self.edges:
            if rec.tap >= 0:
                rec.colour = self.styles.kernel_colour(rec.tap)
            rec.pen = None
        base = QColor(pal.color(QPalette.ColorRole.Base))
        base.setAlpha(235)
        veil = QColor(bg)
        veil.setAlpha(210)  # node values stay readable where an edge passes behind them
        self.canvas.setBackground(bg)
        self.colorbar.axis.setTextPen(fg)
        self.colorbar.axis.setPen(fg)
        self.colorbar.axis.setLabel(self.tr("node value"), color=fg.name())
        for node in self.nodes.values():
            node.value_label.set_colours(fg, veil)
        for rec in self.edges:
            if rec.label is not None:
                border = self.styles.pen(rec.colour, 1.5, False) if rec.colour is not None else None
                rec.label.set_colours(fg, base, border)
        for box in self.bias_boxes.values():
            box.set_colours(fg, base, self.styles.pen(fg, 1.0, False))
        self.restyle_edges()
        self._apply_emphasis()
        if self.net is not None:
            self.legend.set_entries(legend_entries(self.net, self.styles))  # the theme's pens
        self.legend.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-colour when the system switches between light and dark."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
        super().changeEvent(event)

    def _on_mouse_clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        param = self.hit.param_at(ev.scenePos())
        if param is None:
            self.editor.close_editor()
            return
        ev.accept()
        self.edit_weight(param)
