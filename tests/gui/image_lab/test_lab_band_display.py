"""The display images gathered band by band are the ones made from the finished stages."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gui.image_lab import display
from gui.image_lab.display import BandDisplay, area_mean, colour_levels, display_factor
from gui.image_lab.looks import GREY_CMAP, SIGNED_CMAP, colour_table
from gui.image_lab.pipeline import PipelineSettings, run_pipeline

TABLES = {"signed": colour_table(SIGNED_CMAP), "grey": colour_table(GREY_CMAP)}


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 70), st.integers(1, 50), st.integers(16, 64), st.lists(st.integers(1, 23), min_size=1,
       max_size=10), st.integers(0, 2**32 - 1))
def test_area_means_of_bands_are_the_area_mean_of_the_map(h, w, side, cuts, seed):
    maps = np.random.default_rng(seed).normal(size=(2, h, w)).astype(np.float32).transpose(1, 2, 0)
    bands = BandDisplay(side)
    r = 0
    for c in [*cuts, h]:
        if r >= h:
            break
        z = min(h, r + c)
        bands("conv", maps, r, z)
        r = z
    f = display_factor(h, w, side)
    for i in range(2):
        np.testing.assert_allclose(bands.means("conv", i, (h, w)), area_mean(maps[..., i], f), atol=1e-5)
    assert bands.sample is not None
    assert display.levels_of_sample(bands.sample) == colour_levels(maps)  # the very same values


def test_a_worker_job_draws_what_the_finished_stages_show():
    img = np.random.default_rng(1).random((300, 260), dtype=np.float32)
    s = PipelineSettings(kernels=("sobel-x", "sobel-y", "laplacian"), padding=1, pool_op="max", pool_size=2,
                         pool_stride=2, depth_pool_op="max")
    bands = BandDisplay(64)
    fused = run_pipeline(img, s, on_band=bands)
    display.prepare(fused, TABLES, None, 64, bands)
    plain = run_pipeline(img, s)
    display.prepare(plain, TABLES, None, 64)
    assert fused.levels == plain.levels and fused.notes == plain.notes
    for key, d in plain.display.items():
        got = fused.display[key]
        assert got.factor == d.factor and got.shape == d.shape
        assert np.mean(got.argb != d.argb) < 0.01  # rounding may move a pixel to the next colour


def test_changing_only_the_pooling_reuses_the_conv_pictures():
    img = np.random.default_rng(2).random((200, 200), dtype=np.float32)
    s = PipelineSettings(kernels=("sobel-x",), padding=1, pool_op="max")
    first = run_pipeline(img, s, on_band=BandDisplay(64))
    display.prepare(first, TABLES, None, 64)
    bands = BandDisplay(64)
    second = run_pipeline(img, s.with_(pool_op="avg"), previous=first, on_band=bands)
    display.prepare(second, TABLES, first, 64, bands)
    assert second.stages["conv"] is first.stages["conv"]
    assert second.display[("conv", 0)] is first.display[("conv", 0)]
    assert "conv" not in bands.rows_done and bands.rows_done["pool"] == second.stages["pool"].shape[0]
    np.testing.assert_allclose(second.stages["pool"][..., 0],
                               run_pipeline(img, s.with_(pool_op="avg")).stages["pool"][..., 0])


def test_pooling_on_the_helper_thread_gives_the_same_result():
    img = np.random.default_rng(4).random((700, 300), dtype=np.float32)  # several bands
    s = PipelineSettings(kernels=("sobel-x", "box"), padding=1, pool_op="avg", pool_size=3, pool_stride=2,
                         depth_pool_op="max", activation="relu")
    serial, threaded = BandDisplay(64), BandDisplay(64)
    a = run_pipeline(img, s, on_band=serial)
    b = run_pipeline(img, s, on_band=threaded, parallel=True)
    for stage in a.stages:
        np.testing.assert_array_equal(a.stages[stage], b.stages[stage])
    assert a.ranges == b.ranges and serial.rows_done == threaded.rows_done
    np.testing.assert_array_equal(serial.means("pool", 1, a.stages["pool"].shape[:2]),
                                  threaded.means("pool", 1, b.stages["pool"].shape[:2]))
