"""Exporting what the learner sees: plots and the diagram as PNG or SVG, the history as CSV.

pyqtgraph's own exporters do the work (ImageExporter at 2× the on-screen size so a
projector or a report gets a crisp picture; SVGExporter for vector output). The
SVG exporter trips over some scenes (e.g. an empty plot); then the scene is drawn
through Qt's QSvgGenerator instead, which always works. Files are written to a
temporary name and renamed, so a failed export never leaves half a file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers pg.exporters)
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

EXPORT_FILTER = "PNG image (*.png);;SVG drawing (*.svg)"


class ExportError(OSError):
    """An export that could not be written, with a sentence saying why."""


def _scene_of(target) -> QGraphicsScene:
    if isinstance(target, QGraphicsScene):
        return target
    if isinstance(target, QGraphicsView):
        return target.scene()
    view = target.findChild(QGraphicsView) if isinstance(target, QWidget) else None
    if view is None:
        raise ExportError("there is no picture to export in this view")
    return view.scene()


def export_view(target, path: str | os.PathLike, scale: float = 2.0) -> Path:
    """Write a pyqtgraph view (widget, view or scene) to ``path``; the suffix picks PNG or SVG."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ExportError(f"{path.name}: choose a .png or .svg file name")
    scene = _scene_of(target)
    tmp = path.with_name(f".{path.name}.tmp{suffix}")
    try:
        if suffix == ".png":
            exporter = pg.exporters.ImageExporter(scene)
            rect = scene.sceneRect()
            exporter.parameters()["width"] = int(max(1, rect.width() * scale))
            exporter.export(str(tmp))
        else:
            try:
                pg.exporters.SVGExporter(scene).export(str(tmp))
            except (ValueError, IndexError, AttributeError, TypeError):
                _svg_via_qt(scene, tmp)
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise ExportError(f"{path.name}: nothing was written")
        os.replace(tmp, path)
    except OSError as exc:
        if isinstance(exc, ExportError):
            raise
        raise ExportError(f"{path.name}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _svg_via_qt(scene: QGraphicsScene, path: Path) -> None:
    rect = scene.sceneRect()
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(int(rect.width()), int(rect.height())))
    gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    gen.setTitle("CNN Visualiser")
    painter = QPainter(gen)
    try:
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    finally:
        painter.end()


def export_history_csv(trainer_history, path: str | os.PathLike) -> Path:
    """The training history as CSV (the core writes it atomically)."""
    try:
        trainer_history.to_csv(path)
    except OSError as exc:
        raise ExportError(f"{Path(path).name}: {exc.strerror or exc}") from None
    return Path(path)
