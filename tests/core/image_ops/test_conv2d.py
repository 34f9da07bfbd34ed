"""core.image_ops.conv2d against an obvious nested-loop reference and against scipy.ndimage.correlate."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.image_ops.conv2d import conv2d, output_size, pool2d, stack_kernels
from core.image_ops.kernels import get_kernel
from core.image_ops.receptive_field import compose_receptive_field, conv_window, receptive_field

ndimage = pytest.importorskip("scipy.ndimage")

MODES = ("zeros", "constant", "nearest", "reflect")
NP_PAD = {"zeros": "constant", "constant": "constant", "nearest": "edge", "reflect": "reflect"}
SCIPY_MODE = {"zeros": "constant", "constant": "constant", "nearest": "nearest", "reflect": "mirror"}
FAST = settings(max_examples=150, deadline=None)


def reference_conv(image, kernel, bias=0.0, stride=(1, 1), padding=(0, 0), mode="zeros", value=0.0):
    """The definition, written out: pad with np.pad, slide the window, multiply, add, + b.

    ``image`` (H, W, C), ``kernel`` (kh, kw, C): one output map (H', W').
    """
    pad = ((padding[0], padding[0]), (padding[1], padding[1]), (0, 0))
    if NP_PAD[mode] == "constant":
        padded = np.pad(image.astype(np.float64), pad, constant_values=value if mode == "constant" else 0)
    else:
        padded = np.pad(image.astype(np.float64), pad, mode=NP_PAD[mode])
    kh, kw = kernel.shape[:2]
    h_out = (padded.shape[0] - kh) // stride[0] + 1
    w_out = (padded.shape[1] - kw) // stride[1] + 1
    out = np.zeros((h_out, w_out))
    for r in range(h_out):
        for c in range(w_out):
            total = 0.0
            for i in range(kh):
                for j in range(kw):
                    for ch in range(image.shape[2]):
                        total += padded[r * stride[0] + i, c * stride[1] + j, ch] * kernel[i, j, ch]
            out[r, c] = total + bias
    return out


@st.composite
def conv_cases(draw):
    """A random image, kernel (even and non-square sizes too), stride, padding and mode."""
    h, w = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    channels = draw(st.sampled_from([0, 1, 2, 3]))  # 0: a 2-D image
    mode = draw(st.sampled_from(MODES))
    cap = (h - 1, w - 1) if mode == "reflect" else (3, 3)
    padding = (draw(st.integers(0, min(3, cap[0]))), draw(st.integers(0, min(3, cap[1]))))
    kh = draw(st.integers(1, h + 2 * padding[0]))
    kw = draw(st.integers(1, w + 2 * padding[1]))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    image = rng.normal(size=(h, w, channels) if channels else (h, w))
    kind = draw(st.sampled_from(["general", "separable", "integer", "per-channel", "mixed"]))
    c = max(channels, 1)
    if kind == "separable":
        kernel = np.outer(rng.normal(size=kh), rng.normal(size=kw))
    elif kind == "integer":
        kernel = rng.integers(-2, 3, size=(kh, kw)).astype(float)
    elif kind == "per-channel" and channels:
        kernel = rng.normal(size=(kh, kw, c))
    elif kind == "mixed" and channels:  # one 2-D kernel times a weight per channel
        kernel = rng.normal(size=(kh, kw))[:, :, None] * rng.normal(size=c)
    else:
        kernel = rng.normal(size=(kh, kw))
    bias = draw(st.floats(-2, 2))
    value = draw(st.floats(-1, 1))
    return image, kernel, bias, stride, padding, mode, value


def as_hwc(image, kernel):
    """The reference's shapes: image (H, W, C), kernel (kh, kw, C)."""
    img = image if image.ndim == 3 else image[:, :, None]
    k = kernel if kernel.ndim == 3 else np.repeat(kernel[:, :, None], img.shape[2], axis=2)
    return img, k


@FAST
@given(conv_cases())
def test_matches_reference_loop(case):
    image, kernel, bias, stride, padding, mode, value = case
    got = conv2d(image, kernel, bias, stride, padding, mode, value)
    expected = reference_conv(*as_hwc(image, kernel), bias, stride, padding, mode, value)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)
    got32 = conv2d(image.astype(np.float32), kernel, bias, stride, padding, mode, value)
    assert got32.dtype == np.float32
    np.testing.assert_allclose(got32, expected, rtol=1e-4, atol=1e-4)


