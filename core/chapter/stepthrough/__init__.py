"""The step-through as data: one ``SubStep`` per click, each an equation with the core's numbers.

The equations panel and the diagram only draw these; nothing here redoes the
network's arithmetic. Every number is read from ``Trainer.step_sample()``'s
result (``forward``, ``backward``, ``update``) or from the parameters that pass
used, and is only *formatted*. Lines are kept as tokens (text and numbers) so a
view can re-render them at another precision without recomputing anything.

Names are the chapter's: I1…, K6…, C9…, O12, b_conv, δ, η, and λ9,12 on screen
for the output weight called ``w9_12`` in code.
"""

from __future__ import annotations

from core.chapter.stepthrough.backward import (
    _delta_fmap_step,
    _grad_kernel_step,
    _loss_and_delta_out,
    _update_step,
)
from core.chapter.stepthrough.forward import _fmap_step, _masked, _output_step
from core.chapter.stepthrough.parts import KINDS, SubStep, _Builder, _sub, _sum, delta_name, screen_name
from core.formatting import Num, fmt
from core.i18n import N_

__all__ = ["KINDS", "SubStep", "delta_name", "fmt", "screen_name", "substeps", "substeps_for",
           "summary_lines"]


def substeps(
    net,
    step: dict,
    precision: int = 4,
    *,
    params: dict[str, float] | None = None,
    target: float | None = None,
    mode: str | None = None,
    batch_size: int | None = None,
    n_samples: int | None = None,
    optimizer: str | None = None,
) -> list[SubStep]:
    """The step-through of one ``Trainer.step_sample()`` result, one SubStep per click.

    Order: each feature-map node, each output, the loss, the output δ, each feature-map δ,
    each shared kernel weight's gradient, each kernel bias's, the dense layer's, the update.
    ``params`` are the parameters that pass used (default: the update's ``before`` or, when
    no update happened, the network's current ones — call this right after the step).
    The keyword arguments describing the run (``target``, ``mode``…) only sharpen the
    wording; ``substeps_for(trainer, step)`` fills them in.
    """
    fw, back, upd = step["forward"], step["backward"], step.get("update")
    if params is None:
        params = dict(upd["before"]) if upd else net.get_params()
    out: list[SubStep] = []
    for c in range(net.n_kernels):
        for j, node in enumerate(net.fmap_names[c]):
            b = _Builder()
            hl = _fmap_step(b, net, c, j, fw, params)
            out.append(b.build("fmap", N_("stepthrough", "Feature-map node {node}").format(
                node=node), hl, precision))
    for o, node in enumerate(net.output_names):
        b = _Builder()
        hl = _output_step(b, net, o, fw, params)
        out.append(b.build("output", N_("stepthrough", "Output node {node}").format(
            node=node), hl, precision))
    out += _loss_and_delta_out(net, back, fw, target, precision)
    for f, cnode in enumerate(net.fmap_flat):
        b = _Builder()
        hl = _delta_fmap_step(b, net, f, cnode, fw, back, params)
        out.append(b.build("delta_fmap", N_("stepthrough", "Feature-map delta {0}").format(
            delta_name(cnode)), hl, precision))
    for c in range(net.n_kernels):
        for wname in net.kernel_names[c]:
            b = _Builder()
            hl = _grad_kernel_step(b, net, wname, back)
            title = N_("stepthrough", "Gradient of the shared kernel weight {wname} (used {0}×)").format(
                len(back["terms"][wname]), wname=wname)
            out.append(b.build("grad_kernel", title, hl, precision))
    for c, bias in enumerate(net.conv_bias_names):
        b = _Builder()
        nodes = net.fmap_names[c]
        b.line(f"∂P/∂{bias} = ", _sum([[delta_name(n)] for n in nodes]))
        b.line("    = ", _sum([[_sub(b.val(f"delta_{n}", back["delta"][n]).value)] for n in nodes]),
               " = ", b.val(f"grad_{bias}", back["grad"][bias]))
        out.append(b.build("grad_bias", N_("stepthrough", "Gradient of the kernel bias {bias}").format(
            bias=bias), [bias, *nodes], precision))
    for o, onode in enumerate(net.output_names):
        b = _Builder()
        dn = delta_name(onode)
        dv = back["delta"][onode]
        b.values[f"delta_{onode}"] = dv
        masked = _masked(net, fw)
        for f, cnode in enumerate(net.fmap_flat):
            w = net.output_weight_names[o][f]
            cv = _sub(b.val(cnode, fw[cnode]).value)
            if masked:  # the value that reached the output: C·m
                m = b.val(f"{cnode}_mask", fw[f"{cnode}_mask"])
                b.line(f"∂P/∂{screen_name(w)} = {cnode}·m{cnode[1:]}·{dn} = ", cv, "·", Num(m.value), "·",
                       _sub(dv), " = ", b.val(f"grad_{w}", back["grad"][w]))
            else:
                b.line(f"∂P/∂{screen_name(w)} = {cnode}·{dn} = ", cv, "·",
                       _sub(dv), " = ", b.val(f"grad_{w}", back["grad"][w]))
        bias = net.output_bias_names[o]
        b.line(f"∂P/∂{bias} = {dn} = ", b.val(f"grad_{bias}", back["grad"][bias]))
        hl = [onode, bias, *net.fmap_flat, *net.output_weight_names[o]]
        out.append(b.build("grad_dense", N_("stepthrough", "Gradients of {onode}'s weights λ and "
                                                           "bias {bias}").format(
            onode=onode, bias=bias), hl, precision))
    out.append(_update_step(net, step, precision, mode, batch_size, n_samples, optimizer))
    return out


