"""What the image lab says about one output pixel: its window, the kernel, and the sum.

NumPy only (no Qt). Every number comes from the core: the window and Σ window·kernel
from ``core.image_ops.receptive_field.conv_window``, the activation from ``core.activations``, pooled
values read from the stage arrays the pipeline produced.
"""

from __future__ import annotations

import numpy as np

from core.activations import apply_activation
from core.image_ops.receptive_field import conv_window
from gui.image_lab.pipeline import PipelineResult, stage_window

GRID_MAX = 5  # print window and kernel grids up to 5×5; larger ones get only their sums
CHANNELS = "RGB"


def _num(v: float) -> str:
    return f"{v:.4g}"


def _grid_lines(a: np.ndarray, width: int = 7) -> list[str]:
    return [" ".join(f"{_num(float(v)):>{width}}" for v in row) for row in a]


def _side_by_side(left: list[str], right: list[str], gap: str = "   ") -> list[str]:
    w = max(len(s) for s in left)
    return [f"{a:<{w}}{gap}{b}" for a, b in zip(left, right, strict=True)]


def _range(a: int, b: int) -> str:
    """Half-open [a, b) as "a–(b−1)" (or just "a")."""
    return f"{a}" if b - a == 1 else f"{a}–{b - 1}"


def describe_window(window: tuple[int, int, int, int], shape: tuple[int, ...]) -> str:
    """ "rows 9–11, columns 19–21 of the input", noting when part of it is padding."""
    y0, x0, y1, x1 = window
    h, w = shape[:2]
    text = f"input rows {_range(y0, y1)}, columns {_range(x0, x1)}"
    if y0 < 0 or x0 < 0 or y1 > h or x1 > w:
        text += " (partly padding)"
    return text


def hover_text(result: PipelineResult, stage: str, y: int, x: int, index: int = 0) -> str:
    """Several lines explaining output pixel (y, x) of map ``index`` of ``stage``."""
    maps = result.stages.get(stage)
    if maps is None or not (0 <= y < maps.shape[0] and 0 <= x < maps.shape[1]):
        return ""
    if stage == "input":
        v = maps[y, x]
        values = ", ".join(_num(float(c)) for c in v) if maps.ndim == 3 else _num(float(v))
        return f"Input pixel (y={y}, x={x}): {values}"
    window = describe_window(stage_window(result, stage, y, x), result.stages["input"].shape)
    if stage == "conv":
        return _conv_text(result, y, x, index, window)
    if stage == "pool":
        return _pool_text(result, y, x, index, window)
    return _depth_text(result, y, x, window)


def _conv_text(result: PipelineResult, y: int, x: int, index: int, window: str) -> str:
    st = result.settings
    kernel = result.kernels[index]
    image = result.stages["input"]
    geometry = dict(stride=st.stride, padding=st.padding, pad_mode=st.pad_mode,
                    pad_value=st.pad_value)
    lines = [f"Conv map {index + 1} ({kernel.name}), pixel (y={y}, x={x})", f"reads {window}"]
    k = kernel.weights.shape[0]
    if image.ndim == 3:  # one sum per channel, then their total
        parts = []
        for c in range(image.shape[2]):
            win, s = conv_window(image[..., c], kernel.weights, y, x, **geometry)
            parts.append(s)
            if k <= GRID_MAX and c == 0:
                lines += _side_by_side(["window (R)"] + _grid_lines(win),
                                       ["× kernel"] + _grid_lines(kernel.weights, 6))
        total = float(sum(parts))
        names = CHANNELS if image.shape[2] == 3 else [f"ch{c}" for c in range(image.shape[2])]
        lines.append("Σ window·kernel per channel: " + ", ".join(
            f"{n} {_num(s)}" for n, s in zip(names, parts, strict=True)) + f" → {_num(total)}")
    else:
        win, total = conv_window(image, kernel.weights, y, x, **geometry)
        if k <= GRID_MAX:
            lines += _side_by_side(["window"] + _grid_lines(win),
                                   ["× kernel"] + _grid_lines(kernel.weights, 6))
        lines.append(f"Σ window·kernel = {_num(total)}")
    z = total + st.bias
    a = float(apply_activation(np.array([z], dtype=np.float32), st.activation)[0])
    shown = float(result.stages["conv"][y, x, index])
    lines.append(f"z = Σ + b = {_num(total)} + {_num(st.bias)} = {_num(z)}")
    if st.activation in ("none", "linear"):
        lines.append(f"activation “{st.activation}”: output = z = {_num(a)}   "
                     f"(map value {_num(shown)})")
    else:
        lines.append(f"{st.activation}(z) = {_num(a)}   (map value {_num(shown)})")
    return "\n".join(lines)


def _pool_text(result: PipelineResult, y: int, x: int, index: int, window: str) -> str:
    st = result.settings
    conv = result.stages["conv"][..., index]
    r0, c0 = y * st.pool_stride, x * st.pool_stride
    block = conv[r0: r0 + st.pool_size, c0: c0 + st.pool_size]
    v = float(result.stages["pool"][y, x, index])
    lines = [f"Pooled map {index + 1} ({result.kernels[index].name}), pixel (y={y}, x={x})",
             f"reads conv rows {_range(r0, r0 + st.pool_size)}, "
             f"columns {_range(c0, c0 + st.pool_size)}",
             f"receptive field: {window}"]
    if st.pool_size <= GRID_MAX:
        lines += ["conv values"] + _grid_lines(block)
    word = "max" if st.pool_op == "max" else "mean"
    lines.append(f"{word} of the {st.pool_size}×{st.pool_size} window = {_num(v)}")
    return "\n".join(lines)


def _depth_text(result: PipelineResult, y: int, x: int, window: str) -> str:
    st = result.settings
    before = result.stages["pool"] if "pool" in result.stages else result.stages["conv"]
    values = before[y, x, :]
    v = float(result.stages["depth"][y, x])
    listed = ", ".join(f"{k.name} {_num(float(a))}" for k, a in
                       zip(result.kernels, values, strict=True))
    word = "max" if st.depth_pool_op == "max" else "mean"
    return (f"Depth-pooled pixel (y={y}, x={x})\nreceptive field: {window}\n"
            f"{word} over the {len(values)} maps of [{listed}] = {_num(v)}")


__all__ = ["describe_window", "hover_text"]
