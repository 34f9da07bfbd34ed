"""The image lab's kernel library: classic hand-made filters a CNN would otherwise learn.

Each entry is a ``Kernel(name, weights, explanation)``; ``KERNELS`` keeps them in the order
the GUI lists them. Weights are for cross-correlation (``core.image_ops.conv2d.conv2d``), so e.g.
``sobel-x`` is positive where the image gets brighter to the right. ``get_kernel`` returns a
fresh copy (and builds the sizes other than 3×3); ``parse_kernel_text`` reads a kernel typed
by the user.

A kernel is only accepted when its results are sure to be finite: the lab filters images
with values in [0, 1] (up to ``MAX_CHANNELS`` channels summed) in float32, so the sum of
the weights' sizes Σ|w| must stay under ``MAX_WEIGHT_SUM`` — with room to spare for the
display's max − min. A kernel of 3e38s is refused with that sentence instead of producing
an all-∞ map and RuntimeWarnings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from core.i18n import N_


@dataclass(frozen=True)
class Kernel:
    """A named kernel with a one-line explanation for the learner."""

    name: str  # the key in KERNELS, e.g. "sobel-x"
    weights: np.ndarray  # the 3×3 weights (read-only; get_kernel gives a writable copy)
    explanation: str  # one sentence, shown next to the kernel


def _binomial(size: int) -> np.ndarray:
    """Row ``size − 1`` of Pascal's triangle: a discrete Gaussian profile (1 2 1, 1 4 6 4 1…)."""
    return np.array([math.comb(size - 1, i) for i in range(size)], dtype=np.float64)


