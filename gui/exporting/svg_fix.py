"""Make Qt's SVG output render the same everywhere: strokes and fonts resolved, an honest page size.

Qt's ``QSvgGenerator`` (and pyqtgraph's exporter, which builds on it) writes every cosmetic
pen — all of pyqtgraph's curves, axes and grid lines — as ``vector-effect="non-scaling-stroke"``
inside a group whose ``transform`` maps data to pixels (e.g. ``matrix(146.7,0,0,-40.6,…)``).
Chromium honours that; rsvg-convert, ImageMagick, Inkscape and cairo ignore it and scale the
1-pixel stroke by the data transform, so each curve becomes a filled band over the picture.
Fonts are written as Qt's alias "Sans Serif", which Chromium does not know (it falls back
to a serif face).

``fix_svg`` is one XML pass over that output:

* a non-scaling stroke under a similarity transform (translation, rotation, uniform scale —
  the diagram's pixel-sized nodes and labels) gets its width and dashes divided by the scale;
* under any other transform (a plot's data → pixel matrix) the geometry itself is mapped to
  the parent's coordinates (polylines, paths, lines, rects, circles and ellipses become
  paths; the transform is applied to the points), so the stroke width is in pixels already;
  text and images in such a group keep the transform in a group of their own;
* every ``font-family`` becomes the resolved family plus generic fallbacks
  ("'DejaVu Sans', Arial, Helvetica, sans-serif"), every ``<text>`` has an explicit fill;
* the root gets ``width``/``height`` in pixels equal to its ``viewBox`` (SVG 1.1, no Tiny
  profile), so a browser shows the drawing at its on-screen size and fills the page.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

NON_SCALING = "non-scaling-stroke"
FALLBACK_FONTS = ("Arial", "Helvetica")
SHAPES = {"path", "polyline", "polygon", "line", "rect", "circle", "ellipse"}
KAPPA = 0.5522847498307936  # cubic Bézier control distance for a quarter circle of radius 1

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtZzAa]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate)\s*\(([^)]*)\)")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}

Matrix = tuple[float, float, float, float, float, float]  # SVG's (a, b, c, d, e, f)
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _tag(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _num(value: float) -> str:
    """A coordinate as short text: 4 decimals are 1/10000 px, far below anything visible."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m · n (apply n first, then m), in SVG's column order."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f)


