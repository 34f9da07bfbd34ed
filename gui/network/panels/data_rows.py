"""The experiment panel's data rows: which data to train on, and the preview of it.

A plain mixin of ``ExperimentPanel`` (gui/network/panels/experiment.py), which provides the form,
``_row``, ``_show_row``, ``_set_error``, ``_revalidate`` and ``n_inputs``: the data half of one
form, kept apart so each half reads in one sitting.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from core import DataError, experiment1, load_dataset_csv, synthetic_dataset
from core.datasets.chapter import CHAPTER_DATA_SEED, slope_classes, three_class_dataset
from gui.network.panels.data_preview import DataPreview
from gui.network.panels.shape import MAX_INPUTS
from gui.widgets.form_rows import parse_number
from gui.widgets.i18n import say_error

translate = QCoreApplication.translate

EXPERIMENTS = (  # key, label (translated where shown)
    ("1", QT_TRANSLATE_NOOP("DataRows", "1 — one sample (chapter)")),
    ("2", QT_TRANSLATE_NOOP("DataRows", "2 — the chapter's 10 images")),
    ("synthetic", QT_TRANSLATE_NOOP("DataRows", "synthetic images")),
    ("classes", QT_TRANSLATE_NOOP("DataRows", "3 classes (slope down/flat/up)")),
    ("csv", QT_TRANSLATE_NOOP("DataRows", "CSV file")),
)


def parse_values(text: str) -> np.ndarray:
    """Experiment 1's inputs, "0.1, 0.2, 0.3, 0.4, 0.5" (commas or spaces)."""
    parts = [p for p in re.split(r"[,\s;]+", text.strip()) if p]
    if len(parts) < 2:
        raise ValueError(translate("DataRows", "inputs: enter at least two numbers, e.g. 0.1, 0.2, 0.3, "
                                               "0.4, 0.5"))
    return np.array([parse_number(p, translate("DataRows", "input X{0}").format(
        i + 1)) for i, p in enumerate(parts)])


