"""``ImageCnnTab`` (objectName ``imageCnnTab``): the "CNN on images" tab, its toolbars and views.

Data flows one way, as on the Network tab: worker (its own thread) → ``ImageCnnHandle`` (relays on
the GUI thread) → the tab's own ``MomentModel`` (what the tab shows now) → every view, which only
draws. Commands flow back as calls on the handle; the step-through moves through the moment
model. The tab keeps no training state of its own; its views draw the snapshot's copy of the
network, never the one the worker trains.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QProgressBar,
    QPushButton,
    QWidget,
)

from core.formatting import epoch_text, fmt
from gui.image_cnn.architecture import ArchitectureView, LayerEditor
from gui.image_cnn.canvas import DrawCanvas, ProbabilityBars
from gui.image_cnn.curves import CurvesView
from gui.image_cnn.data_view import DataPreview
from gui.image_cnn.errors import ConfusionView, MisclassifiedGallery
from gui.image_cnn.feature_maps import FeatureMapsView
from gui.image_cnn.filters import FiltersView
from gui.image_cnn.handle import ImageCnnHandle
from gui.image_cnn.pacing import PaintPacer
from gui.image_cnn.panels import build_panels
from gui.image_cnn.steps import set_label
from gui.image_cnn.stepthrough import StepThroughView
from gui.image_cnn.toolbar import CnnToolbars, speed_for_slider, speed_text
from gui.image_cnn.workspace import CnnWorkspace
from gui.image_lab.looks import style_error
from gui.training.moment import Moment, MomentModel
from gui.widgets.choices import choose
from gui.widgets.i18n import say, say_error
from gui.widgets.naming import name
from gui.widgets.splitter_room import make_room
from gui.widgets.text_line import TextLine


class ImageCnnTab(QWidget):
    """Toolbars on top; architecture and canvas | kernels, feature maps, step-through | curves, errors."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "imageCnnTab", self.tr("CNN on images"))
        self.handle = ImageCnnHandle(self)
        self.moment = MomentModel(self)
        self.data: dict | None = None
        self.frames_drawn = 0
        self.bar = CnnToolbars(self)
        run_bar, data_bar = self.bar.build()
        self.architecture = ArchitectureView()
        self.editor = LayerEditor()
        self.canvas = DrawCanvas()
        self.clear_button = QPushButton(self.tr("Clear (Delete)"))
        name(self.clear_button, "cnnClearCanvas", self.tr("Clear the canvas"))
        self.probabilities = ProbabilityBars()
        self.filters = FiltersView()
        self.feature_maps = FeatureMapsView()
        self.stepthrough = StepThroughView()
        self.curves = CurvesView()
        self.confusion = ConfusionView()
        self.gallery = MisclassifiedGallery()
        self.data_preview = DataPreview()
        self.status = TextLine("")
        name(self.status, "cnnStatus", self.tr("CNN status"))
        self.message = TextLine("")
        name(self.message, "cnnMessage", self.tr("CNN message"))
        self.folder_progress = QProgressBar()
        name(self.folder_progress, "cnnFolderProgress", self.tr("Reading the folder"))
        self.folder_progress.hide()
        self.pacer = PaintPacer(self, self.handle.frame_drawn)  # the worker waits for the paint
        build_panels(self, run_bar, data_bar)
        self._connect()
        self.workspace = CnnWorkspace(self)  # saved and restored on the worker's thread (workspace.py)
        self.handle.configure({})

    # ------------------------------------------------------------------ layout
    def _connect(self) -> None:
        b, h, m = self.bar, self.handle, self.moment
        b.play.toggled.connect(self.on_play_toggled)
        b.step_batch.triggered.connect(self.step_batch)
        b.reset.triggered.connect(self.reset)
        b.open_folder.triggered.connect(self.ask_folder)
        b.speed.valueChanged.connect(self.on_speed)
        b.epoch_limit.valueChanged.connect(h.set_epoch_limit)
        b.optimizer.currentIndexChanged.connect(self.apply_settings)
        b.lr.editingFinished.connect(self.apply_settings)
        b.batch_size.valueChanged.connect(self.apply_settings)
        b.seed.valueChanged.connect(self.apply_settings)
        b.dataset.activated.connect(self.on_dataset_chosen)
        self.editor.applied.connect(self.apply_layers)
        self.curves.epochScrubbed.connect(self.on_scrubbed)
        self.filters.weightPicked.connect(self.stepthrough.pick_weight)
        self.gallery.imagePicked.connect(self.show_validation_image)
        self.canvas.drawn.connect(self.on_drawn)
        self.clear_button.clicked.connect(self.canvas.clear)
        st = self.stepthrough
        st.startRequested.connect(self.start_stepthrough)
        st.nextRequested.connect(m.next_substep)
        st.backRequested.connect(m.previous_substep)
        st.leaveRequested.connect(m.end_stepping)
        h.networkChanged.connect(m.on_network)
        h.frameReady.connect(m.on_frame)
        h.stepped.connect(m.on_step)
        h.playingChanged.connect(self.on_playing_changed)
        h.stopped.connect(self.on_stopped)
        h.error.connect(self.show_error)
        h.folderProgress.connect(self.on_folder_progress)
        h.folderFailed.connect(self.on_folder_failed)
        m.networkChanged.connect(self.on_network)
        m.changed.connect(self.on_moment)
        h.set_epoch_limit(b.epoch_limit.value())

    # ------------------------------------------------------------------ commands
    @Slot(bool)
    def on_play_toggled(self, on: bool) -> None:
        if on:
            self.moment.end_stepping()
            self.handle.play()
        else:
            self.handle.pause()

    def _pause_if_playing(self) -> None:
        if self.bar.play.isChecked():
            self.bar.set_playing(False)
            self.handle.pause()

    def step_batch(self) -> None:
        self._pause_if_playing()
        self.moment.end_stepping()
        self.handle.step_batch()

    def reset(self) -> None:
        self._pause_if_playing()
        self.moment.end_stepping()
        self.show_message("")
        self.handle.reset()

    @Slot(int)
    def on_speed(self, value: int) -> None:
        bps = speed_for_slider(value)
        self.bar.speed_label.setText(speed_text(bps))
        self.handle.set_speed(bps)

    def settings(self) -> dict:
        """The toolbar's hyper-parameters (ValueError with a sentence for a bad η)."""
        b = self.bar
        return {"optimizer": b.optimizer.currentData(), "lr": b.learning_rate(),
                "batch_size": b.batch_size.value(), "seed": b.seed.value()}

    def apply_settings(self) -> None:
        """A changed optimiser, η, batch size or seed: the network starts again with them."""
        try:
            config = self.settings()
        except ValueError as exc:
            self.show_error(say_error(exc))
            style_error(self.bar.lr)
            return
        self.bar.lr.setStyleSheet("")
        current = self.moment.moment.net
        if current is not None and config == {k: self._config.get(k) for k in config}:
            return
        self._pause_if_playing()
        self.moment.end_stepping()
        self.show_message(self.tr("New settings: training starts again from new weights."))
        self.handle.configure(config)

    def apply_layers(self, layers: list) -> None:
        self._pause_if_playing()
        self.moment.end_stepping()
        self.show_message(self.tr("New layers: training starts again from new weights."))
        self.handle.configure({"layers": list(layers)})

    @Slot(int)
    def on_scrubbed(self, epoch: int) -> None:
        self._pause_if_playing()
        self.moment.end_stepping()
        self.handle.show_epoch(epoch)

    def on_dataset_chosen(self, index: int) -> None:
        if index == 0:
            self._pause_if_playing()
            self.moment.end_stepping()
            self.handle.use_digits()
        elif self.data is not None and self.bar.dataset.itemData(index):
            self.open_folder(self.bar.dataset.itemData(index))

    def ask_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a folder of images (one sub-folder "
                                                              "per class)"))
        if path:
            self.open_folder(path)

    def open_folder(self, path: str | Path) -> None:
        """Read an ImageFolder-style folder on the worker thread; the data set changes when it is read."""
        self._pause_if_playing()
        self.moment.end_stepping()
        self.show_message(self.tr("Reading {0} …").format(Path(path).name))
        self.handle.open_folder(str(path), self.bar.size.value(), self.bar.colour.currentData())

    def start_stepthrough(self) -> None:
        """Step the image picked in Feature maps through the network shown now."""
        self._pause_if_playing()
        where, index = self.feature_maps.current()
        m = self.moment.moment
        request = {"set": where, "index": index, "epoch": None if m.live else m.epoch}
        if where == "drawn":
            x = self.canvas.to_input()
            if x is None or m.snapshot is None:
                self.show_error(self.tr("Draw a digit on the canvas first, or pick a training or "
                                        "validation image."))
                return
            request.update(image=x, label=int(np.argmax(m.snapshot.model.predict(x[None])[0])))
        self.centre_tabs.setCurrentIndex(1)
        self.handle.step_image(request)

    def show_validation_image(self, index: int) -> None:
        self.feature_maps.pick("validation", index)
        self.centre_tabs.setCurrentIndex(0)

    def on_drawn(self, x) -> None:
        if x is not None and self.feature_maps.current()[0] != "drawn":
            self.feature_maps.pick("drawn", 0)
        self.feature_maps.set_drawn(x)
        self._classify_drawing()

    def _classify_drawing(self) -> None:
        snap = self.moment.moment.snapshot
        x = self.canvas.to_input()
        names = self.data["class_names"] if self.data else ()
        if snap is None or x is None or x.shape != tuple(snap.model.input_shape):
            self.probabilities.set_probabilities(None, names)
            return
        self.probabilities.set_probabilities(snap.model.predict(x[None])[0], names)

    # ------------------------------------------------------------------ answers
    @Slot(bool)
    def on_playing_changed(self, on: bool) -> None:
        self.bar.set_playing(on)
        self.moment.set_playing(on)

    @Slot(str)
    def on_stopped(self, reason: str) -> None:
        self.bar.set_playing(False)
        self.moment.set_playing(False)
        self.show_message(reason, error="diverged" in reason)

    @Slot(str)
    def show_error(self, message: str) -> None:
        self.show_message(message, error=True)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        if error:
            style_error(self.message)
        else:
            self.message.setStyleSheet("")

    @Slot(int, int)
    def on_folder_progress(self, done: int, total: int) -> None:
        self.folder_progress.setRange(0, max(1, total))
        self.folder_progress.setValue(done)
        self.folder_progress.setFormat(self.tr("Reading images: {done:,} of {total:,}").format(
            done=done, total=total))
        self.folder_progress.setVisible(done < total)

    @Slot(str)
    def on_folder_failed(self, message: str) -> None:
        self.folder_progress.hide()
        self.show_error(message)
        self.bar.dataset.setCurrentIndex(self._dataset_index())

    def _dataset_index(self) -> int:
        src = (self.data or {}).get("source", "digits")
        return 0 if src == "digits" else max(0, self.bar.dataset.findData(src))

    @Slot(object)
    def on_network(self, info: dict) -> None:
        """A new network or data set: every view rebuilds its items for it."""
        model, data, self._config = info["net"], info["data"], dict(info["config"])
        self.data = data
        self.architecture.set_network(model)
        self.editor.n_classes = model.n_classes
        self.editor.set_layers(model.layers, model.input_shape)
        self.filters.set_network(model)
        self.feature_maps.set_data(data, model)
        self._fit_hover_box()
        self.data_preview.set_data(data)
        self.stepthrough.weight = None
        if data["source"] == "digits":
            self.canvas.configure_digits()
        else:
            self.canvas.configure_for(model.input_shape, data["X_train"])
            folder = Path(data["source"])
            if self.bar.dataset.findData(str(folder)) < 0:
                self.bar.dataset.addItem(f"{folder.name} ({model.input_shape[0]}×{model.input_shape[1]})",
                                         str(folder))
            self.show_message(say(data["summary"]), error=bool(data.get("skipped")))
            self.folder_progress.hide()
        self.canvas.setToolTip(self.tr("Draw with the left mouse button; Delete, Backspace or C clears."))
        self.probabilities.set_probabilities(None, data["class_names"])
        self.bar.dataset.setCurrentIndex(self._dataset_index())
        self.bar.optimizer.blockSignals(True)
        choose(self.bar.optimizer, self._config["optimizer"])
        self.bar.optimizer.blockSignals(False)

    _config: dict = {}

    def _fit_hover_box(self) -> None:
        """Grow the hovered cell's box to this network's longest sum (at most half the page); a box
        already tall enough keeps the height the learner gave it."""
        make_room(self.maps_split, self.feature_maps.hover_box.sizeHint().height())

    @Slot(object)
    def on_moment(self, m: Moment) -> None:
        """Draw the displayed moment in every visible view; the next frame comes once it is painted."""
        self.frames_drawn += 1
        self.status.setText(self.status_text(m))
        if self.isVisible():
            self._draw(m)
        self.pacer.drawn()

    def _draw(self, m: Moment) -> None:
        """Every view draws the same moment: the whole frame, never one view on its own. While
        playing, the worker paces the frames (worker.py: a few a second, by what they cost)."""
        snap = m.snapshot
        self.stepthrough.show_moment(m)
        if snap is not None:
            self.filters.show_model(snap.model)
            self.feature_maps.show_model(snap.model)
            self._classify_drawing()
        self._draw_slow(m)

    def _draw_slow(self, m: Moment | None = None) -> None:
        m = self.moment.moment if m is None else m
        self.curves.show_moment(m)
        snap = m.snapshot
        if snap is not None and self.data is not None:
            self.confusion.set_matrix(snap.confusion, self.data["class_names"])
            self.gallery.set_wrong(snap, self.data["X_val"], self.data["y_val"], self.data["class_names"])

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._draw(self.moment.moment)

    def status_text(self, m: Moment) -> str:
        """'Epoch 3 + 12 batches · validation loss 0.1234 · 147 steps' (or '(recorded)')."""
        s = m.snapshot
        if s is None:
            return self.tr("Building the network …")
        text = self.tr("Epoch {0}").format(epoch_text(s.epoch))
        if not s.live:
            text += self.tr(" (recorded)")
        elif s.batch:
            text += self.tr(" + {0} batches").format(epoch_text(s.batch))
        text += self.tr(" · validation loss {0} · {1} steps").format(fmt(s.loss), epoch_text(s.steps))
        if m.stepping:
            text += self.tr(" · stepping image {n} ({set})").format(n=m.step.step["sample"] + 1,
                                                                   set=set_label(m.step.step["set"]))
        return text

    def shutdown(self) -> None:
        """Stop the training thread (safe to call twice)."""
        self.handle.shutdown()
