"""Beyond the chapter (issue 5): the shape editor, classification, dropout, the gradient check,
the optimiser race, stop conditions, the learned kernel in the image lab, step export and the
activation explorer — wired into the main window by one call, ``install_beyond_chapter(window)``.

Where things go (all inside the "Network" tab, so the image lab keeps the whole window):
the left panel becomes tabs "Experiment | Shape | Stop"; the right column tabs "Plots |
Gradient check", with the accuracy plot and confusion matrix in a third column beside the
plots while the network classifies (softmax; a "Classification" tab in windows narrower than
1580 px, where a fourth column would squeeze the diagram); the formulas panel shares the bottom with the
activation explorer. The optimiser race is a dialog opened from the Training menu.

Like the rest of the window, nothing here trains or re-does the core's maths: the views get
the worker's snapshots and plot data, and the network copy from ``networkChanged``.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.chapter.metrics import accuracy_curve
from core.chapter.step_export import to_csv_rows, to_latex
from core.chapter.stops import StopConditions
from gui.network.beyond.activation_explorer import ActivationExplorer
from gui.network.beyond.classification_views import AccuracyPlot, ConfusionMatrixView
from gui.network.beyond.gradcheck_panel import GradientCheckPanel
from gui.network.beyond.optimizer_race import OptimizerRace
from gui.network.panels.shape import ShapeEditor
from gui.network.panels.stops import StopPanel
from gui.training.worker import epoch_limit_message
from gui.window.actions import make_action

CLASS_REFRESH_MS = 250  # accuracy curve, confusion matrix and gradient check redraw at most 4×/s
GRADCHECK_PX = 660  # width the right column grows to when the gradient check is shown
ACTIVATION_HEIGHT = 250  # px the bottom area grows to when the activation explorer is shown
COLUMN_MODE_LEFT_PX = 250  # the settings panel's width while the classification column is shown
WIDE_WINDOW_PX = 1580  # narrower windows show the classification views as a tab, not a column
EXPORT_FILTER = "CSV table (*.csv);;LaTeX (*.tex)"


class StopHook:
    """The stop panel's conditions as ``Trainer.run``'s callback; remembers which one fired.

    ``StopConditions`` compares a weight with its value after the previous epoch it saw; when
    epochs passed unseen (a step, a reset, a new trainer) it takes the value the last epoch
    started from out of the history instead, so a crossing in that epoch is still caught.
    """

    def __init__(self, cond: StopConditions) -> None:
        self.cond = cond
        self.fired: str | None = None
        self._trainer = None
        self._seen = -1

    def __call__(self, trainer) -> str | None:
        cond = self.cond
        try:
            if cond.weight is not None and (trainer is not self._trainer or self._seen != trainer.epoch - 1):
                h = trainer.history
                if h.n and int(h.epochs[-1]) == trainer.epoch:  # row e: the parameters used in epoch e
                    cond._previous = float(h.param_matrix[-1][trainer.net.param_index(cond.weight)])
                else:
                    cond.arm(trainer)
            self._trainer, self._seen = trainer, trainer.epoch
            verdict = cond.check(trainer)
        except (KeyError, ValueError, IndexError):  # the weight is not in this network
            cond.weight = None
            return None
        if verdict:
            self.fired = verdict
        return verdict

    def take(self) -> str | None:
        """The sentence of the condition that fired (once), for the status bar."""
        reason, self.fired = self.fired, None
        return reason


def write_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path`` and rename it: never half a file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def step_export_text(subs, path: str | os.PathLike, precision: int = 4) -> str:
    """The sub-steps as LaTeX (a ``.tex`` path) or CSV (anything else)."""
    if Path(path).suffix.lower() == ".tex":
        return to_latex(subs, precision) + "\n"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(to_csv_rows(subs))
    return buf.getvalue()


def _scrolled(widget: QWidget, object_name: str) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setObjectName(object_name)
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    return scroll


class BeyondChapter(QObject):
    """Builds the issue-5 views and actions into ``window`` and keeps them fed."""

    _arm = Signal(object)  # → TrainingWorker.set_stop_callback (queued)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("beyondChapter")
        self.window = window
        self.net = None  # the copy from networkChanged (names and shape only)
        self.X = self.y = None
        self.config: dict = {}
        self.snap = None  # the snapshot shown last
        self.substeps: list = []  # the last stepped sample's sub-steps (for Export step…)
        self.playing = False
        self._last_refresh = 0.0  # perf_counter of the last throttled redraw
        self._plot_data = None
        self._limit_override = False
        self._race_dialog: QDialog | None = None
        self.race: OptimizerRace | None = None
        self._class_timer = QTimer(self)
        self._class_timer.setSingleShot(True)
        self._class_timer.timeout.connect(self._refresh_throttled)
        self._build_views()
        self._build_actions()
        self._connect()

    # ------------------------------------------------------------------ building
    def _build_views(self) -> None:
        w = self.window
        self.shape_editor = ShapeEditor()
        self.stop_panel = StopPanel()
        self.gradcheck = GradientCheckPanel()
        self.activations = ActivationExplorer()
        self.accuracy = AccuracyPlot()
        self.confusion = ConfusionMatrixView()
        # Narrow enough for the left panel (240–300 px): the long output choice elides, headings wrap.
        self.shape_editor.output.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.shape_editor.output.setMinimumContentsLength(12)
        for label in self.shape_editor.findChildren(QLabel):
            label.setWordWrap(True)
        for widget, obj in ((self.shape_editor, "shapeEditor"), (self.stop_panel, "stopPanel"),
                            (self.gradcheck, "gradientCheckPanel"), (self.activations, "activationExplorer"),
                            (self.accuracy, "accuracyPlot"), (self.confusion, "confusionMatrix")):
            widget.setObjectName(obj)
            widget.setAccessibleName(obj)

        # Left: Experiment | Shape | Stop
        self.left_tabs = QTabWidget()
        self.left_tabs.setObjectName("leftTabs")
        self.left_tabs.setDocumentMode(True)
        experiment_scroll = w.main_splitter.widget(0)
        w.main_splitter.replaceWidget(0, self.left_tabs)
        self.left_tabs.addTab(experiment_scroll, "Experiment")
        self.left_tabs.addTab(_scrolled(self.shape_editor, "shapeScroll"), "Shape")
        self.left_tabs.addTab(_scrolled(self.stop_panel, "stopScroll"), "Stop")
        tip = self.left_tabs.setTabToolTip
        tip(1, "The network's shape: inputs, kernels, stride, padding, output, dropout.")
        tip(2, "Stop training at an epoch, a loss, or when a weight crosses a value.")
        self.left_tabs.setMinimumWidth(240)
        w.main_splitter.setStretchFactor(0, 0)

        # Right: Plots | Gradient check, and the classification column beside them
        self.right_tabs = QTabWidget()
        self.right_tabs.setObjectName("rightTabs")
        self.right_tabs.setDocumentMode(True)
        w.top_splitter.replaceWidget(1, self.right_tabs)
        self.right_tabs.addTab(w.plots, "Plots")
        self.right_tabs.addTab(self.gradcheck, "Gradient check")
        self.gradcheck.setMinimumWidth(280)  # its table scrolls; don't let a hidden tab widen the column
        self.right_tabs.setTabToolTip(1, "Backprop's gradients beside finite differences, for this sample.")
        self.class_box = QSplitter(Qt.Orientation.Vertical)
        self.class_box.setObjectName("classificationViews")
        self.class_box.addWidget(self.accuracy)
        self.class_box.addWidget(self.confusion)
        self.class_box.setChildrenCollapsible(False)
        self.class_box.setMinimumWidth(240)  # narrower, the confusion matrix's cells lose their numbers
        w.top_splitter.addWidget(self.class_box)
        self.class_box.hide()
        self._class_place: str | None = None  # None (regression), "column" or "tab"
        self._left_before = 0  # the settings panel's width before the column mode narrowed it
        w.top_splitter.setStretchFactor(0, 3)
        w.top_splitter.setStretchFactor(1, 2)
        w.top_splitter.setStretchFactor(2, 1)

        # Bottom: Formulas | Activation explorer
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.setObjectName("bottomTabs")
        self.bottom_tabs.setDocumentMode(True)
        self.bottom_tabs.setTabPosition(QTabWidget.TabPosition.South)
        w.centre_splitter.replaceWidget(1, self.bottom_tabs)
        self.bottom_tabs.addTab(w.equations, "Formulas")
        self.bottom_tabs.addTab(self.activations, "Activation explorer")
        self.bottom_tabs.setTabToolTip(1, "f(z) and f′(z) with every feature-map node's operating point.")
        w.centre_splitter.setStretchFactor(1, 1)

    def _build_actions(self) -> None:
        w = self.window

        def act(obj: str, text: str, tip: str, slot, shortcut: str | None = None) -> QAction:
            a = make_action(w, obj, text, shortcut or None, tip)
            a.triggered.connect(slot)
            return a

        self.race_action = act("actionRaceOptimisers", "Race &optimisers…",
                               "Train gd, momentum, Adam and gd with a decaying η from the same start and "
                               "overlay their loss curves.", self.open_race)
        self.send_kernel_action = act("actionSendKernel", "Send &kernel to Image lab",
                                      "Filter the image lab's picture with the shown network's first kernel, "
                                      "across and down.", self.send_kernel)
        self.export_step_action = act("actionExportStep", "E&xport step…",
                                      "Save the last stepped sample's sub-steps with their numbers as CSV or "
                                      "LaTeX.",
                                      self.choose_export_step)
        shows = (
            ("actionShowShape", "Network &shape", "Show the shape editor (inputs, kernels, stride, dropout).",
             lambda: self._show_tab(self.left_tabs, self.left_tabs.widget(1))),
            ("actionShowStops", "S&top conditions", "Show the stop conditions (epoch, loss ε, weight).",
             lambda: self._show_tab(self.left_tabs, self.left_tabs.widget(2))),
            ("actionShowGradCheck", "&Gradient check", "Show backprop's gradients beside finite differences.",
             lambda: self._show_tab(self.right_tabs, self.gradcheck)),
            ("actionShowActivations", "&Activation explorer",
             "Show f(z) and f′(z) with each feature-map node's operating point.",
             lambda: self._show_tab(self.bottom_tabs, self.activations)),
        )
        self.show_actions = [act(*row) for row in shows]
        bar = w.menuBar()
        train = bar.findChild(QMenu, "menuTraining")
        view = bar.findChild(QMenu, "menuView")
        if train is not None:
            train.addSeparator()
            for a in (self.race_action, self.send_kernel_action, self.export_step_action):
                train.addAction(a)
        if view is not None:
            view.addSeparator()
            for a in self.show_actions:
                view.addAction(a)

    def _connect(self) -> None:
        w = self.window
        worker = w.worker.worker
        self._arm.connect(worker.set_stop_callback, Qt.ConnectionType.QueuedConnection)
        worker.networkChanged.connect(self._on_network_changed)
        worker.snapshotReady.connect(self._on_snapshot)
        worker.plotDataReady.connect(self._on_plot_data)
        worker.stepped.connect(self._on_stepped)
        worker.playingChanged.connect(self._on_playing)
        worker.stopped.connect(self._on_stopped)
        self.shape_editor.shapeApplied.connect(self._on_shape_applied)
        self.stop_panel.changed.connect(self.send_stop_conditions)
        w.experiment_panel.epoch_limit.valueChanged.connect(lambda _v: self.send_stop_conditions())
        self.right_tabs.currentChanged.connect(self._on_right_tab)
        self.bottom_tabs.currentChanged.connect(self._on_bottom_tab)
        w.tabs.currentChanged.connect(lambda _i: self._refresh_visible())  # back from the image lab
        w.installEventFilter(self)

    def _on_right_tab(self, _index: int) -> None:
        """The gradient check's table wants ~660 px: take it from the diagram (kept ≥ 540 px)."""
        sp = self.window.top_splitter
        sizes = sp.sizes()
        if self.right_tabs.currentWidget() is self.gradcheck and len(sizes) >= 2:
            want = min(GRADCHECK_PX, sizes[0] + sizes[1] - 540)
            if sizes[1] < want:
                sp.setSizes([sizes[0] + sizes[1] - want, want, *sizes[2:]])
        self._refresh_visible()

    def _on_bottom_tab(self, index: int) -> None:
        """The activation explorer's two plots need more height than the formulas: make room."""
        sp = self.window.centre_splitter
        sizes = sp.sizes()
        want = min(ACTIVATION_HEIGHT, int(sum(sizes) * 0.34))
        if index == 1 and len(sizes) == 2 and 0 < sizes[1] < want:
            sp.setSizes([sum(sizes) - want, want])
        self._refresh_visible()

    def _show_tab(self, tabs: QTabWidget, page: QWidget) -> None:
        self.window.tabs.setCurrentIndex(0)
        tabs.setCurrentWidget(page)

    # ------------------------------------------------------------------ worker → views
    @property
    def softmax(self) -> bool:
        return self.net is not None and self.net.output == "softmax"

    def _on_network_changed(self, info: dict) -> None:
        net = info["net"]
        self.net, self.X, self.y = net, info["X"], info["y"]
        self.config = dict(info.get("config") or {})
        self.substeps = []
        self.snap = None  # the old network's snapshot no longer fits
        dropout = float(self.config.get("dropout") or 0.0)
        self.shape_editor.set_shape(net.shape_dict() | {"dropout": dropout})
        self.shape_editor.set_trained_epochs(0)
        self.stop_panel.set_param_names(net.param_names())
        self.send_stop_conditions()
        self.activations.set_activation(net.activation.name)
        self._place_class_views()
        if self.softmax:
            self.accuracy.set_n_classes(net.n_outputs)
            self.confusion.set_class_names(None)
        if self.race is not None:
            self._set_race_problem()

    def _place_class_views(self) -> None:
        """Softmax only: accuracy and confusion in a column beside the plots when the window is wide
        enough for the diagram to keep its labels (≥ WIDE_WINDOW_PX), else as a tab beside "Plots"."""
        where = None if not self.softmax else ("column" if self.window.width() >= WIDE_WINDOW_PX else "tab")
        if where == self._class_place:
            return
        sp, tabs, box = self.window.top_splitter, self.right_tabs, self.class_box
        total = sum(sp.sizes()) or 1300
        if self._class_place == "tab":
            tabs.removeTab(tabs.indexOf(box))
        if where == "tab":
            tabs.insertTab(1, box, "Classification")
            tabs.setTabToolTip(1, "Accuracy against epoch and the confusion matrix of the shown epoch.")
        elif box.parent() is not sp:
            sp.addWidget(box)
        box.setVisible(where is not None)
        main = self.window.main_splitter
        if where == "column":
            # Four columns: the settings panel gives up 50 px so the diagram keeps ~560 px for its
            # labels, the plots ~440 px for their titles, the confusion matrix ~300 px.
            left, rest = main.sizes()[:2]
            if left > COLUMN_MODE_LEFT_PX:
                self._left_before = left
                main.setSizes([COLUMN_MODE_LEFT_PX, rest + left - COLUMN_MODE_LEFT_PX])
                total += left - COLUMN_MODE_LEFT_PX
            side = max(300, int(total * 0.22))
            plots = max(440, int(total * 0.3))
            sp.setSizes([total - side - plots, plots, side])
        elif self._class_place == "column":
            sp.setSizes([int(total * 0.56), total - int(total * 0.56)] + [0] * (sp.count() - 2))
            if self._left_before:
                left, rest = main.sizes()[:2]
                main.setSizes([self._left_before, rest + left - self._left_before])
                self._left_before = 0
        self._class_place = where

    def _on_snapshot(self, snap) -> None:
        self.snap = snap
        if snap.live:
            self.shape_editor.set_trained_epochs(snap.epoch or (1 if snap.step is not None else 0))
        if self.activations.isVisible():
            self.activations.show_snapshot(snap)
        if self.softmax and not snap.live:
            self.accuracy.set_cursor(snap.epoch + 1)
        if not snap.live or snap.step is not None:
            self._refresh_throttled()  # a step or a recorded epoch: show it now
        else:
            self._schedule()

    def _on_plot_data(self, data: dict) -> None:
        self._plot_data = data
        if self.softmax:
            self._schedule()

    def _on_stepped(self, step: dict) -> None:
        self.substeps = list(step.get("substeps") or [])

    def _on_playing(self, on: bool) -> None:
        self.playing = on

    def _refresh_visible(self) -> None:
        if self.snap is None or self.net is None:
            return
        if self.activations.isVisible():
            self.activations.show_snapshot(self.snap)
        if self.gradcheck.isVisible():
            self._show_gradcheck()
        if self.softmax and self.class_box.isVisible():
            self._update_classification()

    def _show_gradcheck(self) -> None:
        try:
            self.gradcheck.show_snapshot(self.snap, self.net)
        except (ValueError, KeyError, OverflowError) as exc:  # a snapshot of another shape, or overflow
            self.window.show_message(f"Gradient check not possible here: {exc}")

    # ------------------------------------------------------------------ classification
    def _schedule(self) -> None:
        """Redraw the costlier views (accuracy curve, confusion matrix, gradient check) at most
        every CLASS_REFRESH_MS while frames stream in; the last frame is always drawn."""
        wait_ms = CLASS_REFRESH_MS - (time.perf_counter() - self._last_refresh) * 1000
        if wait_ms <= 0:
            self._refresh_throttled()
        elif not self._class_timer.isActive():
            self._class_timer.start(max(1, int(wait_ms)))

    def _refresh_throttled(self) -> None:
        self._class_timer.stop()
        self._last_refresh = time.perf_counter()
        if self.class_box.isVisible():  # hidden (another tab): drawn when shown (_refresh_visible)
            self._update_classification()
        # Not while playing: a check is 2 passes per parameter, too many for every frame.
        if self.gradcheck.isVisible() and self.snap is not None and self.net is not None and (
                not self.playing or not self.snap.live or self.snap.step is not None):
            self._show_gradcheck()

    def _update_classification(self) -> None:
        """Confusion matrix of the shown snapshot; accuracy of every recorded epoch (the core's)."""
        if not self.softmax or self.y is None:
            return
        snap, data = self.snap, self._plot_data
        preds = None if snap is None else snap.predictions
        if preds is not None and getattr(preds, "ndim", 0) == 2 and len(preds) == len(self.y):
            self.confusion.set_predictions(self.y, snap.predictions)
        if data is not None and len(data["epochs"]) and set(data["params"]) == set(self.net.param_names()):
            acc = accuracy_curve(self.net, self.X, self.y, data["params"])
            current = None if snap is None else (snap.epoch if snap.live else snap.epoch + 1)
            self.accuracy.set_accuracy(data["epochs"], acc, current)

    # ------------------------------------------------------------------ shape
    def _on_shape_applied(self, shape: dict) -> None:
        w = self.window
        panel = w.experiment_panel
        note = panel.set_shape(shape)
        if not panel.apply():
            w.show_message(f"Shape not applied: {panel.status.text()}", error=True)
            return
        self.left_tabs.setCurrentIndex(1)
        w.show_message(f"New shape: {self.shape_editor.preview_text()}. {note}".strip())

    # ------------------------------------------------------------------ stop conditions
    def send_stop_conditions(self) -> None:
        """Arm the stop panel's conditions in the worker: at-epoch as the epoch limit, the others
        as the trainer's callback (which turns off its fast path, so only when they are armed)."""
        cond = self.stop_panel.conditions()
        needs_callback = cond is not None and (cond.loss_below is not None or cond.weight is not None)
        self._arm.emit(StopHook(cond) if needs_callback else None)
        limit = self.window.experiment_panel.epoch_limit.value()
        if cond is not None and cond.at_epoch is not None:
            self.window.worker.set_epoch_limit(max(1, min(limit or cond.at_epoch, cond.at_epoch)))
            self._limit_override = True
        elif self._limit_override:
            self._limit_override = False
            if limit > 0:
                self.window.worker.set_epoch_limit(limit)

    def _on_stopped(self, reason: str) -> None:
        """An at-epoch stop arrives as the epoch limit: say it in the stop condition's words."""
        cond = self.stop_panel.conditions()
        if cond is not None and cond.at_epoch is not None and reason == epoch_limit_message(cond.at_epoch):
            sentence = StopConditions(at_epoch=cond.at_epoch).check(SimpleNamespace(epoch=cond.at_epoch))
            self.window.show_message(sentence or reason)

    # ------------------------------------------------------------------ optimiser race
    def _set_race_problem(self) -> None:
        if self.race is None or self.net is None:
            return
        shape = self.net.shape_dict() | {"dropout": float(self.config.get("dropout") or 0.0)}
        try:
            self.race.set_problem(shape, self.X, self.y, float(self.config.get("lr", 0.2)))
        except ValueError as exc:
            self.window.show_message(f"The race cannot use this problem: {exc}", error=True)

    def open_race(self) -> None:
        """Open the race dialog on the current problem and start the race (one click)."""
        if self._race_dialog is None:
            d = QDialog(self.window)
            d.setObjectName("raceDialog")
            d.setWindowTitle("Optimisers side by side")
            self.race = OptimizerRace(d)
            lay = QVBoxLayout(d)
            lay.addWidget(self.race)
            d.resize(900, 600)
            self._race_dialog = d
            self._set_race_problem()
        self._race_dialog.show()
        self._race_dialog.raise_()
        if not self.race.is_running() and not self.race.results():
            self.race.start()

    # ------------------------------------------------------------------ kernel → image lab
    def send_kernel(self) -> bool:
        """Filter the image lab's picture with the shown snapshot's first kernel and switch to it."""
        w = self.window
        if self.net is None or self.snap is None:
            return False
        names = tuple(self.net.kernel_names[0])
        try:
            w.image_lab.show_learned_kernel([self.snap.params[n] for n in names], names)
        except ValueError as exc:
            w.show_message(f"Cannot send the kernel: {exc}", error=True)
            return False
        w.tabs.setCurrentWidget(w.image_lab)
        w.show_message(f"Sent {names[0]}–{names[-1]} (epoch {self.snap.epoch}) to the Image lab as "
                       "learned-h and learned-v.")
        return True

    # ------------------------------------------------------------------ export step
    def choose_export_step(self) -> None:
        if not self.substeps:
            self.window.show_message("Step a sample first (Step sample, →), then export its numbers.")
            return
        path, chosen = QFileDialog.getSaveFileName(self.window, "Export step", "step.csv", EXPORT_FILTER)
        if not path:
            return
        if not Path(path).suffix:
            path += ".tex" if chosen.startswith("LaTeX") else ".csv"
        self.export_step(path)

    def export_step(self, path: str | os.PathLike) -> Path | None:
        """Write the last stepped sample's sub-steps to ``path`` (.tex: LaTeX, else CSV), atomically."""
        w = self.window
        if not self.substeps:
            w.show_message("Step a sample first (Step sample, →), then export its numbers.")
            return None
        precision = w.actions_.precision.value()
        try:
            out = write_atomic(path, step_export_text(self.substeps, path, precision))
        except OSError as exc:
            w.show_error(f"Could not export the step to {path}: {exc.strerror or exc}")
            return None
        w.show_message(f"Exported {len(self.substeps)} sub-steps to {out.name}.")
        return out

    # ------------------------------------------------------------------ closing
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        elif obj is self.window and event.type() == QEvent.Type.Resize and self.softmax:
            QTimer.singleShot(0, self._place_class_views)
        return False

    def shutdown(self) -> None:
        """Stop a running race and its threads (the window is closing)."""
        self._class_timer.stop()
        if self.race is not None:
            self.race.shutdown()


def install_beyond_chapter(window: QMainWindow) -> BeyondChapter:
    """Add the issue-5 views and actions to ``window`` (call after its menus and signals exist)."""
    window.beyond = BeyondChapter(window)
    return window.beyond