def _identity(size: int) -> np.ndarray:
    k = np.zeros((size, size))
    k[size // 2, size // 2] = 1.0
    return k


def _box(size: int) -> np.ndarray:
    return np.full((size, size), 1.0 / (size * size))


def _gaussian(size: int) -> np.ndarray:
    g = _binomial(size)
    return np.outer(g, g) / g.sum() ** 2


def _random(size: int, seed: int = 0) -> np.ndarray:
    # Uniform on ±1/√(fan-in), fan-in = size², the chapter's bound for an untrained kernel.
    bound = 1.0 / size
    return np.random.default_rng(seed).uniform(-bound, bound, (size, size))


_FIXED = {  # the classic 3×3 filters (only defined at that size)
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "sobel-x": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
    "sobel-y": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
    "prewitt-x": [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
    "prewitt-y": [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
    "laplacian": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
    "emboss": [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
    "outline": [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
}
_SIZED = {"identity": _identity, "box": _box, "gaussian": _gaussian, "random": _random}

_EXPLANATIONS = {
    "identity": N_("kernels", "A single 1 in the centre: each output pixel is just the input pixel (no "
                              "change)."),
    "box": N_("kernels", "Every weight equal and summing to 1: each pixel becomes the average of its "
                         "window (a blur that keeps the mean)."),
    "gaussian": N_("kernels", "Weights that fall off from the centre and sum to 1: a smooth blur that "
                              "favours nearby pixels."),
    "sharpen": N_("kernels", "The centre minus its four neighbours, summing to 1: exaggerates differences "
                             "so edges look crisper."),
    "sobel-x": N_("kernels", "Right column minus left column (centre row counted twice): bright where the "
                             "image gets brighter to the right, i.e. on vertical edges."),
    "sobel-y": N_("kernels", "Bottom row minus top row (centre column counted twice): bright where the "
                             "image gets brighter downwards, i.e. on horizontal edges."),
    "prewitt-x": N_("kernels", "Right column minus left column with equal weights: finds vertical edges, "
                               "like Sobel but without favouring the centre row."),
    "prewitt-y": N_("kernels", "Bottom row minus top row with equal weights: finds horizontal edges, like "
                               "Sobel but without favouring the centre column."),
    "laplacian": N_("kernels", "Four neighbours minus four times the centre, summing to 0: zero on flat "
                               "or evenly sloping areas, strong where brightness changes abruptly."),
    "emboss": N_("kernels", "Bottom-right minus top-left around a kept centre: edges look raised like a "
                            "relief lit from one corner."),
    "outline": N_("kernels", "Eight times the centre minus its eight neighbours, summing to 0: flat areas "
                             "go black and every edge lights up."),
    "random": N_("kernels", "Random weights, like a CNN kernel before training: what it detects is left "
                            "to learning."),
}

_ORDER = (
    "identity", "box", "gaussian", "sharpen", "sobel-x", "sobel-y",
    "prewitt-x", "prewitt-y", "laplacian", "emboss", "outline", "random",
)  # fmt: skip


def _frozen(a) -> np.ndarray:
    w = np.array(a, dtype=np.float64)
    w.flags.writeable = False
    return w


def _build(name: str, size: int = 3, seed: int = 0) -> np.ndarray:
    if name in _FIXED:
        return np.array(_FIXED[name], dtype=np.float64)
    if name == "random":
        return _random(size, seed)
    return _SIZED[name](size)


KERNELS: dict[str, Kernel] = {
    name: Kernel(name, _frozen(_build(name)), _EXPLANATIONS[name]) for name in _ORDER
}
"""The library in display order: name → Kernel (3×3 weights; ``random`` uses seed 0)."""


MAX_KERNEL_SIZE = 63  # a 63×63 kernel is already far past anything worth looking at
MAX_KERNEL_TEXT = 200_000  # characters of typed kernel text (63×63 long decimals fit easily)
MAX_CHANNELS = 4  # the most channels one kernel sums over (RGB, or RGBA)
_FLOAT32_MAX = float(np.finfo(np.float32).max)
# Σ|w| above this can overflow float32 on an image in [0, 1] (×2 headroom for max − min)
MAX_WEIGHT_SUM = _FLOAT32_MAX / (2 * MAX_CHANNELS)


def check_kernel_weights(weights, what: str = "kernel") -> np.ndarray:
    """``weights`` as float64 if filtering an image in [0, 1] with them stays finite in float32.

    Raises ValueError saying why otherwise: a NaN or infinite weight, or weights whose sizes
    add up past ``MAX_WEIGHT_SUM``. Computed without a RuntimeWarning, whatever the input.
    """
    w = np.asarray(weights, dtype=np.float64)
    with np.errstate(all="ignore"):
        finite = bool(np.isfinite(w).all())
        total = float(np.abs(w).sum()) if finite else math.inf
    if not finite:
        raise ValueError(N_("kernels", "{what}: the weights must be finite numbers (found NaN or "
                                       "infinity)").format(
            what=what))
    if not total <= MAX_WEIGHT_SUM:
        shown = "more than 1.8e+308" if math.isinf(total) else f"{total:.3g}"
        raise ValueError(
            N_("kernels", "{what}: the weights' sizes add up to {shown}; filtering an image "
                          "(values 0–1) would overflow float32 (largest {_FLOAT32_MAX:.3g}) — "
                          "keep Σ|w| at most {MAX_WEIGHT_SUM:.3g}").format(
                what=what, shown=shown, _FLOAT32_MAX=_FLOAT32_MAX, MAX_WEIGHT_SUM=MAX_WEIGHT_SUM)
        )
    return w


def get_kernel(name: str, size: int = 3, seed: int = 0) -> np.ndarray:
    """A fresh float64 copy of the named kernel at ``size`` × ``size``.

    ``identity``, ``box``, ``gaussian`` and ``random`` accept any odd size ≥ 1 (odd sizes
    have a centre, so the image is not shifted); the classic filters are 3×3 only.
    ``seed`` picks the draw of ``random`` (the same seed gives the same kernel).
    """
    if name not in KERNELS:
        raise ValueError(N_("kernels", "unknown kernel {name!r}; valid names: {0}").format(
            ', '.join(KERNELS), name=name))
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
        raise ValueError(N_("kernels", "size must be an odd integer, got {size!r}").format(size=size))
    if name in _FIXED and size != 3:
        raise ValueError(N_("kernels", "size must be 3 for {name!r} (a fixed 3×3 filter), got "
                                       "{size}").format(
            name=name, size=size))
    if size < 1 or size % 2 == 0:
        raise ValueError(N_("kernels", "size must be an odd integer ≥ 1, got {size}").format(size=size))
    if size > MAX_KERNEL_SIZE:
        raise ValueError(N_("kernels", "size must be at most {MAX_KERNEL_SIZE}, got {size}").format(
            MAX_KERNEL_SIZE=MAX_KERNEL_SIZE, size=size))
    return _build(name, int(size), seed)


def kernel_entry(name: str, size: int = 3, seed: int = 0) -> Kernel:
    """Like ``get_kernel`` but returns the whole ``Kernel`` (name, weights, explanation)."""
    return Kernel(name, _frozen(get_kernel(name, size, seed)), KERNELS[name].explanation)


_SEPARATORS = re.compile(r"[\s,]+")
_ROW_BREAK = re.compile(r"\]\s*,?\s*\[")  # "], [" between the rows of a pasted nested list
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})  # a pasted "−1" (the app's own minus) reads as -1
_SLASH = re.compile(r"\s*/\s*")  # "1 / 9" is read as "1/9"


def _parse_number(token: str, row: int, col: int) -> float:
    """One entry: a decimal (``-0.5``, ``1e-3``) or a fraction (``1/9``)."""
    where = N_("kernels", "row {row}, entry {col}").format(row=row, col=col)
    parts = token.split("/")
    try:
        if len(parts) > 2:
            raise ValueError
        numbers = [float(part) for part in parts]
    except ValueError:
        raise ValueError(N_("kernels", "{where}: {token!r} is not a number").format(
            where=where, token=token)) from None
    if len(numbers) == 2 and numbers[1] == 0.0:
        raise ValueError(N_("kernels", "{where}: {token!r} divides by zero").format(where=where, token=token))
    value = numbers[0] / numbers[1] if len(numbers) == 2 else numbers[0]
    if not math.isfinite(value):
        raise ValueError(N_("kernels", "{where}: {token!r} is not a finite number").format(
            where=where, token=token))
    return value


def _count(row: list[float]) -> str:
    if len(row) == 1:
        return N_("kernels", "1 number")
    return N_("kernels", "{n} numbers").format(n=len(row))


def parse_kernel_text(text: str) -> np.ndarray:
    """Read a kernel typed as a grid: one row per line, numbers separated by spaces or commas.

    Fractions such as ``1/9`` are allowed, as are ``;`` between rows, square brackets
    (pasted NumPy/Python lists) and ``#`` comments. Blank lines are ignored. Rows must all
    have the same length (the grid may be non-square; the GUI may insist on k×k).
    Raises ValueError saying which row/entry is wrong: empty text, ragged rows, a token
    that is not a number, division by zero, a non-finite value, more than
    ``MAX_KERNEL_SIZE`` rows or entries, or weights whose results could overflow
    (``check_kernel_weights``).
    """
    if not isinstance(text, str):
        raise ValueError(N_("kernels", "kernel text must be a string, got {0}").format(type(text).__name__))
    if len(text) > MAX_KERNEL_TEXT:
        raise ValueError(N_("kernels", "kernel text is {0:,} characters; a kernel is at most "
                                       "{MAX_KERNEL_SIZE}×{MAX_KERNEL_SIZE} numbers "
                                       "({MAX_KERNEL_TEXT:,} characters)").format(
            len(text), MAX_KERNEL_SIZE=MAX_KERNEL_SIZE, MAX_KERNEL_TEXT=MAX_KERNEL_TEXT))
    rows: list[list[float]] = []
    text = "\n".join(line.split("#", 1)[0] for line in text.translate(_MINUS).splitlines())
    lines = _ROW_BREAK.sub(";", text).splitlines()  # "[[1, 2], [3, 4]]" on one line is two rows
    for row_text in (part for line in lines for part in line.split(";")):
        cleaned = _SLASH.sub("/", row_text.replace("[", " ").replace("]", " ")).strip(" \t,")
        if not cleaned:
            continue
        tokens = [t for t in _SEPARATORS.split(cleaned) if t]
        if not tokens:  # only separators (Unicode spaces such as "\x1f" or "\u3000"): a blank line
            continue
        n = len(rows) + 1
        if n > MAX_KERNEL_SIZE or len(tokens) > MAX_KERNEL_SIZE:
            if n > MAX_KERNEL_SIZE:
                what = N_("kernels", "{n} rows").format(n=n)
            else:
                what = N_("kernels", "{0} numbers in row {n}").format(len(tokens), n=n)
            raise ValueError(N_("kernels", "the kernel has {what}; at most {MAX_KERNEL_SIZE} rows "
                                           "of {MAX_KERNEL_SIZE} numbers").format(
                what=what, MAX_KERNEL_SIZE=MAX_KERNEL_SIZE))
        rows.append([_parse_number(t, n, i + 1) for i, t in enumerate(tokens)])
        if len(rows[-1]) != len(rows[0]):
            raise ValueError(
                N_("kernels", "ragged rows: row {n} has {0} but row 1 has {1}; every row needs "
                              "the same number of entries").format(
                    _count(rows[-1]), _count(rows[0]), n=n)
            )
    if not rows:
        raise ValueError(N_("kernels", "kernel text is empty: type one row of numbers per line"))
    return check_kernel_weights(rows, N_("kernels", "kernel"))


def learned_kernels(weights, names: tuple[str, ...] | None = None) -> list[Kernel]:
    """The 1D network's kernel as a horizontal and a vertical 2D filter.

    A 1×k filter is written as a k×k kernel whose middle row holds the weights (and a
    k×1 one as the middle column): with the same padding the output is identical to
    the 1×k filter's, and it sits beside the library's k×k kernels in one layer.
    """
    w = np.asarray(weights, dtype=np.float64).ravel()
    if w.size < 1:
        raise ValueError(N_("kernels", "weights must be finite numbers"))
    w = check_kernel_weights(w, N_("kernels", "the learned kernel"))
    k = w.size
    label = f"{names[0]}–{names[-1]}" if names else N_("kernels", "the learned kernel")
    h = np.zeros((k, k))
    h[k // 2, :] = w
    v = h.T.copy()
    h.setflags(write=False)
    v.setflags(write=False)
    return [
        Kernel("learned-h", h, N_("kernels", "{label} along rows (1×{k}): responds to changes "
                                             "from left to right").format(
            label=label, k=k)),
        Kernel("learned-v", v, N_("kernels", "{label} down columns ({k}×1): responds to changes "
                                             "from top to bottom").format(
            label=label, k=k)),
    ]
