"""The worker's file jobs: workspaces saved and opened, the history exported — on the training thread.

Saving, opening and the history CSV touch the trainer, so they run where it lives; the window
(gui/window/file_menu.py) asks by queued call and hears ``fileDone`` / ``fileFailed``. A bad
file is refused by the core before anything is swapped in, so the window keeps its state.
A workspace also keeps what the window was showing — the step-through position, the speed,
the run count — so it reopens exactly where it was saved.

The same file holds the "CNN on images" tab's run when that tab has been opened
(``core.workspace.session``): its section is made on the CNN's own thread
(gui/image_cnn/workspace.py) and comes here inside ``SessionParts``, so this thread writes one
file; opening reads both sections, refuses the file if either is bad, and passes the CNN's run
on in ``fileDone``'s info (``"image_cnn"``) for the CNN tab to swap in on its thread.
Messages are translated here (this thread), core sentences with ``say_error``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from gui.training.limits import DEFAULT_EPOCH_LIMIT, limit_from
from gui.widgets.i18n import say_error

translate = QCoreApplication.translate


@dataclass
class SessionParts:
    """What the window saves beside the Network tab's trainer: the lab's state, the CNN's section."""

    image_lab: dict
    image_cnn: object | None = None  # a core.workspace.image_cnn.CnnSection, or None


def _plain(value):
    """A step result as JSON: tuples become lists (the workspace manifest is JSON)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    return float(value)


class FileJobs:
    """The file half of ``TrainingWorker``, a mixin: the worker provides ``_ensure``, ``_swap_in``,
    ``resume_step`` and the signals ``fileDone`` / ``fileFailed`` (one QObject base only: PySide6
    orders a class's signals and slots wrongly when two bases declare them)."""

    last_step: dict | None = None  # the last step_sample result while the window is stepping

    def _state_key(self) -> tuple:
        t = self._ensure()
        return (t.epoch, t.history.n, tuple(t.net.get_params().values()))

    def save_workspace_file(self, path: str, experiment: dict, image_lab) -> None:
        """Write the trainer and the panels' settings to ``path`` (atomic, see core.workspace).

        ``experiment["display"]`` carries the window's view (step-through position, speed, run
        count); when it says the window is stepping, the step being walked is stored with it.
        ``image_lab``: the lab's state, or ``SessionParts`` with the CNN tab's section as well.
        """
        from core.workspace.session import save_session

        parts = image_lab if isinstance(image_lab, SessionParts) else SessionParts(image_lab)

        experiment = dict(experiment)
        display = dict(experiment.get("display") or {})
        if display.get("substep") is not None and self.last_step is not None:
            display["step"] = _plain({k: v for k, v in self.last_step.items() if k != "substeps"})
        else:
            display.pop("substep", None)
        experiment["display"] = display
        try:
            save_session(path, self._ensure(), experiment=experiment, image_lab=parts.image_lab,
                         cnn=parts.image_cnn)
        except OSError as exc:
            self.fileFailed.emit("save", translate("FileJobs", "Could not save {path}: {reason}").format(
                path=path, reason=exc.strerror or say_error(exc)))
            return
        except (ValueError, TypeError) as exc:
            self.fileFailed.emit("save", translate("FileJobs", "Could not save {path}: {reason}").format(
                path=path, reason=say_error(exc)))
            return
        self.fileDone.emit("save", path, {"key": self._state_key(), "image_cnn": parts.image_cnn is not None})

    def open_workspace_file(self, path: str) -> None:
        """Load ``path`` fully, then swap it in; a bad file changes nothing and says why."""
        from core.workspace import WorkspaceError
        from core.workspace.session import load_session
        from gui.network.panels.shape import MAX_INPUTS, MAX_KERNELS

        try:
            session = load_session(path)
        except WorkspaceError as exc:
            self.fileFailed.emit("open", translate("FileJobs", "Could not open {0}").format(say_error(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - a damaged file must never take the window down
            self.fileFailed.emit("open", translate("FileJobs", "Could not open {path}: it is damaged or not "
                                                               "a workspace file ({0}).").format(
                type(exc).__name__, path=path))
            return
        ws, cnn = session.workspace, session.image_cnn
        if ws is None:  # only the CNN tab's run (train-cnn --save-workspace): this tab stays as it is
            self.fileDone.emit("open", path, {"key": self._state_key(), "image_cnn": cnn, "network": False})
            return
        t, exp = ws.trainer, dict(ws.experiment)
        if not (3 <= t.net.n_inputs <= MAX_INPUTS and t.net.n_kernels <= MAX_KERNELS):
            self.fileFailed.emit("open", translate(
                "FileJobs", "Could not open {path}: its network has {0} inputs and {1} kernel(s); the "
                            "window draws 3–{2} inputs and up to {3} kernels (cnn-visualiser train "
                            "--workspace FILE trains it headless)").format(
                t.net.n_inputs, t.net.n_kernels, MAX_INPUTS, MAX_KERNELS, path=path))
            return
        try:
            limit = limit_from(exp.get("epoch_limit"))
            lb = exp.get("loss_below")
            loss_below = None if lb in (None, 0) else float(lb)
        except (TypeError, ValueError):
            limit, loss_below = DEFAULT_EPOCH_LIMIT, None
        config = {**exp, **t.net.shape_dict(), "dropout": t.settings().get("dropout", 0.0),
                  "X": t.X.copy(), "y": t.y.copy()}
        self.last_step = None
        self._keep_for_undo("Open")
        self._swap_in(t, config, limit, loss_below)
        display = exp.get("display") if isinstance(exp.get("display"), dict) else {}
        self.fileDone.emit("open", path, {"key": self._state_key(), "experiment": exp,
                                          "image_lab": dict(ws.image_lab), "X": t.X.copy(),
                                          "y": t.y.copy(), "trainer": t.settings(),
                                          "shape": t.net.shape_dict(), "display": display,
                                          "image_cnn": cnn, "network": True})
        step = display.get("step")
        if isinstance(step, dict) and isinstance(display.get("substep"), int):
            self.resume_step(step, display["substep"])

    export_cancel = None  # a threading.Event the GUI sets to stop a long export (read between blocks)

    def export_history_file(self, path: str) -> None:
        """The training history as CSV, reporting ``fileProgress`` and stopping when ``export_cancel``
        is set (a flag, not a queued command: a command would wait for the export to end)."""
        import threading

        from gui.exporting.files import ExportCancelled
        from gui.window.export import ExportError, export_history_csv

        if self.export_cancel is None:  # a worker used without its handle
            self.export_cancel = threading.Event()
        self.export_cancel.clear()
        try:
            export_history_csv(self._ensure().history, path,
                               progress=lambda done, total: self.fileProgress.emit("csv", done, total),
                               cancelled=self.export_cancel.is_set)
        except ExportCancelled:
            self.fileFailed.emit("csv", translate("FileJobs", "Cancelled the history export; nothing was "
                                                              "written."))
            return
        except ExportError as exc:
            self.fileFailed.emit("csv", translate("FileJobs", "Could not export the history: {0}").format(
                say_error(exc)))
            return
        self.fileDone.emit("csv", path, {})
