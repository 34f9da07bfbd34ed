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


def fmt(value: float, precision: int = 4, paren: bool = False) -> str:
    """A number as the equations show it: ``precision`` decimals (an exact short input like 0.1 stays short),
    Unicode minus; tiny or huge values in ×10ⁿ form so a late-training gradient never reads 0.

    ``paren=True`` wraps a negative number in parentheses, as when substituted into a
    product (``0.2·(−0.3031)``).
    """
    v = float(value)
    if math.isnan(v):
        text = "NaN"
    elif math.isinf(v):
        text = "∞" if v > 0 else MINUS + "∞"
    elif v != 0 and (abs(v) < 0.5 * 10.0**-precision or abs(v) >= 1e7):
        mant, exp = f"{v:.{max(precision - 1, 1)}e}".split("e")
        mant = mant.rstrip("0").rstrip(".") if "." in mant else mant
        text = f"{mant}×10{str(int(exp)).translate(_SUP)}".replace("-", MINUS)
    else:
        text = f"{v:.{precision}f}"
        if "." in text and float(text) == v:  # exact at this precision (an input like 0.1): short form
            text = text.rstrip("0").rstrip(".")
        if text in ("-0", "0") or text.strip("-0.") == "":
            text = "0"
        text = text.replace("-", MINUS)
    if paren and text.startswith(MINUS):
        return f"({text})"
    return text


@dataclass(frozen=True)
class Num:
    """A number inside an equation line; ``paren`` marks a substituted operand."""

    value: float
    paren: bool = False


Token = str | Num


def render_line(tokens: Iterable[Token], precision: int = 4) -> str:
    """Join a token line into plain Unicode text at the given precision."""
    return "".join(t if isinstance(t, str) else fmt(t.value, precision, t.paren) for t in tokens)
