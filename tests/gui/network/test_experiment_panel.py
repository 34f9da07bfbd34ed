"""The experiment form: the chapter's defaults, its data sets, and refusing bad entries with a reason."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtWidgets import QLabel, QSpinBox  # noqa: E402

from core import chapter_dataset  # noqa: E402
from gui.network.panels.experiment import ExperimentPanel  # noqa: E402


@pytest.fixture()
def panel(qtbot):
    w = ExperimentPanel()
    qtbot.addWidget(w)
    w.resize(300, 700)
    w.show()
    return w


def test_defaults_are_the_chapters_experiment_1(panel):
    assert panel.objectName() == "experimentPanel"
    cfg = panel.config()
    assert cfg["experiment"] == "1"
    np.testing.assert_array_equal(cfg["X"], [[0.1, 0.2, 0.3, 0.4, 0.5]])
    np.testing.assert_array_equal(cfg["y"], [0.1])
    assert cfg["lr"] == 0.2 and cfg["epoch_limit"] == 1000 and cfg["seed"] == 13
    settings = (cfg["mode"], cfg["optimizer"], cfg["init"], cfg["activation"])
    assert settings == ("batch", "gd", "chapter", "sigmoid")
    assert cfg["lr_decay"] == 1.0 and cfg["batch_size"] is None
    keys = {"experiment", "X", "y", "lr", "epoch_limit", "seed", "mode", "batch_size", "optimizer", "init",
            "activation", "lr_decay", "data_seed", "noise", "count", "csv_path",
            # the network's shape (the Shape tab's), added for issue 5
            "n_inputs", "kernel_size", "n_kernels", "stride", "padding", "n_outputs", "output", "dropout"}
    assert set(cfg) == keys
    limit = panel.findChild(QSpinBox, "epochLimit")
    assert limit is not None and limit.value() == 1000 and limit.maximum() >= 10_000_000


def test_experiment_2_is_the_chapters_ten_images(panel, qtbot):
    panel.experiment.setCurrentIndex(panel.experiment.findData("2"))
    X, y = chapter_dataset()
    cfg = panel.config()
    np.testing.assert_array_equal(cfg["X"], X)
    np.testing.assert_array_equal(cfg["y"], y)
    assert "10 images" in panel.preview_note.text()
    assert len(panel.preview.getPlotItem().listDataItems()) == 10
    with qtbot.waitSignal(panel.applyRequested, timeout=1000) as blocker:
        panel.apply_button.click()
    assert blocker.args[0]["experiment"] == "2"


@pytest.mark.parametrize("text", ["abc", "0", "-0.1", "inf", "nan", "2e6", ""])
def test_bad_learning_rate_is_refused_with_a_reason(panel, qtbot, text):
    panel.lr.setText(text)
    err = panel._errors["lr"]
    assert not err.isHidden() and err.text().startswith("learning rate")
    assert not panel.apply_button.isEnabled()
    with pytest.raises(ValueError, match="learning rate"):
        panel.config()
    with qtbot.assertNotEmitted(panel.applyRequested):
        assert panel.apply() is False
    panel.lr.setText("0.05")
    assert err.isHidden() and panel.apply_button.isEnabled()


def test_enter_applies(panel, qtbot):
    with qtbot.waitSignal(panel.applyRequested, timeout=1000) as blocker:
        panel.lr.setText("0.1")
        panel.lr.returnPressed.emit()
    assert blocker.args[0]["lr"] == 0.1


def test_bad_exp1_inputs_are_refused(panel):
    panel.x_edit.setText("0.1, 0.2, x")
    assert "not a number" in panel._errors["X"].text()
    assert not panel.apply_button.isEnabled()


def test_malformed_csv_shows_the_data_error_and_keeps_the_data(panel, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("x1,x2,x3,x4,x5,y\n1,2,3,4,5,0.5\n0,0,0,0,1,0.1\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,x3,x4,x5,y\n1,2,3,4,5,0.5\n1,2,oops,4,5,0.1\n")
    panel.experiment.setCurrentIndex(panel.experiment.findData("csv"))
    assert panel.load_csv(str(good))
    cfg = panel.config()
    assert cfg["csv_path"] == str(good) and cfg["X"].shape == (2, 5)
    np.testing.assert_array_equal(cfg["y"], [0.5, 0.1])
    assert not panel.load_csv(str(bad))
    err = panel._errors["csv"]
    assert not err.isHidden() and "row 3" in err.text() and "'oops' is not a number" in err.text()
    cfg2 = panel.config()  # the previous data is still there
    np.testing.assert_array_equal(cfg2["X"], cfg["X"])
    assert cfg2["csv_path"] == str(good)


def test_csv_without_a_file_cannot_apply(panel):
    panel.experiment.setCurrentIndex(panel.experiment.findData("csv"))
    assert not panel.apply_button.isEnabled()
    with pytest.raises(ValueError):
        panel.config()


def test_minibatch_enables_batch_size(panel):
    assert not panel.batch_size.isEnabled()
    panel.experiment.setCurrentIndex(panel.experiment.findData("2"))
    panel.mode.setCurrentIndex(panel.mode.findData("minibatch"))
    assert panel.batch_size.isEnabled()
    panel.batch_size.setValue(4)
    assert panel.config()["batch_size"] == 4
    panel.batch_size.setValue(11)
    assert not panel.apply_button.isEnabled()


def test_synthetic_and_set_config_round_trip(panel):
    panel.experiment.setCurrentIndex(panel.experiment.findData("synthetic"))
    panel.count.setValue(7)
    panel.noise.setValue(0.1)
    panel.data_seed.setValue(3)
    cfg = panel.config()
    assert cfg["X"].shape == (7, 5)
    other = ExperimentPanel()
    other.set_config(cfg | {"lr": 0.5, "activation": "tanh"})
    got = other.config()
    np.testing.assert_array_equal(got["X"], cfg["X"])
    assert got["lr"] == 0.5 and got["activation"] == "tanh" and got["count"] == 7
    other.deleteLater()


def test_every_control_has_a_tooltip(panel):
    for w in (panel.experiment, panel.lr, panel.epoch_limit, panel.seed, panel.mode, panel.batch_size,
              panel.optimizer, panel.init, panel.activation, panel.lr_decay, panel.apply_button,
              panel.csv_button, panel.noise, panel.count, panel.data_seed):
        assert w.toolTip(), w.objectName()


def test_a_csv_wider_than_the_window_draws_is_refused(panel, tmp_path):
    p = tmp_path / "one.csv"
    p.write_text("x1,y\n0.1,0.2\n0.3,0.4\n")
    assert panel.load_csv(str(p)) is False
    err = panel.findChild(QLabel, "error_csv")
    assert "1 values per row" in err.text() and "3–32" in err.text()
