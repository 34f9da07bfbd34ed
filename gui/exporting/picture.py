"""The diagram and the plots as a PNG or an SVG of exactly what the learner sees.

One painting path for both formats: the view's viewport is rendered with ``QWidget.render``
— the same paint event that draws it on screen — onto a ``QSvgGenerator`` at the screen's
DPI; ``svg_fix`` makes that SVG portable, and the PNG is that SVG drawn at the export scale by
Qt's SVG renderer. So everything grows with the scale: the diagram's pixel-sized
(``ItemIgnoresTransformations``) nodes and labels, axis text, and cosmetic strokes — which a
view painted straight onto a 2× image keeps one device pixel wide (measured: a cosmetic 1 px
pen on a device-pixel-ratio-2 image covers 1 row, a plain one 2), and which the old exporter's
painter scale left at screen size (labels ~¼ of the ink they should have at 3×).

The picture is the visible rectangle, never the scene's bounding rectangle: an inline
weight edit leaves items whose (transform-ignoring) bounds reach tens of thousands of scene
units, which made the old exporter write a 51906×35276 PNG in ~2 minutes and 7.4 GB. The
size is the viewport's times the scale, and the scale is cut so the longer side stays
within ``MAX_EXPORT_PX``.

While exporting, item caches and the view's background cache are switched off (and
restored): cached items would otherwise be pasted as screen-resolution pixmaps — blurry in
a 2× PNG and raster islands in an SVG.

pyqtgraph's own ``SVGExporter`` is not used: with pyqtgraph 0.14 on Qt 6.11 it fails on
both views (``correctCoordinates`` cannot split Qt's polyline points: "not enough values to
unpack"), and where it works it writes the same non-scaling strokes. Qt's output is made
portable by ``svg_fix.fix_svg``.

Views that are plain widgets, not graphics views — the CNN tab's kernels and feature maps,
grids of small images with their captions — go through ``export_widget``: the whole widget
(not only the part scrolled into sight) painted by its own paint events onto a QImage with
the painter scaled (images drawn without smoothing, so a 3×3 kernel stays nine crisp squares)
or onto a ``QSvgGenerator`` (the images embedded, marked ``image-rendering: pixelated``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPoint,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QImage, QPainter, QRegion
from PySide6.QtSvg import QSvgGenerator, QSvgRenderer
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from gui.exporting.files import ExportError, write_bytes
from gui.exporting.svg_fix import family_list, fix_svg

translate = QCoreApplication.translate

EXPORT_FILTER = QT_TRANSLATE_NOOP("Export", "PNG image (*.png);;SVG drawing (*.svg)")  # translate at use
DEFAULT_SCALE = 2.0  # a projector or a printed page wants more pixels than the screen
MIN_SCALE, MAX_SCALE = 0.25, 8.0  # the scales a caller may ask for (clamped)
MAX_EXPORT_PX = 8000  # longer side of any exported PNG, whatever the window or the edits


def view_of(target) -> QGraphicsView:
    """The QGraphicsView that shows ``target`` (a view, a widget holding one, or a shown scene)."""
    if isinstance(target, QGraphicsView):
        return target
    if isinstance(target, QGraphicsScene):
        views = target.views()
        if views:
            return views[0]
    elif isinstance(target, QWidget):
        view = target.findChild(QGraphicsView)
        if view is not None:
            return view
    raise ExportError(translate("Export", "there is no picture to export in this view"))


def export_scale(width: int, height: int, scale: float = DEFAULT_SCALE, max_px: int = MAX_EXPORT_PX) -> float:
    """The scale actually used: ``scale`` clamped to [MIN_SCALE, MAX_SCALE] and to ``max_px``."""
    s = min(MAX_SCALE, max(MIN_SCALE, float(scale)))
    longer = max(1, width, height)
    return min(s, max_px / longer)


@contextmanager
def _uncached(view: QGraphicsView) -> Iterator[None]:
    """Draw every item afresh for this export (caches hold screen-resolution pixmaps)."""
    scene = view.scene()
    prepare = getattr(scene, "prepareForPaint", None)
    if prepare is not None:
        prepare()  # pyqtgraph updates some items lazily, just before a paint
    view_mode = view.cacheMode()
    items = [(it, it.cacheMode()) for it in scene.items()
             if it.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
    for it, _mode in items:
        it.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for it, mode in items:
            it.setCacheMode(mode)
        view.setCacheMode(view_mode)
        view.resetCachedContent()


def _paint_viewport(view: QGraphicsView, painter: QPainter) -> None:
    vp = view.viewport()
    with _uncached(view):
        vp.render(painter, QPoint(0, 0), QRegion(vp.rect()), QWidget.RenderFlag.DrawWindowBackground)


def render_png(target, scale: float = DEFAULT_SCALE, max_px: int = MAX_EXPORT_PX) -> QImage:
    """The visible part of ``target`` as an image of (viewport size × scale): text and strokes scaled.

    Drawn from the portable SVG (``render_svg``) by Qt's SVG renderer, so PNG and SVG agree.
    Painting the view straight onto a 2× image is not enough: Qt draws cosmetic pens — every
    pyqtgraph curve and the diagram's edges, whose width shows a weight's size — one *device*
    pixel wide whatever the scale, so a 2× PNG had hairlines under doubled text.
    """
    view = view_of(target)
    size = view.viewport().size()
    s = export_scale(size.width(), size.height(), scale, max_px)
    w, h = max(1, round(size.width() * s)), max(1, round(size.height() * s))
    renderer = QSvgRenderer(QByteArray(render_svg(view)))
    if not renderer.isValid():
        raise ExportError(translate("Export", "the picture could not be drawn"))
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    brush = view.backgroundBrush()
    image.fill(brush.color() if brush.style() != Qt.BrushStyle.NoBrush else QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, w, h))
    finally:
        painter.end()
    return image


def render_svg_raw(target, title: str = "CNN Visualiser") -> bytes:
    """Qt's own SVG of what ``target`` shows (non-scaling strokes and all): ``render_svg``'s input."""
    view = view_of(target)
    vp = view.viewport()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setResolution(vp.logicalDpiY())  # fonts in pixels as on screen (Qt's default 72 dpi shrinks them)
    gen.setSize(vp.size())
    gen.setViewBox(QRectF(0, 0, vp.width(), vp.height()))
    gen.setTitle(title)
    painter = QPainter(gen)
    try:
        painter.setRenderHints(view.renderHints())
        _paint_viewport(view, painter)
    finally:
        painter.end()
    data = bytes(buf.data())
    buf.close()
    return data


def screen_families(name: str) -> str:
    """A CSS family list for a family as Qt wrote it: the face Qt really used, then fallbacks."""
    resolved = QFontInfo(QFont(name)).family() or name
    if QFontDatabase.isFixedPitch(resolved):
        return family_list(resolved, "monospace")
    serif = "serif" in resolved.lower() and "sans" not in resolved.lower()
    return family_list(resolved, "serif" if serif else "sans-serif")


def render_svg(target, title: str = "CNN Visualiser") -> bytes:
    """The visible part of ``target`` as an SVG that renders alike in Chromium, rsvg-convert and cairo."""
    return fix_svg(render_svg_raw(target, title), screen_families, title)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buf, "PNG")
    buf.close()
    if not ok:
        raise ExportError(translate("Export", "the picture could not be encoded as PNG"))
    return bytes(data)


def _render_widget(widget: QWidget, painter: QPainter) -> None:
    widget.render(painter, QPoint(0, 0), QRegion(widget.rect()),
                  QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren)


def render_widget_png(widget: QWidget, scale: float = DEFAULT_SCALE, max_px: int = MAX_EXPORT_PX) -> QImage:
    """The whole ``widget`` as it paints itself, at ``scale`` (bounded): text and images scaled."""
    s = export_scale(widget.width(), widget.height(), scale, max_px)
    w, h = max(1, round(widget.width() * s)), max(1, round(widget.height() * s))
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(widget.palette().window().color())
    painter = QPainter(image)
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.scale(s, s)
        _render_widget(widget, painter)
    finally:
        painter.end()
    return image


def render_widget_svg(widget: QWidget, title: str = "CNN Visualiser") -> bytes:
    """The whole ``widget`` as a portable SVG (its small images embedded, drawn unsmoothed)."""
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setResolution(widget.logicalDpiY())
    gen.setSize(widget.size())
    gen.setViewBox(QRectF(0, 0, widget.width(), widget.height()))
    gen.setTitle(title)
    painter = QPainter(gen)
    try:
        painter.fillRect(QRectF(0, 0, widget.width(), widget.height()), widget.palette().window())
        _render_widget(widget, painter)
    finally:
        painter.end()
    data = bytes(buf.data())
    buf.close()
    return _blocky_images(fix_svg(data, screen_families, title))


_IMAGE = re.compile(rb'<image ([^>]*?)width="([\d.]+)" height="([\d.]+)"([^>]*?)'
                    rb'xlink:href="data:image/png;base64,([A-Za-z0-9+/=]+)"')
MAX_BLOCKY_PX = 1024  # an embedded image is enlarged to at most this many pixels a side


def _blocky_images(svg: bytes) -> bytes:
    """Enlarge each small embedded image by whole pixels to its drawn size, so every renderer shows
    a 3×3 kernel as nine squares: rsvg-convert 2.54 and cairo smooth an image they scale up and
    ignore ``image-rendering`` (kept as well, for those that read it)."""
    def blocky(m: re.Match) -> bytes:
        w, h = float(m.group(2)), float(m.group(3))
        image = QImage.fromData(QByteArray.fromBase64(m.group(5)), "PNG")
        if image.isNull() or image.width() < 1:
            return m.group(0)
        k = int(min(max(w / image.width(), h / image.height()) * 2,
                    MAX_BLOCKY_PX / max(image.width(), image.height())))
        if k > 1:
            image = image.scaled(image.width() * k, image.height() * k, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.FastTransformation)
        data = bytes(QByteArray(png_bytes(image)).toBase64())
        return (b'<image style="image-rendering:pixelated" ' + m.group(1) + b'width="' + m.group(2)
                + b'" height="' + m.group(3) + b'"' + m.group(4) + b'xlink:href="data:image/png;base64,'
                + data + b'"')
    return _IMAGE.sub(blocky, svg)


def export_widget(widget: QWidget, path: str | os.PathLike, scale: float = DEFAULT_SCALE,
                  max_px: int = MAX_EXPORT_PX, title: str = "CNN Visualiser") -> Path:
    """Write the whole ``widget`` to ``path``: PNG at ``scale`` (bounded) or SVG, by the suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ExportError(translate("Export", "{0}: choose a .png or .svg file name").format(path.name))
    if widget.width() < 1 or widget.height() < 1:
        raise ExportError(translate("Export", "{0}: nothing was drawn to write").format(path.name))
    data = (png_bytes(render_widget_png(widget, scale, max_px)) if suffix == ".png"
            else render_widget_svg(widget, title))
    return write_bytes(path, data)


def export_view(target, path: str | os.PathLike, scale: float = DEFAULT_SCALE,
                max_px: int = MAX_EXPORT_PX, title: str = "CNN Visualiser") -> Path:
    """Write what ``target`` shows to ``path``: PNG at ``scale`` (bounded) or SVG, by the suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ExportError(translate("Export", "{0}: choose a .png or .svg file name").format(path.name))
    data = png_bytes(render_png(target, scale, max_px)) if suffix == ".png" else render_svg(target, title)
    return write_bytes(path, data)
