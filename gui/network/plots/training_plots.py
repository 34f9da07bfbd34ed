"""The chapter's training plots: prediction(s), kernel weights, output weights and loss vs. log epoch.

Four stacked pyqtgraph plots share one log-epoch x axis, as in the chapter's figures. They draw
the displayed moment (``show_moment``): its series are the curves, its epoch is the cursor, so
a plot can never name another epoch than the diagram. x is "the network after N epochs"
(gui/training/frames.py); epoch 0 has no place on a log axis, so curves start at epoch 1.

Bounded whatever the data set: at most ``frames.MAX_CURVES`` prediction curves and, per plot,
``frames.MAX_PARAM_CURVES`` weights (the rest as a dotted min–max band), all built once per
network (``set_network`` is linear in the number of curves) and only fed new arrays afterwards.
While frames stream in the curves are redrawn at most ``PLOT_HZ`` times a second, the newest
series winning; a trailing timer always draws the last one, so no curve is ever left behind
when a run ends. The cursor moves at once. Ranges only grow (half decades of epochs on x, a
margin on y), so axes and their cached pixmaps rarely change.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QCheckBox, QGraphicsItem, QHBoxLayout, QVBoxLayout, QWidget

from core.formatting import epoch_text
from gui.network.plots.curves import CurveBuilder
from gui.network.plots.items import GLYPHS, DecadeAxis, ScrubViewBox, extent
from gui.widgets.palette import theme_for
from gui.widgets.text_line import TextLine

MAX_LEGEND = 8  # more entries than this: a one-line note instead of a legend entry per curve
X_STEP = 0.5  # the epoch axis grows in steps of half a decade (log10 units)
X_PAD = 0.05  # fraction of the x range left free on either side
Y_MARGIN = 0.08  # head room above and below the data (fraction of its span) when a y range grows
PLOT_HZ = 6.0  # curves and cursor redrawn at most this often a second while frames stream in
TITLES = ("ŷ", QT_TRANSLATE_NOOP("TrainingPlots", "kernel weight"),  # axis titles, translated where shown
          QT_TRANSLATE_NOOP("TrainingPlots", "output weight"), QT_TRANSLATE_NOOP("TrainingPlots", "loss"))


class TrainingPlots(QWidget, CurveBuilder):
    """Prediction, kernel weights, output weights and loss against log epoch, with a scrub cursor."""

    epochScrubbed = Signal(int)  # noqa: N815 — the recorded epoch the user picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPlots")
        self._net = None
        self._series = None  # the series drawn last
        self._pending = None  # a newer series waiting for its turn
        self._pending_epoch: int | None = None  # the cursor's epoch waiting with it
        self._epochs = np.zeros(0)  # x of the drawn series (> 0 only): what a scrub may pick
        self._cursor_epoch: int | None = None
        self._pred_curves: list[pg.PlotDataItem] = []
        self._target_lines: list[pg.InfiniteLine] = []
        self._param_curves: dict[str, pg.PlotDataItem] = {}
        self._bands: dict[str, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}
        self._loss_curve: pg.PlotDataItem | None = None
        self._train_loss_curve: pg.PlotDataItem | None = None
        self._legends: dict[int, list[str]] = {}
        self._legend_specs: dict[int, tuple[list, str]] = {}
        self._xmax: float | None = None
        self._yranges: list[tuple[float, float] | None] = [None] * 4
        self._ydata: list[tuple[float, float] | None] = [None] * 4  # the data extents behind them
        self.max_rate: float | None = PLOT_HZ  # curve redraws per second while playing (None: always)
        self.redraws = 0.0  # curve redraws so far (for the benchmark)
        self._last_draw = -math.inf
        self._playing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setToolTip(self.tr("Click or drag on a plot to show that epoch; right-click "
                                              "for the plot menu."))
        self.log_loss = QCheckBox(self.tr("log loss axis"))
        self.log_loss.setChecked(True)
        self.log_loss.setToolTip(self.tr("Show the loss on a logarithmic axis, where its steady fall is "
                                         "clearer."))
        self.log_loss.toggled.connect(self._set_loss_log)
        self.epoch_note = TextLine()
        self.epoch_note.setObjectName("plotsEpochNote")
        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(self.epoch_note, 1)
        top.addWidget(self.log_loss)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.layout_widget, 1)

        self.plots: list[pg.PlotItem] = []
        self.cursors: list[pg.InfiniteLine] = []
        for row, ylabel in enumerate(TITLES):
            vb = ScrubViewBox(self._scrub_at)
            axes = {"left": DecadeAxis("left"), "bottom": DecadeAxis("bottom")}
            plot = self.layout_widget.addPlot(row=row, col=0, viewBox=vb, axisItems=axes)
            plot.setLogMode(x=True, y=False)
            plot.setLabel("left", self.tr(ylabel))
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.hideButtons()
            plot.disableAutoRange()
            for side in ("left", "bottom"):
                ax = plot.getAxis(side)
                ax.enableAutoSIPrefix(False)  # show weights as weights, not ×0.001
                ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            if row:
                plot.setXLink(self.plots[0])
            if row < len(TITLES) - 1:
                plot.getAxis("bottom").setStyle(showValues=False)
            else:
                plot.setLabel("bottom", self.tr("epoch (log)"))
            cursor = pg.InfiniteLine(pos=0, angle=90, movable=True)
            cursor.setZValue(50)
            cursor.setToolTip(self.tr("The epoch shown in the diagram; drag to move through the run."))
            cursor.sigDragged.connect(lambda line: self._scrub_at(float(line.value())))
            plot.addItem(cursor, ignoreBounds=True)
            cursor.hide()
            self.plots.append(plot)
            self.cursors.append(cursor)
        self.pred_plot, self.kernel_plot, self.dense_plot, self.loss_plot = self.plots
        self._set_loss_log(True)
        self._apply_theme()

    # ------------------------------------------------------------- theme
    @property
    def theme(self):
        return theme_for(self.palette().color(QPalette.ColorRole.Window).lightness() < 128)

    def _apply_theme(self) -> None:
        """Background, axes, cursor and every curve's colour follow the light/dark palette."""
        th = self.theme
        self.layout_widget.setBackground(th.background)
        for plot, cursor in zip(self.plots, self.cursors, strict=True):
            for side in ("left", "bottom"):
                ax = plot.getAxis(side)
                ax.setPen(th.text)
                ax.setTextPen(th.text)
                ax.label.setDefaultTextColor(pg.mkColor(th.text))
            cursor.setPen(pg.mkPen(th.cursor, width=2))
            cursor.setHoverPen(pg.mkPen(th.cursor, width=4))
        if self._net is not None:
            self._build_curves()  # colours are per theme: rebuild (cheap: bounded curves)
            if self._series is not None:
                self._draw(self._series)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        super().changeEvent(event)

    # ----------------------------------------------------------- building
    def set_network(self, net, targets: Sequence[float] | np.ndarray) -> None:
        """Build the curves for ``net`` (bounded; see the module docstring); ``targets`` are the labels."""
        self._net = net
        self._targets = np.asarray(targets, dtype=float).reshape(-1)
        self._series = self._pending = None
        self._timer.stop()
        self._epochs = np.zeros(0)
        self._xmax = None
        self._yranges = [None] * len(self.plots)
        self._ydata = [None] * len(self.plots)
        self._build_curves()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_axis_titles)  # once the plots have their new heights

    def _fit_axis_titles(self) -> None:
        """Hide a y-axis title that no longer fits beside its plot (its legend names the curves)."""
        for plot in self.plots:
            axis = plot.getAxis("left")
            title = axis.labelText or ""
            length = QFontMetrics(axis.label.font()).horizontalAdvance(title)
            fits = axis.size().height() >= length + 4
            if fits != axis.label.isVisible():
                axis.showLabel(bool(title) and fits)

    # ------------------------------------------------------------ drawing the moment
    def show_moment(self, m) -> None:
        """The moment's curves and its epoch as the cursor: at once when stopped; while playing both
        at most ``max_rate`` times a second (moving the cursor repaints all four plots), together,
        so curves and cursor never name different epochs."""
        self._playing = bool(m.playing)
        new_series = m.series is not None and m.series is not self._series
        if new_series:
            self._pending = m.series
        self._pending_epoch = m.epoch
        wait = self._last_draw + 1.0 / self.max_rate - time.perf_counter() if self.max_rate else 0.0
        if not self._playing or wait <= 0:
            self.flush()
        elif not self._timer.isActive():
            self._timer.start(max(1, math.ceil(wait * 1000)))

    def flush(self) -> None:
        """Draw what is waiting for its turn now (the timer's job; also screenshots and tests)."""
        self._timer.stop()
        series, self._pending = self._pending, None
        if series is not None:
            self._draw(series)
        epoch, self._pending_epoch = self._pending_epoch, None
        if epoch is not None:
            self._last_draw = time.perf_counter()
            if epoch != self._cursor_epoch:
                self.set_cursor(epoch)

    def _draw(self, s) -> None:
        self._series = s
        self._last_draw = time.perf_counter()
        self.redraws += 1
        x = np.asarray(s.epochs, dtype=float)
        keep = x > 0  # a log axis has no place for epoch 0
        if self._epochs.size and x[keep].size and x[keep][-1] < self._epochs[-1]:
            self._xmax, self._yranges = None, [None] * len(self.plots)  # a reset: fit afresh
            self._ydata = [None] * len(self.plots)
        xs = x[keep]
        self._epochs = xs
        preds = np.asarray(s.predictions, dtype=float)
        for i, curve in enumerate(self._pred_curves):
            curve.setData(xs, preds[keep, i] if preds.ndim == 2 and i < preds.shape[1] else xs * np.nan)
        targets = [line.value() for line in self._target_lines]
        ext = [extent(preds[keep], targets) if preds.size else extent(targets), None, None, None]
        for k, plot in ((1, self.kernel_plot), (2, self.dense_plot)):
            arrays = []
            for name, curve in self._param_curves.items():
                if curve.getViewBox() is plot.getViewBox() and name in s.params:
                    vals = np.asarray(s.params[name], dtype=float)[keep]
                    curve.setData(xs, vals)
                    arrays.append(vals)
            group = "kernel" if k == 1 else "dense"
            if group in self._bands and group in s.bands:
                lo, hi = (np.asarray(a, dtype=float)[keep] for a in s.bands[group])
                self._bands[group][0].setData(xs, lo)
                self._bands[group][1].setData(xs, hi)
                arrays += [lo, hi]
            ext[k] = extent(*arrays) if arrays else None
        self._draw_loss(s, keep)
        ext[3] = self._loss_extent()
        self._fit_ranges(xs, ext)

    def _draw_loss(self, s, keep) -> None:
        th = self.theme
        loss = np.asarray(s.loss, dtype=float)[keep]
        train = None if s.train_loss is None else np.asarray(s.train_loss, dtype=float)[keep]
        xs = self._epochs
        if self.log_loss.isChecked():
            loss = np.where(loss > 0, loss, np.nan)
            train = None if train is None else np.where(train > 0, train, np.nan)
        self._loss_curve.setData(xs, loss, connect="finite")
        if train is None:
            self._train_loss_curve.setData([], [])
            entries = [(th.text, GLYPHS["solid"], self.tr("mean loss over the data set"))]
        else:
            self._train_loss_curve.setData(xs, train, connect="finite")
            entries = [(th.text, GLYPHS["solid"], self.tr("mean loss over the data set (no dropout)")),
                       (th.dim_text, GLYPHS["dash"], self.tr("training loss with dropout"))]
        if self._legends.get(id(self.loss_plot)) != [e[2] for e in entries]:
            self._set_legend(self.loss_plot, entries)
        self._loss_values = [a for a in (loss, train) if a is not None]

    # ------------------------------------------------------------ ranges
    def _loss_extent(self) -> tuple[float, float] | None:
        values = getattr(self, "_loss_values", [])
        if not values:
            return None
        if not self.log_loss.isChecked():
            return extent(*values)
        pos = [v[v > 0] for v in values]
        pos = [v for v in pos if v.size]
        return extent(*(np.log10(v) for v in pos)) if pos else None

    def _fit_ranges(self, epochs: np.ndarray, extents: list) -> None:
        """Set the views' ranges, but only when the data have grown past them."""
        for i, plot in enumerate(self.plots):
            vb = plot.getViewBox()
            x_auto, y_auto = vb.autoRangeEnabled()
            if x_auto or y_auto:  # switched on by a log-mode change or the plot menu
                vb.disableAutoRange()
                self._yranges[i] = self._ydata[i] = None
                if x_auto:
                    self._xmax = None
        last = float(epochs[-1]) if epochs.size else 1.0
        xmax = max(X_STEP * math.ceil(math.log10(max(last, 1.0)) / X_STEP - 1e-9), 1.0)
        if xmax != self._xmax:
            self._xmax = xmax
            self.pred_plot.setXRange(0.0, xmax, padding=X_PAD)  # the other plots are x-linked
        for i, ext in enumerate(extents):
            if ext is None:
                continue
            lo, hi = ext
            cur = self._yranges[i]
            if cur is not None:
                if cur[0] <= lo and hi <= cur[1]:
                    continue
                # Grow from the data seen so far, not from the range shown: merging the shown range
                # (data + head room) added the head room again at every growth, and a loss falling
                # to 1e-17 pushed the top of the log axis up to 10¹⁰.
                seen = self._ydata[i] if self._ydata[i] is not None else cur
                lo, hi = min(lo, seen[0]), max(hi, seen[1])
            self._ydata[i] = (lo, hi)
            span = hi - lo
            margin = Y_MARGIN * span if span > 0 else max(abs(hi) * 0.1, 0.05)
            new = (lo - margin, hi + margin)
            if all(map(math.isfinite, new)):
                self._yranges[i] = new
                self.plots[i].setYRange(*new, padding=0)

    def _set_loss_log(self, on: bool) -> None:
        self.loss_plot.setLogMode(x=True, y=on)  # (pyqtgraph turns autorange back on here)
        self.loss_plot.getViewBox().disableAutoRange()
        self._yranges[3] = self._ydata[3] = None
        if self._series is not None and self._loss_curve is not None:
            keep = np.asarray(self._series.epochs, dtype=float) > 0
            self._draw_loss(self._series, keep)
            self._fit_ranges(self._epochs, [None, None, None, self._loss_extent()])

    # ------------------------------------------------------------ the cursor and scrubbing
    def set_cursor(self, epoch: int) -> None:
        """Put the epoch cursor of every plot at ``epoch`` (hidden at 0: a log axis cannot show it)."""
        self._cursor_epoch = int(epoch)
        x = math.log10(max(int(epoch), 1))
        for cursor in self.cursors:
            cursor.blockSignals(True)
            cursor.setValue(x)
            cursor.blockSignals(False)
            cursor.setVisible(epoch > 0)
        self.epoch_note.setText(self.tr("epoch {0}   (click or drag on a plot to go back in time)").format(
            epoch_text(epoch)))

    def cursor_epoch(self) -> int | None:
        """The epoch the cursor marks (for tests and the status bar)."""
        return self._cursor_epoch

    def nearest_epoch(self, log_x: float) -> int | None:
        """The plotted epoch nearest to a log10(epoch) position."""
        if self._epochs.size == 0 or not math.isfinite(log_x):
            return None
        i = int(np.argmin(np.abs(np.log10(self._epochs) - log_x)))
        return int(self._epochs[i])

    def _scrub_at(self, log_x: float) -> None:
        epoch = self.nearest_epoch(log_x)
        if epoch is not None:
            self.set_cursor(epoch)
            self.epochScrubbed.emit(epoch)
