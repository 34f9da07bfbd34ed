"""The NumPy core of the CNN Visualiser: the chapter's 1D CNN, its training, data, and 2D conv.

Never imports Qt: everything here is usable from scripts, tests and the CLI.
"""

from .activations import ACTIVATIONS, apply_activation, get_activation
from .data import (
    DataError,
    chapter_dataset,
    experiment1,
    load_dataset_csv,
    save_dataset_csv,
    slope_classes,
    synthetic_dataset,
    three_class_dataset,
)
from .history import History
from .network import Network
from .optimizers import OPTIMIZERS
from .trainer import MODES, Trainer

__all__ = [
    "ACTIVATIONS",
    "MODES",
    "OPTIMIZERS",
    "DataError",
    "History",
    "Network",
    "Trainer",
    "apply_activation",
    "chapter_dataset",
    "experiment1",
    "get_activation",
    "load_dataset_csv",
    "save_dataset_csv",
    "slope_classes",
    "synthetic_dataset",
    "three_class_dataset",
]

from .snapshot import Snapshot, make_snapshot, plot_data, snapshot_at_epoch  # noqa: E402

__all__ += ["Snapshot", "make_snapshot", "plot_data", "snapshot_at_epoch"]
