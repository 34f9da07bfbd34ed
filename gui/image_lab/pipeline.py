"""The image lab's little CNN: conv layer → activation → optional pooling → optional depth pooling.

Pure NumPy, no Qt, so the GUI worker and the headless ``filter`` command run exactly
the same steps. All arithmetic is done by ``core.image_ops.conv2d`` / ``core.image_ops.kernels`` /
``core.activations``; this module only chains the calls, names the stages, and
writes the output-size formula out with the numbers filled in.

Stages (``STAGES``): "input" (what the conv layer sees), "conv" (H', W', n_k),
"pool" (H'', W'', n_k) and "depth" (H'', W'').
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import numpy as np

from core.activations import apply_activation
from core.image_ops.conv2d import conv2d, depth_pool, output_size, pool2d, stack_kernels
from core.image_ops.kernels import KERNELS, kernel_entry, parse_kernel_text
from core.image_ops.receptive_field import compose_receptive_field

STAGES = ("input", "conv", "pool", "depth")
KERNEL_NAMES = tuple(KERNELS)  # the core's library, in its display order
SIZABLE = ("identity", "box", "gaussian", "random")  # the others are fixed 3×3 filters
CUSTOM = "custom"  # the name of the user-typed kernel in ``PipelineSettings.kernels``
PAD_MODES = ("zeros", "constant", "nearest", "reflect")
ACTIVATIONS = ("none", "relu", "leaky_relu", "sigmoid", "tanh", "linear")
POOL_OPS = ("max", "avg")
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
    pre_activation: np.ndarray  # conv weighted sums + bias before the activation, (H', W', n_k)
    formulas: list[str] = field(default_factory=list)  # output-size formulas, numbers filled in
    elapsed_ms: float = 0.0  # time spent in run_pipeline
    levels: dict[str, tuple[tuple[float, float], bool]] = field(default_factory=dict)
    # display range per stage and whether it is signed, filled by the GUI worker

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
        raise ValueError("choose at least one kernel")
    kernels: list[NamedKernel] = []
    for name in settings.kernels:
        if name == CUSTOM:
            weights = parse_custom_kernel(settings.custom_text)
            kernels.append(NamedKernel(CUSTOM, weights, "your own weights"))
        else:
            size = settings.kernel_size if name in SIZABLE else 3
            k = kernel_entry(name, size=size, seed=settings.seed)
            kernels.append(NamedKernel(k.name, np.asarray(k.weights, np.float32), k.explanation))
    for name, rows, explanation in settings.extra_kernels:
        kernels.append(NamedKernel(name, np.asarray(rows, np.float32), explanation))
    sizes = {k.weights.shape for k in kernels}
    if len(sizes) > 1:
        listed = ", ".join(f"{k.name} {k.weights.shape[0]}×{k.weights.shape[1]}" for k in kernels)
        raise ValueError(f"the kernels of one layer must share a size ({listed})")
    return kernels


def parse_custom_kernel(text: str) -> np.ndarray:
    """The learner's typed grid as a k×k float32 kernel; ValueError says what is wrong."""
    try:
        weights = parse_kernel_text(text)
    except ValueError as exc:
        raise ValueError(f"custom kernel: {exc}") from None
    if weights.shape[0] != weights.shape[1]:
        raise ValueError(f"custom kernel: it must be square (k×k); this one is "
                         f"{weights.shape[0]} rows × {weights.shape[1]} columns")
    return weights.astype(np.float32)


def conv_input(image: np.ndarray, settings: PipelineSettings) -> np.ndarray:
    """The image the conv layer sees: float32, greyscale first if asked (Rec. 601 luma)."""
    image = np.asarray(image, dtype=np.float32)
    if settings.greyscale_first and image.ndim == 3:
        return np.ascontiguousarray(image @ LUMA)
    return image


def size_formula(axis: str, n_in: int, k: int, p: int, s: int) -> str:
    """The chapter's n_out = ⌊(n_in + 2p − k)/s⌋ + 1 with the numbers filled in.

    e.g. "H' = ⌊(512 + 2·1 − 3)/1⌋ + 1 = 512": the learner sees where the size comes from.
    """
    n_out = output_size(n_in, k, p, s)
    return f"{axis} = ⌊({n_in} + 2·{p} − {k})/{s}⌋ + 1 = {n_out}"


def check_settings(shape: tuple[int, ...], settings: PipelineSettings, k: int) -> None:
    """Refuse settings the layer cannot compute, with a reason (before spending any time)."""
    h, w = shape[:2]
    p, s = settings.padding, settings.stride
    if s < 1:
        raise ValueError("stride must be at least 1")
    if p < 0:
        raise ValueError("padding cannot be negative")
    if k > min(h, w) + 2 * p:
        raise ValueError(f"the {k}×{k} kernel is larger than the padded image "
                         f"({h + 2 * p}×{w + 2 * p}); lower the kernel size or add padding")
    if settings.pad_mode == "reflect" and p > min(h, w) - 1:
        raise ValueError(f"reflect padding of {p} needs an image at least {p + 1} px on each "
                         f"side (this one is {h}×{w})")


