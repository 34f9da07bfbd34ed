"""The Network tab's training controls: what Play, Step, Run N, Reset, Apply, a weight edit and a
scrub do — commands to the worker and moves of the step-through — and what the window says back.

Commands only ever go to the worker (``WorkerHandle``) or to the displayed moment's
step-through (``MomentModel``); the views follow the moment. Stop messages quote the mean loss
exactly as the status bar shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from core.formatting import epoch_text
from gui.window.actions import speed_for_slider, speed_text


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
        tab.experiment_panel.applyRequested.connect(self.apply)
        tab.experiment_panel.epoch_limit.valueChanged.connect(self.worker.set_epoch_limit)
        tab.diagram.weightEdited.connect(self.on_weight_edited)
        tab.plots.epochScrubbed.connect(self.on_scrubbed)
        w = self.worker
        w.playingChanged.connect(self.on_playing_changed)
        w.stopped.connect(self.on_stopped)
        w.error.connect(window.show_error)
        w.progress.connect(self.on_progress)

    # ------------------------------------------------------------------ commands
    @Slot(bool)
    def on_play_toggled(self, on: bool) -> None:
        if on:
            self.moment.end_stepping()
            self.worker.play()
        else:
            self.worker.pause()

    def _pause_if_playing(self) -> None:
        if self.window.actions_.play.isChecked():
            self.window.set_play_checked(False)
            self.worker.pause()

    @Slot()
    def step_sample(self) -> None:
        """One click of Step sample: the next sub-step, or the next sample when none is left."""
        self._pause_if_playing()
        if not self.moment.next_substep():
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
                f"Running {epoch_text(left)} of {epoch_text(n)} epochs: the epoch limit "
                f"({epoch_text(limit)}) stops the run there (raise it in the Experiment tab to go further).")
        self.worker.run_epochs(n)

    @Slot()
    def reset(self) -> None:
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
        self.window.set_play_checked(False)
        self.moment.set_playing(False)
        m = self.moment.moment
        diverged = m.snapshot is not None and m.snapshot.diverged
        text = reason if diverged else f"{reason} {m.loss_text(self.window.status.precision)} at " \
                                       f"{m.epoch_text().lower()}."
        self.window.show_stop(text, diverged)

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        if done < total:
            self.window.show_message(f"Running {epoch_text(total)} epochs: {epoch_text(done)} done …")
        else:
            self.window.show_message(f"Ran {epoch_text(total)} epochs.")
