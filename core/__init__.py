"""The NumPy core of the CNN Visualiser: the chapter's 1D CNN, its training, data, and 2D conv.

Never imports Qt: everything here is usable from scripts, tests and the CLI.
"""

from core.activations import ACTIVATIONS, apply_activation, get_activation
from core.chapter.history import History
from core.chapter.network import Network
from core.chapter.trainer import MODES, Trainer
from core.datasets.chapter import (
    DataError,
    chapter_dataset,
    experiment1,
    load_dataset_csv,
    save_dataset_csv,
    slope_classes,
    synthetic_dataset,
    three_class_dataset,
)
from core.optimizers import OPTIMIZERS

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

from core.chapter.snapshot import Snapshot, make_snapshot, plot_data, snapshot_at_epoch  # noqa: E402

__all__ += ["Snapshot", "make_snapshot", "plot_data", "snapshot_at_epoch"]
