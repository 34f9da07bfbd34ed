"""ImageTrainer: the optimisers against hand-written updates, learning the digits, stepping in slices."""

import math
import time

import numpy as np
import pytest

from core.image_cnn import ImageCNN, ImageHistory, ImageTrainer, digits, train_val_split

DIGITS_NET = ["conv:8:3:1:1", "relu", "maxpool:2", "dense:10"]
SMALL_NET = ["conv:3:3:1:1", "tanh", "maxpool:2:1", "conv:2:2:2", "relu", "dense:4", "sigmoid", "dense:3"]


def small_data(n=10, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 6, 6, 2)), rng.integers(0, 3, n)


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_full_batch_steps_match_hand_written_updates(optimizer):
    X, y = small_data()
    model = ImageCNN((6, 6, 2), SMALL_NET, seed=4)
    ref = model.copy()
    lr, mu, (b1, b2), eps = 0.05, 0.8, (0.85, 0.99), 1e-7
    trainer = ImageTrainer(model, X, y, optimizer=optimizer, lr=lr, batch_size=len(X), momentum=mu,
                           betas=(b1, b2), eps=eps)
    theta = ref.theta  # the reference's own parameters, updated by the textbook formulas below
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    for t in range(1, 7):
        g = np.concatenate([ref.gradients(X, y)[name].ravel() for name in ref.param_names])
        loss_before = ref.loss(X, y)
        if optimizer == "gd":
            theta -= lr * g
        elif optimizer == "momentum":  # PyTorch: the buffer starts as the first gradient
            v = g.copy() if t == 1 else mu * v + g
            theta -= lr * v
        else:  # Adam with bias correction
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            theta -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        assert trainer.run(1) == 1
        np.testing.assert_allclose(model.theta, theta, rtol=1e-10, atol=1e-13)
        # one full-batch step per epoch; its loss is the loss before the step
        assert trainer.history["train_loss"][-1] == pytest.approx(loss_before, rel=1e-12)
    assert trainer.epoch == 6 and trainer.opt.t == 6


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_digits_net_learns_the_digits(dtype):
    X, y = digits()
    X_tr, y_tr, X_val, y_val = train_val_split(X, y)
    model = ImageCNN((8, 8), DIGITS_NET, seed=0, dtype=dtype)
    trainer = ImageTrainer(model, X_tr, y_tr, X_val, y_val, optimizer="adam", lr=0.01, batch_size=32)
    trainer.run(15)
    h = trainer.history
    assert h["epoch"].tolist() == list(range(1, 16))
    assert h["val_acc"].max() >= 0.95 and h["val_acc"][-1] >= 0.95
    assert h["train_loss"][-1] < h["train_loss"][0]
    # validation is measured after the epoch's last step, exactly as the model reports it
    assert h["val_loss"][-1] == model.loss(X_val, y_val)
    assert h["val_acc"][-1] == np.mean(model.predict(X_val).argmax(axis=1) == y_val)


def test_run_continues_and_step_batches_counts_steps():
    X, y = small_data(n=10)
    a = ImageTrainer(ImageCNN((6, 6, 2), SMALL_NET, seed=1), X, y, batch_size=4, lr=0.01)
    b = ImageTrainer(ImageCNN((6, 6, 2), SMALL_NET, seed=1), X, y, batch_size=4, lr=0.01)
    assert a.batches_per_epoch == 3
    a.run(4)
    a.run(6)
    assert b.step_batches(2) == 2 and (b.epoch, b.batch) == (0, 2)
    assert b.step_batches(5) == 5 and (b.epoch, b.batch) == (2, 1)
    assert b.step_batches(100, until_epoch=10) == 23  # 30 steps make 10 epochs; 7 were done
    assert b.epoch == 10 and b.batch == 0
    assert np.array_equal(a.model.theta, b.model.theta)
    assert a.history["train_loss"].tolist() == b.history["train_loss"].tolist()
    assert np.isnan(a.history["val_acc"]).all()  # no validation set given


def test_time_budget_stops_mid_run_and_the_next_call_carries_on():
    X, y = digits()
    trainer = ImageTrainer(ImageCNN((8, 8), DIGITS_NET), X, y, batch_size=8)
    t0 = time.perf_counter()
    done = trainer.run(1000, time_budget=0.05)
    assert time.perf_counter() - t0 < 1.0 and done < 1000
    steps = trainer.epoch * trainer.batches_per_epoch + trainer.batch
    assert steps >= 1
    trainer.run(1)
    assert trainer.epoch == done + 1 and trainer.batch == 0


