"""File ▸ Export ▸ CNN on images: the kernels and feature maps as PNG/SVG of what the tab draws, the
curves as PNG/SVG, and the curves' numbers as CSV — one row per epoch on the curves."""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMenu

from tests.gui.image_cnn.cnn_support import idle
from tests.gui.image_cnn.test_cnn_workspace import make_window, open_cnn

pytestmark = pytest.mark.timeout(120)


def test_the_export_menu_writes_what_the_tab_shows(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    menu = w.menuBar().findChild(QMenu, "menuExportCnn")
    names = [a.objectName() for a in menu.actions()]
    assert names == ["actionExportCnnKernels", "actionExportCnnFeatureMaps", "actionExportCnnCurves",
                     "actionExportCnnCurvesCsv"]
    assert not w.image_cnn_page.built  # the menu costs nothing until used
    tab = open_cnn(qtbot, w)
    tab.handle.run_epochs_now(3)
    idle(qtbot, tab)
    w.tabs.setCurrentIndex(0)  # exporting shows the tab first, so the file is what is seen
    hooks = w.files.cnn
    for which, view in (("kernels", tab.filters), ("feature_maps", tab.feature_maps), ("curves", None)):
        png = hooks.export(which, str(tmp_path / f"{which}.png"))
        assert w.tabs.currentWidget() is w.image_cnn_page
        image = QImage(str(png))
        assert image.width() > 0 and image.height() > 0, which
        if view is not None:  # the whole view at twice its size
            assert (image.width(), image.height()) == (2 * view.width(), 2 * view.height())
        svg = hooks.export(which, str(tmp_path / f"{which}.svg"))
        root = ET.parse(svg).getroot()
        assert root.tag.endswith("svg") and float(root.get("width")) > 0
        if which != "curves":
            assert len(root.findall(".//{http://www.w3.org/2000/svg}image")) > 0  # the tiles
        if shutil.which("rsvg-convert"):
            out = tmp_path / f"{which}_rsvg.png"
            subprocess.run(["rsvg-convert", str(svg), "-o", str(out)], check=True, timeout=60)
            assert QImage(str(out)).width() > 0
    series = tab.curves.series
    out = hooks.export("curves_csv", str(tmp_path / "curves"))
    assert out.name == "curves.csv"
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy"]
    assert [int(r[0]) for r in rows[1:]] == [int(e) for e in series.epochs] == [0, 1, 2, 3]
    assert rows[1][1] == "" and rows[1][2] == ""  # no training batch before epoch 1
    for r, i in zip(rows[1:], range(len(series.epochs)), strict=True):
        for text, value in zip(r[1:], (series.train_loss[i], series.train_acc[i], series.val_loss[i],
                                       series.val_acc[i]), strict=True):
            assert (text == "" and math.isnan(value)) or float(text) == value
    assert float(rows[-1][4]) == pytest.approx(float(tab.curves.accuracy_label.text().split()[2]) / 100,
                                               abs=5e-3)
    assert w.files.last_message.startswith("Exported the learning curves' numbers")
    assert hooks.export("kernels", str(tmp_path / "k.txt")) is None  # a wrong suffix: a sentence
    assert "choose a .png or .svg" in w.files.last_message
    assert np.isfinite(series.val_loss).all()
    w.close()
