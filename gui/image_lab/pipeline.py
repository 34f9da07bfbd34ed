"""The image lab's little CNN: conv layer → activation → optional pooling → optional depth pooling.

Pure NumPy, no Qt, so the GUI worker and the headless ``filter`` command run exactly
the same steps. All arithmetic is done by ``core.image_ops.conv2d`` / ``core.image_ops.kernels`` /
``core.activations``; this module only chains the calls, names the stages, and
writes the output-size formula out with the numbers filled in.

Stages (``STAGES``): "input" (what the conv layer sees), "conv" (H', W', n_k),
"pool" (H'', W'', n_k) and "depth" (H'', W'').

Memory is estimated before any filtering (``estimate_bytes``) and settings past
``limits.MAX_FILTER_BYTES`` are refused with the estimate named. The work is float32 throughout,
the conv layer is planned once (``conv2d_plan``) and computed a band of rows at a time (so a
worker can cancel between bands), the activation applied in place, and each band's range,
pooled rows, depth-pooled rows and (through ``on_band``) display sums made while the band is
still in cache; a result for the same image and conv settings reuses the previous conv stage
(changing only the pooling does not filter again).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np

from core.activations import apply_activation
from core.image_ops.conv2d import conv2d_plan, stack_kernels
from core.image_ops.kernels import check_kernel_weights, kernel_entry, parse_kernel_text
from core.image_ops.pooling import BandPooling, BandRange
from core.image_ops.receptive_field import compose_receptive_field
from gui.image_lab.checks import check_memory, check_settings, estimate_bytes, gigabytes, size_formula
from gui.image_lab.names import label
from gui.image_lab.options import ACTIVATIONS, CUSTOM, KERNEL_NAMES, PAD_MODES, POOL_OPS, SIZABLE
from gui.widgets.i18n import say_error, translate

STAGES = ("input", "conv", "pool", "depth")
LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)  # Rec. 601 weights for "greyscale first"


@dataclass(frozen=True)
class PipelineSettings:
    """Everything the learner can set in the lab; immutable so a worker can hold a copy."""

    kernels: tuple[str, ...] = ("sobel-x",)  # library names, and/or CUSTOM
    custom_text: str = ""  # the k×k grid typed by the learner (used if CUSTOM is chosen)
    kernel_size: int = 3  # size for the sizable library kernels (box, gaussian, random…)
    seed: int = 0  # seed of the "random" kernel
    padding: int = 1  # p: rows/columns added on every side
    pad_mode: str = "zeros"
    pad_value: float = 0.0  # used by pad_mode "constant"
    stride: int = 1  # s
    bias: float = 0.0  # b_conv, added to every weighted sum
    activation: str = "none"
    greyscale_first: bool = False  # RGB → grey before the conv layer (else a kernel spans R, G, B)
    pool_op: str | None = None  # None = no pooling, else "max" or "avg"
    pool_size: int = 2
    pool_stride: int = 2
    depth_pool_op: str | None = None  # None = no depth pooling, else "max" or "avg"
    # Kernels from elsewhere (the 1D network's learned kernel): (name, rows of weights, explanation)
    extra_kernels: tuple[tuple[str, tuple[tuple[float, ...], ...], str], ...] = ()

    def with_(self, **changes) -> PipelineSettings:
        """A copy with some fields changed (settings are immutable)."""
        return replace(self, **changes)


@dataclass(frozen=True)
class NamedKernel:
    """One kernel of the conv layer: its name, weights (k, k) and a one-line explanation."""

    name: str
    weights: np.ndarray
    explanation: str = ""


@dataclass
class PipelineResult:
    """The maps of every stage plus what produced them (read-only by convention)."""

    settings: PipelineSettings
    kernels: list[NamedKernel]
    stages: dict[str, np.ndarray]  # STAGES → array; "pool"/"depth" absent when switched off
    # conv weighted sums + bias before the activation (H', W', n_k); None when an activation
    # replaced them in place (memory) — the hover recomputes any z from its window
    pre_activation: np.ndarray | None
    formulas: list[str] = field(default_factory=list)  # output-size formulas, numbers filled in
    elapsed_ms: float = 0.0  # time spent in run_pipeline
    source: np.ndarray | None = None  # the image it was computed from (to reuse the conv stage)
    # Filled by the GUI worker (gui.image_lab.display): colour scale per stage, the note under
    # each stage's title, and the display images per (stage, map index).
    levels: dict = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    display: dict = field(default_factory=dict)
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)  # exact (min, max) known
    display_side: int = 0  # the display images' longer side they were made for

    def stage_names(self) -> list[str]:
        """The stages present, in order."""
        return [s for s in STAGES if s in self.stages]

    def final(self) -> np.ndarray:
        """The last stage's maps (what the CLI writes)."""
        return self.stages[self.stage_names()[-1]]


