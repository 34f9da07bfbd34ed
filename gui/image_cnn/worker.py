"""The image-CNN tab's worker: owns the ``ImageTrainer`` on its own QThread; the tab only draws.

The play loop is the shared ``ChunkedRunner``'s (gui/training/runner.py); a unit here is ONE
BATCH, so the epoch limit (``cnnEpochLimit``) becomes ``limit · batches per epoch`` units and
a slow speed is batches per second. Frames carry a ``CnnSnapshot`` (frames.py) holding a copy of
the network, never the trained one. Reading a folder of images also happens here, in
time-boxed slices (folder.py), so a 2000-image folder never blocks the window.
``ImageCnnHandle`` (handle.py) is the GUI thread's side.

Frame pacing (issue 15's "fast enough to watch"): a frame of this tab costs the GUI thread far
more than the Network tab's (kernels, feature maps, two pyqtgraph plots, the confusion matrix:
≈ 20–30 ms to draw and paint here), and every view draws every frame, so that all of them show
the same moment. So the worker waits for the GUI's paint (``max_gui_wait_s``; the tab releases
it after the paint, pacing.py) and spaces frames so that building and drawing them take at
most ``GUI_SHARE`` of the time (``_frame_interval``, from the measured costs): training keeps
the rest, and the GUI thread never has to fight the training for the GIL while it paints.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal, Slot

from core.formatting import epoch_text
from core.image_cnn import DIGIT_CLASSES, ImageCNN, ImageTrainer, digits, train_val_split
from gui.image_cnn.folder import FolderReader, scan_folder
from gui.image_cnn.frames import evaluate, internal, make_series, make_snapshot
from gui.image_cnn.steps import build_step
from gui.training.frames import Frame, StepFrame
from gui.training.limits import NO_LIMIT
from gui.training.runner import ChunkedRunner
from gui.widgets.i18n import say_error

translate = QCoreApplication.translate

DEFAULT_LAYERS = ("conv:8:3:1:1", "relu", "maxpool:2", "dense:10")
DEFAULT_SETTINGS = {"optimizer": "adam", "lr": 0.01, "batch_size": 32, "seed": 0}
DEFAULT_EPOCH_LIMIT = 20
DIVERGED = QT_TRANSLATE_NOOP("ImageCnnWorker", "Training has diverged (the loss is no longer a finite "
                             "number): lower η, then press Reset.")  # translated where sent
FOLDER_SLICE_S = 0.008  # decoding per slice; the worker's event loop runs in between
GUI_WAIT_S = 0.25  # hold training this long at most while the GUI draws and paints a frame
GUI_SHARE = 0.4  # frames (built here, drawn there) take at most this share of the time while playing


def digits_data() -> dict:
    """The bundled digits as the tab's data set (split 1437 / 360)."""
    X, y = digits()
    X_tr, y_tr, X_val, y_val = train_val_split(X, y)
    return {"X_train": X_tr, "y_train": y_tr, "X_val": X_val, "y_val": y_val, "class_names": DIGIT_CLASSES,
            "source": "digits", "summary": translate("ImageCnnWorker", "1,797 handwritten digits, 8×8 "
                                                                       "(1,437 training, 360 validation)")}


def fit_layers(layers, n_classes: int) -> list[str]:
    """The layer list with its last ``dense:N`` set to one output per class."""
    out = list(layers)
    if out and out[-1].split(":")[0].strip() == "dense":
        out[-1] = f"dense:{n_classes}"
    return out


