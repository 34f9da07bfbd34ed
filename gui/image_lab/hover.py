"""What the image lab says about one output pixel: its window, the kernel, and the sum.

No widgets (only the words go through Qt's translators). Every number comes from the core: the
window and Σ window·kernel from ``core.image_ops.receptive_field.conv_window``, the activation from
``core.activations``, pooled values read from the stage arrays the pipeline produced.
"""

from __future__ import annotations

import unicodedata

import numpy as np
from PySide6.QtCore import QCoreApplication

from core.activations import apply_activation
from core.image_ops.receptive_field import conv_window
from gui.image_lab.names import label
from gui.image_lab.pipeline import PipelineResult, stage_window

translate = QCoreApplication.translate

GRID_MAX = 5  # print window and kernel grids up to 5×5; larger ones get only their sums
CHANNELS = "RGB"


def _num(v: float) -> str:
    return f"{v:.4g}"


def _grid_lines(a: np.ndarray, width: int = 7) -> list[str]:
    return [" ".join(f"{_num(float(v)):>{width}}" for v in row) for row in a]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospace font: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _side_by_side(left: list[str], right: list[str], gap: str = "   ") -> list[str]:
    w = max(display_width(s) for s in left)
    return [a + " " * (w - display_width(a)) + gap + b for a, b in zip(left, right, strict=True)]


def _range(a: int, b: int) -> str:
    """Half-open [a, b) as "a–(b−1)" (or just "a")."""
    return f"{a}" if b - a == 1 else f"{a}–{b - 1}"


def describe_window(window: tuple[int, int, int, int], shape: tuple[int, ...]) -> str:
    """ "rows 9–11, columns 19–21 of the input", noting when part of it is padding."""
    y0, x0, y1, x1 = window
    h, w = shape[:2]
    text = translate("LabHover", "input rows {0}, columns {1}").format(_range(y0, y1), _range(x0, x1))
    if y0 < 0 or x0 < 0 or y1 > h or x1 > w:
        text += translate("LabHover", " (partly padding)")
    return text


def hover_text(result: PipelineResult, stage: str, y: int, x: int, index: int = 0) -> str:
    """Several lines explaining output pixel (y, x) of map ``index`` of ``stage``."""
    maps = result.stages.get(stage)
    if maps is None or not (0 <= y < maps.shape[0] and 0 <= x < maps.shape[1]):
        return ""
    if stage == "input":
        v = maps[y, x]
        values = ", ".join(_num(float(c)) for c in v) if maps.ndim == 3 else _num(float(v))
        return translate("LabHover", "Input pixel (y={y}, x={x}): {values}").format(y=y, x=x, values=values)
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
    lines = [translate("LabHover", "Conv map {0} ({1}), pixel (y={y}, x={x})").format(
        index + 1, label(kernel.name), y=y, x=x), translate("LabHover", "reads {window}").format(
        window=window)]
    k = kernel.weights.shape[0]
    if image.ndim == 3:  # one sum per channel, then their total
        parts = []
        for c in range(image.shape[2]):
            win, s = conv_window(image[..., c], kernel.weights, y, x, **geometry)
            parts.append(s)
            if k <= GRID_MAX and c == 0:
                lines += _side_by_side([translate("LabHover", "window (R)")] + _grid_lines(win),
                                       [translate("LabHover", "× kernel")] + _grid_lines(kernel.weights, 6))
        total = float(sum(parts))
        names = CHANNELS if image.shape[2] == 3 else [f"ch{c}" for c in range(image.shape[2])]
        lines.append(translate("LabHover", "Σ window·kernel per channel: ") + ", ".join(
            f"{n} {_num(s)}" for n, s in zip(names, parts, strict=True)) + f" → {_num(total)}")
    else:
        win, total = conv_window(image, kernel.weights, y, x, **geometry)
        if k <= GRID_MAX:
            lines += _side_by_side([translate("LabHover", "window")] + _grid_lines(win),
                                   [translate("LabHover", "× kernel")] + _grid_lines(kernel.weights, 6))
        lines.append(translate("LabHover", "Σ window·kernel = {0}").format(_num(total)))
    z = total + st.bias
    a = float(apply_activation(np.array([z], dtype=np.float32), st.activation)[0])
    shown = float(result.stages["conv"][y, x, index])
    lines.append(f"z = Σ + b = {_num(total)} + {_num(st.bias)} = {_num(z)}")
    if st.activation in ("none", "linear"):
        lines.append(translate("LabHover", "activation “{name}”: output = z = {a}   "
                               "(map value {shown})").format(name=label(st.activation), a=_num(a),
                                                             shown=_num(shown)))
    else:
        lines.append(translate("LabHover", "{name}(z) = {a}   (map value {shown})").format(
            name=label(st.activation), a=_num(a), shown=_num(shown)))
    return "\n".join(lines)


def _pool_text(result: PipelineResult, y: int, x: int, index: int, window: str) -> str:
    st = result.settings
    conv = result.stages["conv"][..., index]
    r0, c0 = y * st.pool_stride, x * st.pool_stride
    block = conv[r0: r0 + st.pool_size, c0: c0 + st.pool_size]
    v = float(result.stages["pool"][y, x, index])
    lines = [translate("LabHover", "Pooled map {0} ({1}), pixel (y={y}, x={x})").format(
        index + 1, label(result.kernels[index].name), y=y, x=x),
             translate("LabHover", "reads conv rows {0}, columns {1}").format(
                 _range(r0, r0 + st.pool_size), _range(c0, c0 + st.pool_size)),
             translate("LabHover", "receptive field: {window}").format(window=window)]
    if st.pool_size <= GRID_MAX:
        lines += [translate("LabHover", "conv values")] + _grid_lines(block)
    if st.pool_op == "max":
        text = translate("LabHover", "max of the {size}×{size} window = {v}")
    else:
        text = translate("LabHover", "mean of the {size}×{size} window = {v}")
    lines.append(text.format(size=st.pool_size, v=_num(v)))
    return "\n".join(lines)


def _depth_text(result: PipelineResult, y: int, x: int, window: str) -> str:
    st = result.settings
    before = result.stages["pool"] if "pool" in result.stages else result.stages["conv"]
    values = before[y, x, :]
    v = float(result.stages["depth"][y, x])
    listed = ", ".join(f"{label(k.name)} {_num(float(a))}" for k, a in
                       zip(result.kernels, values, strict=True))
    if st.depth_pool_op == "max":
        text = translate("LabHover", "Depth-pooled pixel (y={y}, x={x})\nreceptive field: {window}\n"
                         "max over the {n} maps of [{listed}] = {v}")
    else:
        text = translate("LabHover", "Depth-pooled pixel (y={y}, x={x})\nreceptive field: {window}\n"
                         "mean over the {n} maps of [{listed}] = {v}")
    return text.format(y=y, x=x, window=window, n=len(values), listed=listed, v=_num(v))


__all__ = ["describe_window", "display_width", "hover_text"]