def build_kernels(settings: PipelineSettings) -> list[NamedKernel]:
    """Look the chosen kernels up (or parse the custom one); all must share one size.

    Raises ValueError with a reason a learner can act on.
    """
    if not settings.kernels and not settings.extra_kernels:
        raise ValueError(translate("Pipeline", "choose at least one kernel"))
    kernels: list[NamedKernel] = []
    for name in settings.kernels:
        if name == CUSTOM:
            weights = parse_custom_kernel(settings.custom_text)
            kernels.append(NamedKernel(CUSTOM, weights, translate("Pipeline", "your own weights")))
        else:
            size = settings.kernel_size if name in SIZABLE else 3
            k = kernel_entry(name, size=size, seed=settings.seed)
            kernels.append(NamedKernel(k.name, np.asarray(k.weights, np.float32), k.explanation))
    for name, rows, explanation in settings.extra_kernels:  # e.g. the Network tab's learned kernel
        weights = check_kernel_weights(rows, what=translate("Pipeline", "the kernel {name}").format(
            name=name))  # finite results, or a reason
        kernels.append(NamedKernel(name, weights.astype(np.float32), explanation))
    sizes = {k.weights.shape for k in kernels}
    if len(sizes) > 1:
        listed = ", ".join(f"{k.name} {k.weights.shape[0]}×{k.weights.shape[1]}" for k in kernels)
        raise ValueError(translate("Pipeline", "the kernels of one layer must share a size "
                                               "({listed})").format(
            listed=listed))
    return kernels


def parse_custom_kernel(text: str) -> np.ndarray:
    """The learner's typed grid as a k×k float32 kernel; ValueError says what is wrong."""
    try:
        weights = parse_kernel_text(text)
    except ValueError as exc:
        raise ValueError(translate("Pipeline", "custom kernel: {0}").format(say_error(exc))) from None
    if weights.shape[0] != weights.shape[1]:
        raise ValueError(translate("Pipeline", "custom kernel: it must be square (k×k); this one "
                                               "is {0} rows × {1} columns").format(
            weights.shape[0], weights.shape[1]))
    return weights.astype(np.float32)


def conv_input(image: np.ndarray, settings: PipelineSettings) -> np.ndarray:
    """The image the conv layer sees: float32, greyscale first if asked (Rec. 601 luma)."""
    image = np.asarray(image, dtype=np.float32)
    if settings.greyscale_first and image.ndim == 3:
        return np.ascontiguousarray(image @ LUMA)
    return image


class Cancelled(Exception):
    """A newer request (or closing the window) stopped the job between two bands of rows."""


BAND_BYTES = 6 << 20  # conv rows (all maps) computed at a time: cached for pooling and display