@FAST
@given(conv_cases(), st.sampled_from([np.float32, np.float64]))
def test_matches_scipy_correlate(case, dtype):
    """scipy's window for output y starts at y − kh//2 − origin; choose origin = p − kh//2."""
    image, kernel, _, stride, padding, mode, value = case
    image = image if image.ndim == 2 else image[:, :, 0]
    kernel = kernel if kernel.ndim == 2 else kernel[:, :, 0]
    kh, kw = kernel.shape
    padding = (min(padding[0], kh - 1), min(padding[1], kw - 1))  # scipy's origin range
    x = image.astype(dtype)
    got = conv2d(x, kernel, 0.0, stride, padding, mode, value)
    expected = ndimage.correlate(
        x,
        kernel.astype(dtype),
        mode=SCIPY_MODE[mode],
        cval=value if mode == "constant" else 0.0,
        origin=(padding[0] - kh // 2, padding[1] - kw // 2),
    )[:: stride[0], :: stride[1]]
    n_y, n_x = min(got.shape[0], expected.shape[0]), min(got.shape[1], expected.shape[1])
    tol = 1e-4 if dtype == np.float32 else 1e-9
    np.testing.assert_allclose(got[:n_y, :n_x], expected[:n_y, :n_x], rtol=tol, atol=tol)


@pytest.mark.parametrize("name", ["gaussian", "laplacian", "sobel-x", "random"])
@pytest.mark.parametrize("stride", [1, 2, (3, 1)])
def test_large_image_crosses_row_blocks(name, stride):
    """Wide enough that the fast path works in several row blocks; scipy as the anchor."""
    x = np.random.default_rng(3).random((150, 2100), dtype=np.float32)
    k = get_kernel(name)
    got = conv2d(x, k, padding=1, stride=stride)
    sy, sx = (stride, stride) if isinstance(stride, int) else stride
    expected = ndimage.correlate(x, k.astype(np.float32), mode="constant")[::sy, ::sx]
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_reflect_and_nearest_padding_by_hand():
    """reflect mirrors without repeating the edge (np.pad / PyTorch); nearest repeats it."""
    row = np.array([[1.0, 2.0, 3.0]])
    pick = np.zeros((1, 5))
    pick[0, 0] = 1.0  # a kernel that copies the first element of its window
    assert conv2d(row, pick, padding=(0, 2), pad_mode="reflect").tolist() == [[3, 2, 1]]
    assert conv2d(row, pick, padding=(0, 2), pad_mode="nearest").tolist() == [[1, 1, 1]]
    assert conv2d(row, pick, padding=(0, 2), pad_mode="constant", pad_value=7).tolist() == [
        [7, 7, 1]
    ]
    assert conv2d(row, pick, padding=(0, 2)).tolist() == [[0, 0, 1]]


# ----------------------------------------------------------------------------- shapes


RNG = np.random.default_rng(7)
GREY = RNG.random((6, 7))
RGB = RNG.random((6, 7, 3))


@pytest.mark.parametrize(
    "image, kernels, shape",
    [
        (GREY, np.ones((3, 3)), (4, 5)),
        (GREY, np.ones((2, 3, 3)), (4, 5, 2)),
        (GREY, np.ones((1, 3, 3)), (4, 5, 1)),  # a stack of one keeps its channel axis
        (GREY, np.ones((2, 3, 3, 1)), (4, 5, 2)),
        (RGB, np.ones((3, 3)), (4, 5)),
        (RGB, np.ones((3, 2, 3)), (4, 6)),  # last axis = C: one (kh, kw, C) kernel
        (RGB, np.ones((2, 3, 2)), (4, 6, 2)),  # last axis ≠ C: a stack of 2-D kernels
        (RGB, np.ones((4, 3, 3, 3)), (4, 5, 4)),
    ],
)
def test_output_shapes(image, kernels, shape):
    assert conv2d(image, kernels).shape == shape


def test_a_kernel_spans_and_sums_all_channels():
    k = RNG.normal(size=(3, 3, 3))
    per_channel = sum(conv2d(RGB[:, :, c], k[:, :, c]) for c in range(3))
    np.testing.assert_allclose(conv2d(RGB, k), per_channel, rtol=1e-12)
    # a 2-D kernel on RGB = the same kernel on each channel, summed
    k2 = k[:, :, 0]
    np.testing.assert_allclose(conv2d(RGB, k2), conv2d(RGB.sum(axis=2), k2), rtol=1e-12)


def test_a_stack_is_its_kernels_side_by_side_with_one_bias_each():
    ks = RNG.normal(size=(3, 3, 3, 3))
    bias = [0.5, -1.0, 2.0]
    out = conv2d(RGB, ks, bias=bias, stride=2, padding=1, pad_mode="nearest")
    for n in range(3):
        single = conv2d(RGB, ks[n], bias=bias[n], stride=2, padding=1, pad_mode="nearest")
        np.testing.assert_allclose(out[:, :, n], single, rtol=1e-12)
    three = [get_kernel("sobel-x"), get_kernel("sobel-y"), get_kernel("laplacian")]
    stacked = conv2d(RGB, stack_kernels(three, 3))
    assert stack_kernels(three, 3).shape == (3, 3, 3, 3) and stacked.shape == (4, 5, 3)
    for n in range(3):
        np.testing.assert_allclose(stacked[:, :, n], conv2d(RGB, three[n]), rtol=1e-12)
    # the documented trap: with 3 channels a (3, 3, 3) array is ONE kernel over R, G, B
    assert conv2d(RGB, np.array(three)).shape == (4, 5)


@pytest.mark.parametrize(
    "dtype, expected",
    [
        (np.float32, np.float32),
        (np.float64, np.float64),
        (np.float16, np.float16),
        (np.uint8, np.float32),
        (np.int64, np.float32),
        (np.bool_, np.float32),
    ],
)
def test_dtype_is_kept_and_integers_become_float32(dtype, expected):
    image = (RNG.random((5, 5)) * 2).astype(dtype)
    assert conv2d(image, np.ones((3, 3), np.float64)).dtype == expected
    assert conv2d(image, np.ones((2, 3, 3))).dtype == expected


def test_output_size_chapter_example_and_agreement():
    assert output_size(4, 2, 0, 1) == 3
    assert output_size(512, 3, 1, 1) == 512
    assert output_size(512, 3, 1, 2) == 256
    for n_in, k, p, s in [(9, 3, 0, 2), (10, 4, 2, 3), (5, 5, 0, 1)]:
        assert conv2d(np.ones((n_in, n_in)), np.ones((k, k)), stride=s, padding=p).shape == (
            output_size(n_in, k, p, s),
        ) * 2


def test_blur_kernel_that_sums_to_one_keeps_a_flat_image():
    flat = np.full((8, 8), 0.25, np.float32)
    np.testing.assert_allclose(conv2d(flat, get_kernel("box", 5), padding=2, pad_mode="nearest"), 0.25)


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"stride": 0}, "stride"),
        ({"stride": (1, -1)}, "stride"),
        ({"stride": 1.5}, "stride"),
        ({"padding": -1}, "padding"),
        ({"padding": (1, 2, 3)}, "padding"),
        ({"pad_mode": "wrap"}, "pad_mode"),
        ({"pad_mode": "constant", "pad_value": float("nan")}, "pad_value"),
        ({"pad_mode": "reflect", "padding": 5}, "padding"),
        ({"pad_mode": "reflect", "padding": (0, 6)}, "padding"),
        ({"kernels": np.ones((7, 3))}, "kernel"),
        ({"kernels": np.ones((3, 3)) * np.inf}, "kernels"),
        ({"kernels": np.array([[1.0, np.nan]])}, "kernels"),
        ({"kernels": np.ones(3)}, "kernels"),
        ({"kernels": np.ones((2, 3, 3, 2))}, "kernels"),
        ({"kernels": np.ones((0, 3))}, "kernels"),
        ({"image": np.ones(5)}, "image"),
        ({"image": np.ones((2, 2, 2, 2))}, "image"),
        ({"image": np.ones((5, 5), complex)}, "image"),
        ({"image": np.ones((0, 5))}, "image"),
        ({"bias": [1.0, 2.0]}, "bias"),
        ({"bias": float("inf")}, "bias"),
    ],
)
def test_impossible_settings_raise_value_error_naming_the_parameter(kwargs, word):
    args = {"image": np.ones((5, 6)), "kernels": np.ones((3, 3)), **kwargs}
    with pytest.raises(ValueError, match=word):
        conv2d(**args)


