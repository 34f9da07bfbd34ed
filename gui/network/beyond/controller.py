"""Beyond the chapter, the commands: stop conditions, the optimiser race, the learned kernel sent to
the image lab, and the step-through exported. (The views themselves live in the Network tab.)

Like the rest of the window, nothing here trains or re-does the core's maths: the race trains
on its own threads (gui/network/beyond/optimizer_race.py), the stop conditions run inside the
worker's trainer, and the kernel and the step come from the displayed moment.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMenu, QVBoxLayout

from core.chapter.stops import StopConditions, StopHook
from core.formatting import epoch_text
from gui.exporting.files import ExportError
from gui.network.beyond.step_files import EXPORT_FILTER, step_export_text, write_atomic
from gui.training.worker import epoch_limit_message
from gui.widgets.actions import make_action
from gui.widgets.i18n import say, say_error

if TYPE_CHECKING:  # the race's window and worker load when a race is first opened
    from gui.network.beyond.optimizer_race import OptimizerRace


class BeyondChapter(QObject):
    """The issue-5 actions and the stop conditions, for the window's Network tab."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("beyondChapter")
        self.window = window
        self.tab = window.network
        self.config: dict = {}
        self._limit_override = False
        self._race_dialog: QDialog | None = None
        self.race: OptimizerRace | None = None
        self._substeps: list = []  # the last stepped sample's sub-steps (Export step…)
        self._build_actions()
        w = window.worker
        w.stepped.connect(self._on_stepped)
        w.networkChanged.connect(self._on_network_changed)
        w.stopped.connect(self._on_stopped)
        self.tab.shape_editor.shapeApplied.connect(self._on_shape_applied)
        self.tab.stop_panel.changed.connect(self.send_stop_conditions)
        self.tab.experiment_panel.epoch_limit.valueChanged.connect(self._on_limit_changed)

    # names the tests and the window use
    @property
    def net(self):
        return self.tab.net

    @property
    def shape_editor(self):
        return self.tab.shape_editor

    @property
    def stop_panel(self):
        return self.tab.stop_panel

    @property
    def gradcheck(self):
        return self.tab.gradcheck

    @property
    def right_tabs(self):
        return self.tab.right_tabs

    @property
    def accuracy(self):
        return self.tab.accuracy

    @property
    def confusion(self):
        return self.tab.confusion

    @property
    def substeps(self) -> list:
        return list(self._substeps)

    @Slot(object)
    def _on_stepped(self, sf) -> None:
        self._substeps = list(sf.substeps)

    def _build_actions(self) -> None:
        w = self.window

        def act(obj: str, text: str, tip: str, slot) -> QAction:
            a = make_action(w, obj, text, None, tip)
            a.triggered.connect(slot)
            return a

        self.race_action = act("actionRaceOptimisers", self.tr("Race &optimisers…"),
                               self.tr("Train gd, momentum, Adam and gd with a decaying η "
                                       "from the same start and overlay their loss curves."), self.open_race)
        self.send_kernel_action = act("actionSendKernel", self.tr("Send &kernel to Image lab"),
                                      self.tr("Filter the image lab's picture with the "
                                              "shown network's first kernel, across and "
                                              "down."), self.send_kernel)
        self.export_step_action = act("actionExportStep", self.tr("E&xport step…"),
                                      self.tr("Save the stepped sample's sub-steps with their numbers as "
                                              "CSV or LaTeX."),
                                      self.choose_export_step)
        t = self.tab
        shows = (
            ("actionShowShape", self.tr("Network &shape"),
             self.tr("Show the shape editor (inputs, kernels, stride, dropout)."),
             lambda: self._show_tab(t.left_tabs, 1)),
            ("actionShowStops", self.tr("S&top conditions"),
             self.tr("Show the stop conditions (loss ε, weight)."),
             lambda: self._show_tab(t.left_tabs, 2)),
            ("actionShowGradCheck", self.tr("&Gradient check"),
             self.tr("Show backprop's gradients beside finite differences."),
             lambda: self._show_tab(t.right_tabs, t.right_tabs.indexOf(t.gradcheck_page))),
            ("actionShowActivations", self.tr("&Activation explorer"),
             self.tr("Show f(z) and f′(z) with each feature-map node's operating point."),
             lambda: self._show_tab(t.bottom_tabs, 1)),
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

    def _show_tab(self, tabs, index: int) -> None:
        self.window.tabs.setCurrentWidget(self.tab)
        if index >= 0:
            tabs.setCurrentIndex(index)

    # ------------------------------------------------------------------ a new network
    @Slot(object)
    def _on_network_changed(self, info: dict) -> None:
        self.config = dict(info.get("config") or {})
        self._substeps = []
        self.send_stop_conditions()
        if self.race is not None:
            self._set_race_problem()

    @Slot(dict)
    def _on_shape_applied(self, shape: dict) -> None:
        w, panel = self.window, self.tab.experiment_panel
        note = panel.set_shape(shape)
        if not panel.apply():
            w.show_message(self.tr("Shape not applied: {0}").format(panel.status.text()), error=True)
            return
        self.tab.left_tabs.setCurrentIndex(1)
        w.show_message(self.tr("New shape: {0}. {note}").format(
            self.tab.shape_editor.preview_text(), note=note).strip())

    # ------------------------------------------------------------------ stop conditions
    @Slot()
    def send_stop_conditions(self) -> None:
        """Arm the stop panel's conditions in the worker: the loss and weight conditions as the
        trainer's callback (which turns off its fast path, so only when they are armed)."""
        cond = self.tab.stop_panel.conditions()
        needs_callback = cond is not None and (cond.loss_below is not None or cond.weight is not None)
        self.window.worker.set_stop_callback(StopHook(cond) if needs_callback else None)
        limit = self.tab.experiment_panel.epoch_limit.value()
        at = getattr(cond, "at_epoch", None) if cond is not None else None
        if at is not None:
            self.window.worker.set_epoch_limit(max(1, min(limit or at, at)))
            self._limit_override = True
        elif self._limit_override:
            self._limit_override = False
            self.window.worker.set_epoch_limit(limit)

    @Slot(int)
    def _on_limit_changed(self, _value: int) -> None:
        self.send_stop_conditions()

    @Slot(str)
    def _on_stopped(self, reason: str) -> None:
        """An at-epoch stop arrives as the epoch limit: say it in the stop condition's words."""
        cond = self.tab.stop_panel.conditions()
        at = getattr(cond, "at_epoch", None) if cond is not None else None
        if at is not None and reason == epoch_limit_message(at):
            sentence = StopConditions(at_epoch=at).check(SimpleNamespace(epoch=at))
            self.window.show_message(say(sentence) if sentence else reason)

    # ------------------------------------------------------------------ optimiser race
    def _set_race_problem(self) -> None:
        t = self.tab
        if self.race is None or t.net is None:
            return
        shape = t.net.shape_dict() | {"dropout": float(self.config.get("dropout") or 0.0)}
        try:
            self.race.set_problem(shape, t.X, t.y, float(self.config.get("lr", 0.2)))
        except ValueError as exc:
            self.window.show_message(self.tr("The race cannot use this problem: {exc}").format(
                exc=say_error(exc)), error=True)

    @Slot()
    def open_race(self) -> None:
        """Open the race dialog on the current problem and start the race (one click)."""
        if self._race_dialog is None:
            d = QDialog(self.window)
            d.setObjectName("raceDialog")
            d.setWindowTitle(self.tr("Optimisers side by side"))
            from gui.network.beyond.optimizer_race import OptimizerRace

            self.race = OptimizerRace(d)
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(d.close)
            lay = QVBoxLayout(d)
            lay.addWidget(self.race)
            lay.addWidget(buttons)
            d.resize(900, 600)
            self._race_dialog = d
            self._set_race_problem()
        self._race_dialog.show()
        self._race_dialog.raise_()
        if not self.race.is_running() and not self.race.results():
            self.race.start()

    # ------------------------------------------------------------------ kernel → image lab
    @Slot()
    def send_kernel(self) -> bool:
        """Filter the image lab's picture with the shown moment's first kernel and switch to it."""
        w, net = self.window, self.tab.net
        snap = w.moment.moment.snapshot
        if net is None or snap is None:
            return False
        names = tuple(net.kernel_names[0])
        try:
            w.image_lab.show_learned_kernel([snap.params[n] for n in names], names)
        except ValueError as exc:
            w.show_message(self.tr("Cannot send the kernel: {exc}").format(exc=say_error(exc)), error=True)
            return False
        w.tabs.setCurrentWidget(w.lab_slot.page)
        w.show_message(self.tr("Sent {0}–{1} (epoch {2}) to the Image lab as learned-h and "
                               "learned-v.").format(
            names[0], names[-1], epoch_text(snap.epoch)))
        return True

    # ------------------------------------------------------------------ export step
    @Slot()
    def choose_export_step(self) -> None:
        if not self.substeps:
            self.window.show_message(self.tr("Step a sample first (Step sample, →), then export its "
                                             "numbers."))
            return
        path, chosen = QFileDialog.getSaveFileName(self.window, self.tr("Export step"), "step.csv",
                                                   QCoreApplication.translate("StepFiles", EXPORT_FILTER))
        if not path:
            return
        if not Path(path).suffix:
            path += ".tex" if "*.tex" in chosen else ".csv"
        self.export_step(path)

    def export_step(self, path: str | os.PathLike) -> Path | None:
        """Write the stepped sample's sub-steps to ``path`` (.tex: LaTeX, else CSV), atomically."""
        w, subs = self.window, self.substeps
        if not subs:
            w.show_message(self.tr("Step a sample first (Step sample, →), then export its numbers."))
            return None
        precision = w.actions_.precision.value()
        try:
            out = write_atomic(path, step_export_text(subs, path, precision))
        except (OSError, ExportError) as exc:
            w.show_error(self.tr("Could not export the step to {path}: {0}").format(
                getattr(exc, "strerror", None) or say_error(exc), path=path))
            return None
        w.show_message(self.tr("Exported {0} sub-steps to {1}.").format(len(subs), out.name))
        return out

    def shutdown(self) -> None:
        """Stop a running race and its threads (the window is closing)."""
        if self.race is not None:
            self.race.shutdown()
