"""The Network tab's worker: owns the chapter's ``Trainer`` on its own QThread; the GUI only draws.

The play loop, run N, slow motion and the frame handshake are the shared ``ChunkedRunner``'s
(gui/training/runner.py); a unit here is one epoch. Commands arrive as queued slots
(``configure``, ``step_sample``, ``set_weight`` …); results leave as signals carrying immutable
``Frame`` / ``StepFrame`` objects (gui/training/frames.py), which ``WorkerHandle`` relays on
the GUI thread. The file jobs (save, open, export) are in gui/training/files.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal, Slot

from core import Network, Snapshot, Trainer, make_snapshot, snapshot_at_epoch
from core.chapter.stepthrough import substeps_for
from core.datasets import experiment1
from core.formatting import epoch_text
from gui.training.files import FileJobs
from gui.training.frames import Frame, SeriesBuilder, StepFrame, before_snapshot
from gui.training.limits import DEFAULT_EPOCH_LIMIT, NO_LIMIT, epoch_limit_message, limit_from
from gui.training.runner import GUI_WAIT_S, ChunkedRunner
from gui.widgets.i18n import say, say_error

__all__ = ["DEFAULT_EPOCH_LIMIT", "NO_LIMIT", "TrainingWorker", "epoch_limit_message", "limit_from"]

NETWORK_KEYS = ("n_inputs", "kernel_size", "n_kernels", "stride", "padding", "activation", "init",
                "seed", "n_outputs", "output")
DIVERGED = QT_TRANSLATE_NOOP("TrainingWorker", "Training has diverged: lower the learning rate, then press "
                             "Reset.")  # translated where sent


def trainer_from(config: dict) -> Trainer:
    """A fresh Network + Trainer from the experiment panel's config (ValueError if impossible)."""
    X, y = config.get("X"), config.get("y")
    if X is None or y is None:
        X, y = experiment1()
    net_kw = {k: config[k] for k in NETWORK_KEYS if config.get(k) is not None}
    net_kw.setdefault("n_inputs", int(len(X[0])))
    net_kw.setdefault("kernel_size", min(3, net_kw["n_inputs"]))
    net = Network(**net_kw)
    return Trainer(
        net, X, y,
        lr=config.get("lr", 0.2),
        mode=config.get("mode", "batch"),
        optimizer=config.get("optimizer", "gd"),
        batch_size=config.get("batch_size"),
        lr_decay=float(config.get("lr_decay", 1.0) or 1.0),
        dropout=float(config.get("dropout") or 0.0),
    )


