"""Checking settings that come from outside (QSettings, workspace files) before the panels see them.

Everything here is pure Python: a stored value of the wrong type, out of range, or not
finite is dropped (the panel keeps its own value) instead of reaching a widget, where it
could raise or be silently mangled.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, fields, replace
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # the lab's module is loaded with the lab (gui/window/lab_slot.py), not at start-up
    from gui.image_lab.pipeline import PipelineSettings

INT_LIMIT = 2**31 - 1  # Qt spin boxes hold C ints
MAX_VALUES = 10_000  # at most this many numbers in a restored experiment-1 sample

EXPERIMENTS = ("1", "2", "synthetic", "classes", "csv")
SHAPE_KEYS = ("n_inputs", "kernel_size", "n_kernels", "stride", "padding", "n_outputs", "output", "dropout")


def _int(v: Any, lo: int = -INT_LIMIT, hi: int = INT_LIMIT) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, str):
        try:
            v = int(v.strip())
        except ValueError:
            return None
    if isinstance(v, (int, np.integer)) and lo <= int(v) <= hi:
        return int(v)
    return None


def _float(v: Any, lo: float = -math.inf, hi: float = math.inf) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, str):
        try:
            v = float(v.strip())
        except ValueError:
            return None
    if isinstance(v, (int, float, np.integer, np.floating)) and math.isfinite(float(v)) and lo <= v <= hi:
        return float(v)
    return None


def _numbers(v: Any) -> list[float] | None:
    if isinstance(v, np.ndarray):
        v = v.reshape(-1).tolist()
    if not isinstance(v, (list, tuple)) or not 0 < len(v) <= MAX_VALUES:
        return None
    out = [_float(x) for x in v]
    return None if any(x is None for x in out) else out  # type: ignore[return-value]


# key → checker returning the clean value, or None to drop the key
_EXPERIMENT_KEYS = {
    "experiment": lambda v: v if v in EXPERIMENTS else None,
    "lr": lambda v: _float(v, 1e-12, 1e6),
    "epoch_limit": lambda v: _int(v, 1),
    "seed": lambda v: _int(v, 0),
    "mode": lambda v: v if isinstance(v, str) else None,
    "batch_size": lambda v: _int(v, 1),
    "optimizer": lambda v: v if isinstance(v, str) else None,
    "init": lambda v: v if isinstance(v, str) else None,
    "activation": lambda v: v if isinstance(v, str) else None,
    "lr_decay": lambda v: _float(v, 1e-12, 1.0),
    "data_seed": lambda v: _int(v, 0),
    "noise": lambda v: _float(v, 0.0, 1e6),
    "count": lambda v: _int(v, 1),
    "csv_path": lambda v: v if isinstance(v, str) and len(v) < 4096 else None,
    "loss_below": lambda v: _float(v, 0.0),
    # the network's shape (the shape editor's, carried by the panel)
    "n_inputs": lambda v: _int(v, 1, 10_000),
    "kernel_size": lambda v: _int(v, 1, 10_000),
    "n_kernels": lambda v: _int(v, 1, 1_000),
    "stride": lambda v: _int(v, 1, 10_000),
    "padding": lambda v: _int(v, 0, 10_000),
    "n_outputs": lambda v: _int(v, 1, 1_000),
    "output": lambda v: v if isinstance(v, str) else None,
    "dropout": lambda v: _float(v, 0.0, 0.999),
}


def clean_experiment(cfg: Any, keep_data: bool = False) -> dict:
    """The experiment panel's settings with every bad value dropped; X/y only if ``keep_data``."""
    if not isinstance(cfg, dict):
        return {}
    out = {}
    for key, check in _EXPERIMENT_KEYS.items():
        if cfg.get(key) is not None:
            value = check(cfg[key])
            if value is not None:
                out[key] = value
    if keep_data:
        X, y = _numbers(cfg.get("X")), _numbers(cfg.get("y"))
        if X is not None and y is not None:
            out["X"], out["y"] = X, y
    return out


def experiment_json(cfg: dict) -> dict:
    """What a workspace stores of the applied config: JSON-able, without the data arrays."""
    return clean_experiment({k: v for k, v in cfg.items() if k not in ("X", "y")})


