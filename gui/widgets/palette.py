"""One palette for the whole window: a colour per image and per kernel weight, per theme.

The data preview, the diagram, the legends and the plots all ask here, so image 1 and K6 have
one colour everywhere. Kernel weights keep the chapter's colours by their place in the kernel
(K6 red, K7 blue, K8 green — the first, second and third weight of every kernel) and a line
style per kernel (solid, dashed, dotted…); images take matplotlib's tab10 in order.

Every colour is adjusted to the theme's background (lightness only, hue kept) until it meets
WCAG contrast: 4.5:1 for text, 3:1 for lines and marks — so the dark theme gets lighter
variants of the same hues, the light theme darker ones.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from functools import lru_cache

TEXT_CONTRAST = 4.5  # WCAG AA for normal text
LINE_CONTRAST = 3.0  # WCAG AA for graphics and user-interface components

CHAPTER_TAPS = ("#d62728", "#1f77b4", "#2ca02c")  # the chapter's K6 red, K7 blue, K8 green
MORE_TAPS = ("#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")
TAB10 = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
KERNEL_STYLES = ("solid", "dash", "dot", "dashdot", "dashdotdot")  # kernel 1, 2, 3… (Qt pen styles)


@dataclass(frozen=True)
class Theme:
    """The colours of one look. ``dark`` themes get light text on a dark background."""

    name: str
    dark: bool
    background: str  # plots, diagram canvas
    surface: str  # label boxes, fields
    text: str
    dim_text: str  # secondary text (still ≥ 4.5:1)
    accent: str  # formula results
    error: str
    cursor: str  # the plots' epoch cursor
    positive: str  # positive λ/bias edges and node values
    negative: str


LIGHT = Theme("light", False, "#ffffff", "#f7f7f7", "#1a1a1a", "#555555", "#0b5cad", "#b3261e",
              "#c43e00", "#c45100", "#6a3fb5")
DARK = Theme("dark", True, "#1e1e1e", "#2a2a2a", "#e8e8e8", "#b0b0b0", "#7ab8ff", "#ff8a80",
             "#ffab40", "#ff9a4d", "#b794f6")
THEMES = {"light": LIGHT, "dark": DARK}


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@lru_cache(maxsize=512)
def legible(colour: str, background: str, ratio: float = LINE_CONTRAST) -> str:
    """``colour`` with its lightness moved (hue and saturation kept) until it reaches ``ratio``
    against ``background``: darker on light backgrounds, lighter on dark ones."""
    if contrast(colour, background) >= ratio:
        return colour
    h, lum, s = colorsys.rgb_to_hls(*_rgb(colour))
    darker = luminance(background) > 0.5
    for step in range(1, 101):
        t = step / 100
        lum2 = lum * (1 - t) if darker else lum + (1 - lum) * t
        candidate = _hex(colorsys.hls_to_rgb(h, lum2, s))
        if contrast(candidate, background) >= ratio:
            return candidate
    return "#000000" if darker else "#ffffff"


def image_colour(i: int, n: int, theme: Theme = LIGHT) -> str:
    """Image ``i`` of ``n`` (data preview, prediction curves, legends): text colour for one image."""
    if n <= 1:
        return theme.text
    return legible(TAB10[i % len(TAB10)], theme.background)


def tap_colour(i: int, theme: Theme = LIGHT) -> str:
    """The i-th weight of every kernel: 0 red (K6), 1 blue (K7), 2 green (K8), then more hues."""
    base = (CHAPTER_TAPS + MORE_TAPS)
    if i < len(base):
        return legible(base[i], theme.background)
    hue = (0.61803398875 * i) % 1.0  # evenly spread hues beyond the named ones
    return legible(_hex(colorsys.hls_to_rgb(hue, 0.45, 0.65)), theme.background)


def kernel_style(c: int) -> str:
    """The line style of kernel ``c`` (0 solid, 1 dashed, …): tells kernels apart in the plots."""
    return KERNEL_STYLES[c % len(KERNEL_STYLES)]


def weight_colour(i: int, n: int, theme: Theme = LIGHT) -> str:
    """The i-th of ``n`` output weights λ: the chapter's three colours for its three, then tab10."""
    if n <= len(CHAPTER_TAPS):
        return legible(CHAPTER_TAPS[i], theme.background)
    return image_colour(i, n, theme)


def theme_for(dark: bool) -> Theme:
    return DARK if dark else LIGHT
