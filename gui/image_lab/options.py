"""The lab's choices by their code names: kernels, padding modes, activations, pooling operations.

Apart from ``pipeline`` so the command line can list them (``filter --help``, argparse's
``choices``) without importing the filtering code at start-up; ``pipeline`` re-exports them.
"""

from __future__ import annotations

from core.image_ops.kernels import KERNELS

KERNEL_NAMES = tuple(KERNELS)  # the core's library, in its display order
SIZABLE = ("identity", "box", "gaussian", "random")  # the others are fixed 3×3 filters
CUSTOM = "custom"  # the name of the user-typed kernel in ``PipelineSettings.kernels``
PAD_MODES = ("zeros", "constant", "nearest", "reflect")
ACTIVATIONS = ("none", "relu", "leaky_relu", "sigmoid", "tanh", "linear")
POOL_OPS = ("max", "avg")

__all__ = ["ACTIVATIONS", "CUSTOM", "KERNEL_NAMES", "PAD_MODES", "POOL_OPS", "SIZABLE"]
