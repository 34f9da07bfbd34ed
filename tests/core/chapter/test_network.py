"""Network: names, shapes, and gradients equal to central finite differences."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import ACTIVATIONS, Network


def test_chapter_names():
    net = Network()
    assert net.input_names == ["I1", "I2", "I3", "I4", "I5"]
    assert net.kernel_names == [["K6", "K7", "K8"]]
    assert net.fmap_names == [["C9", "C10", "C11"]]
    assert net.output_names == ["O12"]
    fw = net.forward([0.1, 0.2, 0.3, 0.4, 0.5])
    assert list(fw) == ["I1", "I2", "I3", "I4", "I5", "C9_in", "C9", "C10_in", "C10",
                        "C11_in", "C11", "O12_in", "O12"]


def test_several_kernels_numbered_kernel_after_kernel():
    net = Network(n_inputs=5, kernel_size=3, n_kernels=2)
    assert net.kernel_names == [["K6", "K7", "K8"], ["K9", "K10", "K11"]]
    assert net.fmap_names == [["C12", "C13", "C14"], ["C15", "C16", "C17"]]
    assert net.output_names == ["O18"]
    assert net.param_names() == ["K6", "K7", "K8", "b_conv1", "K9", "K10", "K11", "b_conv2",
                                 "w12_18", "w13_18", "w14_18", "w15_18", "w16_18", "w17_18", "b18"]


def test_padding_and_stride_shape():
    net = Network(n_inputs=6, kernel_size=3, stride=2, padding=1)
    assert net.n_positions == (6 + 2 - 3) // 2 + 1 == 3
    taps = net.taps(0, 0)
    assert taps[0].input_name is None and taps[1].input_name == "I1"


def test_bad_shapes_and_params_refused():
    with pytest.raises(ValueError, match="kernel_size"):
        Network(n_inputs=3, kernel_size=5)
    with pytest.raises(ValueError, match="stride"):
        Network(stride=0)
    with pytest.raises(ValueError, match="activation"):
        Network(activation="swish")
    net = Network()
    before = net.get_params()
    with pytest.raises(ValueError):
        net.set_params({"K6": float("nan")})
    with pytest.raises(ValueError):
        net.set_params({"K6": 1.0, "nope": 2.0})
    assert net.get_params() == before
    net.set_params({"K6": 0.5})
    assert net.get_params()["K6"] == 0.5


def test_other_initialisers_are_bounded_and_seeded():
    a = Network(init="xavier", seed=3)
    b = Network(init="xavier", seed=3)
    assert np.array_equal(a.theta, b.theta)
    K, bc, W, bo = Network(init="he", seed=1).unpack()
    assert np.all(np.abs(K) <= np.sqrt(6 / 3)) and np.all(bc == 0) and np.all(bo == 0)


def _fd_check(net, X, y, h=1e-4):
    """Worst relative error between backprop and central finite differences.

    The five-point central difference (error O(h⁴)) with h = 1e-4 keeps both truncation
    and round-off far below 1e-6, even for gradients as small as 1e-5.
    """
    g = net.gradients(X, y)
    th = net.theta.copy()

    def loss_at(i, step):
        net.theta[:] = th
        net.theta[i] += step
        return net.loss(X, y)

    worst = 0.0
    for i, name in enumerate(net.param_names()):
        fd = (8 * (loss_at(i, h) - loss_at(i, -h)) - (loss_at(i, 2 * h) - loss_at(i, -2 * h))) / (12 * h)
        scale = max(abs(fd), abs(g[name]), 1e-7)
        worst = max(worst, abs(fd - g[name]) / scale)
    net.theta[:] = th
    return worst


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    n_inputs=st.integers(3, 9),
    kernel_size=st.integers(1, 4),
    n_kernels=st.integers(1, 3),
    stride=st.integers(1, 3),
    padding=st.integers(0, 2),
    activation=st.sampled_from(["sigmoid", "tanh", "linear", "leaky_relu", "relu"]),
    n_samples=st.integers(1, 5),
    seed=st.integers(0, 10_000),
)
def test_gradients_equal_finite_differences(n_inputs, kernel_size, n_kernels, stride, padding,
                                            activation, n_samples, seed):
    if kernel_size > n_inputs + 2 * padding:
        kernel_size = n_inputs
    net = Network(n_inputs=n_inputs, kernel_size=kernel_size, n_kernels=n_kernels, stride=stride,
                  padding=padding, activation=activation, init="xavier", seed=seed)
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_inputs))
    y = rng.normal(size=n_samples)
    if activation in ("relu", "leaky_relu"):
        # keep clear of the kink, where a finite difference is not a derivative
        net.set_params({b: 0.05 for b in net.conv_bias_names})
        ws = net.batch_pass(X, y)
        ws.forward(net.theta)
        if np.min(np.abs(ws.Z)) < 1e-2:  # 2h·|x| stays well inside
            return
    assert _fd_check(net, X, y) <= 1e-6


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_single_sample_backward_matches_batch_gradient(activation):
    net = Network(n_inputs=7, kernel_size=3, n_kernels=2, padding=1, stride=2,
                  activation=activation, init="he", seed=5)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 7))
    y = rng.normal(size=4)
    batch = net.gradients(X, y)
    mean = {k: 0.0 for k in batch}
    for xi, yi in zip(X, y, strict=True):
        g = net.backward(xi, yi)["grad"]
        for k in mean:
            mean[k] += g[k] / 4
    for k in batch:
        assert batch[k] == pytest.approx(mean[k], rel=1e-9, abs=1e-14)
    preds = net.predict(X)
    for xi, p in zip(X, preds, strict=True):
        assert net.forward(xi)[net.output_names[0]] == pytest.approx(p, rel=1e-12)


def test_loss_is_mean_half_squared_error():
    net = Network()
    rng = np.random.default_rng(2)
    X = rng.normal(size=(6, 5))
    y = rng.normal(size=6)
    assert net.loss(X, y) == pytest.approx(np.mean(0.5 * (net.predict(X) - y) ** 2), rel=1e-14)


def test_softmax_classifier_gradients_and_predict():
    net = Network(n_outputs=3, output="softmax", init="xavier", seed=2)
    rng = np.random.default_rng(1)
    X = rng.normal(size=(5, 5))
    y = np.array([0, 1, 2, 1, 0], dtype=float)
    P = net.predict(X)
    assert P.shape == (5, 3) and np.allclose(P.sum(axis=1), 1)
    ce = -np.mean(np.log(P[np.arange(5), y.astype(int)]))
    assert net.loss(X, y) == pytest.approx(ce, rel=1e-12)
    assert _fd_check(net, X, y) <= 1e-6
    with pytest.raises(ValueError, match="labels"):
        net.loss(X, np.array([0, 1, 2, 3, 0.0]))


def test_backward_of_a_diverged_network_gives_inf_not_an_exception():
    net = Network()
    net.set_params({"w9_12": 1e200, "w10_12": 1e200, "b12": 1e200})
    with np.errstate(all="ignore"):
        b = net.backward([0.1, 0.2, 0.3, 0.4, 0.5], 0.1)
    assert b["loss"] == float("inf")
