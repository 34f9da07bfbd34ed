"""Fitting the diagram to its pixels: the view's range, node sizes, and where every label goes.

Done on a resize, a new network, a precision change or the label toggle, and when a number
outgrows the room it was given (``BoxLabel.outgrown``) — not on every frame, so labels stay
put while training. Each label gets room for the widest text it has shown with a sign and a
digit to spare; the view keeps room left of the inputs and right of the outputs for their
values, so a minus sign is never cut, and ``placement.place`` decides which labels fit and
where (placement.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from gui.network.diagram.build import FIELD, set_path
from gui.network.diagram.items import BoxLabel
from gui.network.diagram.layout import X_INPUT, X_OUTPUT
from gui.network.diagram.placement import BIAS, FIELD_WEIGHT, LAMBDA, NODE_VALUE, OTHER_WEIGHT, Request, place
from gui.network.diagram.style import MAX_WIDTH
from gui.network.diagram.text import display_name, fmt, target_mark

EDGE_PX = 3.0  # kept clear inside the view's edges: no text is ever cut
SLACK_PX = 1.0  # margins are this much wider than the placement's bounds need (rounding)
GAP_PX = 0.5  # kept clear around every label box (so two boxes are a pixel apart at least)
TEMPLATE = -5 / 90  # "−0.05556" at 4 figures: the room a number needs before the first snapshot
ALLOWANCE = "−0"  # room for a sign change and one more digit, so labels rarely move while training
TAP_SPOTS = ((1, 0.0), (0, 0.8), (0, 0.6), (0, 0.4), (1, 0.3), (0, 0.25), (1, 0.55))  # (segment, fraction)
LAMBDA_T = (0.56, 0.45, 0.66, 0.35, 0.75, 0.25)  # fractions along C → O
# Three rectangles (half-width, half-height in radii) that together cover a circle — closer to
# it than its square, so a label may sit by a node's rim diagonally.
CIRCLE_COVER = ((1.0, 0.5), (0.8661, 0.8661), (0.5, 1.0))
HIDDEN_NOTE = QT_TRANSLATE_NOOP("DiagramLegend", "some labels hidden — hover for values")  # shown translated


@dataclass
class Spot:
    """One place a label may take: its anchor (data; None = its node), side and pixel shift."""

    pos: tuple[float, float] | None
    align: str = "center"
    shift: tuple[float, float] = (0.0, 0.0)


class Fitter:
    """Sizes the view and places the labels of one ``NetworkDiagram`` (``fit``)."""

    def __init__(self, diagram: Any) -> None:
        self.d = diagram
        self.hidden = 0  # labels the last fit had no room for
        self.placed: dict[int, Spot] = {}  # id(label) → where it went
        self._measure = QGraphicsSimpleTextItem()
        self._sizes: dict[tuple[str, str], tuple[float, float]] = {}
        self._fmap_below = True  # feature-map values go below their nodes (else beside them)
        self._scale = (1.0, 1.0)  # pixels per data unit in x and y, for the placement under way
        self.fresh = True  # reserves come from templates (no snapshot since the last reset)

    # ------------------------------------------------------------------ sizes
    def text_size(self, text: str, font) -> tuple[float, float]:
        """The size a label's text item gives ``text`` in ``font`` (cached)."""
        key = (font.key(), text)
        size = self._sizes.get(key)
        if size is None:
            self._measure.setFont(font)
            self._measure.setText(text)
            br = self._measure.boundingRect()
            size = self._sizes[key] = (float(round(br.width())), float(round(br.height())))
        return size

    def _room_text(self, label: BoxLabel, what: str, kind: str) -> str:
        """The text a label gets room for: its own plus a sign and a digit (numbers drift while
        training; an input's value is fixed); before the first snapshot, ``TEMPLATE``'s."""
        text = label.text()
        if not text:
            t = fmt(TEMPLATE, self.d.precision)
            if kind == "output":
                return f"ŷ = {t}\ny = {t}" if self.d.net.output == "linear" else f"p = {t}\n{target_mark()}"
            return t if kind in ("input", "fmap") else f"{display_name(what)} {t}"
        if kind == "input":
            return text
        first, sep, rest = text.partition("\n")
        return first + ALLOWANCE + sep + rest

    def reset(self) -> None:
        """Forget the widest texts seen (a new network or precision)."""
        for label, _what, _kind in self.labels():
            label.reserve = (0.0, 0.0)
        self.fresh = True

    def first_numbers(self) -> bool:
        """True once after ``reset`` when a snapshot is there: room was given for templates,
        and the real numbers should be laid out now (``NetworkDiagram.show_snapshot``)."""
        return self.fresh and self.d.snap is not None

    def _grow_reserves(self) -> None:
        for label, what, kind in self.labels():
            tw, th = self.text_size(self._room_text(label, what, kind), label.text_item.font())
            w, h = label.size()
            label.reserve = (max(label.reserve[0], tw, w), max(label.reserve[1], th, h))

    def labels(self) -> Iterator[tuple[BoxLabel, str, str]]:
        """(label, node or parameter name, kind) for every value label of the diagram."""
        d = self.d
        for name, node in d.nodes.items():
            if node.kind != "pad":
                yield node.value_label, name, node.kind
        for rec in d.edges:
            if rec.label is not None:
                yield rec.label, rec.param, rec.group
        for param, box in d.bias_boxes.items():
            yield box, param, "bias"

    # ------------------------------------------------------------------ fitting
    def fit(self) -> None:
        """Range, radii, pen widths, then the labels' places (see the module docstring)."""
        d, lay = self.d, self.d.layout_
        if lay is None:
            return
        if self.first_numbers():
            for label, _what, _kind in self.labels():
                label.reserve = (0.0, 0.0)  # room for the real numbers, not the template's
            self.fresh = False
        d.refresh_labels(everything=True)
        self._grow_reserves()
        canvas = d.canvas
        canvas.scene().setSceneRect(QRectF(canvas.viewport().rect()))  # never grows (exports use it)
        w, h = max(d.vb.width(), 1.0), max(d.vb.height(), 1.0)
        span = max(lay.y_max - lay.y_min, 1.0)
        inputs = [n for n in d.nodes.values() if n.kind == "input"]
        fmaps = [n for n in d.nodes.values() if n.kind == "fmap"]
        outs = [n for n in d.nodes.values() if n.kind == "output"]
        in_w = max((n.value_label.reserve[0] for n in inputs), default=0.0)
        out_w = max((n.value_label.reserve[0] for n in outs), default=0.0)
        fm_h = max((n.value_label.reserve[1] for n in fmaps), default=0.0)
        bias_w = max((b.reserve[0] for b in d.bias_boxes.values()), default=0.0)
        bias_h = max((b.reserve[1] for b in d.bias_boxes.values()), default=0.0)
        out_ys = sorted(lay.nodes[n.name].y for n in outs)
        out_step = min((b - a for a, b in zip(out_ys, out_ys[1:], strict=False)), default=0.0)
        last_fmap = max((lay.nodes[n.name].y for n in fmaps), default=lay.y_max)
        pad = BoxLabel.PAD
        py = max(h - 48.0, 1.0) / span
        for _ in range(2):  # margins depend on the radii, which depend on the pixels per slot
            r_in = max(4.0, min(15.0, 0.42 * lay.input_spacing * py))
            r_fm = max(4.0, min(16.0, 0.40 * lay.fmap_spacing * py))
            r_out = 17.0 if out_step == 0 else max(6.0, min(17.0, 0.3 * out_step * py))
            top = EDGE_PX + GAP_PX + SLACK_PX + max(r_in, r_out, bias_h / 2 + pad / 2)
            below = r_fm + pad + fm_h + pad / 2 + GAP_PX - (lay.y_max - last_fmap) * py
            bottom = EDGE_PX + GAP_PX + SLACK_PX + max(r_in, r_out, below)
            py = max(h - top - bottom, 1.0) / span
        left = EDGE_PX + GAP_PX + SLACK_PX + r_in + in_w + 3 * pad
        right = EDGE_PX + GAP_PX + SLACK_PX + max(r_out + out_w + 3 * pad, bias_w / 2 + pad)
        px = max(w - left - right, 1.0) / (X_OUTPUT - X_INPUT)
        d.vb.setRange(xRange=(X_INPUT - left / px, X_OUTPUT + right / px),
                      yRange=(lay.y_min - top / py, lay.y_max + bottom / py), padding=0)
        for node in d.nodes.values():
            node.set_radius({"fmap": r_fm, "output": r_out}.get(node.kind, r_in))
        self._fmap_below = lay.fmap_spacing * py >= 2 * r_fm + fm_h + 2 * pad + 2 * GAP_PX
        d.styles.max_width = max(1.5, min(MAX_WIDTH, 0.3 * py))
        d.restyle_edges(force=True)
        self._place()

    # ------------------------------------------------------------------ placing
    def _place(self) -> None:
        d, lay = self.d, self.d.layout_
        labels = list(self.labels())
        if not d.labels_on or d.snap is None:  # nothing to print (yet)
            for label, _what, _kind in labels:
                label.setVisible(False)
            self.hidden = 0
            self._move_bias_edges({})
            d.legend.set_note("")
            return
        d.vb.updateMatrix()
        t = d.vb.childGroup.sceneTransform()  # a scale and a shift (no rotation)
        sx, sy, ox, oy = t.m11(), t.m22(), t.dx(), t.dy()
        self._scale = (sx, sy)

        def to_px(x: float, y: float) -> tuple[float, float]:
            return sx * x + ox, sy * y + oy

        vb = d.vb.sceneBoundingRect()
        bounds = (vb.left() + EDGE_PX, vb.top() + EDGE_PX, vb.right() - EDGE_PX, vb.bottom() - EDGE_PX)
        obstacles, centre = [], {}
        for name, node in d.nodes.items():
            spec = lay.nodes[name]
            cx, cy = centre[name] = to_px(spec.x, spec.y)
            r = node.radius + 0.5  # and half its outline; a label box keeps PAD/2 more, and GAP_PX
            obstacles += [(cx - a * r, cy - b * r, cx + a * r, cy + b * r) for a, b in CIRCLE_COVER]
            if node.name_label.isVisible():
                a = node.name_label.box_for(node.name_label.size())
                obstacles.append((cx + a[0], cy + a[1], cx + a[2], cy + a[3]))
        requests, spots = [], {}
        node_of = {id(n.value_label): name for name, n in d.nodes.items()}
        for label, what, kind in labels:
            options = self._spots(label, what, kind)
            sizes = [label.reserve] if label.reserve == label.size() else [label.reserve, label.size()]
            cands = []
            for size in sizes:  # room to spare first; just the text's own size where space is tight
                for s in options:
                    a = label.box_for(size, s.align, s.shift)
                    cx, cy = centre[node_of[id(label)]] if s.pos is None else to_px(*s.pos)
                    g = GAP_PX
                    cands.append((cx + a[0] - g, cy + a[1] - g, cx + a[2] + g, cy + a[3] + g))
            key = id(label)
            spots[key] = (label, options, kind)
            requests.append(Request(key, self._priority(label, kind), cands))
        chosen = place(requests, obstacles, bounds)
        self._all_or_none(chosen, spots)
        self.placed = {}
        for key, (label, options, _kind) in spots.items():
            i = chosen[key]
            if i is None:
                label.setVisible(False)
                continue
            label.room = label.reserve
            if i >= len(options):  # placed at its own size: it outgrows that at the next digit
                i -= len(options)
                label.room = label.size()
            s = options[i]
            if s.pos is not None:
                label.setPos(*s.pos)
            label.set_spot(s.align, s.shift)
            label.setVisible(True)
            self.placed[key] = s
        self.hidden = self._unread(chosen, spots) + d.unlabelled
        self._move_bias_edges({p: self.placed.get(id(b)) for p, b in d.bias_boxes.items()}, t.m22())
        d.legend.set_note(QCoreApplication.translate("DiagramLegend", HIDDEN_NOTE) if self.hidden else "")

    def _unread(self, chosen: dict, spots: dict) -> int:
        """How many node values and parameters are nowhere on the diagram (a kernel weight
        counts as read when one of its copies is)."""
        shown: dict[str, bool] = {}
        for key in spots:
            rec = self.d.label_edge.get(key)
            name = rec.param if rec is not None else key
            shown[name] = shown.get(name, False) or chosen[key] is not None
        return sum(1 for ok in shown.values() if not ok)

    def _all_or_none(self, chosen: dict, spots: dict) -> None:
        """A kernel's weights at its other receptive fields show everywhere or nowhere: a few
        scattered copies would only clutter (its first field already shows every weight)."""
        kernel_of = {t.key: t.kernel for t in self.d.layout_.taps}
        incomplete = set()
        for key, (_label, _options, kind) in spots.items():
            rec = self.d.label_edge.get(key)
            if kind == "tap" and rec.position != FIELD and chosen[key] is None:
                incomplete.add(kernel_of[rec.key])
        for key, (_label, _options, kind) in spots.items():
            rec = self.d.label_edge.get(key)
            if kind == "tap" and rec.position != FIELD and kernel_of[rec.key] in incomplete:
                chosen[key] = None

    def _priority(self, label: BoxLabel, kind: str) -> int:
        if kind in ("input", "fmap", "output"):
            return NODE_VALUE
        if kind == "bias":
            return BIAS
        if kind == "dense":
            return LAMBDA
        rec = self.d.label_edge[id(label)]
        return FIELD_WEIGHT if rec.position == FIELD else OTHER_WEIGHT

    def _spots(self, label: BoxLabel, what: str, kind: str) -> list[Spot]:
        """Where this label may go, best first: beside its node, or along its own edge."""
        w, h = label.reserve
        if kind == "input":
            return [Spot(None, "left"), Spot(None, "left", (0.0, -h / 2)), Spot(None, "left", (0.0, h / 2)),
                    Spot(None, "above"), Spot(None, "below")]
        if kind == "fmap":  # one side for the whole column: below when every node has room for it
            if self._fmap_below:
                return [Spot(None, "below"), Spot(None, "right"), Spot(None, "above"), Spot(None, "left")]
            return [Spot(None, "right"), Spot(None, "left"), Spot(None, "below"), Spot(None, "above")]
        if kind == "output":
            return [Spot(None, "right"), Spot(None, "below"), Spot(None, "above"), Spot(None, "left")]
        if kind == "bias":
            return self._bias_spots(what, h)
        rec = self.d.label_edge[id(label)]
        pts = rec.points
        if kind == "dense":
            (x0, y0), (x1, y1) = pts
            sx, sy = self._scale
            length = max(((x1 - x0) * sx) ** 2 + ((y1 - y0) * sy) ** 2, 1.0) ** 0.5
            r0, r1 = self.d.nodes[rec.src].radius, self.d.nodes[rec.dst].radius
            mid = (r0 + max(length - r0 - r1, 0.0) / 2) / length  # halfway between the two circles
            at = [Spot((x0 + f * (x1 - x0), y0 + f * (y1 - y0))) for f in (LAMBDA_T[0], mid, *LAMBDA_T[1:])]
            m = at[1].pos
            out = at
            # resting on its line just above or below it, then further off: clear of its two nodes
            for beside in (h / 2 + 2 * GAP_PX, h / 2 + max(r0, r1) + 2 * GAP_PX):
                out += [Spot(m, "center", (0.0, -beside)), Spot(m, "center", (0.0, beside))]
            return out
        out = []
        spots = TAP_SPOTS if rec.position == FIELD else TAP_SPOTS[:1]  # others: at their own kink only
        for seg, f in spots:
            (x0, y0), (x1, y1) = pts[seg], pts[seg + 1]
            out.append(Spot((x0 + f * (x1 - x0), y0 + f * (y1 - y0))))
        return out

    def _bias_spots(self, param: str, h: float) -> list[Spot]:
        """Along the bias's own line: down the bus towards its nodes, or up and down above O12."""
        d = self.d
        b = next(s for s in d.layout_.biases if s.param == param)
        d.vb.updateMatrix()
        py = d.vb.childGroup.sceneTransform().m22()
        first = min(d.layout_.nodes[n].y for n in b.targets)
        target = d.nodes[b.targets[0]]
        room = (first - b.y) * py - target.radius - h  # pixels the box may slide down its line
        step = h + 2 * GAP_PX
        out = [Spot((b.x, b.y))]
        k = 1
        while k * step / 3 <= room and k <= 18:  # in thirds of its height: gaps between kernels are tight
            out.append(Spot((b.x, b.y), "center", (0.0, k * step / 3)))
            k += 1
        if room > 0:
            out.append(Spot((b.x, b.y), "center", (0.0, room)))
        if b.bus_x is None:
            out += [Spot((b.x, b.y), "center", (0.0, -k * step)) for k in (1, 2)]
        # beside the top of its line (a little higher or lower), the line leaving the box's side
        tuck = 2 * BoxLabel.PAD
        for dy in (0.0, -step, step, -2 * step, 2 * step):
            if dy <= room:
                out += [Spot((b.x, b.y), "right", (-tuck, dy)), Spot((b.x, b.y), "left", (tuck, dy))]
        return out

    def _move_bias_edges(self, spots: dict[str, Spot | None], py: float = 1.0) -> None:
        """Start each bias line at its box, wherever the box went."""
        d = self.d
        for b in d.layout_.biases:
            s = spots.get(b.param)
            y = b.y + (s.shift[1] / py if s is not None and py else 0.0)
            for rec in d.edges:
                if rec.group == "bias" and rec.param == b.param and rec.points[0][1] != y:
                    rec.points[0] = (rec.points[0][0], y)
                    set_path(rec)
        d.hit.rebuild()