def parse_transform(text: str | None) -> Matrix:
    """An SVG ``transform`` attribute (matrix/translate/scale/rotate lists) as one matrix."""
    m = IDENTITY
    for name, args in _TRANSFORM.findall(text or ""):
        v = [float(x) for x in _NUMBER.findall(args)]
        if name == "matrix" and len(v) == 6:
            n = tuple(v)
        elif name == "translate" and v:
            n = (1.0, 0.0, 0.0, 1.0, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "scale" and v:
            n = (v[0], 0.0, 0.0, v[1] if len(v) > 1 else v[0], 0.0, 0.0)
        elif name == "rotate" and v:
            r = math.radians(v[0])
            n = (math.cos(r), math.sin(r), -math.sin(r), math.cos(r), 0.0, 0.0)
            if len(v) == 3:
                n = multiply(multiply((1, 0, 0, 1, v[1], v[2]), n), (1, 0, 0, 1, -v[1], -v[2]))
        else:
            continue
        m = multiply(m, n)  # type: ignore[arg-type]
    return m


def similarity_scale(m: Matrix) -> float | None:
    """The uniform scale of a similarity transform (rotation/translation/uniform scale), else None."""
    a, b, c, d, _e, _f = m
    sx2, sy2 = a * a + b * b, c * c + d * d
    big = max(sx2, sy2)
    if big == 0.0:
        return None
    if abs(sx2 - sy2) <= 1e-6 * big and abs(a * c + b * d) <= 1e-6 * big:
        return math.sqrt(big)
    return None


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def transform_path(d: str, m: Matrix) -> str | None:
    """Path data ``d`` with every point mapped by ``m`` (absolute M/L/C/Q/Z out); None for arcs."""
    tokens = _PATH_TOKEN.findall(d)
    out: list[str] = []
    x = y = x0 = y0 = 0.0
    i, cmd = 0, ""
    while i < len(tokens):
        tok = tokens[i]
        if tok.isalpha():
            cmd = tok
            i += 1
            if cmd in "Zz":
                out.append("Z")
                x, y = x0, y0
                continue
        elif not cmd:
            return None
        up = cmd.upper()
        if up == "A":
            return None  # an elliptical arc does not survive a non-uniform transform as an arc
        n = _ARGS[up]
        try:
            v = [float(t) for t in tokens[i:i + n]]
        except ValueError:
            return None
        if len(v) < n:
            return None
        i += n
        rel = cmd.islower()
        if up == "H":
            pts = [(x + v[0], y)] if rel else [(v[0], y)]
            up = "L"
        elif up == "V":
            pts = [(x, y + v[0])] if rel else [(x, v[0])]
            up = "L"
        else:
            pts = [(v[k] + (x if rel else 0.0), v[k + 1] + (y if rel else 0.0)) for k in range(0, n, 2)]
        if up in ("S", "T"):
            return None  # smooth curves need the reflected control point; Qt never writes them
        mapped = [_apply(m, px, py) for px, py in pts]
        out.append(up + " ".join(f"{_num(px)},{_num(py)}" for px, py in mapped))
        x, y = pts[-1]
        if up == "M":
            x0, y0 = x, y
            cmd = "l" if rel else "L"  # further pairs after M are line-tos
    return " ".join(out)


def _points(text: str) -> list[tuple[float, float]]:
    v = [float(t) for t in _NUMBER.findall(text)]
    return list(zip(v[0::2], v[1::2], strict=False))


def _ellipse_path(cx: float, cy: float, rx: float, ry: float) -> str:
    kx, ky = KAPPA * rx, KAPPA * ry
    return (f"M{cx + rx},{cy} C{cx + rx},{cy + ky} {cx + kx},{cy + ry} {cx},{cy + ry} "
            f"C{cx - kx},{cy + ry} {cx - rx},{cy + ky} {cx - rx},{cy} "
            f"C{cx - rx},{cy - ky} {cx - kx},{cy - ry} {cx},{cy - ry} "
            f"C{cx + kx},{cy - ry} {cx + rx},{cy - ky} {cx + rx},{cy} Z")


def shape_as_path(el: ET.Element) -> str | None:
    """Path data for any basic shape (None if it is not one or has no geometry)."""
    tag = _tag(el)
    g = lambda k: float(el.get(k, "0") or 0)  # noqa: E731
    if tag == "path":
        return el.get("d")
    if tag in ("polyline", "polygon"):
        pts = _points(el.get("points", ""))
        if not pts:
            return None
        d = "M" + " L".join(f"{x},{y}" for x, y in pts)
        return d + (" Z" if tag == "polygon" else "")
    if tag == "line":
        return f"M{g('x1')},{g('y1')} L{g('x2')},{g('y2')}"
    if tag == "rect":
        x, y, w, h = g("x"), g("y"), g("width"), g("height")
        return f"M{x},{y} L{x + w},{y} L{x + w},{y + h} L{x},{y + h} Z"
    if tag == "circle":
        return _ellipse_path(g("cx"), g("cy"), g("r"), g("r"))
    if tag == "ellipse":
        return _ellipse_path(g("cx"), g("cy"), g("rx"), g("ry"))
    return None


def _scale_length_list(text: str, k: float) -> str:
    return ",".join(_num(float(v) / k) for v in _NUMBER.findall(text))


def _divide_stroke(el: ET.Element, inherited: dict[str, str], k: float) -> None:
    """Give ``el`` the stroke width and dashes that look as wide as the non-scaling ones did."""
    width = float(el.get("stroke-width") or inherited.get("stroke-width") or 1.0) or 1.0
    el.set("stroke-width", _num(width / k))
    dash = el.get("stroke-dasharray") or inherited.get("stroke-dasharray")
    if dash and dash != "none":
        el.set("stroke-dasharray", _scale_length_list(dash, k))
    offset = el.get("stroke-dashoffset") or inherited.get("stroke-dashoffset")
    if offset:
        el.set("stroke-dashoffset", _num(float(offset) / k))


STROKE_KEYS = ("stroke", "stroke-width", "stroke-dasharray", "stroke-dashoffset", "fill")


def _flatten_group(g: ET.Element, m: Matrix, inherited: dict[str, str]) -> None:
    """Apply ``g``'s transform ``m`` to its shapes' points and drop it from ``g``.

    Children that cannot be mapped point by point (text, images, gradient fills, arcs)
    keep ``m`` in a wrapper group; their non-scaling strokes get the mean scale.
    """
    del g.attrib["transform"]
    det_scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2])) or 1.0
    for idx, child in enumerate(list(g)):
        tag = _tag(child)
        fill = child.get("fill") or inherited.get("fill") or ""
        d = shape_as_path(child) if tag in SHAPES and not fill.startswith("url(") else None
        mapped = transform_path(d, m) if d else None
        if mapped is not None and child.get("transform") is None:
            keep = {k: v for k, v in child.attrib.items()
                    if k not in ("d", "points", "x", "y", "width", "height", "x1", "y1", "x2", "y2",
                                 "cx", "cy", "r", "rx", "ry", "vector-effect")}
            child.clear()
            child.tag = f"{{{SVG_NS}}}path"
            child.attrib.update(keep)
            child.set("d", mapped)
            continue
        if child.get("vector-effect") == NON_SCALING:
            del child.attrib["vector-effect"]
            _divide_stroke(child, inherited, det_scale)
        matrix = "matrix({})".format(",".join(f"{v:.10g}" for v in m))
        wrapper = ET.Element(f"{{{SVG_NS}}}g", {"transform": matrix})
        g.remove(child)
        wrapper.append(child)
        g.insert(idx, wrapper)


