"""Views for the 3-class (softmax) network: accuracy against log epoch, and the confusion matrix.

Both only draw numbers the core computed (``core.chapter.metrics``): ``AccuracyPlot`` is fed epochs and
accuracies, ``ConfusionMatrixView`` the labels and ``Network.predict(X)``'s probabilities.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.chapter.metrics import accuracy, confusion_matrix
from gui.network.plots.items import DecadeAxis as _DecadeAxis

translate = QCoreApplication.translate

DEFAULT_CLASS_NAMES = ("down", "flat", "up")  # core.datasets.chapter.slope_classes: 0 down, 1 flat, 2 up
ACCENT = "#1f77b4"  # the high end of the confusion matrix's colour scale


def _dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def class_names_for(k: int, names: Sequence[str] | None = None) -> list[str]:
    """``names`` if it has k entries, else down/flat/up for three classes, else "class 0"…"""
    if names is not None and len(names) == k:
        return [str(n) for n in names]
    if k == len(DEFAULT_CLASS_NAMES):
        return list(DEFAULT_CLASS_NAMES)
    return [translate("ClassificationViews", "class {i}").format(i=i) for i in range(k)]


class AccuracyPlot(QWidget):
    """Training accuracy (fraction of samples classified right) against epoch on a log axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accuracyPlot")
        self._epochs = np.zeros(0)
        self._acc = np.zeros(0)
        self._cursor_epoch: float | None = None
        self.plot_widget = pg.PlotWidget(axisItems={"bottom": _DecadeAxis("bottom"),
                                                    "left": pg.AxisItem("left")})
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLogMode(x=True, y=False)
        self.plot.setYRange(-0.03, 1.04, padding=0)
        self.plot.setLimits(yMin=-0.05, yMax=1.1)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setLabel("left", self.tr("accuracy"))
        self.plot.setLabel("bottom", self.tr("epoch (log)"))
        self.plot.getAxis("left").setTicks([[(v, f"{v:.0%}") for v in (0, 0.25, 0.5, 0.75, 1.0)]])
        self.curve = self.plot.plot()
        self.chance = pg.InfiniteLine(angle=0, movable=False)
        self.plot.addItem(self.chance, ignoreBounds=True)
        self.cursor = pg.InfiniteLine(angle=90, movable=False)
        self.cursor.setVisible(False)
        self.plot.addItem(self.cursor, ignoreBounds=True)
        self.note = QLabel("")
        self.note.setObjectName("accuracyNote")
        self.note.setContentsMargins(6, 0, 6, 0)
        self.note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 2)
        lay.setSpacing(2)
        lay.addWidget(self.plot_widget, 1)
        lay.addWidget(self.note)
        self.set_n_classes(3)
        self._apply_theme()

    def set_n_classes(self, k: int) -> None:
        """Draw the chance level 1/k as a dashed line (what guessing would score)."""
        self._k = int(k)
        self.chance.setPos(1.0 / self._k)
        self._update_note()

    def set_accuracy(self, epochs, accuracy_values, current_epoch: float | None = None) -> None:
        """Plot accuracy against epoch (epochs ≥ 1, as in the history); a cursor at ``current_epoch``."""
        e = np.asarray(epochs, dtype=float)
        a = np.asarray(accuracy_values, dtype=float)
        if e.shape != a.shape:
            raise ValueError(f"{e.size} epochs for {a.size} accuracies")
        keep = e > 0  # a log axis cannot show epoch 0
        self._epochs, self._acc = e[keep], a[keep]
        self.curve.setData(self._epochs, self._acc)
        self.set_cursor(current_epoch)

    def show(self, *args, **kwargs) -> None:
        """``show(epochs, accuracy)`` plots (the brief's name); ``show()`` with no data is QWidget.show."""
        if args or kwargs:
            self.set_accuracy(*args, **kwargs)
        else:
            super().show()

    def set_cursor(self, epoch: float | None) -> None:
        """A vertical line at the epoch the rest of the window shows (None hides it)."""
        self._cursor_epoch = epoch
        if epoch is None or epoch <= 0:
            self.cursor.setVisible(False)
        else:
            self.cursor.setPos(np.log10(float(epoch)))
            self.cursor.setVisible(True)
        self._update_note()

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """The epochs and accuracies plotted (for tests)."""
        return self._epochs.copy(), self._acc.copy()

    def _update_note(self) -> None:
        chance = self.tr("dashed: chance 1/{0} = {1:.0%}").format(self._k, 1 / self._k)
        if self.cursor.isVisible():
            chance += self.tr(";  red: the epoch shown")
        measured = self._acc[np.isfinite(self._acc)]  # rows not measured yet are NaN
        if measured.size:
            last = f"{self._acc[-1]:.1%}" if np.isfinite(self._acc[-1]) else self.tr("being measured")
            self.note.setText(self.tr("accuracy on the training set: {last} at epoch {0:,} (best "
                                      "{1:.1%});  {chance}").format(
                int(self._epochs[-1]), measured.max(), last=last, chance=chance))
        else:
            self.note.setText(chance)

    def _apply_theme(self) -> None:
        dark = _dark(self)
        fg = "#e6e6e6" if dark else "#202020"
        self.plot_widget.setBackground("#1e1e1e" if dark else "w")
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setPen(fg)
            self.plot.getAxis(name).setTextPen(fg)
        self.curve.setPen(pg.mkPen(fg, width=2))
        self.chance.setPen(pg.mkPen("#888888", width=1, style=Qt.PenStyle.DashLine))
        self.cursor.setPen(pg.mkPen("#d62728", width=1))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "curve"):
            self._apply_theme()
        super().changeEvent(event)


