"""The image CNN's speed paths against plain references: col2im by shifted adds, blocked im2col,
the 2×2 max pool on tap copies, and BLAS pinned to one thread while the trainer steps.

The references scatter one kernel tap or one pooling window at a time with plain slicing and
``np.argmax`` (the first maximum in row-major order); they share no code with the layers.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.image_cnn import ImageCNN, ImageTrainer


@st.composite
def conv_cases(draw):
    c = draw(st.integers(1, 3))
    nk = draw(st.integers(1, 4))
    k = draw(st.integers(1, 4))
    s = draw(st.integers(1, 3))
    p = draw(st.integers(0, 2))
    h = draw(st.integers(max(1, k - 2 * p), 9))
    w = draw(st.integers(max(1, k - 2 * p), 9))
    n = draw(st.integers(1, 5))
    return c, nk, k, s, p, h, w, n, draw(st.integers(0, 2**16))


def _conv_reference(W, x, g, s, p):
    """∂loss/∂x and ∂loss/∂W of one conv, public layouts: x (n, H, W, C), g (n, H′, W′, N)."""
    n, h, w, c = x.shape
    k = W.shape[1]
    ho, wo = g.shape[1], g.shape[2]
    xp = np.zeros((n, h + 2 * p, w + 2 * p, c))
    xp[:, p:p + h, p:p + w] = x
    dxp = np.zeros_like(xp)
    dW = np.zeros_like(W)
    for i in range(k):
        for j in range(k):
            patch = xp[:, i:i + s * ho:s, j:j + s * wo:s]  # (n, H′, W′, C)
            dxp[:, i:i + s * ho:s, j:j + s * wo:s] += np.einsum("nrqk,kc->nrqc", g, W[:, i, j, :])
            dW[:, i, j, :] = np.einsum("nrqk,nrqc->kc", g, patch)
    return dxp[:, p:p + h, p:p + w], dW


@given(conv_cases())
@settings(max_examples=40, deadline=None)
def test_conv_backward_matches_a_tap_by_tap_scatter(case):
    """col2im (shifted contiguous adds of zero-bordered copies) and the blocked ∂W, any
    stride and padding, equal the plain scatter over kernel taps."""
    c, nk, k, s, p, h, w, n, seed = case
    model = ImageCNN((h, w, c), [f"conv:{nk}:{k}:{s}:{p}", "dense:2"], seed=seed % 97)
    conv = model.ops[0]
    conv.keep_cols = True  # a deeper layer's role: it must hand ∂loss/∂x down
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, h, w, c))
    ho, wo = model.output_shapes[0][:2]
    g = rng.normal(size=(n, ho, wo, nk))
    want_dx, want_dW = _conv_reference(model.params["conv1.W"], x, g, s, p)
    for block_bytes in (1, conv.block_bytes):  # one output row per block, and the default
        conv.block_bytes = block_bytes
        _, cache = conv.forward(model.to_internal(x), True, None)
        G = np.zeros(model.n_params)
        dx = conv.backward(np.ascontiguousarray(g.transpose(3, 1, 2, 0)), cache, G, True)
        np.testing.assert_allclose(dx.transpose(3, 1, 2, 0), want_dx, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(model.unflatten(G)["conv1.W"], want_dW, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(model.unflatten(G)["conv1.b"], g.sum(axis=(0, 1, 2)), rtol=1e-12)


@given(st.integers(2, 9), st.integers(2, 9), st.integers(1, 3), st.integers(1, 4), st.integers(0, 2**16))
@settings(max_examples=40, deadline=None)
def test_max_pool_2x2_sends_each_window_gradient_to_its_first_maximum(h, w, c, n, seed):
    """Values from {0, 1, 2} make ties everywhere, as on a digit's blank background; odd
    sizes leave a last row or column that no window covers (zero gradient)."""
    model = ImageCNN((h, w, c), ["maxpool:2", "dense:2"], seed=0)
    pool = model.ops[0]
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 3, size=(n, h, w, c)).astype(float)
    ho, wo = h // 2, w // 2
    g = rng.normal(size=(n, ho, wo, c))
    want_out = np.zeros((n, ho, wo, c))
    want_dx = np.zeros_like(x)
    for r in range(ho):
        for q in range(wo):
            window = x[:, 2 * r:2 * r + 2, 2 * q:2 * q + 2, :].reshape(n, 4, c)
            first = window.argmax(axis=1)  # the first maximum in row-major order
            want_out[:, r, q] = window.max(axis=1)
            for t in range(4):
                want_dx[:, 2 * r + t // 2, 2 * q + t % 2] += np.where(first == t, g[:, r, q], 0.0)
    out, cache = pool.forward(model.to_internal(x), True, None)
    assert np.array_equal(out.transpose(3, 1, 2, 0), want_out)
    dx = pool.backward(np.ascontiguousarray(g.transpose(3, 1, 2, 0)), cache, None, True)
    assert np.array_equal(dx.transpose(3, 1, 2, 0), want_dx)


def test_the_trainer_holds_blas_to_one_thread_while_it_steps():
    """The app trains through ``step_batches``; BLAS must be pinned inside it, not only in the
    bench. (On a one-core machine BLAS has one thread anyway and this cannot tell.)"""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    model = ImageCNN((8, 8), ["conv:4:3:1:1", "relu", "maxpool:2", "dense:3"], seed=0)
    rng = np.random.default_rng(0)
    trainer = ImageTrainer(model, rng.random((40, 8, 8)), rng.integers(0, 3, 40), batch_size=8)
    seen = []
    inner = model.loss_grad_internal

    def spy(*args, **kw):
        seen.extend(info["num_threads"] for info in threadpoolctl.threadpool_info()
                    if info.get("user_api") == "blas")
        return inner(*args, **kw)

    model.loss_grad_internal = spy
    assert trainer.step_batches(3) == 3
    assert seen and set(seen) == {1}


@given(st.integers(1, 40), st.sampled_from(["float64", "float32"]), st.integers(1, 3), st.integers(0, 2**16))
@settings(max_examples=25, deadline=None)
def test_a_gathered_batch_holds_the_images_fancy_indexing_picks(size, dtype, c, seed):
    """The trainer gathers a batch as rows then one transposing copy into a reused buffer;
    it must hold exactly ``_xi[..., idx]`` (the images in the layers' layout), in any order."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 5, 7, c))
    model = ImageCNN((5, 7, c), ["conv:2:3", "dense:2"], dtype=dtype)
    trainer = ImageTrainer(model, X, rng.integers(0, 2, 40))
    for _ in range(2):  # the second call reuses the buffer
        idx = rng.permutation(40)[:size]
        got = trainer._gather(idx)
        assert got.dtype == model.dtype
        assert np.array_equal(got, model.to_internal(X)[..., idx])
