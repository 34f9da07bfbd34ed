"""The experiment form: which data, and the training settings, validated before anything runs.

The panel holds only the user's choices; it emits ``applyRequested(config)`` with a
checked dict and the window rebuilds the trainer from it. Bad entries are refused
at the field with a reason in red under it (and Apply is disabled), never by an
exception reaching the user. The data preview is drawn the way the chapter draws
its 1D images: each image a line over x = 1…n.
"""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import ACTIVATIONS, MODES, OPTIMIZERS
from core.chapter.network import INITS
from core.chapter.trainer import MAX_LR
from core.datasets.chapter import CHAPTER_DATA_SEED
from gui.network.panels.data_rows import DataRows
from gui.widgets.choices import fill_choices
from gui.widgets.form_rows import add_checked_row, parse_number
from gui.widgets.i18n import say_error

translate = QCoreApplication.translate

# The network's shape (set by the shape editor through ``set_shape``); the chapter's by default.
SHAPE_KEYS = ("n_inputs", "kernel_size", "n_kernels", "stride", "padding")
CHAPTER_SHAPE = {"n_inputs": 5, "kernel_size": 3, "n_kernels": 1, "stride": 1, "padding": 0, "dropout": 0.0}
N_CLASSES = 3
CLASS_COUNT = 30  # images drawn when "3 classes" is first chosen (ten per class on average)
MAX_EPOCHS = 10_000_000


def parse_lr(text: str) -> float:
    """The learning rate η: a number in (0, MAX_LR]; the reason otherwise."""
    v = parse_number(text, translate("ExperimentPanel", "learning rate"))
    if v <= 0:
        raise ValueError(translate("ExperimentPanel", "learning rate: must be greater than 0"))
    if v > MAX_LR:
        raise ValueError(translate("ExperimentPanel", "learning rate: at most {MAX_LR:g}").format(
            MAX_LR=MAX_LR))
    return v


