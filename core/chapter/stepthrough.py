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

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.formatting import MINUS, Num, Token, fmt, render_line

KINDS = (
    "fmap", "output", "loss", "delta_out", "delta_fmap",
    "grad_kernel", "grad_bias", "grad_dense", "update",
)


@dataclass(frozen=True)
class SubStep:
    """One click of the step-through: what the diagram highlights and the equation it shows."""

    kind: str  # one of KINDS
    title: str  # "Feature-map node C9"
    highlight: frozenset[str]  # diagram names: nodes "C9", parameters "K6", kernel edges "K6@0"
    lines: list[str]  # the equation lines, plain Unicode, at the precision they were made with
    values: dict[str, float]  # every number used, by name (for tests and export)
    tokens: tuple[tuple[Token, ...], ...] = field(default=(), repr=False, compare=False)

    def render(self, precision: int = 4) -> list[str]:
        """The lines again at another precision (from the stored numbers, nothing recomputed)."""
        if not self.tokens:
            return list(self.lines)
        return [render_line(t, precision) for t in self.tokens]


# -------------------------------------------------------------------- names
def screen_name(name: str) -> str:
    """The chapter's on-screen name of a code name: ``w9_12`` → ``λ9,12``; others unchanged."""
    if name.startswith("w") and "_" in name and name[1:].replace("_", "").isdigit():
        a, b = name[1:].split("_")
        return f"λ{a},{b}"
    return name


def delta_name(node: str) -> str:
    """δ with the node's number: ``C9`` → ``δ9``, ``O12`` → ``δ12``."""
    return "δ" + node[1:]


def _mul(a: str, b: str) -> str:
    return f"{a}·{b}"


class _Builder:
    """Collects token lines and values for one SubStep."""

    def __init__(self) -> None:
        self.lines: list[list[Token]] = []
        self.values: dict[str, float] = {}

    def line(self, *parts: Token | list[Token]) -> None:
        out: list[Token] = []
        for p in parts:
            out.extend(p if isinstance(p, list) else [p])
        self.lines.append(out)

    def val(self, name: str, value: float) -> Num:
        self.values[name] = float(value)
        return Num(float(value))

    def build(self, kind: str, title: str, highlight: Iterable[str], precision: int) -> SubStep:
        tokens = tuple(tuple(t) for t in self.lines)
        return SubStep(
            kind, title, frozenset(highlight),
            [render_line(t, precision) for t in tokens], dict(self.values), tokens,
        )


def _sum(terms: list[list[Token]]) -> list[Token]:
    out: list[Token] = []
    for i, t in enumerate(terms):
        if i:
            out.append(" + ")
        out.extend(t)
    return out


def _sub(v: float) -> Num:
    return Num(float(v), True)


# ---------------------------------------------------------- the equations
def _activation_lines(b: _Builder, act, node: str, z: float, a: float) -> None:
    """``C9 = σ(C9_in) = 1/(1+e^(−0.1383)) = 0.5345`` for the net's activation."""
    zs: Num = _sub(z)
    name = act.name
    if name == "sigmoid":
        b.line(f"{node} = σ({node}_in) = 1/(1+e^({MINUS}", zs, ")) = ", Num(a))
    elif name == "tanh":
        b.line(f"{node} = tanh({node}_in) = tanh(", Num(z), ") = ", Num(a))
    elif name == "relu":
        b.line(f"{node} = max(0, {node}_in) = max(0, ", Num(z), ") = ", Num(a))
    elif name == "leaky_relu":
        rule = "z ≥ 0: C = z" if z >= 0 else "z < 0: C = 0.01·z"
        b.line(f"{node} = leaky ReLU({node}_in) = ", Num(a), f"   ({rule})")
    elif name == "linear":
        b.line(f"{node} = {node}_in = ", Num(a))
    else:  # an activation added later: its formula with z substituted
        parts: list[Token] = []
        for i, piece in enumerate(act.formula.split("z")):
            parts += ([zs] if i else []) + [piece]
        b.line(f"{node} = f({node}_in) = ", parts, " = ", Num(a))


def _dact_tokens(act, node: str, a: float, d: float) -> tuple[str, list[Token]]:
    """The activation-derivative factor of δ: symbolic text and substituted tokens."""
    if act.name == "sigmoid":
        return f"{node}(1 − {node})", [Num(a), f"·(1 {MINUS} ", _sub(a), ")"]
    if act.name == "tanh":
        return f"(1 − {node}²)", [f"(1 {MINUS} ", _sub(a), "²)"]
    return f"f′({node}_in)", [Num(d)]


