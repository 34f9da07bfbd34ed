"""conv2d's ways of computing (direct, separable, matmul, fft), bands and chunks, and IEEE NaN/∞.

Every method is checked against the definition written with NumPy's sliding windows in float64
(which multiplies every tap, zero weights too), and the non-finite cases against
``scipy.signal.correlate2d``, which does the same.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.image_ops.choice as choice
import core.image_ops.conv2d as conv_module
from core.image_ops.conv2d import conv2d, stack_kernels
from core.image_ops.kernels import get_kernel

signal = pytest.importorskip("scipy.signal")
ndimage = pytest.importorskip("scipy.ndimage")

NP_PAD = {"zeros": "constant", "constant": "constant", "nearest": "edge", "reflect": "reflect"}
CASES = settings(max_examples=120, deadline=None)


def definition(image, kernel, bias=0.0, stride=(1, 1), padding=(0, 0), mode="zeros", value=0.0):
    """Σ_ij Σ_ch padded[r·s + i, c·s + j, ch]·K[i, j, ch] + b, every tap multiplied (float64)."""
    img = np.asarray(image, np.float64)
    img = img[:, :, None] if img.ndim == 2 else img
    k = np.asarray(kernel, np.float64)
    k = np.repeat(k[:, :, None], img.shape[2], axis=2) if k.ndim == 2 else k
    pad = ((padding[0],) * 2, (padding[1],) * 2, (0, 0))
    if NP_PAD[mode] == "constant":
        padded = np.pad(img, pad, constant_values=value if mode == "constant" else 0.0)
    else:
        padded = np.pad(img, pad, mode=NP_PAD[mode])
    win = np.lib.stride_tricks.sliding_window_view(padded, k.shape[:2], axis=(0, 1))
    win = win[:: stride[0], :: stride[1]]  # (H', W', C, kh, kw)
    with np.errstate(invalid="ignore"):
        return np.einsum("yxcij,ijc->yx", win, k) + bias


@st.composite
def cases(draw, max_side=40):
    """An image (grey or RGB), a kernel of one of the lab's kinds, padding, stride and dtype."""
    h, w = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    channels = draw(st.sampled_from([0, 3]))
    mode = draw(st.sampled_from(list(NP_PAD)))
    cap = (h - 1, w - 1) if mode == "reflect" else (6, 6)
    padding = (draw(st.integers(0, min(6, cap[0]))), draw(st.integers(0, min(6, cap[1]))))
    kh = draw(st.integers(1, min(13, h + 2 * padding[0])))
    kw = draw(st.integers(1, min(13, w + 2 * padding[1])))
    stride = draw(st.sampled_from([(1, 1), (1, 1), (2, 2), (3, 1)]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    kind = draw(st.sampled_from(["general", "separable", "integer", "sparse"]))
    if kind == "separable":
        kernel = np.outer(rng.normal(size=kh), rng.normal(size=kw))
    elif kind == "integer":
        kernel = rng.integers(-2, 3, size=(kh, kw)).astype(float)
    elif kind == "sparse":
        kernel = rng.normal(size=(kh, kw)) * (rng.random((kh, kw)) < 0.3)
    else:
        kernel = rng.normal(size=(kh, kw))
    image = rng.normal(size=(h, w, channels) if channels else (h, w))
    dtype = draw(st.sampled_from([np.float32, np.float64]))
    return image.astype(dtype), kernel, draw(st.floats(-2, 2)), stride, padding, mode, draw(st.floats(-1, 1))


def methods_for(kernel: np.ndarray, stride) -> list[str]:
    u, s, vt = np.linalg.svd(kernel)
    rank1 = s.size == 1 or s[1] <= 1e-9 * max(s[0], 1e-300)
    out = ["auto", "direct", "fft"]
    if stride == (1, 1):
        out.append("matmul")
    if rank1 and np.any(kernel):
        out.append("separable")
    return out


def tolerance(image, kernel, dtype, bias: float = 0.0) -> float:
    scale = float(np.abs(kernel).sum() * max(1.0, np.abs(image).max())) + abs(bias) + 1e-12
    return scale * (2e-5 if dtype == np.float32 else 1e-11)


@CASES
@given(cases())
def test_every_method_is_the_definition(case):
    image, kernel, bias, stride, padding, mode, value = case
    expected = definition(image, kernel, bias, stride, padding, mode, value)
    for method in methods_for(kernel, stride):
        got = conv2d(image, kernel, bias, stride, padding, mode, value, method=method)
        assert got.shape == expected.shape and got.dtype == image.dtype
        np.testing.assert_allclose(got, expected, rtol=0, atol=tolerance(image, kernel, image.dtype, bias),
                                   err_msg=f"method={method}")


@CASES
@given(cases(max_side=30), st.data())
def test_bands_of_rows_put_together_are_the_whole_map(case, data):
    image, kernel, bias, stride, padding, mode, value = case
    full = conv2d(image, kernel, bias, stride, padding, mode, value)
    cuts = sorted(set(data.draw(st.lists(st.integers(1, max(1, full.shape[0] - 1)), max_size=4))))
    edges = [0] + [c for c in cuts if 0 < c < full.shape[0]] + [full.shape[0]]
    out = np.empty_like(full)
    for a, b in zip(edges, edges[1:], strict=False):
        band = conv2d(image, kernel, bias, stride, padding, mode, value, rows=(a, b))
        assert band.shape == (b - a, *full.shape[1:])
        conv2d(image, kernel, bias, stride, padding, mode, value, rows=(a, b), out=out[a:b])
        np.testing.assert_array_equal(out[a:b], band)
    np.testing.assert_allclose(out, full, rtol=0, atol=tolerance(image, kernel, image.dtype, bias))


@pytest.mark.parametrize("method", ["direct", "separable", "matmul", "fft"])
@pytest.mark.parametrize("mode", ["zeros", "reflect", "nearest"])
def test_many_small_chunks_give_the_same_map(monkeypatch, method, mode):
    """The padded rows are built a chunk at a time; chunk edges must not show."""
    monkeypatch.setattr(conv_module, "_CHUNK", 4096)
    x = np.random.default_rng(2).random((300, 70, 3), dtype=np.float32)
    k = get_kernel("gaussian", 7)
    got = conv2d(x, stack_kernels([k, 2 * k], 3), padding=3, pad_mode=mode, method=method)
    for n, scale in enumerate((1, 2)):
        np.testing.assert_allclose(got[..., n], definition(x, scale * k, padding=(3, 3), mode=mode),
                                   atol=1e-5)


def test_a_stack_comes_back_one_contiguous_map_per_kernel():
    x = np.random.default_rng(0).random((50, 60), dtype=np.float32)
    three = np.stack([get_kernel(n) for n in ("sobel-x", "sobel-y", "laplacian")])
    out = conv2d(x, three, padding=1)
    assert out.shape == (50, 60, 3)
    assert all(out[..., n].flags.c_contiguous for n in range(3))


def test_out_must_fit_the_result():
    x = np.ones((10, 10), np.float32)
    out = np.empty((8, 8), np.float32)
    assert conv2d(x, np.ones((3, 3)), out=out) is out and np.all(out == 9)
    for bad in (np.empty((8, 8)), np.empty((8, 9), np.float32)):
        with pytest.raises(ValueError, match="out"):
            conv2d(x, np.ones((3, 3)), out=bad)
    with pytest.raises(ValueError, match="rows"):
        conv2d(x, np.ones((3, 3)), rows=(5, 9))
    with pytest.raises(ValueError, match="method"):
        conv2d(x, np.ones((3, 3)), method="winograd")
    with pytest.raises(ValueError, match="rank-1"):
        conv2d(x, np.eye(3), method="separable")
    with pytest.raises(ValueError, match="stride 1"):
        conv2d(x, np.ones((3, 3)), stride=2, method="matmul")


@pytest.mark.parametrize("k, kind, expected", [
    (3, "sobel-x", "sep"), (3, "gaussian", "sep"), (15, "box", "sep"), (3, "random", "matmul"),
    (9, "random", "matmul"), (15, "random", "matmul"), (21, "random", "fft"), (31, "random", "fft"),
    (31, "rank-1", "fft"), (15, "rank-1", "sep"),
])
def test_auto_chooses_the_measured_winner(k, kind, expected):
    """The choices bench_conv.py --calibrate measured (see choice.COST)."""
    if kind == "rank-1":  # no ±1 weights: as costly per tap as a separable kernel gets
        rng = np.random.default_rng(0)
        kernel = np.outer(rng.uniform(0.1, 1, k), rng.uniform(0.1, 1, k))
    else:
        kernel = get_kernel(kind, k) if kind in ("gaussian", "box", "random") else get_kernel(kind)
    plan = choice.plan(kernel.astype(np.float32), np.dtype(np.float32), (1, 1), "auto", True)
    assert plan[0] == expected


def test_fft_is_refused_where_its_tile_sums_could_overflow():
    x = np.ones((40, 40), np.float32)
    huge = np.full((21, 21), 1e35, np.float32)
    with pytest.raises(ValueError, match="overflow"):
        conv2d(x, huge, method="fft")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(conv2d(x, huge)).all()  # auto falls back to a safe method


# ----------------------------------------------------------------------------- NaN and ∞


@st.composite
def hostile(draw):
    """An image with a few NaN / ±∞ pixels and a kernel with zeros in it."""
    h, w = draw(st.integers(3, 30)), draw(st.integers(3, 30))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = rng.random((h, w))
    for _ in range(draw(st.integers(1, 4))):
        x[rng.integers(h), rng.integers(w)] = draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    name = draw(st.sampled_from(["sobel-x", "sobel-y", "laplacian", "identity", "sparse", "prewitt-x"]))
    if name == "sparse":
        k = rng.normal(size=(draw(st.integers(1, 7)), draw(st.integers(1, 7))))
        k[rng.random(k.shape) < 0.5] = 0.0
    else:
        k = get_kernel(name)
    k = k[: min(k.shape[0], h), : min(k.shape[1], w)]
    return x, k, draw(st.integers(0, 2)), draw(st.sampled_from([np.float32, np.float64]))


@CASES
@given(hostile())
def test_nan_and_inf_spread_as_ieee_arithmetic_says(case):
    """NaN·0 = NaN and ∞·0 = NaN: a non-finite pixel under a zero weight still spoils that output."""
    x, k, p, dtype = case
    padded = np.pad(x, p)
    with np.errstate(invalid="ignore"):
        expected = signal.correlate2d(padded, k, mode="valid")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning for ∞ − ∞: the result says it
        got = conv2d(x.astype(dtype), k, padding=p)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    np.testing.assert_array_equal(np.isposinf(got), np.isposinf(expected))
    np.testing.assert_array_equal(np.isneginf(got), np.isneginf(expected))
    finite = np.isfinite(expected)
    np.testing.assert_allclose(got[finite], expected[finite], atol=1e-4)


def test_a_nan_under_a_zero_weight_is_not_hidden_as_scipy_ndimage_hides_it():
    x = np.ones((5, 5))
    x[2, 2] = np.nan
    sobel = get_kernel("sobel-x")  # middle column is zero
    ours = conv2d(x, sobel, padding=1)
    assert np.isnan(ours[1:4, 1:4]).all()  # every window that covers the NaN
    assert np.isfinite(ndimage.correlate(x, sobel, mode="constant")[2, 2])  # ndimage skips zero weights
    with np.errstate(invalid="ignore"):
        assert np.isnan(signal.correlate2d(np.pad(x, 1), sobel, mode="valid")[1:4, 1:4]).all()


def test_nan_in_one_channel_of_rgb_reaches_every_map():
    x = np.random.default_rng(1).random((8, 9, 3)).astype(np.float32)
    x[4, 4, 2] = np.nan
    mix = np.zeros((3, 3, 3))
    mix[1, 1, 0] = 1.0  # reads only channel R: blue's NaN is multiplied by zero weights
    out = conv2d(x, stack_kernels([get_kernel("box"), get_kernel("identity")], 3), padding=1)
    assert np.isnan(out[3:6, 3:6]).all() and np.isfinite(out[0, 0]).all()
    assert np.isnan(conv2d(x, mix, padding=1)[3:6, 3:6]).all()
