"""The NumPy core of the CNN Visualiser: the chapter's 1D CNN and its training, 2D image
operations, and the pieces they share.

Never imports Qt: everything here is usable from scripts, tests and the CLI.

Packages (one per thing the learner meets):

* ``core.chapter``    the chapter's 1D network, its training, history, snapshots, step-through
* ``core.image_ops``  2D convolution, pooling, depth pooling, kernels (the image lab)
* ``core.datasets``   the chapter's data sets and CSV files
* shared modules      ``activations``, ``optimizers``, ``formatting``, ``workspace``, ``resources``

The names below are the documented public API; import them from ``core``.
"""

from core.activations import ACTIVATIONS, apply_activation, get_activation
from core.chapter.history import History
from core.chapter.network import Network
from core.chapter.snapshot import Snapshot, make_snapshot, plot_data, snapshot_at_epoch
from core.chapter.trainer import MODES, Trainer
from core.datasets import (
    DataError,
    chapter_dataset,
    experiment1,
    load_dataset_csv,
    save_dataset_csv,
    slope_classes,
    synthetic_dataset,
    three_class_dataset,
)
from core.image_ops.conv2d import conv2d, output_size, stack_kernels
from core.image_ops.pooling import depth_pool, pool2d
from core.image_ops.receptive_field import compose_receptive_field, conv_window, receptive_field
from core.optimizers import OPTIMIZERS

__all__ = [
    "ACTIVATIONS",
    "MODES",
    "OPTIMIZERS",
    "DataError",
    "History",
    "Network",
    "Snapshot",
    "Trainer",
    "apply_activation",
    "chapter_dataset",
    "compose_receptive_field",
    "conv2d",
    "conv_window",
    "depth_pool",
    "experiment1",
    "get_activation",
    "load_dataset_csv",
    "make_snapshot",
    "output_size",
    "plot_data",
    "pool2d",
    "receptive_field",
    "save_dataset_csv",
    "slope_classes",
    "snapshot_at_epoch",
    "stack_kernels",
    "synthetic_dataset",
    "three_class_dataset",
]
