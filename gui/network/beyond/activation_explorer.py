"""The feature-map activation f(z) and its derivative f′(z), with every C node's operating point on both.

Saturation (σ′ near 0: the node's weights barely learn) and dead ReLUs (z < 0, so f′ = 0 and no
gradient flows) become visible as markers sitting on the flat parts of the curves. The curves
come from the core's ``Activation.f`` and ``.df``; the markers are the snapshot's own numbers
(``C9_in``, ``C9``, ``dact``), so nothing is recomputed here. ``show_snapshot`` only moves
existing items (``setData``/``setPos``), cheap enough for 60 calls a second.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.activations import get_activation
from gui.widgets.i18n import say

translate = QCoreApplication.translate

Z_RANGE = (-6.0, 6.0)
N_CURVE = 601  # points on each curve (step 0.02)
SATURATED_BELOW = 0.04  # f′ below this fraction of its largest value counts as saturated
MAX_LABELLED = 12  # more feature-map nodes than this: markers without name labels
TAB10 = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)
PRIME = {"sigmoid": "σ′", "tanh": "tanh′", "relu": "ReLU′", "leaky_relu": "f′", "linear": "f′"}
SYMBOL = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "leaky ReLU", "linear": "f"}
MINUS = "\u2212"


def _fmt(v: float, digits: int = 3) -> str:
    return f"{v + 0.0:.{digits}g}".replace("-", MINUS)


def node_flags(activation: str, nodes: list[str], z: dict[str, float], dact: dict[str, float],
               dropped=frozenset()) -> list[str]:
    """One short warning per node that learns badly for this sample: saturated or dead (or dropped)."""
    act = get_activation(activation)
    zz = np.linspace(*Z_RANGE, N_CURVE)
    peak = float(np.max(act.df(zz, act.f(zz))))
    prime = PRIME.get(activation, "f′")
    out = []
    for n in nodes:
        d = dact[n]
        if n in dropped:
            out.append(translate("ActivationExplorer", "{n} dropped (dropout): no gradient "
                                                       "reaches its weights this step").format(
                n=n))
        elif activation in ("relu",) and z[n] <= 0:
            out.append(translate("ActivationExplorer", "{n} dead: z = {0} ≤ 0, {prime} = 0 — no "
                                                       "gradient flows through it").format(
                _fmt(z[n]), n=n, prime=prime))
        elif activation == "leaky_relu" and z[n] < 0:
            out.append(translate("ActivationExplorer", "{n} on the leaky side: z = {0} < 0, f′ = "
                                                       "{1} — it learns slowly").format(
                _fmt(z[n]), _fmt(d), n=n))
        elif activation in ("sigmoid", "tanh") and d < SATURATED_BELOW * peak:
            out.append(translate("ActivationExplorer", "{n} saturated: {prime} = {0} — its "
                                                       "weights barely learn").format(
                _fmt(d), n=n, prime=prime))
    return out


class ActivationExplorer(QWidget):
    """f(z) and f′(z) over z ∈ [−6, 6] with the operating point of every feature-map node."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activationExplorer")
        self._activation = "sigmoid"
        self._nodes: list[str] = []
        self._points: dict[str, tuple[float, float, float]] = {}  # node → (z, a, f′) last shown
        self._flags: list[str] = []
        self._fg = "#202020"
        self._brushes: list = []
        self._colours: list[str] = []
        self._symbols: list[str] = []
        self._last: tuple | None = None  # the last show_points arguments (redrawn on a theme change)

        self.layout_widget = pg.GraphicsLayoutWidget()
        self.f_plot = self.layout_widget.addPlot(row=0, col=0)
        self.df_plot = self.layout_widget.addPlot(row=0, col=1)
        for plot in (self.f_plot, self.df_plot):
            plot.setXRange(*Z_RANGE, padding=0.02)
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.hideButtons()
            plot.setMouseEnabled(x=False, y=False)
            plot.setMenuEnabled(False)
            plot.setLabel("bottom", self.tr("z (the node's input C_in)"))
            for ax in ("left", "bottom"):
                plot.getAxis(ax).enableAutoSIPrefix(False)
        self.df_plot.setXLink(self.f_plot)
        self.f_curve = self.f_plot.plot()
        self.df_curve = self.df_plot.plot()
        self.f_points = pg.ScatterPlotItem(size=11, pxMode=True)
        self.df_points = pg.ScatterPlotItem(size=11, pxMode=True)
        self.f_points.setZValue(10)
        self.df_points.setZValue(10)
        self.f_plot.addItem(self.f_points)
        self.df_plot.addItem(self.df_points)
        self._labels: list[tuple[pg.TextItem, pg.TextItem]] = []

        self.readout = QLabel("")
        self.readout.setObjectName("activationReadout")
        self.readout.setWordWrap(True)
        self.status = QLabel("")
        self.status.setObjectName("activationFlags")
        self.status.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 4)
        lay.setSpacing(2)
        lay.addWidget(self.layout_widget, 1)
        for label in (self.readout, self.status):
            label.setContentsMargins(6, 0, 6, 0)
            lay.addWidget(label)
        self._apply_theme()
        self.set_activation("sigmoid")

    # --------------------------------------------------------------- public
    def set_activation(self, name: str) -> None:
        """Draw the curves of the feature-map activation ``name`` (one of ``core.ACTIVATIONS``)."""
        act = get_activation(name)
        self._activation = act.name
        z = np.linspace(*Z_RANGE, N_CURVE)
        a = np.asarray(act.f(z), dtype=float)
        d = np.asarray(act.df(z, a), dtype=float) * np.ones_like(z)
        self._z = z
        # the curves' slopes, to put each marker's name on the side away from its curve
        self._f_slope = np.gradient(a, z)
        self._df_slope = np.gradient(d, z)
        self.f_curve.setData(z, a)
        self.df_curve.setData(z, d)
        sym, prime = SYMBOL.get(name, "f"), PRIME.get(name, "f′")
        self.f_plot.setTitle(self.tr("activation C = {sym}(z) = {0}").format(
            say(act.formula), sym=sym), color=self._fg)
        self.df_plot.setTitle(self.tr("derivative {prime}(z) = {0}  (a = C)").format(
            say(act.dformula), prime=prime), color=self._fg)
        self.f_plot.setLabel("left", self.tr("C = f(z)"))
        self.df_plot.setLabel("left", self.tr("f′(z)"))
        lo, hi = float(a.min()), float(a.max())
        pad = 0.08 * (hi - lo or 1.0)
        self._f_yrange = (lo - pad, hi + pad)
        self.f_plot.setYRange(*self._f_yrange, padding=0)
        dhi = float(d.max())
        self._df_yrange = (-0.08 * dhi, 1.12 * dhi)
        self.df_plot.setYRange(*self._df_yrange, padding=0)
        self._points = {}
        self._last = None
        self._nodes = []  # labels are shown again by the next show_points
        self.f_points.setData([], [])
        self.df_points.setData([], [])
        for tf, td in self._labels:
            tf.setVisible(False)
            td.setVisible(False)
        self.readout.setText("")
        self._set_flags([])

    def activation(self) -> str:
        return self._activation

    def show_snapshot(self, snap) -> None:
        """Mark each feature-map node at (z, C) and (z, f′) from a ``core.Snapshot``."""
        fw, dact = snap.forward, snap.backward["dact"]
        nodes = list(dact)
        self.show_points(
            nodes, [fw[f"{n}_in"] for n in nodes], [fw[n] for n in nodes], [dact[n] for n in nodes],
            getattr(snap, "dropped", frozenset()),
        )

    def show_points(self, nodes, z, a, dact, dropped=frozenset()) -> None:
        """Mark nodes at given (z, C, f′) — ``show_snapshot`` without a snapshot (e.g. a step result)."""
        self._last = (nodes, z, a, dact, dropped)
        z = np.asarray(z, dtype=float)
        a = np.asarray(a, dtype=float)
        d = np.asarray(dact, dtype=float)
        nodes = list(nodes)
        if nodes != self._nodes:
            self._set_nodes(nodes)
        zc = np.clip(z, *Z_RANGE)  # an off-scale node sits at the edge, still visible
        self.f_points.setData(x=zc, y=a, brush=self._brushes, pen=self._pen, symbol=self._symbols)
        self.df_points.setData(x=zc, y=d, brush=self._brushes, pen=self._pen, symbol=self._symbols)
        self._points = {n: (float(z[i]), float(a[i]), float(d[i])) for i, n in enumerate(nodes)}
        if len(nodes) <= MAX_LABELLED:
            sf = np.interp(zc, self._z, self._f_slope)
            sd = np.interp(zc, self._z, self._df_slope)
            rows_f = self._label_rows(zc, a, self._f_yrange)
            rows_d = self._label_rows(zc, d, self._df_yrange)
            for i in range(len(nodes)):
                tf, td = self._labels[i]
                tf.setPos(zc[i], a[i])
                td.setPos(zc[i], d[i])
                tf.setAnchor(self._anchor(a[i], self._f_yrange, rows_f[i], sf[i]))
                td.setAnchor(self._anchor(d[i], self._df_yrange, rows_d[i], sd[i]))
        self._set_flags(node_flags(
            self._activation, nodes, dict(zip(nodes, z.tolist(), strict=True)),
            dict(zip(nodes, d.tolist(), strict=True)), dropped,
        ))
        if len(nodes) <= MAX_LABELLED:
            prime = PRIME.get(self._activation, "f′")
            self.readout.setText(self.tr("markers, this sample: ") + " &nbsp; ".join(
                f"<b style='color:{self._colours[i]}'>{n}</b> z = {_fmt(z[i])}, C = {_fmt(a[i])}, "
                f"{prime} = {_fmt(d[i])}" for i, n in enumerate(nodes)))
        else:
            self.readout.setText(self.tr("markers: the {0} feature-map nodes at this sample's z").format(
                len(nodes)))

    def points(self) -> dict[str, tuple[float, float, float]]:
        """Node → (z, C, f′) as last marked (for tests)."""
        return dict(self._points)

    def flags(self) -> list[str]:
        """The warnings shown under the plots (saturated, dead, dropped nodes)."""
        return list(self._flags)

    # -------------------------------------------------------------- drawing
    def _set_nodes(self, nodes: list[str]) -> None:
        self._nodes = nodes
        n = len(nodes)
        cols = [TAB10[i % len(TAB10)] if n <= len(TAB10) else pg.intColor(i, hues=n) for i in range(n)]
        self._colours = [pg.mkColor(c).name() for c in cols]
        self._brushes = [pg.mkBrush(c) for c in cols]
        self._symbols = ["o", "s", "t", "d", "h", "star", "p", "t1", "t2", "t3"] * (n // 10 + 1)
        self._symbols = self._symbols[:n]
        self._pen = pg.mkPen(self._fg, width=1)
        while len(self._labels) < min(n, MAX_LABELLED):
            tf, td = pg.TextItem(anchor=(0.5, 1.0)), pg.TextItem(anchor=(0.5, 1.0))
            tf.setZValue(11)
            td.setZValue(11)
            self.f_plot.addItem(tf, ignoreBounds=True)
            self.df_plot.addItem(td, ignoreBounds=True)
            self._labels.append((tf, td))
        for i, (tf, td) in enumerate(self._labels):
            show = i < n and n <= MAX_LABELLED
            tf.setVisible(show)
            td.setVisible(show)
            if show:
                tf.setText(nodes[i], color=cols[i])
                td.setText(nodes[i], color=cols[i])

    @staticmethod
    def _anchor(y: float, yrange: tuple[float, float], row: int, slope: float) -> tuple[float, float]:
        """Where a marker's name goes: off the curve's side (above-left of a rising curve, above-right
        of a falling one), stacked by ``row``; below instead when the marker is near the plot's top."""
        lo, hi = yrange
        below = y > lo + 0.75 * (hi - lo)
        eps = 1e-9 * (hi - lo)
        if abs(slope) <= eps:
            x = 0.5
        else:
            x = 1.1 if (slope > 0) != below else -0.1
        return (x, -0.1 - 0.9 * row) if below else (x, 1.0 + 0.9 * row)

    @staticmethod
    def _label_rows(zc: np.ndarray, y: np.ndarray, yrange: tuple[float, float]) -> list[int]:
        """Stack the labels of markers that nearly coincide on a plot so their names do not overlap."""
        near_y = 0.15 * (yrange[1] - yrange[0])
        order = np.argsort(zc, kind="stable")
        rows = [0] * len(zc)
        placed: list[tuple[float, float, int]] = []
        for i in order:
            used = {r for zz, yy, r in placed if abs(zz - zc[i]) < 0.9 and abs(yy - y[i]) < near_y}
            r = 0
            while r in used:
                r += 1
            rows[i] = r
            placed.append((float(zc[i]), float(y[i]), r))
        return rows

    def _set_flags(self, flags: list[str]) -> None:
        if flags == self._flags and self.status.text():
            return
        self._flags = flags
        if flags:
            self.status.setText("⚠ " + ";  ".join(flags))
        else:
            self.status.setText(self.tr("every feature-map node is in the responsive part of its activation")
                                if self._points else "")

    def _apply_theme(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self._fg = "#e6e6e6" if dark else "#202020"
        self.layout_widget.setBackground("#1e1e1e" if dark else "w")
        for plot in (self.f_plot, self.df_plot):
            for name in ("left", "bottom"):
                ax = plot.getAxis(name)
                ax.setPen(self._fg)
                ax.setTextPen(self._fg)
        self.f_curve.setPen(pg.mkPen(self._fg, width=2))
        self.df_curve.setPen(pg.mkPen(self._fg, width=2))
        self._pen = pg.mkPen(self._fg, width=1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "f_curve"):
            self._apply_theme()
            last = self._last
            self.set_activation(self._activation)
            self._nodes = []  # re-colour the markers' outline
            if last is not None:
                self.show_points(*last)
        super().changeEvent(event)
