"""The synthetic data set is the chapter's per-image recipe, number for number, at any size.

``synthetic_dataset`` draws all images' random numbers in one block for speed; this checks it
against the chapter's loop written out here (m = uniform(−2, 2), then n noise values, per
image; y = x·X[i] / x·x), bit for bit, for random counts, lengths, noises and seeds.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from core.datasets.chapter import synthetic_dataset


def chapter_loop(n_samples: int, n_inputs: int, noise: float, seed: int):
    rs = np.random.RandomState(seed)
    x = np.arange(1, n_inputs + 1)
    centre = (n_inputs + 1) / 2
    X = np.zeros((n_samples, n_inputs))
    y = np.zeros(n_samples)
    for i in range(n_samples):
        m = rs.uniform(-2, 2)
        X[i] = (x - centre) * m + rs.uniform(-noise, noise, size=n_inputs)
        y[i] = np.dot(x, X[i]) / np.dot(x, x)
    return X, y


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 200), k=st.integers(2, 33),
       noise=st.one_of(st.just(0.0), st.just(0.3), st.floats(1e-12, 1e3)), seed=st.integers(0, 2**32 - 1))
def test_the_block_draw_is_the_chapters_loop_bit_for_bit(n, k, noise, seed):
    X, y = synthetic_dataset(n, k, noise, seed)
    X0, y0 = chapter_loop(n, k, noise, seed)
    assert np.array_equal(X, X0) and np.array_equal(y, y0)


def test_the_global_random_state_is_left_as_it_was():
    np.random.seed(5)
    before = np.random.random()
    np.random.seed(5)
    synthetic_dataset(50, 5)
    assert np.random.random() == before
