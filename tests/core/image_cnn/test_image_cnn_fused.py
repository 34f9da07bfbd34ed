"""The fused conv → relu → 2×2 max pool step (``ConvPool``) against a plain reference.

The reference runs the three layers from their definitions in the public channels-last
layout — the conv one kernel tap at a time, the relu, then the pool with ``np.argmax`` over
each window (the first maximum in row-major order) — and routes the gradient back the same
way; it shares no code with the model (no phases, no super-kernel, no quarter split).

With small whole numbers in the input and weights that are multiples of 1/4, every product
and every sum is exact in float64, so summation order cannot matter: the fused step must then
give exactly the reference's numbers, ties (which small integers make common) included.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.image_cnn import ImageCNN, digits
from core.image_cnn.fused import ConvPool

LENET = ["conv:6:5:1:2", "relu", "maxpool:2", "conv:16:5", "relu", "maxpool:2", "dense:120", "relu",
         "dense:84", "relu", "dense:10"]


def reference(W, b, x, g, p, relu):
    """Forward and backward of conv (stride 1, padding p) → [relu] → maxpool 2×2, public layouts.

    x (n, H, W, C), W (N, K, K, C), g = ∂loss/∂(pooled) (n, H_q, W_q, N). Returns (pooled,
    ∂loss/∂W, ∂loss/∂b, ∂loss/∂x)."""
    n, h, w, c = x.shape
    nk, k = W.shape[0], W.shape[1]
    xp = np.zeros((n, h + 2 * p, w + 2 * p, c))
    xp[:, p:p + h, p:p + w] = x
    ho, wo = h + 2 * p - k + 1, w + 2 * p - k + 1
    z = np.zeros((n, ho, wo, nk)) + b
    for i in range(k):
        for j in range(k):
            z += np.einsum("nrqc,kc->nrqk", xp[:, i:i + ho, j:j + wo], W[:, i, j, :])
    a = np.maximum(z, 0.0) if relu else z
    hq, wq = ho // 2, wo // 2
    pooled = np.zeros((n, hq, wq, nk))
    da = np.zeros_like(a)
    for r in range(hq):
        for q in range(wq):
            window = a[:, 2 * r:2 * r + 2, 2 * q:2 * q + 2, :].reshape(n, 4, nk)
            first = window.argmax(axis=1)
            pooled[:, r, q] = window.max(axis=1)
            for t in range(4):
                da[:, 2 * r + t // 2, 2 * q + t % 2] += np.where(first == t, g[:, r, q], 0.0)
    dz = da * (z > 0) if relu else da
    dW = np.zeros_like(W)
    dxp = np.zeros_like(xp)
    for i in range(k):
        for j in range(k):
            dW[:, i, j, :] = np.einsum("nrqk,nrqc->kc", dz, xp[:, i:i + ho, j:j + wo])
            dxp[:, i:i + ho, j:j + wo] += np.einsum("nrqk,kc->nrqc", dz, W[:, i, j, :])
    return pooled, dW, dz.sum(axis=(0, 1, 2)), dxp[:, p:p + h, p:p + w]


@st.composite
def cases(draw):
    k = draw(st.sampled_from([1, 3, 5]))
    p = draw(st.integers(0, 2))
    c = draw(st.integers(1, 3))
    nk = draw(st.integers(1, 4))
    h = draw(st.integers(max(1, k + 1 - 2 * p), 11))  # the conv output holds one 2×2 window at least
    w = draw(st.integers(max(1, k + 1 - 2 * p), 11))
    n = draw(st.integers(1, 5))
    return k, p, c, nk, h, w, n, draw(st.booleans()), draw(st.integers(0, 2**16))


def _fused(case, block_bytes=None):
    k, p, c, nk, h, w, n, relu, seed = case
    layers = [f"conv:{nk}:{k}:1:{p}"] + (["relu"] if relu else []) + ["maxpool:2", "dense:2"]
    model = ImageCNN((h, w, c), layers, seed=seed % 97)
    step = ConvPool(model.ops[0], model.specs[len(layers) - 2], relu)
    if block_bytes is not None:
        step.block_bytes = block_bytes
    return model, step


def _run(model, step, x, g, need_dx=True):
    out, cache = step.forward(model.to_internal(x), True, None)
    out = out.transpose(3, 1, 2, 0).copy()
    G = np.zeros(model.n_params)
    dx = step.backward(np.ascontiguousarray(g.transpose(3, 1, 2, 0)), cache, G, need_dx)
    grads = model.unflatten(G)
    return out, grads["conv1.W"], grads["conv1.b"], None if dx is None else dx.transpose(3, 1, 2, 0)


@given(cases())
@settings(max_examples=60, deadline=None)
def test_fused_step_is_exact_where_nothing_rounds(case):
    """Whole-number inputs, weights in quarters: the fused step's pooled values, ∂loss/∂W,
    ∂loss/∂b and ∂loss/∂x equal the plain three layers' exactly — every tie sent to the same
    first maximum — in one block and one pooled row per block."""
    k, p, c, nk, h, w, n, relu, seed = case
    rng = np.random.default_rng(seed)
    x = rng.integers(-2, 3, size=(n, h, w, c)).astype(float)
    model, step = _fused(case)
    model.params["conv1.W"] = rng.integers(-4, 5, size=model.params["conv1.W"].shape) / 4
    model.params["conv1.b"] = rng.integers(-2, 3, size=nk) / 2
    hq, wq = (h + 2 * p - k + 1) // 2, (w + 2 * p - k + 1) // 2
    g = rng.integers(-3, 4, size=(n, hq, wq, nk)).astype(float)
    want = reference(model.params["conv1.W"], model.params["conv1.b"], x, g, p, relu)
    for block_bytes in (step.block_bytes, 1):
        step.block_bytes = block_bytes
        for got, expected in zip(_run(model, step, x, g), want, strict=True):
            np.testing.assert_array_equal(got, expected)


@given(cases())
@settings(max_examples=40, deadline=None)
def test_fused_step_matches_the_reference_on_real_numbers(case):
    k, p, c, nk, h, w, n, relu, seed = case
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, h, w, c))
    model, step = _fused(case, block_bytes=1 if seed % 2 else None)
    hq, wq = (h + 2 * p - k + 1) // 2, (w + 2 * p - k + 1) // 2
    g = rng.normal(size=(n, hq, wq, nk))
    want = reference(model.params["conv1.W"], model.params["conv1.b"], x, g, p, relu)
    got = _run(model, step, x, g)
    for a, b in zip(got, want, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
    assert _run(model, step, x, g, need_dx=False)[3] is None  # the first layer: no ∂loss/∂x


def test_lenet_trains_through_the_fused_steps_with_the_written_numbers():
    """Both of LeNet's conv, relu, maxpool triples run fused in training; loss, accuracy count
    and every gradient agree with the layers run one by one in their written order."""
    X, y = digits()
    up = (np.arange(28) * 8) // 28
    model = ImageCNN((28, 28), LENET, seed=3)
    assert [indices for indices, _ in model._plan][:2] == [(0, 1, 2), (3, 4, 5)]
    assert all(isinstance(op, ConvPool) for _, op in model._plan[:2])
    xi = model.to_internal(model.check_X(X[:40][:, up][:, :, up]))
    G_fast, G_written = np.zeros(model.n_params), np.zeros(model.n_params)
    loss, right = model.loss_grad_internal(xi, y[:40], None, G_fast)
    loss_w, right_w = model.loss_grad_internal(xi, y[:40], None, G_written, deltas=[])  # written order
    assert right == right_w and loss == pytest.approx(loss_w, rel=1e-13)
    np.testing.assert_allclose(G_fast, G_written, rtol=1e-10, atol=1e-12 * np.abs(G_written).max())
    assert np.abs(G_fast).max() > 0


def test_backward_survives_the_scratch_buffers_being_forgotten():
    """``scratch`` forgets its buffers when batch shapes keep changing; a backward pass after
    that must still use the weights of its forward pass (they travel in the cache), not zeros."""
    case = (5, 1, 2, 3, 9, 8, 4, True, 11)
    model, step = _fused(case)
    rng = np.random.default_rng(4)
    x, g = rng.normal(size=(4, 9, 8, 2)), rng.normal(size=(4, 3, 3, 3))
    want = reference(model.params["conv1.W"], model.params["conv1.b"], x, g, 1, True)
    _, cache = step.forward(model.to_internal(x), True, None)
    step._local.__dict__.clear()  # as after 32 buffers of other shapes
    G = np.zeros(model.n_params)
    dx = step.backward(np.ascontiguousarray(g.transpose(3, 1, 2, 0)), cache, G, True)
    np.testing.assert_allclose(dx.transpose(3, 1, 2, 0), want[3], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(model.unflatten(G)["conv1.W"], want[1], rtol=1e-12, atol=1e-12)
