"""The image-CNN tab's own toolbars: training controls, hyper-parameters and the data set.

The tab's actions have their own shortcuts (P play/pause, B step batch, Shift+R reset) in the
``WidgetWithChildrenShortcut`` context: they work only while focus is inside this tab, and never
clash with the Network tab's window-wide Space, → and R.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSlider, QSpinBox, QStyle, QToolBar, QWidget

from core.formatting import fmt
from core.optimizers import OPTIMIZERS
from gui.image_cnn.folder import MAX_SIZE, MIN_SIZE
from gui.image_cnn.worker import DEFAULT_EPOCH_LIMIT, DEFAULT_SETTINGS
from gui.widgets.naming import name

SPEED_STEPS = 24  # the slider's maximum: flat out
SLOWEST, FASTEST = 1.0, 3000.0  # batches per second at the slider's minimum and one notch below flat out


def speed_for_slider(value: int) -> float | None:
    """Slider position → batches per second on a log scale; the maximum is flat out (None)."""
    if value >= SPEED_STEPS:
        return None
    return SLOWEST * (FASTEST / SLOWEST) ** (max(0, value) / (SPEED_STEPS - 1))


def speed_text(bps: float | None) -> str:
    return "flat out" if bps is None else f"{fmt(bps, 2 if bps < 100 else 3)} batches/s"


class CnnToolbars:
    """The actions and fields; the tab connects them (tab.py)."""

    def __init__(self, tab: QWidget) -> None:
        style = tab.style()
        SP = QStyle.StandardPixmap

        def act(obj: str, text: str, key: str, tip: str, icon=None, checkable=False) -> QAction:
            a = QAction(text, tab)
            a.setObjectName(obj)
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.setToolTip(f"{tip} ({key})")
            a.setStatusTip(tip)
            a.setCheckable(checkable)
            if icon is not None:
                a.setIcon(style.standardIcon(icon))
            tab.addAction(a)
            return a

        self.play = act("actionCnnPlay", "Play", "P", "Train continuously; press again to pause",
                        SP.SP_MediaPlay, True)
        self.step_batch = act("actionCnnStepBatch", "Step batch", "B", "Train on one batch of images",
                              SP.SP_MediaSeekForward)
        self.reset = act("actionCnnReset", "Reset", "Shift+R", "New weights from the seed; forget the run",
                         SP.SP_BrowserReload)
        self.open_folder = act("actionCnnOpenFolder", "Open image folder…", "Ctrl+Shift+F",
                               "Train on your own images: a folder with one sub-folder per class",
                               SP.SP_DirOpenIcon)

        self.speed = QSlider(Qt.Orientation.Horizontal)
        name(self.speed, "cnnSpeedControl", "Training speed")
        self.speed.setRange(0, SPEED_STEPS)
        self.speed.setValue(SPEED_STEPS)
        self.speed.setMaximumWidth(120)
        self.speed.setToolTip("Training speed from 1 batch a second (left) to flat out (right).")
        self.speed_label = QLabel(speed_text(None))
        name(self.speed_label, "cnnSpeedLabel", "Speed")
        self.speed_label.setMinimumWidth(self.speed_label.fontMetrics().horizontalAdvance("3000 batches/s"))
        self.epoch_limit = QSpinBox()
        name(self.epoch_limit, "cnnEpochLimit", "Epoch limit")
        self.epoch_limit.setRange(0, 1_000_000)
        self.epoch_limit.setValue(DEFAULT_EPOCH_LIMIT)
        self.epoch_limit.setSpecialValueText("no limit")
        self.epoch_limit.setSuffix(" epochs")
        self.epoch_limit.setKeyboardTracking(False)
        self.epoch_limit.setToolTip("Playing stops after this many epochs (0: no limit).")
        self.optimizer = QComboBox()
        name(self.optimizer, "cnnOptimizer", "Optimiser")
        self.optimizer.addItems(OPTIMIZERS)
        self.optimizer.setCurrentText(DEFAULT_SETTINGS["optimizer"])
        self.lr = QLineEdit(str(DEFAULT_SETTINGS["lr"]))
        name(self.lr, "cnnLearningRate", "Learning rate η")
        self.lr.setMaximumWidth(70)
        self.lr.setToolTip("Learning rate η (a number > 0); Enter applies it and starts again.")
        self.batch_size = QSpinBox()
        name(self.batch_size, "cnnBatchSize", "Batch size")
        self.batch_size.setRange(1, 100_000)
        self.batch_size.setValue(DEFAULT_SETTINGS["batch_size"])
        self.batch_size.setKeyboardTracking(False)
        self.seed = QSpinBox()
        name(self.seed, "cnnSeed", "Seed")
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(DEFAULT_SETTINGS["seed"])
        self.seed.setKeyboardTracking(False)
        self.dataset = QComboBox()
        name(self.dataset, "cnnDataSet", "Data set")
        self.dataset.addItem("Digits (8×8)")
        self.dataset.setToolTip("The bundled handwritten digits, or a folder you opened.")
        self.size = QSpinBox()
        name(self.size, "cnnFolderSize", "Image size for folders")
        self.size.setRange(MIN_SIZE, MAX_SIZE)
        self.size.setValue(28)
        self.size.setSuffix(" px")
        self.size.setToolTip("A folder's images are resized to this many pixels a side.")
        self.colour = QComboBox()
        name(self.colour, "cnnFolderColour", "Colour for folders")
        self.colour.addItems(["auto", "grey", "rgb"])
        self.colour.setToolTip("A folder's images as greyscale or RGB (auto: RGB if any has colour).")

    def build(self) -> tuple[QToolBar, QToolBar]:
        run = QToolBar("CNN training")
        name(run, "cnnToolBar", "CNN training toolbar")
        run.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.play, self.step_batch, self.reset):
            run.addAction(a)
        run.addSeparator()
        fields = ((" Speed ", self.speed), (None, self.speed_label), (" Stop after ", self.epoch_limit),
                  (" Optimiser ", self.optimizer), (" η ", self.lr), (" Batch ", self.batch_size),
                  (" Seed ", self.seed))
        for caption, w in fields:
            if caption:
                run.addWidget(QLabel(caption))
            run.addWidget(w)
        data = QToolBar("CNN data")
        name(data, "cnnDataToolBar", "CNN data toolbar")
        data.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        data.addWidget(QLabel(" Data set "))
        data.addWidget(self.dataset)
        data.addAction(self.open_folder)
        data.addWidget(QLabel(" size "))
        data.addWidget(self.size)
        data.addWidget(QLabel(" colour "))
        data.addWidget(self.colour)
        return run, data

    def set_playing(self, on: bool) -> None:
        """Reflect the worker's playing state without sending a command back."""
        self.play.blockSignals(True)
        self.play.setChecked(on)
        self.play.blockSignals(False)
        self.play.setText("Pause" if on else "Play")
        sp = QStyle.StandardPixmap
        self.play.setIcon(self.speed.style().standardIcon(sp.SP_MediaPause if on else sp.SP_MediaPlay))

    def learning_rate(self) -> float:
        """η from its field; ValueError with a sentence when it is not a number > 0."""
        text = self.lr.text().strip().replace("−", "-")
        try:
            v = float(text)
        except ValueError:
            raise ValueError(f"η: {text!r} is not a number") from None
        if not math.isfinite(v) or v <= 0:
            raise ValueError("η must be a finite number > 0")
        return v
