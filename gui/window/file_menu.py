"""The File menu's workspaces and exports, the remembered settings, the title bar and run progress.

``install_file_menu(window)`` adds everything to a built ``MainWindow`` (one hook call):

* Open workspace… (Ctrl+O), Open Recent ▸, Save (Ctrl+S), Save As… (Ctrl+Shift+S). The trainer
  lives on the worker's thread, so saving and loading run there (``TrainingWorker.save_workspace_file``
  / ``open_workspace_file``) and answer with ``fileDone`` / ``fileFailed``. A bad file is refused
  by the core before anything is swapped in, so the window keeps its state.
* Export ▸ the history (CSV, through the worker), the plots and the diagram (PNG/SVG), an image-lab stage.
* Remembered settings: gui/window/remembered.py; recent files: gui/window/recent_files.py.
* The title shows the file's name and "•" while there are unsaved changes (training counts).
* Run N's progress and Cancel (Esc): gui/window/run_progress.py.

Dialogs are hooks (``ask_open_path``, ``ask_save_path``, ``ask_export_path``, ``ask_unsaved``) that
tests replace; "save changes?" is only asked when ``confirm_close`` is on (``run_gui`` sets it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QMessageBox

from core.resources import resource_path
from gui.image_lab.files import fill_export_menu
from gui.widgets.actions import make_action
from gui.widgets.file_dialogs import ask_open_path, ask_save_path
from gui.window.export import EXPORT_FILTER, ExportError, export_view
from gui.window.recent_files import RecentFiles
from gui.window.remembered import apply_lab_state, remember_session, restore_session
from gui.window.run_progress import RunProgress
from gui.window.settings import (
    experiment_json,
    lab_state,
    loaded_panel_config,
)
from gui.window.title import APP_TITLE, window_title

SUFFIX = ".cnnviz"
WORKSPACE_FILTER = "CNN Visualiser workspace (*.cnnviz);;All files (*)"
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
        self._build_actions()
        self.run_progress = RunProgress(window, self.cancel_action, self.message)
        w.progress.connect(self.run_progress.on_progress)
        w.fileProgress.connect(self.run_progress.on_file_progress)
        w.fileFailed.connect(self.run_progress.on_file_failed)
        self.run_progress.watch_lab(window.image_lab)
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
        self.open_action = make_action(win, "actionOpenWorkspace", "&Open workspace…", "Ctrl+O",
                                       "Open a saved workspace: network, data, training run and settings.")
        self.save_action = make_action(
            win, "actionSaveWorkspace", "&Save workspace", "Ctrl+S",
            "Save the network, its training run and the settings to the workspace file.")
        self.save_as_action = make_action(win, "actionSaveWorkspaceAs", "Save workspace &as…", "Ctrl+Shift+S",
                                          "Save everything to a new workspace file.")
        self.export_csv_action = make_action(
            win, "actionExportHistory", "Training &history as CSV…", None,
            "Write the recorded epochs' parameters, loss and predictions to a CSV.")
        self.export_plots_action = make_action(
            win, "actionExportPlots", "Training &plots as PNG or SVG…", None,
            "Save the training plots as a picture (PNG) or a drawing (SVG).")
        self.export_diagram_action = make_action(
            win, "actionExportDiagram", "Network &diagram as PNG or SVG…", None,
            "Save the network diagram as a picture (PNG) or a drawing (SVG).")
        self.cancel_action = make_action(win, "actionCancelRun", "&Cancel run", "Esc",
                                         "Stop Run N epochs (or the image lab's slow job) where it is.")
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
        self.recent_menu = QMenu("Open &recent", file_menu)
        self.recent = RecentFiles(self.settings, self.recent_menu, self.open_file, self.message)
        file_menu.insertAction(first, self.open_action)
        file_menu.insertMenu(first, self.recent_menu)
        file_menu.insertActions(first, [self.save_action, self.save_as_action])
        file_menu.insertSeparator(first)
        self.export_menu = QMenu("&Export", file_menu)
        self.export_menu.setObjectName("menuExport")
        self.export_menu.setToolTipsVisible(True)
        self.export_menu.addActions([self.export_csv_action, self.export_plots_action,
                                     self.export_diagram_action])
        self.lab_export_menu = self.export_menu.addMenu("&Image lab stage")
        self.lab_export_menu.setObjectName("menuExportLab")
        lab = win.image_lab
        self.lab_export_menu.aboutToShow.connect(
            lambda: fill_export_menu(self.lab_export_menu, lab.result, lab._export_dialog))
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
        if error:
            self.window.show_error(text)
        else:
            self.window.show_message(text)

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
            self._forget_recent(path)
            self.message(f"Could not open {path}: no such file (removed from Open Recent).", error=True)
            return
        self.window.worker.pause()
        self.message(f"Opening {Path(path).name} …")
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
        """Save in the worker: the trainer as it is now, the applied experiment, the lab."""
        lab = self.window.image_lab
        image = str(lab.loaded.path) if lab.loaded is not None else None
        self.message(f"Saving {Path(path).name} …")
        experiment = experiment_json(self._applied)
        experiment["display"] = self.window_display()
        self.window.worker.save_workspace(str(path), experiment, lab_state(lab.settings(), image))

    def window_display(self) -> dict:
        """What the window shows, for the workspace: step-through position, speed, run count."""
        win = self.window
        m = win.moment.moment
        return {"substep": m.substep if m.stepping else None, "sample": m.sample,
                "speed": int(win.actions_.speed.value()), "run_count": int(win.actions_.run_spin.value())}

    def _on_done(self, kind: str, path: str, info: dict) -> None:
        name = Path(path).name
        if kind == "csv":
            self.message(f"Exported the training history to {name}.")
            return
        self.path = path
        self._clean_key = info.get("key")
        self.dirty = False
        self.add_recent(path)
        if kind == "open":
            self._show_loaded(info)
            self.message(f"Opened {name} at epoch {info['key'][0]}.")
        else:
            self.message(f"Saved {name}.")
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
            self.message(f"The experiment panel could not show the saved settings: {exc}", error=True)
        self.apply_lab_state(info.get("image_lab"))
        win.worker.refresh()  # re-show a stop banner the clearing above removed

    def apply_lab_state(self, state) -> None:
        """Load the lab's image (if it exists) and settings from a stored state; bad values are ignored."""
        apply_lab_state(self.window.image_lab, state, self.message)

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

    def add_recent(self, path: str) -> None:
        self.recent.add(path)

    def _forget_recent(self, path: str) -> None:
        self.recent.forget(path)

    def prune_recent(self) -> list[str]:
        return self.recent.prune()

    # ------------------------------------------------------------------ exports
    def export_history(self) -> None:
        path = self.ask_export_path("Export the training history", "history.csv", "CSV file (*.csv)")
        if path:
            if not Path(path).suffix:
                path += ".csv"
            self.window.worker.export_history(str(path))

    def export_picture(self, which: str, path: str | None = None) -> None:
        """The plots or the diagram as PNG or SVG (the suffix decides)."""
        win = self.window
        if path is None:
            path = self.ask_export_path(f"Export the {which}", f"{which}.png", EXPORT_FILTER)
            if not path:
                return
        if not Path(path).suffix:
            path += ".png"
        target = (getattr(win.plots, "layout_widget", win.plots) if which == "plots"
                  else getattr(win.diagram, "canvas", win.diagram))
        try:
            export_view(target, path)
        except ExportError as exc:
            self.message(f"Could not export the {which}: {exc}", error=True)
            return
        self.message(f"Exported the {which} to {Path(path).name}.")

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
        path = ask_open_path(self.window, "workspace", "Open workspace", WORKSPACE_FILTER, self.settings)
        return str(path) if path else None

    def _ask_save_path(self) -> str | None:
        name = Path(self.path).name if self.path else "untitled.cnnviz"
        path = ask_save_path(self.window, "workspace", "Save workspace", WORKSPACE_FILTER, name,
                             self.settings, suffix=SUFFIX)
        return str(path) if path else None

    def _ask_export_path(self, caption: str, default: str, filters: str) -> str | None:
        path = ask_save_path(self.window, "export", caption, filters, default, self.settings)
        return str(path) if path else None

    def _ask_unsaved(self) -> str:
        name = Path(self.path).name if self.path else "this session"
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.question(self.window, APP_TITLE, f"Save the changes to {name}?", buttons,
                                      QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")


def install_file_menu(window, restore: bool = True) -> FileController:
    """Add workspaces, exports, remembered settings, title and progress to ``window``."""
    return FileController(window, restore)
