"""core.image_ops.kernels: the library a learner picks from, and the custom-kernel text parser."""

from __future__ import annotations

import dataclasses
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.image_ops.conv2d import conv2d
from core.image_ops.kernels import (
    KERNELS,
    MAX_WEIGHT_SUM,
    Kernel,
    check_kernel_weights,
    get_kernel,
    kernel_entry,
    learned_kernels,
    parse_kernel_text,
)

NAMES = [
    "identity", "box", "gaussian", "sharpen", "sobel-x", "sobel-y",
    "prewitt-x", "prewitt-y", "laplacian", "emboss", "outline", "random",
]  # fmt: skip

# a 6×6 image: dark left half, bright right half (a vertical edge)
VERTICAL_EDGE = np.repeat([[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]], 6, axis=0)


def test_all_names_present_in_order_with_explanations():
    assert list(KERNELS) == NAMES
    for name, kernel in KERNELS.items():
        assert isinstance(kernel, Kernel) and kernel.name == name
        assert kernel.weights.shape == (3, 3)
        assert 10 < len(kernel.explanation) < 160 and "\n" not in kernel.explanation


def test_library_is_frozen_and_get_kernel_returns_a_copy():
    with pytest.raises(dataclasses.FrozenInstanceError):
        KERNELS["box"].name = "blur"
    with pytest.raises(ValueError):
        KERNELS["box"].weights[0, 0] = 5.0  # read-only array
    k = get_kernel("box")
    k[0, 0] = 5.0
    assert KERNELS["box"].weights[0, 0] == pytest.approx(1 / 9)
    np.testing.assert_array_equal(get_kernel("sobel-x"), KERNELS["sobel-x"].weights)


@pytest.mark.parametrize(
    "name, total",
    [("identity", 1), ("box", 1), ("gaussian", 1), ("sharpen", 1), ("sobel-x", 0),
     ("sobel-y", 0), ("prewitt-x", 0), ("prewitt-y", 0), ("laplacian", 0), ("emboss", 1),
     ("outline", 0)],
)  # fmt: skip
def test_kernel_sums(name, total):
    """Sum 1 keeps a flat image's brightness (blur, sharpen); sum 0 sends it to black (edges)."""
    assert get_kernel(name).sum() == pytest.approx(total)
    flat = np.full((5, 5), 0.5)
    np.testing.assert_allclose(conv2d(flat, get_kernel(name)), 0.5 * total, atol=1e-12)


def test_identity_returns_the_image():
    x = np.random.default_rng(0).random((6, 7))
    np.testing.assert_array_equal(conv2d(x, get_kernel("identity"), padding=1), x)
    np.testing.assert_array_equal(conv2d(x, get_kernel("identity", 5), padding=2), x)


@pytest.mark.parametrize("name", ["sobel-x", "prewitt-x"])
def test_x_gradients_respond_to_a_vertical_edge(name):
    out = conv2d(VERTICAL_EDGE, get_kernel(name))  # valid: 4×4
    assert out[:, 1].min() > 0 and out[:, 2].min() > 0  # windows straddling the edge
    assert np.all(out[:, 0] == 0) and np.all(out[:, 3] == 0)  # flat areas
    y_name = name.replace("-x", "-y")
    np.testing.assert_array_equal(conv2d(VERTICAL_EDGE, get_kernel(y_name)), 0)
    np.testing.assert_array_equal(conv2d(VERTICAL_EDGE.T, get_kernel(y_name)).T, out)


def test_gaussian_and_box_sizes():
    g5 = get_kernel("gaussian", 5)
    assert g5.shape == (5, 5) and g5.sum() == pytest.approx(1)
    assert g5[2, 2] == g5.max() and np.allclose(g5, g5.T)
    assert np.allclose(get_kernel("box", 7), 1 / 49)
    assert get_kernel("identity", 1).tolist() == [[1.0]]


def test_random_depends_on_seed_only():
    a, b = get_kernel("random", 5, seed=3), get_kernel("random", 5, seed=3)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, get_kernel("random", 5, seed=4))
    assert np.abs(a).max() <= 1 / 5


@pytest.mark.parametrize(
    "name, size", [("sobel-x", 5), ("laplacian", 1), ("box", 4), ("gaussian", 0), ("box", 2.0)]
)
def test_bad_sizes_name_size(name, size):
    with pytest.raises(ValueError, match="size"):
        get_kernel(name, size)


def test_unknown_name_lists_the_valid_names():
    with pytest.raises(ValueError, match="sobel-x") as info:
        get_kernel("sobel")
    assert all(name in str(info.value) for name in NAMES)