def _fmap_step(b: _Builder, net, c: int, j: int, fw: dict, params: dict) -> list[str]:
    node = net.fmap_names[c][j]
    bias = net.conv_bias_names[c]
    sym, sub = [], []
    hl = [node, bias]
    for tap in net.taps(c, j):
        k = b.val(tap.weight_name, params[tap.weight_name])
        if tap.input_name is None:
            sym.append([f"0·{tap.weight_name}"])
            sub.append(["0·", _sub(k.value)])
        else:
            x = b.val(tap.input_name, fw[tap.input_name])
            sym.append([_mul(tap.input_name, tap.weight_name)])
            sub.append([_sub(x.value), "·", _sub(k.value)])
            hl.append(tap.input_name)
        hl.append(f"{tap.weight_name}@{j}")
    bv = b.val(bias, params[bias])
    z = b.val(f"{node}_in", fw[f"{node}_in"])
    a = b.val(node, fw[node])
    if len(sym) <= 4:  # the chapter's size: one line, as the chapter writes it
        b.line(f"{node}_in = ", _sum(sym + [[bias]]), " = ", _sum(sub + [[_sub(bv.value)]]), " = ", z)
    else:  # a long receptive field: names, then numbers
        b.line(f"{node}_in = ", _sum(sym + [[bias]]))
        b.line("    = ", _sum(sub + [[_sub(bv.value)]]), " = ", z)
    _activation_lines(b, net.activation, node, z.value, a.value)
    return hl


def _output_step(b: _Builder, net, o: int, fw: dict, params: dict) -> list[str]:
    node = net.output_names[o]
    flat = net.fmap_flat
    sym, sub = [], []
    masked = _masked(net, fw)
    for f, cnode in enumerate(flat):
        w = net.output_weight_names[o][f]
        wv = b.val(w, params[w])
        cv = b.val(cnode, fw[cnode])
        if masked:  # dropout: the node's value times its factor, 0 (dropped) or 1/(1 − p) (kept)
            m = b.val(f"{cnode}_mask", fw[f"{cnode}_mask"])
            sym.append([_mul(_mul(screen_name(w), cnode), f"m{cnode[1:]}")])
            sub.append([_sub(wv.value), "·", _sub(cv.value), "·", Num(m.value)])
        else:
            sym.append([_mul(screen_name(w), cnode)])
            sub.append([_sub(wv.value), "·", _sub(cv.value)])
    bias = net.output_bias_names[o]
    bv = b.val(bias, params[bias])
    zin = b.val(f"{node}_in", fw[f"{node}_in"])
    if net.output == "softmax":
        b.line(f"{node}_in = ", _sum(sym + [[bias]]))
        b.line("    = ", _sum(sub + [[_sub(bv.value)]]), " = ", zin)
        zs = [["e^(", Num(fw[f"{n}_in"]), ")"] for n in net.output_names]
        b.line(
            f"{node} = e^({node}_in)/Σe^(O_i,in) = e^(", Num(zin.value), ")/(", _sum(zs), ") = ",
            b.val(node, fw[node]),
        )
        for n in net.output_names:
            b.val(f"{n}_in", fw[f"{n}_in"])
    else:
        b.line(f"{node} = ", _sum(sym + [[bias]]))
        b.line("    = ", _sum(sub + [[_sub(bv.value)]]), " = ", b.val(node, fw[node]))
    if masked:
        b.line(_mask_note(net, fw))
    return [node, bias, *flat, *net.output_weight_names[o]]


def _masked(net, fw: dict) -> bool:
    """Whether this pass trained with dropout (the forward values carry each node's factor)."""
    return bool(net.fmap_flat) and f"{net.fmap_flat[0]}_mask" in fw


