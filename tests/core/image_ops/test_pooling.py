"""core.image_ops.pooling (re-exported by core.image_ops.conv2d): pool2d and depth_pool vs plain loops."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.image_ops.conv2d import depth_pool, pool2d


def reference_pool(x, size, stride, op):
    """Every window that lies fully inside, summarised by max or mean, channel by channel."""
    x = x.astype(np.float64)
    (ky, kx), (sy, sx) = size, stride
    h_out, w_out = (x.shape[0] - ky) // sy + 1, (x.shape[1] - kx) // sx + 1
    out = np.zeros((h_out, w_out) + x.shape[2:])
    for r in range(h_out):
        for c in range(w_out):
            window = x[r * sy : r * sy + ky, c * sx : c * sx + kx]
            out[r, c] = window.max(axis=(0, 1)) if op == "max" else window.mean(axis=(0, 1))
    return out


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 10),
    st.integers(1, 10),
    st.sampled_from([0, 1, 3]),
    st.data(),
    st.sampled_from(["max", "avg"]),
    st.integers(0, 2**32 - 1),
)
def test_pool_matches_loop(h, w, channels, data, op, seed):
    x = np.random.default_rng(seed).normal(size=(h, w, channels) if channels else (h, w))
    size = (data.draw(st.integers(1, h)), data.draw(st.integers(1, w)))
    stride = (data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4)))
    np.testing.assert_allclose(pool2d(x, size, stride, op), reference_pool(x, size, stride, op))
    got32 = pool2d(x.astype(np.float32), size, stride, op)
    assert got32.dtype == np.float32
    np.testing.assert_allclose(got32, reference_pool(x, size, stride, op), rtol=1e-5, atol=1e-6)


def test_chapter_example_2x2_stride_2_keeps_a_quarter():
    x = np.arange(16.0).reshape(4, 4)
    assert pool2d(x, 2).tolist() == [[5.0, 7.0], [13.0, 15.0]]
    assert pool2d(x, 2, op="avg").tolist() == [[2.5, 4.5], [10.5, 12.5]]
    big = np.random.default_rng(0).random((64, 48, 3), dtype=np.float32)
    assert pool2d(big, 2).size == big.size // 4
    assert pool2d(big, 2).dtype == np.float32


def test_stride_defaults_to_size_and_odd_edges_are_dropped():
    x = np.arange(35.0).reshape(5, 7)
    assert pool2d(x, (2, 3)).shape == (2, 2)
    assert pool2d(x, 3, stride=1).shape == (3, 5)  # overlapping windows


def test_integer_maps_become_float32():
    assert pool2d(np.ones((4, 4), np.uint8), 2).dtype == np.float32
    assert depth_pool(np.ones((4, 4, 2), np.int32)).dtype == np.float32


@pytest.mark.parametrize(
    "args, kwargs, word",
    [
        ((np.ones((4, 4)), 0), {}, "size"),
        ((np.ones((4, 4)), 5), {}, "size"),
        ((np.ones((4, 4)), (2, 2, 2)), {}, "size"),
        ((np.ones((4, 4)), 2, 0), {}, "stride"),
        ((np.ones((4, 4)), 2), {"op": "median"}, "op"),
        ((np.ones(4), 2), {}, "x"),
        ((np.ones((4, 4), complex), 2), {}, "x"),
    ],
)
def test_pool_errors_name_the_parameter(args, kwargs, word):
    with pytest.raises(ValueError, match=word):
        pool2d(*args, **kwargs)


def test_depth_pool_combines_feature_maps():
    rng = np.random.default_rng(1)
    maps = rng.normal(size=(5, 6, 4)).astype(np.float32)
    np.testing.assert_array_equal(depth_pool(maps), maps.max(axis=2))
    np.testing.assert_allclose(depth_pool(maps, "avg"), maps.mean(axis=2), rtol=1e-6)
    assert depth_pool(maps).shape == (5, 6) and depth_pool(maps).dtype == np.float32
    with pytest.raises(ValueError, match="x"):
        depth_pool(maps[:, :, 0])
    with pytest.raises(ValueError, match="op"):
        depth_pool(maps, "min")
