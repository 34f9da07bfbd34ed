"""``cnnArchitecture``: the network as a row of boxes with their output shapes, and its layer editor.

The boxes read like the chapter's description: ``input 8×8×1 → conv 8@3×3 → 8×8×8 → relu →
maxpool 2 → 4×4×8 → dense 10``. The editor is a list of layer strings (add, remove, move,
double-click to change one); every change is checked at once with the core's own parser, so an
impossible network shows the core's ``ValueError`` sentence under the list and cannot be applied,
and a possible one shows the output-size formula filled in for each conv and pool layer.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.image_cnn import parse_layers
from gui.image_cnn.maps import theme_of
from gui.image_cnn.steps import formula, layer_caption, shape_text
from gui.image_lab.looks import style_error
from gui.widgets.naming import name

TEMPLATES = ("conv:8:3:1:1", "relu", "maxpool:2", "avgpool:2", "dense:32", "dropout:0.25", "tanh",
             "sigmoid", "leaky_relu")
PRESETS = {  # name (translated where shown) → layers
    QT_TRANSLATE_NOOP("LayerEditor", "Digits net (8×8)"): ["conv:8:3:1:1", "relu", "maxpool:2", "dense:10"],
    QT_TRANSLATE_NOOP("LayerEditor", "Two conv layers"): ["conv:8:3:1:1", "relu", "conv:16:3:1:1", "relu",
                                                          "maxpool:2", "dense:10"],
    QT_TRANSLATE_NOOP("LayerEditor", "LeNet-like (28×28)"): ["conv:6:5:1:2", "relu", "maxpool:2", "conv:16:5",
                                                             "relu", "maxpool:2", "dense:120", "relu",
                                                             "dense:84", "relu", "dense:10"],
}
GAP, PAD = 14, 6


class ArchitectureView(QWidget):
    """One box per layer, in order, wrapping at the widget's width; arrows between them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnArchitecture", self.tr("Architecture"))
        self.captions: list[str] = []
        self.kinds: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_network(self, model) -> None:
        h, w, c = model.input_shape
        self.captions = [self.tr("input {0}").format(
            shape_text((h, w, c)))] + [layer_caption(s) for s in model.specs]
        self.kinds = ["input"] + [s.kind for s in model.specs]
        self.setAccessibleDescription(" → ".join(self.captions))
        self._fit()
        self.update()

    def _boxes(self, width: int) -> list[QRect]:
        fm = self.fontMetrics()
        x = y = 0
        out = []
        h = fm.height() + 2 * PAD
        for text in self.captions:
            bw = min(fm.horizontalAdvance(text) + 2 * PAD, max(60, width - 2))
            if x and x + bw > width:
                x, y = 0, y + h + 8
            out.append(QRect(x, y, bw, h))
            x += bw + GAP
        return out

    def _fit(self) -> None:
        boxes = self._boxes(max(self.width(), 150))
        height = boxes[-1].bottom() + 3 if boxes else 10
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(300, self.height())

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        theme = theme_of(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        tints = {"conv": theme.positive, "dense": theme.accent, "maxpool": theme.negative,
                 "avgpool": theme.negative}
        boxes = self._boxes(self.width())
        for i, (box, caption, kind) in enumerate(zip(boxes, self.captions, self.kinds, strict=True)):
            edge = QColor(tints.get(kind, theme.dim_text))
            fill = QColor(edge)
            fill.setAlpha(40)
            p.fillRect(box, fill)
            p.setPen(edge)
            p.drawRect(box.adjusted(0, 0, -1, -1))
            p.setPen(text)
            shown = self.fontMetrics().elidedText(caption, Qt.TextElideMode.ElideMiddle, box.width() - 4)
            p.drawText(box, int(Qt.AlignmentFlag.AlignCenter), shown)
            if i + 1 < len(boxes) and boxes[i + 1].y() == box.y():
                y = box.center().y()
                p.drawLine(box.right() + 2, y, box.right() + GAP - 3, y)
                p.drawLine(box.right() + GAP - 7, y - 3, box.right() + GAP - 3, y)
                p.drawLine(box.right() + GAP - 7, y + 3, box.right() + GAP - 3, y)
        p.end()


class LayerEditor(QWidget):
    """The layer list, checked with the core's parser on every change; Apply builds it."""

    applied = Signal(list)  # the layer strings of a network that can be built

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnLayerEditor", self.tr("Layers"))
        self.input_shape = (8, 8, 1)
        self.n_classes = 10  # presets end in one output per class of the current data set
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(3)
        self.list = QListWidget()
        name(self.list, "cnnLayerList", self.tr("Layer list"))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                  QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setMaximumHeight(96)
        self.list.setToolTip(self.tr("Double-click a layer to change it, e.g. conv:N:K:S:P, maxpool:K, "
                                     "dense:N."))
        v.addWidget(self.list)
        grid = QGridLayout()
        grid.setSpacing(3)
        self.template = QComboBox()
        self.template.addItems(TEMPLATES)
        self.template.setEditable(True)
        self.template.setMinimumContentsLength(8)
        name(self.template, "cnnLayerTemplate", self.tr("Layer to add"))
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton("−")
        self.remove_button.setToolTip(self.tr("Remove the selected layer"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected layer"))
        self.add_button.setToolTip(self.tr("Add this layer after the selected one"))
        self.up_button = QPushButton("▲")
        self.down_button = QPushButton("▼")
        for b, tip in ((self.up_button, self.tr("Move the selected layer up")),
                       (self.down_button, self.tr("Move the selected layer down"))):
            b.setToolTip(tip)
            b.setAccessibleName(tip)
        self.presets = QComboBox()
        self.presets.addItem(self.tr("Presets…"))
        for preset in PRESETS:
            self.presets.addItem(self.tr(preset), preset)
        name(self.presets, "cnnLayerPresets", self.tr("Layer presets"))
        self.apply_button = QPushButton(self.tr("Apply"))
        name(self.apply_button, "cnnApplyLayers", self.tr("Apply layers"))
        self.apply_button.setToolTip(self.tr("Build this network (training starts again from new weights)."))
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            b.setMaximumWidth(max(28, b.fontMetrics().horizontalAdvance(b.text()) + 18))
        grid.addWidget(self.template, 0, 0)
        grid.addWidget(self.add_button, 0, 1)
        grid.addWidget(self.remove_button, 0, 2)
        grid.addWidget(self.up_button, 0, 3)
        grid.addWidget(self.down_button, 0, 4)
        grid.addWidget(self.presets, 1, 0)
        grid.addWidget(self.apply_button, 1, 1, 1, 4)
        grid.setColumnStretch(0, 1)
        v.addLayout(grid)
        self.error = QLabel("")
        name(self.error, "cnnLayerError", self.tr("Layer error"))
        self.error.setWordWrap(True)
        self.formulas = QLabel("")
        name(self.formulas, "cnnLayerFormulas", self.tr("Output sizes"))
        self.formulas.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        v.addLayout(row)
        v.addWidget(self.formulas)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.presets.activated.connect(self._preset)
        self.apply_button.clicked.connect(self._apply)
        self.list.itemChanged.connect(lambda _item: self.check())
        self.set_layers(PRESETS["Digits net (8×8)"])

    # ------------------------------------------------------------ content
    def layers(self) -> list[str]:
        return [self.list.item(i).text().strip() for i in range(self.list.count())]

    def set_layers(self, layers, input_shape=None) -> None:
        if input_shape is not None:
            self.input_shape = tuple(input_shape)
        self.list.blockSignals(True)
        self.list.clear()
        for text in layers:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.check()

    def check(self) -> bool:
        """Parse the list with the core's rules; show its message or the output-size formulas."""
        try:
            _, specs = parse_layers(self.input_shape, self.layers())
        except ValueError as exc:
            self.error.setText(str(exc))
            style_error(self.error)
            self.error.show()
            self.formulas.setText("")
            self.apply_button.setEnabled(False)
            return False
        self.error.setText("")
        self.error.hide()
        lines = [f"{s.text}: {formula(s)}" for s in specs if formula(s)]
        self.formulas.setText("\n".join(lines))
        self.apply_button.setEnabled(True)
        return True

    # ------------------------------------------------------------ buttons
    def _add(self) -> None:
        text = self.template.currentText().strip()
        if not text:
            return
        row = self.list.currentRow()
        at = row + 1 if row >= 0 else max(0, self.list.count() - 1)  # before the last dense by default
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.insertItem(at, item)
        self.list.setCurrentRow(at)
        self.check()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.check()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(to, item)
        self.list.setCurrentRow(to)
        self.check()

    def _preset(self, index: int) -> None:
        if index > 0:
            layers = list(PRESETS[self.presets.itemData(index)])
            layers[-1] = f"dense:{self.n_classes}"
            self.set_layers(layers)
            self.presets.setCurrentIndex(0)

    def _apply(self) -> None:
        if self.check():
            self.applied.emit(self.layers())
