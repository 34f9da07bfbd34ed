"""The experiment panel's data preview, drawn as the chapter draws its 1D images: each a line over x = 1…n.

Each image in its own colour — the palette's, so image 1 has the same colour here as its curve in
the ŷ plot — and its label, in that colour, under the plot (ten legend entries would cover the
lines in a plot this small).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from core.formatting import fmt
from gui.widgets.palette import image_colour, theme_for

MAX_NAMED = 10  # images whose label is listed under the preview, each in its colour
MAX_DRAWN = 50  # drawing more lines than this only makes a blur

translate = QCoreApplication.translate


class DataPreview:
    """The plot (``plot``, objectName dataPreview) and the note under it (``note``, dataPreviewNote)."""

    def __init__(self) -> None:
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("dataPreview")
        self.plot.setMinimumHeight(150)
        self.plot.setMaximumHeight(190)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setLabel("bottom", "x")
        self.plot.setToolTip(translate("DataPreview", "The data: each image as a line over x = 1…n, "
                                       "coloured by image."))
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setObjectName("dataPreviewNote")

    def draw(self, X: np.ndarray | None, y: np.ndarray | None) -> None:
        pi = self.plot.getPlotItem()
        pi.clear()
        theme = theme_for(self.plot.palette().color(QPalette.ColorRole.Window).lightness() < 128)
        self.plot.setBackground(theme.background)
        if X is None or y is None:
            self.note.setText(translate("DataPreview", "no data"))
            return
        n = X.shape[0]
        shown = min(n, MAX_DRAWN)
        x = np.arange(1, X.shape[1] + 1)
        for i in range(shown):
            col = image_colour(i, n, theme)
            pi.plot(x, X[i], pen=pg.mkPen(col, width=2), symbol="o", symbolSize=4, symbolBrush=col,
                    symbolPen=None)
        more = translate("DataPreview", "; {shown} of {n} drawn") if shown < n else ""
        more = more.format(shown=shown, n=n)
        if n == 1:
            head = translate("DataPreview", "1 image of {width} values{more}")
        else:
            head = translate("DataPreview", "{n} images of {width} values{more}")
        head = head.format(n=n, width=X.shape[1], more=more)
        if n <= MAX_NAMED:
            labels = " ".join(f"<span style='color:{image_colour(i, n, theme)}'>■</span>&nbsp;{fmt(y[i], 3)}"
                              for i in range(n))
            if n == 1:
                text = translate("DataPreview", "{head}; label y: {labels}")
            else:
                text = translate("DataPreview", "{head}; labels y: {labels}")
            self.note.setText(text.format(head=head, labels=labels))
        else:
            self.note.setText(translate("DataPreview", "{head}; one colour per image").format(head=head))
