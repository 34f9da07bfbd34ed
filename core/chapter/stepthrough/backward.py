"""The backward sub-steps: the loss, the output δ, each feature-map δ, the shared kernel's gradient
(the chapter's ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11), and the update."""

from __future__ import annotations

from core.chapter.stepthrough.forward import _dact_tokens, _masked
from core.chapter.stepthrough.parts import (
    SubStep,
    _Builder,
    _mul,
    _sub,
    _sum,
    delta_name,
    screen_name,
)
from core.formatting import MINUS, Num
from core.i18n import N_


def _label_index(net, back: dict, target: float | None) -> int:
    if target is not None:
        return int(round(float(target)))
    # display-only fallback: the one output whose δ = p − 1 is negative is the label
    deltas = [back["delta"][n] for n in net.output_names]
    return min(range(len(deltas)), key=deltas.__getitem__)


def _loss_and_delta_out(net, back: dict, fw: dict, target: float | None, precision: int) -> list[SubStep]:
    out = []
    b = _Builder()
    outs = net.output_names
    if net.output == "softmax":
        label = _label_index(net, back, target)
        node = outs[label]
        b.values["y"] = float(label)
        b.line(
            f"P = −log p_y = −log({node}) = −log(", b.val(node, fw[node]), ") = ", b.val("P", back["loss"])
        )
        out.append(b.build("loss", N_("stepthrough", "Loss P (cross-entropy)"), [node], precision))
        b = _Builder()
        for o, n in enumerate(outs):
            onehot = 1.0 if o == label else 0.0
            b.line(
                f"{delta_name(n)} = {n} − [y = {o}] = ", b.val(n, fw[n]), f" {MINUS} ", Num(onehot), " = ",
                b.val(f"delta_{n}", back["delta"][n]),
            )
        out.append(b.build("delta_out", N_("stepthrough", "Output deltas δ = p − "
                                                          "onehot(y)"), outs, precision))
        return out
    node = outs[0]
    yhat = fw[node]
    # the label is not in the step; when not given, ŷ − δ gives it back for display only
    y = float(target) if target is not None else yhat - back["delta"][node]
    b.line(
        "P = ½(ŷ − y)² = ½(", b.val(node, yhat), f" {MINUS} ", _sub(b.val("y", y).value), ")² = ",
        b.val("P", back["loss"]),
    )
    out.append(b.build("loss", N_("stepthrough", "Loss P"), [node], precision))
    b = _Builder()
    b.line(
        f"{delta_name(node)} = ŷ − y = ", Num(yhat), f" {MINUS} ", _sub(y), " = ",
        b.val(f"delta_{node}", back["delta"][node]),
    )
    b.values.update({node: yhat, "y": y})
    out.append(b.build("delta_out", N_("stepthrough", "Output delta {0}").format(
        delta_name(node)), [node], precision))
    return out


def _delta_fmap_step(b: _Builder, net, f: int, cnode: str, fw: dict, back: dict, params: dict) -> list[str]:
    sym_d, sub_d = _dact_tokens(net.activation, cnode, fw[cnode], back["dact"][cnode])
    b.val(cnode, fw[cnode])
    b.val(f"dact_{cnode}", back["dact"][cnode])
    sym, sub = [], []
    hl = [cnode]
    for o, onode in enumerate(net.output_names):
        w = net.output_weight_names[o][f]
        wv = b.val(w, params[w])
        dv = b.val(f"delta_{onode}", back["delta"][onode])
        sym.append([_mul(screen_name(w), delta_name(onode))])
        sub.append([_sub(wv.value), "·", _sub(dv.value)])
        hl += [onode, w]
    d = b.val(f"delta_{cnode}", back["delta"][cnode])
    if _masked(net, fw):  # dropout: δ of a dropped node is 0, a kept one's is scaled by 1/(1 − p)
        m = b.val(f"{cnode}_mask", fw[f"{cnode}_mask"])
        sym_d = f"{sym_d}·m{cnode[1:]}"
        sub_d = [*sub_d, "·", Num(m.value)]
    if len(sym) == 1:
        b.line(f"{delta_name(cnode)} = {sym_d}·", sym[0])
        b.line("    = ", sub_d, "·", sub[0], " = ", d)
    else:
        b.line(f"{delta_name(cnode)} = {sym_d}·(", _sum(sym), ")")
        b.line("    = ", sub_d, "·(", _sum(sub), ") = ", d)
    if net.activation.name not in ("sigmoid", "tanh"):
        d = net.activation.dformula  # a Message where it has words ("1 if z>0 else 0"): kept one
        b.line(N_("stepthrough", "    where f′ = {0}").format(d.replace("a", cnode) if "a" in d else d))
    return hl


