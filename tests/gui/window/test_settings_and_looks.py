"""Remembered settings (QSettings: good values come back, garbage is ignored) and the looks: the dark
palette reaches the diagram and the plots, 200% scaling renders, the icon, Help and About."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QTextBrowser

from gui import MainWindow
from gui.image_lab.lab import sample_path
from gui.image_lab.pipeline import PipelineSettings
from gui.window.app import dark_palette, use_palette
from gui.window.settings import experiment_from_text, lab_settings_from
from gui.window.theme import apply_theme
from tests.support.window import idle, open_with_settings

pytestmark = pytest.mark.timeout(90)
ROOT = Path(__file__).resolve().parents[3]


def settings_file(tmp_path, name="s.ini") -> QSettings:
    return QSettings(str(tmp_path / name), QSettings.Format.IniFormat)


def open_window(qtbot, settings: QSettings, restore=True) -> MainWindow:
    return open_with_settings(qtbot, settings, restore=restore)


def test_settings_come_back_next_time(qtbot, tmp_path):
    w = open_window(qtbot, settings_file(tmp_path))
    w.experiment_panel.set_config({"experiment": "2", "lr": 0.05, "seed": 3, "optimizer": "adam",
                                   "epoch_limit": 321})
    w.experiment_panel.set_shape({"n_inputs": 5, "kernel_size": 3, "n_kernels": 2, "stride": 1, "padding": 0,
                                  "output": "linear", "dropout": 0.1})
    w.actions_.precision.setValue(6)
    w.actions_.show_labels.setChecked(False)
    lab = w.image_lab
    lab.load_file(sample_path("chelsea.png"))
    lab.set_settings(lab.settings().with_(kernels=("gaussian", "box"), kernel_size=5, padding=2,
                                          pool_op="avg", stride=2))
    wanted = asdict(lab.settings())
    w.close()

    w2 = open_window(qtbot, settings_file(tmp_path))
    cfg = w2.experiment_panel.config()
    assert (cfg["experiment"], cfg["lr"], cfg["seed"], cfg["optimizer"], cfg["epoch_limit"]) == (
        "2", 0.05, 3, "adam", 321)
    qtbot.waitUntil(lambda: w2.worker.worker.config.get("lr") == 0.05, timeout=5000)  # applied at start
    assert w2.experiment_panel.shape()["n_kernels"] == 2 and w2.experiment_panel.shape()["dropout"] == 0.1
    assert w2.actions_.precision.value() == 6 and not w2.actions_.show_labels.isChecked()
    assert w2.image_lab.loaded is not None and w2.image_lab.loaded.path.name == "chelsea.png"
    assert asdict(w2.image_lab.settings()) == wanted
    w2.close()


def test_experiment_one_sample_is_remembered(qtbot, tmp_path):
    w = open_window(qtbot, settings_file(tmp_path))
    w.experiment_panel.set_config({"experiment": "1", "X": [[1, 2, 3, 4, 5]], "y": [0.25]})
    w.close()
    w2 = open_window(qtbot, settings_file(tmp_path))
    cfg = w2.experiment_panel.config()
    assert cfg["X"].tolist() == [[1, 2, 3, 4, 5]] and cfg["y"].tolist() == [0.25]
    w2.close()


GARBAGE = {
    "experiment/config": "{not json",
    "imageLab/state": json.dumps({"image": 5, "settings": {"kernel_size": "big", "padding": None,
                                                           "kernels": [1, 2], "bias": "nan"}}),
    "view/precision": "banana",
    "view/labels": "maybe",
    "files/recent": 42,
    "window/geometry": "garbage",
    "window/state": 7,
    "splitters/mainSplitter": "xx",
}


@pytest.mark.parametrize("variant", ["garbage", "bad values", "out of range"])
def test_garbage_settings_are_ignored(qtbot, tmp_path, variant):
    s = settings_file(tmp_path)
    for key, value in GARBAGE.items():
        s.setValue(key, value)
    if variant == "bad values":
        s.setValue("experiment/config", json.dumps(
            {"experiment": "2", "lr": "fast", "seed": 1e99, "epoch_limit": -5, "X": ["a"], "mode": 3,
             "batch_size": [1], "noise": "inf", "count": 2**40}))
        s.setValue("imageLab/state", json.dumps({"image": str(tmp_path / "gone.png"),
                                                 "settings": {"extra_kernels": [["x", [[1, 2]], ""]]}}))
    if variant == "out of range":
        s.setValue("experiment/config", json.dumps({"experiment": "csv", "csv_path": "/nope.csv"}))
        s.setValue("view/precision", 99)
        s.setValue("imageLab/state", json.dumps([1, 2, 3]))
    s.sync()
    w = open_window(qtbot, s)
    cfg = w.experiment_panel.config()  # valid: the panel kept its own values where the stored ones were bad
    assert cfg["lr"] == 0.2 and cfg["epoch_limit"] >= 1
    if variant == "bad values":
        assert cfg["experiment"] == "2"
    else:
        assert cfg["experiment"] == "1"
    assert w.actions_.precision.value() == 4 and w.actions_.show_labels.isChecked()
    assert w.files.recent_files() == []
    assert w.image_lab.loaded is None
    assert asdict(w.image_lab.settings()) == asdict(PipelineSettings())
    w.close()


def test_the_checkers_on_their_own():
    assert experiment_from_text(None) == {} and experiment_from_text("[1]") == {}
    text = json.dumps({"lr": 0.1, "seed": True, "X": [1, None], "y": [1]})
    assert experiment_from_text(text) == {"lr": 0.1}
    s = lab_settings_from({"kernels": ["box"], "kernel_size": 7, "pool_op": "max", "bias": 1,
                           "extra_kernels": [["k", [[1, 0], [0, 1]], "two by two"]], "stride": 1.5})
    assert s.kernels == ("box",) and s.kernel_size == 7 and s.pool_op == "max" and s.bias == 1.0
    assert s.extra_kernels == (("k", ((1, 0), (0, 1)), "two by two"),) and s.stride == 1
    assert lab_settings_from("nope") is None


def _lightness(img: QImage, widget, window) -> int:
    """The most common lightness inside ``widget``'s rectangle of the window's grab."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    r = widget.rect()
    counts: dict[int, int] = {}
    for fx in (0.1, 0.3, 0.5, 0.7, 0.9):
        for fy in (0.1, 0.3, 0.5, 0.7, 0.9):
            c = QColor(img.pixel(top_left.x() + int(r.width() * fx), top_left.y() + int(r.height() * fy)))
            counts[c.lightness() // 16] = counts.get(c.lightness() // 16, 0) + 1
    return max(counts, key=counts.get) * 16


def test_dark_palette_reaches_the_diagram_and_the_plots(qtbot, tmp_path):
    app = QApplication.instance()
    old = app.palette()
    use_palette(app, dark_palette())
    try:
        w = open_window(qtbot, settings_file(tmp_path), restore=False)
        w.resize(1600, 900)
        w.worker.run_epochs_now(30)
        idle(qtbot, w)
        img = w.grab().toImage()
        for view in (w.diagram.canvas, w.plots, w.experiment_panel, w.equations):
            assert _lightness(img, view, w) < 80, view.objectName()
        w.findChild(type(w.actions_.help), "actionHelp").trigger()
        browser = w._dialogs["help"].findChild(QTextBrowser)
        assert browser.palette().color(browser.backgroundRole()).lightness() < 80
        if os.environ.get("CNNVIS_SAVE_DARK"):
            w.grab().save(os.environ["CNNVIS_SAVE_DARK"])
        w.close()
    finally:
        app.setPalette(old)
        apply_theme(app)


def test_renders_at_200_percent(tmp_path):
    out = tmp_path / "x2.png"
    code = ("from gui.window.screenshot import render_screenshot as r; "
            f"r({str(out)!r}, epochs=50, experiment=2)")
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (3200, 1800)


def test_icon_help_and_about(qtbot, tmp_path):
    w = open_window(qtbot, settings_file(tmp_path), restore=False)
    assert not w.windowIcon().isNull()
    w.actions_.help.trigger()
    text = w._dialogs["help"].findChild(QTextBrowser).toPlainText()
    for needle in ("∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11", "P = ½(ŷ − y)²", "θ ← θ − η·∂P/∂θ",
                   "σ′ = C9(1 − C9)", "Ctrl+O", "workspace", "colour bar"):
        assert needle in text, needle
    w.actions_.about.trigger()
    about = w._dialogs["about"].findChild(QTextBrowser).toPlainText()
    assert "CC0" in about and "brick.png" in about and "chelsea.png" in about
    w.close()
