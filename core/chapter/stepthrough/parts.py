"""The step-through's building blocks: ``SubStep`` (one click), the chapter's names, token lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.formatting import Num, Token, render_line

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
