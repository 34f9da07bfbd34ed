"""The 2D step-through in numbers: one image forward layer by layer, its backward pass, and the sum
that is one kernel weight's gradient. Qt-free; the worker builds a step, the view draws it.

The generalisation of the chapter's ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11: a kernel weight
W[k, i, j, c] is shared by every output position of kernel k's feature map, so its gradient for
one image is a sum with one term per output position, input pixel × δ
(``core.image_cnn.weight_sharing_terms``). ``gradient_sum`` puts those terms beside the core's
own ``model.gradients`` so the view can show that they add up to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.formatting import fmt
from core.image_cnn import ImageCNN, SharingTerm, weight_sharing_terms
from core.image_cnn.spec import LayerSpec

translate = QCoreApplication.translate


@dataclass(frozen=True)
class CnnSubStep:
    """One click of the step-through: what it shows and the sentence with its numbers."""

    kind: str  # "forward", "loss", "backward" or "gradient"
    layer: int  # index into model.specs (-1: the input image; the loss: the last layer)
    title: str
    lines: tuple[str, ...]


SET_LABELS = {"validation": QT_TRANSLATE_NOOP("FeatureMapsView", "Validation"),
              "training": QT_TRANSLATE_NOOP("FeatureMapsView", "Training"),
              "drawn": QT_TRANSLATE_NOOP("FeatureMapsView", "Drawn")}


def set_label(code: str) -> str:
    """The picker's name of an image set ("validation", "training", "drawn"), translated."""
    return translate("FeatureMapsView", SET_LABELS[code]) if code in SET_LABELS else code


def shape_text(shape: tuple[int, ...]) -> str:
    """(8, 8, 8) → "8×8×8"."""
    return "×".join(str(int(n)) for n in shape)


def formula(spec: LayerSpec) -> str:
    """The chapter's output-size formula filled in for a conv or pool layer ('' for others)."""
    if spec.kind not in ("conv", "maxpool", "avgpool"):
        return ""
    parts = []
    for axis, n_in, n_out in (("H", spec.in_shape[0], spec.out_shape[0]),
                              ("W", spec.in_shape[1], spec.out_shape[1])):
        parts.append(f"{axis}′ = ⌊({n_in} + 2·{spec.p} − {spec.k})/{spec.s}⌋ + 1 = {n_out}")
    if spec.in_shape[0] == spec.in_shape[1]:
        return "n_out = " + parts[0].split(" = ", 1)[1]
    return ";  ".join(parts)


def layer_caption(spec: LayerSpec) -> str:
    """'conv 8@3×3 → 8×8×8', 'maxpool 2 → 4×4×8', 'dense 10' (the architecture's boxes)."""
    out = shape_text(spec.out_shape)
    if spec.kind == "conv":
        extra = translate("CnnSteps", ", stride {0}").format(spec.s) if spec.s != 1 else ""
        extra += translate("CnnSteps", ", pad {0}").format(spec.p) if spec.p else ""
        text = translate("CnnSteps", "conv {n}@{k}×{k}{extra} → {out}")
        return text.format(n=spec.n, k=spec.k, extra=extra, out=out)
    if spec.kind in ("maxpool", "avgpool"):
        stride = translate("CnnSteps", ", stride {0}").format(spec.s) if spec.s != spec.k else ""
        if spec.kind == "maxpool":
            text = translate("CnnSteps", "maxpool {k}{stride} → {out}")
        else:
            text = translate("CnnSteps", "avgpool {k}{stride} → {out}")
        return text.format(k=spec.k, stride=stride, out=out)
    if spec.kind == "dense":
        return translate("CnnSteps", "dense {0}").format(spec.n)
    if spec.kind == "dropout":
        return translate("CnnSteps", "dropout {0} → {out}").format(fmt(spec.rate, 3), out=out)
    return f"{spec.kind} → {out}"


def _public(a: np.ndarray | None) -> np.ndarray | None:
    """A layer's δ from the internal layout — (C, H, W, 1) or (1, F) — to (H, W, C) or (F,)."""
    if a is None:
        return None
    if a.ndim == 4:
        return np.ascontiguousarray(a[..., 0].transpose(1, 2, 0))
    return np.asarray(a[0]).copy()


def _range(a: np.ndarray) -> str:
    return translate("CnnSteps", "values from {0} to {1}").format(
        fmt(float(np.min(a))), fmt(float(np.max(a))))


