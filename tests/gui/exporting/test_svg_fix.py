"""fix_svg: Qt's SVG made portable — strokes resolved under any transform, fonts with fallbacks."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF
from PySide6.QtSvg import QSvgGenerator

from gui.exporting.svg_fix import NON_SCALING, SVG_NS, fix_svg, non_scaling_count, transform_path

cairosvg = pytest.importorskip("cairosvg", reason="cairosvg (the test extra) renders the SVGs")

coord = st.floats(-500, 500, allow_nan=False, allow_infinity=False)
entry = st.floats(-300, 300, allow_nan=False, allow_infinity=False)
NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def numbers(d: str) -> list[float]:
    return [float(v) for v in NUM.findall(d)]


@given(pts=st.lists(st.tuples(coord, coord), min_size=2, max_size=8), m=st.tuples(*[entry] * 6))
def test_path_points_are_mapped_by_the_matrix(pts, m):
    a, b, c, d, e, f = m
    absolute = "M" + " L".join(f"{x!r},{y!r}" for x, y in pts)
    relative = f"m{pts[0][0]!r},{pts[0][1]!r} " + " ".join(
        f"l{x1 - x0!r},{y1 - y0!r}" for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False))
    want = [v for x, y in pts for v in (a * x + c * y + e, b * x + d * y + f)]
    for path in (absolute, relative):
        got = numbers(transform_path(path, m))
        assert np.allclose(got, want, atol=1e-3, rtol=1e-9)


def qt_svg_and_png(draw, size=(200, 120), scale=2) -> tuple[bytes, QImage]:
    """Run ``draw(painter)`` on Qt's SVG generator and on a ``scale``× image (strokes scaled by hand)."""
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(QSize(*size))
    gen.setViewBox(QRectF(0, 0, *size))
    p = QPainter(gen)
    p.fillRect(QRectF(0, 0, *size), QColor("white"))
    draw(p, 1)
    p.end()
    img = QImage(size[0] * scale, size[1] * scale, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(scale, scale)
    draw(p, scale)
    p.end()
    return bytes(buf.data()), img


def diff(svg: bytes, png: QImage) -> float:
    out = QImage.fromData(cairosvg.svg2png(bytestring=svg, output_width=png.width(),
                                           output_height=png.height(), background_color="white"), "PNG")
    a, b = (np.frombuffer(i.convertToFormat(QImage.Format.Format_RGB888).constBits(), np.uint8)
            .reshape(i.height(), -1)[:, : i.width() * 3].astype(float) for i in (png, out))
    return float(np.abs(a - b).mean())


@settings(max_examples=20, deadline=None)
@example(sx=2.0, sy=-1.0, width=1.0, dashed=False)  # a loss plot: 100 px per decade, y squeezed
@given(sx=st.floats(-3, 3), sy=st.floats(-3, 3), width=st.sampled_from([1.0, 2.0, 3.5]),
       dashed=st.booleans())
def test_cosmetic_strokes_under_any_data_transform_draw_at_their_pixel_width(qapp, sx, sy, width, dashed):
    """A curve drawn in data coordinates (x scaled by 10^sx, y by 10^sy, as a plot does) with a
    cosmetic pen: after fix_svg cairo draws it as Qt does; Qt's raw SVG draws a band when the
    data scale is large."""
    kx, ky = 10.0 ** sx, 10.0 ** sy
    xs = np.linspace(0, 180, 12)
    curve = QPolygonF([QPointF(x / kx, (60 + 40 * math.sin(x / 25)) / ky) for x in xs])

    def draw(p: QPainter, scale: float) -> None:
        p.save()
        p.translate(10, 0)
        p.scale(kx, ky)
        pen = QPen(QColor("#1f77b4"), width * scale)  # on the image: the pixel width the SVG should get
        pen.setCosmetic(True)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawPolyline(curve)
        p.restore()

    raw, png = qt_svg_and_png(draw)
    fixed = fix_svg(raw)
    assert non_scaling_count(raw) > 0 and non_scaling_count(fixed) == 0
    assert diff(fixed, png) < 3.0
    if max(kx, ky) >= 30 and not dashed:
        assert diff(raw, png) > 3.0  # the stroke scaled up by the data transform: a band


def test_pixel_sized_items_keep_their_shape_and_get_divided_widths():
    svg = f"""<svg xmlns="{SVG_NS}" width="10mm" height="5mm" viewBox="0 0 100 50" baseProfile="tiny">
    <g stroke="#000" stroke-width="3" stroke-dasharray="6,3" transform="matrix(2,0,0,2,10,10)">
    <circle vector-effect="{NON_SCALING}" cx="0" cy="0" r="5"/></g></svg>""".encode()
    root = ET.fromstring(fix_svg(svg))
    circle = root.find(f".//{{{SVG_NS}}}circle")
    assert circle is not None
    assert (circle.get("stroke-width"), circle.get("stroke-dasharray")) == ("1.5", "3,1.5")
    assert (root.get("width"), root.get("height"), root.get("baseProfile")) == ("100", "50", None)


def test_text_keeps_its_transform_and_gets_fonts_and_a_fill():
    svg = f"""<svg xmlns="{SVG_NS}" viewBox="0 0 100 50">
    <g stroke="#000" transform="matrix(100,0,0,-10,0,50)" font-family="Sans Serif">
    <polyline fill="none" vector-effect="{NON_SCALING}" points="0,0 1,1 "/>
    <text x="0.5" y="2">ŷ</text></g></svg>""".encode()
    out = fix_svg(svg, families=lambda name: f"'DejaVu Sans', Arial, sans-serif /*{name}*/")
    root = ET.fromstring(out)
    text = root.find(f".//{{{SVG_NS}}}text")
    parent = next(g for g in root.iter() if text in list(g))
    assert parent.get("transform") == "matrix(100,0,0,-10,0,50)" and text.get("fill") == "#000000"
    path = root.find(f".//{{{SVG_NS}}}path")
    assert numbers(path.get("d")) == [0, 50, 100, 40]
    assert "'DejaVu Sans', Arial, sans-serif /*Sans Serif*/" in out.decode()
    assert "Sans Serif\"" not in out.decode()
