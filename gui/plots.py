"""The chapter's training plots: prediction(s), kernel weights, output weights and loss vs. log epoch.

Four stacked pyqtgraph plots share one log-epoch x axis, as in the chapter's figures.
The curves are built once per network (``set_network``) and only fed new arrays
afterwards (``show_plot_data``), so a redraw costs a few milliseconds. Clicking or
dragging anywhere on a plot scrubs to the nearest recorded epoch (``epochScrubbed``);
the window answers by showing that epoch's snapshot and calling ``set_cursor``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.stepthrough import screen_name

# The chapter's colours for K6, K7, K8 (and λ9,12, λ10,12, λ11,12): red, blue, green.
CHAPTER_COLOURS = ("#d62728", "#1f77b4", "#2ca02c")
# One colour per image (matplotlib's tab10, which the chapter's figures use).
TAB10 = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)
MAX_LEGEND = 8  # more curves than this: a one-line note instead of a legend entry per curve


def _colour(i: int, n: int) -> str | object:
    """Chapter colours for up to three weights, tab10 up to ten, evenly spread hues beyond."""
    if n <= 3:
        return CHAPTER_COLOURS[i]
    if n <= len(TAB10):
        return TAB10[i]
    return pg.intColor(i, hues=n, maxValue=220)


class _DecadeAxis(pg.AxisItem):
    """An axis whose log mode always labels whole decades first, so minor-tick labels never pile up."""

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802, N803 (pyqtgraph's names)
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if not any(spacing is not None and spacing >= 1.0 for spacing, _ in ticks):
            decades = [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)]
            ticks.insert(0, (1.0, decades))
        return ticks


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

        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setToolTip(
            "Click or drag on a plot to show that epoch; right-click for the plot menu."
        )
        self.log_loss = QCheckBox("log loss axis")
        self.log_loss.setChecked(True)
        self.log_loss.setToolTip("Show the loss on a logarithmic axis, where its steady fall is clearer.")
        self.log_loss.toggled.connect(self._set_loss_log)
        self.epoch_note = QLabel("")
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
            for name in ("left", "bottom"):
                plot.getAxis(name).enableAutoSIPrefix(False)  # show weights as weights, not ×0.001
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

    def set_network(self, net, targets: Sequence[float] | np.ndarray) -> None:
        """Build one curve per prediction, kernel weight, output weight and the loss for ``net``.

        ``targets`` are the samples' labels (dashed lines on the prediction plot); for a
        softmax network the prediction plotted is p of the label, whose target is 1.
        """
        self._net = net
        self._targets = np.asarray(targets, dtype=float).reshape(-1)
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
        self._apply_theme()

    def _build_params(self, plot: pg.PlotItem, weights: list[str], biases: list[str], what: str) -> None:
        n = len(weights)
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
        """Feed ``core.plot_data(...)``'s arrays to the existing curves and move the cursor."""
        epochs = np.asarray(data["epochs"], dtype=float)
        self._epochs = epochs
        self._log_epochs = np.log10(np.maximum(epochs, 1.0)) if epochs.size else epochs
        preds = np.asarray(data["predictions"])
        if preds.ndim == 1:
            preds = preds[:, None]
        for i, curve in enumerate(self._pred_curves):
            if i < preds.shape[1]:
                curve.setData(epochs, preds[:, i])
        params = data["params"]
        for name, curve in self._param_curves.items():
            if name in params:
                curve.setData(epochs, params[name])
        if self._loss_curve is not None:
            loss = np.asarray(data["loss"], dtype=float)
            if self.log_loss.isChecked():
                loss = np.where(loss > 0, loss, np.nan)  # log axis: a loss of exactly 0 cannot be drawn
            self._loss_curve.setData(epochs, loss, connect="finite")
        if current_epoch is not None:
            self.set_cursor(current_epoch)
        elif epochs.size:
            self.set_cursor(int(epochs[-1]))

    def set_cursor(self, epoch: int) -> None:
        """Move the vertical epoch cursor in every plot (without emitting ``epochScrubbed``)."""
        self._cursor_epoch = int(epoch)
        x = math.log10(max(int(epoch), 1))
        for cursor in self.cursors:
            cursor.blockSignals(True)
            cursor.setValue(x)
            cursor.blockSignals(False)
            cursor.setVisible(self._epochs.size > 0 or epoch > 0)
        self.epoch_note.setText(f"epoch {int(epoch):,}   (click or drag on a plot to go back in time)")

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
        self.loss_plot.setLogMode(x=True, y=on)

