"""Learning curves of the image CNN: loss and accuracy per epoch, and time travel by click or drag.

Two pyqtgraph plots (training and validation loss; training and validation accuracy) on a
linear epoch axis, built once; each new epoch only replaces the curves' data. Clicking or
dragging on either picks the nearest recorded epoch (``epochScrubbed``), exactly as on the
Network tab (its ``ScrubViewBox``), and a cursor marks the epoch shown. ``cnnAccuracyLabel``
says the displayed network's validation accuracy in per cent.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from core.formatting import epoch_text, fmt
from gui.image_cnn.frames import CnnSeries
from gui.image_cnn.maps import theme_of
from gui.network.plots.items import DecadeAxis, ScrubViewBox, pen
from gui.widgets.naming import name
from gui.widgets.palette import image_colour
from gui.widgets.text_line import TextLine

translate = QCoreApplication.translate


def accuracy_text(snapshot) -> str:
    """'Validation accuracy 93.6 % (epoch 3)': the displayed network's, in per cent."""
    if snapshot is None or not math.isfinite(snapshot.accuracy):
        return translate("CnnCurves", "Validation accuracy –")
    where = translate("CnnCurves", "epoch {0}").format(
        epoch_text(snapshot.epoch)) + ("" if snapshot.live else translate("CnnCurves", ", recorded"))
    if snapshot.live and snapshot.batch:
        where += translate("CnnCurves", " + {0} batches").format(epoch_text(snapshot.batch))
    return translate("CnnCurves", "Validation accuracy {0} % ({where})").format(
        fmt(100 * snapshot.accuracy, 3), where=where)


def nice_top(x: float) -> float:
    """The epoch axis's end: the first of 5, 10, 20, 50, 100, … at or above ``x``."""
    k = 0
    while True:
        for m in (1, 2, 5):
            if m * 10**k >= max(x, 5.0):
                return float(m * 10**k)
        k += 1


class CurvesView(QWidget):
    """Loss and accuracy against epoch; a click or drag shows an older epoch."""

    epochScrubbed = Signal(int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "cnnCurves", self.tr("Learning curves"))
        v = QVBoxLayout(self)
        v.setContentsMargins(2, 2, 2, 2)
        v.setSpacing(2)
        self.accuracy_label = TextLine(accuracy_text(None))  # a QLabel re-lays out the window each frame
        name(self.accuracy_label, "cnnAccuracyLabel", self.tr("Validation accuracy"))
        font = self.accuracy_label.font()
        font.setBold(True)
        self.accuracy_label.setFont(font)
        v.addWidget(self.accuracy_label)
        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setMinimumHeight(220)
        v.addWidget(self.layout_widget, 1)
        self.series: CnnSeries | None = None
        self.plots, self.curves, self.cursors, self.titles = [], {}, [], []
        for row, title in enumerate((self.tr("Loss (cross-entropy)"), self.tr("Accuracy (%)"))):
            vb = ScrubViewBox(self._scrub_at)
            # DecadeAxis: value labels that never pile up however short the plot (the loss plot is
            # ~30 px tall at 1280×720)
            left = DecadeAxis("left")
            # one width for both value axes, so epoch e stands at the same x in both plots
            left.setWidth(QFontMetrics(left.font()).horizontalAdvance("0.0005") + 12)
            plot = self.layout_widget.addPlot(row=row, col=0, viewBox=vb, axisItems={"left": left})
            plot.setTitle(title)
            self.titles.append(title)
            if row == 1:  # one "epoch" under both: the loss plot keeps the room for its curves
                plot.setLabel("bottom", self.tr("epoch"))
            plot.showGrid(x=True, y=True, alpha=0.2)
            for side in ("left", "bottom"):  # axes and grid kept as a pixmap while their range stays
                plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            cursor = pg.InfiniteLine(angle=90, movable=False)
            plot.addItem(cursor)
            self.plots.append(plot)
            self.cursors.append(cursor)
            for key, label in (("train", self.tr("training")), ("val", self.tr("validation"))):
                curve = plot.plot([], [], name=label, connect="finite", symbol="o", symbolSize=4)
                self.curves[(row, key)] = curve
        self.plots[1].setYRange(0, 100, padding=0.02)
        # 0, 50, 100 only: at 1280×720 the plot is ~60 px tall and pyqtgraph's 20-steps overlapped.
        self.plots[1].getAxis("left").setTicks([[(v, str(v)) for v in (0, 50, 100)], []])
        self._apply_theme()

    def _apply_theme(self) -> None:
        theme = theme_of(self)
        self.layout_widget.setBackground(theme.background)
        colours = {key: image_colour(0 if key == "train" else 1, 2, theme) for key in ("train", "val")}
        for (_, key), curve in self.curves.items():
            curve.setPen(pen(colours[key], "dash" if key == "train" else "solid"))
            curve.setSymbolPen(colours[key])
            curve.setSymbolBrush(colours[key])
        for c in self.cursors:
            c.setPen(pen(theme.cursor, "solid", 1.5))
        for plot in self.plots:
            for axis in ("left", "bottom"):
                plot.getAxis(axis).setTextPen(theme.text)
                plot.getAxis(axis).setPen(theme.dim_text)
        for plot, title in zip(self.plots, self.titles, strict=True):
            train, val = self.tr("training"), self.tr("validation")
            key = (f"<span style='color:{colours['train']}'>╍ {train}</span> "
                   f"<span style='color:{colours['val']}'>━ {val}</span>")
            plot.setTitle(f"<span style='color:{theme.text}'>{title}</span>&nbsp;&nbsp;{key}", size="9pt")

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()

    def set_series(self, s: CnnSeries | None) -> None:
        """New curves (an epoch ended, a reset, a new network)."""
        if s is None or s is self.series:
            return
        self.series = s
        data = {(0, "train"): s.train_loss, (0, "val"): s.val_loss,
                (1, "train"): 100 * s.train_acc, (1, "val"): 100 * s.val_acc}
        for key, y in data.items():
            keep = np.isfinite(y)  # training has no point at epoch 0 (no batch seen yet)
            self.curves[key].setData(s.epochs[keep], y[keep])
        top = nice_top(float(s.epochs[-1]) if len(s.epochs) else 1.0)  # grows in steps: axes rarely redrawn
        for plot in self.plots:
            plot.setXRange(0, top, padding=0.02)
        finite = np.concatenate([a[np.isfinite(a)] for a in (s.train_loss, s.val_loss)])
        if finite.size:
            self.plots[0].setYRange(0, float(finite.max()) * 1.05 or 1.0, padding=0)

    def show_moment(self, m) -> None:
        snap = m.snapshot
        self.set_series(m.series)
        self.accuracy_label.setText(accuracy_text(snap))
        if snap is not None:
            for c in self.cursors:
                c.setValue(snap.epoch)

    def cursor_epoch(self) -> float:
        return float(self.cursors[0].value())

    def _scrub_at(self, x: float) -> None:
        if self.series is None:
            return
        epoch = self.series.nearest(x)
        if epoch is not None:
            self.epochScrubbed.emit(epoch)

    def scrub_point(self, epoch: float):
        """Where on the widget epoch ``epoch`` of the loss plot lies (for tests and screenshots)."""
        vb = self.plots[0].getViewBox()
        y = sum(vb.viewRange()[1]) / 2
        scene = vb.mapViewToScene(pg.Point(epoch, y))
        return self.layout_widget.mapFromScene(scene)
