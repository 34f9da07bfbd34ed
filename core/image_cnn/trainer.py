"""ImageTrainer: mini-batch training of an ImageCNN, resumable bit for bit, steppable in slices.

The optimisers are the 1D core's (``core.optimizers``: gd, momentum and Adam with PyTorch's
conventions), fed the summed gradient of each batch. A GUI worker calls ``step_batches(n)``
in time-boxed slices; ``run(epochs)`` continues where the last call stopped (optimiser
state, shuffling and the position inside an epoch are kept), so 4 + 6 epochs equal 10.
``state()`` / ``load_state()`` capture all of it as plain values and NumPy arrays.
"""

from __future__ import annotations

import contextlib
import copy
import math
import time

import numpy as np

from core.i18n import N_
from core.image_cnn.history import ImageHistory
from core.image_cnn.layers import softmax_cross_entropy
from core.image_cnn.model import ImageCNN
from core.image_cnn.optim import make_image_optimizer
from core.optimizers import OPTIMIZERS

try:
    from threadpoolctl import ThreadpoolController
except ImportError:  # optional: without it BLAS keeps its own thread count
    ThreadpoolController = None

STATE_FORMAT = "image-cnn-trainer"
STATE_VERSION = 1
SETTING_KEYS = ("optimizer", "lr", "batch_size", "seed", "momentum", "betas", "eps")
_OPT_KEYS = {"gd": {"t"}, "momentum": {"t", "v"}, "adam": {"t", "m", "v"}}


def _check_settings(optimizer, lr, batch_size, seed, momentum, betas, eps) -> dict:
    """Validate the hyper-parameters; returns them normalised (ValueError names the bad one)."""
    def number(name, v, ok, rule):
        if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating) or not ok(v):
            raise ValueError(N_("image_cnn", "{name} must be {rule}; got {v!r}").format(
                name=name, rule=rule, v=v))
        return v

    if optimizer not in OPTIMIZERS:
        raise ValueError(N_("image_cnn", "optimizer must be one of {0}; got {optimizer!r}").format(
            ', '.join(OPTIMIZERS), optimizer=optimizer))
    number("lr", lr, lambda v: math.isfinite(v) and v > 0, N_("image_cnn", "a finite number > 0"))
    number("batch_size", batch_size, lambda v: v == int(v) and v >= 1, N_("image_cnn", "a whole number ≥ 1"))
    number("seed", seed, lambda v: v == int(v) and v >= 0, N_("image_cnn", "a whole number ≥ 0"))
    number("momentum", momentum, lambda v: 0 <= v < 1, "in [0, 1)")
    if not isinstance(betas, list | tuple) or len(betas) != 2:
        raise ValueError(N_("image_cnn", "betas must be a pair (β1, β2); got {betas!r}").format(betas=betas))
    for b in betas:
        number("betas", b, lambda v: 0 <= v < 1, N_("image_cnn", "two numbers in [0, 1)"))
    number("eps", eps, lambda v: math.isfinite(v) and v > 0, N_("image_cnn", "a finite number > 0"))
    return {"optimizer": optimizer, "lr": float(lr), "batch_size": int(batch_size), "seed": int(seed),
            "momentum": float(momentum), "betas": [float(betas[0]), float(betas[1])], "eps": float(eps)}


_controller = None


def _blas_threads(n: int | None):
    """A context holding BLAS to ``n`` threads (a no-op for None or without threadpoolctl)."""
    global _controller
    if n is None or ThreadpoolController is None:
        return contextlib.nullcontext()
    if _controller is None:
        _controller = ThreadpoolController()  # finds the loaded BLAS once (≈2 ms); limit() is ≈15 µs
    return _controller.limit(limits=n, user_api="blas")


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


