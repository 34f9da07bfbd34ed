"""What a 1D trainer would allocate, computed from a workspace's numbers before building it.

A file declaring 10,000 inputs and 3000 samples is only 586 KB of zeros, yet the trainer
built from it would need 3.4 GB (the convolution's window buffers alone are N·positions·k).
``trainer_bytes`` adds up the arrays ``Network``, ``BatchPass``, ``History``, the optimiser
and dropout make, so ``load_workspace`` refuses such a file before allocating any of it.
"""

from __future__ import annotations

from core.chapter import memory
from core.chapter.memory import MAX_PARAMS, MAX_TRAINER_BYTES, history_max_rows, trainer_bytes
from core.workspace.schema import WorkspaceError

__all__ = ["MAX_PARAMS", "MAX_TRAINER_BYTES", "history_max_rows", "shape_sizes", "trainer_bytes"]

MAX_INPUTS = 65_536  # the window draws 3–32; the command line trains any CSV's width
MAX_KERNELS = 256
MAX_PADDING = 65_536
MAX_STRIDE = 65_536
MAX_OUTPUTS = 256


def shape_sizes(shape: dict) -> dict[str, int]:
    """Feature-map length, feature-map nodes and parameter count of a checked network shape."""
    try:
        return memory.shape_sizes(shape)
    except ValueError as exc:
        raise WorkspaceError(exc.args[0]) from None  # the Message, so it is translated where shown
