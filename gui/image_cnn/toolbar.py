"""The image-CNN tab's own toolbars: training controls, hyper-parameters and the data set.

The tab's actions have their own shortcuts (P play/pause, B step batch, Shift+R reset) in the
``WidgetWithChildrenShortcut`` context: they work only while focus is inside this tab, and never
clash with the Network tab's window-wide Space, → and R.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSlider, QSpinBox, QStyle, QToolBar, QWidget

from core.formatting import fmt
from core.optimizers import OPTIMIZERS
from gui.image_cnn.folder import MAX_SIZE, MIN_SIZE
from gui.image_cnn.worker import DEFAULT_EPOCH_LIMIT, DEFAULT_SETTINGS
from gui.widgets.choices import choose, fill_choices
from gui.widgets.naming import name

translate = QCoreApplication.translate

SPEED_STEPS = 24  # the slider's maximum: flat out
SLOWEST, FASTEST = 1.0, 3000.0  # batches per second at the slider's minimum and one notch below flat out


def speed_for_slider(value: int) -> float | None:
    """Slider position → batches per second on a log scale; the maximum is flat out (None)."""
    if value >= SPEED_STEPS:
        return None
    return SLOWEST * (FASTEST / SLOWEST) ** (max(0, value) / (SPEED_STEPS - 1))


def speed_text(bps: float | None) -> str:
    if bps is None:
        return translate("CnnToolbars", "flat out")
    return translate("CnnToolbars", "{0} batches/s").format(fmt(bps, 2 if bps < 100 else 3))


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

        self.play = act("actionCnnPlay", translate("CnnToolbars", "Play"), "P",
                        translate("CnnToolbars", "Train continuously; press again to pause"),
                        SP.SP_MediaPlay, True)
        self.step_batch = act("actionCnnStepBatch", translate("CnnToolbars", "Step batch"), "B",
                              translate("CnnToolbars", "Train on one batch of images"),
                              SP.SP_MediaSeekForward)
        self.reset = act("actionCnnReset", translate("CnnToolbars", "Reset"), "Shift+R",
                         translate("CnnToolbars", "New weights from the seed; forget the run"),
                         SP.SP_BrowserReload)
        self.open_folder = act("actionCnnOpenFolder", translate("CnnToolbars", "Open image folder…"),
                               "Ctrl+Shift+F", translate("CnnToolbars", "Train on your own images: a folder "
                                                         "with one sub-folder per class"), SP.SP_DirOpenIcon)

        self.speed = QSlider(Qt.Orientation.Horizontal)
        name(self.speed, "cnnSpeedControl", translate("CnnToolbars", "Training speed"))
        self.speed.setRange(0, SPEED_STEPS)
        self.speed.setValue(SPEED_STEPS)
        self.speed.setMaximumWidth(120)
        self.speed.setToolTip(translate("CnnToolbars", "Training speed from 1 batch a second (left) to "
                                                       "flat out (right)."))
        self.speed_label = QLabel(speed_text(None))
        name(self.speed_label, "cnnSpeedLabel", translate("CnnToolbars", "Speed"))
        self.speed_label.setMinimumWidth(self.speed_label.fontMetrics().horizontalAdvance("3000 batches/s"))
        self.epoch_limit = QSpinBox()
        name(self.epoch_limit, "cnnEpochLimit", translate("CnnToolbars", "Epoch limit"))
        self.epoch_limit.setRange(0, 1_000_000)
        self.epoch_limit.setValue(DEFAULT_EPOCH_LIMIT)
        self.epoch_limit.setSpecialValueText(translate("CnnToolbars", "no limit"))
        self.epoch_limit.setSuffix(translate("CnnToolbars", " epochs"))
        self.epoch_limit.setKeyboardTracking(False)
        self.epoch_limit.setToolTip(translate("CnnToolbars", "Playing stops after this many epochs (0: no "
                                                             "limit)."))
        self.optimizer = QComboBox()
        name(self.optimizer, "cnnOptimizer", translate("CnnToolbars", "Optimiser"))
        fill_choices(self.optimizer, OPTIMIZERS)
        choose(self.optimizer, DEFAULT_SETTINGS["optimizer"])
        self.lr = QLineEdit(str(DEFAULT_SETTINGS["lr"]))
        name(self.lr, "cnnLearningRate", translate("CnnToolbars", "Learning rate η"))
        self.lr.setMaximumWidth(70)
        self.lr.setToolTip(translate("CnnToolbars", "Learning rate η (a number > 0); Enter applies it and "
                                                    "starts again."))
        self.batch_size = QSpinBox()
        name(self.batch_size, "cnnBatchSize", translate("CnnToolbars", "Batch size"))
        self.batch_size.setRange(1, 100_000)
        self.batch_size.setValue(DEFAULT_SETTINGS["batch_size"])
        self.batch_size.setKeyboardTracking(False)
        self.seed = QSpinBox()
        name(self.seed, "cnnSeed", translate("CnnToolbars", "Seed"))
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(DEFAULT_SETTINGS["seed"])
        self.seed.setKeyboardTracking(False)
        self.dataset = QComboBox()
        # Grows with a folder's name ("shapes (16×16)"), not just the first entry's width.
        self.dataset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        name(self.dataset, "cnnDataSet", translate("CnnToolbars", "Data set"))
        self.dataset.addItem(translate("CnnToolbars", "Digits (8×8)"))
        self.dataset.setToolTip(translate("CnnToolbars", "The bundled handwritten digits, or a folder you "
                                                         "opened."))
        self.size = QSpinBox()
        name(self.size, "cnnFolderSize", translate("CnnToolbars", "Image size for folders"))
        self.size.setRange(MIN_SIZE, MAX_SIZE)
        self.size.setValue(28)
        self.size.setSuffix(translate("CnnToolbars", " px"))
        self.size.setToolTip(translate("CnnToolbars", "A folder's images are resized to this many pixels "
                                                      "a side."))
        self.colour = QComboBox()
        name(self.colour, "cnnFolderColour", translate("CnnToolbars", "Colour for folders"))
        fill_choices(self.colour, ["auto", "grey", "rgb"])
        self.colour.setToolTip(translate("CnnToolbars", "A folder's images as greyscale or RGB (auto: RGB "
                                                        "if any has colour)."))

    def build(self) -> tuple[QToolBar, QToolBar]:
        run = QToolBar(translate("CnnToolbars", "CNN training"))
        name(run, "cnnToolBar", translate("CnnToolbars", "CNN training toolbar"))
        run.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.play, self.step_batch, self.reset):
            run.addAction(a)
        run.addSeparator()
        fields = ((translate("CnnToolbars", " Speed "), self.speed), (None, self.speed_label),
                  (translate("CnnToolbars", " Stop after "), self.epoch_limit),
                  (translate("CnnToolbars", " Optimiser "), self.optimizer), (" η ", self.lr),
                  (translate("CnnToolbars", " Batch "), self.batch_size),
                  (translate("CnnToolbars", " Seed "), self.seed))
        for caption, w in fields:
            if caption:
                run.addWidget(QLabel(caption))
            run.addWidget(w)
        data = QToolBar(translate("CnnToolbars", "CNN data"))
        name(data, "cnnDataToolBar", translate("CnnToolbars", "CNN data toolbar"))
        data.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        data.addWidget(QLabel(translate("CnnToolbars", " Data set ")))
        data.addWidget(self.dataset)
        data.addAction(self.open_folder)
        data.addWidget(QLabel(translate("CnnToolbars", " size ")))
        data.addWidget(self.size)
        data.addWidget(QLabel(translate("CnnToolbars", " colour ")))
        data.addWidget(self.colour)
        return run, data

    def set_playing(self, on: bool) -> None:
        """Reflect the worker's playing state without sending a command back."""
        self.play.blockSignals(True)
        self.play.setChecked(on)
        self.play.blockSignals(False)
        self.play.setText(translate("CnnToolbars", "Pause") if on else translate("CnnToolbars", "Play"))
        sp = QStyle.StandardPixmap
        self.play.setIcon(self.speed.style().standardIcon(sp.SP_MediaPause if on else sp.SP_MediaPlay))

    def learning_rate(self) -> float:
        """η from its field; ValueError with a sentence when it is not a number > 0."""
        text = self.lr.text().strip().replace("−", "-")
        try:
            v = float(text)
        except ValueError:
            raise ValueError(translate("CnnToolbars", "η: {text!r} is not a number").format(
                text=text)) from None
        if not math.isfinite(v) or v <= 0:
            raise ValueError(translate("CnnToolbars", "η must be a finite number > 0"))
        return v
