"""``cnnFeatureMaps``: one image through the network, every layer's output in order, channels as maps.

Pick a training or validation image (or the drawn one); each layer's output is drawn under
the one before, conv/pool/activation outputs as small maps on a per-layer diverging scale,
dense outputs as a strip of cells. Hovering a cell outlines its receptive field on the input and
its window on the layer before, and writes the weighted sum that produced it (explain.py: the
image lab's hover reasoning, on the core's numbers). The network is the displayed moment's copy;
the forward pass of one image runs here, only while the view is visible.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from core.formatting import fmt
from gui.image_cnn.explain import explain, input_field
from gui.image_cnn.maps import (
    ColourLegend,
    Tile,
    TileGrid,
    diverging,
    ink,
    ink_stack,
    symmetric_limit,
    theme_of,
    to_qimage,
)
from gui.image_cnn.steps import layer_caption, set_label, shape_text
from gui.widgets.naming import name
from gui.widgets.text_line import TextLine
from gui.widgets.word_wrap import wrap_words

SETS = ("Validation", "Training", "Drawn")  # the picker's entries; .lower() is the set's code name
HOVER_PROMPT = QT_TRANSLATE_NOOP(
    "FeatureMapsView",
    "Hover a cell of any map: its receptive field lights up in the input and the weighted sum that made it "
    "is written here.")
FIELD = QColor("#ffd400")  # receptive-field outline (the image lab's yellow)
CELL = QColor("#00e5ff")  # the hovered cell


def channel_tiles(a: np.ndarray, theme, signed: bool, limit: float | None = None) -> list[Tile]:
    """A layer output as tiles: (H, W, C) → one map per channel; (N,) → one strip of N cells."""
    if a.ndim == 1:
        strip = a[None, :]
        rgb = diverging(strip, limit or symmetric_limit(a), theme) if signed else ink(strip, theme)
        return [Tile(to_qimage(rgb), 1, a.shape[0])]
    rgb = diverging(a, limit or symmetric_limit(a), theme) if signed else ink_stack(a, theme)
    return [Tile(to_qimage(rgb[:, :, c]), a.shape[0], a.shape[1], f"{c + 1}") for c in range(a.shape[2])]


def scaled_tiles(a: np.ndarray, theme) -> tuple[list[Tile], float]:
    """A signed output on its own diverging scale, and that scale's limit (for the caption to name)."""
    limit = symmetric_limit(a)
    return channel_tiles(a, theme, signed=True, limit=limit), limit


def longest_explanation(model) -> int:
    """Lines in the longest hover explanation ``model`` can produce (one cell of each layer, explained
    by the very function the hover calls, on a blank image: the count depends on the shapes only)."""
    image = np.zeros(model.input_shape)
    acts = model.activations(image)
    return max(len(explain(model, image, acts, layer, 0, 0, 0)) for layer in range(len(acts)))


class HoverBox(QScrollArea):
    """The hovered cell's sum: asks for the height of the network's longest one; scrolls past it."""

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cnnFeatureHoverBox")
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.lines = 8  # the default network's longest (a 3×3 conv cell); set_data sets it
        self.setMinimumHeight(label.fontMetrics().height() * 3)

    def sizeHint(self) -> QSize:  # noqa: N802
        sideways = self.horizontalScrollBar().sizeHint().height()  # under a long line
        tall = self.widget().fontMetrics().lineSpacing() * self.lines + sideways + 8  # as QLabel spaces lines
        return QSize(super().sizeHint().width(), tall)


