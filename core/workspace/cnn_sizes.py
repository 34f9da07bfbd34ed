"""What an image-CNN trainer would allocate, from a workspace's numbers alone, before building it.

A file may declare a few small images and an architecture whose layers are huge: one 4096×4096
image through ``conv:64:3`` is an 8 GB activation. ``training_bytes`` estimates the trainer's
arrays (the images twice — as given and in the layers' layout — the parameters, their
optimiser moments and snapshots aside) plus what one training batch keeps for its backward
pass, so ``image_cnn`` refuses such a file with one sentence instead of running out of memory
on the worker's thread. An estimate, deliberately generous to real networks (the digits net
needs about 30 MB; the bound is ``MAX_TRAINER_BYTES``, 2 GB).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from core.chapter.memory import MAX_TRAINER_BYTES

__all__ = ["MAX_TRAINER_BYTES", "training_bytes"]

_PER_LAYER_COPIES = 3  # a layer's output, its gradient and its cache (im2col windows, pooling argmax)


def training_bytes(image: Sequence[int], specs: Sequence, n_train: int, n_val: int, batch_size: int) -> int:
    """Bytes the trainer's data and one batch's forward and backward pass take, about."""
    per_image = math.prod(image)
    for s in specs:
        per_image += _PER_LAYER_COPIES * math.prod(s.out_shape)
        if s.kind == "conv":
            per_image += s.k * s.k * s.in_shape[2] * s.out_shape[0] * s.out_shape[1]
    data = 2 * math.prod(image) * (n_train + n_val)
    return 8 * (data + per_image * min(batch_size, n_train))
