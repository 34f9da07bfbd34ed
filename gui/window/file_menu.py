"""The File menu's workspaces and exports, the remembered settings, the title bar and run progress.

``install_file_menu(window)`` adds everything to a built ``MainWindow`` (one hook call):

* Open workspace… (Ctrl+O), Open Recent ▸, Save (Ctrl+S), Save As… (Ctrl+Shift+S). The trainer
  lives on the worker's thread, so saving and loading run there (``TrainingWorker.save_workspace_file``
  / ``open_workspace_file``) and answer with ``fileDone`` / ``fileFailed``. A bad file is refused
  by the core before anything is swapped in, so the window keeps its state.
* Export ▸ the history (CSV, through the worker), the plots and the diagram (PNG/SVG), an image-lab
  stage, the CNN tab's views. The same file holds the CNN tab's run once that tab has been opened
  (both: gui/image_cnn/window_files.py, ``CnnFileHooks``).
* Remembered settings: gui/window/remembered.py; recent files: gui/window/recent_files.py.
* The title shows the file's name and "•" while there are unsaved changes (training counts).
* Run N's progress and Cancel (Esc): gui/window/run_progress.py.

Dialogs are hooks (``ask_open_path``, ``ask_save_path``, ``ask_export_path``, ``ask_unsaved``) that
tests replace; "save changes?" is only asked when ``confirm_close`` is on (``run_gui`` sets it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QMessageBox

from core.formatting import epoch_text
from core.resources import resource_path
from gui.image_cnn.window_files import CnnFileHooks
from gui.widgets.actions import make_action
from gui.widgets.file_dialogs import ask_open_path, ask_save_path
from gui.widgets.i18n import say_error
from gui.window.export import EXPORT_FILTER, ExportError, export_view
from gui.window.recent_files import RecentFiles
from gui.window.remembered import remember_session, restore_session
from gui.window.run_progress import RunProgress
from gui.window.settings import experiment_json, loaded_panel_config
from gui.window.title import APP_TITLE, window_title

translate = QCoreApplication.translate

SUFFIX = ".cnnviz"
WORKSPACE_FILTER = QT_TRANSLATE_NOOP("FileController", "CNN Visualiser workspace (*.cnnviz);;All files (*)")


class FileController(QObject):
    """Owns the file actions and the state they need (current path, unsaved changes, recent list)."""

    def __init__(self, window, restore: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.path: str | None = None
        self.dirty = False
        self.confirm_close = False
        self.last_message = ""
        self._clean_key: tuple | None = None
        self._applied: dict = {}
        self._after_save = None
        # Hooks (tests replace them): return a path / "save" | "discard" | "cancel".
        self.ask_open_path = self._ask_open_path
        self.ask_save_path = self._ask_save_path
        self.ask_export_path = self._ask_export_path
        self.ask_unsaved = self._ask_unsaved

        w = window.worker  # the handle: its signals arrive on the GUI thread
        w.fileDone.connect(self._on_done)
        w.fileFailed.connect(self._on_failed)
        w.frameReady.connect(self._on_frame)
        w.stepped.connect(self._on_stepped)
        w.networkChanged.connect(self._on_network)
        w.stopped.connect(self._on_stopped)
        self.cnn = CnnFileHooks(self)
        self._build_actions()
        self.run_progress = RunProgress(window, self.cancel_action, self.message)
        w.progress.connect(self.run_progress.on_progress)
        w.fileProgress.connect(self.run_progress.on_file_progress)
        w.fileFailed.connect(self.run_progress.on_file_failed)
        window.lab_slot.when_built(self.run_progress.watch_lab)
        if restore:
            self.restore_settings()
        self.recent.refresh()
        window.installEventFilter(self)
        if resource_path("icon.svg").exists():
            window.setWindowIcon(QIcon(str(resource_path("icon.svg"))))
        self.update_title()

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        win, a = self.window, self.window.actions_
        for attr, obj, text, key, tip in (
                ("open_action", "actionOpenWorkspace", self.tr("&Open workspace…"), "Ctrl+O",
                 self.tr("Open a saved workspace: network, data, training run and settings.")),
                ("save_action", "actionSaveWorkspace", self.tr("&Save workspace"), "Ctrl+S",
                 self.tr("Save the network, its training run and the settings to the workspace file.")),
                ("save_as_action", "actionSaveWorkspaceAs", self.tr("Save workspace &as…"), "Ctrl+Shift+S",
                 self.tr("Save everything to a new workspace file.")),
                ("export_csv_action", "actionExportHistory", self.tr("Training &history as CSV…"), None,
                 self.tr("Write the recorded epochs' parameters, loss and predictions to a CSV.")),
                ("export_plots_action", "actionExportPlots", self.tr("Training &plots as PNG or SVG…"), None,
                 self.tr("Save the training plots as a picture (PNG) or a drawing (SVG).")),
                ("export_diagram_action", "actionExportDiagram", self.tr("Network &diagram as PNG or SVG…"),
                 None, self.tr("Save the network diagram as a picture (PNG) or a drawing (SVG).")),
                ("cancel_action", "actionCancelRun", self.tr("&Cancel run"), "Esc",
                 self.tr("Stop Run N epochs (or the image lab's slow job) where it is."))):
            setattr(self, attr, make_action(win, obj, text, key, tip))
        self.cancel_action.setEnabled(False)
        self.open_action.triggered.connect(lambda: self.open_dialog())
        self.save_action.triggered.connect(lambda: self.save())
        self.save_as_action.triggered.connect(lambda: self.save_as())
        self.export_csv_action.triggered.connect(lambda: self.export_history())
        self.export_plots_action.triggered.connect(lambda: self.export_picture("plots"))
        self.export_diagram_action.triggered.connect(lambda: self.export_picture("diagram"))

        mb = win.menuBar()
        file_menu = mb.findChild(QMenu, "menuFile")
        first = file_menu.actions()[0] if file_menu.actions() else None
        self.recent_menu = QMenu(self.tr("Open &recent"), file_menu)
        self.recent = RecentFiles(self.settings, self.recent_menu, self.open_file, self.message)
        file_menu.insertAction(first, self.open_action)
        file_menu.insertMenu(first, self.recent_menu)
        file_menu.insertActions(first, [self.save_action, self.save_as_action])
        file_menu.insertSeparator(first)
        self.export_menu = QMenu(self.tr("&Export"), file_menu)
        self.export_menu.setObjectName("menuExport")
        self.export_menu.setToolTipsVisible(True)
        self.export_menu.addActions([self.export_csv_action, self.export_plots_action,
                                     self.export_diagram_action])
        self.lab_export_menu = self.export_menu.addMenu(self.tr("&Image lab stage"))
        self.lab_export_menu.setObjectName("menuExportLab")
        self.lab_export_menu.aboutToShow.connect(lambda: win.lab_slot.fill_export_menu(self.lab_export_menu))
        self.cnn_export_menu = self.cnn.add_export_menu(self.export_menu)
        file_menu.insertMenu(a.quit, self.export_menu)
        file_menu.insertSeparator(a.quit)
        file_menu.setToolTipsVisible(True)
        train = mb.findChild(QMenu, "menuTraining")
        if train is not None:
            acts = train.actions()
            i = acts.index(a.run_epochs) + 1 if a.run_epochs in acts else len(acts)
            train.insertAction(acts[i] if i < len(acts) else None, self.cancel_action)

    # ------------------------------------------------------------------ title and changes
    def update_title(self) -> None:
        self.window.setWindowTitle(window_title(self._applied, self.path, self.dirty))

    def set_dirty(self, on: bool) -> None:
        if on != self.dirty:
            self.dirty = on
            self.update_title()

    @Slot(object)
    def _on_stepped(self, step) -> None:
        if not step.resumed:  # a step shown again from the file changes nothing
            self.set_dirty(True)

    @Slot(object)
    def _on_network(self, info: dict) -> None:
        self._applied = dict(info.get("config") or {})
        self.update_title()

    @Slot(str)
    def _on_stopped(self, _reason: str) -> None:
        self.run_progress.hide()

    @Slot(object)
    def _on_frame(self, frame) -> None:
        snap = frame.snapshot
        if not getattr(snap, "live", True):
            return
        key = (snap.epoch, snap.history_rows, tuple(snap.params.values()))
        if self._clean_key is None:
            self._clean_key = key  # the state the window opened on
        elif key != self._clean_key:
            self.set_dirty(True)

    def message(self, text: str, error: bool = False) -> None:
        self.last_message = text
        (self.window.show_error if error else self.window.show_message)(text)

    # ------------------------------------------------------------------ open and save
    def open_dialog(self) -> None:
        path = self.ask_open_path()
        if path:
            self.open_file(path)

    def open_file(self, path: str | Path) -> None:
        """Load ``path`` in the worker; the window changes only once it has fully loaded."""
        path = str(path)
        if not self._changes_handled(lambda: self.open_file(path)):
            return
        if not Path(path).is_file():
            self.recent.forget(path)
            self.message(self.tr("Could not open {0}: no such file (removed from Open Recent).").format(path),
                         error=True)
            return
        self.window.worker.pause()
        self.message(self.tr("Opening {0} …").format(Path(path).name))
        self.window.worker.open_workspace(path)

    def save(self) -> None:
        if self.path is None:
            self.save_as()
        else:
            self.save_to(self.path)

    def save_as(self) -> None:
        path = self.ask_save_path()
        if not path:
            self._after_save = None
            return
        if not Path(path).suffix:
            path += SUFFIX
        self.save_to(path)

    def save_to(self, path: str | Path) -> None:
        """Save in the worker: the trainer as it is now, the applied experiment, the lab (and the
        CNN tab's run, made on its own thread first, when that tab has been opened)."""
        lab = self.window.lab_slot.state()
        self.message(self.tr("Saving {0} …").format(Path(path).name))
        experiment = experiment_json(self._applied)
        experiment["display"] = self.window_display()
        self.cnn.save(str(path), experiment, lab)

    def window_display(self) -> dict:
        """What the window shows, for the workspace: step-through position, speed, run count."""
        win = self.window
        m = win.moment.moment
        return {"substep": m.substep if m.stepping else None, "sample": m.sample,
                "speed": int(win.actions_.speed.value()), "run_count": int(win.actions_.run_spin.value())}

    def _on_done(self, kind: str, path: str, info: dict) -> None:
        name = Path(path).name
        if kind == "csv":
            self.message(self.tr("Exported the training history to {0}.").format(name))
            return
        self.path = path
        self._clean_key = info.get("key")
        self.dirty = False
        self.recent.add(path)
        if kind == "open":
            if info.get("network", True):
                self._show_loaded(info)
                self.message(self.tr("Opened {0} at epoch {1}.").format(name, epoch_text(info["key"][0])))
            else:
                self.message(self.tr("Opened {0}: the CNN on images tab's run.").format(name))
            self.cnn.opened(info)
        else:
            self.cnn.saved(info)
            self.message(self.tr("Saved {0}.").format(name))
        self.update_title()
        after, self._after_save = self._after_save, None
        if kind == "save" and after is not None:
            after()

    def _on_failed(self, kind: str, message: str) -> None:
        self._after_save = None
        self.message(message, error=True)

    def _show_loaded(self, info: dict) -> None:
        """Put the loaded workspace's settings in the panels (the worker already has the trainer)."""
        win = self.window
        win.set_play_checked(False)
        win.moment.end_stepping()
        win.clear_stop()
        display = info.get("display") or {}
        for key, widget in (("speed", win.actions_.speed), ("run_count", win.actions_.run_spin)):
            value = display.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and \
                    widget.minimum() <= value <= widget.maximum():
                widget.setValue(value)
        cfg = loaded_panel_config(info)
        try:
            win.experiment_panel.set_config({**cfg, "X": info["X"], "y": info["y"]})
        except Exception as exc:  # noqa: BLE001 - the panel's restore must not abort the open
            self.message(self.tr("The experiment panel could not show the saved settings: {0}").format(
                say_error(exc)), error=True)
        self.apply_lab_state(info.get("image_lab"))
        win.worker.refresh()  # re-show a stop banner the clearing above removed

    def apply_lab_state(self, state) -> None:
        """Load the lab's image (if it exists) and settings from a stored state; bad values are ignored."""
        self.window.lab_slot.apply_state(state, self.message)

    def _changes_handled(self, retry) -> bool:
        """Before replacing unsaved work: True to go on (only asks when ``confirm_close`` is on)."""
        if not (self.confirm_close and self.dirty):
            return True
        answer = self.ask_unsaved()
        if answer == "discard":
            return True
        if answer == "save":
            self._after_save = lambda: (self.set_dirty(False), retry())
            self.save()
        return False

    # ---------------------------------------------------- recent files (gui/window/recent_files.py)
    def recent_files(self) -> list[str]:
        return self.recent.files()

    def prune_recent(self) -> list[str]:
        return self.recent.prune()

    # ------------------------------------------------------------------ exports
    def export_history(self) -> None:
        path = self.ask_export_path(self.tr("Export the training history"), "history.csv",
                                    self.tr("CSV file (*.csv)"))
        if path:
            if not Path(path).suffix:
                path += ".csv"
            self.window.worker.export_history(str(path))

    def export_picture(self, which: str, path: str | None = None) -> None:
        """The plots or the diagram as PNG or SVG (the suffix decides)."""
        win = self.window
        what = self.tr("the plots") if which == "plots" else self.tr("the diagram")
        if path is None:
            caption = self.tr("Export the plots") if which == "plots" else self.tr("Export the diagram")
            path = self.ask_export_path(caption, f"{which}.png", translate("Export", EXPORT_FILTER))
            if not path:
                return
        if not Path(path).suffix:
            path += ".png"
        target = (getattr(win.plots, "layout_widget", win.plots) if which == "plots"
                  else getattr(win.diagram, "canvas", win.diagram))
        try:
            export_view(target, path)
        except ExportError as exc:
            self.message(self.tr("Could not export {what}: {reason}").format(what=what, reason=exc),
                         error=True)
            return
        self.message(self.tr("Exported {what} to {name}.").format(what=what, name=Path(path).name))

    # ---------------------------------------------------- progress (gui/window/run_progress.py)
    @property
    def progress_bar(self):
        return self.run_progress.bar

    @property
    def cancel_button(self):
        return self.run_progress.button

    def cancel(self) -> None:
        self.run_progress.cancel()

    # ------------------------------------------------------------------ settings
    def restore_settings(self) -> None:
        """The last session's settings, restored visibly (gui/window/remembered.py)."""
        notice = restore_session(self)
        if notice:
            self.message(notice)

    def save_settings(self) -> None:
        remember_session(self)

    # ------------------------------------------------------------------ closing
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if obj is self.window and event.type() == QEvent.Type.Close:
            if not self._changes_handled(self.window.close):
                event.ignore()
                return True
            self.save_settings()
        return False

    # ------------------------------------------------------------------ default dialogs
    def _ask_open_path(self) -> str | None:
        path = ask_open_path(self.window, "workspace", self.tr("Open workspace"),
                             self.tr(WORKSPACE_FILTER), self.settings)
        return str(path) if path else None

    def _ask_save_path(self) -> str | None:
        name = Path(self.path).name if self.path else "untitled.cnnviz"
        path = ask_save_path(self.window, "workspace", self.tr("Save workspace"), self.tr(WORKSPACE_FILTER),
                             name, self.settings, suffix=SUFFIX)
        return str(path) if path else None

    def _ask_export_path(self, caption: str, default: str, filters: str) -> str | None:
        return str(path) if (path := ask_save_path(self.window, "export", caption, filters, default,
                                                   self.settings)) else None

    def _ask_unsaved(self) -> str:
        name = Path(self.path).name if self.path else self.tr("this session")
        b = QMessageBox.StandardButton
        question = self.tr("Save the changes to {0}?").format(name)
        answer = QMessageBox.question(self.window, APP_TITLE, question, b.Save | b.Discard | b.Cancel, b.Save)
        return {b.Save: "save", b.Discard: "discard"}.get(answer, "cancel")


def install_file_menu(window, restore: bool = True) -> FileController:
    """Add workspaces, exports, remembered settings, title and progress to ``window``."""
    return FileController(window, restore)
