"""ImageTrainer.state() / load_state(): plain values and arrays, resumed bit for bit, checked on load."""

import copy
import json

import numpy as np
import pytest

from core.image_cnn import ImageCNN, ImageTrainer

NET = ["conv:4:3:1:1", "relu", "dropout:0.2", "maxpool:2", "dense:6", "tanh", "dense:3"]


def data(seed=0):
    rng = np.random.default_rng(seed)
    X, y = rng.random((40, 6, 6)), rng.integers(0, 3, 40)
    return X, y, X[:12] * 0.9, y[:12]


def json_round_trip(state):
    """What a workspace file does: arrays aside, everything else through JSON text."""
    def enc(v):
        if isinstance(v, np.ndarray):
            return {"__array__": v.tolist(), "dtype": str(v.dtype), "shape": list(v.shape)}
        raise TypeError(type(v))

    def dec(d):
        if "__array__" in d:
            return np.array(d["__array__"], dtype=d["dtype"]).reshape(d["shape"])
        return d

    return json.loads(json.dumps(state, default=enc), object_hook=dec)


def trainer(optimizer="adam", seed=3, batch_size=7):
    X, y, Xv, yv = data()
    return ImageTrainer(ImageCNN((6, 6), NET, seed=seed), X, y, Xv, yv, optimizer=optimizer, lr=0.01,
                        batch_size=batch_size, seed=seed)


def assert_same(a: ImageTrainer, b: ImageTrainer):
    assert np.array_equal(a.model.theta, b.model.theta)  # bit for bit
    sa, sb = a.state(), b.state()
    for key in ("epoch", "position", "rng", "dropout_rng", "settings"):
        assert str(sa[key]) == str(sb[key]), key
    for k in sa["optimizer_state"]:
        assert np.array_equal(sa["optimizer_state"][k], sb["optimizer_state"][k])
    for k in sa["history"]:
        assert np.array_equal(sa["history"][k], sb["history"][k], equal_nan=True), k


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_five_plus_five_epochs_equal_ten_bit_for_bit(optimizer):
    X, y, Xv, yv = data()
    straight = trainer(optimizer)
    straight.run(10)
    first = trainer(optimizer)
    first.run(5)
    resumed = ImageTrainer.from_state(json_round_trip(first.state()), X, y, Xv, yv)
    resumed.run(5)
    assert_same(straight, resumed)


def test_resuming_mid_epoch_is_exact_too():
    X, y, Xv, yv = data()
    straight = trainer()
    straight.run(4)
    part = trainer()
    part.step_batches(9)  # one epoch (6 batches) and three batches into the next
    assert (part.epoch, part.batch) == (1, 3)
    other = trainer(seed=3)
    other.load_state(json_round_trip(part.state()))
    other.run(3)
    assert_same(straight, other)


def test_state_is_plain_values_and_arrays():
    t = trainer()
    t.step_batches(3)
    state = t.state()

    def walk(v, path):
        if isinstance(v, dict):
            for k, item in v.items():
                assert isinstance(k, str), path
                walk(item, f"{path}.{k}")
        elif isinstance(v, list):
            for i, item in enumerate(v):
                walk(item, f"{path}[{i}]")
        else:
            assert isinstance(v, str | int | float | bool | np.ndarray) or v is None, (path, type(v))

    walk(state, "state")
    json.dumps(state, default=lambda a: a.tolist())
    before = t.model.theta.copy()
    t.step_batches(1)
    assert np.array_equal(state["theta"], before)  # a copy, not a view


def _mutations():
    def set_(path, value):
        def f(s):
            d = s
            for k in path[:-1]:
                d = d[k]
            d[path[-1]] = value
        return f

    def drop(key):
        return lambda s: s.pop(key)

    return [
        (drop("theta"), "missing theta"),
        (set_(("extra",), 1), "unexpected extra"),
        (set_(("theta",), np.zeros(5)), r"theta must be a numeric array of shape"),
        (set_(("format",), "other"), "not an image-CNN trainer state"),
        (set_(("architecture", "layers"), ["dense:3"]), "the state is for the network"),
        (set_(("optimizer_state", "m"), np.zeros(3)), r"optimizer_state.m must be"),
        (lambda s: s["optimizer_state"].pop("v"), "missing v"),
        (set_(("optimizer_state", "t"), -1), "t must be"),
        (set_(("settings", "lr"), -1.0), "lr must be"),
        (set_(("settings", "optimizer"), "sgd"), "optimizer must be one of"),
        (set_(("rng",), {"bit_generator": "PCG64", "state": "nonsense"}), "rng: not a PCG64"),
        (set_(("epoch",), -3), "epoch must be"),
        (set_(("position", "batch"), 99), r"position.batch must be"),
        (set_(("position", "order"), np.arange(5)), "position.order"),
        (set_(("position", "seen"), 1), "running sums"),
        (set_(("n_train",), 39), "trained on 39 images"),
        (set_(("history", "metrics_rows"), np.zeros((2, 2))), "metrics_rows must have shape"),
        (lambda s: s["history"].pop("snapshots_stride"), "missing snapshots_stride"),
    ]


@pytest.mark.parametrize(("mutate", "match"), _mutations())
def test_load_state_refuses_bad_states_and_changes_nothing(mutate, match):
    source = trainer()
    source.step_batches(8)
    state = copy.deepcopy(source.state())
    mutate(state)
    target = trainer()
    target.run(1)
    before = target.state()
    with pytest.raises(ValueError, match=match):
        target.load_state(state)
    assert_same_state = target.state()
    assert np.array_equal(assert_same_state["theta"], before["theta"])
    assert assert_same_state["epoch"] == before["epoch"] == 1
    assert str(assert_same_state["rng"]) == str(before["rng"])


def test_from_state_refuses_a_non_state():
    X, y, _, _ = data()
    with pytest.raises(ValueError, match="architecture"):
        ImageTrainer.from_state({"theta": 1}, X, y)
