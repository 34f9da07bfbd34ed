"""Saving and loading an image CNN (``core.image_cnn.ImageTrainer``) as a workspace file.

The same container as the 1D trainer's (``archive``: a ZIP of one JSON manifest and ``.npy``
arrays, written atomically through symlinks; ``schema``: bounded JSON and typed, ranged
checks), with one section of its own, ``image_cnn``, and arrays named ``cnn_*``, so the two
can later share one file. The section holds the architecture, the training settings, the
position in the run (epoch, batch, running sums, the optimiser's step count, both random
states, the history's thinning strides) and, free-form, what the caller wants kept with it
(``extra``: the data set's name and class names, the GUI's selected image, the canvas…).
Arrays: the parameters, the optimiser's moments, the epoch's sample order (mid-epoch only),
the metrics and snapshot history, and the data (training and validation images and labels),
so a file resumes by itself, bit for bit: 5 + 5 epochs equal 10 straight.

``load_image_cnn_workspace`` checks the archive, the manifest, the section, the declared
shapes against the architecture, then the values, and builds nothing before; every refusal
is a ``WorkspaceError`` of one sentence starting with the file name.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.i18n import N_
from core.image_cnn import ImageTrainer, parse_layers
from core.image_cnn.history import METRICS
from core.image_cnn.trainer import STATE_FORMAT, STATE_VERSION
from core.optimizers import MAX_STEPS, OPTIMIZERS
from core.workspace.archive import Archive, open_archive, shape_text
from core.workspace.chapter import FORMAT, VERSION
from core.workspace.cnn_sizes import MAX_TRAINER_BYTES, training_bytes
from core.workspace.saving import write_archive
from core.workspace.schema import (
    AnyJSON,
    Bool,
    Float,
    Int,
    ListOf,
    Obj,
    Str,
    WorkspaceError,
    describe,
    one_line,
    power_of_two,
)

SECTION = "image_cnn"
KIND = "image-cnn"
MAX_SIDE = 4096  # image height and width
MAX_CHANNELS = 64
MAX_LAYERS = 64
MAX_IMAGES = 10**7
MAX_EPOCH = 10**12
DTYPES = ("float64", "float32")

_RNG = Obj({  # numpy's PCG64 bit-generator state, as ``Generator.bit_generator.state`` gives it
    "bit_generator": Str(choices=("PCG64",)),
    "state": Obj({"state": Int(0, 2**128 - 1), "inc": Int(0, 2**128 - 1)}),
    "has_uint32": Int(0, 1),
    "uinteger": Int(0, 2**32 - 1),
})
ARCHITECTURE = Obj({
    "input_shape": ListOf(Int(1, MAX_SIDE), 3, 3),
    "layers": ListOf(Str(max_len=64), 1, MAX_LAYERS),
    "seed": Int(0, 2**63 - 1),
    "dtype": Str(choices=DTYPES),
})
SETTINGS = Obj({
    "optimizer": Str(choices=OPTIMIZERS),
    "lr": Float(0.0, 1e6, open_lo=True),
    "batch_size": Int(1, MAX_IMAGES),
    "seed": Int(0, 2**63 - 1),
    "momentum": Float(0.0, 1.0, open_hi=True),
    "betas": ListOf(Float(0.0, 1.0, open_hi=True), 2, 2),
    "eps": Float(0.0, 1.0, open_lo=True),
})
STATE = Obj({
    "epoch": Int(0, MAX_EPOCH),
    "diverged": Bool(),
    "optimizer_t": Int(0, MAX_STEPS),
    "rng": _RNG,
    "dropout_rng": _RNG,
    "batch": Int(0, MAX_IMAGES),
    "loss_sum": Float(0.0, 1e308),
    "correct": Int(0, MAX_IMAGES),
    "seen": Int(0, MAX_IMAGES),
    "metrics_stride": Int(1, 2**40, power_of_two, N_("workspace", " that is a power of two")),
    "snapshots_stride": Int(1, 2**40, power_of_two, N_("workspace", " that is a power of two")),
})
SECTION_SPEC = Obj({
    "kind": Str(choices=(KIND,)),
    "architecture": ARCHITECTURE,
    "settings": SETTINGS,
    "state": STATE,
    "class_names": ListOf(Str(max_len=200), 2, 10_000),
    "extra": AnyJSON(),
}, defaults={"extra": {}})


@dataclass
class ImageCnnWorkspace:
    """What an image-CNN workspace holds, rebuilt: the trainer, its data, the caller's extras."""

    trainer: ImageTrainer
    class_names: tuple[str, ...]
    extra: dict = field(default_factory=dict)
    canvas: np.ndarray | None = None  # the drawing's on/off grid (bool), when one was saved


