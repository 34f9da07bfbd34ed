"""A visible gradient check of the code that trains: ∂P/∂θ three ways beside a central difference.

For one sample, each parameter is nudged by ±ε and the loss P re-evaluated;
(P(θ+ε) − P(θ−ε)) / 2ε approximates the derivative. It is compared with every path that
computes a gradient, because a check of one path says nothing about the others:

* ``batch`` — ``Network.gradients`` (``BatchPass``, the vectorised pass the trainer uses);
* ``per-sample`` — ``Network.backward``, the readable pass the step-through shows;
* ``fused`` — one step of ``Trainer.run`` (the fused loop for the chapter's configuration,
  the batch loop otherwise) at η = 1: the update it applies, θ_before − θ_after, must be η·∂P/∂θ.

Agreement is judged by a mixed criterion, |g − fd| ≤ atol·max(1, |P|) + rtol·max(|g|, |fd|):
relative where gradients are large, absolute where they vanish — at a converged point
(gradients ~1e-17) a purely relative test calls correct code "suspicious". Near a ReLU kink
the two disagree because the loss has no derivative there — which is worth seeing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.chapter.network import Network
from core.chapter.stepthrough.parts import screen_name
from core.i18n import N_, joined

PATHS = ("batch", "per-sample", "fused")
PATH_LABELS = {"batch": N_("gradcheck", "batch"), "per-sample": N_("gradcheck", "per-sample"),
               "fused": N_("gradcheck", "fused")}  # how a sentence names a path (the code name in English)
PATH_NAMES = {
    "batch": N_("gradcheck", "Network.gradients (BatchPass: the pass that trains)"),
    "per-sample": N_("gradcheck", "Network.backward (the step-through's pass)"),
    "fused": N_("gradcheck", "one Trainer.run step (the training loop's update ÷ −η)"),
}
RTOL = 1e-6  # relative tolerance (the panel's "ok")
ATOL = 1e-10  # absolute tolerance, in units of max(1, |P|): what a central difference resolves
SUSPICIOUS = 1000.0  # up to this many tolerances off: "suspicious"; beyond: "wrong"


@dataclass(frozen=True)
class GradCheckRow:
    """One parameter: backprop's ∂P/∂θ, the central difference, and how far each path is off.

    ``rel_error`` is the worst path's error scaled by the mixed criterion,
    |g − fd| / (max(|g|, |fd|) + atol·max(1, |P|)/rtol): it is ≤ rtol exactly when that path
    passes, so it reads like a relative error where gradients are large.
    """

    name: str
    analytic: float  # backprop's ∂P/∂θ as the step-through shows it (per-sample; else the batch path's)
    numeric: float  # the central difference
    rel_error: float  # the worst path's scaled error (see above)
    paths: dict[str, float] = field(default_factory=dict)  # path → its ∂P/∂θ
    errors: dict[str, float] = field(default_factory=dict)  # path → its scaled error
    verdict: str = "ok"  # "ok", "suspicious" or "wrong": the worst path's
    worst_path: str = ""  # the path with the largest error


@dataclass(frozen=True)
class GradCheckReport:
    """The rows, which paths were checked, and the verdict in one sentence."""

    rows: list[GradCheckRow]
    paths: tuple[str, ...]
    eps: float
    loss: float

    @property
    def failing(self) -> dict[str, list[str]]:
        """Path → the parameters it gets wrong (verdict "wrong" by that path's own error)."""
        out: dict[str, list[str]] = {}
        for r in self.rows:
            for p, e in r.errors.items():
                if verdict(e) == "wrong":
                    out.setdefault(p, []).append(r.name)
        return out

    def summary(self) -> str:
        checked = joined(", ", [PATH_LABELS.get(p, p) for p in self.paths])
        bad = self.failing
        if not bad:
            return N_("gradcheck", "checked {checked}: every gradient agrees with the finite "
                                   "difference (ε = {0:g}).").format(
                self.eps, checked=checked)
        parts = [N_("gradcheck", "{path} gets {n} wrong ({names})").format(
                     path=PATH_LABELS.get(p, p), n=len(names),
                     names=", ".join(screen_name(n) for n in names[:4]) + ("…" if len(names) > 4 else ""))
                 for p, names in bad.items()]
        return N_("gradcheck", "checked {checked}: {parts} — a kink (ReLU at z = 0) or a bug in that "
                  "path.").format(checked=checked, parts=joined(N_("gradcheck", "; "), parts))


def verdict(scaled_error: float, rtol: float = RTOL) -> str:
    """'ok' (within the tolerance), 'suspicious' (within 1000 of them) or 'wrong'."""
    if not np.isfinite(scaled_error) or scaled_error > SUSPICIOUS * rtol:
        return "wrong"
    return "ok" if scaled_error <= rtol else "suspicious"


def _mask_array(net: Network, mask: dict[str, float] | None) -> np.ndarray | None:
    if not mask:
        return None
    return np.array([[float(mask.get(n, 1.0)) for n in net.fmap_flat]])


def _batch_grad(net: Network, X, y, m) -> np.ndarray:
    if m is None:
        g = net.gradients(X, y)
        return np.array([g[n] for n in net.param_names()])
    ws = net.batch_pass(X, y)
    ws.forward(net.theta, m)
    return ws.backward(net.theta) / ws.N


def _per_sample_grad(net: Network, x, y, mask) -> np.ndarray:
    g = net.backward(x, y, mask)["grad"]
    return np.array([g[n] for n in net.param_names()])


def _fused_grad(net: Network, X, y, m) -> np.ndarray:
    from core.chapter.trainer import Trainer

    t = Trainer(net.copy(), X, y, lr=1.0, dropout=0.5 if m is not None else 0.0)
    if m is not None:
        t._draw_mask = lambda: m  # this sample's dropout factors, not a fresh draw
    before = t.net.theta.copy()
    t.run(1)
    return before - t.net.theta  # η = 1, one sample: the update is the gradient


def gradient_report(
    net: Network, x, y, eps: float = 1e-6, mask: dict[str, float] | None = None,
    paths: tuple[str, ...] = PATHS, rtol: float = RTOL, atol: float = ATOL,
) -> GradCheckReport:
    """Check every path in ``paths`` against central differences of the sample's loss.

    ``mask``: the dropout factors of the sample's feature-map nodes (0 or 1/(1 − p)), so the
    check is of the masked loss the step trained on. ``net`` is never modified.
    """
    if not (eps > 0 and np.isfinite(eps)):
        raise ValueError(N_("gradcheck", "eps must be a small positive number, got {eps!r}").format(eps=eps))
    unknown = set(paths) - set(PATHS)
    if unknown or not paths:
        raise ValueError(N_("gradcheck", "paths must be some of {0}; got {paths!r}").format(
            ', '.join(PATHS), paths=paths))
    net = net.copy()
    X = np.atleast_2d(np.asarray(x, dtype=float))
    Y = np.asarray([y], dtype=float)
    m = _mask_array(net, mask)
    with np.errstate(all="ignore"):
        ws = net.batch_pass(X, Y)

        def loss(theta: np.ndarray) -> float:
            ws.forward(theta, m)
            return ws.loss_sum()

        grads = {}
        if "batch" in paths:
            grads["batch"] = _batch_grad(net, X, Y, m)
        if "per-sample" in paths:
            grads["per-sample"] = _per_sample_grad(net, X[0], float(Y[0]), mask)
        if "fused" in paths:
            grads["fused"] = _fused_grad(net, X, Y, m)
        theta = net.theta.copy()
        P0 = loss(theta)
        scale = atol * max(1.0, abs(P0)) / rtol
        rows = []
        for i, name in enumerate(net.param_names()):
            up, down = theta.copy(), theta.copy()
            up[i] += eps
            down[i] -= eps
            num = (loss(up) - loss(down)) / (2 * eps)
            vals = {p: float(g[i]) for p, g in grads.items()}
            errs = {p: abs(v - num) / (max(abs(v), abs(num)) + scale) for p, v in vals.items()}
            errs = {p: (e if np.isfinite(e) else np.inf) for p, e in errs.items()}
            worst = max(errs, key=errs.get)
            first = vals.get("per-sample", vals.get("batch", next(iter(vals.values()))))
            rows.append(GradCheckRow(name, first, float(num), errs[worst], vals, errs,
                                     verdict(errs[worst], rtol), worst))
    return GradCheckReport(rows, tuple(p for p in PATHS if p in paths), float(eps), float(P0))


def gradient_check(net: Network, x, y, eps: float = 1e-6,
                   mask: dict[str, float] | None = None) -> list[GradCheckRow]:
    """The rows of ``gradient_report`` over every path (the gradient-check panel's table)."""
    return gradient_report(net, x, y, eps, mask).rows