def test_stride_message_reads_like_the_spec():
    with pytest.raises(ValueError, match="stride must be ≥ 1, got 0"):
        conv2d(np.ones((4, 4)), np.ones((2, 2)), stride=0)


@pytest.mark.parametrize(
    "args, word",
    [((4, 2, 0, 0), "stride"), ((4, 2, -1, 1), "padding"), ((4, 7, 1, 1), "kernel")],
)
def test_output_size_errors(args, word):
    with pytest.raises(ValueError, match=word):
        output_size(*args)


# ----------------------------------------------------------------------------- for the GUI


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("image", [GREY, RGB], ids=["grey", "rgb"])
def test_conv_window_and_receptive_field_agree_with_conv2d(mode, image):
    kernel = RNG.normal(size=(3, 4))
    stride, padding, value = (2, 1), (2, 1), 0.3
    out = conv2d(image, kernel, bias=0.5, stride=stride, padding=padding, pad_mode=mode,
                 pad_value=value)  # fmt: skip
    pad = ((2, 2), (1, 1)) + (((0, 0),) if image.ndim == 3 else ())
    padded = (
        np.pad(image, pad, constant_values=value if mode == "constant" else 0)
        if NP_PAD[mode] == "constant"
        else np.pad(image, pad, mode=NP_PAD[mode])
    )
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            window, total = conv_window(image, kernel, r, c, stride, padding, mode, value)
            assert total + 0.5 == pytest.approx(out[r, c], rel=1e-12, abs=1e-12)
            y0, x0, y1, x1 = receptive_field(r, c, 3, 4, stride, padding)
            assert (y1 - y0, x1 - x0) == (3, 4)
            np.testing.assert_array_equal(window, padded[y0 + 2 : y1 + 2, x0 + 1 : x1 + 1])


