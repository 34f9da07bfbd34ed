"""Workspace files: a whole session — network, data, settings, optimiser and random state,
history and the image lab's pipeline — in one file, so a run can be resumed exactly.

Format (version 1): a ZIP archive (extension ``.cnnviz``) holding

- ``workspace.json`` — ``{"format": "cnn-visualiser-workspace", "version": 1,
  "network": Network.shape_dict(), "trainer": Trainer.settings(), "state": {…},
  "experiment": {…}, "image_lab": {…}, "arrays": {name: {"shape": […], "dtype": "float64"}}}``
- ``arrays/<name>.npy`` — one NumPy array each (``theta``, ``X``, ``y``, the history's
  ``history_epochs``, ``history_loss``, ``history_params``, ``history_predictions``,
  the optimiser's moments, and the step-through's mid-epoch state).

Reading checks everything before it builds anything: the manifest's keys and types,
each array's declared shape against the network and the data, and each ``.npy``
header against the manifest before a byte of data is read, so a truncated, foreign,
newer or maliciously huge file is refused with a sentence and nothing changes.
Writing goes to a temporary file beside the target, then renames it over, so a
crash mid-save leaves the previous file intact.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.chapter.network import Network
from core.chapter.trainer import Trainer

FORMAT = "cnn-visualiser-workspace"
VERSION = 1
SUFFIX = ".cnnviz"
MAX_ARRAY_BYTES = 256 * 2**20  # a history is at most 64 MB; data sets beyond this are refused
MAX_MANIFEST_BYTES = 4 * 2**20


class WorkspaceError(ValueError):
    """A workspace file that cannot be read, with a sentence saying why."""


@dataclass
class Workspace:
    """What a workspace file holds, rebuilt: the trainer and the GUI's own settings."""

    trainer: Trainer
    experiment: dict = field(default_factory=dict)  # the experiment panel's settings
    image_lab: dict = field(default_factory=dict)  # the image lab's image path and pipeline


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
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
    """Write ``trainer`` (and the GUI's settings) to ``path`` atomically."""
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
    opt = dict(state["optimizer"])
    for key in ("m", "v"):
        if key in opt:
            arrays[f"opt_{key}"] = opt.pop(key)
    if state["epoch_mask"] is not None:
        arrays["epoch_mask"] = state["epoch_mask"]
    if state["order"] is not None:
        arrays["order"] = state["order"].astype(np.int64)
    manifest = {
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
    }
    text = json.dumps(_jsonable(manifest), indent=1, allow_nan=False)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr("workspace.json", text)
                for name, arr in arrays.items():
                    buf = io.BytesIO()
                    np.save(buf, np.ascontiguousarray(arr), allow_pickle=False)
                    zf.writestr(f"arrays/{name}.npy", buf.getvalue())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ---------------------------------------------------------------------- reading
