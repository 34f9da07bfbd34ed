"""One sample through the network, written out as the chapter writes it: the readable path.

``forward`` and ``backward`` return dictionaries of every node's value, δ and gradient, with the
sums taken term by term in the chapter's order (I1·K6 + I2·K7 + I3·K8 + b_conv), so every digit
matches the chapter; the step-through and the diagram show these. ``BatchPass`` is the same
arithmetic for a whole batch (the path that trains). A plain mixin of
``core.chapter.network.Network``, which provides the names, the taps and the parameters.
"""

from __future__ import annotations

import numpy as np

from core.chapter.batch_pass import check_label, softmax_loss
from core.i18n import N_


class ReadablePass:
    """``forward`` and ``backward`` for one sample (see the module docstring)."""

    def _check_x(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        if x.shape != (self.n_inputs,):
            raise ValueError(N_("network", "x must have {0} values, got shape {1}").format(
                self.n_inputs, x.shape))
        return x

    def forward(self, x, mask: dict[str, float] | None = None) -> dict[str, float]:
        """One sample's node values: ``I1…``, each feature-map node's sum ``C9_in`` and value ``C9``,
        each output's sum ``O12_in`` and value ``O12`` (= the sum for a linear output).

        The sums are written out term by term in the chapter's order
        (I1·K6 + I2·K7 + I3·K8 + b_conv) so every digit matches the chapter.
        ``mask`` (dropout during training) maps a feature-map node to the factor its value is
        multiplied by on the way to the outputs: 0 for a dropped node, 1/(1 − p) for a kept one;
        ``C9`` stays the activation itself and ``C9_mask`` records the factor.
        """
        x = self._check_x(x)
        K, bc, W, bo = self.unpack()
        out: dict[str, float] = {name: float(v) for name, v in zip(self.input_names, x, strict=True)}
        acts = []
        for c in range(self.n_kernels):
            for j, node in enumerate(self.fmap_names[c]):
                z = 0.0
                for i, tap in enumerate(self.taps(c, j)):
                    xi = x[tap.input_index] if tap.input_index is not None else 0.0
                    z = z + xi * K[c, i]
                z = z + bc[c]
                a = float(self.activation.f(z))
                out[f"{node}_in"] = float(z)
                out[node] = a
                if mask is not None:
                    m = float(mask.get(node, 1.0))
                    out[f"{node}_mask"] = m
                    a = a * m
                acts.append(a)
        zs = []
        for o, node in enumerate(self.output_names):
            s = 0.0
            for f, a in enumerate(acts):
                s = s + W[o, f] * a
            s = s + bo[o]
            zs.append(float(s))
            out[f"{node}_in"] = float(s)
        if self.output == "softmax":
            probs = np.empty((1, len(zs)))
            softmax_loss(np.array(zs)[None, :], np.zeros(1, dtype=int), P=probs)
            for node, p in zip(self.output_names, probs[0], strict=True):
                out[node] = float(p)
        else:
            for node, s in zip(self.output_names, zs, strict=True):
                out[node] = s
        return out

    def backward(self, x, y, mask: dict[str, float] | None = None) -> dict:
        """One sample's backward pass for the loss P (½(ŷ − y)², or −log p_y for softmax).

        Returns ``{"forward", "loss", "delta", "dact", "grad", "terms"}``: ``delta[node]`` is
        ∂P/∂(node input) for every feature-map and output node; ``dact[node]`` the activation's
        derivative there (σ′ = C(1 − C) for sigmoid); ``grad[param]`` is ∂P/∂θ; and
        ``terms[Kn]`` lists each shared kernel weight's per-position contributions as
        ``(input_name, input_value, fmap_node, delta, product)`` — the chapter's
        ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11, with padding inputs named None and valued 0.
        """
        fw = self.forward(x, mask)
        x = self._check_x(x)
        K, bc, W, bo = self.unpack()
        delta: dict[str, float] = {}
        if self.output == "softmax":
            label = check_label(y, self.n_outputs)
            # log-sum-exp of the logits: exact at any gap (−log p would saturate at −log 1e-300)
            logits = np.array([[fw[f"{o}_in"] for o in self.output_names]])
            loss = float(softmax_loss(logits, np.array([label]))[0])
            for o, node in enumerate(self.output_names):
                delta[node] = fw[node] - (1.0 if o == label else 0.0)
        else:
            y = float(y)
            node = self.output_names[0]
            delta[node] = fw[node] - y
            d12 = fw[node] - y
            loss = 0.5 * d12 * d12
        grad: dict[str, float] = {}
        dact: dict[str, float] = {}
        flat = self.fmap_flat
        for f, cnode in enumerate(flat):
            a = fw[cnode]
            d = float(self.activation.df(fw[f"{cnode}_in"], a))
            dact[cnode] = d
            if mask is not None:
                d = d * fw[f"{cnode}_mask"]
            back = 0.0
            for o, onode in enumerate(self.output_names):
                back = back + W[o, f] * delta[onode]
            # chapter order: δ9 = C9(1 − C9) · λ9,12 · δ12
            delta[cnode] = d * back if self.n_outputs > 1 else d * W[0, f] * delta[self.output_names[0]]
        terms: dict[str, list] = {}
        for c in range(self.n_kernels):
            for i, wname in enumerate(self.kernel_names[c]):
                rows = []
                for j, cnode in enumerate(self.fmap_names[c]):
                    tap = self.taps(c, j)[i]
                    xi = float(x[tap.input_index]) if tap.input_index is not None else 0.0
                    rows.append((tap.input_name, xi, cnode, delta[cnode], xi * delta[cnode]))
                terms[wname] = rows
                g = 0.0
                for r in rows:
                    g = g + r[4]
                grad[wname] = g
            g = 0.0
            for cnode in self.fmap_names[c]:
                g = g + delta[cnode]
            grad[self.conv_bias_names[c]] = g
        for o, onode in enumerate(self.output_names):
            for f, cnode in enumerate(flat):
                a = fw[cnode] if mask is None else fw[cnode] * fw[f"{cnode}_mask"]
                grad[self.output_weight_names[o][f]] = a * delta[onode]
            grad[self.output_bias_names[o]] = delta[onode]
        grad = {name: float(grad[name]) for name in self._param_names}
        return {
            "forward": fw,
            "loss": float(loss),
            "delta": {k: float(v) for k, v in delta.items()},
            "dact": dact,
            "grad": grad,
            "terms": terms,
        }
