"""core.image_ops.kernels: the library a learner picks from, and the custom-kernel text parser."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from core.image_ops.conv2d import conv2d
from core.image_ops.kernels import KERNELS, Kernel, get_kernel, kernel_entry, parse_kernel_text

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
