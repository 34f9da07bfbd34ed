"""The gradient-check panel's numbers and the stop conditions."""

import numpy as np
import pytest

from core import Network, Trainer, chapter_dataset, experiment1
from core.chapter.gradcheck import PATHS, gradient_check
from core.chapter.stops import StopConditions


def test_gradient_check_agrees_for_the_chapter_net():
    net = Network()
    rows = gradient_check(net, [0.1, 0.2, 0.3, 0.4, 0.5], 0.1)
    assert [r.name for r in rows] == net.param_names()
    assert max(r.rel_error for r in rows) < 1e-7
    assert {r.verdict for r in rows} == {"ok"}
    assert set(rows[0].paths) == set(PATHS)  # every path that computes a gradient was checked
    g = net.gradients(np.array([[0.1, 0.2, 0.3, 0.4, 0.5]]), [0.1])
    assert rows[0].analytic == g["K6"]  # the batch path: what trains
    assert rows[0].paths["per-sample"] == net.backward([0.1, 0.2, 0.3, 0.4, 0.5], 0.1)["grad"]["K6"]
    assert net.get_params() == Network().get_params()  # parameters restored


def test_gradient_check_shows_the_relu_kink():
    net = Network(activation="relu", init="xavier", seed=0)
    x = np.array([0.1, 0.2, 0.3, 0.4, 0.5])
    # put C9's input exactly on the kink: z = 0
    z = net.forward(x)["C9_in"]
    net.set_params({"b_conv": net.get_params()["b_conv"] - z})
    net.set_params({"w9_12": 1.0})
    rows = {r.name: r for r in gradient_check(net, x, 1.0, eps=1e-4)}
    assert rows["K6"].rel_error > 1e-3  # a finite difference straddles the kink


def test_stop_at_epoch_and_loss():
    X, y = chapter_dataset()
    t = Trainer(Network(), X, y)
    t.run(1000, callback=StopConditions(at_epoch=42))
    assert t.epoch == 42 and "stop epoch 42" in t.stopped_reason
    t = Trainer(Network(), X, y)
    t.run(10000, callback=StopConditions(loss_below=1e-3))
    assert t.history.loss[-1] < 1e-3 <= t.history.loss[-2]
    assert "fell below" in t.stopped_reason


def test_stop_when_a_weight_crosses_a_value():
    X, y = experiment1()
    t = Trainer(Network(), X, y)
    # b12 starts at 0.1378 and falls to about −0.236 (−0.2304 by epoch 10)
    stop = StopConditions(weight="b12", weight_value=-0.2)
    stop.arm(t)
    t.run(1000, callback=stop)
    assert 2 < t.epoch < 10
    # every epoch before the stop ran with b12 above −0.2; the last update took it below
    assert np.all(t.history.params["b12"] > -0.2)
    assert t.net.get_params()["b12"] <= -0.2
    assert "b12 crossed -0.2" in t.stopped_reason


def test_bad_stop_conditions():
    with pytest.raises(ValueError):
        StopConditions(loss_below=-1)
    with pytest.raises(KeyError):
        StopConditions(weight="K99").arm(Trainer(Network(), *experiment1()))