def substeps_for(trainer, step: dict, precision: int = 4) -> list[SubStep]:
    """``substeps`` with the run's details (label, mode, batch size, optimiser) from ``trainer``.

    Call right after ``trainer.step_sample()`` so ``trainer.net`` still holds that pass's
    parameters when no update happened.
    """
    return substeps(
        trainer.net, step, precision,
        target=float(trainer.y[step["sample"]]),
        mode=trainer.mode,
        batch_size=trainer.batch_size,
        n_samples=trainer.N,
        optimizer=trainer.optimizer_name,
    )


def summary_lines(net, snap, precision: int = 4) -> list[str]:
    """The displayed sample's forward pass and loss, one compact line per node (not stepping)."""
    step = {"forward": snap.forward, "backward": snap.backward, "update": None}
    subs = substeps(net, step, precision, params=snap.params, target=snap.target)
    short = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "leaky ReLU"}.get(
        net.activation.name, "f")
    lines = []
    for s in subs:
        if s.kind == "fmap":
            # "C9_in = 0.1·0.3207 + … = 0.1383   C9 = σ(0.1383) = 0.5345": the numbers, not the names
            node = s.title.split()[-1]
            parts = " ".join(x.strip() for x in s.lines[:-1]).split(" = ")
            z, a = fmt(s.values[f"{node}_in"], precision), fmt(s.values[node], precision)
            act = f"{node} = {z}" if net.activation.name == "linear" else f"{node} = {short}({z}) = {a}"
            lines.append(f"{node}_in = {parts[2]} = {z}     {act}")
        elif s.kind == "output":
            if net.output == "softmax":
                node = s.title.split()[-1]
                parts = " ".join(x.strip() for x in s.lines[:2]).split(" = ")
                lines.append(f"{parts[0]} = {' = '.join(parts[2:])}     "
                             f"{node} = softmax → {fmt(s.values[node], precision)}")
            else:
                lines.append(s.lines[0].split(" = ")[0] + " = " + s.lines[1].strip().removeprefix("= "))
        elif s.kind == "loss":
            lines.extend(N_("stepthrough", "{line}   (P: the loss of sample {0})").format(
                snap.sample + 1, line=line) for line in s.lines)
    lines.append(N_("stepthrough", "mean loss over the data set = {0}   (epoch {1:,})").format(
        fmt(snap.loss, precision), snap.epoch))
    return lines
