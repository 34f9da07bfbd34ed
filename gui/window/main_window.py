"""The main window: wires the worker (training, own thread) to the views (which only draw).

Data flows one way: worker → snapshot / plot data → diagram, plots, equations panel.
Commands flow the other way as queued calls on ``WorkerHandle``. The window's only state
is what it is showing: the step-through's sub-steps and whether it shows a recorded epoch.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import Snapshot
from gui.image_lab.lab import ImageLab
from gui.network.beyond.wiring import install_beyond_chapter
from gui.network.diagram.network_diagram import NetworkDiagram
from gui.network.equations import EquationsPanel
from gui.network.panels.experiment import ExperimentPanel
from gui.network.plots import TrainingPlots
from gui.training.worker import WorkerHandle
from gui.window.actions import WindowActions, name, speed_for_slider, speed_text
from gui.window.dialogs import about_dialog, help_dialog
from gui.window.file_menu import install_file_menu

ORGANISATION = "CNN Visualiser"
APPLICATION = "CNN Visualiser"
BANNER_STYLE = ("QLabel { background: #c62828; color: white; font-weight: bold; padding: 6px 10px;"
                " border-radius: 3px; }")
INFO_STYLE = "QLabel { color: palette(text); }"
ERROR_STYLE = "QLabel { color: #d93025; font-weight: bold; }"
PAINT_FALLBACK_MS = 100  # clear the worker's frame flag after this even if no paint came
SPLITTERS = ("mainSplitter", "centreSplitter", "topSplitter")


class MainWindow(QMainWindow):
    """Tabs "Network" (experiment panel, diagram, plots, equations) and "Image lab"."""

    def __init__(self, settings: QSettings | None = None, restore: bool = True,
                 load_image: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setAccessibleName("CNN Visualiser")
        self.setWindowTitle("CNN Visualiser — the chapter's 1D CNN")
        self.settings = settings if settings is not None else QSettings(ORGANISATION, APPLICATION)
        self.frames_drawn = 0  # frames drawn (plots redrawn), for the benchmark
        self._substeps: list = []  # the step-through being walked
        self._substep_i = -1
        self._live_epoch = 0
        self._net = None  # a copy of the worker's network, for names only
        self._diverged = False
        self._dialogs: dict[str, QDialog] = {}
        self._error_box: QMessageBox | None = None
        self._awaiting_paint = False
        self._hidden_frame: tuple = (None, None)  # (snapshot, plot data) that came while hidden

        self.worker = WorkerHandle(self)
        self._build_views(load_image)
        self.actions_ = WindowActions(self)
        self.actions_.build_toolbar(self.image_lab.open_action)
        self.actions_.build_menus(self.image_lab.open_action, list(self.image_lab.sample_actions))
        self._build_status_bar()
        self._connect()
        install_beyond_chapter(self)  # issue 5: shape, classification, stops, race… (gui/beyond_chapter.py)
        if restore:
            self._restore_settings()
        else:
            self.resize(1600, 900)
        self.files = install_file_menu(self, restore)  # File menu, QSettings, title, progress
        try:
            config = self.experiment_panel.config()
        except ValueError:  # settings restored by the panel may be invalid: start with the chapter's
            config = {}
        self.worker.configure(config)

    # ------------------------------------------------------------------ building
    def _build_views(self, load_image: bool) -> None:
        self.experiment_panel = ExperimentPanel()
        self.diagram = NetworkDiagram()
        self.plots = TrainingPlots()
        self.equations = EquationsPanel()
        self.image_lab = ImageLab(load_default=load_image)
        for w, obj in ((self.experiment_panel, "experimentPanel"), (self.diagram, "networkDiagram"),
                       (self.plots, "trainingPlots"), (self.equations, "equationsPanel"),
                       (self.image_lab, "imageLab")):
            if not w.objectName():
                w.setObjectName(obj)
            if not w.accessibleName():
                w.setAccessibleName(obj)

        panel_scroll = QScrollArea()
        name(panel_scroll, "experimentScroll", "Experiment settings")
        panel_scroll.setWidget(self.experiment_panel)
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel_scroll.setMinimumWidth(240)

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        name(self.top_splitter, "topSplitter", "Diagram and plots")
        self.top_splitter.addWidget(self.diagram)
        self.top_splitter.addWidget(self.plots)
        self.top_splitter.setStretchFactor(0, 3)
        self.top_splitter.setStretchFactor(1, 2)
        self.centre_splitter = QSplitter(Qt.Orientation.Vertical)
        name(self.centre_splitter, "centreSplitter", "Views and formulas")
        self.centre_splitter.addWidget(self.top_splitter)
        self.centre_splitter.addWidget(self.equations)
        self.centre_splitter.setStretchFactor(0, 3)
        self.centre_splitter.setStretchFactor(1, 1)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        name(self.main_splitter, "mainSplitter", "Settings and views")
        self.main_splitter.addWidget(panel_scroll)
        self.main_splitter.addWidget(self.centre_splitter)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        for s in (self.top_splitter, self.centre_splitter, self.main_splitter):
            s.setChildrenCollapsible(False)
        self.main_splitter.setSizes([300, 1300])
        self.centre_splitter.setSizes([620, 180])
        self.top_splitter.setSizes([700, 560])

        self.banner = QLabel()
        name(self.banner, "divergenceBanner", "Training stopped")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        network_tab = QWidget()
        name(network_tab, "networkTab", "Network")
        lay = QVBoxLayout(network_tab)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        lay.addWidget(self.banner)
        lay.addWidget(self.main_splitter, 1)

        self.tabs = QTabWidget()
        name(self.tabs, "mainTabs", "Views")
        self.tabs.addTab(network_tab, "Network")
        self.tabs.addTab(self.image_lab, "Image lab")
        self.setCentralWidget(self.tabs)

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        sb.setObjectName("statusBar")
        self.message_label = QLabel()
        name(self.message_label, "statusMessage", "Status message")
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Fixed sizes: a QLabel of fixed size does not ask the window to re-lay out on setText
        # (it changes every frame while playing; a re-layout repainted the whole window).
        self.epoch_label = QLabel("Epoch 0")
        name(self.epoch_label, "epochLabel", "Epoch")
        fm = self.epoch_label.fontMetrics()
        self.epoch_label.setFixedSize(fm.horizontalAdvance("Epoch 00000000 (recorded) "),
                                      self.epoch_label.sizeHint().height())
        self.loss_label = QLabel("Loss –")
        name(self.loss_label, "lossLabel", "Loss")
        self.loss_label.setFixedSize(fm.horizontalAdvance("Loss 0.000000e-00 "),
                                     self.loss_label.sizeHint().height())
        sb.addWidget(self.message_label, 1)
        sb.addPermanentWidget(self.epoch_label)
        sb.addPermanentWidget(self.loss_label)

    def _connect(self) -> None:
        a, w = self.actions_, self.worker.worker
        a.play.toggled.connect(self._on_play_toggled)
        a.step_sample.triggered.connect(self.step_sample)
        a.step_epoch.triggered.connect(self._on_step_epoch)
        a.run_epochs.triggered.connect(self._on_run_epochs)
        a.reset.triggered.connect(self._on_reset)
        a.speed.valueChanged.connect(self._on_speed)
        a.show_labels.toggled.connect(self.diagram.set_labels_visible)
        a.precision.valueChanged.connect(self.diagram.set_precision)
        a.precision.valueChanged.connect(self.equations.set_precision)
        a.more_digits.triggered.connect(lambda: a.precision.stepUp())
        a.fewer_digits.triggered.connect(lambda: a.precision.stepDown())
        a.help.triggered.connect(lambda: self._show_dialog("help"))
        a.about.triggered.connect(lambda: self._show_dialog("about"))
        a.quit.triggered.connect(self.close)
        self.diagram.set_precision(a.precision.value())
        self.equations.set_precision(a.precision.value())

        w.snapshotReady.connect(self._on_snapshot)
        w.plotDataReady.connect(self._on_plot_data)
        w.stepped.connect(self._on_stepped)
        w.playingChanged.connect(self._on_playing_changed)
        w.stopped.connect(self._on_stopped)
        w.error.connect(self.show_error)
        w.progress.connect(self._on_progress)
        w.networkChanged.connect(self._on_network_changed)

        self.experiment_panel.applyRequested.connect(self._on_apply)
        limit = self.experiment_panel.findChild(QWidget, "epochLimit")
        if limit is not None and hasattr(limit, "valueChanged"):
            limit.valueChanged.connect(self.worker.set_epoch_limit)
        self.diagram.weightEdited.connect(self._on_weight_edited)
        self.plots.epochScrubbed.connect(self._on_scrubbed)
        self.tabs.currentChanged.connect(self._on_main_tab)
        for view in self.plots.findChildren(QGraphicsView) + self.diagram.findChildren(QGraphicsView):
            view.viewport().installEventFilter(self)

    # ------------------------------------------------------------------ commands
    def _on_play_toggled(self, on: bool) -> None:
        if on:
            self._end_stepping()
            self.worker.play()
        else:
            self.worker.pause()

    def step_sample(self) -> None:
        """One click of Step sample: the next sub-step, or the next sample when none is left."""
        if self.actions_.play.isChecked():
            self._set_play_checked(False)
            self.worker.pause()
        if self._substeps and self._substep_i + 1 < len(self._substeps):
            self._substep_i += 1
            self._show_substep()
        else:
            self.worker.step_sample()

    def _on_step_epoch(self) -> None:
        self._set_play_checked(False)
        self._end_stepping()
        self.worker.step_epoch()

    def _on_run_epochs(self) -> None:
        self._set_play_checked(False)
        self._end_stepping()
        self.worker.run_epochs(self.actions_.run_spin.value())

    def _on_reset(self) -> None:
        self._set_play_checked(False)
        self._end_stepping()
        self._clear_stop()
        self.worker.reset()

    def _on_speed(self, value: int) -> None:
        eps = speed_for_slider(value)
        self.actions_.speed_label.setText(speed_text(eps))
        self.worker.set_speed(eps)

    def _on_apply(self, config: dict) -> None:
        self._set_play_checked(False)
        self._end_stepping()
        self._clear_stop()
        self.worker.configure(config)

    def apply_experiment(self, experiment: int) -> None:
        """Select the chapter's experiment 1 (one sample) or 2 (ten images) in the panel and apply it."""
        self.experiment_panel.set_config({"experiment": str(int(experiment))})
        self.experiment_panel.apply()

    def _on_weight_edited(self, param: str, value: float) -> None:
        self.worker.set_weight(param, value)

    def _on_scrubbed(self, epoch: int) -> None:
        if self.actions_.play.isChecked():
            self._set_play_checked(False)
            self.worker.pause()
        self._end_stepping()
        self.worker.show_epoch(epoch)

    def _set_play_checked(self, on: bool) -> None:
        """Reflect the playing state on the action without sending a command back."""
        a = self.actions_.play
        a.blockSignals(True)
        a.setChecked(on)
        a.blockSignals(False)
        a.setText("&Pause" if on else "&Play")
        a.setIcon(self.style().standardIcon(
            self.style().StandardPixmap.SP_MediaPause if on else self.style().StandardPixmap.SP_MediaPlay))

    # ------------------------------------------------------------------ step-through
    def _on_stepped(self, step: dict) -> None:
        subs = list(step.get("substeps") or [])  # built by the worker right after the step
        self._substeps = subs
        self._substep_i = 0 if subs else -1
        if subs:
            self._show_substep()

    def _show_substep(self) -> None:
        sub = self._substeps[self._substep_i]
        self.equations.show_substep(sub, self._substep_i, len(self._substeps))
        self.diagram.set_highlight(list(sub.highlight) if sub.highlight else None)
        self.show_message(f"Step-through: sub-step {self._substep_i + 1} of {len(self._substeps)} — "
                          f"{getattr(sub, 'title', '')}. Press → for the next.")

    def _end_stepping(self) -> None:
        if self._substeps:
            self._substeps = []
            self._substep_i = -1
            self.diagram.set_highlight(None)

    @property
    def stepping(self) -> bool:
        """True while a sample's sub-steps are being walked."""
        return bool(self._substeps)

    # ------------------------------------------------------------------ drawing
    def _on_network_changed(self, info: dict) -> None:
        self._net = info["net"]
        self.diagram.set_network(info["net"])
        self.equations.set_network(info["net"])
        self.plots.set_network(info["net"], info["y"])

    def _network_tab_hidden(self) -> bool:
        """The "Network" tab is not shown (the image lab is): its views need not draw every frame."""
        return self.tabs.currentIndex() != 0

    def _on_main_tab(self, index: int) -> None:
        """Back on the "Network" tab: draw the newest frame that arrived while it was hidden."""
        if index != 0:
            return
        snap, data = self._hidden_frame
        self._hidden_frame = (None, None)
        if snap is not None:
            self._show_snapshot_views(snap)
        if data is not None:
            self.plots.show_plot_data(data, self._live_epoch)
            self.plots.flush()
            if snap is not None and not snap.live:
                self.plots.set_cursor(snap.epoch + 1)  # a recorded epoch keeps its cursor

    def _show_snapshot_views(self, snap: Snapshot) -> None:
        self.diagram.show_snapshot(snap)
        if not self.stepping:
            self.equations.show_snapshot(snap)

    def _on_snapshot(self, snap: Snapshot) -> None:
        if self._network_tab_hidden():  # drawn when the tab comes back (_on_main_tab)
            self._hidden_frame = (snap, self._hidden_frame[1])
        else:
            self._show_snapshot_views(snap)
        if snap.live:
            self._live_epoch = snap.epoch
            self._live_diverged = snap.diverged
            self.epoch_label.setText(f"Epoch {snap.epoch}")
            self.loss_label.setText(f"Loss {snap.loss:.5g}")
            if snap.diverged and snap.stopped_reason:
                self._show_stop(snap.stopped_reason, diverged=True)
            elif not self._diverged and self.message_label.text().startswith("Showing epoch"):
                self.show_message("")
        else:
            shown = snap.epoch + 1  # the recorded row: the parameters used in this epoch's pass
            self.epoch_label.setText(f"Epoch {shown} (recorded)")
            self.loss_label.setText(f"Loss {snap.loss:.5g}")
            self.plots.set_cursor(shown)
            self.show_message(f"Showing epoch {shown} (recorded); press Play to resume")

    def _on_plot_data(self, data: dict) -> None:
        if self._network_tab_hidden():
            # Nothing to paint: keep the data for later and let the worker go on at once.
            self._hidden_frame = (self._hidden_frame[0], data)
            self.frames_drawn += 1
            self.worker.frame_drawn()
            return
        self.plots.show_plot_data(data, self._live_epoch)
        self.frames_drawn += 1
        self._awaiting_paint = True
        # The worker's "frame pending" flag is cleared once the views have repainted (see
        # eventFilter), so training does not compete with the paint for the GIL; if they are
        # hidden (another tab) no paint comes, so a fallback timer clears it.
        QTimer.singleShot(PAINT_FALLBACK_MS, self._frame_painted)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint and self._awaiting_paint:
            QTimer.singleShot(0, self._frame_painted)  # fires after this paint has finished
        return False

    def _frame_painted(self) -> None:
        if self._awaiting_paint:
            self._awaiting_paint = False
            self.worker.frame_drawn()

    def _on_playing_changed(self, on: bool) -> None:
        self._set_play_checked(on)
        self.equations.set_streaming(on)  # formulas at a readable rate while playing

    def _on_progress(self, done: int, total: int) -> None:
        if done < total:
            self.show_message(f"Running {total} epochs: {done} done …")
        elif not self._diverged:
            self.show_message(f"Ran {total} epochs.")

    def _on_stopped(self, reason: str) -> None:
        self._set_play_checked(False)
        # The trainer belongs to the worker thread: judge from the latest live snapshot and the
        # trainer's own divergence sentence, never by reading the trainer from this thread.
        diverged = getattr(self, "_live_diverged", False) or "too large for this network" in reason
        self._show_stop(reason, diverged)

    def _show_stop(self, reason: str, diverged: bool) -> None:
        if diverged:
            self._diverged = True
            self.banner.setText(f"⚠ {reason}")
            self.banner.show()
        self.show_message(reason, error=diverged)

    def _clear_stop(self) -> None:
        self._diverged = False
        self.banner.hide()
        self.show_message("")

    def show_message(self, text: str, error: bool = False) -> None:
        """The status bar's message area (stays until replaced, unlike QStatusBar.showMessage)."""
        if self._diverged and not error and text:
            return  # the divergence message stays until Reset
        self.message_label.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message_label.setText(text)

    def show_error(self, message: str) -> None:
        """A command failed: say so in the status bar and in a non-modal message box."""
        self.show_message(message, error=True)
        if self._error_box is None:
            self._error_box = QMessageBox(QMessageBox.Icon.Warning, "CNN Visualiser", "", parent=self)
            self._error_box.setObjectName("errorBox")
            self._error_box.setModal(False)
        self._error_box.setText(message)
        self._error_box.show()

    def _show_dialog(self, kind: str) -> None:
        d = self._dialogs.get(kind)
        if d is None:
            d = help_dialog(self) if kind == "help" else about_dialog(self)
            self._dialogs[kind] = d
        d.show()
        d.raise_()

    # ------------------------------------------------------------------ settings and closing
    def _restore_settings(self) -> None:
        s = self.settings
        geom = s.value("window/geometry")
        if isinstance(geom, QByteArray) and not geom.isEmpty():
            self.restoreGeometry(geom)
        else:
            self.resize(1600, 900)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for key in SPLITTERS:
            val = s.value(f"splitters/{key}")
            splitter = self.findChild(QSplitter, key)
            if isinstance(val, QByteArray) and splitter is not None:
                splitter.restoreState(val)

    def save_settings(self) -> None:
        """Remember the window's geometry and splitter positions for next time."""
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        for key in SPLITTERS:
            splitter = self.findChild(QSplitter, key)
            if splitter is not None:
                s.setValue(f"splitters/{key}", splitter.saveState())
        s.sync()

    def shutdown(self) -> None:
        """Stop the training thread and the image lab's worker; safe to call twice."""
        self.image_lab.shutdown()
        self.worker.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.save_settings()
        for d in self._dialogs.values():
            d.close()
        self.shutdown()
        super().closeEvent(event)
