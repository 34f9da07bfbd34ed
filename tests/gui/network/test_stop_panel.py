"""The stop panel: building core StopConditions, refusing bad entries, stopping a real Trainer."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from core import Network, Trainer, chapter_dataset  # noqa: E402
from core.chapter.stops import StopConditions  # noqa: E402
from gui.network.panels.stops import StopPanel  # noqa: E402


@pytest.fixture()
def panel(qtbot):
    w = StopPanel()
    qtbot.addWidget(w)
    w.set_param_names(Network().param_names())
    w.resize(420, 260)
    w.show()
    return w


def test_nothing_armed_gives_none_but_is_valid(panel):
    assert panel.objectName() == "stopPanel"
    assert panel.conditions() is None and panel.is_valid()
    assert panel.finite_check.isChecked() and not panel.finite_check.isEnabled()  # built in


def test_weights_are_listed_with_the_chapters_names(panel):
    shown = [panel.weight.itemText(i) for i in range(panel.weight.count())]
    codes = [panel.weight.itemData(i) for i in range(panel.weight.count())]
    assert codes == Network().param_names()
    assert shown == ["K6", "K7", "K8", "b_conv", "λ9,12", "λ10,12", "λ11,12", "b12"]


def test_building_conditions(panel, qtbot):
    with qtbot.waitSignal(panel.changed):
        panel.epoch_check.setChecked(True)
    panel.epoch.setValue(42)
    panel.loss_check.setChecked(True)
    panel.loss.setText("2.5e-4")
    panel.weight_check.setChecked(True)
    panel.weight.setCurrentIndex(panel.weight.findData("w10_12"))
    panel.weight_value.setText("-0.3")
    cond = panel.conditions()
    assert isinstance(cond, StopConditions)
    assert (cond.at_epoch, cond.loss_below, cond.weight, cond.weight_value) == (42, 2.5e-4, "w10_12", -0.3)


@pytest.mark.parametrize("text, reason", [("0", "greater than 0"), ("-1e-3", "greater than 0"),
                                          ("abc", "not a number"), ("", "enter a number"),
                                          ("inf", "finite")])
def test_invalid_epsilon_is_refused_at_the_field(panel, text, reason):
    panel.loss_check.setChecked(True)
    panel.loss.setText(text)
    assert panel.conditions() is None and not panel.is_valid()
    err = panel.findChild(QWidget, "error_loss")
    assert err.isVisible() and reason in err.text() and "ε" in err.text()
    panel.loss.setText("1e-3")
    assert not err.isVisible() and panel.conditions().loss_below == 1e-3


def test_bad_threshold_refused_only_while_armed(panel):
    panel.weight_value.setText("x")
    assert panel.is_valid()  # not armed: not checked
    panel.weight_check.setChecked(True)
    assert panel.conditions() is None and "threshold" in panel.errors()["weight"]


def test_conditions_stop_a_real_trainer_at_the_epoch(panel):
    panel.epoch_check.setChecked(True)
    panel.epoch.setValue(42)
    cond = panel.conditions()
    trainer = Trainer(Network(), *chapter_dataset())
    cond.arm(trainer)
    trainer.run(1000, callback=cond)
    assert trainer.epoch == 42
    assert "42" in trainer.stopped_reason and "stop epoch" in trainer.stopped_reason


def test_weight_crossing_stops_where_the_weight_crosses(panel):
    trainer = Trainer(Network(), *chapter_dataset())
    reference = Trainer(Network(), *chapter_dataset())
    reference.run(300)
    w = reference.history.params["w9_12"]  # row e−1: the value used in epoch e
    value = float((w[0] + w[-1]) / 2)
    panel.weight_check.setChecked(True)
    panel.weight.setCurrentIndex(panel.weight.findData("w9_12"))
    panel.weight_value.setText(repr(value))
    cond = panel.conditions()
    cond.arm(trainer)
    trainer.run(300, callback=cond)
    after = trainer.net.get_params()["w9_12"]
    before = reference.history.params["w9_12"][trainer.epoch - 1]
    assert (before - value) * (after - value) <= 0
    assert "w9_12 crossed" in trainer.stopped_reason


def test_set_conditions_round_trips(panel):
    panel.set_conditions(StopConditions(at_epoch=7, loss_below=1e-5, weight="K7", weight_value=0.5))
    cond = panel.conditions()
    assert (cond.at_epoch, cond.loss_below, cond.weight, cond.weight_value) == (7, 1e-5, "K7", 0.5)
    panel.set_conditions(None)
    assert panel.conditions() is None and not panel.armed()


def test_every_control_has_a_tooltip(panel):
    for name in ("stopAtEpochCheck", "stopAtEpoch", "stopLossCheck", "stopLossBelow", "stopWeightCheck",
                 "stopWeight", "stopWeightValue", "stopNonFinite"):
        child = panel.findChild(QWidget, name)
        assert child is not None and child.toolTip(), name


def test_a_unicode_minus_threshold_is_a_number(panel):
    panel.weight_check.setChecked(True)
    panel.weight_value.setText("−0.1")
    cond = panel.conditions()
    assert cond is not None and cond.weight_value == -0.1
