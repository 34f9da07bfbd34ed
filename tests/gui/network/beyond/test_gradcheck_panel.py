"""The gradient-check panel shows the core's numbers, colours a ReLU kink red, and never mutates the net."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from core import Network
from core.chapter.gradcheck import gradient_check
from gui.network.beyond.gradcheck_panel import EXPLANATION, GradientCheckPanel, verdict

X = np.array([0.1, 0.2, 0.3, 0.4, 0.5])


def _cell(panel, row, col):
    return panel.table.item(row, col)


def test_chapter_net_table_equals_the_core(qtbot):
    panel = GradientCheckPanel()
    qtbot.addWidget(panel)
    net = Network()
    before = net.get_params()
    panel.show_for(net, X, 0.1)
    expected = gradient_check(Network(), X, 0.1, eps=1e-6)
    assert panel.objectName() == "gradientCheckPanel"
    assert panel.table.rowCount() == len(expected) == 8
    back = Network().backward(X, 0.1)["grad"]
    for i, r in enumerate(expected):
        assert _cell(panel, i, 0).data(Qt.ItemDataRole.UserRole) == r.name
        assert _cell(panel, i, 1).data(Qt.ItemDataRole.UserRole) == r.analytic  # the batch path (trains)
        assert r.analytic == pytest.approx(back[r.name], rel=1e-12, abs=1e-16)  # the step-through's
        assert _cell(panel, i, 2).data(Qt.ItemDataRole.UserRole) == r.numeric
        assert _cell(panel, i, 3).data(Qt.ItemDataRole.UserRole) == r.rel_error
        shown = float(_cell(panel, i, 1).text().replace("\u2212", "-"))
        assert abs(shown - r.analytic) <= 1e-9 * abs(r.analytic)
    # chapter names on screen: λ9,12 for w9_12
    names = [_cell(panel, i, 0).text() for i in range(8)]
    assert names == ["K6", "K7", "K8", "b_conv", "λ9,12", "λ10,12", "λ11,12", "b12"]
    assert set(panel.verdicts().values()) == {"ok"}
    assert net.get_params() == before  # the caller's network is untouched
    assert "columns agree" in EXPLANATION and "ReLU kink" in panel.explanation.text()
    assert "ok ≤ 1e-6" in panel.legend.text() and "suspicious" in panel.legend.text()


def test_relu_on_the_kink_shows_a_red_row(qtbot):
    panel = GradientCheckPanel()
    qtbot.addWidget(panel)
    net = Network(activation="relu", init="xavier", seed=0)
    z = net.forward(X)["C9_in"]
    net.set_params({"b_conv": net.get_params()["b_conv"] - z})
    net.set_params({"w9_12": 1.0})
    before = net.theta.copy()
    panel.set_epsilon(1e-4)
    panel.show_for(net, X, 1.0)
    v = panel.verdicts()
    assert v["K6"] == "wrong"
    row = [r.name for r in panel.rows()].index("K6")
    assert _cell(panel, row, 4).text() == "wrong"
    red = _cell(panel, row, 3).background().color()
    assert red.red() > 150 and red.green() < 100  # tinted red
    assert "disagree" in panel.summary.text()
    np.testing.assert_array_equal(net.theta, before)


def test_epsilon_box_recomputes_and_steps_by_decades(qtbot):
    panel = GradientCheckPanel()
    qtbot.addWidget(panel)
    panel.show_for(Network(), X, 0.1)
    panel.eps_box.stepBy(-1)
    assert abs(panel.epsilon() - 1e-7) < 1e-20
    assert panel.eps_box.text() == "1e-07"
    expected = gradient_check(Network(), X, 0.1, eps=panel.epsilon())
    assert [r.numeric for r in panel.rows()] == [r.numeric for r in expected]
    qtbot.mouseClick(panel.recompute_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 8


def test_snapshot_with_dropout_uses_its_mask(qtbot):
    from core import Trainer, chapter_dataset, make_snapshot

    net = Network()
    X2, y2 = chapter_dataset()
    t = Trainer(net, X2, y2, dropout=0.5, seed=3)
    t.step_sample()
    snap = make_snapshot(t, sample=0)
    panel = GradientCheckPanel()
    qtbot.addWidget(panel)
    rows = panel.show_snapshot(snap, net)
    mask = t.mask_for(0)
    expected = gradient_check(t.net, X2[0], y2[0], mask=mask)
    assert [r.analytic for r in rows] == [r.analytic for r in expected]
    assert [r.analytic for r in rows] == pytest.approx([snap.backward["grad"][n] for n in net.param_names()],
                                                       rel=1e-12, abs=1e-16)


def test_verdict_thresholds():
    assert verdict(1e-6) == "ok" and verdict(1e-5) == "suspicious"
    assert verdict(1e-3) == "suspicious" and verdict(2e-3) == "wrong" and verdict(float("nan")) == "wrong"


def test_softmax_net_agrees(qtbot):
    from core import three_class_dataset

    X3, y3 = three_class_dataset()
    net = Network(n_outputs=3, output="softmax", init="xavier")
    panel = GradientCheckPanel()
    qtbot.addWidget(panel)
    rows = panel.show_for(net, X3[4], y3[4])
    assert panel.table.rowCount() == len(net.param_names()) == 4 + 3 * 4
    assert panel.table.item(4, 0).text() == "λ9,12" and panel.table.item(8, 0).text() == "λ9,13"
    assert rows == gradient_check(net, X3[4], y3[4])
    assert set(panel.verdicts().values()) == {"ok"}