def join_polylines(el: ET.Element) -> None:
    """Chain sibling polylines that continue one another (same attributes) into one polyline.

    pyqtgraph draws a wide cosmetic curve as one line per segment; as separate SVG elements
    each segment gets its own caps, which renderers draw as beads along the curve.
    """
    for g in el.iter():
        kids = list(g)
        prev: ET.Element | None = None
        prev_pts: list[str] = []
        for c in kids:
            if _tag(c) == "polyline":
                pts = c.get("points", "").split()
                same = prev is not None and {k: v for k, v in c.attrib.items() if k != "points"} == {
                    k: v for k, v in prev.attrib.items() if k != "points"}
                if same and pts and prev_pts and pts[0] == prev_pts[-1] and not (c.tail or "").strip():
                    prev_pts.extend(pts[1:])
                    prev.set("points", " ".join(prev_pts))  # type: ignore[union-attr]
                    g.remove(c)
                    continue
                prev, prev_pts = c, pts
            else:
                prev, prev_pts = None, []


def _fix_strokes(el: ET.Element, inherited: dict[str, str], outer: Matrix) -> None:
    here = dict(inherited)
    for k in STROKE_KEYS:
        if el.get(k) is not None:
            here[k] = el.get(k)  # type: ignore[assignment]
    own = parse_transform(el.get("transform")) if el.get("transform") else None
    children = list(el)
    has_non_scaling = any(c.get("vector-effect") == NON_SCALING for c in children)
    if own is not None and has_non_scaling and here.get("stroke", "none") != "none":
        k = similarity_scale(own)
        if k is None:
            _flatten_group(el, own, here)
            own = None
        else:
            for c in children:
                if c.get("vector-effect") == NON_SCALING:
                    del c.attrib["vector-effect"]
                    _divide_stroke(c, here, k * (similarity_scale(outer) or 1.0))
    ctm = multiply(outer, own) if own is not None else outer
    for c in list(el):
        if c.get("vector-effect") == NON_SCALING:
            # Stroke "none", or no transform anywhere: the width is already in page units.
            del c.attrib["vector-effect"]
            k_out = similarity_scale(ctm) or 1.0
            if k_out != 1.0 and here.get("stroke", "none") != "none":
                _divide_stroke(c, here, k_out)
        _fix_strokes(c, here, ctm)


def css_family(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z-]+", name) else "'" + name.replace("'", "") + "'"


def family_list(resolved: str, generic: str = "sans-serif") -> str:
    """"'DejaVu Sans', Arial, Helvetica, sans-serif": the face used on screen, then common ones."""
    names = [resolved] + ([] if generic != "sans-serif" else [f for f in FALLBACK_FONTS if f != resolved])
    return ", ".join(css_family(n) for n in names) + ", " + generic


def _fix_fonts(root: ET.Element, families: Callable[[str], str]) -> None:
    cache: dict[str, str] = {}
    for el in root.iter():
        fam = el.get("font-family")
        if fam is not None:
            if fam not in cache:
                cache[fam] = families(fam.strip().strip("'\""))
            el.set("font-family", cache[fam])


def _fix_text_fill(el: ET.Element, fill: str) -> None:
    fill = el.get("fill") or fill
    if _tag(el) == "text" and el.get("fill") is None:
        el.set("fill", fill if fill not in ("", "none") else "#000000")
    for c in el:
        _fix_text_fill(c, fill)


def fix_svg(data: bytes, families: Callable[[str], str] | None = None, title: str | None = None) -> bytes:
    """Qt's SVG bytes → SVG bytes that Chromium, rsvg-convert and cairo draw alike (see module doc).

    ``families`` maps a font family as Qt wrote it to a CSS family list (default: generic
    fallbacks only); the Qt side passes one that asks the font database what is really used.
    """
    root = ET.fromstring(data)
    view_box = [float(v) for v in _NUMBER.findall(root.get("viewBox", ""))]
    if len(view_box) == 4:
        root.set("width", _num(view_box[2]))
        root.set("height", _num(view_box[3]))
    root.attrib.pop("baseProfile", None)
    root.set("version", "1.1")
    if title:
        for el in root:
            if _tag(el) == "title":
                el.text = title
    join_polylines(root)
    _fix_strokes(root, {}, IDENTITY)
    _fix_fonts(root, families or (lambda name: family_list(name)))
    _fix_text_fill(root, "#000000")
    return b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + ET.tostring(root, encoding="utf-8")


def non_scaling_count(data: bytes) -> int:
    """How many elements still ask for a non-scaling stroke (0 after ``fix_svg``)."""
    return data.count(NON_SCALING.encode())
