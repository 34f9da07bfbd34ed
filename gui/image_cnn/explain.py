"""What the feature maps' hover says about one cell: where it looks in the input and the sum behind it.

Qt-free. The window and Σ window·kernel come from ``core.image_ops.receptive_field.conv_window``
(the image lab's hover uses the same), the rectangle in the input image from
``compose_receptive_field`` through every conv and pool layer up to the hovered one, the
wording of the window from the lab's ``describe_window``; every value from the network's own
``activations``, so the text and the map always show the same number.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from core.formatting import fmt
from core.image_cnn import ImageCNN
from core.image_ops.receptive_field import compose_receptive_field, conv_window
from gui.image_lab.hover import describe_window, display_width

translate = QCoreApplication.translate

GRID_MAX = 5  # print window × kernel grids up to 5×5


def windowed(model: ImageCNN, layer: int) -> list[tuple[int, int, int]]:
    """(size, stride, padding) of every conv and pool layer from the input up to ``layer``."""
    out = []
    for spec in model.specs[: layer + 1]:
        if spec.kind == "conv":
            out.append((spec.k, spec.s, spec.p))
        elif spec.kind in ("maxpool", "avgpool"):
            out.append((spec.k, spec.s, 0))
    return out


def input_field(model: ImageCNN, layer: int, r: int, c: int) -> tuple[int, int, int, int]:
    """The input-image rectangle (y0, x0, y1, x1), half-open, that cell (r, c) of ``layer`` sees.

    A dense layer (and everything after one) sees the whole image."""
    h, w, _ = model.input_shape
    if any(s.kind == "dense" for s in model.specs[: layer + 1]):
        return 0, 0, h, w
    return compose_receptive_field(r, c, windowed(model, layer))


def _grid(a: np.ndarray) -> list[str]:
    return ["  ".join(f"{fmt(float(v), 3):>8}" for v in row) for row in a]


def explain(model: ImageCNN, image: np.ndarray, acts: list, layer: int, r: int, c: int, ch: int) -> list[str]:
    """Lines explaining output (r, c, ch) of ``layer`` (for dense layers r = 0, c = the unit)."""
    spec = model.specs[layer]
    out = acts[layer][1]
    prev = image if layer == 0 else acts[layer - 1][1]
    head = translate("CnnExplain", "Layer {0} ({1})").format(layer + 1, spec.text)
    if out.ndim == 1:
        return _dense_lines(model, spec, prev, out, layer, c, head)
    value = float(out[r, c, ch])
    where = describe_window(input_field(model, layer, r, c), model.input_shape)
    lines = [translate("CnnExplain", "{head}, map {0}, cell (row {1}, column {2}) = {3}").format(
        ch + 1, r + 1, c + 1, fmt(value), head=head),
             translate("CnnExplain", "receptive field: {where}").format(where=where)]
    if spec.kind == "conv":
        W, b = model.params[f"{spec.name}.W"], float(model.params[f"{spec.name}.b"][ch])
        sums = []
        for cc in range(prev.shape[2]):
            win, s = conv_window(prev[..., cc], W[ch, :, :, cc], r, c, stride=spec.s, padding=spec.p)
            sums.append(s)
            if cc == 0 and spec.k <= GRID_MAX and prev.shape[2] == 1:
                left, wins = translate("CnnExplain", "window"), _grid(win)
                width = max(display_width(left), *map(len, wins)) + 4  # side by side, narrow enough
                head = left + " " * (width - display_width(left)) + translate("CnnExplain", "× kernel")
                lines += [head] + [
                    f"{a:<{width}}{k}" for a, k in zip(wins, _grid(W[ch, :, :, 0]), strict=True)]
        total = float(sum(sums))
        if len(sums) > 1:
            lines.append(translate("CnnExplain", "Σ window·kernel over {0} input channels = {1}").format(
                len(sums), fmt(total)))
        else:
            lines.append(translate("CnnExplain", "Σ window·kernel = {0}").format(fmt(total)))
        lines.append(f"z = Σ + b = {fmt(total)} + {fmt(b, paren=True)} = {fmt(total + b)}")
    elif spec.kind in ("maxpool", "avgpool"):
        r0, c0 = r * spec.s, c * spec.s
        block = prev[r0:r0 + spec.k, c0:c0 + spec.k, ch]
        lines.append(translate("CnnExplain", "reads rows {0}–{1}, columns {2}–{3} of the layer "
                                             "before").format(
            r0 + 1, r0 + spec.k, c0 + 1, c0 + spec.k))
        if spec.k <= GRID_MAX:
            lines += _grid(block)
        if spec.kind == "maxpool":
            got, text = float(block.max()), translate("CnnExplain", "max of the {k}×{k} window = {v}")
        else:
            got, text = float(block.mean()), translate("CnnExplain", "mean of the {k}×{k} window = {v}")
        lines.append(text.format(k=spec.k, v=fmt(got)))
    elif spec.kind == "dropout":
        lines.append(translate("CnnExplain", "dropout passes {0} through unchanged when not "
                                             "training").format(
            fmt(float(prev[r, c, ch]))))
    else:
        lines.append(f"{spec.kind}({fmt(float(prev[r, c, ch]))}) = {fmt(value)}")
    return lines


def _dense_lines(model, spec, prev, out, layer, unit, head) -> list[str]:
    x = np.asarray(prev, dtype=float).ravel()
    lines = [translate("CnnExplain", "{head}, unit {0} = {1}").format(
        unit + 1, fmt(float(out[unit])), head=head)]
    if spec.kind == "dense":
        W, b = model.params[f"{spec.name}.W"][:, unit], float(model.params[f"{spec.name}.b"][unit])
        parts = x * W
        z = float(parts.sum()) + b
        top = np.argsort(-np.abs(parts))[:3]
        lines.append(translate("CnnExplain", "z = Σ x·W + b over {0} inputs = {1} + {2} = {3}").format(
            len(x), fmt(float(parts.sum())), fmt(b, paren=True), fmt(z)))
        terms = ", ".join(f"x{i + 1}·W = {fmt(float(parts[i]))}" for i in top)
        lines.append(translate("CnnExplain", "largest terms: {0}").format(terms))
        if layer == len(model.specs) - 1:
            lines.append(f"softmax: p = e^z / Σ e^z = {fmt(float(out[unit]))}")
        lines.append(translate("CnnExplain", "receptive field: the whole input image"))
    elif spec.kind == "dropout":
        lines.append(translate("CnnExplain", "dropout passes {0} through unchanged when not "
                                             "training").format(
            fmt(float(x[unit]))))
    else:
        lines.append(f"{spec.kind}({fmt(float(x[unit]))}) = {fmt(float(out[unit]))}")
    return lines


__all__ = ["explain", "input_field", "windowed"]
