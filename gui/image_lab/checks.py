"""What the image lab refuses before it filters: settings it cannot compute, and memory past its limit.

Kept apart from ``pipeline`` (which chains the filters) because the window, the file dialogs
and the headless ``filter`` command all ask these questions *before* any work starts: the
memory estimate decides whether an image may be opened at full size, and the size formula is
shown beside the padding and stride boxes. ``settings`` is a ``pipeline.PipelineSettings``.
"""

from __future__ import annotations

import numpy as np

from core.image_ops.conv2d import output_size
from gui.image_lab.limits import MAX_FILTER_BYTES
from gui.widgets.i18n import translate


def gigabytes(n: int) -> str:
    return f"{n / 2**30:.1f} GB" if n >= 2**29 else f"{n / 2**20:.0f} MB"


def estimate_bytes(shape: tuple[int, ...], settings, n_kernels: int, k: int) -> int:
    """Bytes the stages of one result will hold for an image of ``shape`` (float32 throughout).

    The grey copy (if "greyscale first"), conv maps, pooled maps and the depth-pooled map, plus
    ~32 MB of working rows and display images. The image itself is not counted (it exists).
    """
    h, w = shape[:2]
    c = shape[2] if len(shape) == 3 else 1
    p, s = settings.padding, settings.stride
    ho, wo = output_size(h, k, p, s), output_size(w, k, p, s)
    total = (h * w * 4 if settings.greyscale_first and c > 1 else 0) + n_kernels * ho * wo * 4
    if settings.pool_op and settings.pool_size <= min(ho, wo):
        ho = (ho - settings.pool_size) // settings.pool_stride + 1
        wo = (wo - settings.pool_size) // settings.pool_stride + 1
        total += n_kernels * ho * wo * 4
    if settings.depth_pool_op:
        total += ho * wo * 4
    return total + 32 * 2**20


def check_memory(image: np.ndarray, settings, n_kernels: int, k: int,
                 also_held: int = 0, limit: int = MAX_FILTER_BYTES) -> int:
    """Refuse (ValueError naming the estimate) settings whose arrays would pass ``limit``.

    ``also_held``: bytes of another result kept meanwhile (the window keeps the one on screen).
    Returns the estimate (image + new stages + also_held).
    """
    need = int(np.asarray(image).nbytes) + estimate_bytes(image.shape, settings, n_kernels, k) + also_held
    if need > limit:
        h, w = image.shape[:2]
        if n_kernels == 1:
            text = translate("Pipeline", "1 kernel on this {w}×{h} image would need about {need} of memory, "
                             "more than the lab's limit of {limit}; tick fewer kernels, use a stride of 2, "
                             "or open the image downscaled")
        else:
            text = translate("Pipeline", "{n} kernels on this {w}×{h} image would need about {need} of "
                             "memory, more than the lab's limit of {limit}; tick fewer kernels, use a "
                             "stride of 2, or open the image downscaled")
        raise ValueError(text.format(n=n_kernels, w=w, h=h, need=gigabytes(need), limit=gigabytes(limit)))
    return need


def size_formula(axis: str, n_in: int, k: int, p: int, s: int) -> str:
    """The chapter's n_out = ⌊(n_in + 2p − k)/s⌋ + 1 with the numbers filled in.

    e.g. "H' = ⌊(512 + 2·1 − 3)/1⌋ + 1 = 512": the learner sees where the size comes from.
    """
    n_out = output_size(n_in, k, p, s)
    return f"{axis} = ⌊({n_in} + 2·{p} − {k})/{s}⌋ + 1 = {n_out}"


def check_settings(shape: tuple[int, ...], settings, k: int) -> None:
    """Refuse settings the layer cannot compute, with a reason (before spending any time)."""
    h, w = shape[:2]
    p, s = settings.padding, settings.stride
    if s < 1:
        raise ValueError(translate("Pipeline", "stride must be at least 1"))
    if p < 0:
        raise ValueError(translate("Pipeline", "padding cannot be negative"))
    if k > min(h, w) + 2 * p:
        raise ValueError(translate("Pipeline", "the {k}×{k} kernel is larger than the padded "
                                               "image ({0}×{1}); lower the kernel size or add "
                                               "padding").format(
            w + 2 * p, h + 2 * p, k=k))
    if settings.pad_mode == "reflect" and p > min(h, w) - 1:
        raise ValueError(translate("Pipeline", "reflect padding of {p} needs an image at least "
                                               "{0} px on each side (this one is {w}×{h})").format(
            p + 1, p=p, w=w, h=h))


__all__ = ["check_memory", "check_settings", "estimate_bytes", "gigabytes", "size_formula"]
