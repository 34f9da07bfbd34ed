"""The words and numbers the diagram shows: labels and hover tooltips (Qt only to translate).

Every number is read from a ``core.Snapshot`` (forward values, backward δ, σ′,
gradients, last update) — nothing is recomputed here, so the diagram always
agrees with the equations panel and the core. The words go through ``translate``
(context "DiagramText"); the chapter's symbols (I1, C9, δ9, λ9,12, σ′, ∂P/∂θ) and
the activations' code names stay as the chapter writes them.
"""

from __future__ import annotations

import re

from core.formatting import fmt
from gui.widgets.i18n import translate

_DENSE = re.compile(r"^w(\d+)_(\d+)$")


def display_name(param: str) -> str:
    """The chapter's spelling of a parameter: ``w9_12`` → ``λ9,12``; others unchanged."""
    m = _DENSE.match(param)
    return f"λ{m.group(1)},{m.group(2)}" if m else param


def node_number(name: str) -> str:
    """"C9" → "9": the subscript the chapter writes on δ9."""
    return name[1:]


def target_mark() -> str:
    """The line under the target class's probability (the chapter's figure marks the target)."""
    return translate("DiagramText", "← target class")


def node_label_text(net, snap, name: str, kind: str, precision: int, dropped: bool) -> str:
    """The value printed beside a node; the output also shows its target, as in the chapter's figure."""
    if kind == "pad":
        return ""
    v = fmt(snap.forward.get(name), precision)
    if kind == "output":
        if net.output == "linear":
            return f"ŷ = {v}\ny = {fmt(snap.target, precision)}"
        is_target = net.output_names.index(name) == int(snap.target)
        return f"p = {v}\n{target_mark()}" if is_target else f"p = {v}"
    return translate("DiagramText", "{value} (dropped)").format(value=v) if dropped else v


def node_tooltip_text(net, snap, name: str, kind: str, precision: int, dropped: bool) -> str:
    """Hover text for a node: input sum, activation, σ′ and δ (the chapter's backward pass)."""
    p = precision
    if kind == "pad":
        return translate("DiagramText",
                         "Zero padding: a ghost input that is always 0 (it adds nothing to the sum)")
    if snap is None:
        return name
    fw, back = snap.forward, snap.backward
    lines: list[str] = []
    if kind == "input":
        lines = [translate("DiagramText", "{name} — input node").format(name=name),
                 translate("DiagramText", "value x{n} = {value}").format(n=node_number(name),
                                                                         value=fmt(fw.get(name), p))]
    elif kind == "fmap":
        act = net.activation
        n = node_number(name)
        c, j = _fmap_index(net, name)
        terms = " + ".join(
            f"{t.input_name or '0'}·{t.weight_name}" for t in net.taps(c, j)
        ) + f" + {net.conv_bias_names[c]}"
        lines = [
            translate("DiagramText", "{name} — feature-map node ({activation})").format(
                name=name, activation=act.name),
            translate("DiagramText", "input sum {name}_in = {terms} = {value}").format(
                name=name, terms=terms, value=fmt(fw.get(f"{name}_in"), p)),
            translate("DiagramText", "activation {name} = {activation}({name}_in) = {value}").format(
                name=name, activation=act.name, value=fmt(fw.get(name), p)),
            f"σ′ = {act.dformula.replace('a', name)} = {fmt(back['dact'].get(name), p)}",
            f"δ{n} = {_delta_formula(net, name)} = {fmt(back['delta'].get(name), p)}",
        ]
    elif kind == "output":
        n = node_number(name)
        linear = net.output == "linear"
        head = (translate("DiagramText", "{name} — output node (linear)") if linear
                else translate("DiagramText", "{name} — output node (softmax)"))
        lines = [
            head.format(name=name),
            translate("DiagramText", "input sum {name}_in = {value}").format(
                name=name, value=fmt(fw.get(f"{name}_in"), p)),
            translate("DiagramText", "activation {symbol} = {name} = {value}").format(
                symbol="ŷ" if linear else "p", name=name, value=fmt(fw.get(name), p)),
            translate("DiagramText", "σ′ = 1 (identity)") if linear
            else translate("DiagramText", "σ′: softmax (δ = p − one-hot)"),
            f"δ{n} = {'ŷ − y' if linear else 'p − onehot'} = {fmt(back['delta'].get(name), p)}",
            translate("DiagramText", "target y = {value}").format(value=fmt(snap.target, p)) if linear
            else translate("DiagramText", "target class {0}").format(int(snap.target)),
        ]
    if dropped:
        lines.append(translate("DiagramText", "dropped (dropout): treated as 0 in this step"))
    return "\n".join(lines)


def edge_tooltip_text(net, snap, param: str, src: str, dst: str, position: int, precision: int) -> str:
    """Hover text for an edge: its weight, its gradient ∂P/∂θ and the last update Δθ."""
    p = precision
    shown = display_name(param)
    src_label = translate("DiagramText", "0 (padding)") if src.startswith("pad") else src
    head = f"{shown}: {src_label} → {dst}"
    if snap is None:
        return head
    grad = snap.backward["grad"].get(param)
    value = fmt(snap.params.get(param), p)
    terms = snap.backward.get("terms", {}).get(param)
    if terms is not None:  # a shared kernel weight: its gradient sums one term per position
        uses = ", ".join(row[2] for row in terms)
        lines = [head, translate("DiagramText", "weight {name} = {value} (shared by {uses})").format(
            name=shown, value=value, uses=uses)]
        row = terms[position] if 0 <= position < len(terms) else None
        lines.append(translate("DiagramText", "∂P/∂{name} = Σ input·δ over positions = {value}").format(
            name=shown, value=fmt(grad, p)))
        if row is not None:
            lines.append(translate("DiagramText", "  this edge: {term} = {product} = {value}").format(
                term=f"{row[0] or '0'}·δ{node_number(row[2])}", product=f"{fmt(row[1], p)}·{fmt(row[3], p)}",
                value=fmt(row[4], p)))
    else:
        lines = [head, translate("DiagramText", "weight {name} = {value}").format(name=shown, value=value),
                 translate("DiagramText", "gradient ∂P/∂{name} = {value}").format(
                     name=shown, value=fmt(grad, p))]
    if snap.last_update and param in snap.last_update:
        lines.append(translate("DiagramText", "last update Δ{name} = {value}").format(
            name=shown, value=fmt(snap.last_update[param], p)))
    else:
        lines.append(translate("DiagramText", "last update: none yet"))
    return "\n".join(lines)


def _delta_formula(net, name: str) -> str:
    """The chapter's δ9 = σ′ · λ9,12 · δ12 (a sum over outputs when there are several)."""
    if net.n_outputs == 1:
        o = node_number(net.output_names[0])
        return f"σ′ · λ{node_number(name)},{o} · δ{o}"
    return translate("DiagramText", "σ′ · Σ λ·δ(output)")


def _fmap_index(net, name: str) -> tuple[int, int]:
    for c, row in enumerate(net.fmap_names):
        if name in row:
            return c, row.index(name)
    raise KeyError(name)
