"""Numbers as every view shows them: one formatter for the diagram, the formulas and the status bar.

Unicode minus (−), ×10ⁿ for tiny or huge values, and tokens (text and numbers) so an equation
can be re-rendered at another precision without recomputing anything.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

MINUS = "\u2212"  # the typographic minus sign used on screen
_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


SIGNIFICANT = 4  # the window's default: four significant figures
SMALL = 1e-3  # below this a value is written ×10ⁿ (0.0002 would hide three of its four figures)
LARGE = 1e7  # from this up too (a diverging weight stays readable)


def fmt(value: float | None, precision: int = SIGNIFICANT, paren: bool = False) -> str:
    """A number as every view shows it: ``precision`` significant figures and a Unicode minus.

    Significant figures rather than decimals, so a product of displayed operands visibly gives
    the displayed result (``0.1665·(−2.220×10⁻⁴) = −3.696×10⁻⁵``, not ``0.1665·(−0.0002)``);
    below 10⁻³ (and from 10⁷) in ×10ⁿ form so a late-training gradient never reads 0. An input
    that is exact in fewer figures keeps its short form (0.1 stays 0.1). ``paren=True`` wraps a
    negative number in parentheses, as when substituted into a product (``0.2·(−0.3031)``).
    ``None`` (no value) is an em dash.
    """
    if value is None:
        return "—"
    v = float(value)
    digits = max(1, min(int(precision), 15))
    if math.isnan(v):
        text = "NaN"
    elif math.isinf(v):
        text = "∞" if v > 0 else MINUS + "∞"
    elif v == 0:
        text = "0"
    elif abs(v) < SMALL or abs(v) >= LARGE:
        mant, exp = f"{v:.{digits - 1}e}".split("e")
        if "." in mant and float(f"{mant}e{exp}") == v:
            mant = mant.rstrip("0").rstrip(".")
        text = f"{mant}×10{str(int(exp)).translate(_SUP)}".replace("-", MINUS)
    else:
        decimals = max(0, digits - 1 - math.floor(math.log10(abs(v))))
        text = f"{v:.{decimals}f}"
        if abs(float(text)) >= 10 ** (digits - decimals):  # 0.99996 rounded up to 1.0000: one figure less
            text = f"{v:.{max(0, decimals - 1)}f}"
        if "." in text and float(text) == v:  # exact at this precision (an input like 0.1): short form
            text = text.rstrip("0").rstrip(".")
        text = text.replace("-", MINUS)
    if paren and text.startswith(MINUS):
        return f"({text})"
    return text


def epoch_text(epoch: int) -> str:
    """An epoch number as every view writes it: digits grouped by commas (1,000; 200,001)."""
    return f"{int(epoch):,}"


@dataclass(frozen=True)
class Num:
    """A number inside an equation line; ``paren`` marks a substituted operand."""

    value: float
    paren: bool = False


Token = str | Num


def render_line(tokens: Iterable[Token], precision: int = 4) -> str:
    """Join a token line into plain Unicode text at the given precision."""
    return "".join(t if isinstance(t, str) else fmt(t.value, precision, t.paren) for t in tokens)
