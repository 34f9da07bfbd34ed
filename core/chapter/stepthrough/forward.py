"""The forward sub-steps: each feature-map node's weighted sum and activation, each output's sum."""

from __future__ import annotations

from core.chapter.stepthrough.parts import _Builder, _mul, _sub, _sum, screen_name
from core.formatting import MINUS, Num, Token, fmt
from core.i18n import N_


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
    if kept:
        keep = N_("stepthrough", "kept nodes count 1/(1 − p) = {0}").format(fmt(kept[0]))
    else:
        keep = N_("stepthrough", "no node was kept")
    if dropped:
        gone = N_("stepthrough", "dropped: {0} (m = 0)").format(", ".join(dropped))
    else:
        gone = N_("stepthrough", "none dropped")
    return N_("stepthrough", "(dropout: {gone}; {keep})").format(gone=gone, keep=keep)