def build_step(model: ImageCNN, x: np.ndarray, label: int, where: str, index: int, epoch: int,
               class_names: tuple[str, ...]) -> tuple[dict, list[CnnSubStep]]:
    """The step dict (activations, δ per layer, probabilities, loss) and its sub-steps for one image."""
    X = model.check_X(np.asarray(x, dtype=float)[None], what=translate("CnnSteps", "the image"))
    y = model.check_y(np.asarray([label]), 1, what=translate("CnnSteps", "the label"))
    acts = model.activations(X[0])
    deltas: list = []
    G = np.empty(model.n_params)
    loss, _ = model.loss_grad_internal(model.to_internal(X), y, None, G, deltas=deltas)
    probs = acts[-1][1]
    step = {"sample": int(index), "set": where, "epoch": int(epoch), "image": X[0], "label": int(label),
            "activations": acts, "deltas": [_public(d) for d in deltas], "probabilities": probs,
            "loss": float(loss), "model": model, "class_names": tuple(class_names)}
    subs = [CnnSubStep("forward", -1, translate("CnnSteps", "Input: the {where} image {0}").format(
        index + 1, where=set_label(where).lower()),
                       (translate("CnnSteps", "{0} pixels, {1}; its class is {2}.").format(
                           shape_text(model.input_shape), _range(X[0]), class_names[label]),))]
    for i, (spec, (_, out)) in enumerate(zip(model.specs, acts, strict=True)):
        lines = [layer_caption(spec)]
        if formula(spec):
            lines.append(formula(spec))
        if i == len(model.specs) - 1:
            best = int(np.argmax(probs))
            lines.append(f"softmax: p = [{', '.join(fmt(float(v), 3) for v in probs)}]")
            lines.append(translate("CnnSteps", "predicted {0} with p = {1}").format(
                class_names[best], fmt(float(probs[best]))))
        else:
            lines.append(_range(out))
        subs.append(CnnSubStep("forward", i, translate("CnnSteps", "Forward {0} of {1}: {2}").format(
            i + 1, len(model.specs), spec.text),
                               tuple(lines)))
    p_y = float(probs[label])
    subs.append(CnnSubStep("loss", len(model.specs) - 1,
                           translate("CnnSteps", "Loss: cross-entropy of the true class"),
                           (translate("CnnSteps", "loss = −ln p[{0}] = −ln {1} = {2}").format(
                               class_names[label], fmt(p_y), fmt(float(loss))),)))
    for i in range(len(model.specs) - 1, -1, -1):
        d = step["deltas"][i]
        if d is None:
            continue
        spec = model.specs[i]
        if i == len(model.specs) - 1:
            text = f"δ = p − one-hot({class_names[label]}) = [{', '.join(fmt(float(v), 3) for v in d)}]"
        else:
            text = translate("CnnSteps", "δ = ∂loss/∂(output of {0}), {1}: {2}").format(
                spec.text, shape_text(d.shape), _range(d))
        subs.append(CnnSubStep("backward", i, translate("CnnSteps", "Backward: δ at layer {0} ({1})").format(
            i + 1, spec.text), (text,)))
    if any(s.kind == "conv" for s in model.specs):
        subs.append(CnnSubStep("gradient", next(i for i, s in enumerate(model.specs) if s.kind == "conv"),
                               translate("CnnSteps", "Weight sharing: one kernel weight's gradient"),
                               (translate("CnnSteps", "One term per output position: input pixel × δ. "
                                                      "Click a kernel weight to choose another."),)))
    return step, subs


@dataclass(frozen=True)
class GradientSum:
    """The terms of one shared weight's gradient, their total and the core's gradient."""

    weight: str  # "conv1.W"
    index: tuple[int, int, int, int]  # (k, i, j, c)
    layer: int  # the conv layer's index in model.specs
    terms: tuple[SharingTerm, ...]
    total: float  # Σ terms, in the order listed
    core: float  # model.gradients(x, [label])[weight][index]

    def equation(self, shown: int = 6) -> str:
        """'∂loss/∂conv1.W[1,2,2,1] = 0·0.01 + 0.31·(−0.02) + … = −0.0123' (1-based indices)."""
        k, i, j, c = (v + 1 for v in self.index)
        parts = [f"{fmt(t.input_value, 3)}·{fmt(t.delta, 3, paren=True)}" for t in self.terms[:shown]]
        more = translate("GradientSum", " + … ({0} more)").format(
            len(self.terms) - shown) if len(self.terms) > shown else ""
        return f"∂loss/∂{self.weight}[{k},{i},{j},{c}] = {' + '.join(parts)}{more} = {fmt(self.total)}"


def gradient_sum(model: ImageCNN, x: np.ndarray, label: int, weight: str,
                 index: tuple[int, int, int, int]) -> GradientSum:
    """The weight-sharing sum for ``weight[index]`` on one image, with the core's gradient beside it."""
    terms = tuple(weight_sharing_terms(model, x, label, weight, index))
    total = float(sum(t.product for t in terms))
    core = float(model.gradients(np.asarray(x, dtype=float)[None], [label])[weight][index])
    layer = model.specs.index(model.layer_spec(weight.split(".")[0]))
    return GradientSum(weight, tuple(int(v) for v in index), layer, terms, total, core)


def default_weight(model: ImageCNN) -> tuple[str, tuple[int, int, int, int]] | None:
    """The first conv kernel's centre tap: a weight whose terms are rarely all on the padding."""
    for spec in model.specs:
        if spec.kind == "conv":
            return f"{spec.name}.W", (0, spec.k // 2, spec.k // 2, 0)
    return None


__all__ = ["CnnSubStep", "GradientSum", "build_step", "default_weight", "formula", "gradient_sum",
           "layer_caption", "shape_text"]
