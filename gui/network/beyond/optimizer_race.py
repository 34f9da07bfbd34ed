"""Optimisers side by side: gd, momentum, Adam and gd with a decaying η race on the same problem.

All four start from one network's parameters (a ``Network.copy()`` each), train on the same
data with the same η in the chapter's batch mode, and their loss curves — read from each
``Trainer.history``, never recomputed — are overlaid on log–log axes.

Each racer trains on its own QThread. NumPy at this size is many tiny calls that hold the
GIL (docs/pitfalls.md, "convoy effect"), so the racers take turns through one shared gate:
the holder trains for ``CHUNK_S`` and then sleeps ``PAUSE_S`` before letting go, which
leaves the GUI thread a free window for the interpreter after every chunk, however many
racers there are.
"""

from __future__ import annotations

import functools
import threading

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import Network, Trainer, chapter_dataset
from gui.network.beyond.race_worker import _DecadeAxis, _RaceWorker, _stop_runs, thin_log

DECAY = 0.995  # η factor per epoch of the fourth racer
NETWORK_KEYS = ("n_inputs", "kernel_size", "n_kernels", "stride", "padding", "activation", "init",
                "seed", "n_outputs", "output")
# The racers: key, legend label, Trainer settings, light colour, dark colour, dashed.
RACERS = (
    ("gd", "gd", {"optimizer": "gd"}, "#1f77b4", "#64b5f6", False),
    ("momentum", QT_TRANSLATE_NOOP("OptimizerRace", "momentum (0.9)"), {"optimizer": "momentum"},
     "#e65100", "#ffb74d", False),
    ("adam", "Adam", {"optimizer": "adam"}, "#2e7d32", "#81c784", False),
    ("gd_decay", QT_TRANSLATE_NOOP("OptimizerRace", "gd, η × {decay} per epoch"),
     {"optimizer": "gd", "lr_decay": DECAY},
     "#8e24aa", "#ce93d8", True),
)
LOSS_FLOOR = 1e-300  # drawn in place of a loss of exactly 0, which a log axis cannot show
RELATIVE_FLOOR = 1e-16  # the axis stops this far below the starting loss (float64's resolution)


