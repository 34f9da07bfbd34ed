"""pool2d and depth_pool on the layouts conv2d hands them (maps stored one after another), in bands
larger than one cache block, and writing into ``out`` — always the plain loop's numbers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.image_ops.pooling as pooling
from core.image_ops.conv2d import conv2d
from core.image_ops.pooling import depth_pool, pool2d


def loop_pool(x, ky, kx, sy, sx, op):
    x = np.asarray(x, np.float64)
    ho, wo = (x.shape[0] - ky) // sy + 1, (x.shape[1] - kx) // sx + 1
    out = np.zeros((ho, wo) + x.shape[2:])
    for r in range(ho):
        for c in range(wo):
            win = x[r * sy : r * sy + ky, c * sx : c * sx + kx]
            out[r, c] = win.max(axis=(0, 1)) if op == "max" else win.mean(axis=(0, 1))
    return out


@settings(max_examples=60, deadline=None)
@given(st.integers(4, 40), st.integers(4, 40), st.integers(1, 4), st.integers(1, 4), st.integers(1, 4),
       st.sampled_from(["max", "avg"]), st.integers(0, 2**32 - 1), st.booleans())
def test_a_stack_stored_map_after_map_pools_like_the_loop(h, w, n, size, stride, op, seed, small_bands):
    size = min(size, h, w)
    x = np.random.default_rng(seed).normal(size=(n, h, w)).astype(np.float32).transpose(1, 2, 0)
    if small_bands:
        pooling._BAND_BYTES, saved = 64, pooling._BAND_BYTES  # many bands of rows
    try:
        got = pool2d(x, size, stride, op)
    finally:
        if small_bands:
            pooling._BAND_BYTES = saved
    np.testing.assert_allclose(got, loop_pool(x, size, size, stride, stride, op), rtol=1e-6, atol=1e-6)
    if n > 1:
        assert all(got[..., i].flags.c_contiguous for i in range(n))  # still map after map


def test_pooling_and_depth_pooling_write_into_out():
    x = conv2d(np.random.default_rng(1).random((30, 31), dtype=np.float32), np.ones((3, 3, 3)), padding=1)
    out = np.empty((3, 15, 15), np.float32).transpose(1, 2, 0)
    assert pool2d(x, 2, op="avg", out=out) is out
    np.testing.assert_allclose(out, loop_pool(x, 2, 2, 2, 2, "avg"), atol=1e-6)
    flat = np.empty((15, 15), np.float32)
    assert depth_pool(out, "max", out=flat) is flat
    np.testing.assert_array_equal(flat, out.max(axis=2))
    with pytest.raises(ValueError, match="out"):
        pool2d(x, 2, out=np.empty((14, 15, 3), np.float32))
    with pytest.raises(ValueError, match="out"):
        depth_pool(out, out=np.empty((15, 15)))


def test_depth_pool_of_one_map_is_that_map():
    x = np.random.default_rng(2).random((5, 6, 1)).astype(np.float32)
    np.testing.assert_array_equal(depth_pool(x, "avg"), x[..., 0])


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30), st.integers(1, 12), st.integers(1, 4), st.integers(1, 4), st.integers(1, 3),
       st.integers(0, 2**32 - 1), st.booleans())
def test_windows_that_tile_each_row_are_summed_on_the_band_as_one_flat_array(h, cols, k, ky, sy, seed,
                                                                              small_bands):
    """Width = a whole number of windows (size = stride along x): the sums run on the band flattened."""
    ky = min(ky, h)
    x = np.random.default_rng(seed).normal(size=(h, cols * k)).astype(np.float32)
    if small_bands:
        pooling._BAND_BYTES, saved = 64, pooling._BAND_BYTES
    try:
        got = pool2d(x, (ky, k), (sy, k), "avg")
    finally:
        if small_bands:
            pooling._BAND_BYTES = saved
    assert got.shape == ((h - ky) // sy + 1, cols)
    np.testing.assert_allclose(got, loop_pool(x, ky, k, sy, k, "avg"), rtol=1e-5, atol=1e-6)
