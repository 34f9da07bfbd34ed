"""The Network tab's training controls: what Play, Step, Run N, Reset, Apply, a weight edit and a
scrub do — commands to the worker and moves of the step-through — and what the window says back.

Commands only ever go to the worker (``WorkerHandle``) or to the displayed moment's
step-through (``MomentModel``); the views follow the moment. Stop messages quote the mean loss
exactly as the status bar shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Slot

from core.formatting import epoch_text
from gui.window.actions import speed_for_slider, speed_text

translate = QCoreApplication.translate
UNDO_LABELS = (  # what Edit → Undo names (the worker's and the file jobs' code names), translated where shown
    QT_TRANSLATE_NOOP("NetworkControls", "Apply"), QT_TRANSLATE_NOOP("NetworkControls", "Reset"),
    QT_TRANSLATE_NOOP("NetworkControls", "Open"),
)


class NetworkControls(QObject):
    """Connects the window's actions and the tab's views to the worker and the moment."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.worker = window.worker
        self.moment = window.moment
        a, tab = window.actions_, window.network
        a.play.toggled.connect(self.on_play_toggled)
        a.step_sample.triggered.connect(self.step_sample)
        a.step_epoch.triggered.connect(self.step_epoch)
        a.run_epochs.triggered.connect(self.run_epochs)
        a.reset.triggered.connect(self.reset)
        a.speed.valueChanged.connect(self.on_speed)
        self.on_speed(a.speed.value())  # the worker starts at the speed the slider shows, not flat out
        a.flat_out.triggered.connect(lambda: a.speed.setValue(a.speed.maximum()))
        a.play_substeps.toggled.connect(self.on_play_substeps)
        a.substep_rate.valueChanged.connect(self._set_substep_rate)
        self._substep_timer = QTimer(self)
        self._substep_timer.timeout.connect(self._auto_substep)
        self._set_substep_rate(a.substep_rate.value())
        self._awaiting_step = False  # a step asked of the worker has not arrived yet
        tab.experiment_panel.applyRequested.connect(self.apply)
        tab.experiment_panel.epoch_limit.valueChanged.connect(self.worker.set_epoch_limit)
        tab.diagram.weightEdited.connect(self.on_weight_edited)
        tab.plots.epochScrubbed.connect(self.on_scrubbed)
        w = self.worker
        w.playingChanged.connect(self.on_playing_changed)
        w.stopped.connect(self.on_stopped)
        w.error.connect(window.show_error)
        w.progress.connect(self.on_progress)
        w.stepped.connect(self._on_stepped)
        a.undo.triggered.connect(self.undo)
        w.undoChanged.connect(self._on_undo_changed)
        w.undone.connect(self._on_undone)
        self.confirm = False  # ask before discarding a trained network (run_gui turns it on)
        self.ask = self._ask_discard  # hook (tests replace it): (what) -> True to go ahead
        self._confirmed = False  # the shape editor has just asked: Apply goes ahead without asking again
        tab.shape_editor.confirm_discard = lambda: self.confirm_discard("change the shape")

    # ------------------------------------------------------------------ commands
    @Slot(bool)
    def on_play_toggled(self, on: bool) -> None:
        if on:
            self.stop_substeps()
            self.moment.end_stepping()
            self.worker.play()
        else:
            self.worker.pause()

    def _pause_if_playing(self, keep_substeps: bool = False) -> None:
        if self.window.actions_.play.isChecked():
            self.window.set_play_checked(False)
            self.worker.pause()
        if not keep_substeps:
            self.stop_substeps()

    # ------------------------------------------------------------------ the step-through playing itself
    @Slot(bool)
    def on_play_substeps(self, on: bool) -> None:
        if on:
            self._pause_if_playing(keep_substeps=True)
            self._substep_timer.start()
            self._auto_substep()
        else:
            self._substep_timer.stop()

    def stop_substeps(self) -> None:
        a = self.window.actions_.play_substeps
        if a.isChecked():
            a.setChecked(False)  # → on_play_substeps(False)

    @Slot(float)
    def _set_substep_rate(self, per_second: float) -> None:
        self._substep_timer.setInterval(max(50, int(1000 / max(per_second, 0.1))))

    @Slot()
    def _auto_substep(self) -> None:
        if not self._awaiting_step:  # the next sample is on its way: wait for it
            self._next_substep()

    @Slot(object)
    def _on_stepped(self, _sf) -> None:
        self._awaiting_step = False

    @Slot()
    def step_sample(self) -> None:
        """One click of Step sample: the next sub-step, or the next sample when none is left."""
        self._pause_if_playing(keep_substeps=True)
        self._next_substep()

    def _next_substep(self) -> None:
        if not self.moment.next_substep():
            self._awaiting_step = True
            self.worker.step_sample()

    @Slot()
    def step_epoch(self) -> None:
        self._pause_if_playing()
        self.moment.end_stepping()
        self.worker.step_epoch()

    @Slot()
    def run_epochs(self) -> None:
        """Run N epochs: it stops at the epoch limit, and says so before it starts."""
        self._pause_if_playing()
        self.moment.end_stepping()
        n = self.window.actions_.run_spin.value()
        limit = self.window.network.experiment_panel.epoch_limit.value()
        now = self.moment.moment.epoch
        if limit and now + n > limit:
            left = max(0, limit - now)
            self.window.show_message(
                self.tr("Running {0} of {1} epochs: the epoch limit ({2}) stops the run there "
                        "(raise it in the Experiment tab to go further).").format(
                    epoch_text(left), epoch_text(n), epoch_text(limit)))
        self.worker.run_epochs(n)

    # ------------------------------------------------------------------ nothing lost without asking
    def _trained(self) -> bool:
        m = self.moment.moment
        return m.epoch > 0 or m.stepping or self.window.files.dirty

    def confirm_discard(self, what: str) -> bool:
        """Ask before a trained network is thrown away (once per command; "don't ask again" remembered)."""
        settings = self.window.settings
        if not (self.confirm and self._trained()) or settings.value("confirm/discard", "ask") == "never":
            return True
        ok = self.ask(what)
        self._confirmed = ok and what == "change the shape"  # the Apply that follows is the same command
        return ok

    def _ask_discard(self, what: str) -> bool:
        from PySide6.QtWidgets import QCheckBox, QMessageBox

        question = {
            "change the shape": self.tr("Change the shape? The trained network (epoch {0:,}) is replaced; "
                                        "Edit → Undo brings it back."),
            "reset the weights": self.tr("Reset the weights? The trained network (epoch {0:,}) is replaced; "
                                         "Edit → Undo brings it back."),
            "apply these settings": self.tr("Apply these settings? The trained network (epoch {0:,}) is "
                                            "replaced; Edit → Undo brings it back."),
        }.get(what, self.tr("{what}? The trained network (epoch {0:,}) is replaced; Edit → Undo brings it "
                            "back.")).format(self.moment.moment.epoch, what=what[:1].upper() + what[1:])
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("CNN Visualiser"), question,
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, self.window)
        never = QCheckBox(self.tr("Don't ask again"))
        box.setCheckBox(never)
        ok = box.exec() == QMessageBox.StandardButton.Ok
        if ok and never.isChecked():
            self.window.settings.setValue("confirm/discard", "never")
        return ok

    @Slot()
    def undo(self) -> None:
        self._pause_if_playing()
        self.moment.end_stepping()
        self.window.clear_stop()
        self.worker.undo()

    @Slot(str)
    def _on_undo_changed(self, what: str) -> None:
        a = self.window.actions_.undo
        a.setEnabled(bool(what))
        a.setText(self.tr("&Undo {0}").format(translate("NetworkControls", what)) if what
                  else self.tr("&Undo"))

    @Slot(object)
    def _on_undone(self, config: dict) -> None:
        """The panels show the settings of the network Undo brought back."""
        panel = self.window.network.experiment_panel
        try:
            panel.set_config(config)
        except Exception:  # noqa: BLE001 - the network is back; only the form could not show it
            pass
        self.window.show_message(self.tr("Undone: the network before the last command is back."))

    @Slot()
    def reset(self) -> None:
        if not self.confirm_discard("reset the weights"):
            return
        self._pause_if_playing()
        self.moment.end_stepping()
        self.window.clear_stop()
        self.worker.reset()

    @Slot(int)
    def on_speed(self, value: int) -> None:
        eps = speed_for_slider(value)
        self.window.actions_.speed_label.setText(speed_text(eps))
        self.worker.set_speed(eps)

    @Slot(dict)
    def apply(self, config: dict) -> None:
        confirmed, self._confirmed = self._confirmed, False
        if not confirmed and not self.confirm_discard("apply these settings"):
            return
        self._pause_if_playing()
        self.moment.end_stepping()
        self.window.clear_stop()
        self.worker.configure(config)

    @Slot(str, float)
    def on_weight_edited(self, param: str, value: float) -> None:
        self._pause_if_playing()
        self.moment.end_stepping()
        self.worker.set_weight(param, value)

    @Slot(int)
    def on_scrubbed(self, epoch: int) -> None:
        self._pause_if_playing()
        self.moment.end_stepping()
        self.worker.show_epoch(epoch)

    # ------------------------------------------------------------------ answers
    @Slot(bool)
    def on_playing_changed(self, on: bool) -> None:
        self.window.set_play_checked(on)
        self.moment.set_playing(on)

    @Slot(str)
    def on_stopped(self, reason: str) -> None:
        """A run ended on its own: say why, quoting the loss exactly as the status bar shows it."""
        self.stop_substeps()
        self._awaiting_step = False
        self.window.set_play_checked(False)
        self.moment.set_playing(False)
        m = self.moment.moment
        diverged = m.snapshot is not None and m.snapshot.diverged
        text = reason if diverged else self.tr("{reason} {loss} at {epoch}.").format(
            reason=reason, loss=m.loss_text(self.window.status.precision), epoch=m.epoch_text().lower())
        self.window.show_stop(text, diverged)

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        if done < total:
            self.window.show_message(self.tr("Running {0} epochs: {1} done …").format(
                epoch_text(total), epoch_text(done)))
        else:
            self.window.show_message(self.tr("Ran {0} epochs.").format(epoch_text(total)))