class OptimizerRace(QWidget):
    """Races the optimisers on one problem; ``finished()`` when all have stopped (or were cancelled)."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optimizerRace")
        X, y = chapter_dataset()
        self._shape: dict = {}
        self._X, self._y, self._lr = X, y, 0.2
        self._runs: list[tuple[QThread, _RaceWorker]] = []  # this race's threads (kept until the next)
        self._trainers: dict[str, Trainer] = {}
        self._results: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._epochs: dict[str, int] = {}
        self._reasons: dict[str, str | None] = {}
        self._done: set[str] = set()
        self._running = False
        self._cancelled = False
        self._target = 0  # epochs each racer is to train in the current race
        self._race = 0  # id of the current race: late signals of an older one are ignored
        self._watched: QWidget | None = None
        # Threads must stop even when the widget is deleted without being closed.
        self.destroyed.connect(functools.partial(_stop_runs, self._runs))
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(functools.partial(_stop_runs, self._runs))

        self.race_button = QPushButton(self.tr("Race"))
        self.race_button.setObjectName("raceButton")
        self.race_button.setToolTip(self.tr("Train gd, momentum, Adam and gd with a decaying η from the "
                                            "same start."))
        self.race_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("raceCancel")
        self.cancel_button.setToolTip(self.tr("Stop the race now; the curves so far stay on the plot."))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.epochs = QSpinBox()
        self.epochs.setObjectName("raceEpochs")
        self.epochs.setRange(10, 1_000_000)
        self.epochs.setSingleStep(100)
        self.epochs.setValue(1000)
        self.epochs.setToolTip(self.tr("How many epochs each optimiser trains (the chapter trains 1000)."))
        epochs_label = QLabel(self.tr("Epochs"))
        epochs_label.setToolTip(self.epochs.toolTip())
        self.progress = QProgressBar()
        self.progress.setObjectName("raceProgress")
        self.progress.setToolTip(self.tr("Epochs trained by all four optimisers together."))
        self.progress.setFormat("%p%")
        self.problem_label = QLabel()
        self.problem_label.setObjectName("raceProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setToolTip(self.tr("The network, data and learning rate every optimiser gets."))
        self.status = QLabel(self.tr("Press Race to train the four optimisers side by side."))
        self.status.setObjectName("raceStatus")
        self.status.setWordWrap(True)
        self.status.setToolTip(self.tr("Where each optimiser is, and why it stopped."))

        self.plot = pg.PlotWidget(axisItems={"bottom": _DecadeAxis("bottom"), "left": _DecadeAxis("left")})
        self.plot.setObjectName("racePlot")
        self.plot.setToolTip(self.tr("Loss per epoch for each optimiser, both axes logarithmic."))
        item = self.plot.getPlotItem()
        item.setLogMode(x=True, y=True)
        item.setLabel("bottom", self.tr("epoch (log scale)"))
        item.setLabel("left", self.tr("loss (log scale)"))
        item.setMenuEnabled(False)
        for name in ("left", "bottom"):
            item.getAxis(name).enableAutoSIPrefix(False)
        # bottom left: loss curves start high on the left and fall to the right, so it stays empty
        self.legend = item.addLegend(offset=(10, -10), labelTextSize="9pt")
        self.curves: dict[str, pg.PlotDataItem] = {}
        for key, label, _kw, _light, _dark, _dash in RACERS:
            curve = item.plot([], [], name=label)
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
            self.curves[key] = curve
        self._labels = {key: self.tr(label).format(decay=DECAY) for key, label, *_ in RACERS}

        controls = QHBoxLayout()
        controls.addWidget(epochs_label)
        controls.addWidget(self.epochs)
        controls.addWidget(self.race_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_label)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.status)
        self._apply_theme()
        self.set_problem({}, X, y, 0.2)

    # ------------------------------------------------------------- theme
    def _apply_theme(self) -> None:
        """Plot background, axes, legend and curve colours follow the light/dark palette."""
        pal = self.palette()
        dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
        fg = pal.color(QPalette.ColorRole.WindowText)
        base = pal.color(QPalette.ColorRole.Base)
        self.plot.setBackground(base)
        item = self.plot.getPlotItem()
        for name in ("left", "bottom"):
            ax = item.getAxis(name)
            ax.setPen(fg)
            ax.setTextPen(fg)
        frame = pg.mkColor(fg)
        frame.setAlpha(90)
        fill = pg.mkColor(base)
        fill.setAlpha(220)
        self.legend.setPen(pg.mkPen(frame))
        self.legend.setBrush(pg.mkBrush(fill))
        self.legend.setLabelTextColor(fg)
        for key, _label, _kw, light, dark_col, dashed in RACERS:
            style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
            self.curves[key].setPen(pg.mkPen(dark_col if dark else light, width=2.5, style=style))
        self._relabel()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        super().changeEvent(event)

    # ------------------------------------------------------------------- API
    def set_problem(self, shape: dict, X, y, lr: float) -> None:
        """The race's problem: Network keyword arguments (+ optional "dropout"), data and η.

        Validated at once (ValueError with the core's message); a running race is cancelled.
        """
        net = Network(**{k: v for k, v in shape.items() if k in NETWORK_KEYS})
        Trainer(net, X, y, lr=lr, dropout=float(shape.get("dropout") or 0.0))  # validates
        if self._running:
            self.cancel()
        self._shape = dict(shape)
        self._X, self._y, self._lr = np.array(X, dtype=float), np.array(y, dtype=float), float(lr)
        n = net.n_kernels * net.n_positions
        out = self.tr("softmax, 3 classes") if net.output == "softmax" else self.tr("1 linear output")
        drop = float(shape.get("dropout") or 0.0)
        kernels = self.tr("1 kernel of {k}") if net.n_kernels == 1 else self.tr("{n} kernels of {k}")
        kernels = kernels.format(n=net.n_kernels, k=net.kernel_size)
        nodes = self.tr("1 feature-map node") if n == 1 else self.tr("{n} feature-map nodes")
        nodes = nodes.format(n=n)
        samples = self.tr("1 sample") if len(self._y) == 1 else self.tr("{n} samples")
        samples = samples.format(n=len(self._y))
        dropout = self.tr(", dropout {p:g}").format(p=drop) if drop else ""
        self.problem_label.setText(
            self.tr("{inputs} inputs, {kernels}, {nodes}, {out}{dropout} · {samples} · η = {lr:g} · "
                    "batch mode · seed {seed}").format(inputs=net.n_inputs, kernels=kernels, nodes=nodes,
                                                       out=out, dropout=dropout, samples=samples, lr=lr,
                                                       seed=net.seed))
        self._clear()

    def start(self) -> bool:
        """Start a race of ``epochs`` epochs; False if one is already running."""
        if self._running:
            return False
        self._clear()
        self._race += 1
        self._running, self._cancelled = True, False
        n = self._target = self.epochs.value()
        dropout = float(self._shape.get("dropout") or 0.0)
        start = Network(**{k: v for k, v in self._shape.items() if k in NETWORK_KEYS})
        gate = threading.Lock()
        self._runs.clear()  # the previous race's threads have all finished (see _finish)
        for key, _label, kw, *_ in RACERS:
            trainer = Trainer(start.copy(), self._X, self._y, lr=self._lr, dropout=dropout, **kw)
            self._trainers[key] = trainer
            thread = QThread()
            thread.setObjectName(f"race-{key}")
            worker = _RaceWorker(self._race, key, trainer, n, gate)
            worker.moveToThread(thread)
            worker.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
            worker.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
            thread.started.connect(worker.run)
            self._runs.append((thread, worker))
        self.progress.setRange(0, n * len(RACERS))
        self.progress.setValue(0)
        self.race_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.epochs.setEnabled(False)
        self.status.setText(self.tr("Racing…"))
        for thread, _worker in self._runs:
            thread.start()
        return True

    def cancel(self) -> None:
        """Stop the race and wait for its threads; the curves so far stay; emits ``finished``."""
        if not self._running:
            return
        self._cancelled = True
        self._finish()

    def shutdown(self) -> None:
        """Stop any race and join its threads (call before the window closes)."""
        self.cancel()
        _stop_runs(self._runs)

    def is_running(self) -> bool:
        return self._running

    def results(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Each racer's (epochs, loss) from its trainer's history (complete once the race ended)."""
        return {k: (e.copy(), loss.copy()) for k, (e, loss) in self._results.items()}

    def initial_params(self) -> dict[str, np.ndarray]:
        """Each racer's parameters in its first epoch (all identical: one start for everyone)."""
        if self._running:
            return {}
        return {k: t.history.param_matrix[0].copy() for k, t in self._trainers.items() if t.history.n}

    def labels(self) -> dict[str, str]:
        """Legend text by racer key."""
        return {k: self.legend.getLabel(c).text for k, c in self.curves.items()}

    # ----------------------------------------------------------- internals
    def _clear(self) -> None:
        self._results.clear()
        self._trainers.clear()
        self._epochs.clear()
        self._reasons.clear()
        self._done.clear()
        for curve in self.curves.values():
            curve.setData([], [])
        self.progress.setValue(0)
        self._relabel()

    def _draw(self, key: str, epochs: np.ndarray, loss: np.ndarray) -> None:
        """A log–log curve whose losses below the floor (a racer that reached exactly 0, or rounding
        noise) are drawn at the floor, so they do not squash the part of the race worth seeing."""
        self.curves[key].setData(*thin_log(epochs, np.maximum(loss, self._floor())))

    def _floor(self) -> float:
        """16 decades below the largest starting loss: differences past that are float64 rounding."""
        starts = [float(r[1][0]) for r in self._results.values() if len(r[1]) and np.isfinite(r[1][0])]
        return max(LOSS_FLOOR, max(starts, default=1.0) * RELATIVE_FLOOR)

    def _relabel(self) -> None:
        for key, curve in self.curves.items():
            lab = self.legend.getLabel(curve)
            if lab is None:
                continue
            text = self._labels[key]
            loss = self._results.get(key, (None, np.empty(0)))[1]
            if len(loss):
                text += f": {loss[-1]:.3g}"
                epoch = self._epochs.get(key, 0)
                if epoch != self._target:
                    text += self.tr(" at epoch {epoch}").format(epoch=epoch)
            trainer = self._trainers.get(key)
            if trainer is not None and trainer.diverged:
                text += self.tr(" (diverged)")
            lab.setText(text)
        self.legend.updateSize()

    @Slot(int, str, object)
    def _on_progress(self, race: int, key: str, data: dict) -> None:
        if race != self._race or not self._running:
            return
        self._results[key] = (data["epochs"], data["loss"])
        self._epochs[key] = data["epoch"]
        self._reasons[key] = data["reason"]
        self._draw(key, data["epochs"], data["loss"])
        self.progress.setValue(sum(self._epochs.values()))
        self._relabel()

    @Slot(int, str)
    def _on_done(self, race: int, key: str) -> None:
        if race != self._race or not self._running:
            return
        self._done.add(key)
        if len(self._done) == len(RACERS):
            self._finish()

    def _finish(self) -> None:
        """Join the threads, take the final curves from the trainers' histories, report."""
        _stop_runs(self._runs)
        self._running = False
        for key, trainer in self._trainers.items():
            h = trainer.history
            self._results[key] = (h.epochs.copy(), h.loss.copy())
            self._epochs[key] = trainer.epoch
            self._reasons[key] = trainer.stopped_reason
            self._draw(key, *self._results[key])
        self.progress.setValue(sum(self._epochs.values()))
        self._relabel()
        self.race_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.epochs.setEnabled(True)
        self.status.setText(self._summary())
        self.finished.emit()

    def _summary(self) -> str:
        ranked = sorted((float(loss[-1]), key) for key, (_e, loss) in self._results.items() if len(loss))
        parts = [f"{self._labels[k]} {v:.3g}" for v, k in ranked]
        if self._cancelled:
            text = self.tr("Cancelled. Final loss, lowest first: {0}.").format(", ".join(parts))
        else:
            text = self.tr("Finished. Final loss, lowest first: {0}.").format(", ".join(parts))
        diverged = [self._labels[k] for k, t in self._trainers.items() if t.diverged]
        if diverged:
            text += self.tr(" Diverged (η too large for it): {0}.").format(", ".join(diverged))
        return text

    # ------------------------------------------------------ closing cleanly
    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Watch the top-level window (a dialog or the main window) so closing it stops the race."""
        window = self.window()
        if window is not self and window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window
        super().showEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if obj is self._watched and event.type() == QEvent.Type.Close:
            self.cancel()
        return super().eventFilter(obj, event)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.cancel()
        super().closeEvent(event)
