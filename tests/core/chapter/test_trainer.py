"""Trainer: modes, optimisers against hand-computed steps, divergence, history, stops."""

import warnings

import numpy as np
import pytest

from core import Network, Trainer, chapter_dataset, experiment1
from core.chapter.history import History


def _data():
    return chapter_dataset()


def test_batch_of_one_equals_single_sample_training():
    X, y = experiment1()
    a = Trainer(Network(), X, y, mode="batch")
    b = Trainer(Network(), X, y, mode="sgd")
    c = Trainer(Network(), X, y, mode="minibatch", batch_size=1)
    for t in (a, b, c):
        t.run(50)
    assert np.array_equal(a.net.theta, b.net.theta)
    assert np.array_equal(a.net.theta, c.net.theta)


def test_sgd_steps_after_every_sample_in_a_seeded_order():
    X, y = _data()
    t = Trainer(Network(), X, y, mode="sgd", seed=4)
    order = []
    for _ in range(10):
        r = t.step_sample()
        order.append(r["sample"])
        assert r["update"] is not None and r["update"]["batch"] == [r["sample"]]
    assert sorted(order) == list(range(10)) and order != list(range(10))
    t2 = Trainer(Network(), X, y, mode="sgd", seed=4)
    t2.run(1)
    assert np.array_equal(t.net.theta, t2.net.theta)


def test_sgd_by_hand():
    """One sgd epoch equals applying each sample's own gradient in the trainer's order."""
    X, y = _data()
    t = Trainer(Network(), X, y, mode="sgd", lr=0.1, seed=9)
    order = np.random.default_rng(9).permutation(10)
    ref = Network()
    for i in order:
        g = ref.gradients(X[i:i + 1], y[i:i + 1])
        ref.set_params({k: ref.get_params()[k] - 0.1 * g[k] for k in g})
    t.run(1)
    assert np.allclose(t.net.theta, ref.theta, rtol=0, atol=1e-15)


def test_minibatch_updates_on_batch_means():
    X, y = _data()
    t = Trainer(Network(), X, y, mode="minibatch", batch_size=4, seed=1)
    updates = [t.step_sample()["update"] for _ in range(10)]
    sizes = [len(u["batch"]) for u in updates if u is not None]
    assert sizes == [4, 4, 2]
    with pytest.raises(ValueError, match="batch_size"):
        Trainer(Network(), X, y, mode="minibatch", batch_size=11)


def test_batch_mode_step_sample_updates_only_after_the_last_sample():
    X, y = _data()
    t = Trainer(Network(), X, y)
    before = t.net.get_params()
    for k in range(9):
        r = t.step_sample()
        assert r["update"] is None and r["position"] == k
        assert t.net.get_params() == before
    r = t.step_sample()
    assert r["update"] is not None and len(r["update"]["batch"]) == 10
    mean = Network().gradients(X, y)
    for k, g in r["update"]["grad"].items():
        assert g == pytest.approx(mean[k], rel=1e-12)
        assert r["update"]["after"][k] == pytest.approx(before[k] - 0.2 * mean[k], rel=1e-12)
    assert t.epoch == 1


def test_momentum_matches_hand_computed_steps():
    X, y = _data()
    lr, mu = 0.05, 0.9
    t = Trainer(Network(), X, y, lr=lr, optimizer="momentum", momentum=mu)
    ref = Network()
    v = None
    for _ in range(3):
        g = np.array(list(ref.gradients(X, y).values()))
        v = g.copy() if v is None else mu * v + g  # PyTorch: buf = g first, then μ·buf + g
        ref.theta[:] = ref.theta - lr * v
    t.run(3)
    assert np.allclose(t.net.theta, ref.theta, rtol=1e-13, atol=1e-15)


def test_adam_matches_hand_computed_steps():
    X, y = _data()
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    t = Trainer(Network(), X, y, lr=lr, optimizer="adam")
    ref = Network()
    m = np.zeros_like(ref.theta)
    v = np.zeros_like(ref.theta)
    for step in range(1, 4):
        g = np.array(list(ref.gradients(X, y).values()))
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mhat = m / (1 - b1**step)
        vhat = v / (1 - b2**step)
        ref.theta[:] = ref.theta - lr * mhat / (np.sqrt(vhat) + eps)
    t.run(3)
    assert np.allclose(t.net.theta, ref.theta, rtol=1e-10, atol=1e-13)


