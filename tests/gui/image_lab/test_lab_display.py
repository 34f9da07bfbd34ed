"""What the lab's pictures are made of: area means, colour scales that say what they clip, NaN shown."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gui.image_lab.display import (
    NAN_ARGB,
    Levels,
    area_mean,
    colour_levels,
    display_factor,
    display_image,
    to_argb,
    true_range,
)

GREY = (np.uint32(0xFF000000) | (np.arange(256, dtype=np.uint32) * 0x010101)).astype(np.uint32)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 60), st.integers(1, 60), st.integers(1, 9), st.integers(0, 2**32 - 1))
def test_each_display_pixel_is_the_mean_of_the_map_pixels_it_covers(h, w, f, seed):
    a = np.random.default_rng(seed).normal(size=(h, w)).astype(np.float32)
    got = area_mean(a, f)
    assert got.shape == (-(-h // f), -(-w // f))
    for i in range(got.shape[0]):
        for j in range(got.shape[1]):
            assert abs(got[i, j] - a[i * f : (i + 1) * f, j * f : (j + 1) * f].mean()) < 1e-5


def test_display_images_are_about_the_screen_size():
    assert display_factor(4096, 4096) == 4 and display_factor(512, 512) == 1
    d = display_image(np.zeros((4096, 3000), np.float32), Levels(0, 1, False, False), GREY)
    assert d.argb.shape == (1024, 750) and d.factor == 4 and d.shape == (4096, 3000)


def test_the_colour_scale_clips_at_p1_p99_and_says_the_true_range():
    rng = np.random.default_rng(0)
    m = rng.normal(size=(200, 200)).astype(np.float32)
    m[0, 0] = 40.0  # one very strong edge pixel
    lv = colour_levels(m)
    assert lv.signed and lv.lo == -lv.hi and lv.hi < 4 and lv.clipped
    lo, hi, nans = true_range(m)
    note = lv.note(lo, hi).replace("\u2060", "")
    assert "clipped at p1–p99" in note and f"true range {lo:.3g} … 40".replace("-", "−") in note
    flat = np.tile(np.array([0.0, 1.0], np.float32), 100)
    ok = colour_levels(flat)
    assert not ok.clipped and "full range 0 … 1" in ok.note(0.0, 1.0)


def test_nan_is_magenta_and_never_a_colour_of_the_scale():
    v = np.array([[0.0, np.nan, 1.0]], np.float32)
    argb = to_argb(v, Levels(0.0, 1.0, False, False), GREY)
    assert argb[0, 1] == NAN_ARGB and argb[0, 0] == GREY[0] and argb[0, 2] == GREY[-1]
    assert NAN_ARGB not in GREY
    assert true_range(v) == (0.0, 1.0, 1)