class TrainingWorker(ChunkedRunner, FileJobs):
    """Trains on its own thread; every slot is meant to be invoked through a queued signal."""

    stepped = Signal(object)  # StepFrame
    networkChanged = Signal(object)  # noqa: N815 — {"net": Network copy, "X", "y", "config"}
    fileDone = Signal(str, str, object)  # noqa: N815 — kind ("save" | "open" | "csv"), path, details
    undoChanged = Signal(str)  # noqa: N815 — what Undo would bring back ("Apply", "Reset"…), "" for nothing
    undone = Signal(object)  # the config of the network Undo brought back (the panels show it)
    fileFailed = Signal(str, str)  # noqa: N815 — kind, one sentence; nothing has changed
    fileProgress = Signal(str, int, int)  # noqa: N815 — kind ("csv"), rows done, rows in all

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.trainer: Trainer | None = None
        self.config: dict[str, Any] = {}
        self.epoch_limit = DEFAULT_EPOCH_LIMIT
        self.loss_below: float | None = None
        self.stop_callback = None  # the stop panel's conditions (a StopHook), or None
        self._edited = False  # a weight edited by hand since the last configure/reset
        self.sample = 0
        self._series = SeriesBuilder()
        self.pace_by_gui = True  # frames spaced by the window's drawing time; training waits for the paint
        self.max_gui_wait_s = GUI_WAIT_S
        self._undo: tuple | None = None  # (what, trainer, config, limit, loss_below) a command replaced

    # ------------------------------------------------------------ the runner's questions
    def _ready(self) -> bool:
        return self.trainer is not None

    def _position(self) -> int:
        return self.trainer.epoch

    def _limit(self) -> int:
        return self.epoch_limit

    def _limit_message(self) -> str:
        return epoch_limit_message(self.epoch_limit)

    def _refused(self) -> str | None:
        t = self.trainer
        return say(t.stopped_reason or self.tr(DIVERGED)) if t is not None and t.diverged else None

    def _advance(self, n: int, budget: float | None) -> int:
        return self.trainer.run(n, loss_below=self.loss_below, time_budget=budget,
                                callback=self.stop_callback)

    def _stop_reason(self, ran: int, n: int) -> str | None:
        t = self.trainer
        if t.diverged:
            return say(t.stopped_reason or self.tr(DIVERGED))
        if self.loss_below is not None and t.stopped_reason and ran < n:
            return say(t.stopped_reason)
        if self.stop_callback is not None and self.stop_callback.fired:
            return self.stop_callback.take()
        return None

    def _build_frame(self) -> Frame | None:
        return self._frame(self.trainer)

    # ------------------------------------------------------------ set-up
    @Slot(object)
    def configure(self, config: dict) -> None:
        """Build a fresh Network + Trainer from the experiment panel's config; errors keep the old one."""
        try:
            trainer = trainer_from(config)
            limit = limit_from(config.get("epoch_limit"))
            loss_below = config.get("loss_below")
            loss_below = None if loss_below in (None, 0) else float(loss_below)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            self.error.emit(self.tr("Could not apply the settings: {exc}").format(exc=say_error(exc)))
            return
        self._keep_for_undo("Apply")
        self._swap_in(trainer, dict(config), limit, loss_below)

    def _worth_keeping(self) -> bool:
        t = self.trainer
        return t is not None and (t.epoch > 0 or t.mid_epoch or self._edited)

    def _keep_for_undo(self, what: str, copy: bool = False) -> None:
        """Remember the network a command is about to replace, so Edit → Undo can bring it back."""
        if not self._worth_keeping():
            return
        import copy as copying

        t = copying.deepcopy(self.trainer) if copy else self.trainer
        self._undo = (what, t, dict(self.config), self.epoch_limit, self.loss_below)
        self.undoChanged.emit(what)

    @Slot()
    def undo(self) -> None:
        """Bring back the network the last Apply, Reset or shape change replaced (once)."""
        if self._undo is None:
            return
        what, t, config, limit, loss_below = self._undo
        self._undo = None
        self.undoChanged.emit("")
        self._swap_in(t, config, limit, loss_below)
        self.undone.emit(dict(config))

    def _swap_in(self, trainer: Trainer, config: dict, limit: int, loss_below: float | None) -> None:
        self._set_playing(False)
        self._run_left = 0
        self.trainer = trainer
        self.config = config
        self.epoch_limit = limit
        self.loss_below = loss_below
        self.sample = 0
        self.last_step = None
        self._edited = False
        self._series.forget()
        self.networkChanged.emit({"net": trainer.net.copy(), "X": trainer.X.copy(),
                                  "y": trainer.y.copy(), "config": dict(config)})
        self._emit_frame(force=True)

    def _ensure(self) -> Trainer:
        if self.trainer is None:
            self.configure({})
        assert self.trainer is not None
        return self.trainer

    # ------------------------------------------------------------ playing
    @Slot()
    def play(self) -> None:
        """Start training continuously (time-boxed chunks) until paused or stopped."""
        self._ensure()
        self.last_step = None
        self.start_playing()

    @Slot(int)
    def set_epoch_limit(self, n: int) -> None:
        """Playing and Run N stop when the completed epochs reach ``n`` (0: no limit)."""
        try:
            self.epoch_limit = limit_from(n)
        except ValueError as exc:
            text = say_error(exc)
            self.error.emit(self.tr("{0}.").format(text[:1].upper() + text[1:]))

    @Slot(object)
    def set_stop_callback(self, hook) -> None:
        """Arm (or with None disarm) the stop conditions; the next training chunk uses them."""
        self.stop_callback = hook

    @Slot(int)
    def run_epochs(self, n: int) -> None:
        """Run ``n`` more epochs — at most up to the epoch limit — reporting ``progress``."""
        self._ensure()
        self.last_step = None
        self.run_units(n)

    @Slot(int)
    def run_epochs_now(self, n: int) -> None:
        """Run ``n`` epochs in one go, then emit the frame (for screenshots and scripts)."""
        t = self._ensure()
        self.last_step = None
        self._set_playing(False)
        self._run_left = 0
        if n > 0:
            self._train(n, None)
        self._emit_frame(force=True)
        if t.diverged:
            self.stopped.emit(say(t.stopped_reason or self.tr(DIVERGED)))

    # ------------------------------------------------------------ stepping
    @Slot()
    def step_sample(self) -> None:
        """Step one sample forward/backward (and update when its batch completes); emit ``stepped``."""
        t = self._ensure()
        self.pause()
        if self._refuse():
            return
        try:
            result = t.step_sample()
        except (RuntimeError, ValueError, ArithmeticError) as exc:
            self.error.emit(say_error(exc))
            return
        try:
            # Right after the step, while t.net still holds the parameters that pass used.
            subs = substeps_for(t, result)
        except Exception as exc:  # noqa: BLE001 - a teaching aid must not stop training
            self.error.emit(self.tr("Could not build the step-through: {exc}").format(exc=say_error(exc)))
            subs = []
        self._emit_step(t, result, subs, 0, resumed=False)
        if result.get("diverged") or t.diverged:
            self.stopped.emit(say(t.stopped_reason or self.tr(DIVERGED)))

    def _emit_step(self, t: Trainer, result: dict, subs: list, start: int, resumed: bool) -> None:
        self.sample = int(result["sample"])
        after = self._frame(t, step=result)
        if after is None:
            self.error.emit(self.tr("The step's values cannot be shown: they overflow."))
            return
        before = before_snapshot(t, result, after.snapshot)
        self.last_step = result
        self._sent()
        start = max(0, min(int(start), len(subs) - 1))
        self.stepped.emit(StepFrame(result, subs, before, after, max(0, len(subs) - 1), start, resumed))

    def resume_step(self, step: dict, substep: int) -> None:
        """Show a stored step (a reopened workspace) at sub-step ``substep``, as when it was saved."""
        t = self._ensure()
        try:
            subs = substeps_for(t, step)
        except (KeyError, TypeError, ValueError, IndexError):
            return  # a step of another shape: the workspace opens without its step-through
        self._emit_step(t, step, subs, substep, resumed=True)

    @Slot()
    def step_epoch(self) -> None:
        """Finish the current epoch (or run one whole epoch)."""
        t = self._ensure()
        self.last_step = None
        self.pause()
        if self._refuse():
            return
        if not t.step_epoch():
            self._emit_frame(force=True)
            self.stopped.emit(say(t.stopped_reason or self.tr(DIVERGED)))
            return
        self._emit_frame(force=True)

    @Slot()
    def reset(self) -> None:
        """Re-initialise the network from its seed and forget the run (also recovers from divergence)."""
        t = self._ensure()
        self.last_step = None
        self._set_playing(False)
        self._run_left = 0
        self._keep_for_undo("Reset", copy=True)
        t.reset()
        self._edited = False
        self._series.forget()
        self._emit_frame(force=True)

    # ------------------------------------------------------------ editing and viewing
    @Slot(str, float)
    def set_weight(self, name: str, value: float) -> None:
        """Set one parameter by name (the diagram's in-place edit); the views follow at once."""
        t = self._ensure()
        self.last_step = None
        self.pause()
        try:
            t.net.set_params({name: value})
        except ValueError as exc:
            self.error.emit(say_error(exc))
            return
        self._edited = True
        self._emit_frame(force=True)

    @Slot(int)
    def show_epoch(self, epoch: int) -> None:
        """Time travel: the recorded state of the network after ``epoch`` epochs (nearest kept).

        The history's row for epoch e holds the parameters used in epoch e, i.e. the network
        after e − 1 epochs; asking for the last epoch trained shows the live state.
        """
        t = self._ensure()
        self.pause()
        epoch = int(epoch)
        if t.history.n == 0 or (epoch >= t.epoch and not t.mid_epoch):
            self._emit_frame(force=True)
            return
        try:
            snap = snapshot_at_epoch(t, epoch + 1, self.sample)
        except (OverflowError, FloatingPointError, ValueError):
            self.error.emit(self.tr("Epoch {0} cannot be shown: its values overflow.").format(
                epoch_text(epoch)))
            return
        self._sent()
        self.frameReady.emit(Frame(snap, None))

    @Slot(int)
    def set_sample(self, i: int) -> None:
        """Choose which sample the diagram shows."""
        t = self._ensure()
        if not 0 <= i < t.N:
            self.error.emit(self.tr("There is no sample {0}; the data has {1}.").format(i + 1, t.N))
            return
        self.sample = int(i)
        self._emit_frame(force=True)

    @Slot()
    def refresh(self) -> None:
        """Emit the current state and its curves again."""
        self._ensure()
        self._emit_frame(force=True)

    # ------------------------------------------------------------ frames
    def _frame(self, t: Trainer, step: dict | None = None) -> Frame | None:
        snap = self._snapshot(t, step)
        if snap is None:
            return None
        return Frame(snap, self._series.build(t, snap if snap.live else None))

    def _snapshot(self, t: Trainer, step: dict | None) -> Snapshot | None:
        """The live snapshot; after a divergence, the last recorded epoch that can still be shown.

        The core's one-sample pass uses Python floats, which raise OverflowError on the huge
        weights a diverging run leaves behind, so fall back to older recorded rows.
        """
        try:
            return make_snapshot(t, self.sample, step)
        except (OverflowError, FloatingPointError, ValueError):
            pass
        h = t.history
        for row in range(h.n - 1, max(-1, h.n - 50), -1):
            try:
                snap = snapshot_at_epoch(t, int(h.epochs[row]), self.sample)
            except (OverflowError, FloatingPointError, ValueError):
                continue
            return replace(snap, diverged=t.diverged, stopped_reason=t.stopped_reason, live=True)
        return None