def test_receptive_field_extends_into_padding():
    assert receptive_field(0, 0, 3, 3, 1, 1) == (-1, -1, 2, 2)
    assert receptive_field(2, 1, 3, 5, (2, 1), (0, 2)) == (4, -1, 7, 4)


def test_compose_receptive_field_for_conv_then_pool():
    """A pooled pixel depends on exactly the union of its conv pixels' receptive fields."""
    x = RNG.random((12, 13))
    k, stride, padding = np.ones((3, 3)), 1, 1
    conv = conv2d(x, k, stride=stride, padding=padding)
    pooled = pool2d(conv, 2)
    layers = [(3, stride, padding), (2, 2, 0)]
    for r in range(pooled.shape[0]):
        for c in range(pooled.shape[1]):
            y0, x0, y1, x1 = compose_receptive_field(r, c, layers)
            boxes = [receptive_field(2 * r + i, 2 * c + j, 3, 3, stride, padding)
                     for i in range(2) for j in range(2)]  # fmt: skip
            assert (y0, x0) == min(b[:2] for b in boxes)
            assert (y1, x1) == max(b[2:] for b in boxes)
            assert pooled[r, c] == conv[2 * r : 2 * r + 2, 2 * c : 2 * c + 2].max()
    assert compose_receptive_field(0, 0, [((5, 3), 2, (2, 1)), (3, 2, 0)]) == (-2, -1, 7, 6)
    assert compose_receptive_field(3, 4, []) == (3, 4, 4, 5)


def test_conv_window_errors_name_the_parameter():
    with pytest.raises(ValueError, match="out_y"):
        conv_window(GREY, np.ones((3, 3)), 9, 0)
    with pytest.raises(ValueError, match="out_x"):
        conv_window(GREY, np.ones((3, 3)), 0, -1)
    with pytest.raises(ValueError, match="kernel"):
        conv_window(GREY, np.ones((3, 3, 2)), 0, 0)
    with pytest.raises(ValueError, match="padding"):
        conv_window(GREY, np.ones((3, 3)), 0, 0, padding=6, pad_mode="reflect")


def test_values_that_overflow_float32_are_refused():
    img = np.ones((8, 8), np.float32)
    with pytest.raises(ValueError, match="bias"):
        conv2d(img, np.ones((3, 3)), bias=1e308)
    with pytest.raises(ValueError, match="pad_value"):
        conv2d(img, np.ones((3, 3)), padding=1, pad_mode="constant", pad_value=-1e300)
    with pytest.raises(ValueError, match="padding"):
        conv2d(img, np.ones((3, 3)), padding=100_000)