class ImageTrainer:
    """Train ``model`` on images ``X`` (n, H, W[, C]) with labels ``y``; validate on ``X_val``.

    ``history`` holds per epoch ``train_loss`` / ``train_acc`` (the running mean over the
    epoch's batches, as Keras and most PyTorch loops report them) and ``val_loss`` /
    ``val_acc`` (measured after the epoch's last step, NaN without validation data).

    While it steps, BLAS is held to ``blas_threads`` threads (1; None leaves BLAS alone) when
    threadpoolctl is installed: these matrices are small, and a second BLAS thread spinning on
    a busy 2-core machine made epochs up to ten times slower, and would starve a GUI thread.

    Threads: the trainer updates ``model.theta`` in place, step after step. A view on another
    thread should draw a copy (``model_at(epoch)``, or ``model.copy()`` taken between slices
    on the worker's thread), never the live model while a slice runs.
    """

    blas_threads: int | None = 1

    def __init__(self, model: ImageCNN, X, y, X_val=None, y_val=None, optimizer: str = "adam",
                 lr: float = 1e-3, batch_size: int = 32, seed: int = 0, momentum: float = 0.9,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8) -> None:
        if not isinstance(model, ImageCNN):
            raise ValueError(f"model must be an ImageCNN; got {type(model).__name__}")
        self.model = model
        self.X = model.check_X(X)
        self.y = model.check_y(y, self.X.shape[0])
        if self.X.shape[0] == 0:
            raise ValueError(N_("image_cnn", "X holds no images: there is nothing to train on"))
        if (X_val is None) != (y_val is None):
            raise ValueError(N_("image_cnn", "give both X_val and y_val, or neither"))
        self.X_val = None if X_val is None else model.check_X(X_val, "X_val")
        self.y_val = None if y_val is None else model.check_y(y_val, self.X_val.shape[0], "y_val")
        self._xi = model.to_internal(self.X)
        # the same images one per row, for gathering a batch: 32 rows of H·W·C values read far
        # fewer cache lines than 32 scattered values from each of H·W·C rows of ``_xi``
        self._rows = np.ascontiguousarray(self.X).reshape(self.X.shape[0], -1)
        self._batch_buffers: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._xv = None if self.X_val is None or not len(self.X_val) else model.to_internal(self.X_val)
        self.settings = _check_settings(optimizer, lr, batch_size, seed, momentum, betas, eps)
        self._G = np.zeros(model.n_params, dtype=model.dtype)
        self._init_state()

    # ------------------------------------------------------------------ state
    def _make_optimizer(self, s: dict):
        return make_image_optimizer(s["optimizer"], self.model.n_params, s["lr"], momentum=s["momentum"],
                                    betas=tuple(s["betas"]), eps=s["eps"])

    def _init_state(self) -> None:
        s = self.settings
        self.opt = self._make_optimizer(s)
        self.rng = np.random.default_rng(s["seed"])  # shuffles the batches
        self.drop_rng = np.random.default_rng([s["seed"], 0xD0])  # dropout masks, their own stream
        self.epoch = 0  # completed epochs
        self.batch = 0  # batches of the current epoch already stepped
        self._order = np.zeros(0, dtype=np.int64)  # the current epoch's sample order (when mid-epoch)
        self._loss_sum, self._correct, self._seen = 0.0, 0, 0
        self.diverged = False  # a non-finite loss stops training
        self.history = ImageHistory(self.model.param_names, self.model.n_params)
        self.history.record_snapshot(0, self.model.theta)

    def reset(self, seed: int | None = None) -> None:
        """Re-initialise the network (from ``seed`` if given) and forget the run."""
        self.model.initialise(seed)
        self._init_state()

    @property
    def n_train(self) -> int:
        return int(self.X.shape[0])

    @property
    def batch_size(self) -> int:
        return self.settings["batch_size"]

    @property
    def batches_per_epoch(self) -> int:
        return -(-self.n_train // self.batch_size)

    @property
    def full_batch(self) -> bool:
        """One step per epoch on ``model.gradients(X, y)`` (samples in their own order)."""
        return self.batch_size >= self.n_train

    # ------------------------------------------------------------------ stepping
    def step_batches(self, n: int = 1, until_epoch: int | None = None, deadline: float | None = None) -> int:
        """Take up to ``n`` optimiser steps (crossing epoch ends, which record the history),
        stopping early at ``until_epoch`` completed epochs, on a non-finite loss, or after the
        step that passes ``deadline`` (a ``time.perf_counter()`` value; at least one step runs).
        Returns the number of steps taken, so a GUI worker can time-box its slices."""
        with _blas_threads(self.blas_threads), np.errstate(over="ignore", invalid="ignore"):
            # a diverging run is flagged (``diverged``), not warned about
            return self._steps(n, until_epoch, deadline)

    def _steps(self, n, until_epoch, deadline) -> int:
        ran = 0
        B, N = self.batch_size, self.n_train
        while ran < n and not self.diverged and (until_epoch is None or self.epoch < until_epoch):
            if self.full_batch:
                xb, yb = self._xi, self.y
            else:
                if self.batch == 0:
                    self._order = self.rng.permutation(N)
                idx = self._order[self.batch * B:(self.batch + 1) * B]
                xb, yb = self._gather(idx), self.y[idx]
            rng = self.drop_rng if self.model.has_dropout else None
            loss, right = self.model.loss_grad_internal(xb, yb, rng, self._G)
            if not math.isfinite(loss):
                self.diverged = True
                break
            self.opt.step(self.model.theta, self._G, len(yb))
            self._loss_sum += loss
            self._correct += right
            self._seen += len(yb)
            self.batch += 1
            ran += 1
            if self.batch == self.batches_per_epoch:
                self._end_epoch()
            if deadline is not None and time.perf_counter() >= deadline:
                break
        return ran

    def _gather(self, idx: np.ndarray) -> np.ndarray:
        """``_xi[..., idx]`` (the same values) into a buffer kept between steps: a row gather
        from ``_rows``, then one transposing copy into the layers' (C, H, W, n) layout."""
        buffers = self._batch_buffers.get(len(idx))
        if buffers is None:
            h, w, c = self.model.input_shape
            buffers = self._batch_buffers[len(idx)] = (
                np.empty((len(idx), self._rows.shape[1])),
                np.empty((c, h, w, len(idx)), dtype=self.model.dtype))
        rows, xb = buffers
        np.take(self._rows, idx, axis=0, out=rows, mode="clip")  # "raise" would copy via a buffer
        h, w, c = self.model.input_shape
        np.copyto(xb, rows.reshape(len(idx), h, w, c).transpose(3, 1, 2, 0))
        return xb

    def _end_epoch(self) -> None:
        self.epoch += 1
        train_loss = self._loss_sum / self._seen
        train_acc = self._correct / self._seen
        val_loss, val_acc = self.evaluate_internal(self._xv, self.y_val)
        self.history.record(self.epoch, (train_loss, train_acc, val_loss, val_acc), self.model.theta)
        self.batch = 0
        self._order = np.zeros(0, dtype=np.int64)
        self._loss_sum, self._correct, self._seen = 0.0, 0, 0

    def evaluate_internal(self, xi: np.ndarray | None, y: np.ndarray | None) -> tuple[float, float]:
        """(mean loss, accuracy) exactly as ``model.loss`` and ``model.predict`` give them."""
        if xi is None:
            return math.nan, math.nan
        z = self.model.logits_internal(xi)
        losses, _, _ = softmax_cross_entropy(z, y)
        return float(losses.sum()) / len(y), float(np.mean(_softmax(z).argmax(axis=1) == y))

    def run(self, epochs: int, time_budget: float | None = None) -> int:
        """Train ``epochs`` more epochs (finishing a partly stepped one counts as the first).

        With ``time_budget`` (seconds) it stops after the step that passes the deadline, possibly
        mid-epoch; the next call carries on. Returns the number of epochs completed.
        """
        if isinstance(epochs, bool) or not isinstance(epochs, int | np.integer) or epochs < 0:
            raise ValueError(f"epochs must be a whole number ≥ 0; got {epochs!r}")
        start, target = self.epoch, self.epoch + int(epochs)
        deadline = None if time_budget is None else time.perf_counter() + float(time_budget)
        if epochs:
            self.step_batches(math.inf, until_epoch=target, deadline=deadline)
        return self.epoch - start

    # ------------------------------------------------------------------ time travel
    def model_at(self, epoch: int) -> tuple[int, ImageCNN]:
        """``(kept epoch, a copy of the network after it)`` — nearest snapshot to ``epoch``."""
        kept, theta = self.history.snapshot(epoch)
        other = self.model.copy()
        other.theta[:] = theta
        return kept, other

    # ------------------------------------------------------------------ save / restore
    def state(self) -> dict:
        """Everything to resume exactly, as plain JSON-able values and NumPy arrays (copies)."""
        return {
            "format": STATE_FORMAT,
            "version": STATE_VERSION,
            "architecture": self.model.architecture(),
            "settings": copy.deepcopy(self.settings),
            "n_train": self.n_train,
            "n_val": 0 if self.X_val is None else int(self.X_val.shape[0]),
            "theta": self.model.theta.copy(),
            "optimizer_state": self.opt.state(),
            "rng": copy.deepcopy(self.rng.bit_generator.state),
            "dropout_rng": copy.deepcopy(self.drop_rng.bit_generator.state),
            "epoch": self.epoch,
            "diverged": self.diverged,
            "position": {"batch": self.batch, "order": self._order.copy(), "loss_sum": self._loss_sum,
                         "correct": self._correct, "seen": self._seen},
            "history": self.history.state(),
        }

    def load_state(self, state: dict) -> None:
        """Restore :meth:`state`'s output. Every key, shape and value is checked first; on a
        ValueError nothing has changed."""
        _keys(state, ("format", "version", "architecture", "settings", "n_train", "n_val", "theta",
                      "optimizer_state", "rng", "dropout_rng", "epoch", "diverged", "position",
                      "history"), "state")
        if state["format"] != STATE_FORMAT or state["version"] != STATE_VERSION:
            raise ValueError(N_("image_cnn", "not an image-CNN trainer state of version "
                                             "{STATE_VERSION} (format {0!r}, version {1!r})").format(
                state['format'], state['version'], STATE_VERSION=STATE_VERSION))
        arch, mine = state["architecture"], self.model.architecture()
        _keys(arch, ("input_shape", "layers", "seed", "dtype"), "architecture")
        if (list(arch["input_shape"]) != mine["input_shape"] or list(arch["layers"]) != mine["layers"]
                or arch["dtype"] != mine["dtype"]):
            raise ValueError(N_("image_cnn", "the state is for the network {0} {1} ({2}), not "
                                             "this one {3} {4} ({5})").format(
                arch["input_shape"], arch["layers"], arch["dtype"], mine["input_shape"], mine["layers"],
                mine["dtype"]))
        s = state["settings"]
        _keys(s, SETTING_KEYS, "settings")
        settings = _check_settings(**s)
        n_val = 0 if self.X_val is None else int(self.X_val.shape[0])
        if state["n_train"] != self.n_train or state["n_val"] != n_val:
            raise ValueError(N_("image_cnn", "the state was trained on {0} images (validation "
                                             "{1}); this trainer has {2} ({n_val})").format(
                state['n_train'], state['n_val'], self.n_train, n_val=n_val))
        theta = _array(state["theta"], (self.model.n_params,), "theta")
        opt_state = state["optimizer_state"]
        _keys(opt_state, tuple(sorted(_OPT_KEYS[settings["optimizer"]])), "optimizer_state")
        t = opt_state["t"]
        if isinstance(t, bool) or not isinstance(t, int | np.integer) or t < 0:
            raise ValueError(N_("image_cnn", "optimizer_state: t must be a whole number ≥ 0; got "
                                             "{t!r}").format(
                t=t))
        opt_arrays = {k: _array(opt_state[k], (self.model.n_params,), f"optimizer_state.{k}")
                      for k in opt_state if k != "t"}
        rngs = [_generator(state[k], k) for k in ("rng", "dropout_rng")]
        epoch = state["epoch"]
        if isinstance(epoch, bool) or not isinstance(epoch, int | np.integer) or epoch < 0:
            raise ValueError(N_("image_cnn", "epoch must be a whole number ≥ 0; got {epoch!r}").format(
                epoch=epoch))
        pos = state["position"]
        _keys(pos, ("batch", "order", "loss_sum", "correct", "seen"), "position")
        batch, order = pos["batch"], np.asarray(pos["order"])
        n_batches = -(-self.n_train // settings["batch_size"])
        if isinstance(batch, bool) or not isinstance(batch, int | np.integer) or not 0 <= batch < n_batches:
            raise ValueError(N_("image_cnn", "position.batch must be a whole number in [0, "
                                             "{n_batches}); got {batch!r}").format(
                n_batches=n_batches, batch=batch))
        full = settings["batch_size"] >= self.n_train
        want = 0 if (batch == 0 or full) else self.n_train
        if order.shape != (want,) or (want and (order.dtype.kind not in "iu" or
                                                 not np.array_equal(np.sort(order), np.arange(want)))):
            raise ValueError(f"position.order must be {'empty' if not want else 'a permutation of the'} "
                             f"{'' if not want else f'{want} training images'} at batch {batch}")
        seen = batch * settings["batch_size"]
        loss_sum, correct = pos["loss_sum"], pos["correct"]
        if (pos["seen"] != seen or isinstance(correct, bool) or not isinstance(correct, int | np.integer)
                or not 0 <= correct <= seen or not isinstance(loss_sum, int | float | np.floating)
                or not math.isfinite(loss_sum)):
            raise ValueError(N_("image_cnn", "position: seen, correct and loss_sum must be the "
                                             "running sums of the {batch} batches already stepped "
                                             "({seen} images)").format(
                batch=batch, seen=seen))
        history = ImageHistory(self.model.param_names, self.model.n_params)
        if not isinstance(state["history"], dict):
            raise ValueError(N_("image_cnn", "history must be a dict of arrays"))
        _keys(state["history"], ImageHistory.STATE_KEYS, "history")
        history.load_state(state["history"])
        opt = self._make_optimizer(settings)
        opt.load_state({"t": int(t), **opt_arrays})
        # ---- everything checked: apply
        self.settings = settings
        self.model.seed = int(arch["seed"])
        self.model.theta[:] = theta
        self.opt = opt
        self.rng, self.drop_rng = rngs
        self.epoch, self.batch = int(epoch), int(batch)
        self._order = order.astype(np.int64) if want else np.zeros(0, dtype=np.int64)
        self._loss_sum, self._correct, self._seen = float(loss_sum), int(correct), seen
        self.diverged = bool(state["diverged"])
        self.history = history

    @classmethod
    def from_state(cls, state: dict, X, y, X_val=None, y_val=None) -> ImageTrainer:
        """Rebuild the network and trainer a :meth:`state` describes, on the same data."""
        if not isinstance(state, dict) or not isinstance(state.get("architecture"), dict):
            raise ValueError(N_("image_cnn", "state must be a dict with an 'architecture' entry"))
        arch = state["architecture"]
        _keys(arch, ("input_shape", "layers", "seed", "dtype"), "architecture")
        _keys(state.get("settings"), SETTING_KEYS, "settings")
        model = ImageCNN(arch["input_shape"], arch["layers"], seed=arch["seed"], dtype=arch["dtype"])
        trainer = cls(model, X, y, X_val, y_val, **{k: state["settings"][k] for k in state["settings"]})
        trainer.load_state(state)
        return trainer


def _keys(d, keys: tuple[str, ...], what: str) -> None:
    if not isinstance(d, dict):
        raise ValueError(N_("image_cnn", "{what} must be a dict").format(what=what))
    missing = [k for k in keys if k not in d]
    extra = [k for k in d if k not in keys]
    if missing or extra:
        raise ValueError(f"{what}: " + "; ".join(
            ([N_("image_cnn", "missing {0}").format(', '.join(missing))] if missing else []) +
            ([N_("image_cnn", "unexpected {0}").format(', '.join(map(str, extra)))] if extra else [])))


def _array(value, shape: tuple[int, ...], what: str) -> np.ndarray:
    arr = np.asarray(value)
    if arr.shape != shape or arr.dtype.kind not in "fiu":
        raise ValueError(N_("image_cnn", "{what} must be a numeric array of shape {shape}; got "
                                         "{0} {1}").format(
            arr.shape, arr.dtype, what=what, shape=shape))
    return arr.astype(float)


def _generator(rng_state, what: str) -> np.random.Generator:
    gen = np.random.default_rng()
    try:
        gen.bit_generator.state = copy.deepcopy(rng_state)
    except (TypeError, ValueError, KeyError) as exc:
        raise ValueError(N_("image_cnn", "{what}: not a PCG64 generator state ({exc})").format(
            what=what, exc=exc)) from None
    return gen
