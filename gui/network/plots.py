"""The chapter's training plots: prediction(s), kernel weights, output weights and loss vs. log epoch.

Four stacked pyqtgraph plots share one log-epoch x axis, as in the chapter's figures.
The curves are built once per network (``set_network``) and only fed new arrays
afterwards (``show_plot_data``), so a redraw costs a few milliseconds. That takes care:
autorange is off (it re-fit every view on every paint and made each frame paint twice);
the ranges are set here only when the data grow past the view — x in half decades of
epochs, y with a margin — so the axes, their tick text and their grid do not change from
frame to frame, and each axis is cached as a pixmap (the translucent grid it draws
across the plot was most of a paint's cost). While data stream in (playing) each plot is
redrawn at most ``PLOT_HZ`` times a second, the latest data winning, and one frame redraws
only one of ``GROUPS`` (about half the curves), so no frame carries the whole cost; the
diagram and the status bar keep the worker's full frame rate. The epoch note above the plots
is a painted line, not a QLabel: QLabel.setText re-lays out the whole window (3–5 ms a frame).
Measured in bench/bench_gui.py. Clicking or
dragging anywhere on a plot scrubs to the nearest recorded epoch (``epochScrubbed``);
the window answers by showing that epoch's snapshot and calling ``set_cursor``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsItem,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from core.chapter.stepthrough import screen_name
from gui.widgets.text_line import TextLine

# The chapter's colours for K6, K7, K8 (and λ9,12, λ10,12, λ11,12): red, blue, green.
CHAPTER_COLOURS = ("#d62728", "#1f77b4", "#2ca02c")
# One colour per image (matplotlib's tab10, which the chapter's figures use).
TAB10 = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)
MAX_LEGEND = 8  # more curves than this: a one-line note instead of a legend entry per curve
X_STEP = 0.5  # the epoch axis grows in steps of half a decade (log10 units)
X_PAD = 0.05  # fraction of the x range left free on either side (as autorange did: "1" stays in view)
Y_MARGIN = 0.08  # head room above and below the data (fraction of its span) when a y range grows
MAX_ABS = 1e100  # a diverging run's values beyond this are left out of the y range
PLOT_HZ = 8.0  # each plot redrawn at most this often a second; faster data wait (newest wins)
STILL_S = 0.5  # redraw at least this often while data come, even if nothing moved by a pixel
GROUPS = ((0,), (1, 2, 3))  # plots redrawn together while playing: ŷ (10 curves) | the other 9


def _colour(i: int, n: int) -> str | object:
    """Chapter colours for up to three weights, tab10 up to ten, evenly spread hues beyond."""
    if n <= 3:
        return CHAPTER_COLOURS[i]
    if n <= len(TAB10):
        return TAB10[i]
    return pg.intColor(i, hues=n, maxValue=220)


def _extent(*arrays) -> tuple[float, float] | None:
    """The smallest and largest finite value in ``arrays`` (a diverging run's huge ones left out)."""
    if not arrays:
        return None
    a = np.concatenate([np.asarray(x, dtype=float).ravel() for x in arrays])
    a = a[np.isfinite(a) & (np.abs(a) <= MAX_ABS)]
    if a.size == 0:
        return None
    return float(a.min()), float(a.max())


class _DecadeAxis(pg.AxisItem):
    """An axis whose log mode always labels whole decades first, so minor-tick labels never pile up."""

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802, N803 (pyqtgraph's names)
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if not any(spacing is not None and spacing >= 1.0 for spacing, _ in ticks):
            decades = [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)]
            ticks.insert(0, (1.0, decades))
        return ticks


_Note = TextLine  # the epoch note above the plots (gui/text_line.py says why not a QLabel)


class _ScrubViewBox(pg.ViewBox):
    """A ViewBox whose left click/drag picks an epoch instead of panning (right button: menu)."""

    def __init__(self, on_scrub: Callable[[float], None]) -> None:
        super().__init__(enableMenu=True)
        self._on_scrub = on_scrub
        self.setMouseEnabled(x=False, y=False)

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 (Qt naming)
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self._on_scrub(self.mapSceneToView(ev.scenePos()).x())
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None) -> None:  # noqa: N802
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self._on_scrub(self.mapSceneToView(ev.scenePos()).x())
        else:
            super().mouseDragEvent(ev, axis)


