"""Band by band is the same as all at once: conv2d_plan's bands, BandPooling's pooled rows, 1 2 1 passes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from core.image_ops.conv2d import conv2d, conv2d_plan, depth_pool, pool2d, stack_kernels
from core.image_ops.kernels import get_kernel
from core.image_ops.pooling import BandPooling

LAB = ("sobel-x", "sobel-y", "laplacian", "gaussian", "box")


@settings(max_examples=40, deadline=None)
@given(st.integers(5, 40), st.integers(7, 40), st.sampled_from(("zeros", "constant", "nearest", "reflect")),
       st.lists(st.integers(1, 12), min_size=1, max_size=6), st.integers(0, 2**32 - 1))
def test_a_plan_run_band_after_band_is_conv2d_of_the_whole_image(h, w, mode, cuts, seed):
    x = np.random.default_rng(seed).normal(size=(h, w)).astype(np.float32)
    ks = stack_kernels([get_kernel(n) for n in LAB], 1).astype(np.float32)
    whole = conv2d(x, ks, bias=0.25, padding=1, pad_mode=mode, pad_value=0.5)
    plan = conv2d_plan(x, ks, bias=0.25, padding=1, pad_mode=mode, pad_value=0.5)
    out = np.empty((len(LAB), h, w), np.float32).transpose(1, 2, 0)
    r = 0
    for c in [*cuts, h]:
        if r >= h:
            break
        z = min(h, r + c)
        plan.run((r, z), out[r:z])
        r = z
    np.testing.assert_array_equal(out, whole)


@settings(max_examples=40, deadline=None)
@given(st.integers(4, 30), st.integers(4, 30), st.integers(1, 3), st.integers(1, 3),
       st.sampled_from(("max", "avg")), st.lists(st.integers(1, 9), min_size=1, max_size=8),
       st.integers(0, 2**32 - 1))
def test_pooling_rows_as_bands_arrive_is_pooling_the_whole_map(h, w, size, stride, op, cuts, seed):
    size = min(size, h, w)
    maps = np.random.default_rng(seed).normal(size=(3, h, w)).astype(np.float32).transpose(1, 2, 0)
    seen = []
    pooling = BandPooling(maps, op, size, stride, op,
                          on_band=lambda stage, m, a, b: seen.append((stage, a, b)))
    r = 0
    for c in [*cuts, h]:
        r = min(h, r + c)
        pooling.advance(r)
    pooled = pool2d(maps, size, stride, op=op)
    np.testing.assert_array_equal(pooling.pooled, pooled)
    np.testing.assert_array_equal(pooling.depth, depth_pool(pooled, op=op))
    ranges = pooling.ranges()
    assert ranges["pool"] == (float(pooled.min()), float(pooled.max()))
    done = [b for stage, a, b in seen if stage == "pool"]
    assert done == sorted(done) and done[-1] == pooled.shape[0]  # rows arrive in order, all of them


def test_sobel_and_gaussian_one_two_one_passes_match_the_definition():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(37, 53)).astype(np.float32)
    padded = np.pad(x.astype(np.float64), 1)
    for name in ("sobel-x", "sobel-y", "gaussian"):
        k = get_kernel(name).astype(np.float64)
        expected = sum(k[i, j] * padded[i : i + 37, j : j + 53] for i in range(3) for j in range(3))
        got = conv2d(x, k.astype(np.float32), padding=1)
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-5 * np.abs(x).max() * np.abs(k).sum())