def experiment_to_text(cfg: dict) -> str:
    """The panel's settings for QSettings (experiment 1 keeps its one sample, it is tiny)."""
    keep = cfg.get("experiment") == "1"
    data = clean_experiment(cfg, keep_data=keep)
    return json.dumps(data)


def experiment_from_text(text: Any) -> dict:
    """Inverse of ``experiment_to_text``; anything unreadable gives {}."""
    if not isinstance(text, str) or len(text) > 1_000_000:
        return {}
    try:
        return clean_experiment(json.loads(text), keep_data=True)
    except (ValueError, RecursionError):
        return {}


def loaded_panel_config(info: dict) -> dict:
    """What the experiment panel shows after opening a workspace (the worker's ``fileDone`` details).

    The trainer's own settings and network shape win over the stored panel settings (a workspace
    saved by ``main.py train`` has none); data that is not experiment 1's single sample, 2's or a
    synthetic set's is shown as loaded data ("csv"), which the panel keeps as it is.
    """
    cfg = clean_experiment(info.get("experiment"))
    trainer, shape = info.get("trainer") or {}, info.get("shape") or {}
    derived = {k: trainer.get(k) for k in ("lr", "mode", "optimizer", "batch_size", "lr_decay")}
    derived.update({k: shape.get(k) for k in ("seed", "activation", "init", *SHAPE_KEYS)})
    derived["dropout"] = trainer.get("dropout")
    cfg.update(clean_experiment(derived))
    n = len(info.get("y", ()))
    if cfg.get("experiment") not in ("2", "synthetic", "classes") and not (
            cfg.get("experiment") == "1" and n == 1):
        cfg["experiment"] = "1" if n == 1 and "experiment" not in cfg else "csv"
    return cfg


# ---------------------------------------------------------------------- image lab
def _tuples(v: Any) -> Any:
    return tuple(_tuples(x) for x in v) if isinstance(v, (list, tuple)) else v


def _kernel_rows(v: Any) -> bool:
    return (isinstance(v, tuple) and 0 < len(v) <= 64 and all(
        isinstance(r, tuple) and len(r) == len(v) and all(_float(x) is not None for x in r) for r in v))


def _field_ok(name: str, default: Any, v: Any) -> bool:
    if name == "kernels":
        return isinstance(v, tuple) and len(v) <= 64 and all(isinstance(k, str) for k in v)
    if name == "extra_kernels":
        return isinstance(v, tuple) and len(v) <= 16 and all(
            isinstance(e, tuple) and len(e) == 3 and isinstance(e[0], str) and isinstance(e[2], str)
            and _kernel_rows(e[1]) for e in v)
    if name in ("pool_op", "depth_pool_op"):
        return v is None or isinstance(v, str)
    if isinstance(default, bool):
        return isinstance(v, bool)
    if isinstance(default, int):
        return _int(v, -INT_LIMIT, INT_LIMIT) is not None and not isinstance(v, str)
    if isinstance(default, float):
        return _float(v) is not None and not isinstance(v, str)
    if isinstance(default, str):
        return isinstance(v, str) and len(v) < 100_000
    return False


def lab_settings_from(d: Any, base: PipelineSettings | None = None) -> PipelineSettings | None:
    """PipelineSettings from a JSON dict (as ``asdict`` wrote it); bad fields keep ``base``'s value."""
    from gui.image_lab.pipeline import PipelineSettings

    if not isinstance(d, dict):
        return None
    base = base or PipelineSettings()
    changes = {}
    for f in fields(PipelineSettings):
        if f.name in d:
            v = _tuples(d[f.name])
            default = getattr(base, f.name)
            if _field_ok(f.name, default, v):
                changes[f.name] = float(v) if isinstance(default, float) else v
    return replace(base, **changes)


def lab_state(settings: PipelineSettings, image_path: str | None) -> dict:
    """The image lab's part of a workspace / of QSettings."""
    state: dict[str, Any] = {"settings": asdict(settings)}
    if image_path:
        state["image"] = str(image_path)
    return state
