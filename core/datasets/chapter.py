"""Data sets: the chapter's two experiments and synthetic 1D images.

The chapter's images are 1D "images" of five values along a slope: for each
image a slope m ~ U[−2, 2], values (x − 3)·m plus noise U[−0.3, 0.3] for
x = 1…5, and the label is the least-squares slope through the origin,
y = (x·Z)/(x·x). ``chapter_dataset()`` draws them exactly as the chapter does
(legacy ``numpy.random.seed(14)``) and computes the labels with the chapter's own
expression, ``np.dot(x, Z) / np.dot(x, x)`` with x the integer positions, so they are the
chapter's to the last bit (``np.sum(x * z) / np.sum(x * x)`` differs by 1–2 ulp in 6 of 10).
"""

from __future__ import annotations

import math

import numpy as np

from core.i18n import N_

# Experiment 1: the chapter's single sample and target.
CHAPTER_SAMPLE = (np.array([0.1, 0.2, 0.3, 0.4, 0.5]), 0.1)
CHAPTER_DATA_SEED = 14


def experiment1() -> tuple[np.ndarray, np.ndarray]:
    """The chapter's experiment 1 as a data set of one sample: X (1, 5), y (1,)."""
    x, y = CHAPTER_SAMPLE
    return x[None, :].copy(), np.array([y])


def synthetic_dataset(
    n_samples: int = 10, n_inputs: int = 5, noise: float = 0.3, seed: int = CHAPTER_DATA_SEED
) -> tuple[np.ndarray, np.ndarray]:
    """The chapter's recipe for any count, length and noise; the chapter's own with the defaults.

    Positions are x = 1…n, centred on the middle, (x − (n+1)/2)·m: for n = 5 that is
    the chapter's (x − 3)·m.
    """
    if not isinstance(n_samples, int | np.integer) or n_samples < 1:
        raise ValueError(N_("datasets", "n_samples must be an integer ≥ 1, got {n_samples!r}").format(
            n_samples=n_samples))
    if not isinstance(n_inputs, int | np.integer) or n_inputs < 2:
        raise ValueError(N_("datasets", "n_inputs must be an integer ≥ 2, got {n_inputs!r}").format(
            n_inputs=n_inputs))
    if not (math.isfinite(noise) and noise >= 0):
        raise ValueError(N_("datasets", "noise must be a number ≥ 0, got {noise!r}").format(noise=noise))
    state = np.random.get_state()
    try:
        np.random.seed(seed)
        x = np.arange(1, n_inputs + 1)
        centre = (n_inputs + 1) / 2
        # The chapter draws, per image, m = uniform(−2, 2) and then n noise values; one block of
        # the same stream in the same order, scaled as numpy's uniform does (low + (high − low)·u),
        # gives the same numbers bit for bit without 2 Python calls per image (100,000 images: 1.5 s).
        u = np.random.random_sample((n_samples, n_inputs + 1))
        m = -2.0 + (2.0 - -2.0) * u[:, :1]
        X = (x - centre) * m + (-noise + (noise - -noise) * u[:, 1:])
        xx = np.dot(x, x)
        y = np.array([np.dot(x, row) for row in X]) / xx  # the chapter's expression, row by row
    finally:
        np.random.set_state(state)
    return X, y


def chapter_dataset() -> tuple[np.ndarray, np.ndarray]:
    """Experiment 2: the chapter's 10 images of 5 values and their slope labels (seed 14)."""
    return synthetic_dataset(10, 5, 0.3, CHAPTER_DATA_SEED)


def slope_classes(y: np.ndarray, threshold: float = 0.05) -> np.ndarray:
    """Three classes from slope labels: 0 slope down (y < −t), 1 flat, 2 slope up (y > t)."""
    y = np.asarray(y, dtype=float)
    return np.where(y < -threshold, 0, np.where(y > threshold, 2, 1)).astype(float)


def three_class_dataset(
    n_samples: int = 30, noise: float = 0.3, seed: int = CHAPTER_DATA_SEED, threshold: float = 0.05
) -> tuple[np.ndarray, np.ndarray]:
    """A 3-class problem from the chapter's recipe: slope down (0), flat (1), up (2).

    The chapter's images with their slope labels cut at ±``threshold``: a task for a
    softmax output (``Network(n_outputs=3, output="softmax")``).
    """
    X, y = synthetic_dataset(n_samples, 5, noise, seed)
    return X, slope_classes(y, threshold)
