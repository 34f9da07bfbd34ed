"""A diverged network's sigmoid in the tiled pass: clipped so NumPy's exp stays fast, and what it gives.

``core.chapter.sweep`` runs ``sigmoid_saturating`` for a sweep whose parameters can push |z| past
``EXP_SAFE`` (where e^x overflows, underflows or goes subnormal and NumPy's loops slow down
10–140×); these tests pin what it computes and that the trainer really takes it when it should.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core import Network, Trainer
from core.chapter import sweep
from core.chapter.sweep import EXP_SAFE, Sweep, sigmoid_saturating

FLOOR = 1.0 / (1.0 + np.exp(EXP_SAFE))  # σ held below z = −EXP_SAFE


def plain(negz: np.ndarray) -> np.ndarray:
    """The tiled pass's usual three calls (and Network.forward's formula)."""
    with np.errstate(over="ignore", under="ignore"):
        return 1.0 / (1.0 + np.exp(negz))


values = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.floats(-800, 800), st.floats(-45, 45))


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(1, 300), elements=values))
def test_the_same_bits_as_the_plain_calls_except_held_at_a_floor_far_out(negz):
    got = np.empty_like(negz)
    sigmoid_saturating(negz, got)
    near = ~(negz > EXP_SAFE)  # NaN included
    np.testing.assert_array_equal(got[near], plain(negz)[near])
    assert np.all(got[negz > EXP_SAFE] == FLOOR)
    assert 0 < FLOOR < 1e-217 and np.isfinite(FLOOR) and FLOOR > np.finfo(float).tiny  # normal
    assert np.all(np.isnan(got) == np.isnan(negz))


def _diverging(nk: int, scale: float):
    """100 samples × 1024 inputs: tiled; ``scale`` multiplies the kernels (their reach over |x| ≤ 1)."""
    rng = np.random.default_rng(5)
    X = rng.uniform(-1, 1, size=(100, 1024))
    y = rng.uniform(-1, 1, 100)
    net = Network(n_inputs=1024, kernel_size=3, n_kernels=nk, init="xavier", seed=1)
    net.theta[: nk * 4] *= scale
    return net, X, y


@pytest.mark.parametrize("scale, saturating", [(1.0, False), (1e3, True)])
def test_a_sweep_takes_the_clipped_way_exactly_when_its_weights_can_reach_past_the_safe_range(
        scale, saturating, monkeypatch):
    net, X, y = _diverging(4, scale)
    t = Trainer(net, X, y, lr=0.05)
    ws = t._ws_all
    assert not ws.small
    s = Sweep(ws, t.net.theta, None, True, ws.Y, ws.E, ws.G)
    assert s.saturating is saturating
    calls = []
    monkeypatch.setattr(sweep, "sigmoid_saturating",
                        lambda negz, out: (calls.append(1), sigmoid_saturating(negz, out)))
    t.run(2)
    assert bool(calls) is saturating


def test_a_diverged_network_trains_as_the_small_layout_does_to_1e_217(monkeypatch):
    net, X, y = _diverging(4, 1e3)  # |z| up to ~3000: most units dead, some saturated at 1
    results = []
    for small in (10**9, 0):
        monkeypatch.setattr("core.chapter.batch_pass.SMALL_ELEMENTS", small)
        ws = net.batch_pass(X, y)
        with np.errstate(over="ignore"):  # the small layout's exp overflows for the dead units
            loss = ws.train_pass(net.theta)
        results.append((loss, ws.G.copy(), ws.Y.copy()))
    (l1, g1, y1), (l2, g2, y2) = results
    assert l1 == pytest.approx(l2, rel=1e-12)
    np.testing.assert_allclose(g2, g1, rtol=1e-11, atol=1e-200)
    np.testing.assert_allclose(y2, y1, rtol=1e-12, atol=1e-200)