def test_kernel_entry_carries_name_and_explanation():
    entry = kernel_entry("gaussian", 5)
    assert entry.weights.shape == (5, 5) and entry.explanation == KERNELS["gaussian"].explanation


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 2 3\n4 5 6\n7 8 9", [[1, 2, 3], [4, 5, 6], [7, 8, 9]]),
        ("1/9, 1/9, 1/9\n1/9 1/9 1/9\n 1 / 9 ,1/9,1/9 \n\n", [[1 / 9] * 3] * 3),
        ("-1 0 1; -2 0 2; -1 0 1", [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
        ("[[0.5, -1e-1],\n [2, 3]]", [[0.5, -0.1], [2, 3]]),
        ("[[1, 2], [3, 4]]", [[1, 2], [3, 4]]),
        ("[[1,2],[3,4]]", [[1, 2], [3, 4]]),
        ("1 2  # first row\n3 4", [[1, 2], [3, 4]]),
        ("7", [[7]]),
    ],
)
def test_parse_kernel_text_good(text, expected):
    got = parse_kernel_text(text)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, expected)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        ("  \n \n", "empty"),
        ("1 2 3\n4 5", "ragged.*row 2 has 2 numbers but row 1 has 3"),
        ("1 2\nx 4", "row 2, entry 1: 'x' is not a number"),
        ("1 2/0", "divides by zero"),
        ("1/2/3", "not a number"),
        ("nan 1", "not a finite"),
        ("1 inf", "not a finite"),
        ("1e999", "not a finite"),
    ],
)
def test_parse_kernel_text_bad(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_kernel_text(text)


# ------------------------------------------------------------------ hostile kernel text (issue 12)
#: text → None (accepted) or the reason a learner must read; shared with test_workspace_tally.py
KERNEL_CASES = [
    ("3e38 3e38 3e38\n3e38 3e38 3e38\n3e38 3e38 3e38", "overflow float32"),
    ("3e38", "overflow float32"),
    ("1e38 1e38; 1e38 1e38", "overflow float32"),
    ("-3.4e38 0 3.4e38", "overflow float32"),
    ("1.7e308 1.7e308", "overflow float32"),
    ("1e308/1e-10", "not a finite"),
    ("1/1e-320 1", "not a finite|overflow"),
    ("0/0", "divides by zero"),
    ("nan", "not a finite"),
    ("-inf 1", "not a finite"),
    ("1e999", "not a finite"),
    ("1 " * 64, "at most 63"),
    ("1\n" * 64, "at most 63"),
    ("1 " * 150_000, "characters"),
    ("1 2\n3", "ragged"),
    ("[[1, 2], [3]]", "ragged"),
    ("one two", "not a number"),
    ("0x10", "not a number"),
    ("1..2", "not a number"),
    ("--1", "not a number"),
    ("1/2/3", "not a number"),
    ("", "empty"),
    ("# only a comment", "empty"),
    (";;;", "empty"),
    ("\x00", "not a number"),
    ("\x1f", "empty"),  # a Unicode space (str.isspace) alone on a line was once a row of no numbers
    ("1 2\n\u3000\n3 4", None),
    ("4.2e37", None),  # the largest sum allowed is 4.25e37: 3 channels stay under float32's max
    ("−1 0 1\n−2 0 2\n−1 0 1", None),  # the app's own minus sign, pasted back
    ("1e-400 1", None),  # underflows to 0: harmless
    ("[[0.5, -1e-1],\n [2, 3]]", None),
]


@pytest.mark.parametrize("text, reason", KERNEL_CASES, ids=lambda v: repr(v)[:30] if v else "ok")
def test_hostile_kernel_text_is_refused_with_a_reason_or_accepted_finite(text, reason):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning may escape, whatever the text
        if reason is None:
            k = parse_kernel_text(text)
            assert np.isfinite(k).all() and np.abs(k).sum() <= MAX_WEIGHT_SUM
            return
        with pytest.raises(ValueError) as info:
            parse_kernel_text(text)
    assert re.search(reason, str(info.value)) and "\n" not in str(info.value)


def test_a_kernel_of_3e38s_says_why_instead_of_filtering_to_infinity():
    with pytest.raises(ValueError) as info:
        parse_kernel_text("3e38 3e38 3e38\n3e38 3e38 3e38\n3e38 3e38 3e38")
    msg = str(info.value)
    assert "add up to 2.7e+39" in msg and "keep Σ|w| at most 4.25e+37" in msg


def _worst_case_image(k: np.ndarray, channels: int) -> np.ndarray:
    """An image in [0, 1] that makes one output as large as Σ|w| allows: 1 under w > 0, 0 under w < 0."""
    kh, kw = k.shape
    img = np.zeros((kh + 2, kw + 2, channels), np.float32)
    img[1: 1 + kh, 1: 1 + kw] = (k > 0)[:, :, None]
    return img


_WEIGHT = st.floats(-1e38, 1e38, allow_nan=False) | st.sampled_from([0.0, 1.0, -1.0, 4.2e37, 1e-300])
_TOKENS = st.sampled_from(["1", "-1", "0.5", "1/9", "3e38", "1e37", "4e36", "nan", "inf", "x", "1/0",
                           "−2", "[", "]", ";", ",", "#", "\n", " ", "\t", "1e-400", "0x1", "2/3/4",
                           "1e308/1e-10"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.lists(st.lists(_WEIGHT, min_size=1, max_size=5), min_size=1, max_size=5).map(
        lambda rows: "\n".join(" ".join(repr(v) for v in r) for r in rows)),
    st.lists(_TOKENS, max_size=40).map(" ".join),
    st.text(max_size=60),
))
def test_any_kernel_text_gives_finite_filters_or_a_reason(text):
    """Either ValueError with a sentence, or weights whose filtering is finite and warning-free."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            k = parse_kernel_text(text)
        except ValueError as exc:
            assert str(exc) and "\n" not in str(exc)
            return
        assert k.ndim == 2 and max(k.shape) <= 63 and np.abs(k).sum() <= MAX_WEIGHT_SUM
        k32 = k.astype(np.float32)
        for channels in (1, 3):
            out = conv2d(_worst_case_image(k, channels), k32)
            assert np.isfinite(out).all()


def test_learned_kernels_refuse_weights_that_would_overflow():
    with pytest.raises(ValueError, match="overflow float32"):
        learned_kernels([1e200, 0.0, -1.0])
    with pytest.raises(ValueError, match="finite"):
        learned_kernels([np.nan, 0.0, 1.0])
    h, v = learned_kernels([0.3, -0.2, 0.1])
    assert h.weights[1].tolist() == [0.3, -0.2, 0.1]


def test_check_kernel_weights_never_warns_even_when_the_sum_overflows():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="more than 1.8e\\+308"):
            check_kernel_weights(np.full((3, 3), 1.7e308))
