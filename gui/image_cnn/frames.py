"""What the image-CNN worker sends the tab: a snapshot of the network at one moment, and its curves.

Qt-free: built on the worker's thread between training slices, handed over by signal, only read
afterwards. The snapshot carries its own copy of the network (``ImageCNN.copy()`` or
``ImageTrainer.model_at()``), so a view may run it on one image (feature maps, the drawn digit)
without ever touching the network the worker trains. ``epoch`` follows the core's convention:
the network after that many epochs (0: the initialisation); ``batch`` counts the batches of
the next epoch already stepped (0 at an epoch's end, always 0 for a recorded epoch).

The fields ``epoch``, ``loss``, ``live``, ``sample``, ``diverged``, ``stopped_reason`` and
``predictions`` are the ones ``gui.training.moment.Moment`` reads, so the shared displayed-moment
model holds these snapshots unchanged; ``Frame`` and ``StepFrame`` are the shared ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.image_cnn import ImageCNN
from core.image_cnn.layers import softmax_cross_entropy

MAX_GALLERY = 60  # misclassified validation images kept in a snapshot (the gallery shows these)


@dataclass(frozen=True)
class CnnSnapshot:
    """The network at one moment and what it makes of the validation set."""

    epoch: int  # the network after this many epochs
    batch: int  # batches of the following epoch already stepped (live only)
    loss: float  # mean cross-entropy on the validation set (NaN without one)
    live: bool  # False while a recorded epoch is shown (time travel)
    sample: int  # the image the feature maps show (an index into its set)
    diverged: bool
    stopped_reason: str | None
    predictions: np.ndarray  # (n_val, n_classes) probabilities on the validation set
    model: ImageCNN  # a copy: never the one being trained
    accuracy: float  # fraction of the validation set classified right (NaN without one)
    confusion: np.ndarray  # (n_classes, n_classes) counts: row = true class, column = predicted
    wrong: np.ndarray  # indices of misclassified validation images (at most MAX_GALLERY)
    n_wrong: int  # how many there are in all
    steps: int  # optimiser steps taken (epoch · batches per epoch + batch)


@dataclass(frozen=True)
class CnnSeries:
    """The learning curves: one point per recorded epoch, epoch 0 (the initialisation) first."""

    epochs: np.ndarray
    train_loss: np.ndarray  # NaN at epoch 0: no training batch has been seen yet
    train_acc: np.ndarray
    val_loss: np.ndarray
    val_acc: np.ndarray

    def nearest(self, x: float) -> int | None:
        """The recorded epoch nearest to ``x`` on the curves' axis."""
        if not len(self.epochs):
            return None
        return int(self.epochs[int(np.argmin(np.abs(self.epochs - x)))])


def internal(model: ImageCNN, X) -> np.ndarray | None:
    """Images in the layers' own layout, converted once per data set (``evaluate`` takes them)."""
    return None if X is None or not len(X) else model.to_internal(model.check_X(X))


def evaluate(model: ImageCNN, xv: np.ndarray | None, y_val: np.ndarray | None
             ) -> tuple[np.ndarray, float, float, np.ndarray, np.ndarray]:
    """(probabilities, mean loss, accuracy, confusion matrix, all misclassified indices) on the
    validation set ``xv`` (``internal`` layout): the loss and accuracy exactly as the trainer's
    history measures them (the same log-sum-exp on the same logits)."""
    k = model.n_classes
    if xv is None:
        return np.zeros((0, k)), math.nan, math.nan, np.zeros((k, k), dtype=np.int64), np.zeros(0, np.int64)
    z = model.logits_internal(xv)
    losses, p, _ = softmax_cross_entropy(z, y_val)
    loss = float(losses.sum()) / len(y_val)
    guess = p.argmax(axis=1)
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (y_val, guess), 1)
    wrong = np.flatnonzero(guess != y_val)
    return p, loss, float(np.mean(guess == y_val)), confusion, wrong


def make_snapshot(model: ImageCNN, epoch: int, batch: int, steps: int, live: bool, sample: int,
                  xv, y_val, diverged: bool = False, stopped_reason: str | None = None) -> CnnSnapshot:
    """A snapshot of ``model`` (already a copy) with its results on the validation set ``xv``."""
    p, loss, acc, confusion, wrong = evaluate(model, xv, y_val)
    return CnnSnapshot(int(epoch), int(batch), loss, bool(live), int(sample), bool(diverged), stopped_reason,
                       p, model, acc, confusion, wrong[:MAX_GALLERY], int(len(wrong)), int(steps))


def make_series(history, start: tuple[float, float] | None) -> CnnSeries:
    """The curves from an ``ImageHistory``, with the initial network's (val loss, val acc) at epoch 0."""
    epochs = np.asarray(history["epoch"], dtype=float)
    cols = [np.asarray(history[k], dtype=float) for k in ("train_loss", "train_acc", "val_loss", "val_acc")]
    if start is not None:
        epochs = np.concatenate([[0.0], epochs])
        head = (math.nan, math.nan, start[0], start[1])
        cols = [np.concatenate([[h], c]) for h, c in zip(head, cols, strict=True)]
    return CnnSeries(epochs, *cols)


__all__ = ["CnnSeries", "CnnSnapshot", "MAX_GALLERY", "evaluate", "internal", "make_series", "make_snapshot"]