def test_step_batches_stops_after_the_step_past_its_deadline():
    X, y = small_data(n=40)
    trainer = ImageTrainer(ImageCNN((6, 6, 2), SMALL_NET), X, y, batch_size=4)
    assert trainer.step_batches(1000, deadline=time.perf_counter() - 1.0) == 1  # always one step
    t0 = time.perf_counter()
    ran = trainer.step_batches(10**9, deadline=t0 + 0.05)
    assert 1 <= ran and time.perf_counter() - t0 < 1.0
    assert trainer.epoch * 10 + trainer.batch == ran + 1


def test_a_non_finite_loss_stops_training():
    X, y = small_data()
    trainer = ImageTrainer(ImageCNN((6, 6, 2), SMALL_NET, seed=0), X, y, batch_size=2)
    trainer.run(2)
    trainer.model.params["dense2.b"][1] = np.inf  # as a learner might type into a weight
    trainer.run(50)
    assert trainer.diverged and trainer.epoch == 2 and trainer.batch == 0
    assert trainer.run(5) == 0 and trainer.step_batches(3) == 0


def test_bad_settings_are_refused():
    X, y = small_data()
    model = ImageCNN((6, 6, 2), SMALL_NET)
    for kw, match in [({"optimizer": "rmsprop"}, "optimizer must be one of gd, momentum, adam"),
                      ({"lr": 0}, "lr"), ({"lr": math.inf}, "lr"), ({"batch_size": 0}, "batch_size"),
                      ({"batch_size": 2.5}, "batch_size"), ({"seed": -1}, "seed"),
                      ({"momentum": 1.0}, "momentum"), ({"betas": (0.9,)}, "betas"),
                      ({"betas": (0.9, 1.0)}, "betas"), ({"eps": 0}, "eps")]:
        with pytest.raises(ValueError, match=match):
            ImageTrainer(model, X, y, **kw)
    with pytest.raises(ValueError, match="both X_val and y_val"):
        ImageTrainer(model, X, y, X_val=X)
    with pytest.raises(ValueError, match="y_val"):
        ImageTrainer(model, X, y, X_val=X, y_val=y[:3])
    with pytest.raises(ValueError, match="labels from"):
        ImageTrainer(model, X, y + 3)
    with pytest.raises(ValueError, match="epochs"):
        ImageTrainer(model, X, y).run(-1)


def test_snapshots_allow_time_travel_and_stay_bounded():
    X, y = small_data()
    model = ImageCNN((6, 6, 2), SMALL_NET, seed=2)
    start = model.theta.copy()
    trainer = ImageTrainer(model, X, y, batch_size=5)
    trainer.run(3)
    assert trainer.history.snapshot_epochs.tolist() == [0, 1, 2, 3]
    kept, old = trainer.model_at(0)
    assert kept == 0 and np.array_equal(old.theta, start) and not np.array_equal(model.theta, start)
    assert np.array_equal(trainer.model_at(3)[1].theta, model.theta)
    # a tiny budget: 16 snapshots at most, thinned on a doubling grid that depends only on epochs
    h = ImageHistory(["w"], 1000, budget_bytes=16 * 8 * 1000)
    for e in range(1, 301):
        h.record(e, (1.0 / e, 0.5, math.nan, math.nan), np.full(1000, float(e)))
    kept = h.snapshot_epochs
    stride = h._snaps.stride
    assert len(kept) <= 16 and kept[:8].tolist() == list(range(1, 9))  # every epoch up to 8, then the grid
    assert all((e - 8) % stride == 0 for e in kept[8:]) and kept[-1] > 300 - stride
    assert len(h) == 300  # the metrics are all kept
    e, theta = h.snapshot(150)
    assert theta[0] == e and abs(e - 150) <= stride // 2


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_scratch_adam_is_bit_for_bit_the_core_adam(dtype):
    from core.image_cnn.optim import make_image_optimizer
    from core.optimizers import Adam

    rng = np.random.default_rng(0)
    ours = make_image_optimizer("adam", 50, 0.01, betas=(0.8, 0.95), eps=1e-6)
    core = Adam(50, 0.01, betas=(0.8, 0.95), eps=1e-6)
    a = rng.normal(size=50).astype(dtype)
    b = a.copy()
    for _ in range(5):
        G = rng.normal(size=50).astype(dtype)
        ours.step(a, G.copy(), 7)
        core.step(b, G.copy(), 7)
        assert np.array_equal(a, b)
    assert str(ours.state()) == str(core.state())
