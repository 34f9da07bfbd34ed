"""Saving and loading the chapter's 1D trainer as a workspace (sections, arrays, checks).

The manifest's sections: ``network`` (``Network.shape_dict()``), ``trainer``
(``Trainer.settings()``), ``state`` (epoch, optimiser step count, random states, the
history's stride, stop reason, step-through position…), ``experiment`` and ``image_lab``
(the panels' own settings) and ``arrays`` (declared shapes). Arrays: ``theta``, ``X``,
``y``, ``history_epochs``/``_loss``/``_params``/``_predictions``, ``theta0``, ``ep_pred``,
and as the run needs them ``opt_m``/``opt_v``, ``epoch_mask``, ``order``.

``load_workspace`` checks in this order, and builds nothing until the checks before it
passed: the archive (``archive.Archive``), the manifest's JSON, each section against its
``Spec`` (types and ranges), then what the trainer *would allocate* from those numbers
(``trainer_bytes``), then each array's declared shape against the network and the data,
then the arrays' values; only then a ``Network`` and a ``Trainer`` are built and restored.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.activations import ACTIVATIONS
from core.chapter.network import INITS, OUTPUTS, Network
from core.chapter.trainer import MAX_LR, MODES, Trainer
from core.datasets.csv_files import MAX_ABS_VALUE, MAX_CSV_ROWS
from core.i18n import N_
from core.optimizers import MAX_STEPS, OPTIMIZERS
from core.workspace.archive import Archive, open_archive, shape_text
from core.workspace.saving import write_archive
from core.workspace.schema import (
    AnyJSON,
    Bool,
    Float,
    Int,
    ListOf,
    Obj,
    Opt,
    Str,
    WorkspaceError,
    describe,
    one_line,
    power_of_two,
)
from core.workspace.sizes import (
    MAX_INPUTS,
    MAX_KERNELS,
    MAX_OUTPUTS,
    MAX_PADDING,
    MAX_STRIDE,
    MAX_TRAINER_BYTES,
    history_max_rows,
    shape_sizes,
    trainer_bytes,
)

FORMAT = "cnn-visualiser-workspace"
VERSION = 1
SUFFIX = ".cnnviz"

MAX_EPOCH = 10**12  # far past any run (the window's limit is 10⁷ a run), well inside int64

_RNG = Obj({
    "bit_generator": Str(choices=("PCG64",)),
    "state": Obj({"state": Int(0, 2**128 - 1), "inc": Int(0, 2**128 - 1)}),
    "has_uint32": Int(0, 1),
    "uinteger": Int(0, 2**32 - 1),
})
NETWORK = Obj({
    "n_inputs": Int(1, MAX_INPUTS),
    "kernel_size": Int(1, MAX_INPUTS + 2 * MAX_PADDING),
    "n_kernels": Int(1, MAX_KERNELS),
    "stride": Int(1, MAX_STRIDE),
    "padding": Int(0, MAX_PADDING),
    "activation": Str(choices=ACTIVATIONS),
    "init": Str(choices=INITS),
    "seed": Int(0, 2**32 - 1),  # the chapter's initialiser seeds numpy's legacy generator
    "n_outputs": Int(1, MAX_OUTPUTS),
    "output": Str(choices=OUTPUTS),
})
SETTINGS = Obj({
    "lr": Float(0.0, MAX_LR, open_lo=True),
    "mode": Str(choices=MODES),
    "optimizer": Str(choices=OPTIMIZERS),
    "batch_size": Opt(Int(1, MAX_CSV_ROWS)),
    "momentum": Float(0.0, 1.0, open_hi=True),
    "betas": ListOf(Float(0.0, 1.0, open_hi=True), 2, 2),
    "eps": Float(0.0, 1.0, open_lo=True),
    "lr_decay": Float(0.0, 1.0, open_lo=True),
    "seed": Opt(Int(0, 2**63 - 1)),  # None: the network's seed
    "dropout": Float(0.0, 1.0, open_hi=True),
}, defaults={"batch_size": None, "momentum": 0.9, "betas": [0.9, 0.999], "eps": 1e-8,
             "lr_decay": 1.0, "seed": None, "dropout": 0.0})
STATE = Obj({
    "epoch": Int(0, MAX_EPOCH),
    "optimizer": Obj({"t": Int(0, MAX_STEPS)}),
    "rng": _RNG,
    "drop_rng": _RNG,
    "history_stride": Int(1, 2**40, power_of_two, N_("workspace", " that is a power of two")),
    "stopped_reason": Opt(Str(max_len=2000)),
    "diverged": Bool(),
    "pos": Int(0, MAX_CSV_ROWS - 1),
    "ep_loss": Float(0.0, 1e308),
}, defaults={"stopped_reason": None, "diverged": False, "ep_loss": 0.0})


@dataclass
class Workspace:
    """What a workspace file holds, rebuilt: the trainer and the GUI's own settings."""

    trainer: Trainer
    experiment: dict = field(default_factory=dict)  # the experiment panel's settings
    image_lab: dict = field(default_factory=dict)  # the image lab's image path and pipeline