class ConfusionMatrixView(QWidget):
    """K×K counts, row = true class, column = predicted class, shaded by count with a colour bar."""

    def __init__(self, parent: QWidget | None = None, class_names: Sequence[str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusionMatrix")
        self._names = list(class_names) if class_names else None
        self._cm = np.zeros((0, 0), dtype=int)
        self._texts: list[pg.TextItem] = []
        self.plot_widget = pg.PlotWidget()
        self.plot = self.plot_widget.getPlotItem()
        self.plot.invertY(True)  # row 0 (true class 0) at the top, as a table reads
        self.plot.setAspectLocked(True)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.setLabel("left", self.tr("true class"))
        self.plot.setLabel("bottom", self.tr("predicted class"))
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        self.colour_bar = self.plot.addColorBar(self.image, colorMap=self._colour_map(),
                                                values=(0, 1), interactive=False)
        self.plot.layout.setContentsMargins(2, 12, 2, 2)  # room for the colour bar's top label
        self.title = QLabel("")
        self.title.setObjectName("confusionTitle")
        self.title.setContentsMargins(6, 0, 6, 0)
        self.title.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 2)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.plot_widget, 1)
        self._apply_theme()

    # --------------------------------------------------------------- public
    def set_class_names(self, names: Sequence[str] | None) -> None:
        """Names of the classes along both axes (default down/flat/up for three)."""
        self._names = list(names) if names else None
        if self._cm.size:
            self._draw()

    def class_names(self) -> list[str]:
        return class_names_for(max(self._cm.shape[0], 1) if self._cm.size else 3, self._names)

    def set_predictions(self, labels, probabilities) -> np.ndarray:
        """Count true vs predicted classes (``probabilities`` = ``net.predict(X)``, (N, K)) and draw."""
        self._cm = confusion_matrix(labels, probabilities)
        self._acc = accuracy(labels, probabilities)
        self._draw()
        return self._cm.copy()

    def show(self, *args, **kwargs) -> None:
        """``show(labels, probabilities)`` draws (the brief's name); ``show()`` alone is QWidget.show."""
        if args or kwargs:
            self.set_predictions(*args, **kwargs)
        else:
            super().show()

    def matrix(self) -> np.ndarray:
        """The counts shown (for tests)."""
        return self._cm.copy()

    def cell_text(self, true_class: int, predicted: int) -> str:
        """The text drawn in one cell (for tests)."""
        k = self._cm.shape[0]
        return self._texts[true_class * k + predicted].toPlainText()

    # -------------------------------------------------------------- drawing
    def _colour_map(self) -> pg.ColorMap:
        low = "#1e1e1e" if _dark(self) else "#ffffff"
        return pg.ColorMap([0.0, 1.0], [pg.mkColor(low), pg.mkColor(ACCENT)])

    def _draw(self) -> None:
        cm = self._cm
        k = cm.shape[0]
        names = class_names_for(k, self._names)
        top = max(int(cm.max()), 1)
        # ImageItem indexes [x, y]: x = predicted column, y = true row
        self.image.setImage(cm.T.astype(float), levels=(0, top), autoLevels=False)
        self.image.setRect(-0.5, -0.5, k, k)
        self.colour_bar.setLevels((0, top))
        ticks = [[(i, names[i]) for i in range(k)]]
        self.plot.getAxis("bottom").setTicks(ticks)
        self.plot.getAxis("left").setTicks(ticks)
        self.plot.setXRange(-0.5, k - 0.5, padding=0.02)
        self.plot.setYRange(-0.5, k - 0.5, padding=0.02)
        while len(self._texts) < k * k:
            t = pg.TextItem(anchor=(0.5, 0.5))
            t.setZValue(5)
            self.plot.addItem(t, ignoreBounds=True)
            self._texts.append(t)
        fg = "#e6e6e6" if _dark(self) else "#202020"
        row_sums = cm.sum(axis=1)
        for i, t in enumerate(self._texts):
            if i >= k * k:
                t.setVisible(False)
                continue
            r, c = divmod(i, k)
            n = int(cm[r, c])
            # text on the dark (high-count) end of the scale in white
            t.setText(str(n), color="#ffffff" if n > 0.55 * top else fg)
            t.setToolTip(self.tr("true {0}, predicted {1}: {n} of {2}").format(
                names[r], names[c], int(row_sums[r]), n=n))
            t.setPos(c, r)
            t.setVisible(True)
        n_total = int(cm.sum())
        self.title.setText(
            self.tr("confusion matrix: {0} of {n_total} right ({1:.1%}); row = true class, column "
                    "= predicted, diagonal = correct").format(
                int(np.trace(cm)), self._acc, n_total=n_total)
        )

    def _apply_theme(self) -> None:
        dark = _dark(self)
        fg = "#e6e6e6" if dark else "#202020"
        self.plot_widget.setBackground("#1e1e1e" if dark else "w")
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setPen(fg)
            self.plot.getAxis(name).setTextPen(fg)
        self.colour_bar.setColorMap(self._colour_map())
        self.colour_bar.axis.setPen(fg)
        self.colour_bar.axis.setTextPen(fg)
        self.colour_bar.axis.setLabel(self.tr("samples"), color=fg)
        if self._cm.size:
            self._draw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "colour_bar"):
            self._apply_theme()
        super().changeEvent(event)