class ExperimentPanel(QWidget, DataRows):
    """Experiment selector, data preview and training settings; emits ``applyRequested(dict)``."""

    applyRequested = Signal(dict)  # noqa: N815 — the validated config (see ``config()``)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentPanel")
        self._errors: dict[str, QLabel] = {}
        self._csv_path: str | None = None
        self._csv_data: tuple[np.ndarray, np.ndarray] | None = None
        self._shape: dict = dict(CHAPTER_SHAPE)
        self._last_exp = None

        inner = QWidget()
        form = QFormLayout(inner)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setContentsMargins(4, 4, 4, 4)
        self.form = form

        self._build_data_rows()

        # --- training
        self.lr = QLineEdit("0.2")
        self.lr.setObjectName("learningRate")
        self._row(self.tr("Learning rate η"), self.lr, "lr", self.tr("Step size η of gradient descent: > 0 "
                                                            "and ≤ {MAX_LR:g}.").format(
            MAX_LR=MAX_LR))
        self.epoch_limit = QSpinBox()
        self.epoch_limit.setObjectName("epochLimit")
        self.epoch_limit.setRange(0, MAX_EPOCHS)
        self.epoch_limit.setValue(1000)
        self.epoch_limit.setGroupSeparatorShown(True)
        self.epoch_limit.setSpecialValueText(self.tr("no limit"))
        self._row(self.tr("Epoch limit"), self.epoch_limit, "epoch_limit",
                  self.tr("Training pauses after this many epochs (0 = no limit); the chapter runs 1000."))
        self.seed = QSpinBox()
        self.seed.setObjectName("initSeed")
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(13)
        self._row(self.tr("Weight seed"), self.seed, "seed",
                  self.tr("Seed of the initial weights (13 gives the chapter's)."))
        self.mode = self._combo(MODES, "trainingMode")
        self._row(self.tr("Mode"), self.mode, "mode",
                  self.tr("batch: update once per epoch on the mean gradient (chapter); sgd: after every "
                          "sample; minibatch: after every batch."))
        self.batch_size = QSpinBox()
        self.batch_size.setObjectName("batchSize")
        self.batch_size.setRange(1, 1_000_000)
        self.batch_size.setValue(4)
        self._row(self.tr("Batch size"), self.batch_size, "batch_size",
                  self.tr("Samples per update in minibatch mode."))
        self.optimizer = self._combo(OPTIMIZERS, "optimizer")
        self._row(self.tr("Optimiser"), self.optimizer, "optimizer",
                  self.tr("gd: plain gradient descent (chapter); momentum and adam: the refinements it "
                          "names."))
        self.init = self._combo(INITS, "initialiser")
        self._row(self.tr("Initialiser"), self.init, "init",
                  self.tr("chapter: its uniform draws; xavier/he: the Glorot and He uniform schemes."))
        self.activation = self._combo(ACTIVATIONS, "activation")
        self._row(self.tr("Activation"), self.activation, "activation",
                  self.tr("The feature-map nodes' activation (the chapter uses sigmoid)."))
        self.lr_decay = QLineEdit("1")
        self.lr_decay.setObjectName("lrDecay")
        self._row(self.tr("η decay / epoch"), self.lr_decay, "lr_decay",
                  self.tr("Multiply η by this after every epoch: 1 = no decay, e.g. 0.999 for a slow decay."))

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setObjectName("applyExperiment")
        self.apply_button.setToolTip(self.tr("Check the settings and restart training with them (or press "
                                             "Enter)."))
        self.apply_button.clicked.connect(self.apply)
        self.status = QLabel("")
        self.status.setObjectName("experimentStatus")
        self.status.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.status)
        lay.addWidget(self.apply_button)

        for w in (self.x_edit, self.y_edit, self.lr, self.lr_decay):
            w.textChanged.connect(self._revalidate)
            w.returnPressed.connect(self.apply)
        for sb in (self.data_seed, self.count, self.epoch_limit, self.seed, self.batch_size):
            sb.valueChanged.connect(self._revalidate)
        self.noise.valueChanged.connect(self._revalidate)
        for cb in (self.experiment, self.mode, self.optimizer, self.init, self.activation):
            cb.currentIndexChanged.connect(self._revalidate)
        self._revalidate()

    # ------------------------------------------------------------ building
    def _combo(self, names, object_name: str) -> QComboBox:
        cb = QComboBox()
        cb.setObjectName(object_name)
        fill_choices(cb, names)
        return cb

    def _row(self, label: str, field: QWidget, key: str, tip: str) -> tuple[QLabel, QWidget]:
        """A form row: the field with a (hidden until needed) red reason under it."""
        return add_checked_row(self.form, self, label, field, key, tip, self._errors)

    def _show_row(self, row: tuple[QLabel, QWidget], on: bool) -> None:
        row[0].setVisible(on)
        row[1].setVisible(on)

    # ----------------------------------------------------------- validation
    def _set_error(self, key: str, message: str) -> None:
        label = self._errors[key]
        label.setText(message)
        label.setVisible(bool(message))

    def config(self) -> dict:
        """The current settings, validated; ValueError with the first reason otherwise."""
        self._key = "experiment"
        X, y = self._data()
        self._key = "lr"
        lr = parse_lr(self.lr.text())
        self._key = "lr_decay"
        decay = parse_number(self.lr_decay.text(), self.tr("η decay"))
        if not 0 < decay <= 1:
            raise ValueError(self.tr("η decay: must be in (0, 1]; 1 means no decay"))
        mode = self.mode.currentData()
        self._key = "batch_size"
        batch = self.batch_size.value() if mode == "minibatch" else None
        if batch is not None and batch > X.shape[0]:
            raise ValueError(self.tr("batch size: at most the {0} samples of the data").format(X.shape[0]))
        exp = self.experiment.currentData()
        classes = exp == "classes"
        return {
            **{k: int(self._shape[k]) for k in SHAPE_KEYS},
            "n_outputs": N_CLASSES if classes else 1,
            "output": "softmax" if classes else "linear",
            "dropout": float(self._shape.get("dropout") or 0.0),
            "experiment": exp,
            "X": np.array(X, dtype=float),
            "y": np.array(y, dtype=float),
            "lr": lr,
            "epoch_limit": self.epoch_limit.value(),
            "seed": self.seed.value(),
            "mode": mode,
            "batch_size": batch,
            "optimizer": self.optimizer.currentData(),
            "init": self.init.currentData(),
            "activation": self.activation.currentData(),
            "lr_decay": decay,
            "data_seed": self.data_seed.value(),
            "noise": float(self.noise.value()),
            "count": self.count.value(),
            "csv_path": self._csv_path if exp == "csv" else None,
        }

    def _revalidate(self, *_args) -> None:
        """Re-check after every edit: show each field's reason, the data preview, enable Apply."""
        exp = self.experiment.currentData()
        self._show_row(self.x_row, exp == "1")
        self._show_row(self.y_row, exp == "1")
        for row in (self.data_seed_row, self.noise_row, self.count_row):
            self._show_row(row, exp in ("synthetic", "classes"))
        if exp == "classes" and self._last_exp != "classes" and self.count.value() == 10:
            self.count.blockSignals(True)
            self.count.setValue(CLASS_COUNT)  # three classes need more than the chapter's ten images
            self.count.blockSignals(False)
        self._last_exp = exp
        self._show_row(self.csv_row, exp == "csv")
        self.batch_size.setEnabled(self.mode.currentData() == "minibatch")
        for key in self._errors:
            if key != "csv":  # a CSV load error stays until the next load succeeds
                self._set_error(key, "")
        reasons = []
        # check each field on its own so every wrong field shows its reason at once
        for key, check in (
            ("lr", lambda: parse_lr(self.lr.text())),
            ("lr_decay", self._check_decay),
        ):
            try:
                check()
            except ValueError as exc:
                self._set_error(key, say_error(exc))
                reasons.append(say_error(exc))
        try:
            X, y = self._data()
            self._draw(X, y)
        except ValueError as exc:
            self._set_error(self._key if self._key in self._errors else "experiment", say_error(exc))
            self._draw(None, None)
            reasons.append(say_error(exc))
        else:
            if self.mode.currentData() == "minibatch" and self.batch_size.value() > X.shape[0]:
                msg = self.tr("batch size: at most the {0} samples of the data").format(X.shape[0])
                self._set_error("batch_size", msg)
                reasons.append(msg)
        self.apply_button.setEnabled(not reasons)
        self.status.setText("" if not reasons else self.tr("Fix the field marked in red to apply."))

    def _check_decay(self) -> None:
        d = parse_number(self.lr_decay.text(), self.tr("η decay"))
        if not 0 < d <= 1:
            raise ValueError(self.tr("η decay: must be in (0, 1]; 1 means no decay"))

    def apply(self) -> bool:
        """Validate and emit ``applyRequested``; False (and the reasons shown) when something is wrong."""
        self._revalidate()
        try:
            cfg = self.config()
        except ValueError as exc:
            self.status.setText(self.tr("Not applied: {0}").format(say_error(exc)))
            return False
        self.status.setText("")
        self.applyRequested.emit(cfg)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.apply()
            return
        super().keyPressEvent(event)

    # -------------------------------------------------------------- restore
    def set_config(self, cfg: dict) -> None:
        """Restore settings saved by ``config()`` (unknown keys ignored; X/y restore exp. 1 or CSV)."""
        def pick(cb: QComboBox, value) -> None:
            i = cb.findData(value)
            if i >= 0:
                cb.setCurrentIndex(i)

        exp = cfg.get("experiment", self.experiment.currentData())
        if exp == "1" and "X" in cfg:
            self.x_edit.setText(", ".join(f"{v:.10g}" for v in np.asarray(cfg["X"]).reshape(-1)))
            self.y_edit.setText(f"{float(np.asarray(cfg['y']).reshape(-1)[0]):.10g}")
        if exp == "csv" and "X" in cfg:
            self._csv_data = (np.asarray(cfg["X"], float), np.asarray(cfg["y"], float))
            self._csv_path = cfg.get("csv_path")
            self.csv_label.setText(str(self._csv_path or "restored data"))
        spins = (("data_seed", self.data_seed), ("count", self.count),
                 ("epoch_limit", self.epoch_limit), ("seed", self.seed))
        for key, sb in spins:
            if cfg.get(key) is not None:
                sb.setValue(int(cfg[key]))
        if cfg.get("noise") is not None:
            self.noise.setValue(float(cfg["noise"]))
        if cfg.get("batch_size") is not None:
            self.batch_size.setValue(int(cfg["batch_size"]))
        if cfg.get("lr") is not None:
            self.lr.setText(f"{float(cfg['lr']):g}")
        if cfg.get("lr_decay") is not None:
            self.lr_decay.setText(f"{float(cfg['lr_decay']):g}")
        for key, cb in (("mode", self.mode), ("optimizer", self.optimizer), ("init", self.init),
                        ("activation", self.activation)):
            if key in cfg:
                pick(cb, cfg[key])
        shape = {k: cfg[k] for k in (*SHAPE_KEYS, "dropout") if cfg.get(k) is not None}
        if shape:
            self._shape = {**CHAPTER_SHAPE, **self._shape, **shape}
        pick(self.experiment, exp)
        self._revalidate()

    # ---------------------------------------------------------------- shape
    @property
    def n_inputs(self) -> int:
        """How many values each image has: the network's inputs (the shape editor's)."""
        return int(self._shape["n_inputs"])

    def shape(self) -> dict:
        """The network shape (Network keyword arguments) and dropout that ``config()`` carries."""
        return dict(self._shape)

    def set_shape(self, shape: dict) -> str:
        """Take the shape editor's shape (Network kwargs + "dropout"); the data follows its width.

        A softmax output selects the 3-class experiment, a linear one leaves it for the chapter's
        images; data of another width is drawn anew (the chapter's recipe with n values).
        Returns a sentence for the status bar saying what happened to the data ("" if nothing).
        """
        self._shape = {**CHAPTER_SHAPE, **{k: shape[k] for k in (*SHAPE_KEYS, "dropout") if k in shape}}
        n, notes = self.n_inputs, []
        exp = self.experiment.currentData()
        softmax = shape.get("output") == "softmax"
        if softmax and exp != "classes":
            exp = "classes"
            notes.append(self.tr("Classification: the data are now the 3 slope classes (down, flat, up)."))
        elif not softmax and exp == "classes":
            exp = "2"
            notes.append(self.tr("Regression: the data are now the chapter's images with their slopes."))
        if exp == "1" and len(re.split(r"[,\s;]+", self.x_edit.text().strip())) != n:
            exp = "synthetic"
        if exp == "csv" and self._csv_data is not None and self._csv_data[0].shape[1] != n:
            exp = "synthetic"
        self.experiment.setCurrentIndex(self.experiment.findData(exp))
        self._revalidate()
        if n != 5 and exp in ("2", "synthetic", "classes"):
            count = 10 if exp == "2" else self.count.value()
            seed = CHAPTER_DATA_SEED if exp == "2" else self.data_seed.value()
            noise = 0.3 if exp == "2" else float(self.noise.value())
            notes.append(self.tr("New data: {count} synthetic images of {n} values (seed {seed}, "
                                 "noise {noise:g}).").format(
                count=count, n=n, seed=seed, noise=noise))
        return " ".join(notes)

    # -------------------------------------------------------------- preview
    def _draw(self, X: np.ndarray | None, y: np.ndarray | None) -> None:
        self._preview.draw(X, y)