def _plain(value: Any) -> Any:
    """NumPy scalars and tuples as the JSON values they stand for."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


# ------------------------------------------------------------------ saving
@dataclass
class CnnSection:
    """The ``image_cnn`` section and its ``cnn_*`` arrays, checked as a load would check them.

    Made on the thread the trainer lives on (the arrays are copies, or the data set's own
    arrays, which training never writes), written later by ``save_image_cnn_workspace`` or,
    beside the 1D trainer's sections, by ``core.workspace.session.save_session``.
    """

    section: dict
    arrays: dict[str, np.ndarray]

    def declared(self) -> dict[str, dict]:
        return {k: {"shape": list(v.shape), "dtype": str(v.dtype)} for k, v in self.arrays.items()}


def image_cnn_section(trainer: ImageTrainer, extra: dict | None = None,
                      class_names: list[str] | tuple[str, ...] | None = None,
                      canvas: np.ndarray | None = None) -> CnnSection:
    """``trainer`` (its data included), ``extra`` and the drawing ``canvas`` as a checked section.

    ``class_names`` default to "0", "1", …; ``extra`` may hold ``class_names`` too (it is
    stored as given, plain JSON only). ``canvas``: the drawing's on/off grid, the input's
    height × width or four times it (the digits' 32×32 bitmap). WorkspaceError (one sentence)
    when the run could not be opened again from what would be written.
    """
    if not isinstance(trainer, ImageTrainer):
        raise WorkspaceError(N_("workspace", "this is not an image-CNN trainer ({0})").format(
            type(trainer).__name__))
    extra = dict(extra or {})
    names = class_names if class_names is not None else extra.get("class_names")
    names = [str(c) for c in (names if names is not None else range(trainer.model.n_classes))]
    st = trainer.state()
    hist, pos, opt = st["history"], st["position"], dict(st["optimizer_state"])
    arrays: dict[str, np.ndarray] = {
        "cnn_theta": np.asarray(st["theta"], dtype=np.float64),
        "cnn_metrics_epochs": hist["metrics_epochs"].astype(np.int64),
        "cnn_metrics_rows": hist["metrics_rows"].astype(np.float64),
        "cnn_snapshots_epochs": hist["snapshots_epochs"].astype(np.int64),
        "cnn_snapshots_rows": hist["snapshots_rows"].astype(np.float64),
        "cnn_X": trainer.X,
        "cnn_y": trainer.y.astype(np.int64),
    }
    for key in ("m", "v"):
        if key in opt:
            arrays[f"cnn_opt_{key}"] = np.asarray(opt[key], dtype=np.float64)
    if len(pos["order"]):
        arrays["cnn_order"] = pos["order"].astype(np.int64)
    if trainer.X_val is not None:
        arrays["cnn_X_val"] = trainer.X_val
        arrays["cnn_y_val"] = trainer.y_val.astype(np.int64)
    if canvas is not None:
        arrays["cnn_canvas"] = (np.asarray(canvas) != 0).astype(np.int64)
    section = _plain({
        "kind": KIND,
        "architecture": st["architecture"],
        "settings": st["settings"],
        "state": {
            "epoch": st["epoch"], "diverged": st["diverged"], "optimizer_t": opt["t"],
            "rng": st["rng"], "dropout_rng": st["dropout_rng"], "batch": pos["batch"],
            "loss_sum": pos["loss_sum"], "correct": pos["correct"], "seen": pos["seen"],
            "metrics_stride": hist["metrics_stride"], "snapshots_stride": hist["snapshots_stride"],
        },
        "class_names": names,
        "extra": extra,
    })
    out = CnnSection(section, arrays)
    manifest = {"format": FORMAT, "version": VERSION, SECTION: section, "arrays": out.declared()}
    try:
        _check_manifest(json.loads(json.dumps(manifest, allow_nan=False)),
                        {k: (tuple(v.shape), str(v.dtype)) for k, v in arrays.items()})
        _check_finite(arrays)
    except (WorkspaceError, ValueError, TypeError) as exc:
        raise WorkspaceError(N_("workspace", "this run cannot be saved as a workspace: {exc}").format(
            exc=exc)) from None
    return out


def save_image_cnn_workspace(path: str | os.PathLike, trainer: ImageTrainer, extra: dict | None = None,
                             class_names: list[str] | tuple[str, ...] | None = None,
                             canvas: np.ndarray | None = None) -> str:
    """Write ``trainer`` (its data included) and ``extra`` to ``path`` atomically; returns the file.

    See ``image_cnn_section`` for the arguments. The manifest is checked as a load would check
    it, so a run is never saved into a file that cannot be opened again (WorkspaceError). OSError
    when the target is not a regular file or the disk refuses (the old file stays).
    """
    sec = image_cnn_section(trainer, extra, class_names, canvas)
    manifest = {"format": FORMAT, "version": VERSION, SECTION: sec.section, "arrays": sec.declared()}
    return write_archive(path, json.dumps(manifest, indent=1, allow_nan=False), sec.arrays)


# ------------------------------------------------------------------ loading
def load_image_cnn_workspace(path: str | os.PathLike) -> ImageCnnWorkspace:
    """Read an image-CNN workspace file, checking everything first (see the module docstring)."""
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


def _check_manifest(manifest: Any, declared: dict[str, tuple[tuple[int, ...], str]]) -> dict:
    """Every check the manifest and the declared shapes allow; returns the checked section."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise WorkspaceError(N_("workspace", "not a CNN Visualiser workspace (foreign format)"))
    version = manifest.get("version")
    if type(version) is not int or version != VERSION:
        raise WorkspaceError(N_("workspace", "the workspace's format version is {0}; this app "
                                             "reads version {VERSION} only").format(
            describe(version), VERSION=VERSION))
    if SECTION not in manifest:
        raise WorkspaceError(N_("workspace", "the workspace holds no image CNN (no “image_cnn” section)"))
    sec = SECTION_SPEC.check(manifest[SECTION], SECTION)
    arch, settings, st = sec["architecture"], sec["settings"], sec["state"]
    try:
        _, specs = parse_layers(arch["input_shape"], arch["layers"])
    except ValueError as exc:
        raise WorkspaceError(N_("workspace", "the network cannot be built ({0})").format(
            one_line(exc, 120))) from None
    n_params = sum(math.prod(s) for spec in specs for _, s in spec.param_shapes)
    n_classes = specs[-1].n
    if len(sec["class_names"]) != n_classes:
        raise WorkspaceError(N_("workspace", "the workspace names {0} classes but the network has "
                                             "{n_classes} outputs").format(
            len(sec['class_names']), n_classes=n_classes))
    image = tuple(arch["input_shape"])
    n = _rows(declared, "cnn_X", image, N_("workspace", "training images"))
    n_val = (_rows(declared, "cnn_X_val", image, N_("workspace", "validation images"))
             if "cnn_X_val" in declared else 0)
    m = declared.get("cnn_metrics_epochs", ((), ""))[0]
    s = declared.get("cnn_snapshots_epochs", ((), ""))[0]
    if len(m) != 1 or len(s) != 1:
        raise WorkspaceError(N_("workspace", "the history's length is missing or invalid"))
    n_batches = -(-n // settings["batch_size"])
    if st["batch"] >= n_batches:
        raise WorkspaceError(N_("workspace", "“image_cnn.state.batch” is {0:,}; an epoch has "
                                             "{n_batches:,} batches").format(
            st['batch'], n_batches=n_batches))
    mid_epoch = st["batch"] > 0 and settings["batch_size"] < n
    expected = {"cnn_theta": (n_params,), "cnn_metrics_epochs": m, "cnn_metrics_rows": (m[0], len(METRICS)),
                "cnn_snapshots_epochs": s, "cnn_snapshots_rows": (s[0], n_params),
                "cnn_X": (n, *image), "cnn_y": (n,)}
    expected.update({f"cnn_opt_{k}": (n_params,) for k in
                     {"gd": (), "momentum": ("v",), "adam": ("m", "v")}[settings["optimizer"]]})
    if mid_epoch:
        expected["cnn_order"] = (n,)
    if "cnn_canvas" in declared:  # optional: the drawing, the input's size or the digits' 4× bitmap
        shp = declared["cnn_canvas"][0]
        if shp not in (image[:2], (4 * image[0], 4 * image[1])):
            raise WorkspaceError(N_("workspace", "the drawing “cnn_canvas” is declared as {0}; "
                                                 "expected {1} or {2}").format(
                shape_text(shp), shape_text(image[:2]), shape_text((4 * image[0], 4 * image[1]))))
        expected["cnn_canvas"] = shp
    need = training_bytes(image, specs, n, n_val, settings["batch_size"])
    if need > MAX_TRAINER_BYTES:
        raise WorkspaceError(N_("workspace", "training this network on {n:,} images of {0} would "
                                             "need about {1:.1f} GB of memory; this app allows {2:.0f} "
                                             "GB").format(
            shape_text(image), need / 2**30, MAX_TRAINER_BYTES / 2**30, n=n))
    if n_val:
        expected.update({"cnn_X_val": (n_val, *image), "cnn_y_val": (n_val,)})
    for key in declared:
        if key not in expected:
            raise WorkspaceError(N_("workspace", "the workspace holds an array “{key}” this run "
                                                 "has no use for").format(
                key=key))
    for key, shp in expected.items():
        if key not in declared:
            raise WorkspaceError(N_("workspace", "the workspace is missing the array “{key}”").format(
                key=key))
        dtype = "int64" if key in ("cnn_metrics_epochs", "cnn_snapshots_epochs", "cnn_order", "cnn_y",
                                   "cnn_y_val", "cnn_canvas") else "float64"
        if declared[key] != (tuple(shp), dtype):
            got, gdt = declared[key]
            raise WorkspaceError(N_("workspace", "the array “{key}” is declared as {0} {gdt}, "
                                                 "expected {1} {dtype}").format(
                shape_text(got), shape_text(tuple(shp)), key=key, gdt=gdt, dtype=dtype))
    return sec


def _check_finite(arrays: dict[str, np.ndarray]) -> None:
    for key, arr in arrays.items():
        if arr.dtype.kind == "f" and not np.isfinite(arr).all():
            raise WorkspaceError(N_("workspace", "the array “{key}” holds values that are not "
                                                 "finite numbers").format(
                key=key))


def _rows(declared: dict, key: str, image: tuple[int, ...], what: str) -> int:
    shp = declared.get(key, ((), ""))[0]
    if len(shp) != 4 or tuple(shp[1:]) != image or not 1 <= shp[0] <= MAX_IMAGES:
        raise WorkspaceError(N_("workspace", "the {what} are declared as {0}; expected "
                                             "1–{MAX_IMAGES:,} images of {1}").format(
            shape_text(tuple(shp)), shape_text(image), what=what, MAX_IMAGES=MAX_IMAGES))
    return int(shp[0])


def _load(archive: Archive) -> ImageCnnWorkspace:
    manifest = archive.manifest()
    if not isinstance(manifest, dict) or "arrays" not in manifest:
        _check_manifest(manifest, {})  # says what is wrong with the header
        raise WorkspaceError(N_("workspace", "the workspace is missing “arrays”"))
    declared = archive.declared(manifest["arrays"], owner=SECTION)
    sec = _check_manifest(manifest, declared)
    a = {key: archive.read_array(key, shp, dtype) for key, (shp, dtype) in declared.items()}
    _check_finite(a)
    canvas = a.pop("cnn_canvas", None)
    if canvas is not None and not np.isin(canvas, (0, 1)).all():
        raise WorkspaceError(N_("workspace", "the drawing “cnn_canvas” holds values other than 0 and 1"))
    arch, st = sec["architecture"], sec["state"]
    state = {
        "format": STATE_FORMAT, "version": STATE_VERSION, "architecture": arch, "settings": sec["settings"],
        "n_train": int(a["cnn_X"].shape[0]), "n_val": int(a["cnn_X_val"].shape[0]) if "cnn_X_val" in a else 0,
        "theta": a["cnn_theta"],
        "optimizer_state": {"t": st["optimizer_t"], **{k: a[f"cnn_opt_{k}"] for k in ("m", "v")
                                                        if f"cnn_opt_{k}" in a}},
        "rng": st["rng"], "dropout_rng": st["dropout_rng"], "epoch": st["epoch"], "diverged": st["diverged"],
        "position": {"batch": st["batch"], "order": a.get("cnn_order", np.zeros(0, dtype=np.int64)),
                     "loss_sum": st["loss_sum"], "correct": st["correct"], "seen": st["seen"]},
        "history": {"metrics_epochs": a["cnn_metrics_epochs"], "metrics_rows": a["cnn_metrics_rows"],
                    "metrics_stride": st["metrics_stride"], "snapshots_epochs": a["cnn_snapshots_epochs"],
                    "snapshots_rows": a["cnn_snapshots_rows"], "snapshots_stride": st["snapshots_stride"]},
    }
    try:
        trainer = ImageTrainer.from_state(state, a["cnn_X"], a["cnn_y"], a.get("cnn_X_val"),
                                          a.get("cnn_y_val"))
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise WorkspaceError(N_("workspace", "the training state cannot be restored ({0})").format(
            one_line(exc, 120))) from None
    return ImageCnnWorkspace(trainer, tuple(sec["class_names"]), sec["extra"],
                             None if canvas is None else canvas.astype(bool))


check_section = _check_manifest  # the section's checks, for a file that holds the 1D trainer's too
read_section = _load  # the section read from an open archive (``core.workspace.session``)

__all__ = ["CnnSection", "ImageCnnWorkspace", "check_section", "image_cnn_section",
           "load_image_cnn_workspace", "read_section", "save_image_cnn_workspace"]
