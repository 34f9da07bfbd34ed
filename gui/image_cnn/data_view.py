"""The data set at a glance: its one-line summary and a few images of every class, with the class names.

Shown for the digits and for a folder of one's own images alike, so a learner sees what the
network is asked to tell apart (and whether the folder was read as intended) before training.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from gui.image_cnn.maps import Tile, TileGrid, ink, theme_of, to_qimage
from gui.widgets.naming import name

PER_CLASS = 6


class DataPreview(QWidget):
    """Summary, then one row per class: its name and its first few training images."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnDataPreview", self.tr("Data set preview"))
        v = QVBoxLayout(self)
        v.setContentsMargins(2, 2, 2, 2)
        self.summary = QLabel("")
        name(self.summary, "cnnDataSummary", self.tr("Data set"))
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        v.addLayout(self._grid)
        v.addStretch(1)
        self._rows: list[tuple[QLabel, TileGrid]] = []
        self._data: dict | None = None

    def set_data(self, data: dict) -> None:
        self._data = data
        for lab, grid in self._rows:
            lab.deleteLater()
            grid.deleteLater()
        self._rows = []
        X, y = data["X_train"], data["y_train"]
        theme = theme_of(self)
        for k, cname in enumerate(data["class_names"]):
            picks = np.flatnonzero(y == k)[:PER_CLASS]
            lab = QLabel(f"{cname} ({int(np.sum(y == k))})")
            grid = TileGrid(cell=4, max_side=40)
            grid.set_tiles([Tile(to_qimage(ink(X[i], theme)), X.shape[1], X.shape[2]) for i in picks])
            self._grid.addWidget(lab, k, 0)
            self._grid.addWidget(grid, k, 1)
            self._rows.append((lab, grid))
        self.summary.setText(data.get("summary", ""))

    def class_labels(self) -> list[str]:
        return [lab.text() for lab, _ in self._rows]

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._data is not None:
            self.set_data(self._data)