def test_lr_decay_is_exponential_per_epoch():
    X, y = experiment1()
    t = Trainer(Network(), X, y, lr=0.2, lr_decay=0.5)
    ref = Network()
    for e in range(3):
        g = ref.gradients(X, y)
        ref.set_params({k: ref.get_params()[k] - 0.2 * 0.5**e * g[k] for k in g})
    t.run(3)
    assert np.allclose(t.net.theta, ref.theta, rtol=0, atol=1e-15)


@pytest.mark.parametrize("optimizer", ["gd", "momentum"])
@pytest.mark.parametrize("mode", ["batch", "sgd", "minibatch"])
def test_divergence_stops_cleanly_without_warnings(optimizer, mode):
    X, y = _data()
    t = Trainer(Network(), X, y, lr=1000, optimizer=optimizer, mode=mode, batch_size=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t.run(5000)
    assert t.diverged
    assert t.stopped_reason and "learning rate" in t.stopped_reason
    assert np.isfinite(t.net.theta).all()
    h = t.history
    assert np.isfinite(h.param_matrix).all() and np.isfinite(h.loss).all()
    assert h.n == t.epoch and t.run(10) == 0


def test_adam_with_an_absurd_learning_rate_raises_no_warning():
    """Adam's step is bounded by η, so it saturates rather than overflowing."""
    X, y = _data()
    t = Trainer(Network(), X, y, lr=1e6, optimizer="adam")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t.run(500)
    assert np.isfinite(t.net.theta).all() and np.isfinite(t.history.loss).all()


def test_gd_divergence_is_detected_at_the_same_epoch_fast_and_slow():
    X, y = _data()
    fast = Trainer(Network(), X, y, lr=50)
    fast.run(1000)
    slow = Trainer(Network(), X, y, lr=50)
    while slow.step_epoch():
        pass
    assert fast.diverged and slow.diverged
    assert fast.epoch == slow.epoch
    assert np.array_equal(fast.net.theta, slow.net.theta)


def test_reset_recovers_from_divergence():
    X, y = _data()
    t = Trainer(Network(), X, y, lr=1000)
    t.run(1000)
    assert t.diverged
    t.reset()
    assert not t.diverged and t.epoch == 0 and t.history.n == 0
    assert t.net.get_params() == Network().get_params()


def test_loss_below_and_callback_stops():
    X, y = experiment1()
    t = Trainer(Network(), X, y)
    ran = t.run(1000, loss_below=1e-6)
    assert ran < 1000 and "below" in t.stopped_reason
    assert t.history.loss[-1] < 1e-6 <= t.history.loss[-2]
    t2 = Trainer(Network(), X, y)
    t2.run(100, callback=lambda tr: tr.epoch >= 7)
    assert t2.epoch == 7


def test_time_budget_returns_quickly():
    X, y = _data()
    t = Trainer(Network(), X, y)
    ran = t.run(10**9, time_budget=0.01)
    assert 0 < ran < 10**9


def test_history_keeps_every_epoch_then_thins_within_budget():
    h = History(["a", "b"], n_samples=3, budget_bytes=8 * 7 * 400, keep_all=100)
    theta = np.zeros(2)
    for e in range(1, 5001):
        h.record(e, theta + e, np.zeros(3) + e, float(e))
    assert h.n <= 400
    assert list(h.epochs[:100]) == list(range(1, 101))
    assert np.all(np.diff(h.epochs) > 0)
    assert h.epochs[-1] > 4000
    assert np.array_equal(h.params["a"], h.epochs.astype(float))


def test_history_memory_bounded_for_long_runs():
    h = History([f"p{i}" for i in range(8)], n_samples=10)
    assert h.max_rows * 8 * (2 + 8 + 10) <= 64 * 2**20
    assert h.keep_all == 100_000


def test_history_csv(tmp_path):
    X, y = _data()
    t = Trainer(Network(), X, y)
    t.run(5)
    path = tmp_path / "h.csv"
    t.history.to_csv(path)
    lines = path.read_text().splitlines()
    assert lines[0].split(",")[:3] == ["epoch", "K6", "K7"]
    assert lines[0].split(",")[-1] == "yhat_9" and len(lines) == 6
    assert float(lines[1].split(",")[1]) == Network().get_params()["K6"]


def test_bad_trainer_settings():
    X, y = _data()
    for kw, word in [({"lr": -1}, "lr"), ({"lr": float("inf")}, "lr"), ({"mode": "x"}, "mode"),
                     ({"optimizer": "sgdx"}, "optimizer"), ({"lr_decay": 2}, "lr_decay")]:
        with pytest.raises(ValueError, match=word):
            Trainer(Network(), X, y, **kw)


def test_dropout_zero_equals_no_dropout():
    X, y = _data()
    a = Trainer(Network(), X, y, mode="sgd", optimizer="momentum")
    b = Trainer(Network(), X, y, mode="sgd", optimizer="momentum", dropout=0.0)
    a.run(20)
    b.run(20)
    assert np.array_equal(a.net.theta, b.net.theta)


def test_dropout_is_inverted_reproducible_and_never_in_predict():
    X, y = _data()
    a = Trainer(Network(), X, y, dropout=0.5, seed=3)
    b = Trainer(Network(), X, y, dropout=0.5, seed=3)
    a.run(30)
    for _ in range(30 * 10):
        b.step_sample()
    assert np.array_equal(a.net.theta, b.net.theta)
    m = a.mask_for(0)
    assert set(m.values()) <= {0.0, 2.0}
    # predict uses every node, unscaled
    net = a.net
    assert net.predict(X[:1])[0] == net.forward(X[0])["O12"]


def test_dropout_step_shows_the_masked_numbers():
    X, y = _data()
    t = Trainer(Network(), X, y, dropout=0.5, seed=1)
    r = t.step_sample()
    mask = t.mask_for(r["sample"])
    back = r["backward"]
    fw = back["forward"]
    expect = sum(t.net.get_params()[f"w{9 + j}_12"] * fw[c] * mask[c]
                 for j, c in enumerate(["C9", "C10", "C11"])) + t.net.get_params()["b12"]
    assert fw["O12"] == pytest.approx(expect, rel=1e-14)
    for c in ("C9", "C10", "C11"):
        if mask[c] == 0.0:
            assert back["delta"][c] == 0.0
    assert t.dropped_nodes(r["sample"]) == {c for c, v in mask.items() if v == 0.0}


def test_dropout_gradient_matches_finite_difference_with_fixed_mask():
    net = Network(n_inputs=6, kernel_size=3, n_kernels=2, activation="tanh", init="xavier", seed=2)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(3, 6))
    y = rng.normal(size=3)
    F = 2 * net.n_positions
    mask = (rng.random((3, F)) > 0.4) / 0.6
    ws = net.batch_pass(X, y)

    def loss(theta):
        ws.forward(theta, mask)
        return ws.loss_sum()

    ws.forward(net.theta, mask)
    ws.backward(net.theta)
    G = ws.G.copy()
    for i in range(net.theta.size):
        e = np.zeros_like(net.theta)
        e[i] = 1e-6
        fd = (loss(net.theta + e) - loss(net.theta - e)) / 2e-6
        assert fd == pytest.approx(G[i], rel=1e-6, abs=1e-9)


def test_fast_path_records_the_thinned_history_like_the_step_path():
    """Past keep_all the fused loop keeps exactly the epochs the thinning grid keeps."""
    X, y = _data()
    a = Trainer(Network(), X, y)
    b = Trainer(Network(), X, y)
    for t in (a, b):
        t.history = History(t.net.param_names(), 10, budget_bytes=8 * 20 * 3000, keep_all=1000)
    a.run(20000)
    for _ in range(20000):
        b.step_epoch()
    assert a.history.stride > 1 and a.history.n < 3000
    assert np.array_equal(a.history.epochs, b.history.epochs)
    assert np.array_equal(a.history.param_matrix, b.history.param_matrix)
    assert np.array_equal(a.history.predictions, b.history.predictions)
    assert np.array_equal(a.net.theta, b.net.theta)