def _need(d: dict, key: str, kind, where: str):
    if not isinstance(d, dict) or key not in d:
        raise WorkspaceError(f"the workspace is missing “{where}{key}”")
    value = d[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise WorkspaceError(f"“{where}{key}” has the wrong type in the workspace")
    return value


def _read_array(zf: zipfile.ZipFile, name: str, shape: tuple, dtype: str) -> np.ndarray:
    member = f"arrays/{name}.npy"
    try:
        info = zf.getinfo(member)
    except KeyError:
        raise WorkspaceError(f"the workspace has no array “{name}”") from None
    expected = int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize
    if expected > MAX_ARRAY_BYTES or info.file_size > expected + 4096:
        raise WorkspaceError(f"the array “{name}” is implausibly large ({info.file_size:,} bytes)")
    with zf.open(info) as fh:
        try:
            version = np.lib.format.read_magic(fh)
            if version == (1, 0):
                hshape, fortran, hdtype = np.lib.format.read_array_header_1_0(fh)
            else:
                hshape, fortran, hdtype = np.lib.format.read_array_header_2_0(fh)
        except ValueError as exc:
            raise WorkspaceError(f"the array “{name}” is not a valid .npy array ({exc})") from None
        if tuple(hshape) != tuple(shape) or hdtype != np.dtype(dtype):
            raise WorkspaceError(
                f"the array “{name}” has shape {tuple(hshape)} {hdtype}, expected {tuple(shape)} {dtype}"
            )
        data = fh.read(expected + 1)
    if len(data) != expected:
        raise WorkspaceError(f"the array “{name}” is truncated")
    arr = np.frombuffer(data, dtype=hdtype).reshape(hshape, order="F" if fortran else "C").copy()
    if arr.dtype.kind == "f" and not np.isfinite(arr).all() and not name.startswith("history"):
        raise WorkspaceError(f"the array “{name}” holds values that are not finite numbers")
    return arr


def load_workspace(path: str | os.PathLike) -> Workspace:
    """Read a workspace file, checking everything; raises WorkspaceError saying what is wrong."""
    name = os.fspath(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise WorkspaceError(f"{name}: no such file") from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise WorkspaceError(f"{name}: not a CNN Visualiser workspace (not a readable archive: "
                             f"{exc})") from None
    try:
        with zf:
            return _load(zf)
    except WorkspaceError as exc:
        raise WorkspaceError(f"{name}: {exc}") from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise WorkspaceError(f"{name}: the file is damaged or truncated ({exc})") from None


def _load(zf: zipfile.ZipFile) -> Workspace:
    try:
        info = zf.getinfo("workspace.json")
    except KeyError:
        raise WorkspaceError("not a CNN Visualiser workspace (no workspace.json inside)") from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise WorkspaceError("the workspace description is implausibly large")
    try:
        manifest = json.loads(zf.read(info).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WorkspaceError(f"the workspace description is not valid JSON ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise WorkspaceError("not a CNN Visualiser workspace (foreign format)")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise WorkspaceError("the workspace has no valid version number")
    if version > VERSION:
        raise WorkspaceError(
            f"made by a newer CNN Visualiser (format version {version}); this one reads up to "
            f"version {VERSION}"
        )
    shape = _need(manifest, "network", dict, "")
    settings = _need(manifest, "trainer", dict, "")
    st = _need(manifest, "state", dict, "")
    declared = _need(manifest, "arrays", dict, "")
    try:
        net = Network(**shape)
    except (TypeError, ValueError) as exc:
        raise WorkspaceError(f"the network shape is invalid ({exc})") from None
    P = len(net.param_names())

    def arr(key: str, shp: tuple, dtype: str = "float64", optional: bool = False):
        if key not in declared:
            if optional:
                return None
            raise WorkspaceError(f"the workspace is missing the array “{key}”")
        d = declared[key]
        if not isinstance(d, dict) or list(d.get("shape", [])) != list(shp) or d.get("dtype") != dtype:
            raise WorkspaceError(
                f"the array “{key}” is declared as {d.get('shape') if isinstance(d, dict) else d}, "
                f"expected {list(shp)} {dtype}"
            )
        return _read_array(zf, key, tuple(shp), dtype)

    x_decl = declared.get("X", {})
    xs = x_decl.get("shape") if isinstance(x_decl, dict) else None
    if not (isinstance(xs, list) and len(xs) == 2 and all(isinstance(v, int) and v > 0 for v in xs)):
        raise WorkspaceError("the data set's shape is missing or invalid")
    N = xs[0]
    h_decl = declared.get("history_epochs", {})
    hs = h_decl.get("shape") if isinstance(h_decl, dict) else None
    if not (isinstance(hs, list) and len(hs) == 1 and isinstance(hs[0], int) and hs[0] >= 0):
        raise WorkspaceError("the history's length is missing or invalid")
    R = hs[0]
    theta = arr("theta", (P,))
    X = arr("X", (N, net.n_inputs))
    y = arr("y", (N,))
    try:
        trainer = Trainer(net, X, y, **{k: v for k, v in settings.items()
                                        if k in ("lr", "mode", "optimizer", "batch_size", "momentum",
                                                 "betas", "eps", "lr_decay", "seed", "dropout")})
    except (TypeError, ValueError) as exc:
        raise WorkspaceError(f"the training settings are invalid ({exc})") from None
    if R > trainer.history.max_rows:
        raise WorkspaceError(f"the history has {R:,} rows, more than this app keeps")
    F = net.n_kernels * net.n_positions
    opt_state = dict(_need(st, "optimizer", dict, "state."))
    for key in ("m", "v"):
        a = arr(f"opt_{key}", (P,), optional=True)
        if a is not None:
            opt_state[key] = a
    needed = {"momentum": ("v",), "adam": ("m", "v")}.get(trainer.optimizer_name, ())
    for key in needed:
        if key not in opt_state:
            raise WorkspaceError(f"the optimiser's state lacks “{key}”")
    if "t" not in opt_state or not isinstance(opt_state["t"], int):
        raise WorkspaceError("the optimiser's state lacks its step count")
    epochs = arr("history_epochs", (R,), "int64")
    state = {
        "theta": theta,
        "epoch": _need(st, "epoch", int, "state."),
        "optimizer": opt_state,
        "rng": _need(st, "rng", dict, "state."),
        "drop_rng": _need(st, "drop_rng", dict, "state."),
        "history": {
            "epochs": epochs,
            "loss": arr("history_loss", (R,)),
            "params": arr("history_params", (R, P)),
            "predictions": arr("history_predictions", (R, N)),
            "stride": _need(st, "history_stride", int, "state."),
        },
        "stopped_reason": st.get("stopped_reason"),
        "diverged": bool(st.get("diverged", False)),
        "epoch_mask": arr("epoch_mask", (N, F), optional=True),
        "pos": _need(st, "pos", int, "state."),
        "order": arr("order", (N,), "int64", optional=True),
        "theta0": arr("theta0", (P,)),
        "ep_pred": arr("ep_pred", (N,)),
        "ep_loss": float(st.get("ep_loss", 0.0)),
    }
    if state["epoch"] < 0 or not 0 <= state["pos"] < N or (R and np.any(np.diff(epochs) <= 0)):
        raise WorkspaceError("the training state is inconsistent")
    if state["pos"] and state["order"] is None:
        raise WorkspaceError("the step-through state lacks the epoch's sample order")
    if state["order"] is not None and sorted(state["order"].tolist()) != list(range(N)):
        raise WorkspaceError("the epoch's sample order is not a permutation of the samples")
    try:
        trainer.load_state(state)
    except (KeyError, TypeError, ValueError) as exc:
        raise WorkspaceError(f"the training state cannot be restored ({exc})") from None
    experiment = manifest.get("experiment", {})
    image_lab = manifest.get("image_lab", {})
    if not isinstance(experiment, dict) or not isinstance(image_lab, dict):
        raise WorkspaceError("the experiment or image-lab settings have the wrong type")
    return Workspace(trainer=trainer, experiment=experiment, image_lab=image_lab)
