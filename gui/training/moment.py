"""The displayed moment: the one object that says what the window shows now.

Epoch, sample, sub-step, live or recorded, and the parameters and node values *as they are at
that sub-step* — before the update until the update sub-step is shown, after it from then on.
The worker, the step-through, time travel, weight edits and resets only ever *set* it (through
``MomentModel``'s slots); the diagram, the equations, the plot cursors, the status bar, the
activation explorer and the gradient check only ever *draw* it (``changed``). No view keeps an
epoch of its own, so two views cannot disagree.

The convention, stated in the help page too: **epoch N is the network after N epochs of
training** (the chapter's batch mode: after N updates).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from core import Snapshot
from core.formatting import epoch_text, fmt
from gui.training.frames import Frame, PlotSeries, StepFrame

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Moment:
    """What every view draws. Immutable: a new one replaces it at each change."""

    snapshot: Snapshot | None = None  # parameters and node values as they are at this moment
    series: PlotSeries | None = None  # the training curves up to the latest epoch trained
    step: StepFrame | None = None  # the sample being stepped through (None when not stepping)
    substep: int = -1  # which of its sub-steps is shown
    net: object | None = None  # the network's shape and names (a copy, never trained)
    playing: bool = False

    @property
    def epoch(self) -> int:
        """The network shown is the one after this many epochs (0 before training)."""
        return 0 if self.snapshot is None else int(self.snapshot.epoch)

    @property
    def live(self) -> bool:
        """False while a recorded epoch is shown (time travel)."""
        return self.snapshot is None or bool(self.snapshot.live)

    @property
    def stepping(self) -> bool:
        return self.step is not None and bool(self.step.substeps)

    @property
    def current_substep(self):
        """The ``SubStep`` shown, or None when not stepping."""
        return self.step.substeps[self.substep] if self.stepping else None

    @property
    def sample(self) -> int:
        return 0 if self.snapshot is None else int(self.snapshot.sample)

    def epoch_text(self) -> str:
        """The status bar's epoch: "Epoch 12", "Epoch 12 (recorded)", with the step's position."""
        text = translate("Moment", "Epoch {0}").format(epoch_text(self.epoch))
        if not self.live:
            return text + translate("Moment", " (recorded)")
        return text

    def loss_text(self, precision: int = 4) -> str:
        """The status bar's loss: the mean over the whole data set, named as such."""
        if self.snapshot is None:
            return translate("Moment", "Mean loss –")
        return translate("Moment", "Mean loss {0}").format(fmt(self.snapshot.loss, precision))

    def position_text(self) -> str:
        """Where the step-through is: "sample 3 of 10 · sub-step 5 of 15" ("" when not stepping)."""
        if not self.stepping:
            return ""
        n = self.step.substeps
        total = self.step.after.snapshot.predictions.shape[0] if self.step.after is not None else 0
        of = translate("Moment", " of {total}").format(total=total) if total else ""
        return translate("Moment", "sample {0}{of} · sub-step {1} of {2}").format(
            int(self.step.step['sample']) + 1, self.substep + 1, len(n), of=of)


class MomentModel(QObject):
    """Holds the current ``Moment``; its slots are the only way to change what the window shows."""

    changed = Signal(object)  # the new Moment
    networkChanged = Signal(object)  # noqa: N815 — {"net", "X", "y", "config"}: views rebuild their items

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._m = Moment()
        self._series_before: PlotSeries | None = None  # curves up to the step's start

    @property
    def moment(self) -> Moment:
        return self._m

    def _set(self, m: Moment) -> None:
        self._m = m
        self.changed.emit(m)

    # ------------------------------------------------------------ from the worker
    @Slot(object)
    def on_network(self, info: dict) -> None:
        """A new network (Apply, a loaded file): forget the old moment entirely."""
        self._m = Moment(net=info["net"], playing=self._m.playing)
        self._series_before = None
        self.networkChanged.emit(info)

    @Slot(object)
    def on_frame(self, frame: Frame) -> None:
        """A live or recorded state: it ends any step-through."""
        series = frame.series if frame.series is not None else self._m.series
        self._set(replace(self._m, snapshot=frame.snapshot, series=series, step=None, substep=-1))

    @Slot(object)
    def on_step(self, sf: StepFrame) -> None:
        """A stepped sample: show its first sub-step with the parameters its pass used."""
        self._series_before = self._m.series
        self._set(self._at(sf, sf.start))

    @Slot(bool)
    def set_playing(self, on: bool) -> None:
        if on != self._m.playing:
            self._set(replace(self._m, playing=bool(on)))

    # ------------------------------------------------------------ step-through navigation
    def _at(self, sf: StepFrame, i: int) -> Moment:
        updated = i >= sf.update_index and sf.step.get("update") is not None
        snap = sf.after.snapshot if updated else sf.before
        series = sf.after.series if updated or self._series_before is None else self._series_before
        return replace(self._m, snapshot=snap, series=series, step=sf, substep=i)

    def next_substep(self) -> bool:
        """Show the next sub-step; False when there is none (the caller steps the next sample)."""
        m = self._m
        if not m.stepping or m.substep + 1 >= len(m.step.substeps):
            return False
        self._set(self._at(m.step, m.substep + 1))
        return True

    def previous_substep(self) -> bool:
        """Show the previous sub-step; False at the first one."""
        m = self._m
        if not m.stepping or m.substep <= 0:
            return False
        self._set(self._at(m.step, m.substep - 1))
        return True

    def end_stepping(self) -> None:
        """Leave the step-through showing the state after the step (Play, Reset, a scrub…)."""
        m = self._m
        if m.step is not None:
            self._set(replace(m, snapshot=m.step.after.snapshot, series=m.step.after.series,
                              step=None, substep=-1))

    def refresh(self) -> None:
        """Tell the views to draw the current moment again (precision, theme or language changed)."""
        self.changed.emit(self._m)
