"""Weight sharing in numbers: the chapter's ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11, in 2D.

One kernel weight W[k, i, j, c] is used at every output position (r, q) of kernel k's feature
map, on the input pixel (r·S + i − P, q·S + j − P) of channel c. Its gradient for one image
is therefore a sum with one term per output position:

    ∂loss/∂W[k, i, j, c] = Σ_(r, q)  input[r·S + i − P, q·S + j − P, c] · δ[r, q, k]

where δ = ∂loss/∂(the conv layer's output, before its activation). Terms that fall on the
zero padding are listed too (their input is 0), so the list has exactly H′·W′ entries.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from core.image_cnn.model import ImageCNN


class SharingTerm(NamedTuple):
    """One output position's contribution to a shared kernel weight's gradient."""

    out_pos: tuple[int, int]  # (r, q) in the feature map
    in_pos: tuple[int, int]  # (row, column) of the input pixel (outside the image on padding)
    padding: bool  # True when in_pos lies on the zero padding
    input_value: float  # the conv layer's input there (0 on padding)
    delta: float  # δ at the output position: ∂loss/∂(conv output)[r, q, k]
    product: float  # input_value · delta


def weight_sharing_terms(model: ImageCNN, x, label: int, weight: str = "conv1.W",
                         index: tuple[int, int, int, int] = (0, 0, 0, 0)) -> list[SharingTerm]:
    """The terms whose sum is ∂loss/∂``weight``[k, i, j, c] for the one image ``x`` with ``label``.

    Equals ``model.gradients(x[None], [label])[weight][index]`` up to summation order.
    ``weight`` names a conv layer's kernel ("conv1.W", "conv2.W", …); ``index`` is (k, i, j, c).
    """
    name, _, part = weight.partition(".")
    if part != "W" or not name.startswith("conv") or name not in {s.name for s in model.specs}:
        convs = [f"{s.name}.W" for s in model.specs if s.kind == "conv"]
        raise ValueError(f"weight must name a conv kernel ({', '.join(convs) or 'this network has none'}); "
                         f"got {weight!r}")
    spec = model.layer_spec(name)
    shape = model.params[weight].shape
    if len(index) != 4 or not all(0 <= int(v) < n for v, n in zip(index, shape, strict=True)):
        raise ValueError(f"index must be (k, i, j, c) inside {weight}'s shape {shape}; got {index!r}")
    k, i, j, c = (int(v) for v in index)
    X = model.check_X(np.asarray(x, dtype=float)[None], what="x")
    y = model.check_y(np.asarray([label]), 1, what="label")
    layer = model.specs.index(spec)
    xi = model.to_internal(X)
    _, _, outputs = model.forward_internal(xi, keep=True)
    seen = (xi if layer == 0 else outputs[layer - 1])[c, :, :, 0]  # the conv layer's input, channel c
    s, p = spec.s, spec.p
    padded = np.pad(seen, p)
    deltas: list = []
    model.loss_grad_internal(xi, y, None, np.empty(model.n_params), deltas=deltas)
    delta = deltas[layer][k, :, :, 0]  # (H', W'): ∂loss/∂(conv output) of kernel k
    h, w = spec.in_shape[:2]
    terms = []
    for r in range(delta.shape[0]):
        for q in range(delta.shape[1]):
            row, col = r * s + i - p, q * s + j - p
            v, d = float(padded[row + p, col + p]), float(delta[r, q])
            terms.append(SharingTerm((r, q), (row, col), not (0 <= row < h and 0 <= col < w), v, d, v * d))
    return terms
