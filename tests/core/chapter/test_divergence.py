"""Divergence leaves the last finite state, says where and what to try, and never warns."""

import re
import warnings

import numpy as np
import pytest

from core import Network, Trainer, chapter_dataset, make_snapshot, plot_data
from core.chapter.stops import divergence_message, nice_below

CONFIGS = [(lr, opt, mode) for lr in (5000, 1e6, 50, 20)
           for opt in ("gd", "momentum", "adam") for mode in ("batch", "sgd", "minibatch")]


def _trainer(lr, opt, mode):
    X, y = chapter_dataset()
    return Trainer(Network(), X, y, lr=lr, optimizer=opt, mode=mode, batch_size=3)


def _same_state(a: Trainer, b: Trainer) -> None:
    assert a.epoch == b.epoch
    assert np.array_equal(a.net.theta, b.net.theta)
    ha, hb = a.history, b.history
    for name in ("epochs", "loss", "param_matrix", "predictions"):
        assert np.array_equal(getattr(ha, name), getattr(hb, name)), name
    sa, sb = a.opt.state(), b.opt.state()
    assert sa.keys() == sb.keys() and all(np.array_equal(sa[k], sb[k]) for k in sa)
    assert a.rng.bit_generator.state == b.rng.bit_generator.state
    assert a.drop_rng.bit_generator.state == b.drop_rng.bit_generator.state
    assert not a.mid_epoch


@pytest.mark.parametrize(("lr", "opt", "mode"), CONFIGS)
def test_divergence_rolls_back_to_the_last_finite_epoch(lr, opt, mode):
    t = _trainer(lr, opt, mode)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning (overflow, invalid) fails the test
        t.run(400)
        reason = t.stopped_reason
        snap = make_snapshot(t)
        plot_data(t)
    h = t.history
    assert np.isfinite(t.net.theta).all()
    assert all(np.isfinite(a).all() for a in (h.param_matrix, h.loss, h.predictions))
    assert h.n == t.epoch and np.array_equal(h.epochs, np.arange(1, t.epoch + 1))
    if opt == "adam":  # Adam's steps are bounded by η: it wanders, but stays finite
        assert not t.diverged
        return
    assert t.diverged and snap.diverged
    e = t.epoch + 1
    assert reason.startswith(f"Training diverged at epoch {e} (the loss became infinite")
    assert f"as it was after epoch {e - 1}." in reason
    assert "press Reset" not in reason
    # exactly the state of a run stopped after the last finite epoch, by the readable path
    ref = _trainer(lr, opt, mode)
    for _ in range(t.epoch):
        assert ref.step_epoch()
    _same_state(t, ref)
    assert t.run(10) == 0 and t.step_epoch() is False


@pytest.mark.parametrize(("lr", "mode"), [(5000, "batch"), (50, "sgd"), (20, "minibatch")])
def test_the_suggested_learning_rate_trains(lr, mode):
    t = _trainer(lr, "momentum", mode)
    t.run(400)
    suggested = float(re.search(r"try (\S+) or lower", t.stopped_reason).group(1))
    assert suggested < lr and suggested == nice_below(suggested)
    again = _trainer(suggested, "momentum", mode)
    loss0 = again.current_loss()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again.run(1000)
    assert not again.diverged and again.current_loss() < loss0


def test_diverging_in_the_first_epoch_keeps_the_initial_network():
    X, y = chapter_dataset()
    net = Network()
    net.set_params({"w9_12": 1e200, "w10_12": 1e200, "w11_12": 1e200})
    start = net.theta.copy()
    t = Trainer(net, X, y)
    t.run(10)
    assert t.diverged and t.epoch == 0 and t.history.n == 0
    assert np.array_equal(t.net.theta, start)
    assert "at epoch 1 (the loss became infinite): the network is shown as it was before training" \
        in t.stopped_reason


def test_a_step_through_that_diverges_returns_to_the_epochs_start():
    t = _trainer(1e6, "momentum", "minibatch")
    for _ in range(200):
        r = t.step_sample()
        if "diverged" in r:
            break
    assert r.get("diverged") and t.diverged and not t.mid_epoch
    ref = _trainer(1e6, "momentum", "minibatch")
    for _ in range(t.epoch):
        ref.step_epoch()
    _same_state(t, ref)


def test_the_message_reads_like_the_issue_asks():
    msg = divergence_message(37, "loss-inf", 0.5, 0.05)
    assert msg == ("Training diverged at epoch 37 (the loss became infinite): the network is shown as it "
                   "was after epoch 36. A learning rate of 0.5 is too large for this network; "
                   "try 0.05 or lower.")