# ------------------------------------------------------------------ saving
def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def save_workspace(
    path: str | os.PathLike,
    trainer: Trainer,
    experiment: dict | None = None,
    image_lab: dict | None = None,
) -> None:
    """Write ``trainer`` (and the GUI's settings) to ``path`` atomically, through symlinks.

    The manifest is checked as a load would check it first, so a session is never saved into
    a file that cannot be opened again (WorkspaceError, a sentence without the file name).
    OSError when the target is not a regular file or the disk refuses (the old file stays).
    """
    manifest, arrays = workspace_parts(trainer, experiment, image_lab)
    write_archive(path, json.dumps(manifest, indent=1, allow_nan=False), arrays)


def workspace_parts(trainer: Trainer, experiment: dict | None = None, image_lab: dict | None = None
                    ) -> tuple[dict, dict[str, np.ndarray]]:
    """The manifest and arrays ``save_workspace`` writes, checked as a load would check them.

    Apart from the writing so one file can carry another section too (``session.save_session``).
    """
    state = trainer.state()
    arrays: dict[str, np.ndarray] = {
        "theta": state["theta"],
        "X": trainer.X,
        "y": trainer.y,
        "history_epochs": state["history"]["epochs"].astype(np.int64),
        "history_loss": state["history"]["loss"],
        "history_params": state["history"]["params"],
        "history_predictions": state["history"]["predictions"],
        "theta0": state["theta0"],
        "ep_pred": state["ep_pred"],
    }
    if "eval_loss" in state["history"]:  # dropout runs: the loss without dropout, per recorded epoch
        arrays["history_eval_loss"] = state["history"]["eval_loss"]
    opt = dict(state["optimizer"])
    for key in ("m", "v"):
        if key in opt:
            arrays[f"opt_{key}"] = opt.pop(key)
    if state["epoch_mask"] is not None:
        arrays["epoch_mask"] = state["epoch_mask"]
    if state["order"] is not None:
        arrays["order"] = state["order"].astype(np.int64)
    manifest = _jsonable({
        "format": FORMAT,
        "version": VERSION,
        "network": trainer.net.shape_dict(),
        "trainer": trainer.settings(),
        "state": {
            "epoch": state["epoch"],
            "optimizer": opt,
            "rng": state["rng"],
            "drop_rng": state["drop_rng"],
            "history_stride": state["history"]["stride"],
            "stopped_reason": state["stopped_reason"],
            "diverged": state["diverged"],
            "pos": state["pos"],
            "ep_loss": state["ep_loss"],
        },
        "experiment": experiment or {},
        "image_lab": image_lab or {},
        "arrays": {k: {"shape": list(v.shape), "dtype": str(v.dtype)} for k, v in arrays.items()},
    })
    try:
        json.dumps(manifest, allow_nan=False)  # a manifest JSON cannot hold is refused here, not mid-write
        _check_manifest(manifest, {k: (tuple(v.shape), str(v.dtype)) for k, v in arrays.items()})
        for key in ("X", "y"):
            _finite(key, arrays[key], MAX_ABS_VALUE)
    except (WorkspaceError, ValueError, TypeError) as exc:
        raise WorkspaceError(N_("workspace", "this session cannot be saved as a workspace: {exc}").format(
            exc=exc)) from None
    return manifest, arrays


# ------------------------------------------------------------------ loading
def load_workspace(path: str | os.PathLike) -> Workspace:
    """Read a workspace file, checking everything first.

    Raises WorkspaceError, one sentence starting with the file name, for every file that
    cannot be opened — never another exception, and nothing is built from a refused file.
    """
    name = os.fspath(path)
    try:
        with open_archive(path) as archive:
            return _load(archive)
    except WorkspaceError as exc:
        raise WorkspaceError(N_("workspace", "{name}: {reason}").format(name=name, reason=exc.args[0]
                                                                        if exc.args else str(exc))) from None
    except MemoryError:
        raise WorkspaceError(N_("workspace", "{name}: there is not enough memory to open this "
                                             "workspace").format(
            name=name)) from None
    except Exception as exc:  # noqa: BLE001 - the promise is one sentence, whatever went wrong
        raise WorkspaceError(N_("workspace", "{name}: could not be read (unexpected {0}: {1})").format(
            type(exc).__name__, one_line(exc, 80), name=name)) from None


