"""The activation explorer marks each feature-map node at the core's (z, C, f′) and flags bad nodes."""

import time

import numpy as np
import pytest

from core import Network, Trainer, chapter_dataset, make_snapshot
from core.activations import get_activation
from gui.network.beyond.activation_explorer import ActivationExplorer, node_flags
from tests.support.window import make_window


def _snap(**net_kw):
    X, y = chapter_dataset()
    t = Trainer(Network(**net_kw), X, y)
    t.run(20)
    return make_snapshot(t, sample=3)


def test_markers_sit_at_the_cores_values(qtbot):
    w = ActivationExplorer()
    qtbot.addWidget(w)
    assert w.objectName() == "activationExplorer"
    snap = _snap()
    w.show_snapshot(snap)
    pts = w.points()
    assert list(pts) == ["C9", "C10", "C11"]
    for n, (z, a, d) in pts.items():
        assert z == snap.forward[f"{n}_in"] and a == snap.forward[n] and d == snap.backward["dact"][n]
    fx, fy = w.f_points.getData()
    dx, dy = w.df_points.getData()
    np.testing.assert_array_equal(fy, [snap.forward[n] for n in pts])
    np.testing.assert_array_equal(dy, [snap.backward["dact"][n] for n in pts])
    np.testing.assert_array_equal(fx, [snap.forward[f"{n}_in"] for n in pts])
    # the curves are the core's f and f′
    z, a = w.f_curve.getData()
    act = get_activation("sigmoid")
    np.testing.assert_array_equal(a, act.f(z))
    np.testing.assert_array_equal(w.df_curve.getData()[1], act.df(z, act.f(z)))
    assert z[0] == -6 and z[-1] == 6
    labels = [tf.toPlainText() for tf, _ in w._labels if tf.isVisible()]
    assert labels == ["C9", "C10", "C11"]
    assert "C9" in w.readout.text() and "σ′" in w.readout.text()


def test_relu_with_negative_z_flags_a_dead_node(qtbot):
    w = ActivationExplorer()
    qtbot.addWidget(w)
    net = Network(activation="relu", init="xavier", seed=0)
    x = np.array([0.1, 0.2, 0.3, 0.4, 0.5])
    z = net.forward(x)["C9_in"]
    net.set_params({"b_conv": net.get_params()["b_conv"] - z - 0.5})  # C9_in = −0.5
    back = net.backward(x, 1.0)
    fw = back["forward"]
    assert fw["C9_in"] < 0
    w.set_activation("relu")
    nodes = list(back["dact"])
    w.show_points(nodes, [fw[f"{n}_in"] for n in nodes], [fw[n] for n in nodes],
                  [back["dact"][n] for n in nodes])
    assert w.points()["C9"][2] == 0.0
    assert any(f.startswith("C9 dead") for f in w.flags())
    assert "C9 dead" in w.status.text() and "ReLU′ = 0" in w.status.text()
    assert "max(0, z)" in w.f_plot.titleLabel.text


def test_saturation_flag_and_switching_back():
    flags = node_flags("sigmoid", ["C9", "C10", "C11"], {"C9": 0.0, "C10": 1.0, "C11": 6.2},
                       {"C9": 0.25, "C10": 0.19, "C11": 0.002})
    assert flags == ["C11 saturated: σ′ = 0.002 — its weights barely learn"]
    assert node_flags("relu", ["C9"], {"C9": 0.3}, {"C9": 1.0}) == []
    assert "dropped" in node_flags("sigmoid", ["C9"], {"C9": 0.0}, {"C9": 0.25}, {"C9"})[0]


def test_show_snapshot_is_cheap(qtbot):
    w = ActivationExplorer()
    qtbot.addWidget(w)
    snap = _snap()
    w.show_snapshot(snap)
    t0 = time.perf_counter()
    for _ in range(60):
        w.show_snapshot(snap)
    assert time.perf_counter() - t0 < 0.5  # 60 redraws a second leave time for the rest


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
def test_opening_the_explorer_gives_its_curves_room_and_the_formulas_get_theirs_back(qtbot, tmp_path, size):
    """At 1280×720 the formulas' pane is ~130 px: the explorer's curves were flat lines in it."""
    w = make_window(qtbot, tmp_path, size=size)
    tab = w.network
    before = tab.centre_splitter.sizes()
    tab.bottom_tabs.setCurrentWidget(tab.activations_page)
    explorer = tab.activations
    plots = (explorer.f_plot, explorer.df_plot)
    qtbot.waitUntil(lambda: all(p.getViewBox().height() >= 80 for p in plots), timeout=5000)
    assert tab.diagram.height() >= 200  # the diagram keeps a readable size above it
    tab.bottom_tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: tab.centre_splitter.sizes() == before, timeout=5000)


def test_the_height_lent_to_the_explorer_is_not_saved_as_the_learners_choice(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, size=(1280, 720))
    tab = w.network
    tab.centre_splitter.setSizes([430, 165])  # as a learner's drag leaves it
    before, chosen = tab.centre_splitter.sizes(), bytes(tab.centre_splitter.saveState())
    tab.bottom_tabs.setCurrentWidget(tab.activations_page)
    qtbot.waitUntil(lambda: tab.centre_splitter.sizes() != before, timeout=5000)
    lent = tab.centre_splitter.sizes()
    w.save_settings()
    assert tab.centre_splitter.sizes() == lent  # the window itself did not change
    saved = w.settings.value("splitters/centreSplitter")
    assert bytes(saved) == chosen != bytes(tab.centre_splitter.saveState())