class FeatureMapsView(QWidget):
    """The image picker, the input and every layer's output, and the hovered cell's sum."""

    imageChanged = Signal(str, int)  # noqa: N815 — the set ("validation", "training", "drawn") and index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnFeatureMaps", self.tr("Feature maps"))
        v = QVBoxLayout(self)
        v.setContentsMargins(2, 2, 2, 2)
        v.setSpacing(3)
        row = QHBoxLayout()
        self.set_combo = QComboBox()
        self.set_combo.addItems([set_label(s.lower()) for s in SETS])
        name(self.set_combo, "cnnImageSet", self.tr("Image from"))
        self.index_spin = QSpinBox()
        name(self.index_spin, "cnnImageIndex", self.tr("Image number"))
        self.index_spin.setRange(1, 1)
        self.index_spin.setKeyboardTracking(False)
        self.verdict = TextLine("")  # a QLabel would re-lay out the whole window every frame
        name(self.verdict, "cnnImageVerdict", self.tr("Class and prediction"))
        row.addWidget(QLabel(self.tr("Image")))
        row.addWidget(self.set_combo)
        row.addWidget(self.index_spin)
        row.addWidget(self.verdict, 1)
        v.addLayout(row)
        # The hovered cell's sum, in ``hover_box``: NOT in this view's layout — the tab pins it under
        # the scrolled maps (panels.py), so it stays in sight however far down the hovered layer is.
        self.hover_text = QLabel(self.tr(HOVER_PROMPT))
        name(self.hover_text, "cnnFeatureHover", self.tr("Hovered cell"))
        self.hover_text.setWordWrap(True)  # the prompt wraps; a cell's columns of numbers do not
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.hover_text.setFont(mono)
        self.hover_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hover_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hover_box = HoverBox(self.hover_text, self)
        # One bar for every layer's colours: each layer has its own scale, named after its caption.
        self.legend = ColourLegend(self.tr("Map colours: each layer on its own scale, ±max after its name"),
                                   ends=(self.tr("−max"), self.tr("+max")))
        name(self.legend, "cnnMapLegend", self.tr("Feature map colours"))
        v.addWidget(self.legend)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(2)
        v.addLayout(self._rows_box)
        v.addStretch(1)
        self.rows: list[tuple[TextLine, TileGrid]] = []
        self.captions: list[str] = []  # each row's caption before its scale is added
        self.data: dict | None = None
        self.drawn: np.ndarray | None = None
        self.model = None
        self.acts: list | None = None
        self.image: np.ndarray | None = None
        self._dirty = False
        self.set_combo.currentIndexChanged.connect(self._on_pick)
        self.index_spin.valueChanged.connect(self._on_pick)

    # ------------------------------------------------------------ inputs
    def set_data(self, data: dict, model) -> None:
        """A new data set or architecture: one row for the input and one per layer."""
        self.data = data
        for lab, grid in self.rows:
            lab.deleteLater()
            grid.deleteLater()
        self.rows = []
        h, w, c = model.input_shape
        captions = [self.tr("input {0}").format(shape_text((h, w, c)))] + [f"{i + 1}. {layer_caption(s)}"
                                                          for i, s in enumerate(model.specs)]
        captions[-1] += self.tr("  (probabilities)")
        self.captions = captions
        for i, cap in enumerate(captions):
            lab = TextLine(cap)  # its scale changes every frame while training: no re-layout for it
            grid = TileGrid(cell=7 if max(h, w) <= 12 else 3, max_side=84)
            grid.hovered.connect(lambda t, r, q, layer=i - 1: self._hover(layer, t, r, q))
            self._rows_box.addWidget(lab)
            self._rows_box.addWidget(grid)
            self.rows.append((lab, grid))
        self._update_range()
        self.model = self.acts = None  # until the new network's first moment: nothing to explain
        wrap_words(self.hover_text, True)
        self.hover_text.setText(self.tr(HOVER_PROMPT))  # not a sum of the old network's
        self.hover_box.lines = longest_explanation(model)
        self.hover_box.updateGeometry()

    def set_drawn(self, x: np.ndarray | None) -> None:
        """The canvas's converted drawing (shown when "Drawn" is picked)."""
        self.drawn = None if x is None else np.array(x)
        if self.current()[0] == "drawn":
            self._redraw()

    def pick(self, where: str, index: int) -> None:
        """Show image ``index`` (0-based) of ``where`` ("validation", "training" or "drawn")."""
        self.set_combo.blockSignals(True)
        self.set_combo.setCurrentIndex([s.lower() for s in SETS].index(where))
        self.set_combo.blockSignals(False)
        self._update_range()
        self.index_spin.setValue(index + 1)
        self._on_pick()

    def current(self) -> tuple[str, int]:
        return SETS[self.set_combo.currentIndex()].lower(), self.index_spin.value() - 1

    def current_image(self) -> tuple[np.ndarray | None, int | None]:
        """(image, true label or None) of the picked image."""
        where, i = self.current()
        if where == "drawn":
            return self.drawn, None
        if self.data is None:
            return None, None
        key = "val" if where == "validation" else "train"
        X, y = self.data[f"X_{key}"], self.data[f"y_{key}"]
        if not 0 <= i < len(X):
            return None, None
        return X[i], int(y[i])

    def _update_range(self) -> None:
        where = self.current()[0]
        n = 1 if where == "drawn" or self.data is None else len(self.data["y_val" if where == "validation"
                                                                            else "y_train"])
        self.index_spin.setRange(1, max(1, n))
        self.index_spin.setEnabled(where != "drawn")

    def _on_pick(self) -> None:
        self._update_range()
        self.imageChanged.emit(*self.current())
        self._redraw()

    # ------------------------------------------------------------ drawing
    def show_model(self, model) -> None:
        self.model = model
        self._redraw()

    def _redraw(self) -> None:
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        x, label = self.current_image()
        if self.model is None or x is None or not self.rows:
            self.acts = None
            for (lab, grid), cap in zip(self.rows, self.captions, strict=True):
                grid.set_tiles([])
                lab.setText(cap)
            self.verdict.setText(self.tr("Draw on the canvas to see your digit here.") if x is None else "")
            return
        self.image = np.asarray(x, dtype=float).reshape(self.model.input_shape)
        self.acts = self.model.activations(self.image)
        theme = theme_of(self)
        if self.image.shape[2] == 3:
            first = [Tile(to_qimage(ink(self.image, theme)), *self.image.shape[:2], "RGB")]
        else:
            first = channel_tiles(self.image, theme, signed=False)
        self.rows[0][1].set_tiles(first)
        last = len(self.acts) - 1
        for i, (_, a) in enumerate(self.acts):
            lab, grid = self.rows[i + 1]
            if i == last:  # the probabilities, as ink; its caption never names a scale
                grid.set_tiles(channel_tiles(a, theme, signed=False))
                continue
            tiles, limit = scaled_tiles(a, theme)
            grid.set_tiles(tiles)
            lab.setText(self.tr("{caption}  ·  ±{limit}").format(caption=self.captions[i + 1],
                                                                  limit=fmt(limit, 3)))
        p = self.acts[-1][1]
        best = int(np.argmax(p))
        names = self.data["class_names"] if self.data else [str(k) for k in range(len(p))]
        truth = self.tr("drawn") if label is None else self.tr("class {0}").format(names[label])
        self.verdict.setText(self.tr("{truth} · predicted {0} (p = {1})").format(
            names[best], fmt(float(p[best]), 3), truth=truth))

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self._redraw()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.model is not None:
            self._redraw()

    # ------------------------------------------------------------ hover
    def _hover(self, layer: int, tile: int, r: int, q: int) -> None:
        for _, grid in self.rows:
            grid.set_outlines({})
        if tile < 0 or layer < 0 or self.acts is None:
            return
        out = self.acts[layer][1]
        ch, rr, cc = (tile, r, q) if out.ndim == 3 else (0, 0, q)
        wrap_words(self.hover_text, False)
        self.hover_text.setText("\n".join(explain(self.model, self.image, self.acts, layer, rr, cc, ch)))
        y0, x0, y1, x1 = input_field(self.model, layer, rr, cc)
        h, w = self.image.shape[:2]
        box = (max(0, y0), max(0, x0), min(h, y1), min(w, x1))
        self.rows[0][1].set_outlines({t: [(box, FIELD)] for t in range(len(self.rows[0][1].tiles))})
        self.rows[layer + 1][1].set_outlines({tile: [((r, q, r + 1, q + 1), CELL)]})
