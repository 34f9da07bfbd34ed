"""The main window: the shell around the tabs — actions, menus, status bar, files, dialogs.

Data flows one way: worker (its own thread) → ``WorkerHandle`` (relays on the GUI thread) →
``MomentModel`` (what the window shows now) → every view. Commands flow back as calls on the
handle (gui/network/controls.py). The window keeps no training state of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QMetaObject, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QSplitter, QTabWidget

from gui.network.beyond.controller import BeyondChapter
from gui.network.controls import NetworkControls
from gui.network.tab import NetworkTab
from gui.training.handle import WorkerHandle
from gui.training.moment import Moment, MomentModel
from gui.widgets.i18n import say
from gui.widgets.lazy_page import LazyPage
from gui.widgets.naming import name
from gui.window.actions import WindowActions
from gui.window.dialogs import about_dialog, help_dialog
from gui.window.file_menu import install_file_menu
from gui.window.identity import APPLICATION, ORGANISATION
from gui.window.keys import KeyRouter
from gui.window.lab_slot import LabSlot
from gui.window.language import LanguageMenu
from gui.window.status import StatusBar
from gui.window.theme import ThemeMenu

translate = QCoreApplication.translate
PAINT_FALLBACK_MS = 250  # clear the worker's frame flag after this even if no paint came (= GUI_WAIT_S)
PAINT_EVENTS = (QEvent.Type.UpdateRequest, QEvent.Type.Paint)
SETTLE_MS = 1  # the worker is released this long after the last paint of a frame (eventFilter)
SPLITTERS = ("mainSplitter", "centreSplitter", "topSplitter")
DEFAULT_SIZE = (1600, 900)  # on a screen that has room; smaller screens get 92 % of theirs


def _image_cnn_tab():
    from gui.image_cnn.tab import ImageCnnTab  # imported when the tab is first opened

    return ImageCnnTab()


class MainWindow(QMainWindow):
    """Tabs "Network" (the chapter's 1D CNN) and "Image lab", around one displayed moment."""

    def __init__(self, settings: QSettings | None = None, restore: bool = True,
                 load_image: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setAccessibleName(self.tr("CNN Visualiser"))
        self.settings = settings if settings is not None else QSettings(ORGANISATION, APPLICATION)
        self.frames_drawn = 0  # frames drawn, for the benchmark
        self._dialogs: dict[str, QDialog] = {}
        self._error_box: QMessageBox | None = None
        self._awaiting_paint = False
        self._diverged = False
        self.frames_painted = 0  # frames released by their paint (the rest: hidden, or the fallback)
        self._paint_fallback = QTimer(self)  # releases the worker when no paint comes
        self._paint_fallback.setSingleShot(True)
        self._paint_fallback.timeout.connect(self._frame_painted)
        self._settled = QTimer(self)  # fires once the window's paints have stopped coming (eventFilter)
        self._settled.setSingleShot(True)
        self._settled.setTimerType(Qt.TimerType.PreciseTimer)
        self._settled.timeout.connect(self._painted)

        self.worker = WorkerHandle(self)
        self.moment = MomentModel(self)
        self.network = NetworkTab()
        self.tabs = QTabWidget()
        name(self.tabs, "mainTabs", self.tr("Views"))
        self.tabs.addTab(self.network, self.tr("Network"))
        self.lab_slot = LabSlot(self, self.tabs, self.settings, load_image)  # built when first shown
        self.tabs.addTab(self.lab_slot.page, self.tr("Image lab"))
        self.image_cnn_page = LazyPage(_image_cnn_tab)  # built when first opened (start-up time)
        self.tabs.addTab(self.image_cnn_page, self.tr("CNN on images"))
        self.setCentralWidget(self.tabs)

        self.actions_ = WindowActions(self)
        lab_actions = self.lab_slot.actions
        self.actions_.build_toolbar(lab_actions.open_action)
        self.actions_.build_menus(lab_actions.open_action, list(lab_actions.sample_actions))
        self.status = StatusBar(self)
        self.controls = NetworkControls(self)
        self.keys = KeyRouter.install(self)
        self.theme = ThemeMenu(self)
        self.language = LanguageMenu(self)
        self.beyond = BeyondChapter(self)
        self._connect()
        if restore:
            self._restore_settings()
        else:
            self.resize(*self.default_size())
        self.files = install_file_menu(self, restore)  # File menu, QSettings, title, progress
        try:
            config = self.experiment_panel.config()
        except ValueError:  # settings restored by the panel may be invalid: start with the chapter's
            config = {}
        self.worker.configure(config)

    # ------------------------------------------------------------------ the views, by their old names
    @property
    def image_lab(self):
        """The "Image lab" tab, built now if it has not been opened yet."""
        return self.lab_slot.lab()

    @property
    def image_cnn(self):
        """The "CNN on images" tab, built now if it has not been opened yet."""
        return self.image_cnn_page.widget()

    @property
    def diagram(self):
        return self.network.diagram

    @property
    def plots(self):
        return self.network.plots

    @property
    def equations(self):
        return self.network.equations

    @property
    def experiment_panel(self):
        return self.network.experiment_panel

    @property
    def banner(self):
        return self.network.banner

    @property
    def main_splitter(self) -> QSplitter:
        return self.network.main_splitter

    @property
    def centre_splitter(self) -> QSplitter:
        return self.network.centre_splitter

    @property
    def top_splitter(self) -> QSplitter:
        return self.network.top_splitter

    @property
    def message_label(self):
        return self.status.message_label

    @property
    def epoch_label(self):
        return self.status.epoch_label

    @property
    def loss_label(self):
        return self.status.loss_label

    @property
    def stepping(self) -> bool:
        """True while a sample's sub-steps are being walked."""
        return self.moment.moment.stepping

    @property
    def _substeps(self) -> list:
        m = self.moment.moment
        return list(m.step.substeps) if m.stepping else []

    # ------------------------------------------------------------------ wiring
    def _connect(self) -> None:
        a, w, m = self.actions_, self.worker, self.moment
        a.show_labels.toggled.connect(self.diagram.set_labels_visible)
        a.precision.valueChanged.connect(self.set_precision)
        a.more_digits.triggered.connect(a.precision.stepUp)
        a.fewer_digits.triggered.connect(a.precision.stepDown)
        a.help.triggered.connect(self.show_help)
        a.about.triggered.connect(self.show_about)
        a.quit.triggered.connect(self.close)
        self.set_precision(a.precision.value())
        w.networkChanged.connect(m.on_network)
        w.frameReady.connect(m.on_frame)
        w.stepped.connect(m.on_step)
        m.networkChanged.connect(self.network.set_network)
        m.changed.connect(self._on_moment)
        self.tabs.currentChanged.connect(self._on_main_tab)
        self.installEventFilter(self)  # the window's own UpdateRequest: the paint of a frame (eventFilter)

    def set_precision(self, digits: int) -> None:
        """Significant figures in every view (diagram, formulas, status bar)."""
        self.diagram.set_precision(digits)
        self.equations.set_precision(digits)
        self.status.precision = int(digits)
        self.moment.refresh()

    def apply_experiment(self, experiment: int) -> None:
        """Select the chapter's experiment 1 (one sample) or 2 (ten images) in the panel and apply it."""
        self.experiment_panel.set_config({"experiment": str(int(experiment))})
        self.experiment_panel.apply()

    def step_sample(self) -> None:
        """One click of Step sample (as → does)."""
        self.controls.step_sample()

    def focus_diagram(self) -> None:
        """Give the keyboard focus to the diagram (Enter in a field of the Network tab does)."""
        if self.tabs.currentWidget() is self.network:
            self.diagram.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_play_checked(self, on: bool) -> None:
        """Reflect the playing state on the action without sending a command back."""
        a = self.actions_.play
        a.blockSignals(True)
        a.setChecked(on)
        a.blockSignals(False)
        a.setText(translate("WindowActions", "&Pause") if on else translate("WindowActions", "&Play"))
        sp = self.style().StandardPixmap
        a.setIcon(self.style().standardIcon(sp.SP_MediaPause if on else sp.SP_MediaPlay))

    # ------------------------------------------------------------------ drawing the moment
    def _network_tab_hidden(self) -> bool:
        return self.tabs.currentWidget() is not self.network

    def _on_moment(self, m: Moment) -> None:
        self.status.show_moment(m)
        snap = m.snapshot
        if snap is not None and snap.live and snap.diverged and snap.stopped_reason:
            self.show_stop(say(snap.stopped_reason), diverged=True)
        self.frames_drawn += 1
        if self._network_tab_hidden():  # drawn when the tab comes back (_on_main_tab)
            self._release_worker()
            return
        self.network.show_moment(m)
        # The worker's "frame pending" flag is cleared once the window has painted (see
        # eventFilter), so training does not compete with the paint for the GIL.
        self._awaiting_paint = True
        self._paint_fallback.start(PAINT_FALLBACK_MS)

    def _on_main_tab(self, _index: int) -> None:
        shown = not self._network_tab_hidden()
        self.actions_.set_network_shown(shown)
        self.status.set_moment_shown(shown)  # the epoch and loss are the Network tab's
        if shown:
            self.network.show_moment(self.moment.moment)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        """The views' ``show_*`` only mark what changed; Qt paints the whole window later, from an
        ``UpdateRequest`` it posts at LOW priority — after a ``singleShot(0)`` queued now. And one
        frame takes two or three paints: the formulas' text browser lays its text out and moves its
        scroll bar in events queued by the first paint, pyqtgraph's scene repaints a cursor whose
        bounds it recomputed while painting. A worker released after the first paint trained
        through the others, whose Python callbacks then each waited for the GIL. So the worker is
        released by a timer of ``SETTLE_MS`` restarted at every paint of the window: timers fire
        only after the posted events (the follow-up paints among them) have been handled.
        The fallback timer releases it when nothing needed a paint."""
        if self._awaiting_paint and obj is self and event.type() in PAINT_EVENTS:
            self._settled.start(SETTLE_MS)
        return False

    def _painted(self) -> None:
        if self._awaiting_paint:
            self.frames_painted += 1
            self._frame_painted()

    def _frame_painted(self) -> None:
        if self._awaiting_paint:
            self._awaiting_paint = False
            self._paint_fallback.stop()
            self._settled.stop()
            self._release_worker()

    def _release_worker(self) -> None:
        """The frame is drawn: the worker may train on and send the next (woken at once, not polled)."""
        self.worker.frame_drawn()
        QMetaObject.invokeMethod(self.worker.worker, "resume", Qt.ConnectionType.QueuedConnection)

    def flush(self) -> None:
        """Draw everything still waiting for its turn (screenshots and tests)."""
        self.network.flush()

    # ------------------------------------------------------------------ messages
    def show_stop(self, reason: str, diverged: bool) -> None:
        if diverged:
            self._diverged = True
            self.status.sticky = False
            self.banner.setText(f"⚠ {reason}")
            self.banner.show()
        self.show_message(reason, error=diverged)
        self.status.sticky = diverged

    def clear_stop(self) -> None:
        self._diverged = False
        self.status.sticky = False
        self.banner.hide()
        self.show_message("")

    def show_message(self, text: str, error: bool = False) -> None:
        """The status bar's message area (stays until replaced, unlike QStatusBar.showMessage)."""
        self.status.show_message(text, error)

    def show_error(self, message: str) -> None:
        """A command failed: say so in the status bar and in a non-modal message box."""
        self.show_message(message, error=True)
        if self._error_box is None:
            self._error_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("CNN Visualiser"), "",
                                          parent=self)
            self._error_box.setObjectName("errorBox")
            self._error_box.setModal(False)
        self._error_box.setText(message)
        self._error_box.show()

    def show_help(self) -> None:
        self._show_dialog("help")

    def show_about(self) -> None:
        self._show_dialog("about")

    def _show_dialog(self, kind: str) -> None:
        d = self._dialogs.get(kind)
        if d is None:
            d = help_dialog(self) if kind == "help" else about_dialog(self)
            self._dialogs[kind] = d
        d.show()
        d.raise_()

    # ------------------------------------------------------------------ settings and closing
    def default_size(self) -> tuple[int, int]:
        """1600×900 where the screen has room; else most of the screen's available area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return DEFAULT_SIZE
        geo = screen.availableGeometry()
        w = min(DEFAULT_SIZE[0], int(geo.width() * 0.92))
        h = min(DEFAULT_SIZE[1], int(geo.height() * 0.92))
        return max(w, 640), max(h, 480)

    def _restore_settings(self) -> None:
        s = self.settings
        geom = s.value("window/geometry")
        if isinstance(geom, QByteArray) and not geom.isEmpty():
            self.restoreGeometry(geom)
        else:
            self.resize(*self.default_size())
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
        with self.network.chosen_sizes():
            for key in SPLITTERS:
                splitter = self.findChild(QSplitter, key)
                if splitter is not None:
                    s.setValue(f"splitters/{key}", splitter.saveState())
        s.sync()

    def shutdown(self) -> None:
        """Stop the training thread, the race and the image lab's worker; safe to call twice."""
        self.beyond.shutdown()
        self.lab_slot.shutdown()
        if self.image_cnn_page.built:
            self.image_cnn.shutdown()
        self.worker.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.save_settings()
        for d in self._dialogs.values():
            d.close()
        self.shutdown()
        super().closeEvent(event)