def _mask_note(net, fw: dict) -> str:
    """The sentence under a dropout sum: which nodes were dropped and what a kept node's factor is."""
    factors = [fw[f"{n}_mask"] for n in net.fmap_flat]
    kept = [m for m in factors if m != 0.0]
    dropped = [n for n, m in zip(net.fmap_flat, factors, strict=True) if m == 0.0]
    keep = f"kept nodes count 1/(1 − p) = {fmt(kept[0])}" if kept else "no node was kept"
    gone = f"dropped: {', '.join(dropped)} (m = 0)" if dropped else "none dropped"
    return f"(dropout: {gone}; {keep})"


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
        out.append(b.build("loss", "Loss P (cross-entropy)", [node], precision))
        b = _Builder()
        for o, n in enumerate(outs):
            onehot = 1.0 if o == label else 0.0
            b.line(
                f"{delta_name(n)} = {n} − [y = {o}] = ", b.val(n, fw[n]), f" {MINUS} ", Num(onehot), " = ",
                b.val(f"delta_{n}", back["delta"][n]),
            )
        out.append(b.build("delta_out", "Output deltas δ = p − onehot(y)", outs, precision))
        return out
    node = outs[0]
    yhat = fw[node]
    # the label is not in the step; when not given, ŷ − δ gives it back for display only
    y = float(target) if target is not None else yhat - back["delta"][node]
    b.line(
        "P = ½(ŷ − y)² = ½(", b.val(node, yhat), f" {MINUS} ", _sub(b.val("y", y).value), ")² = ",
        b.val("P", back["loss"]),
    )
    out.append(b.build("loss", "Loss P", [node], precision))
    b = _Builder()
    b.line(
        f"{delta_name(node)} = ŷ − y = ", Num(yhat), f" {MINUS} ", _sub(y), " = ",
        b.val(f"delta_{node}", back["delta"][node]),
    )
    b.values.update({node: yhat, "y": y})
    out.append(b.build("delta_out", f"Output delta {delta_name(node)}", [node], precision))
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
        b.line(f"    where f′ = {net.activation.dformula.replace('a', cnode)}")
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
            out.append(b.build("fmap", f"Feature-map node {node}", hl, precision))
    for o, node in enumerate(net.output_names):
        b = _Builder()
        hl = _output_step(b, net, o, fw, params)
        out.append(b.build("output", f"Output node {node}", hl, precision))
    out += _loss_and_delta_out(net, back, fw, target, precision)
    for f, cnode in enumerate(net.fmap_flat):
        b = _Builder()
        hl = _delta_fmap_step(b, net, f, cnode, fw, back, params)
        out.append(b.build("delta_fmap", f"Feature-map delta {delta_name(cnode)}", hl, precision))
    for c in range(net.n_kernels):
        for wname in net.kernel_names[c]:
            b = _Builder()
            hl = _grad_kernel_step(b, net, wname, back)
            title = f"Gradient of the shared kernel weight {wname} (used {len(back['terms'][wname])}×)"
            out.append(b.build("grad_kernel", title, hl, precision))
    for c, bias in enumerate(net.conv_bias_names):
        b = _Builder()
        nodes = net.fmap_names[c]
        b.line(f"∂P/∂{bias} = ", _sum([[delta_name(n)] for n in nodes]))
        b.line("    = ", _sum([[_sub(b.val(f"delta_{n}", back["delta"][n]).value)] for n in nodes]),
               " = ", b.val(f"grad_{bias}", back["grad"][bias]))
        out.append(b.build("grad_bias", f"Gradient of the kernel bias {bias}", [bias, *nodes], precision))
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
        out.append(b.build("grad_dense", f"Gradients of {onode}'s weights λ and bias {bias}", hl, precision))
    out.append(_update_step(net, step, precision, mode, batch_size, n_samples, optimizer))
    return out


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
        b.line(f"no update: {step['diverged']}")
        return b.build("update", "No update: training diverged", [], precision)
    if upd is None:
        pos = int(step.get("position", 0))
        if batch_size:
            start = pos // batch_size * batch_size
            size = min(batch_size, (n_samples or start + batch_size) - start)
            b.line(f"gradient accumulated: sample {pos - start + 1} of {size}; "
                   "the update comes after the last sample of the batch")
        else:
            b.line(f"gradient accumulated: sample {pos + 1} of the batch; "
                   "the update comes after the last sample of the batch")
        b.line("(the parameters stay as they are until then: every sample of the batch uses the same ones)")
        return b.build("update", "No update yet", [], precision)
    batch = upd["batch"]
    lr = b.val("eta", upd["lr"])
    gd = optimizer == "gd" if optimizer else _is_plain_gd(upd)
    mean = len(batch) > 1
    if mean:
        b.line(f"{'Batch' if mode in (None, 'batch') else 'Mini-batch'} gradient descent: "
               f"∂P/∂θ is the mean over the batch's {len(batch)} samples, η = ", lr)
    else:
        b.line("η = ", lr)
    for k in names:
        s = screen_name(k)
        g = "mean ∂P/∂" if mean else "∂P/∂"
        before = b.val(f"{k}_before", upd["before"][k])
        after = b.val(f"{k}_after", upd["after"][k])
        grad = b.val(f"grad_{k}", upd["grad"][k])
        if gd:
            b.line(f"{s} ← {s} − η·{g}{s} = ", before, f" {MINUS} ", Num(lr.value), "·", _sub(grad.value),
                   " = ", after)
        else:
            delta = b.val(f"delta_{k}", upd["delta"][k])
            b.line(f"{s} ← {s} + Δ{s} = ", before, " + ", _sub(delta.value), " = ", after,
                   f"   ({g}{s} = ", grad, ")")
    if not gd:
        b.lines.insert(0, [f"{optimizer or 'the optimiser'} step: Δθ comes from the gradient history, "
                           "not only η·∂P/∂θ"])
    return b.build("update", "Update the parameters", names, precision)


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


# ------------------------------------------------------------- the summary
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
            lines.extend(f"{line}   (P: the loss of sample {snap.sample + 1})" for line in s.lines)
    lines.append(f"mean loss over the data set = {fmt(snap.loss, precision)}   (epoch {snap.epoch:,})")
    return lines
