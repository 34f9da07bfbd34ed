"""The 2D step-through: one image forward layer by layer, backward, then one shared weight's gradient.

Each click shows one sub-step of the step the worker built (steps.py), held by the tab's
displayed-moment model, so the kernels, the curves' cursor and this panel always show the same
network. The last sub-step is weight sharing in 2D: for the chosen kernel weight (click one in the
kernels view, or use the fields here) the terms of its gradient, one per output position, input
pixel × δ — highlighted on the layer's input and on kernel k's δ map, the numbers written with
the shared formatter, and their total beside the core's own ``model.gradients`` value.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.formatting import fmt
from gui.image_cnn.feature_maps import channel_tiles, scaled_tiles
from gui.image_cnn.maps import TileGrid, theme_of
from gui.image_cnn.steps import GradientSum, default_weight, gradient_sum
from gui.widgets.naming import name

INPUT_PIXEL = QColor("#ffd400")
OUTPUT_CELL = QColor("#00e5ff")
IDLE = QT_TRANSLATE_NOOP("StepThroughView",
                         "Pick an image in Feature maps, then step through its forward and backward pass.")


class StepThroughView(QWidget):
    """Navigation, the sub-step's sentence, its maps and, at the end, the weight-sharing sum."""

    startRequested = Signal()  # noqa: N815
    nextRequested = Signal()  # noqa: N815
    backRequested = Signal()  # noqa: N815
    leaveRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnStepThrough", self.tr("Step-through"))
        v = QVBoxLayout(self)
        v.setContentsMargins(2, 2, 2, 2)
        v.setSpacing(3)
        row = QHBoxLayout()
        # A short word: the four buttons fit the centre column of a 1280×720 window in one row
        self.start_button = QPushButton(self.tr("Start"))
        name(self.start_button, "cnnStepStart", self.tr("Step through the picked image"))
        self.start_button.setToolTip(self.tr("Step through the picked image: its forward pass layer by "
                                             "layer, then the backward pass."))
        self.back_button = QPushButton(self.tr("◀ Back"))
        name(self.back_button, "cnnStepBack", self.tr("Previous sub-step"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        name(self.next_button, "cnnStepNext", self.tr("Next sub-step"))
        self.leave_button = QPushButton(self.tr("Leave"))
        name(self.leave_button, "cnnStepLeave", self.tr("Leave the step-through"))
        for b in (self.start_button, self.back_button, self.next_button, self.leave_button):
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        self.title = QLabel(self.tr(IDLE))
        name(self.title, "cnnStepTitle", self.tr("Sub-step"))
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.text = QLabel("")
        name(self.text, "cnnStepText", self.tr("Sub-step numbers"))
        self.text.setWordWrap(True)
        v.addWidget(self.title)
        v.addWidget(self.text)
        self.maps_caption = QLabel("")
        self.maps_caption.setWordWrap(True)  # with its colour scale it may not fit one line
        self.maps = TileGrid(cell=10, max_side=90)
        v.addWidget(self.maps_caption)
        v.addWidget(self.maps)
        pick = QHBoxLayout()
        self.weight_label = QLabel(self.tr("weight"))
        self.spins = [QSpinBox() for _ in range(4)]
        pick.addWidget(self.weight_label)
        tips = (self.tr("The weight's k (kernel)"), self.tr("The weight's i (row)"),
                self.tr("The weight's j (column)"), self.tr("The weight's c (channel)"))
        for s, prefix, tip in zip(self.spins, "kijc", tips, strict=True):
            s.setMinimum(1)
            s.setPrefix(prefix + " ")
            s.setToolTip(tip)
            s.setKeyboardTracking(False)
            s.valueChanged.connect(self._weight_fields_changed)
            pick.addWidget(s)
        pick.addStretch(1)
        self.pick_box = QWidget()
        self.pick_box.setLayout(pick)
        v.addWidget(self.pick_box)
        self.total = QLabel("")
        name(self.total, "cnnGradientTotal", self.tr("Gradient total"))
        self.total.setWordWrap(True)
        v.addWidget(self.total)
        self.terms_text = QPlainTextEdit()
        name(self.terms_text, "cnnGradientTerms", self.tr("Gradient terms"))
        self.terms_text.setReadOnly(True)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.terms_text.setFont(mono)
        v.addWidget(self.terms_text, 1)
        self.start_button.clicked.connect(self.startRequested)
        self.next_button.clicked.connect(self.nextRequested)
        self.back_button.clicked.connect(self.backRequested)
        self.leave_button.clicked.connect(self.leaveRequested)
        self.maps.clicked.connect(self._map_clicked)
        self.weight: tuple[str, tuple[int, int, int, int]] | None = None
        self.sum: GradientSum | None = None
        self._step = None
        self._sub = None
        self._selected_term = None
        self._show_gradient_parts(False)
        self._navigation(False, False, False)

    # ------------------------------------------------------------ from the moment
    def show_moment(self, m) -> None:
        if not m.stepping:
            self._step = self._sub = None
            self.title.setText(self.tr(IDLE))
            self.text.setText("")
            self.maps.set_tiles([])
            self.maps_caption.setText("")
            self._show_gradient_parts(False)
            self._navigation(False, False, False)
            return
        step, sub = m.step.step, m.current_substep
        if step is not self._step:
            self._step = step
            self.weight = None
            self._selected_term = None
        self._sub = sub
        n = len(m.step.substeps)
        self.title.setText(self.tr("{0}   (sub-step {1} of {n})").format(sub.title, m.substep + 1, n=n))
        self.text.setText("\n".join(sub.lines))
        self._navigation(True, m.substep > 0, m.substep + 1 < n)
        if sub.kind == "gradient":
            self._show_gradient()
        else:
            self._show_gradient_parts(False)
            self._show_layer(step, sub)

    def _navigation(self, stepping: bool, back: bool, forward: bool) -> None:
        self.back_button.setEnabled(back)
        self.next_button.setEnabled(stepping and forward)
        self.leave_button.setEnabled(stepping)

    def _show_gradient_parts(self, on: bool) -> None:
        self.pick_box.setVisible(on)
        self.total.setVisible(on)
        self.terms_text.setVisible(on)

    def _show_layer(self, step: dict, sub) -> None:
        theme = theme_of(self)
        if sub.layer < 0:
            self.maps_caption.setText(self.tr("the input image"))
            self.maps.set_tiles(channel_tiles(step["image"], theme, signed=False))
            return
        last = len(step["activations"]) - 1
        if sub.kind == "backward":
            tiles, limit = scaled_tiles(step["deltas"][sub.layer], theme)
            self.maps_caption.setText(self.tr("δ of layer {0} (−{1} … 0 … +{1})").format(
                sub.layer + 1, fmt(limit, 3)))
            self.maps.set_tiles(tiles)
        elif sub.layer == last:  # the probabilities, as ink from 0 to 1
            self.maps_caption.setText(self.tr("output of layer {0} (probabilities, 0 … 1)").format(
                sub.layer + 1))
            self.maps.set_tiles(channel_tiles(step["activations"][sub.layer][1], theme, signed=False))
        else:
            tiles, limit = scaled_tiles(step["activations"][sub.layer][1], theme)
            self.maps_caption.setText(self.tr("output of layer {0} (−{1} … 0 … +{1})").format(
                sub.layer + 1, fmt(limit, 3)))
            self.maps.set_tiles(tiles)

    # ------------------------------------------------------------ weight sharing
    def pick_weight(self, weight: str, index) -> None:
        """Choose the kernel weight whose gradient is summed (a click in the kernels view)."""
        self.weight = (weight, tuple(int(v) for v in index))
        self._selected_term = None
        if self._sub is not None and self._sub.kind == "gradient":
            self._show_gradient()

    def _weight_fields_changed(self) -> None:
        if self.weight is None or self._sub is None or self._sub.kind != "gradient":
            return
        idx = tuple(s.value() - 1 for s in self.spins)
        if idx != self.weight[1]:
            self.pick_weight(self.weight[0], idx)

    def _show_gradient(self) -> None:
        step = self._step
        model = step["model"]
        if self.weight is None or self.weight[0] not in model.params:
            self.weight = default_weight(model)
        wname, idx = self.weight
        shape = model.params[wname].shape
        idx = tuple(min(max(0, v), n - 1) for v, n in zip(idx, shape, strict=True))
        self.weight = (wname, idx)
        for s, v, n in zip(self.spins, idx, shape, strict=True):
            s.blockSignals(True)
            s.setMaximum(n)
            s.setValue(v + 1)
            s.blockSignals(False)
        self.weight_label.setText(f"{wname}:")
        self.sum = gradient_sum(model, step["image"], step["label"], wname, idx)
        self._show_gradient_parts(True)
        k, i, j, c = (v + 1 for v in idx)
        same = np.isclose(self.sum.total, self.sum.core, rtol=1e-9, atol=1e-15)
        agree = self.tr("equal") if same else self.tr("DIFFERENT")
        self.total.setText(self.tr("{equation}\nΣ of the {n} terms = {total}; the core's "
                                   "∂loss/∂{weight}[{k},{i},{j},{c}] = {core} ({agree})").format(
            equation=self.sum.equation(), n=len(self.sum.terms), total=fmt(self.sum.total), weight=wname,
            k=k, i=i, j=j, c=c, core=fmt(self.sum.core), agree=agree))
        self.terms_text.setPlainText("\n".join(self.term_lines()))
        terms = self.sum.terms
        if self._selected_term is None:
            self._selected_term = int(np.argmax([abs(t.product) for t in terms])) if terms else None
        self._draw_sharing()

    def term_lines(self) -> list[str]:
        """One line per term: '(r, q): x[row, col] · δ = v · d = product' (1-based positions)."""
        lines = []
        for t in self.sum.terms:
            (r, q), (row, col) = t.out_pos, t.in_pos
            pad = self.tr("  (padding)") if t.padding else ""
            lines.append(f"δ({r + 1},{q + 1}) · x({row + 1},{col + 1}) = {fmt(t.delta)} · "
                         f"{fmt(t.input_value, paren=True)} = {fmt(t.product)}{pad}")
        return lines

    def _draw_sharing(self) -> None:
        """The conv layer's input channel c and kernel k's δ map, the selected term lit on both."""
        step, s = self._step, self.sum
        theme = theme_of(self)
        k, _, _, c = s.index
        seen = step["image"] if s.layer == 0 else step["activations"][s.layer - 1][1]
        delta = step["deltas"][s.layer][..., k]
        tiles = channel_tiles(seen[..., c:c + 1], theme, signed=s.layer != 0)
        delta_tiles, limit = scaled_tiles(delta[..., None], theme)
        tiles += delta_tiles
        tiles[0].caption, tiles[1].caption = self.tr("input channel {0}").format(
            c + 1), self.tr("δ of kernel {0}").format(
            k + 1)
        self.maps.set_tiles(tiles)
        self.maps_caption.setText(self.tr("Click a cell of the δ map to light up its term (δ colours: "
                                          "−{0} … 0 … +{0}).").format(fmt(limit, 3)))
        if self._selected_term is not None:
            t = s.terms[self._selected_term]
            (r, q), (row, col) = t.out_pos, t.in_pos
            outlines = {1: [((r, q, r + 1, q + 1), OUTPUT_CELL)]}
            if not t.padding:
                outlines[0] = [((row, col, row + 1, col + 1), INPUT_PIXEL)]
            self.maps.set_outlines(outlines)

    def _map_clicked(self, tile: int, r: int, q: int) -> None:
        if self.sum is None or self._sub is None or self._sub.kind != "gradient" or tile != 1:
            return
        width = self._step["deltas"][self.sum.layer].shape[1]
        self._selected_term = r * width + q
        self._draw_sharing()
        self.terms_text.setPlainText("\n".join(self.term_lines()))
