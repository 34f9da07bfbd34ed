"""A learner's pace, keys that work, and nothing lost without asking (issue 11, items 2–4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSpinBox

from core import Network, Trainer, experiment1
from core.formatting import fmt
from gui.window.actions import speed_for_slider
from tests.support.window import idle, label, make_window

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    idle(qtbot, w)
    yield w
    w.close()


def test_the_window_opens_at_a_pace_a_learner_can_watch_and_flat_out_is_one_click(qtbot, window):
    a = window.actions_
    eps = speed_for_slider(a.speed.value())
    assert eps is not None and 10 <= eps <= 30 and "epochs/s" in a.speed_label.text()
    # the trainer runs at the pace the label says (it used to start flat out behind a "20 epochs/s")
    assert window.worker.worker.speed == pytest.approx(eps)
    a.flat_out.trigger()
    assert speed_for_slider(a.speed.value()) is None and a.speed_label.text() == "flat out"
    idle(qtbot, window)
    assert window.worker.worker.speed is None


def test_play_sub_steps_walks_the_step_through_by_itself(qtbot, window):
    w = window
    w.actions_.substep_rate.setValue(10.0)
    w.actions_.play_substeps.setChecked(True)
    qtbot.waitUntil(lambda: w.moment.moment.stepping and w.moment.moment.substep >= 3, timeout=5000)
    qtbot.waitUntil(lambda: w.worker.worker.trainer.epoch >= 1, timeout=10000)  # on to the next sample
    w.actions_.play.trigger()  # Play ends the step-through's own playing
    assert not w.actions_.play_substeps.isChecked()
    w.actions_.play.trigger()


def test_space_and_r_in_a_number_field_reach_play_and_reset(qtbot, window):
    w = window
    seed = w.experiment_panel.findChild(QSpinBox, "initSeed")
    seed.setFocus()
    w.activateWindow()
    qtbot.waitUntil(lambda: seed.hasFocus() or seed.lineEdit().hasFocus(), timeout=3000)
    QTest.keyClick(seed, Qt.Key.Key_Space)
    assert seed.value() == 13 and w.actions_.play.isChecked()  # played, the seed untouched
    QTest.keyClick(seed, Qt.Key.Key_Space)
    assert not w.actions_.play.isChecked()


def test_enter_in_a_field_commits_and_gives_the_keys_back_to_the_diagram(qtbot, window):
    w = window
    limit = w.experiment_panel.epoch_limit
    limit.setFocus()
    w.activateWindow()
    qtbot.waitUntil(lambda: limit.hasFocus() or limit.lineEdit().hasFocus(), timeout=3000)
    limit.lineEdit().selectAll()
    QTest.keyClicks(limit.lineEdit(), "500")
    QTest.keyClick(limit.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.diagram.canvas.hasFocus(), timeout=3000)
    assert limit.value() == 500
    QTest.keyClick(w.diagram.canvas, Qt.Key.Key_Right)  # now a command again: a step
    idle(qtbot, w)
    assert w.moment.moment.stepping


def test_reset_asks_first_and_undo_brings_the_trained_network_back(qtbot, window):
    w = window
    w.worker.run_epochs_now(40)
    idle(qtbot, w)
    trained = w.worker.worker.trainer.net.get_params()
    c = w.controls
    c.confirm = True
    asked = []
    c.ask = lambda what: asked.append(what) or False  # "Cancel"
    w.actions_.reset.trigger()
    idle(qtbot, w)
    assert asked == ["reset the weights"] and w.worker.worker.trainer.epoch == 40
    c.ask = lambda what: asked.append(what) or True  # "OK"
    w.actions_.reset.trigger()
    idle(qtbot, w)
    assert w.worker.worker.trainer.epoch == 0 and label(w, "epochLabel") == "Epoch 0"
    assert w.actions_.undo.isEnabled() and w.actions_.undo.text() == "&Undo Reset"
    w.actions_.undo.trigger()
    idle(qtbot, w)
    assert w.worker.worker.trainer.epoch == 40 and label(w, "epochLabel") == "Epoch 40"
    assert w.worker.worker.trainer.net.get_params() == trained
    assert w.diagram.label_text("K6") == f"K6 {fmt(trained['K6'])}"
    assert not w.actions_.undo.isEnabled()


def test_apply_asks_and_undo_restores_network_and_settings(qtbot, window):
    w = window
    w.worker.run_epochs_now(25)
    idle(qtbot, w)
    c = w.controls
    c.confirm = True
    c.ask = lambda what: True
    w.apply_experiment(2)
    idle(qtbot, w)
    assert w.worker.worker.trainer.N == 10 and w.actions_.undo.text() == "&Undo Apply"
    w.actions_.undo.trigger()
    idle(qtbot, w)
    t = w.worker.worker.trainer
    ref = Trainer(Network(), *experiment1())
    ref.run(25)
    assert t.N == 1 and t.epoch == 25 and t.net.get_params() == ref.net.get_params()
    assert w.experiment_panel.config()["experiment"] == "1"


def test_dont_ask_again_is_remembered(qtbot, window):
    w = window
    w.worker.run_epochs_now(5)
    idle(qtbot, w)
    c = w.controls
    c.confirm = True
    w.settings.setValue("confirm/discard", "never")
    c.ask = lambda what: pytest.fail("asked although the learner said never")
    w.actions_.reset.trigger()
    idle(qtbot, w)
    assert w.worker.worker.trainer.epoch == 0


def test_the_network_tabs_keys_rest_while_another_tab_is_shown(qtbot, window):
    w = window
    w.tabs.setCurrentWidget(w.lab_slot.page)
    assert not w.actions_.play.isEnabled() and not w.epoch_label.isVisible()
    w.tabs.setCurrentWidget(w.network)
    assert w.actions_.play.isEnabled() and w.epoch_label.isVisible()