class Buffers:
    """Output arrays reused from one result to the next (a worker keeps one ``Buffers``).

    Why: a fresh 64 MB array is mapped anew by the OS and every first write to it faults a
    page in (measured: ~50 ms for three 4096² maps). An array is handed out again only when
    nothing else refers to it any more (no result, view or test holds it), so a result on
    screen is never overwritten.
    """

    def __init__(self, keep: int = 6) -> None:
        self._arrays: list[np.ndarray] = []
        self._keep = keep

    def take(self, shape: tuple[int, ...], dtype=np.float32) -> np.ndarray:
        """A free array of this shape (contents undefined), or a new one."""
        for a in self._arrays:
            if a.shape == shape and a.dtype == dtype and sys.getrefcount(a) <= 3:  # list, loop, call
                return a
        a = np.empty(shape, dtype)
        self._arrays = [b for b in self._arrays if sys.getrefcount(b) > 3 or b.shape == shape]
        self._arrays = (self._arrays + [a])[-self._keep:]
        return a


_HELPER: list[ThreadPoolExecutor] = []


def _helper() -> ThreadPoolExecutor:
    """The one helper thread that pools band i while the job's thread filters band i + 1."""
    if not _HELPER:
        _HELPER.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="lab-bands"))
    return _HELPER[0]


def _fresh(buffers: Buffers | None, shape: tuple[int, ...]) -> np.ndarray:
    return np.empty(shape, np.float32) if buffers is None else buffers.take(shape)


def _conv_part(settings: PipelineSettings) -> PipelineSettings:
    """The settings that decide the conv stage (pooling and depth pooling set to their defaults)."""
    return settings.with_(pool_op=None, pool_size=2, pool_stride=2, depth_pool_op=None)