class TrainingPlots(QWidget):
    """Prediction, kernel weights, output weights and loss against log epoch, with a scrub cursor."""

    epochScrubbed = Signal(int)  # noqa: N815 — the nearest recorded epoch the user picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPlots")
        self._epochs = np.zeros(0)  # the epochs of the last plot data (what a scrub may pick)
        self._log_epochs = np.zeros(0)
        self._cursor_epoch: int | None = None
        self._pred_curves: list[pg.PlotDataItem] = []
        self._target_lines: list[pg.InfiniteLine] = []
        self._param_curves: dict[str, pg.PlotDataItem] = {}
        self._loss_curve: pg.PlotDataItem | None = None
        self._net = None
        self._legends: dict[int, list[str]] = {}
        self._legend_specs: dict[int, tuple[list, str]] = {}
        self._fg = "#202020"
        self._targets: np.ndarray = np.zeros(0)
        self._xmax: float | None = None  # the log10(epoch) the x range was last set to reach
        self._yranges: list[tuple[float, float] | None] = [None] * 4  # per plot, as last set
        self._last_loss = np.zeros(0)  # the loss of the last plot data (refit on the log toggle)
        self._plot_params: list[list[str]] = [[], [], [], []]  # parameter curves of each plot
        self.max_rate: float | None = PLOT_HZ  # curve redraws per second (None: every call)
        self.redraws = 0.0  # curve redraws so far, in whole-widget equivalents (for the benchmark)
        self._next_group = -1  # index into GROUPS of the group drawn last
        self._catch_up = 0  # groups still to redraw after a change, though nothing moves now
        self._last_draw = -math.inf  # time.perf_counter() of the last curve redraw
        self._pending: tuple[dict, int | None, bool] | None = None  # (data, epoch, move the cursor)
        self._drawn_last: tuple[float, list[np.ndarray]] | None = None  # _last_values of the drawn data
        self._drawn_epoch: int | None = None  # the current_epoch drawn with them
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.timeout.connect(lambda: self._draw_pending())  # all groups

        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setToolTip(
            "Click or drag on a plot to show that epoch; right-click for the plot menu."
        )
        self.log_loss = QCheckBox("log loss axis")
        self.log_loss.setChecked(True)
        self.log_loss.setToolTip("Show the loss on a logarithmic axis, where its steady fall is clearer.")
        self.log_loss.toggled.connect(self._set_loss_log)
        self.epoch_note = _Note()
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
        labels = ("ŷ", "kernel weight", "output weight", "loss P")
        for row, ylabel in enumerate(labels):
            vb = _ScrubViewBox(self._scrub_at)
            axes = {"left": _DecadeAxis("left"), "bottom": _DecadeAxis("bottom")}
            plot = self.layout_widget.addPlot(row=row, col=0, viewBox=vb, axisItems=axes)
            plot.setLogMode(x=True, y=False)
            plot.setLabel("left", ylabel)
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.hideButtons()
            plot.disableAutoRange()  # ranges are set in _fit_ranges, only when the data outgrow them
            for name in ("left", "bottom"):
                ax = plot.getAxis(name)
                ax.enableAutoSIPrefix(False)  # show weights as weights, not ×0.001
                # The axis (with its grid) only changes when a range does: paint it from a pixmap.
                ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            if row:
                plot.setXLink(self.plots[0])
            if row < len(labels) - 1:
                plot.getAxis("bottom").setStyle(showValues=False)
            else:
                plot.setLabel("bottom", "epoch (log)")
            cursor = pg.InfiniteLine(pos=0, angle=90, movable=True)
            cursor.setZValue(50)
            cursor.setToolTip("The epoch shown in the diagram; drag to move through the run.")
            cursor.sigDragged.connect(self._cursor_dragged)
            plot.addItem(cursor, ignoreBounds=True)
            cursor.hide()
            self.plots.append(plot)
            self.cursors.append(cursor)
        self.pred_plot, self.kernel_plot, self.dense_plot, self.loss_plot = self.plots
        self._set_loss_log(True)
        self.plot_notes: list[pg.TextItem] = []
        self._apply_theme()

    # ------------------------------------------------------------- theme
    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _apply_theme(self) -> None:
        """Background, axes and the foreground curves (biases, cursor) follow the light/dark palette."""
        dark = self._dark()
        self._fg = "#e6e6e6" if dark else "#202020"
        self.layout_widget.setBackground("#1e1e1e" if dark else "w")
        for plot, cursor in zip(self.plots, self.cursors, strict=True):
            for name in ("left", "bottom"):
                ax = plot.getAxis(name)
                ax.setPen(self._fg)
                ax.setTextPen(self._fg)
            cursor.setPen(pg.mkPen("#ff9800" if dark else "#e65100", width=2))
            cursor.setHoverPen(pg.mkPen("#ffd54f", width=3))
            spec = self._legend_specs.get(id(plot))
            if spec is not None:
                self._set_legend(plot, *spec)
        for name, curve in self._param_curves.items():
            if name.startswith("b"):
                style = curve.opts["pen"].style() if hasattr(curve.opts["pen"], "style") else None
                curve.setPen(pg.mkPen(self._fg, width=2, style=style or Qt.PenStyle.SolidLine))
        if self._loss_curve is not None:
            self._loss_curve.setPen(pg.mkPen(self._fg, width=2))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_theme()
        super().changeEvent(event)

    # ----------------------------------------------------------- building
    def _reset_plot(self, plot: pg.PlotItem, cursor: pg.InfiniteLine) -> None:
        for item in list(plot.listDataItems()):
            plot.removeItem(item)
        for item in list(plot.items):
            if isinstance(item, pg.InfiniteLine) and item is not cursor:
                plot.removeItem(item)

    def _set_legend(self, plot: pg.PlotItem, entries: list[tuple[str, str, str]], note: str = "") -> None:
        """A one-line legend in the plot's title: (colour, line glyph, name) per entry, then a note.

        Kept above the plot area rather than inside it so it never hides a curve.
        """
        self._legends[id(plot)] = [name for _, _, name in entries]
        self._legend_specs[id(plot)] = (entries, note)
        parts = [
            f"<span style='color:{col}; font-weight:bold'>{glyph}</span>&nbsp;"
            f"<span style='color:{self._fg}'>{name}</span>"
            for col, glyph, name in entries
        ]
        if note:
            parts.append(f"<span style='color:{self._fg}'>{note}</span>")
        plot.setTitle("&nbsp;&nbsp; ".join(parts), size="8pt")

    def legend_entries(self, index: int) -> list[str]:
        """The names in plot ``index``'s legend (0 prediction, 1 kernel, 2 output weights, 3 loss)."""
        return list(self._legends.get(id(self.plots[index]), []))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Hide a y-axis title that no longer fits beside its plot (small windows, 200 % scaling),
        so titles never run into the next plot's."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_axis_titles)  # once the plots have their new heights

    def _fit_axis_titles(self) -> None:
        for plot in self.plots:
            axis = plot.getAxis("left")
            title = axis.labelText or ""
            length = QFontMetrics(axis.label.font()).horizontalAdvance(title)  # drawn vertically
            fits = axis.size().height() >= length + 4
            if fits != axis.label.isVisible():
                axis.showLabel(bool(title) and fits)

    def set_network(self, net, targets: Sequence[float] | np.ndarray) -> None:
        """Build one curve per prediction, kernel weight, output weight and the loss for ``net``.

        ``targets`` are the samples' labels (dashed lines on the prediction plot); for a
        softmax network the prediction plotted is p of the label, whose target is 1.
        """
        self._net = net
        self._targets = np.asarray(targets, dtype=float).reshape(-1)
        self._forget_ranges()
        self._plot_params = [[], [], [], []]
        self._pending = None  # data for the old network
        self._redraw_timer.stop()
        self._drawn_last = self._drawn_epoch = None
        for plot, cursor in zip(self.plots, self.cursors, strict=True):
            self._reset_plot(plot, cursor)
        n = len(self._targets)
        # (1) predictions, one colour per image and the same colour for its dashed target
        self._pred_curves, self._target_lines = [], []
        softmax = net.output == "softmax"
        for i in range(n):
            col = pg.mkColor(self._fg) if n == 1 else pg.mkColor(_colour(i, n))
            curve = self.pred_plot.plot(pen=pg.mkPen(col, width=2))
            self._pred_curves.append(curve)
            t = 1.0 if softmax else float(self._targets[i])
            line = pg.InfiniteLine(pos=t, angle=0, pen=pg.mkPen(col, width=1.5, style=Qt.PenStyle.DashLine))
            line.setToolTip(f"image {i + 1}: target {t:g}")
            self.pred_plot.addItem(line)
            self._target_lines.append(line)
        what = "p(label)" if softmax else "ŷ"
        if n == 1:
            self._set_legend(self.pred_plot, [(self._fg, "━━", what), (self._fg, "╍╍", "target y")])
        elif n <= MAX_LEGEND:
            entries = [(pg.mkColor(_colour(i, n)).name(), "━━", f"image {i + 1}") for i in range(n)]
            self._set_legend(self.pred_plot, entries, "(dashed: its label)")
        else:
            note = f"{what} of {n} images — one colour per image; dashed: its label"
            self._set_legend(self.pred_plot, [], note)
        self.pred_plot.setLabel("left", "p(label)" if softmax else "ŷ")
        # (2) kernel weights and biases, (3) output weights and biases
        self._param_curves = {}
        kernels = [name for row in net.kernel_names for name in row]
        self._build_params(self.kernel_plot, kernels, net.conv_bias_names, "kernel weights")
        dense = [name for row in net.output_weight_names for name in row]
        self._build_params(self.dense_plot, dense, net.output_bias_names, "output weights")
        # (4) loss
        self._loss_curve = self.loss_plot.plot(pen=pg.mkPen(self._fg, width=2))
        self._set_legend(self.loss_plot, [(self._fg, "━━", "mean loss over the data set")])
        self.loss_plot.setLabel("left", "loss P" + (" (cross-entropy)" if softmax else ""))
        self._fit_axis_titles()
        self._apply_theme()

    def _build_params(self, plot: pg.PlotItem, weights: list[str], biases: list[str], what: str) -> None:
        n = len(weights)
        self._plot_params[self.plots.index(plot)] = list(weights) + list(biases)
        entries = []
        for i, name in enumerate(weights):
            col = pg.mkColor(_colour(i, n))
            self._param_curves[name] = plot.plot(pen=pg.mkPen(col, width=2))
            entries.append((col.name(), "━━", screen_name(name)))
        for name in biases:
            style = Qt.PenStyle.SolidLine if len(biases) == 1 else Qt.PenStyle.DotLine
            self._param_curves[name] = plot.plot(pen=pg.mkPen(self._fg, width=2, style=style))
            entries.append((self._fg, "━━" if len(biases) == 1 else "┅┅", name))
        if len(entries) <= MAX_LEGEND:
            self._set_legend(plot, entries)
        else:
            dotted = "dotted" if len(biases) > 1 else "dark"
            note = (f"{n} {what}, {screen_name(weights[0])}…{screen_name(weights[-1])}: one colour each; "
                    f"{'bias' if len(biases) == 1 else 'biases'} {dotted}")
            self._set_legend(plot, [], note)

    # ------------------------------------------------------------ updating
    def show_plot_data(self, data: dict, current_epoch: int | None = None) -> None:
        """Feed ``core.plot_data(...)``'s arrays to the existing curves and move the cursor.

        With ``max_rate`` None every call redraws every plot. Otherwise (data streaming in
        while playing) a call redraws one of ``GROUPS`` — about half the curves, so no frame
        carries the whole cost — the groups taking turns, each plot at most ``max_rate`` times
        a second; nothing is redrawn when nothing would move by a pixel (late in a run the
        log-epoch axis barely moves), except every ``STILL_S``. Data not drawn wait, replaced
        by newer data, for the next call — in step with the window's frames, which the worker
        keeps from competing for the GIL (gui/worker.py) — or for a timer once none come.
        """
        self._pending = (data, current_epoch, True)
        if not self.max_rate:
            self._draw_pending()
            return
        period = 1.0 / (self.max_rate * len(GROUPS))
        since = time.perf_counter() - self._last_draw
        if since < 0.75 * period:  # drawn a moment ago: wait for the next frame (or the timer)
            if not self._redraw_timer.isActive():
                self._redraw_timer.start(max(1, math.ceil((1.5 * period - since) * 1000)))
            return
        if since >= STILL_S or self._moves(data, current_epoch):
            self._catch_up = len(GROUPS) - 1  # the other groups still show older data
        elif self._catch_up > 0:
            self._catch_up -= 1
        else:
            self._redraw_timer.start(int(STILL_S * 1000))  # restarted by every call: fires once they stop
            if current_epoch is not None:
                self._cursor_epoch = int(current_epoch)
                self.epoch_note.setText(self._note_text(current_epoch))
            return
        if since >= 1.0 / self.max_rate:  # not a stream (or a pause in one): everything at once
            self._draw_pending()
            return
        self._next_group = (self._next_group + 1) % len(GROUPS)
        self._draw_pending(self._next_group)

    def _last_values(self, data: dict) -> tuple[float, list[np.ndarray]] | None:
        """log10 of the newest epoch and each curve's newest value (in its axis' units), per plot."""
        epochs = data["epochs"]
        if len(epochs) == 0:
            return None
        params = data["params"]
        preds = np.asarray(data["predictions"], dtype=float)
        last = [preds[-1].reshape(-1)[: len(self._pred_curves)]]
        last += [np.array([params[n][-1] for n in self._plot_params[i] if n in params], dtype=float)
                 for i in (1, 2)]
        loss = float(data["loss"][-1])
        if self.log_loss.isChecked():
            loss = math.log10(loss) if loss > 0 else math.nan
        last.append(np.array([loss]))
        return math.log10(max(float(epochs[-1]), 1.0)), last

    def _moves(self, data: dict, current_epoch: int | None) -> bool:
        """Whether drawing ``data`` would move the newest point of any curve (or the cursor) by a pixel."""
        new, old = self._last_values(data), self._drawn_last
        if new is None or old is None or current_epoch is None or self._drawn_epoch is None:
            return True
        px = [plot.getViewBox().viewPixelSize() for plot in self.plots]
        cursor_x = math.log10(max(current_epoch, 1))
        drawn_x = math.log10(max(self._drawn_epoch, 1))
        if abs(new[0] - old[0]) >= px[0][0] or abs(cursor_x - drawn_x) >= px[0][0]:
            return True
        for (_, h), a, b in zip(px, new[1], old[1], strict=True):
            if a.shape != b.shape or not np.all(np.abs(a - b) < h):  # NaN (diverging) counts as moved
                return True
        return False

    def flush(self) -> None:
        """Draw data still waiting for their turn now (for screenshots and tests)."""
        if self._pending is not None:
            self._draw_pending()

    def _draw_pending(self, group: int | None = None) -> None:
        """Draw the waiting data into the plots of ``GROUPS[group]`` (None: all of them)."""
        self._redraw_timer.stop()
        if self._pending is None:
            return
        data, epoch, move_cursor = self._pending
        self._pending = None
        which = tuple(range(len(self.plots))) if group is None else GROUPS[group]
        if group is None:
            self._catch_up = 0
        self._last_draw = time.perf_counter()
        self.redraws += len(which) / len(self.plots)
        self._draw(data, epoch, move_cursor, which)
        self._drawn_last = self._last_values(data)
        self._drawn_epoch = epoch

    def _draw(self, data: dict, current_epoch: int | None, move_cursor: bool,
              which: tuple[int, ...] = (0, 1, 2, 3)) -> None:
        epochs = np.asarray(data["epochs"], dtype=float)
        if epochs.size == 0 or (self._epochs.size and epochs[-1] < self._epochs[-1]):
            self._forget_ranges()  # a reset or a new run: fit the views afresh
        self._epochs = epochs
        self._log_epochs = np.log10(np.maximum(epochs, 1.0)) if epochs.size else epochs
        preds = np.asarray(data["predictions"], dtype=float)
        if preds.ndim == 1:
            preds = preds[:, None]
        params = data["params"]
        loss = np.asarray(data["loss"], dtype=float)
        self._last_loss = loss
        extents: list[tuple[float, float] | None] = [None] * len(self.plots)
        if 0 in which:
            for i, curve in enumerate(self._pred_curves):
                if i < preds.shape[1]:
                    curve.setData(epochs, preds[:, i])
            targets = np.array([line.value() for line in self._target_lines], dtype=float)
            extents[0] = _extent(preds[:, : len(self._pred_curves)], targets)
        for k in (1, 2):
            if k in which:
                names = [n for n in self._plot_params[k] if n in params]
                for name in names:
                    self._param_curves[name].setData(epochs, params[name])
                extents[k] = _extent(*(params[n] for n in names))
        if 3 in which and self._loss_curve is not None:
            if self.log_loss.isChecked():
                loss = np.where(loss > 0, loss, np.nan)  # log axis: a loss of exactly 0 cannot be drawn
            self._loss_curve.setData(epochs, loss, connect="finite")
            extents[3] = self._loss_extent()
        self._fit_ranges(epochs, extents)
        if not move_cursor:
            return  # the cursor was placed after these data arrived (a recorded epoch, a scrub)
        if current_epoch is None and epochs.size:
            current_epoch = int(epochs[-1])
        if current_epoch is not None:
            self._place_cursor(current_epoch, which)

    # ------------------------------------------------------------ ranges
    def _forget_ranges(self) -> None:
        self._xmax = None
        self._yranges = [None] * len(self.plots)

    def _loss_extent(self) -> tuple[float, float] | None:
        loss = self._last_loss
        if not self.log_loss.isChecked():
            return _extent(loss)
        loss = loss[loss > 0]
        return _extent(np.log10(loss)) if loss.size else None

    def _fit_ranges(self, epochs: np.ndarray, extents: list[tuple[float, float] | None]) -> None:
        """Set the views' ranges, but only when the data have grown past them.

        Autorange would re-fit every view at every paint (and re-draw the axes, their tick
        text and grid, which then paint a second time); ranges that stay put for seconds at a
        time let the cached axes be reused. x grows in half decades of epochs; a y range grows
        to the data plus a margin, so creeping data do not move it every frame.
        """
        for i, plot in enumerate(self.plots):
            vb = plot.getViewBox()
            x_auto, y_auto = vb.autoRangeEnabled()
            if x_auto or y_auto:  # switched on by a log-mode change or the plot menu
                vb.disableAutoRange()
                self._yranges[i] = None
                if x_auto:
                    self._xmax = None
        if epochs.size:
            decades = X_STEP * math.ceil(math.log10(max(float(epochs[-1]), 1.0)) / X_STEP - 1e-9)
            xmax = max(decades, 1.0)
            if xmax != self._xmax:
                self._xmax = xmax
                logx = self.pred_plot.ctrl.logXCheck.isChecked()
                self.pred_plot.setXRange(0.0 if logx else 1.0, xmax if logx else 10.0 ** xmax,
                                         padding=X_PAD)  # the other plots are x-linked to this one
        for i, ext in enumerate(extents):
            if ext is None:
                continue
            lo, hi = ext
            cur = self._yranges[i]
            if cur is not None:
                if cur[0] <= lo and hi <= cur[1]:
                    continue
                lo, hi = min(lo, cur[0]), max(hi, cur[1])
            span = hi - lo
            margin = Y_MARGIN * span if span > 0 else max(abs(hi) * 0.1, 0.05)
            new = (lo - margin, hi + margin)
            if not all(map(math.isfinite, new)):
                continue
            self._yranges[i] = new
            self.plots[i].setYRange(*new, padding=0)

    def set_cursor(self, epoch: int) -> None:
        """Move the vertical epoch cursor in every plot (without emitting ``epochScrubbed``)."""
        if self._pending is not None:
            self._pending = (self._pending[0], self._pending[1], False)  # this placement wins
        self._place_cursor(epoch, range(len(self.cursors)))

    def _place_cursor(self, epoch: int, which: Iterable[int]) -> None:
        """Move the cursor of the plots ``which`` (only those: moving one repaints its plot)."""
        self._cursor_epoch = int(epoch)
        x = math.log10(max(int(epoch), 1))
        for i in which:
            cursor = self.cursors[i]
            cursor.blockSignals(True)
            cursor.setValue(x)
            cursor.blockSignals(False)
            cursor.setVisible(self._epochs.size > 0 or epoch > 0)
        self.epoch_note.setText(self._note_text(epoch))

    @staticmethod
    def _note_text(epoch: int) -> str:
        return f"epoch {int(epoch):,}   (click or drag on a plot to go back in time)"

    def cursor_epoch(self) -> int | None:
        """The epoch the cursor marks (for tests and the status bar)."""
        return self._cursor_epoch

    def nearest_epoch(self, log_x: float) -> int | None:
        """The recorded epoch nearest to a log10(epoch) position."""
        if self._log_epochs.size == 0 or not math.isfinite(log_x):
            return None
        i = int(np.argmin(np.abs(self._log_epochs - log_x)))
        return int(self._epochs[i])

    def _scrub_at(self, log_x: float) -> None:
        epoch = self.nearest_epoch(log_x)
        if epoch is None:
            return
        self.set_cursor(epoch)
        self.epochScrubbed.emit(epoch)

    def _cursor_dragged(self, line: pg.InfiniteLine) -> None:
        self._scrub_at(float(line.value()))

    def _set_loss_log(self, on: bool) -> None:
        self.loss_plot.setLogMode(x=True, y=on)  # (pyqtgraph turns autorange back on here)
        self.loss_plot.getViewBox().disableAutoRange()
        self._yranges[3] = None
        if self._loss_curve is not None and self._epochs.size:
            loss = self._last_loss
            if on:
                loss = np.where(loss > 0, loss, np.nan)
            self._loss_curve.setData(self._epochs, loss, connect="finite")
            self._fit_ranges(self._epochs, [None, None, None, self._loss_extent()])

