"""What the training worker sends the window: frames (a snapshot and its plot series) and steps.

Qt-free: built on the worker's thread from the trainer, handed over by signal, and only read
afterwards. One convention for epochs, everywhere: **epoch N is the network after N epochs
of training** (in the chapter's batch mode: after N updates). The history records, in its row
for epoch e, the parameters *used in* epoch e (the chapter's convention, after e − 1 epochs),
so a row is drawn at x = e − 1 here; the live state after the last epoch is appended as the
curve's last point. Curves are bounded whatever the data set's size: at most ``MAX_CURVES``
samples' predictions and ``MAX_PARAM_CURVES`` weights per plot, the rest summarised as a band.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from core import Snapshot
from core.chapter.snapshot import _snapshot

PLOT_POINTS = 200  # log-spaced history rows per curve: 40 a decade, plenty on a ~450 px log axis
MAX_CURVES = 10  # prediction curves drawn (the first samples); the legend says how many there are
MAX_PARAM_CURVES = 16  # weights drawn one curve each per plot; beyond this a min–max band
MAX_ACCURACY_ROWS = 40  # accuracy of at most this many new history rows per frame (a forward pass each)


@dataclass(frozen=True)
class PlotSeries:
    """The curves of the training plots, ready to draw (x in the displayed-epoch convention)."""

    epochs: np.ndarray  # x: network after this many epochs; ascending; the live point last
    loss: np.ndarray  # mean loss over the data set (no dropout) at each x
    train_loss: np.ndarray | None  # with dropout: the training loss with the dropped nodes
    predictions: np.ndarray  # (rows, len(shown)) ŷ, or p(label) for a softmax network
    shown: tuple[int, ...]  # the samples whose prediction is drawn
    n_samples: int
    params: dict[str, np.ndarray]  # the weights drawn as curves, by name
    bands: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)  # group → (lo, hi)
    group_sizes: dict[str, int] = field(default_factory=dict)  # "kernel" / "dense" → weights in it
    accuracy: np.ndarray | None = None  # softmax: the fraction classified right at each x


@dataclass(frozen=True)
class Frame:
    """One picture for the window: the state to draw, and the curves when they changed."""

    snapshot: Snapshot
    series: PlotSeries | None  # None: the curves are as last sent (a recorded epoch, a step)


@dataclass(frozen=True)
class StepFrame:
    """One ``Trainer.step_sample()``: the state before and after it, and its sub-steps."""

    step: dict  # the core's result (forward, backward, update…)
    substeps: list  # core.chapter.stepthrough.SubStep, one per click
    before: Snapshot  # the parameters the pass used: what every view shows until the update
    after: Frame  # the state after the step: shown from the update sub-step on
    update_index: int  # the sub-step that applies the update (the last one)
    start: int = 0  # the sub-step to show first (a reopened workspace resumes where it was)
    resumed: bool = False  # True for a step shown again from a workspace (nothing new happened)


def _rows(h, max_points: int) -> np.ndarray:
    """A log-spaced selection of history rows (the first and last always kept)."""
    n = h.n
    if n <= max_points:
        return np.arange(n)
    e = h.epochs.astype(float)
    targets = np.geomspace(e[0], e[-1], max_points)
    idx = np.unique(np.clip(np.searchsorted(e, targets), 0, n - 1))
    return np.union1d(idx, [0, n - 1])


def _groups(net) -> dict[str, list[str]]:
    return {
        "kernel": [n for row in net.kernel_names for n in row],
        "kernel_bias": list(net.conv_bias_names),
        "dense": [n for row in net.output_weight_names for n in row],
        "dense_bias": list(net.output_bias_names),
    }


class SeriesBuilder:
    """Builds ``PlotSeries`` for one trainer, remembering the accuracy of rows already measured."""

    def __init__(self, max_points: int = PLOT_POINTS) -> None:
        self.max_points = max_points
        self._accuracy: dict[int, float] = {}  # recorded epoch → accuracy (softmax only)
        self._trainer = None

    def forget(self) -> None:
        """A new trainer, a reset or a loaded file: the remembered accuracies no longer apply."""
        self._accuracy.clear()

    def build(self, t, live: Snapshot | None) -> PlotSeries:
        """The curves for ``t``'s history, ending at ``live`` (the state after the last epoch)."""
        if t is not self._trainer:
            self._trainer = t
            self.forget()
        h, net = t.history, t.net
        idx = _rows(h, self.max_points)
        x = h.epochs[idx].astype(np.int64) - 1
        loss = h.loss[idx].astype(float)
        eval_loss = getattr(h, "eval_loss", None)
        train_loss = None
        if t.dropout > 0:
            train_loss = loss
            loss = (np.asarray(eval_loss)[idx].astype(float) if eval_loss is not None
                    else np.full(len(idx), np.nan))
        shown = tuple(range(min(MAX_CURVES, t.N)))
        # [idx, :k], not [idx][:, :k]: that copied every sample's ŷ of every row first (31 ms at 100k)
        preds = h.predictions[idx, : len(shown)].astype(float)
        P = h.param_matrix[idx]
        names = net.param_names()
        col = {n: i for i, n in enumerate(names)}
        params: dict[str, np.ndarray] = {}
        bands: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        sizes: dict[str, int] = {}
        for group, members in _groups(net).items():
            sizes[group] = len(members)
            drawn = members if len(members) <= MAX_PARAM_CURVES else members[: MAX_PARAM_CURVES // 2]
            for n in drawn:
                params[n] = P[:, col[n]].astype(float)
            if len(members) > MAX_PARAM_CURVES:
                cols = [col[n] for n in members]
                block = P[:, cols]
                bands[group] = (block.min(axis=1), block.max(axis=1))
        accuracy = self._accuracy_rows(t, h.epochs[idx], P) if net.output == "softmax" else None
        add_live = live is not None and live.live and not t.mid_epoch and (not x.size or x[-1] < live.epoch)
        if add_live:
            x = np.append(x, live.epoch)
            loss = np.append(loss, live.loss)
            if train_loss is not None:
                train_loss = np.append(train_loss, np.nan)  # no training pass has used these yet
            lp = np.asarray(live.predictions, dtype=float)
            if net.output == "softmax":
                lp = lp[np.arange(len(lp)), t.y.astype(int)]
            preds = np.vstack([preds, lp[: len(shown)][None, :]]) if preds.size or len(shown) else preds
            for n in params:
                params[n] = np.append(params[n], live.params[n])
            for group, (lo, hi) in list(bands.items()):
                vals = [live.params[n] for n in _groups(net)[group]]
                bands[group] = (np.append(lo, min(vals)), np.append(hi, max(vals)))
            if accuracy is not None:
                from core.chapter.metrics import accuracy as acc

                accuracy = np.append(accuracy, acc(t.y, live.predictions))
        return PlotSeries(x, loss, train_loss, preds, shown, t.N, params, bands, sizes, accuracy)

    def _accuracy_rows(self, t, epochs: np.ndarray, P: np.ndarray) -> np.ndarray:
        """Accuracy at the selected rows, measuring at most ``MAX_ACCURACY_ROWS`` new ones a frame."""
        from core.chapter.metrics import accuracy_curve

        names = t.net.param_names()
        missing = [i for i, e in enumerate(epochs) if int(e) not in self._accuracy]
        todo = missing[-MAX_ACCURACY_ROWS:]  # the newest first: they are where the learner looks
        if todo:
            vals = accuracy_curve(t.net, t.X, t.y, {n: P[todo, j] for j, n in enumerate(names)})
            for i, v in zip(todo, vals, strict=True):
                self._accuracy[int(epochs[i])] = float(v)
        return np.array([self._accuracy.get(int(e), np.nan) for e in epochs])


def before_snapshot(t, step: dict, after: Snapshot) -> Snapshot:
    """The state a step's pass used, for the sub-steps before its update.

    Without an update (a sample in the middle of a batch) the parameters did not change, so it
    is ``after`` with the epoch it had; with one, the core evaluates the parameters from before.
    """
    upd = step.get("update")
    epoch = int(step["epoch"]) - 1  # the step belonged to this epoch: the network had done one less
    if upd is None:
        return replace(after, epoch=epoch, last_update=None)
    net = t.net.copy()
    net.set_params(upd["before"])
    snap = _snapshot(t, net, epoch, int(step["sample"]), True, step)
    return replace(snap, last_update=None, stopped_reason=None, diverged=False)