class DataRows:
    """Builds and reads the data rows (see the module docstring)."""

    def _build_data_rows(self) -> None:
        """The rows that choose the data: experiment, inputs and target, seed, noise, count, CSV, preview."""
        form = self.form
        self.experiment = QComboBox()
        self.experiment.setObjectName("experimentSelector")
        for key, label in EXPERIMENTS:
            self.experiment.addItem(translate("DataRows", label), key)
        self._row(translate("DataRows", "Experiment"), self.experiment, "experiment",
                  translate("DataRows", "Which data to train on: the chapter's sample, its 10 images, new "
                                        "images or a CSV file."))

        x0, y0 = experiment1()
        self.x_edit = QLineEdit(", ".join(f"{v:g}" for v in x0[0]))
        self.x_edit.setObjectName("exp1Inputs")
        self.x_row = self._row(translate("DataRows", "Inputs X"), self.x_edit, "X",
                               translate("DataRows", "Experiment 1's input values I1…I5, separated by "
                                                     "commas."))
        self.y_edit = QLineEdit(f"{y0[0]:g}")
        self.y_edit.setObjectName("exp1Target")
        self.y_row = self._row(translate("DataRows", "Target y"), self.y_edit, "y",
                               translate("DataRows", "The target ŷ should reach."))

        self.data_seed = QSpinBox()
        self.data_seed.setObjectName("dataSeed")
        self.data_seed.setRange(0, 2**31 - 1)
        self.data_seed.setValue(CHAPTER_DATA_SEED)
        self.new_seed = QPushButton(translate("DataRows", "New"))
        self.new_seed.setToolTip(translate("DataRows", "Draw a new set of images (the next seed)."))
        self.new_seed.clicked.connect(lambda: self.data_seed.setValue(self.data_seed.value() + 1))
        seed_box = QWidget()
        hb = QHBoxLayout(seed_box)
        hb.setContentsMargins(0, 0, 0, 0)
        hb.addWidget(self.data_seed, 1)
        hb.addWidget(self.new_seed)
        self.data_seed_row = self._row(translate("DataRows", "Data seed"), seed_box, "data_seed",
                                       translate("DataRows", "Seed of the random slopes and noise (14 "
                                                             "gives the chapter's images)."))
        self.data_seed.setToolTip(seed_box.toolTip())
        self.noise = QDoubleSpinBox()
        self.noise.setObjectName("dataNoise")
        self.noise.setRange(0.0, 10.0)
        self.noise.setDecimals(3)
        self.noise.setSingleStep(0.05)
        self.noise.setValue(0.3)
        self.noise_row = self._row(translate("DataRows", "Noise"), self.noise, "noise",
                                   translate("DataRows", "Half-width of the uniform noise added to each "
                                                         "value (chapter: 0.3)."))
        self.count = QSpinBox()
        self.count.setObjectName("dataCount")
        self.count.setRange(1, 100_000)
        self.count.setValue(10)
        self.count_row = self._row(translate("DataRows", "Images"), self.count, "count",
                                   translate("DataRows", "How many synthetic images to draw."))

        self.csv_button = QPushButton(translate("DataRows", "Load…"))
        self.csv_button.setObjectName("loadCsv")
        self.csv_button.clicked.connect(self._choose_csv)
        self.csv_label = QLabel(translate("DataRows", "no file"))
        self.csv_label.setWordWrap(True)
        csv_box = QWidget()
        hb = QHBoxLayout(csv_box)
        hb.setContentsMargins(0, 0, 0, 0)
        hb.addWidget(self.csv_button)
        hb.addWidget(self.csv_label, 1)
        self.csv_row = self._row(translate("DataRows", "CSV file"), csv_box, "csv",
                                 translate("DataRows", "A CSV file: each row the inputs then the label; a "
                                                       "header row is allowed."))
        self.csv_button.setToolTip(csv_box.toolTip())

        self._preview = DataPreview()
        self.preview, self.preview_note = self._preview.plot, self._preview.note
        form.addRow(self.preview)
        form.addRow(self.preview_note)


    def _data(self) -> tuple[np.ndarray, np.ndarray]:
        """The selected experiment's X and y, or ValueError with the reason (keyed in ``_key``)."""
        exp = self.experiment.currentData()
        n = self.n_inputs
        if exp == "1":
            self._key = "X"
            x = parse_values(self.x_edit.text())
            if len(x) != n:
                raise ValueError(translate("DataRows", "inputs: the network has {n} inputs; enter "
                                                       "{n} numbers").format(
                    n=n))
            self._key = "y"
            y = parse_number(self.y_edit.text(), translate("DataRows", "target y"))
            return x[None, :], np.array([y])
        if exp == "2":  # the chapter's recipe; at another width, the same recipe with n values
            return synthetic_dataset(10, n, 0.3, CHAPTER_DATA_SEED)
        if exp == "synthetic":
            self._key = "count"
            return synthetic_dataset(self.count.value(), n, float(self.noise.value()), self.data_seed.value())
        if exp == "classes":
            self._key = "count"
            count, noise, seed = self.count.value(), float(self.noise.value()), self.data_seed.value()
            if n == 5:
                return three_class_dataset(count, noise, seed)
            X, y = synthetic_dataset(count, n, noise, seed)
            return X, slope_classes(y)
        self._key = "experiment"
        if self._csv_data is None:
            raise ValueError(translate("DataRows", "load a CSV file first"))
        if self._csv_data[0].shape[1] != n:
            raise ValueError(translate("DataRows", "the file's rows have {0} inputs but the "
                                                   "network has {n}: set Inputs to {1} in the "
                                                   "Shape tab").format(
                self._csv_data[0].shape[1], self._csv_data[0].shape[1], n=n))
        return self._csv_data

    def load_csv(self, path: str) -> bool:
        """Load a data set file; on a DataError show its message beside the button and keep the data."""
        try:
            X, y = load_dataset_csv(path)
        except DataError as exc:
            self._set_error("csv", say_error(exc))
            return False
        if not 3 <= X.shape[1] <= MAX_INPUTS:
            self._set_error("csv", translate("DataRows", "{0}: {1} values per row; the window "
                                                         "draws networks of 3–{MAX_INPUTS} inputs "
                                                         "(the command line trains any width)").format(
                Path(path).name, X.shape[1], MAX_INPUTS=MAX_INPUTS))
            return False
        self._csv_path, self._csv_data = str(path), (X, y)
        self.csv_label.setText(translate("DataRows", "{0}: {1} rows × {2} inputs").format(
            path.rsplit('/', 1)[-1], X.shape[0], X.shape[1]))
        self.csv_label.setToolTip(str(path))
        self._set_error("csv", "")
        self._revalidate()
        return True

    def _choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("DataRows", "Load a data set"), "",
                                              translate("DataRows", "CSV files (*.csv);;All files (*)"))
        if path:
            self.load_csv(path)