def _check_header(manifest: Any) -> None:
    """The format, the exact version, and the sections every workspace has."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise WorkspaceError(N_("workspace", "not a CNN Visualiser workspace (foreign format)"))
    version = manifest.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise WorkspaceError(N_("workspace", "made by a newer CNN Visualiser (format version "
                                             "{0}); this one reads version {VERSION}").format(
            describe(version), VERSION=VERSION))
    if type(version) is not int or version != VERSION:
        raise WorkspaceError(N_("workspace", "the workspace's format version is {0}; this app "
                                             "reads version {VERSION} only").format(
            describe(version), VERSION=VERSION))
    for key in ("network", "trainer", "state", "arrays"):
        if key not in manifest:
            raise WorkspaceError(N_("workspace", "the workspace is missing “{key}”").format(key=key))


def _check_manifest(manifest: Any, declared: dict[str, tuple[tuple[int, ...], str]]) -> dict:
    """Every check that needs only the manifest and the declared array shapes; returns the sections."""
    _check_header(manifest)
    shape = NETWORK.check(manifest["network"], "network")
    settings = SETTINGS.check(manifest["trainer"], "trainer")
    st = STATE.check(manifest["state"], "state")
    sections = {
        "network": shape, "trainer": settings, "state": st,
        "experiment": AnyJSON().check(manifest.get("experiment", {}), "experiment"),
        "image_lab": AnyJSON().check(manifest.get("image_lab", {}), "image_lab"),
    }
    z = shape_sizes(shape)
    P, F = z["P"], z["F"]
    xs = declared.get("X", ((), ""))[0]
    if len(xs) != 2 or not 1 <= xs[0] <= MAX_CSV_ROWS or xs[1] != shape["n_inputs"]:
        raise WorkspaceError(N_("workspace", "the data set is declared as {0} values; expected "
                                             "1–{MAX_CSV_ROWS:,} rows of {1} inputs").format(
            shape_text(xs), shape['n_inputs'], MAX_CSV_ROWS=MAX_CSV_ROWS))
    N = xs[0]
    need = trainer_bytes(shape, N, settings["mode"], settings["dropout"])
    if need > MAX_TRAINER_BYTES:
        raise WorkspaceError(N_("workspace", "training this network on {N:,} samples would need "
                                             "about {0:.1f} GB of memory; this app allows {1:.0f} "
                                             "GB").format(
            need / 2 ** 30, MAX_TRAINER_BYTES / 2 ** 30, N=N))
    if settings["mode"] == "minibatch" and not (settings["batch_size"] and settings["batch_size"] <= N):
        raise WorkspaceError(N_("workspace", "“trainer.batch_size” must be from 1 to {N:,} (the "
                                             "samples) in minibatch mode").format(
            N=N))
    hs = declared.get("history_epochs", ((), ""))[0]
    if len(hs) != 1:
        raise WorkspaceError(N_("workspace", "the history's length is missing or invalid"))
    R = hs[0]
    if R > history_max_rows(P, N):
        raise WorkspaceError(N_("workspace", "the history has {R:,} rows, more than this app "
                                             "keeps ({0:,})").format(
            history_max_rows(P, N), R=R))
    if st["pos"] >= N:
        raise WorkspaceError(N_("workspace", "the step-through position {0:,} is past the {N:,} "
                                             "samples").format(
            st['pos'], N=N))
    if st["pos"] and "order" not in declared:
        raise WorkspaceError(N_("workspace", "the step-through state lacks the epoch's sample order"))
    opt_arrays = {"gd": (), "momentum": ("opt_v",), "adam": ("opt_m", "opt_v")}[settings["optimizer"]]
    expected = {
        "theta": (P,), "X": (N, shape["n_inputs"]), "y": (N,), "history_epochs": (R,),
        "history_loss": (R,), "history_params": (R, P), "history_predictions": (R, N),
        "theta0": (P,), "ep_pred": (N,), **{a: (P,) for a in opt_arrays},
    }
    optional = {"order": (N,)}
    if settings["dropout"]:
        optional["epoch_mask"] = (N, F)
        optional["history_eval_loss"] = (R,)
    for key in declared:
        if key not in expected and key not in optional:
            raise WorkspaceError(N_("workspace", "the workspace holds an array “{key}” this run "
                                                 "has no use for").format(
                key=key))
    for key, shp in {**expected, **optional}.items():
        if key not in declared:
            if key in optional:
                continue
            raise WorkspaceError(N_("workspace", "the workspace is missing the array “{key}”").format(
                key=key))
        dtype = "int64" if key in ("history_epochs", "order") else "float64"
        if declared[key] != (shp, dtype):
            got, gdt = declared[key]
            raise WorkspaceError(N_("workspace", "the array “{key}” is declared as {0} {gdt}, "
                                                 "expected {1} {dtype}").format(
                shape_text(got), shape_text(shp), key=key, gdt=gdt, dtype=dtype))
    return sections


def _finite(name: str, a: np.ndarray, bound: float | None = None) -> np.ndarray:
    with np.errstate(all="ignore"):
        ok = bool(np.isfinite(a).all()) and (bound is None or bool((np.abs(a) <= bound).all()))
    if not ok:
        extra = N_("workspace", " or beyond ±{bound:g}").format(bound=bound) if bound is not None else ""
        raise WorkspaceError(N_("workspace", "the array “{name}” holds values that are not finite "
                                             "numbers{extra}").format(
            name=name, extra=extra))
    return a


def _load(archive: Archive) -> Workspace:
    manifest = archive.manifest()
    _check_header(manifest)
    declared = archive.declared(manifest["arrays"])
    sec = _check_manifest(manifest, declared)
    shape, settings, st = sec["network"], sec["trainer"], sec["state"]
    a = {key: archive.read_array(key, shp, dtype) for key, (shp, dtype) in declared.items()}
    for key in ("theta", "theta0", "ep_pred", "opt_m", "opt_v"):
        if key in a:
            _finite(key, a[key])
    for key in ("X", "y"):
        _finite(key, a[key], MAX_ABS_VALUE)
    if settings["optimizer"] == "adam" and (a["opt_v"] < 0).any():
        raise WorkspaceError(N_("workspace", "the Adam optimiser's second moments “opt_v” hold negative "
                                             "values"))
    epochs = a["history_epochs"]
    if epochs.size and (epochs[0] < 1 or epochs[-1] > st["epoch"] or (np.diff(epochs) <= 0).any()):
        raise WorkspaceError(N_("workspace", "the history's epochs are not increasing epoch numbers up to "
                                             "the current epoch"))
    N = a["X"].shape[0]
    order = a.get("order")
    if order is not None and not np.array_equal(np.sort(order), np.arange(N)):
        raise WorkspaceError(N_("workspace", "the epoch's sample order is not a permutation of the samples"))
    mask = a.get("epoch_mask")
    if mask is not None:
        keep = 1.0 / (1.0 - settings["dropout"])
        if not ((mask == 0.0) | (mask == keep)).all():
            raise WorkspaceError(N_("workspace", "the dropout mask holds values other than 0 and 1/(1 − p)"))
    try:
        net = Network(**shape)
        trainer = Trainer(net, a["X"], a["y"], **{**settings, "betas": tuple(settings["betas"])})
    except (TypeError, ValueError) as exc:
        raise WorkspaceError(N_("workspace", "the network or its training settings are invalid "
                                             "({0})").format(
            one_line(exc, 100))) from None
    opt_state: dict[str, Any] = {"t": st["optimizer"]["t"]}
    for key in ("m", "v"):
        if f"opt_{key}" in a:
            opt_state[key] = a[f"opt_{key}"]
    state = {
        "theta": a["theta"], "epoch": st["epoch"], "optimizer": opt_state,
        "rng": st["rng"], "drop_rng": st["drop_rng"],
        "history": {"epochs": epochs, "loss": a["history_loss"], "params": a["history_params"],
                    "predictions": a["history_predictions"], "stride": st["history_stride"],
                    **({"eval_loss": a["history_eval_loss"]} if "history_eval_loss" in a else {})},
        "stopped_reason": st["stopped_reason"], "diverged": st["diverged"],
        "epoch_mask": mask, "pos": st["pos"], "order": order,
        "theta0": a["theta0"], "ep_pred": a["ep_pred"], "ep_loss": st["ep_loss"],
    }
    try:
        trainer.load_state(state)
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise WorkspaceError(N_("workspace", "the training state cannot be restored ({0})").format(
            one_line(exc, 100))) from None
    if not math.isfinite(trainer.lr):
        raise WorkspaceError(N_("workspace", "the learning rate at this epoch is not a finite number"))
    return Workspace(trainer=trainer, experiment=sec["experiment"], image_lab=sec["image_lab"])
