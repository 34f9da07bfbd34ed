"""The step-through exported: a CSV of every number used and a LaTeX transcript (amsmath)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.chapter.stepthrough.parts import SubStep


def to_csv_rows(subs: Iterable[SubStep]) -> list[list[str]]:
    """Rows ``[sub-step number, kind, title, name, value]`` of every number used (for export)."""
    rows = [["substep", "kind", "title", "name", "value"]]
    for i, s in enumerate(subs, 1):
        for name, v in s.values.items():
            rows.append([str(i), s.kind, s.title, name, repr(float(v))])
    return rows


_LATEX = {
    "·": r" \cdot ", "−": "-", "σ": r"\sigma ", "δ": r"\delta_{", "λ": r"\lambda_{", "∂": r"\partial ",
    "←": r"\leftarrow ", "η": r"\eta ", "½": r"\tfrac12", "²": "^2", "Σ": r"\sum ", "′": "'",
    "×10": r"\times 10^{", "ŷ": r"\hat y", "θ": r"\theta ", "μ": r"\mu ", "ε": r"\varepsilon ",
    "β": r"\beta ", "√": r"\sqrt ", "≥": r"\geq ", "≤": r"\leq ", "…": r"\ldots ", "⁻": "-",
}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _braced_exponents(text: str) -> str:
    """``e^(…)`` → ``e^{(…)}`` with balanced parentheses, so the whole exponent is raised."""
    out, i = [], 0
    while True:
        j = text.find("^(", i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        depth, k = 0, j + 1
        while k < len(text):
            depth += {"(": 1, ")": -1}.get(text[k], 0)
            if depth == 0:
                break
            k += 1
        out.append(text[i:j] + "^{" + text[j + 1:k + 1] + "}")
        i = k + 1


def _latex_math(line: str) -> str:
    text = _braced_exponents(line)
    text = re.sub(r"\b([A-Za-z]+\d*)_([A-Za-z]+)\b", r"\\mathrm{\1\\_\2}", text)  # C9_in, b_conv
    text = re.sub(r"\b(mean|max|min|if|else|where)\b", r"\\text{ \1 }", text)
    for k, v in _LATEX.items():
        text = text.replace(k, v)
    # close the subscript braces opened for δ and λ and the exponent of ×10
    for opener in (r"\delta_{", r"\lambda_{", r"\times 10^{"):
        parts = text.split(opener)
        fixed = parts[0]
        for p in parts[1:]:
            n = 0
            while n < len(p) and (p[n].isdigit() or p[n] in ",⁰¹²³⁴⁵⁶⁷⁸⁹-"):
                n += 1
            fixed += opener + p[:n].translate(_SUPERSCRIPTS) + "}" + p[n:]
        text = fixed
    return text


def _latex_prose(line: str) -> str:
    """A sentence: text mode, with its symbols set as inline maths."""
    parts = re.split(r"([^\sA-Za-z0-9.,;:'()\"!?%-]+(?:[\w,]*))", line)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append("$" + _latex_math(part) + "$")
        else:
            out.append(part.replace("%", r"\%").replace("_", r"\_").replace("'", "'"))
    return r"\intertext{" + "".join(out) + "}"


def _is_prose(line: str) -> bool:
    return ": " in line or bool(re.match(r"^[A-Z][a-z]+ [a-z]+", line)) and " = " not in line


def to_latex(subs: Iterable[SubStep], precision: int = 4) -> str:
    """A LaTeX transcript of the sub-steps (needs amsmath): one ``align*`` per sub-step,
    equations aligned at their first "=", explanatory sentences as ``\\intertext``."""
    out = []
    for s in subs:
        out.append(f"% {s.title}")
        out.append(r"\begin{align*}")
        for line in s.render(precision):
            if _is_prose(line):
                out.append("  " + _latex_prose(line))
            else:
                out.append("  " + _latex_math(line).replace(" = ", " &= ", 1) + r" \\")
        out.append(r"\end{align*}")
    return "\n".join(out)