def _grad_kernel_step(b: _Builder, net, wname: str, back: dict) -> list[str]:
    rows = back["terms"][wname]
    sym, sub, prods = [], [], []
    hl = [wname]
    for j, (iname, xi, cnode, dv, prod) in enumerate(rows):
        dn = delta_name(cnode)
        b.val(f"delta_{cnode}", dv)
        if iname is None:
            sym.append([f"0·{dn}"])
            sub.append(["0·", _sub(dv)])
        else:
            b.val(iname, xi)
            sym.append([_mul(iname, dn)])
            sub.append([_sub(xi), "·", _sub(dv)])
            hl.append(iname)
        prods.append([_sub(b.val(f"{wname}@{j}", prod).value)])
        hl += [cnode, f"{wname}@{j}"]
    g = b.val(f"grad_{wname}", back["grad"][wname])
    b.line(f"∂P/∂{wname} = ", _sum(sym))
    b.line("    = ", _sum(sub))
    b.line("    = ", _sum(prods), " = ", g)
    return hl


def _is_plain_gd(upd: dict) -> bool:
    """Whether the update was θ − η·∂P/∂θ (a check of the core's result, not a recomputation)."""
    lr = upd["lr"]
    return all(
        abs(upd["before"][k] - lr * upd["grad"][k] - upd["after"][k]) <= 1e-9 * (1 + abs(upd["after"][k]))
        for k in upd["after"]
    )


def _update_step(net, step, precision, mode, batch_size, n_samples, optimizer) -> SubStep:
    upd = step.get("update")
    b = _Builder()
    names = net.param_names()
    if upd is None and step.get("diverged"):
        b.line(N_("stepthrough", "no update: {0}").format(step['diverged']))
        return b.build("update", N_("stepthrough", "No update: training diverged"), [], precision)
    if upd is None:
        pos = int(step.get("position", 0))
        if batch_size:
            start = pos // batch_size * batch_size
            size = min(batch_size, (n_samples or start + batch_size) - start)
            b.line(N_("stepthrough", "gradient accumulated: sample {0} of {size}; the update "
                                     "comes after the last sample of the batch").format(
                pos - start + 1, size=size))
        else:
            b.line(N_("stepthrough", "gradient accumulated: sample {0} of the batch; the update "
                                     "comes after the last sample of the batch").format(
                pos + 1))
        b.line(N_("stepthrough", "(the parameters stay as they are until then: every sample of the batch "
                                 "uses the same ones)"))
        return b.build("update", N_("stepthrough", "No update yet"), [], precision)
    batch = upd["batch"]
    lr = b.val("eta", upd["lr"])
    gd = optimizer == "gd" if optimizer else _is_plain_gd(upd)
    mean = len(batch) > 1
    if mean:
        if mode in (None, "batch"):
            how = N_("stepthrough", "Batch gradient descent: ∂P/∂θ is the mean over the batch's {n} samples, "
                     "η = ")
        else:
            how = N_("stepthrough", "Mini-batch gradient descent: ∂P/∂θ is the mean over the batch's {n} "
                     "samples, η = ")
        b.line(how.format(n=len(batch)), lr)
    else:
        b.line("η = ", lr)
    for k in names:
        s = screen_name(k)
        before = b.val(f"{k}_before", upd["before"][k])
        after = b.val(f"{k}_after", upd["after"][k])
        grad = b.val(f"grad_{k}", upd["grad"][k])
        if gd:
            rule = N_("stepthrough", "{s} ← {s} − η·mean ∂P/∂{s} = ").format(s=s) if mean else (
                f"{s} ← {s} − η·∂P/∂{s} = ")
            b.line(rule, before, f" {MINUS} ", Num(lr.value), "·", _sub(grad.value), " = ", after)
        else:
            delta = b.val(f"delta_{k}", upd["delta"][k])
            grad_is = N_("stepthrough", "   (mean ∂P/∂{s} = ").format(s=s) if mean else f"   (∂P/∂{s} = "
            b.line(f"{s} ← {s} + Δ{s} = ", before, " + ", _sub(delta.value), " = ", after, grad_is, grad, ")")
    if not gd:
        if optimizer:
            note = N_("stepthrough", "{optimizer} step: Δθ comes from the gradient history, not only "
                      "η·∂P/∂θ").format(optimizer=optimizer)
        else:
            note = N_("stepthrough", "the optimiser step: Δθ comes from the gradient history, not only "
                      "η·∂P/∂θ")
        b.lines.insert(0, [note])
    return b.build("update", N_("stepthrough", "Update the parameters"), names, precision)
