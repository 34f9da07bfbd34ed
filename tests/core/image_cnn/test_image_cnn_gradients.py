"""The image CNN's forward pass, loss and every gradient, checked against a plain-loop reference.

The reference below is written from the definitions (one output pixel at a time, public
channels-last layout, its own parsing of the layer strings); it shares no code with the
model. Gradients are checked against central finite differences on random architectures
covering every layer kind, strides, paddings and channel counts.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.image_cnn import ImageCNN

# ---------------------------------------------------------------- the reference (plain loops)


def ref_logits(params: dict, layers: list[str], x: np.ndarray) -> np.ndarray:
    """Logits for one image ``x`` (H, W, C), straight from the definitions."""
    a = np.array(x, dtype=float)
    counts = {"conv": 0, "dense": 0}
    for text in layers:
        kind, *nums = text.split(":")
        if kind == "conv":
            counts["conv"] += 1
            W, b = params[f"conv{counts['conv']}.W"], params[f"conv{counts['conv']}.b"]
            n, k = int(nums[0]), int(nums[1])
            s = int(nums[2]) if len(nums) > 2 else 1
            p = int(nums[3]) if len(nums) > 3 else 0
            h, w, c = a.shape
            padded = np.zeros((h + 2 * p, w + 2 * p, c))
            padded[p:p + h, p:p + w] = a
            ho, wo = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
            out = np.zeros((ho, wo, n))
            for r in range(ho):
                for q in range(wo):
                    for kk in range(n):
                        total = b[kk]
                        for i in range(k):
                            for j in range(k):
                                for ch in range(c):
                                    total += padded[r * s + i, q * s + j, ch] * W[kk, i, j, ch]
                        out[r, q, kk] = total
            a = out
        elif kind in ("maxpool", "avgpool"):
            k = int(nums[0])
            s = int(nums[1]) if len(nums) > 1 else k
            h, w, c = a.shape
            ho, wo = (h - k) // s + 1, (w - k) // s + 1
            out = np.zeros((ho, wo, c))
            for r in range(ho):
                for q in range(wo):
                    for ch in range(c):
                        window = [a[r * s + i, q * s + j, ch] for i in range(k) for j in range(k)]
                        out[r, q, ch] = max(window) if kind == "maxpool" else sum(window) / len(window)
            a = out
        elif kind == "dense":
            counts["dense"] += 1
            W, b = params[f"dense{counts['dense']}.W"], params[f"dense{counts['dense']}.b"]
            flat = [a[idx] for idx in np.ndindex(a.shape)]  # row-major over (H, W, C): channels last
            a = np.array([b[o] + sum(flat[f] * W[f, o] for f in range(len(flat))) for o in range(W.shape[1])])
        elif kind == "relu":
            a = np.vectorize(lambda v: v if v > 0 else 0.0)(a)
        elif kind == "leaky_relu":
            a = np.vectorize(lambda v: v if v >= 0 else 0.01 * v)(a)
        elif kind == "sigmoid":
            a = np.vectorize(lambda v: 1.0 / (1.0 + math.exp(-v)))(a)
        elif kind == "tanh":
            a = np.vectorize(math.tanh)(a)
        elif kind == "dropout":
            pass  # evaluation mode
        else:
            raise AssertionError(kind)
    return a


def ref_loss(params: dict, layers: list[str], X: np.ndarray, y: np.ndarray) -> float:
    """Mean cross-entropy −log(e^(z_y) / Σ e^z), one image at a time."""
    total = 0.0
    for x, label in zip(X, y, strict=True):
        z = ref_logits(params, layers, x)
        m = max(z)
        total += m + math.log(sum(math.exp(v - m) for v in z)) - z[label]
    return total / len(X)


# ---------------------------------------------------------------- random architectures


@st.composite
def architectures(draw):
    """A valid random network: conv blocks (any N, K, S, P), activations, pools, a dense head."""
    h, w, c = draw(st.integers(3, 8)), draw(st.integers(3, 8)), draw(st.integers(1, 3))
    shape = (h, w, c)
    layers = []
    for _ in range(draw(st.integers(0, 2))):
        n, k = draw(st.integers(1, 3)), draw(st.integers(1, 3))
        s, p = draw(st.integers(1, 2)), draw(st.integers(0, 2))
        if k > shape[0] + 2 * p or k > shape[1] + 2 * p:
            continue
        layers.append(f"conv:{n}:{k}" + (f":{s}" if s != 1 or p else "") + (f":{p}" if p else ""))
        shape = ((shape[0] + 2 * p - k) // s + 1, (shape[1] + 2 * p - k) // s + 1, n)
        act = draw(st.sampled_from(["relu", "leaky_relu", "sigmoid", "tanh", None]))
        if act:
            layers.append(act)
        kind = draw(st.sampled_from(["maxpool", "avgpool", None]))
        pk, ps = draw(st.integers(1, 3)), draw(st.integers(1, 3))
        if kind and pk <= min(shape[:2]):
            layers.append(f"{kind}:{pk}" + (f":{ps}" if ps != pk else ""))
            shape = ((shape[0] - pk) // ps + 1, (shape[1] - pk) // ps + 1, shape[2])
    if draw(st.booleans()):
        layers.append(f"dense:{draw(st.integers(1, 4))}")
        layers.append(draw(st.sampled_from(["relu", "leaky_relu", "sigmoid", "tanh"])))
        if draw(st.booleans()):
            layers.append("dropout:0.5")
    layers.append(f"dense:{draw(st.integers(2, 4))}")
    return (h, w, c), layers, draw(st.integers(0, 2**16))


def randomised(model: ImageCNN, rng) -> None:
    """Random weights AND biases, so no pre-activation sits exactly on a ReLU kink or a pool tie."""
    model.theta[:] = rng.normal(0.0, 0.6, model.theta.size)


@settings(max_examples=60, deadline=None)
@given(architectures())
def test_forward_loss_and_gradients_match_the_reference(arch):
    shape, layers, seed = arch
    rng = np.random.default_rng(seed)
    model = ImageCNN(shape, layers, seed=seed % 7)
    randomised(model, rng)
    X = rng.normal(size=(3, *shape))
    y = rng.integers(0, model.n_classes, 3)
    params = {name: model.params[name].copy() for name in model.param_names}

    # forward: probabilities and loss against the plain loops
    Z = np.array([ref_logits(params, layers, x) for x in X])
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(model.predict(X), P, rtol=1e-10, atol=1e-12)
    assert model.loss(X, y) == pytest.approx(ref_loss(params, layers, X, y), rel=1e-10, abs=1e-12)

    # every gradient entry against central differences of the model's loss (its forward equals
    # the reference's, just checked), and a few entries against the reference's own loss
    grads = model.gradients(X, y)
    eps = 1e-6
    for name in model.param_names:
        p = model.params[name]
        assert grads[name].shape == p.shape
        numeric = np.zeros(p.shape)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + eps
            up = model.loss(X, y)
            p[idx] = old - eps
            down = model.loss(X, y)
            p[idx] = old
            numeric[idx] = (up - down) / (2 * eps)
        np.testing.assert_allclose(grads[name], numeric, rtol=1e-5, atol=1e-7, err_msg=name)
        for idx in [tuple(int(rng.integers(0, d)) for d in p.shape)]:
            plus, minus = dict(params), dict(params)
            plus[name] = params[name].copy()
            minus[name] = params[name].copy()
            plus[name][idx] += eps
            minus[name][idx] -= eps
            ref = (ref_loss(plus, layers, X, y) - ref_loss(minus, layers, X, y)) / (2 * eps)
            assert grads[name][idx] == pytest.approx(ref, rel=1e-5, abs=1e-7), (name, idx)


def test_dropout_gradient_matches_finite_differences_with_the_same_masks():
    layers = ["conv:3:3:1:1", "tanh", "dropout:0.4", "avgpool:2", "dense:5", "sigmoid", "dropout:0.3",
              "dense:3"]
    model = ImageCNN((6, 6, 2), layers, seed=3)
    rng = np.random.default_rng(1)
    randomised(model, rng)
    X, y = rng.normal(size=(4, 6, 6, 2)), np.array([0, 1, 2, 1])
    grads = model.gradients(X, y, rng=np.random.default_rng(9))
    for name in model.param_names:
        p = model.params[name]
        for idx in list(np.ndindex(p.shape))[:12]:
            old = p[idx]
            p[idx] = old + 1e-6
            up = model.loss(X, y, rng=np.random.default_rng(9))
            p[idx] = old - 1e-6
            down = model.loss(X, y, rng=np.random.default_rng(9))
            p[idx] = old
            assert grads[name][idx] == pytest.approx((up - down) / 2e-6, rel=1e-5, abs=1e-8), (name, idx)
    # training mode really drops (the loss differs from evaluation), evaluation never does
    assert model.loss(X, y, rng=np.random.default_rng(9)) != model.loss(X, y)
    assert model.loss(X, y) == model.loss(X, y)


def test_inverted_dropout_keeps_the_expected_value():
    model = ImageCNN((1, 1), ["dense:400", "dropout:0.25", "dense:2"], seed=0)
    rng = np.random.default_rng(0)
    x = np.ones((1, 1, 1, 1))
    op = model.ops[1]
    h = rng.normal(size=(2000, 400))
    out, mask = op.forward(h, True, rng)
    kept = mask != 0
    assert 0.72 < kept.mean() < 0.78
    np.testing.assert_allclose(out[kept], h[kept] / 0.75)
    assert model.activations(x[0])[1][1].tolist() == model.activations(x[0])[0][1].tolist()


def test_max_pool_backward_gives_the_gradient_to_the_first_maximum():
    """Ties are everywhere on a digit's blank background: PyTorch gives the window's gradient to
    its first maximum in row-major order; so must we."""
    model = ImageCNN((4, 4), ["maxpool:2", "dense:2"], seed=0)
    x = np.array([[0, 0, 1, 5], [0, 0, 5, 2], [3, 3, 7, 7], [3, 3, 7, 1]], dtype=float)
    op = model.ops[0]
    out, cache = op.forward(model.to_internal(model.check_X(x[None])), False, None)
    assert out[0, :, :, 0].tolist() == [[0, 5], [3, 7]]
    g_pool = np.array([[1.5, -2.0], [0.25, 4.0]])
    dx = op.backward(g_pool[None, :, :, None], cache, None, True)[0, :, :, 0]
    expected = np.zeros((4, 4))
    expected[0, 0] = g_pool[0, 0]  # four zeros: the first
    expected[0, 3] = g_pool[0, 1]  # 5 at (0, 3) comes before 5 at (1, 2) in row-major order
    expected[2, 0] = g_pool[1, 0]  # four threes
    expected[2, 2] = g_pool[1, 1]  # 7, 7, 7: the first
    np.testing.assert_array_equal(dx, expected)


def test_overlapping_max_pool_windows_add_their_gradients():
    model = ImageCNN((3, 3), ["maxpool:2:1", "dense:2"], seed=0)
    x = np.array([[1, 2, 1], [2, 9, 2], [1, 2, 1]], dtype=float)  # 9 is the max of all 4 windows
    op = model.ops[0]
    xi = model.to_internal(model.check_X(x[None]))
    out, cache = op.forward(xi, False, None)
    assert out[0, :, :, 0].tolist() == [[9, 9], [9, 9]]
    g = np.arange(1.0, 5.0).reshape(1, 2, 2, 1)
    dx = op.backward(g, cache, None, True)[0, :, :, 0]
    assert dx[1, 1] == 10.0 and dx.sum() == 10.0


def test_training_order_relu_then_pool_gives_the_same_numbers(monkeypatch):
    """In training a relu followed by maxpool runs pool-first on a quarter of the values; the
    loss and every gradient must be those of the written order, ties included.

    The swap alone is checked here, bit for bit: the fused conv → relu → maxpool step (on by
    default for a first conv) sums ∂loss/∂W in another order, so it has its own tests
    (test_image_cnn_fused.py: exact where nothing rounds, 1e-12 otherwise)."""
    from core.image_cnn import digits

    monkeypatch.setattr(ImageCNN, "fuse", False)
    X, y = digits()
    model = ImageCNN((8, 8), ["conv:8:3:1:1", "relu", "maxpool:2", "conv:4:3:1:1", "relu", "maxpool:2:1",
                              "dense:10"], seed=3)
    assert model._fast_order == [0, 2, 1, 3, 5, 4, 6]
    xi = model.to_internal(model.check_X(X[:64]))
    G_fast, G_written = np.zeros(model.n_params), np.zeros(model.n_params)
    fast = model.loss_grad_internal(xi, y[:64], None, G_fast)
    written = model.loss_grad_internal(xi, y[:64], None, G_written, deltas=[])  # the written order
    assert fast == written
    assert np.array_equal(G_fast, G_written)


@pytest.mark.parametrize("pool", ["maxpool:2", "maxpool:2:3", "maxpool:2:1", "maxpool:3", "maxpool:3:2",
                                  "maxpool:1:2", "avgpool:2", "avgpool:3:2", "avgpool:2:3"])
def test_every_pool_geometry_matches_the_reference(pool):
    """Odd sizes (a row or column no window reaches), gaps between windows, overlaps, ties."""
    layers = ["conv:2:2:1:1", "relu", pool, "dense:3"]
    model = ImageCNN((7, 8, 2), layers, seed=2)
    rng = np.random.default_rng(5)
    randomised(model, rng)
    X = np.round(rng.normal(size=(3, 7, 8, 2)), 1)  # coarse values: ties inside windows
    y = np.array([0, 2, 1])
    params = {name: model.params[name].copy() for name in model.param_names}
    assert model.loss(X, y) == pytest.approx(ref_loss(params, layers, X, y), rel=1e-12)
    grads = model.gradients(X, y)
    for name in model.param_names:
        p = model.params[name]
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + 1e-6
            up = model.loss(X, y)
            p[idx] = old - 1e-6
            down = model.loss(X, y)
            p[idx] = old
            assert grads[name][idx] == pytest.approx((up - down) / 2e-6, rel=1e-5, abs=1e-8), (name, idx)
