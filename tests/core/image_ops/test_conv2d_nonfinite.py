"""conv2d without a pass to check the pixels first: NaN and ∞ still spread as IEEE arithmetic says.

A plan made without ``finite=True`` skips the check when it skips no tap (no zero weight, or
Sobel's and Prewitt's [−1 0 1] kept as a difference of pair sums; no FFT),
and otherwise checks the rows it reads once (BLAS row sums), taking the plan that applies every
tap if one is NaN or ∞. Both are compared here with an independent slow reference: the sum of
every tap's shifted slice × weight in float64, zero weights included. Also the row-by-row matrix
products (``method="matmul"``) over many blocks of rows and several kernels at once.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.image_ops.conv2d as conv_module
import core.image_ops.correlation as correlation
from core.image_ops.conv2d import conv2d, conv2d_plan, stack_kernels
from core.image_ops.kernels import get_kernel

LIBRARY = ("sobel-x", "sobel-y", "prewitt-x", "prewitt-y", "laplacian", "identity", "sharpen")
NP_PAD = {"zeros": "constant", "constant": "constant", "nearest": "edge", "reflect": "reflect"}


def reference(x, kernel, bias=0.0, stride=(1, 1), padding=(1, 1), mode="zeros", value=0.0):
    """Σ over every tap (i, j) and channel of K[i, j, ch] · padded[i + r·s, j + c·s, ch] + b, in float64."""
    img = np.asarray(x, np.float64)
    img = img[:, :, None] if img.ndim == 2 else img
    k = np.asarray(kernel, np.float64)
    k = np.repeat(k[:, :, None], img.shape[2], axis=2) if k.ndim == 2 else k
    pad = ((padding[0],) * 2, (padding[1],) * 2, (0, 0))
    padded = (np.pad(img, pad, constant_values=value if mode == "constant" else 0.0)
              if NP_PAD[mode] == "constant" else np.pad(img, pad, mode=NP_PAD[mode]))
    kh, kw = k.shape[:2]
    ho = (padded.shape[0] - kh) // stride[0] + 1
    wo = (padded.shape[1] - kw) // stride[1] + 1
    out = np.zeros((ho, wo))
    with np.errstate(invalid="ignore"):
        for i in range(kh):
            for j in range(kw):
                for ch in range(img.shape[2]):
                    window = padded[i : i + (ho - 1) * stride[0] + 1 : stride[0],
                                    j : j + (wo - 1) * stride[1] + 1 : stride[1], ch]
                    out += k[i, j, ch] * window
    return out + bias


def kernel_of(kind: str, size: int, rng) -> np.ndarray:
    if kind in ("box", "gaussian"):
        return get_kernel(kind, size)
    if kind in LIBRARY:
        return get_kernel(kind)
    if kind == "full":  # no zero weight: nothing needs checking
        return rng.uniform(0.5, 1.5, (size, size)) * rng.choice([-1, 1], (size, size))
    k = rng.normal(size=(size, size))
    k[rng.random(k.shape) < 0.4] = 0.0  # "sparse"
    return k


def same_masks(got: np.ndarray, expected: np.ndarray, atol: float) -> None:
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    np.testing.assert_array_equal(np.isposinf(got), np.isposinf(expected))
    np.testing.assert_array_equal(np.isneginf(got), np.isneginf(expected))
    finite = np.isfinite(expected)
    np.testing.assert_allclose(got[finite], expected[finite], rtol=0, atol=atol)


@st.composite
def spoiled(draw):
    """An image (grey or RGB) with 0–3 NaN / ±∞ pixels anywhere (late rows too), a kernel, geometry."""
    h, w = draw(st.integers(6, 90)), draw(st.integers(6, 40))
    channels = draw(st.sampled_from([0, 3]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = rng.random((h, w, channels) if channels else (h, w))
    for _ in range(draw(st.integers(0, 3))):
        spot = (rng.integers(h), rng.integers(w)) + ((rng.integers(channels),) if channels else ())
        x[spot] = draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    kind = draw(st.sampled_from([*LIBRARY, "box", "gaussian", "full", "sparse"]))
    k = kernel_of(kind, draw(st.sampled_from([3, 3, 5])), rng)
    if channels and draw(st.booleans()):  # one 2-D shape over R, G, B with weights, one of them zero
        k = k[:, :, None] * np.array([1.0, 0.0, -2.0])
    mode = draw(st.sampled_from(list(NP_PAD)))
    p = draw(st.integers(0, min(k.shape[0] // 2 + 1, h - 1, w - 1)))
    stride = draw(st.sampled_from([(1, 1), (1, 1), (2, 1)]))
    dtype = draw(st.sampled_from([np.float32, np.float64]))
    chunk = draw(st.sampled_from([64, 512, 1 << 21]))  # bytes of padded rows per chunk: many or one
    return x.astype(dtype), k, (p, p), mode, stride, chunk


@settings(max_examples=150, deadline=None)
@given(spoiled(), st.sampled_from(["auto", "auto", "direct", "matmul"]))
def test_without_a_first_check_nan_and_inf_still_spread_as_ieee_says(case, method):
    x, k, padding, mode, stride, chunk = case
    if method == "matmul" and stride != (1, 1):
        method = "auto"
    expected = reference(x, k, 0.25, stride, padding, mode, 0.5)
    with pytest.MonkeyPatch.context() as mp, warnings.catch_warnings():
        mp.setattr(conv_module, "_CHUNK", chunk)
        warnings.simplefilter("error")  # no RuntimeWarning for ∞ − ∞: the result says it
        got = conv2d(x, k, 0.25, stride, padding, mode, 0.5, method=method)
    finite = x[np.isfinite(x)]
    scale = float(np.abs(k).sum()) * max(1.0, float(np.abs(finite).max()) if finite.size else 1.0) + 0.25
    same_masks(got, expected, scale * (2e-5 if x.dtype == np.float32 else 1e-11))


def test_a_plan_checks_only_what_a_zero_weight_or_the_fft_could_hide():
    x = np.random.default_rng(0).random((40, 50), dtype=np.float32)
    for name in ("box", "gaussian"):
        assert conv2d_plan(x, get_kernel(name), padding=1).exact()  # every tap is applied anyway
    assert conv2d_plan(x, np.full((3, 3), 0.5), padding=1, method="matmul").exact()
    for name in ("sobel-x", "sobel-y", "prewitt-x", "prewitt-y"):  # [−1 0 1] as pair sums: covered
        assert conv2d_plan(x, get_kernel(name), padding=1).exact()
        known = conv2d_plan(x, get_kernel(name), padding=1, finite=True).plans[0]
        assert len(known[2 if "x" in name else 1]) == 2  # finite pixels: [−1 1], one pass
    for name in ("laplacian", "identity"):
        assert not conv2d_plan(x, get_kernel(name), padding=1).exact()
    assert not conv2d_plan(x, get_kernel("box"), padding=1, method="fft").exact()
    rgb = np.random.default_rng(1).random((20, 20, 3), dtype=np.float32)
    assert not conv2d_plan(rgb, get_kernel("box")[:, :, None] * np.array([1.0, 0.0, 1.0]), padding=1).exact()


@pytest.mark.parametrize("name", ["laplacian", "sobel-x", "identity"])
def test_a_nan_far_down_a_tall_image_reaches_every_window_over_it(monkeypatch, name):
    """Its corner (Laplacian) or its column (Sobel) has weight 0: only applying it shows the NaN."""
    monkeypatch.setattr(conv_module, "_CHUNK", 2048)  # 8 rows of 64 values a chunk: the NaN is in the last
    x = np.random.default_rng(1).random((200, 64), dtype=np.float32)
    x[197, 30] = np.nan
    kernel = get_kernel(name)
    plan = conv2d_plan(x, kernel, padding=1)
    checking = plan.fallback is not None
    got = plan.run()
    same_masks(got, reference(x, kernel), 1e-5 * 8)
    assert np.isnan(got[196:199, 29:32]).all() and np.isfinite(got[:195]).all()
    assert checking == (name != "sobel-x") and plan.fallback is None  # after the NaN: every tap, no checks
    assert np.isnan(plan.run((190, 200))[6:9, 29:32]).all()


def test_finite_pixels_keep_the_plan_that_skips_zero_weights(monkeypatch):
    monkeypatch.setattr(conv_module, "_CHUNK", 2048)
    x = np.random.default_rng(2).random((100, 64), dtype=np.float32)
    plan = conv2d_plan(x, get_kernel("laplacian"), padding=1)
    got = plan.run()
    assert plan.fallback is not None and len(plan.plans[0][1]) == 5  # still checking; 5 taps, not 9
    same_masks(got, reference(x, get_kernel("laplacian")), 1e-5 * 8)


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 70), st.integers(2, 40), st.integers(1, 9), st.integers(1, 9), st.integers(1, 3),
       st.integers(0, 4), st.sampled_from(list(NP_PAD)), st.sampled_from([256, 4096, 1 << 20]),
       st.integers(0, 2**32 - 1))
def test_row_products_over_many_blocks_and_kernels_are_the_definition(h, w, kh, kw, n_k, p, mode, block,
                                                                     seed):
    rng = np.random.default_rng(seed)
    kh, kw = min(kh, h + 2 * p), min(kw, w + 2 * p)
    if mode == "reflect":
        p = min(p, h - 1, w - 1)
        kh, kw = min(kh, h + 2 * p), min(kw, w + 2 * p)
    x = rng.normal(size=(h, w)).astype(np.float32)
    ks = rng.normal(size=(n_k, kh, kw))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(correlation, "MATMUL_BYTES", block)  # blocks of one row up to all of them
        got = conv2d(x, stack_kernels(list(ks), 1), bias=[0.5] * n_k, padding=p, pad_mode=mode,
                     pad_value=0.5, method="matmul")
    for q in range(n_k):
        expected = reference(x, ks[q], 0.5, padding=(p, p), mode=mode, value=0.5)
        np.testing.assert_allclose(got[..., q], expected, rtol=0,
                                   atol=2e-5 * float(np.abs(ks[q]).sum()) * max(1.0, float(np.abs(x).max())))
