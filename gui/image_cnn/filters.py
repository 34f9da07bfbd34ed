"""``cnnFilters``: every kernel of every conv layer as a small image, on one shared diverging scale.

Drawn from the displayed moment's network (a copy: the live one while training, an older one
when the curves are scrubbed), so the kernels visibly turn from noise into stroke and edge
detectors as training runs. A kernel that spans several input channels shows one tile per
channel. Hovering a weight writes its value (and its kernel's bias); clicking it chooses it
for the step-through's weight-sharing sum.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from core.formatting import fmt
from gui.image_cnn.maps import ColourLegend, Tile, TileGrid, diverging, symmetric_limit, theme_of, to_qimage
from gui.widgets.naming import name
from gui.widgets.text_line import TextLine


class FiltersView(QWidget):
    """One grid of kernels per conv layer, a legend, and the hovered weight's value."""

    weightPicked = Signal(str, object)  # noqa: N815 — "conv1.W", (k, i, j, c)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnFilters", self.tr("Kernels"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self._layout.setSpacing(3)
        self.legend = ColourLegend(self.tr("Kernel weight (shared scale)"))
        self._layout.addWidget(self.legend)
        self.value_line = TextLine(self.tr("Hover a kernel weight to read it; click it to step through "
                                           "its gradient."))
        name(self.value_line, "cnnFilterValue", self.tr("Kernel weight"))
        self._layout.addWidget(self.value_line)
        self._sections: list[tuple[str, QLabel, TileGrid, list]] = []  # (param name, title, grid, tile keys)
        self._model = None
        self.kernels: dict[str, np.ndarray] = {}  # what is drawn now, by parameter name

    def set_network(self, model) -> None:
        """A new architecture: one section per conv layer."""
        for _, title, grid, _ in self._sections:
            title.deleteLater()
            grid.deleteLater()
        self._sections = []
        for spec in model.specs:
            if spec.kind != "conv":
                continue
            pname = f"{spec.name}.W"
            c = spec.in_shape[2]
            if spec.n == 1:
                text = self.tr("{name}: 1 kernel of {k}×{k}").format(name=pname, k=spec.k)
            else:
                text = self.tr("{name}: {n} kernels of {k}×{k}").format(name=pname, n=spec.n, k=spec.k)
            if c > 1:
                text += self.tr("×{c} (one tile per input channel)").format(c=c)
            title = QLabel(text)
            grid = TileGrid(cell=12 if spec.k <= 5 else 6, max_side=48)
            keys = [(k, ch) for k in range(spec.n) for ch in range(c)]
            grid.hovered.connect(lambda t, r, q, p=pname, ks=keys: self._hover(p, ks, t, r, q))
            grid.clicked.connect(lambda t, r, q, p=pname, ks=keys: self._click(p, ks, t, r, q))
            self._layout.insertWidget(self._layout.count() - 2, title)
            self._layout.insertWidget(self._layout.count() - 2, grid)
            self._sections.append((pname, title, grid, keys))
        self._model = None

    def show_model(self, model) -> None:
        """Draw ``model``'s kernels (a copy of the network at the displayed moment)."""
        self._model = model
        self.kernels = {p: np.array(model.params[p]) for p, *_ in self._sections}
        limit = symmetric_limit(*self.kernels.values())
        theme = theme_of(self)
        self.legend.set_limit(limit)
        for pname, _, grid, keys in self._sections:
            W = self.kernels[pname]
            c = W.shape[3]
            tiles = [Tile(to_qimage(diverging(W[k, :, :, ch], limit, theme)), W.shape[1], W.shape[2],
                          f"K{k + 1}" + (f"·c{ch + 1}" if c > 1 else "")) for k, ch in keys]
            grid.set_tiles(tiles)

    def grids(self) -> list[TileGrid]:
        return [g for _, _, g, _ in self._sections]

    def _hover(self, pname: str, keys: list, tile: int, r: int, q: int) -> None:
        if tile < 0 or self._model is None:
            return
        k, ch = keys[tile]
        W = self.kernels[pname]
        bias = float(self._model.params[pname[:-2] + ".b"][k])
        text = (self.tr("{pname}[{0},{1},{2},{3}] = {4}   (kernel {5}'s bias b = {6})").format(
            k + 1, r + 1, q + 1, ch + 1, fmt(float(W[k, r, q, ch])), k + 1, fmt(bias), pname=pname))
        self.value_line.setText(text)
        if W.shape[1] <= 5:
            rows = "\n".join("  ".join(f"{fmt(float(v), 3):>8}" for v in row) for row in W[k, :, :, ch])
            grid = self._sections[[s[0] for s in self._sections].index(pname)][2]
            head = f"K{k + 1}" + (self.tr(", channel {0}").format(ch + 1) if W.shape[3] > 1 else "")
            QToolTip.showText(grid.mapToGlobal(grid.cell_centre(tile, r, q)), f"{head}\n{rows}", grid)

    def _click(self, pname: str, keys: list, tile: int, r: int, q: int) -> None:
        k, ch = keys[tile]
        self.weightPicked.emit(pname, (k, r, q, ch))

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._model is not None:
            self.show_model(self._model)