def run_pipeline(image: np.ndarray, settings: PipelineSettings) -> PipelineResult:
    """Run conv → activation → pool → depth pool on ``image`` (H, W) or (H, W, C) in [0, 1].

    For an RGB image without "greyscale first", each k×k library kernel is applied to
    every channel and the three sums added: the kernel spans all input channels, as
    in a CNN's first layer. Raises ValueError for settings that cannot be computed.
    """
    t0 = time.perf_counter()
    x = conv_input(image, settings)
    kernels = build_kernels(settings)
    k = kernels[0].weights.shape[0]
    check_settings(x.shape, settings, k)
    # (n_k, k, k, C): each k×k kernel repeated on every input channel (C = 1 for grey)
    channels = x.shape[2] if x.ndim == 3 else 1
    stack = stack_kernels([kn.weights for kn in kernels], channels).astype(np.float32)

    z = conv2d(x, stack, bias=settings.bias, stride=settings.stride, padding=settings.padding,
               pad_mode=settings.pad_mode, pad_value=settings.pad_value)  # (H', W', n_k)
    if z.ndim == 2:
        z = z[..., None]
    conv = apply_activation(z, settings.activation)
    stages: dict[str, np.ndarray] = {"input": x, "conv": conv}
    h, w = x.shape[:2]
    p, s = settings.padding, settings.stride
    formulas = [size_formula("H'", h, k, p, s), size_formula("W'", w, k, p, s)]

    current = conv
    if settings.pool_op:
        ph, pw = current.shape[:2]
        size, pstride = settings.pool_size, settings.pool_stride
        if size > min(ph, pw):
            raise ValueError(f"the {size}×{size} pooling window is larger than the "
                             f"{ph}×{pw} feature map")
        current = pool2d(current, size, pstride, op=settings.pool_op)
        stages["pool"] = current
        formulas.append(f"pool: {size_formula('H″', ph, size, 0, pstride)}, "
                        f"{size_formula('W″', pw, size, 0, pstride)}")
    if settings.depth_pool_op:
        stages["depth"] = depth_pool(current, op=settings.depth_pool_op)
        n_k = current.shape[2]
        formulas.append(f"depth pool: {n_k} maps → 1 ({settings.depth_pool_op} over kernels)")
    elapsed = (time.perf_counter() - t0) * 1000
    return PipelineResult(settings, kernels, stages, z, formulas, elapsed)


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


DISPLAY_PERCENTILE = 99.5  # colour scales end here so a few extreme pixels don't darken the rest
LEVEL_SAMPLES = 250_000  # at most this many values are looked at to choose a colour scale


def display_levels(maps: np.ndarray) -> tuple[tuple[float, float], bool]:
    """Colour-scale range of a stage's maps, and whether they are signed.

    Signed maps get a range symmetric about 0 (so 0 is the diverging map's white);
    maps that are never negative run from their minimum. The top end is the
    DISPLAY_PERCENTILE of |values| (on a subsample, for speed): edge maps have a few
    very strong pixels, and scaling to the maximum would leave everything else dark.
    Values beyond the range are drawn at its end colour.
    """
    flat = np.asarray(maps).ravel()
    flat = flat[:: max(1, flat.size // LEVEL_SAMPLES)]
    flat = flat[np.isfinite(flat)]
    if flat.size == 0:
        return (0.0, 1.0), False
    lo = float(flat.min())
    if lo < 0:
        mag = np.abs(flat)
        m = float(np.percentile(mag, DISPLAY_PERCENTILE)) or float(mag.max()) or 1.0
        return (-m, m), True
    hi = float(np.percentile(flat, DISPLAY_PERCENTILE))
    if hi <= lo:
        hi = float(flat.max())
    if hi <= lo:
        hi = lo + 1.0
    return (lo, hi), False


def stage_window(result: PipelineResult, stage: str, y: int, x: int) -> tuple[int, int, int, int]:
    """The input window a stage's output pixel (y, x) depends on: (y0, x0, y1, x1), end-exclusive.

    Follows the stages back (depth pool 1×1 → pool window → conv windows) with the
    core's ``compose_receptive_field``. Coordinates may extend past the image (padding).
    """
    return compose_receptive_field(y, x, conv_layers(result, stage))


__all__ = [
    "ACTIVATIONS", "CUSTOM", "KERNEL_NAMES", "LUMA", "NamedKernel", "PAD_MODES", "POOL_OPS",
    "PipelineResult", "PipelineSettings", "SIZABLE", "STAGES", "build_kernels",
    "check_settings", "conv_input", "conv_layers", "display_levels", "parse_custom_kernel",
    "run_pipeline", "size_formula", "stage_window",
]
