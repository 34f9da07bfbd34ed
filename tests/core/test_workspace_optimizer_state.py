"""Optimiser settings and restored optimiser states are checked when they arrive.

A workspace (or a caller) that hands the optimiser a momentum of NaN, a β of 1, a string
for ε or a step count of −5 gets a ValueError naming the setting at once — not a run that
"diverges" at its first step on the worker thread, blaming the learning rate.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import Network, Trainer, chapter_dataset
from core.optimizers import MAX_STEPS, Adam, Momentum, make_optimizer


@pytest.mark.parametrize("kw, words", [
    ({"momentum": math.nan}, "momentum must be a number in [0, 1)"),
    ({"momentum": 1.0}, "momentum"),
    ({"momentum": -0.1}, "momentum"),
    ({"momentum": "0.9"}, "got str"),
    ({"momentum": True}, "got bool"),
    ({"betas": (0.9, 1.0)}, "betas[1] (β2)"),
    ({"betas": (math.inf, 0.9)}, "betas[0] (β1)"),
    ({"betas": "ab"}, "pair of numbers"),
    ({"betas": (0.9,)}, "pair of numbers"),
    ({"betas": 0.9}, "pair of numbers"),
    ({"eps": 0.0}, "eps (ε) must be a number in (0, 1]"),
    ({"eps": "1e-8"}, "eps"),
    ({"eps": math.nan}, "eps"),
])
@pytest.mark.parametrize("name", ["gd", "momentum", "adam"])
def test_bad_hyper_parameters_are_refused_up_front(name, kw, words):
    with pytest.raises(ValueError) as info:
        make_optimizer(name, 8, 0.1, **kw)
    assert words in str(info.value)
    X, y = chapter_dataset()
    with pytest.raises((ValueError, TypeError)):  # Trainer's own tuple(betas) is a TypeError for 0.9
        Trainer(Network(), X, y, optimizer=name, **kw)


@pytest.mark.parametrize("state, words", [
    ({"t": -5}, "step count t must be an integer from 0"),
    ({"t": 2.5}, "got float"),
    ({"t": "3"}, "got str"),
    ({"t": True}, "got bool"),
    ({"t": MAX_STEPS + 1}, "step count"),
    ({}, "must hold its step count"),
    ({"t": 3, "v": np.full(8, np.nan)}, "moments v must be finite"),
    ({"t": 3, "v": np.zeros(7)}, "must hold 8 values"),
    ({"t": 3}, "lacks its moments v"),
])
def test_bad_momentum_states_are_refused_and_change_nothing(state, words):
    opt = Momentum(8, 0.1)
    opt.v[:] = 1.0
    opt.t = 4
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        opt.load_state(state)
    assert opt.t == 4 and (opt.v == 1.0).all()


def test_adam_second_moments_cannot_be_negative():
    opt = Adam(3, 0.1)
    with pytest.raises(ValueError, match="finite numbers ≥ 0"):
        opt.load_state({"t": 1, "m": np.zeros(3), "v": np.array([1.0, -1e-9, 0.0])})
    assert opt.t == 0


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10), st.text(max_size=3),
                 st.none(), st.booleans()),
       st.sampled_from(["momentum", "eps", "b1", "b2"]))
def test_any_hyper_parameter_is_either_usable_or_refused_with_a_sentence(value, which):
    kw = {"momentum": value} if which == "momentum" else {"eps": value} if which == "eps" else {
        "betas": (value, 0.999) if which == "b1" else (0.9, value)}
    try:
        opt = make_optimizer("adam" if which != "momentum" else "momentum", 4, 0.1, **kw)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    theta, G = np.zeros(4), np.ones(4)
    for _ in range(3):
        opt.step(theta, G.copy(), 1)
    assert np.isfinite(theta).all()  # an accepted setting gives finite steps on a finite gradient