def run_pipeline(image: np.ndarray, settings: PipelineSettings, *,
                 cancel: Callable[[], bool] | None = None,
                 previous: PipelineResult | None = None,
                 buffers: Buffers | None = None,
                 on_band: Callable[[str, np.ndarray, int, int], None] | None = None,
                 parallel: bool = False) -> PipelineResult:
    """Run conv → activation → pool → depth pool on ``image`` (H, W) or (H, W, C) in [0, 1].

    For an RGB image without "greyscale first", each k×k library kernel is applied to
    every channel and the three sums added: the kernel spans all input channels, as
    in a CNN's first layer. Raises ValueError for settings that cannot be computed (or would
    need more memory than the lab allows), ``Cancelled`` when ``cancel()`` turns true between
    two bands. ``previous``: a result for the same image whose conv stage may be reused;
    ``buffers``: where the stages' arrays come from (reused when free). ``on_band(stage, maps, r0,
    r1)``: called when rows r0 … r1 − 1 of a stage's ``maps`` ("conv" (H', W', n_k), "pool",
    "depth" (H″, W″)) are finished, while they are still in cache (the worker makes the display
    images from them); conv rows only when the conv stage is computed, not reused. ``parallel``:
    pool, depth-pool and ``on_band`` each band on a helper thread while the next band is filtered
    (two cores: NumPy releases the GIL in its loops); the results are the same.
    """
    t0 = time.perf_counter()
    stop = cancel or (lambda: False)
    same_image = previous is not None and previous.source is image
    reuse = same_image and _conv_part(previous.settings) == _conv_part(settings)
    if reuse:
        x, kernels, z = previous.stages["input"], previous.kernels, previous.pre_activation
        x_range = previous.ranges.get("input")
    else:
        kernels = build_kernels(settings)
        shape = image.shape[:2] if settings.greyscale_first else image.shape
        check_settings(shape, settings, kernels[0].weights.shape[0])
        check_memory(np.asarray(image), settings, len(kernels), kernels[0].weights.shape[0])
        reuse_input = same_image and previous.settings.greyscale_first == settings.greyscale_first
        x = previous.stages["input"] if reuse_input else conv_input(image, settings)
        x_range = previous.ranges.get("input") if reuse_input else None
        if x_range is None:
            x_range = (float(np.min(x)), float(np.max(x)))  # NaN if any pixel is
    k = kernels[0].weights.shape[0]
    h, w = x.shape[:2]
    p, s = settings.padding, settings.stride
    formulas = [size_formula("H'", h, k, p, s), size_formula("W'", w, k, p, s)]
    layer = None if reuse else _ConvLayer(x, kernels, settings, buffers, x_range)
    conv = previous.stages["conv"] if reuse else layer.maps
    stages: dict[str, np.ndarray] = {"input": x, "conv": conv}
    ho, wo, n_k = conv.shape
    after = BandPooling(conv, settings.pool_op, settings.pool_size, settings.pool_stride,
                        settings.depth_pool_op, lambda shape: _fresh(buffers, shape), on_band)
    if settings.pool_op:
        size, pstride = settings.pool_size, settings.pool_stride
        if size > min(ho, wo):
            raise ValueError(translate("Pipeline", "the {size}×{size} pooling window is larger "
                                                   "than the {pw}×{ph} feature map").format(
                size=size, pw=wo, ph=ho))
        stages["pool"] = after.pooled
        formulas.append(translate("Pipeline", "pool: {0}, {1}").format(
            size_formula('H″', ho, size, 0, pstride), size_formula('W″', wo, size, 0, pstride)))
    if settings.depth_pool_op:
        stages["depth"] = after.depth
        formulas.append(translate("Pipeline", "depth pool: {n} maps → 1 ({op} over kernels)").format(
            n=n_k, op=label(settings.depth_pool_op)))
    rows = max(16, BAND_BYTES // max(1, n_k * wo * 4))  # a band of all maps stays in cache
    if layer is not None:
        rows = max(16, min(rows, layer.plan.step))  # … and is one chunk of conv2d's (no split chunks)
    if settings.pool_op:
        rows = max(pstride, rows - rows % pstride)

    def downstream(r0: int, r1: int) -> None:  # what follows a band of conv rows
        if layer is not None and on_band is not None:
            on_band("conv", conv, r0, r1)
        after.advance(r1)

    helper, pending = (_helper() if parallel and layer is not None else None), None
    try:
        for r0 in range(0, ho, rows):  # one band of conv rows, then the pooled rows it completes
            if stop():
                raise Cancelled
            r1 = min(ho, r0 + rows)
            if layer is not None:
                layer.band(r0, r1)
            pending = pending and pending.result()  # band i − 1's pooling, done while band i was filtered
            if (settings.pool_op or settings.depth_pool_op) and stop():
                raise Cancelled
            pending = downstream(r0, r1) if helper is None else helper.submit(downstream, r0, r1)
        pending = pending and pending.result()
    finally:
        if pending is not None:  # cancelled or failed: let the helper finish with these arrays first
            pending.exception()
    result = PipelineResult(settings, kernels, stages, z if reuse else layer.pre_activation, formulas,
                            (time.perf_counter() - t0) * 1000, source=image)
    conv_range = previous.ranges.get("conv") if reuse else layer.range()
    for stage, value in (("conv", conv_range), *after.ranges().items()):
        if value is not None:
            result.ranges[stage] = value
    if x_range is not None and all(np.isfinite(x_range)):
        result.ranges["input"] = x_range
    return result


class _ConvLayer:
    """The conv stage (H', W', n_k), one band of rows at a time: conv, overflow check, activation, range.

    The method is chosen once (``conv2d_plan``); each band's maps are written in place into one
    (n_k, H', W') array, so each map is contiguous.
    """

    def __init__(self, x: np.ndarray, kernels: list[NamedKernel], settings: PipelineSettings,
                 buffers: Buffers | None, x_range: tuple[float, float]) -> None:
        channels = x.shape[2] if x.ndim == 3 else 1
        # (n_k, k, k, C): each k×k kernel repeated on every input channel (C = 1 for grey)
        stack = stack_kernels([kn.weights for kn in kernels], channels).astype(np.float32)
        p, s = settings.padding, settings.stride
        x_max = max(abs(x_range[0]), abs(x_range[1]))
        self.plan = conv2d_plan(x, stack, bias=settings.bias, stride=s, padding=p, pad_mode=settings.pad_mode,
                                pad_value=settings.pad_value,
                                finite=bool(np.isfinite(x_max)) or None)  # known from x's range
        ho, wo = self.plan.out_shape
        self.store = _fresh(buffers, (len(kernels), ho, wo))
        self.maps = self.store.transpose(1, 2, 0)  # (H', W', n_k), each map contiguous
        self.activation = settings.activation
        self.identity = settings.activation in ("none", "linear")
        # Can a weighted sum overflow float32? Only past Σ|w|·max|x| + |b| (checked per band if so).
        reach = x_max * float(np.abs(stack).sum(axis=(1, 2, 3)).max()) + abs(settings.bias)
        self.watch = np.isfinite(x_max) and not reach < 1e37
        self._range = BandRange()

    @property
    def pre_activation(self) -> np.ndarray | None:
        """The weighted sums + bias, or None when an activation replaced them in place (memory)."""
        return self.maps if self.identity else None

    def band(self, r0: int, r1: int) -> None:
        self.plan.run((r0, r1), self.maps[r0:r1])
        band = self.store[:, r0:r1]
        if self.watch and not np.isfinite(np.add.reduce(band, axis=None)):
            raise ValueError(translate("Pipeline", "the weighted sums overflow float32 (beyond ±3.4e38): "
                                                   "use smaller weights"))
        if not self.identity:  # in place, a band at a time: no second copy of the conv stage
            band[...] = apply_activation(band, self.activation)
        self._range.add(band)

    def range(self) -> tuple[float, float] | None:
        return self._range.get()


def conv_layers(result: PipelineResult, stage: str) -> list[tuple[int, int, int]]:
    """The windowed layers (size, stride, padding) between the input and ``stage``."""
    st = result.settings
    if stage == "input":
        return []
    k = result.kernels[0].weights.shape[0]
    layers = [(k, st.stride, st.padding)]
    if stage in ("pool", "depth") and st.pool_op:
        layers.append((st.pool_size, st.pool_stride, 0))
    return layers  # depth pooling is 1×1: it adds nothing


def stage_window(result: PipelineResult, stage: str, y: int, x: int) -> tuple[int, int, int, int]:
    """The input window a stage's output pixel (y, x) depends on: (y0, x0, y1, x1), end-exclusive.

    Follows the stages back (depth pool 1×1 → pool window → conv windows) with the
    core's ``compose_receptive_field``. Coordinates may extend past the image (padding).
    """
    return compose_receptive_field(y, x, conv_layers(result, stage))


def with_learned_kernel(settings: PipelineSettings, weights, names: tuple[str, ...] | None = None
                        ) -> PipelineSettings:
    """Settings that filter with the 1D network's kernel, across and down, beside the library's
    Sobel kernels when the sizes match (3×3), to see which features the learned kernel picks out."""
    from core.image_ops.kernels import learned_kernels

    learned = learned_kernels(weights, names)
    k = learned[0].weights.shape[0]
    extra = tuple((kern.name, tuple(map(tuple, kern.weights.tolist())), kern.explanation)
                  for kern in learned)
    return settings.with_(kernels=("sobel-x", "sobel-y") if k == 3 else (),
                          extra_kernels=extra, padding=k // 2, stride=1, activation="none",
                          pool_op=None, depth_pool_op=None, greyscale_first=True)


__all__ = ["ACTIVATIONS", "CUSTOM", "Cancelled", "KERNEL_NAMES", "LUMA", "NamedKernel", "PAD_MODES",
           "POOL_OPS", "PipelineResult", "PipelineSettings", "SIZABLE", "STAGES", "build_kernels",
           "check_memory", "check_settings", "conv_input", "conv_layers", "estimate_bytes", "gigabytes",
           "parse_custom_kernel", "run_pipeline", "size_formula", "stage_window", "with_learned_kernel"]