class ImageCnnWorker(ChunkedRunner):
    """Trains on its own thread; every slot is meant to be invoked through a queued signal."""

    networkChanged = Signal(object)  # noqa: N815 — {"net", "data", "config"}: a new network or data set
    stepped = Signal(object)  # StepFrame of the 2D step-through
    folderProgress = Signal(int, int)  # noqa: N815 — files decoded, files in all
    folderFailed = Signal(str)  # noqa: N815 — one sentence; the old data set is kept

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.trainer: ImageTrainer | None = None
        self.data = digits_data()
        self.config = {"layers": list(DEFAULT_LAYERS), **DEFAULT_SETTINGS}
        self.epoch_limit = DEFAULT_EPOCH_LIMIT
        self._xv = None
        self._start = None  # (val loss, val acc) of the initial network: the curves' epoch 0
        self._series = None
        self._series_len = -1
        self._reader: FolderReader | None = None
        self._folder_timer = QTimer(self)
        self._folder_timer.setSingleShot(True)
        self._folder_timer.timeout.connect(self._read_folder_slice)
        self.max_gui_wait_s = GUI_WAIT_S
        self.gui_share = GUI_SHARE  # the runner measures gui_cost (_note_gui_cost); this tab's share

    # ------------------------------------------------------------ the runner's questions
    def _ready(self) -> bool:
        return self.trainer is not None

    def _position(self) -> int:
        t = self.trainer
        return t.epoch * t.batches_per_epoch + t.batch

    def _limit(self) -> int:
        if self.epoch_limit >= NO_LIMIT:
            return NO_LIMIT
        return self.epoch_limit * self.trainer.batches_per_epoch

    def _limit_message(self) -> str:
        return self.tr("Reached the epoch limit ({0}).").format(epoch_text(self.epoch_limit))

    def _refused(self) -> str | None:
        return self.tr(DIVERGED) if self.trainer is not None and self.trainer.diverged else None

    def _advance(self, n: int, budget: float | None) -> int:
        deadline = None if budget is None else time.perf_counter() + budget
        return self.trainer.step_batches(n, deadline=deadline)

    def _stop_reason(self, ran: int, n: int) -> str | None:
        return self.tr(DIVERGED) if self.trainer.diverged else None

    # ------------------------------------------------------------ frame pacing
    def _sent(self, now: float | None = None) -> None:
        super()._sent(now)
        self._drawing_since = self._last_emit if self.playing else None  # only frames of a run pace it

    def _chunk_budget(self, now: float) -> float:
        self._note_gui_cost(now)
        return super()._chunk_budget(now)

    def _frame_interval(self) -> float:
        """Seconds between frames: at most ``max_fps``, and building plus drawing them at most
        ``GUI_SHARE`` of the time (the runner's ``FRAME_SHARE`` bound on building still holds)."""
        return max(super()._frame_interval(), (self._frame_cost + self.gui_cost) / self.gui_share)

    def _build_frame(self) -> Frame | None:
        t = self.trainer
        snap = make_snapshot(t.model.copy(), t.epoch, t.batch, self._position(), True, 0, self._xv,
                             self.data["y_val"], t.diverged, self.tr(DIVERGED) if t.diverged else None)
        return Frame(snap, self._curves())

    def _curves(self):
        """The curves when the history has grown (None: as last sent)."""
        h = self.trainer.history
        if len(h) == self._series_len:
            return None
        self._series_len = len(h)
        self._series = make_series(h, self._start)
        return self._series

    # ------------------------------------------------------------ set-up
    @Slot(object)
    def configure(self, config: dict) -> None:
        """A fresh network and trainer from ``config`` (layers, optimizer, lr, batch_size, seed) on the
        current data set; an impossible one is refused with ``error`` and the old one kept."""
        merged = {**self.config, **{k: v for k, v in config.items() if k in self.config}}
        if "epoch_limit" in config:
            self.set_epoch_limit(config["epoch_limit"])
        try:
            trainer = self._make(merged, self.data)
        except ValueError as exc:
            self.error.emit(self.tr("Could not build the network: {0}").format(say_error(exc)))
            return
        self._swap_in(trainer, merged, self.data)

    def _make(self, config: dict, data: dict) -> ImageTrainer:
        model = ImageCNN(data["X_train"].shape[1:], config["layers"], seed=int(config["seed"]))
        if model.n_classes != len(data["class_names"]):
            raise ValueError(self.tr("the last layer {0!r} must have one output per class ({1}: "
                                     "write 'dense:{2}')").format(
                model.layers[-1], len(data['class_names']), len(data['class_names'])))
        return ImageTrainer(model, data["X_train"], data["y_train"], data["X_val"], data["y_val"],
                            optimizer=config["optimizer"], lr=float(config["lr"]),
                            batch_size=int(config["batch_size"]), seed=int(config["seed"]))

    def _swap_in(self, trainer: ImageTrainer, config: dict, data: dict) -> None:
        self._set_playing(False)
        self._run_left = 0
        self.trainer, self.config, self.data = trainer, dict(config), data
        self._xv = internal(trainer.model, data["X_val"])
        self._forget()
        self.networkChanged.emit({"net": trainer.model.copy(), "data": data, "config": dict(config)})
        self._emit_frame(force=True)

    def _forget(self) -> None:
        """A new network, a reset, new data or a run opened from a file: the curves' epoch 0 is the
        initial network's (its snapshot: epoch 0 is always kept; a fresh trainer's is its model)."""
        _, loss, acc, _, _ = evaluate(self.trainer.model_at(0)[1], self._xv, self.data["y_val"])
        self._start = (loss, acc)
        self._series_len = -1

    def _ensure(self) -> ImageTrainer:
        if self.trainer is None:
            self.configure({})
        return self.trainer

    # ------------------------------------------------------------ training commands
    @Slot()
    def play(self) -> None:
        self._ensure()
        self.start_playing()

    @Slot()
    def step_batch(self) -> None:
        """One optimiser step on the next batch (an epoch's end records the history)."""
        t = self._ensure()
        self.pause()
        if self._refuse():
            return
        if self._position() >= self._limit():
            self._emit_frame(force=True)
            self.stopped.emit(self._limit_message())
            return
        self._train(1, None)
        self._emit_frame(force=True)
        if t.diverged:
            self.stopped.emit(self.tr(DIVERGED))

    @Slot()
    def reset(self) -> None:
        """Re-initialise the network from its seed and forget the run (also recovers from divergence)."""
        t = self._ensure()
        self._set_playing(False)
        self._run_left = 0
        t.reset()
        self._forget()
        self._emit_frame(force=True)

    @Slot(int)
    def set_epoch_limit(self, n: int) -> None:
        """Playing stops when the completed epochs reach ``n`` (0: no limit)."""
        n = int(n)
        self.epoch_limit = NO_LIMIT if n <= 0 else n

    @Slot(int)
    def run_epochs_now(self, n: int) -> None:
        """Train ``n`` epochs in one go, then send the frame (screenshots, benchmarks' set-up)."""
        t = self._ensure()
        self._set_playing(False)
        self._run_left = 0
        if n > 0:
            t.run(int(n))
        self._emit_frame(force=True)

    @Slot(int)
    def show_epoch(self, epoch: int) -> None:
        """Time travel: the network as it was after ``epoch`` epochs (the nearest kept snapshot)."""
        t = self._ensure()
        self.pause()
        if epoch >= t.epoch and t.batch == 0:
            self._emit_frame(force=True)
            return
        kept, model = t.model_at(int(epoch))
        snap = make_snapshot(model, kept, 0, kept * t.batches_per_epoch, False, 0, self._xv,
                             self.data["y_val"])
        self._sent()
        self.frameReady.emit(Frame(snap, None))

    @Slot()
    def refresh(self) -> None:
        self._ensure()
        self._emit_frame(force=True)

    # ------------------------------------------------------------ the 2D step-through
    @Slot(object)
    def step_image(self, request: dict) -> None:
        """Build the step-through of one image at the displayed epoch (``request["epoch"]``; None: live).

        ``request``: {"set": "training" | "validation" | "drawn", "index", "epoch", and for a
        drawn image "image" and "label"}.
        """
        t = self._ensure()
        self.pause()
        epoch = request.get("epoch")
        live = epoch is None or (epoch >= t.epoch and t.batch == 0)
        kept, model = (t.epoch, t.model.copy()) if live else t.model_at(int(epoch))
        where, i = request["set"], int(request["index"])
        try:
            if where == "drawn":
                x, label = request["image"], int(request["label"])
            else:
                key = "train" if where == "training" else "val"
                x, label = self.data[f"X_{key}"][i], int(self.data[f"y_{key}"][i])
            step, subs = build_step(model, x, label, where, i, kept, tuple(self.data["class_names"]))
        except (ValueError, IndexError, KeyError) as exc:
            self.error.emit(self.tr("Could not step through that image: {0}").format(say_error(exc)))
            return
        before = make_snapshot(model, kept, t.batch if live else 0, self._position() if live else
                               kept * t.batches_per_epoch, live, i, self._xv, self.data["y_val"])
        self._sent()
        self.stepped.emit(StepFrame(step, subs, before, Frame(before, None), len(subs)))

    # ------------------------------------------------------------ data sets
    @Slot()
    def use_digits(self) -> None:
        self._cancel_reader()
        self._use(digits_data())

    def _use(self, data: dict) -> None:
        config = {**self.config, "layers": fit_layers(self.config["layers"], len(data["class_names"]))}
        try:
            trainer = self._make(config, data)
        except ValueError as exc:  # the layers do not fit the new images: the default net does
            config["layers"] = fit_layers(DEFAULT_LAYERS, len(data["class_names"]))
            try:
                trainer = self._make(config, data)
            except ValueError:
                self.folderFailed.emit(self.tr("No network fits these images: {0}").format(say_error(exc)))
                return
        self._swap_in(trainer, config, data)

    @Slot(str, int, str)
    def open_folder(self, path: str, size: int, colour: str) -> None:
        """Start reading an ImageFolder-style folder; ``folderProgress`` then a new network follow."""
        self.pause()
        self._cancel_reader()
        try:
            self._reader = FolderReader(scan_folder(path), size, colour)
        except ValueError as exc:
            self.folderFailed.emit(say_error(exc))
            return
        self.folderProgress.emit(0, self._reader.total)
        self._folder_timer.start(0)

    @Slot()
    def cancel_folder(self) -> None:
        self._cancel_reader()

    def _cancel_reader(self) -> None:
        self._reader = None
        self._folder_timer.stop()

    def _read_folder_slice(self) -> None:
        reader = self._reader
        if reader is None or self._aborted:
            return
        done = reader.step(FOLDER_SLICE_S)
        self.folderProgress.emit(reader.done, reader.total)
        if not done:
            self._folder_timer.start(1)
            return
        self._reader = None
        try:
            dataset = reader.dataset()
            X_tr, y_tr, X_val, y_val = train_val_split(dataset.X, dataset.y)
        except ValueError as exc:
            warning = reader.skipped and self.tr(" ({0} unreadable file(s) skipped)").format(
                len(reader.skipped))
            self.folderFailed.emit(self.tr("{folder}: {reason}{warning}").format(
                folder=reader.scan.root.name, reason=say_error(exc), warning=warning or ""))
            return
        self._use({"X_train": X_tr, "y_train": y_tr, "X_val": X_val, "y_val": y_val,
                   "class_names": dataset.class_names, "source": str(reader.scan.root),
                   "summary": reader.summary(dataset), "skipped": list(reader.skipped),
                   "X_all": dataset.X, "y_all": dataset.y})
