"""Immutable pictures of a training run, for views that only draw.

The worker thread makes a ``Snapshot`` after a step and hands it to the GUI;
every number a view shows (node values, δs, gradients, the loss) is in it,
computed by the core. A view holds no training state, so showing an old epoch
("time travel") is just drawing ``snapshot_at_epoch(...)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.chapter.network import Network
from core.chapter.trainer import Trainer


@dataclass(frozen=True)
class Snapshot:
    """The network's state at one moment, as the views draw it."""

    epoch: int  # completed epochs (0 before training)
    params: dict[str, float]  # every parameter by name
    loss: float  # mean loss of these parameters on the whole data set, every node kept (no dropout)
    sample: int  # row of X whose values the diagram shows
    x: tuple[float, ...]  # that sample's inputs
    target: float  # its label
    forward: dict[str, float]  # Network.forward(x): I…, C…_in, C…, O…_in, O…
    backward: dict  # Network.backward(x, target): delta, dact, grad, terms, loss
    predictions: np.ndarray  # every sample's prediction with these parameters
    last_update: dict[str, float] | None = None  # Δθ of the step that led here
    stopped_reason: str | None = None
    diverged: bool = False
    live: bool = True  # False when showing an older recorded epoch (time travel)
    history_rows: int = 0  # rows in the history when the snapshot was made
    step: dict | None = field(default=None)  # Trainer.step_sample()'s result, when one led here
    dropped: frozenset = frozenset()  # feature-map nodes dropped (dropout) for this sample now


def _snapshot(
    trainer: Trainer, net: Network, epoch: int, sample: int, live: bool, step: dict | None
) -> Snapshot:
    sample = int(np.clip(sample, 0, trainer.N - 1))
    x = trainer.X[sample]
    target = float(trainer.y[sample])
    with np.errstate(all="ignore"):
        back = net.backward(x, target, trainer.mask_for(sample) if live else None)
        ws = trainer._ws_all
        ws.forward(net.theta)
        loss = ws.loss_sum() / trainer.N
        Y = ws.Y
        if net.output == "softmax":
            preds = Y.copy()
        else:
            preds = Y[:, 0].copy()
    return Snapshot(
        epoch=epoch,
        params=net.get_params(),
        loss=float(loss),
        sample=sample,
        x=tuple(float(v) for v in x),
        target=target,
        forward=back["forward"],
        backward=back,
        predictions=preds,
        last_update=trainer.last_update if live else None,
        stopped_reason=trainer.stopped_reason if live else None,
        diverged=trainer.diverged if live else False,
        live=live,
        history_rows=trainer.history.n,
        step=step,
        dropped=trainer.dropped_nodes(sample) if live else frozenset(),
    )


def make_snapshot(trainer: Trainer, sample: int = 0, step: dict | None = None) -> Snapshot:
    """The live state of ``trainer`` (current parameters), showing sample ``sample``."""
    return _snapshot(trainer, trainer.net, trainer.epoch, sample, True, step)


def snapshot_at_epoch(trainer: Trainer, epoch: int, sample: int = 0) -> Snapshot:
    """The recorded state nearest to ``epoch``: the parameters used in that epoch's pass."""
    h = trainer.history
    row = h.row_for_epoch(epoch)
    net = trainer.net.copy()
    net.theta[:] = h.param_matrix[row]
    # Row e holds the parameters *used in* epoch e, i.e. after e − 1 completed epochs.
    return _snapshot(trainer, net, int(h.epochs[row]) - 1, sample, False, None)


def plot_data(trainer: Trainer, max_points: int = 2000) -> dict[str, np.ndarray]:
    """A log-spaced selection of history rows, small enough to redraw 60 times a second.

    Returns ``epochs``, ``loss``, ``predictions`` (rows × samples), ``params``
    (name → array) and ``eval_loss``. ``loss`` is each epoch's training loss — with dropout the
    masked one, what the optimiser minimised; ``eval_loss`` is, with dropout, the loss of the same
    parameters with every node kept (else None: the two are the same number). Thinning keeps the
    first and last rows and spaces the others evenly in log(epoch), like the chapter's log-epoch
    plots.
    """
    h = trainer.history
    n = h.n
    if n <= max_points:
        idx = np.arange(n)
    else:
        e = h.epochs.astype(float)
        targets = np.geomspace(e[0], e[-1], max_points)
        idx = np.unique(np.clip(np.searchsorted(e, targets), 0, n - 1))
        idx = np.union1d(idx, [0, n - 1])
    P = h.param_matrix[idx]
    return {
        "epochs": h.epochs[idx].copy(),
        "loss": h.loss[idx].copy(),
        "predictions": h.predictions[idx].copy(),
        "params": {name: P[:, i].copy() for i, name in enumerate(h.param_names)},
        "eval_loss": None if h.eval_loss is None else h.eval_loss[idx].copy(),
    }
