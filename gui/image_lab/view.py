"""Draws a PipelineResult: one column per stage, one row per kernel, a colour bar per stage.

    Input │ kernel i + conv map i │ pooled map i │ depth-pooled map
    (rows: one per kernel of the conv layer)

The view only draws; it computes nothing but display levels. Images keep their aspect
ratio with y pointing down (row 0 at the top, like the image). A stage's maps share
one colour scale, so their brightness can be compared: a diverging blue–white–red map
centred on 0 for signed maps, grey for maps that are never negative (range: see
``image_lab_pipeline.display_levels``).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from gui.image_lab.pipeline import PipelineResult, display_levels

STAGE_TITLES = {"input": "Input", "conv": "Conv", "pool": "Pooled", "depth": "Depth-pooled"}
SIGNED_CMAP = "CET-D1"  # diverging blue–white–red, white at 0
GREY_CMAP = "CET-L1"  # linear black→white
KERNEL_NUMBERS_MAX = 5  # write the weights on kernels up to 5×5
RECT_COLOUR = "#ffd400"  # receptive-field outline: yellow reads on grey and on blue/red
PIXEL_COLOUR = "#00e5ff"  # hovered output pixel
THUMB_PX = 84  # kernel thumbnails are this many pixels square


def format_weight(v: float) -> str:
    """A weight short enough for a kernel cell: 1, -2, 1/16 (exact small fractions), .11."""
    if float(v).is_integer():
        return str(int(v))
    frac = Fraction(v).limit_denominator(99)
    if abs(float(frac) - v) < 1e-6 * max(1.0, abs(v)):
        return f"{frac.numerator}/{frac.denominator}"
    text = f"{v:.2g}"
    return text.replace("0.", ".", 1) if abs(v) < 1 else text


class _Cell:
    """One drawn map: its view box, image item and where it sits in the pipeline."""

    def __init__(self, stage: str, index: int, vb: pg.ViewBox, item: pg.ImageItem) -> None:
        self.stage = stage  # which stage (STAGES)
        self.index = index  # which map of the stage (kernel index), 0 for input/depth
        self.vb = vb
        self.item = item


class StageView(pg.GraphicsLayoutWidget):
    """A GraphicsLayoutWidget showing every stage of the lab's pipeline."""

    pixelHovered = Signal(str, int, int, int)  # stage, map index, y, x (y-down image coords)
    hoverLeft = Signal()  # the pointer left every map

    def __init__(self, parent=None) -> None:
        super().__init__(parent, show=False)
        self.setObjectName("stageView")
        self.setBackground("#202124")
        self.ci.layout.setSpacing(4)
        self._structure: tuple | None = None
        self._shapes: dict[tuple[str, int], tuple[int, int]] = {}  # last drawn shape per map
        self._cells: list[_Cell] = []
        self._bars: dict[str, pg.ColorBarItem] = {}
        self._titles: dict[str, pg.LabelItem] = {}
        self._kernel_items: list[tuple[pg.ViewBox, pg.ImageItem, list[pg.TextItem]]] = []
        self._kernel_titles: list[pg.LabelItem] = []
        self._kernel_keys: dict[int, tuple] = {}  # what each thumbnail shows now
        self._result: PipelineResult | None = None
        self._rf_rect: QGraphicsRectItem | None = None
        self._pixel_rect: QGraphicsRectItem | None = None
        self._pixel_rect_vb: pg.ViewBox | None = None
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)

    # ------------------------------------------------------------------ drawing

    def show_result(self, result: PipelineResult) -> None:
        """Draw ``result``; rebuilds the grid only when the number of maps or stages changed."""
        stages = result.stage_names()
        n_k = len(result.kernels)
        structure = (tuple(stages), n_k, result.stages["input"].ndim)
        if structure != self._structure:
            self._build(stages, n_k, result.stages["input"].ndim == 3)
            self._structure = structure
        self._result = result
        for stage in stages:
            maps = result.stages[stage]
            if stage == "input":
                (lo, hi), signed = (0.0, 1.0), False
            else:  # the worker computed the colour scale; compute it here only if it did not
                (lo, hi), signed = result.levels.get(stage) or display_levels(maps)
            for cell in self._cells:
                if cell.stage != stage:
                    continue
                data = maps if stage == "input" or maps.ndim == 2 else maps[..., cell.index]
                cell.item.setImage(data, autoLevels=False, levels=(lo, hi))
            bar = self._bars.get(stage)
            if bar is not None:
                bar.setColorMap(pg.colormap.get(SIGNED_CMAP if signed else GREY_CMAP))
                bar.setLevels((lo, hi))
            self._titles[stage].setText(self._stage_title(stage, maps))
        for i, kernel in enumerate(result.kernels):
            self._draw_kernel(i, kernel.name, kernel.weights, result.stages["input"].ndim == 3)
        for cell in self._cells:  # a new image size: fit it again (else keep the learner's zoom)
            shape = cell.item.image.shape[:2]
            if self._shapes.get((cell.stage, cell.index)) != shape:
                self._shapes[(cell.stage, cell.index)] = shape
                cell.vb.autoRange(padding=0.0)

    def _stage_title(self, stage: str, maps: np.ndarray) -> str:
        shape = " × ".join(str(n) for n in maps.shape)
        if stage == "input":
            kind = "RGB" if maps.ndim == 3 else "grey"
            return f"<b>Input</b> {shape} ({kind})"
        n = maps.shape[2] if maps.ndim == 3 else 1
        maps_word = "map" if n == 1 else "maps"
        return f"<b>{STAGE_TITLES[stage]}</b> {shape} ({n} {maps_word})"

    def _build(self, stages: list[str], n_k: int, colour_input: bool) -> None:
        """Lay the grid out: titles in row 0, maps in rows 1…n_k."""
        self.clear()
        self._cells.clear()
        self._bars.clear()
        self._titles.clear()
        self._kernel_items.clear()
        self._kernel_titles.clear()
        self._kernel_keys.clear()
        self._rf_rect = self._pixel_rect = None
        self._pixel_rect_vb = None
        self._shapes.clear()
        col = 0
        for stage in stages:
            per_kernel = stage in ("conv", "pool")
            if stage == "conv":  # the kernel thumbnails sit in their own column, left of maps
                self.addItem(pg.LabelItem("<b>Kernels</b>", size="9pt", color="#e8eaed"),
                             row=0, col=col)
                for i in range(n_k):
                    self._add_kernel_thumb(i, col)
                self.ci.layout.setColumnStretchFactor(col, 0)  # thumbnails keep their size
                col += 1
            self.ci.layout.setColumnStretchFactor(col, 1)  # maps share the spare width
            title = pg.LabelItem("", size="9pt", color="#e8eaed")
            self.addItem(title, row=0, col=col, colspan=1)
            self._titles[stage] = title
            stage_items = []
            rows = range(n_k) if per_kernel else [0]
            for i in rows:
                vb = pg.ViewBox(lockAspect=True, invertY=True, enableMenu=True, defaultPadding=0)
                item = pg.ImageItem(axisOrder="row-major")
                vb.addItem(item)
                self.addItem(vb, row=1 + i, col=col, rowspan=1 if per_kernel else n_k)
                if stage_items:
                    vb.setXLink(stage_items[0].vb)
                    vb.setYLink(stage_items[0].vb)
                cell = _Cell(stage, i, vb, item)
                self._cells.append(cell)
                stage_items.append(cell)
            if stage == "input":
                pen = QPen(QColor(RECT_COLOUR), 2)
                pen.setCosmetic(True)  # 2 screen pixels wide at any zoom
                self._rf_rect = QGraphicsRectItem()
                self._rf_rect.setPen(pen)
                self._rf_rect.setZValue(10)
                self._rf_rect.hide()
                stage_items[0].vb.addItem(self._rf_rect, ignoreBounds=True)
            if not (stage == "input" and colour_input):  # an RGB image has no single scale
                bar = pg.ColorBarItem(values=(0, 1), width=12, interactive=False,
                                      colorMap=pg.colormap.get(GREY_CMAP), colorMapMenu=False)
                bar.setImageItem([c.item for c in stage_items])
                bar.getAxis("right").setWidth(38)
                self.addItem(bar, row=1, col=col + 1, rowspan=n_k)
                self.ci.layout.setColumnStretchFactor(col + 1, 0)
                self._bars[stage] = bar
                col += 2
            else:
                col += 1
        self._pixel_rect = QGraphicsRectItem()
        pen = QPen(QColor(PIXEL_COLOUR), 2)
        pen.setCosmetic(True)
        self._pixel_rect.setPen(pen)
        self._pixel_rect.setZValue(10)
        self._pixel_rect.hide()

    def _add_kernel_thumb(self, i: int, col: int) -> None:
        """A small view of kernel i (its weights written on it), with its name above."""
        sub = self.ci.addLayout(row=1 + i, col=col)
        sub.setContentsMargins(0, 0, 0, 0)
        name = sub.addLabel("", size="8pt", color="#e8eaed", row=0, col=0)
        vb = sub.addViewBox(row=1, col=0, lockAspect=True, invertY=True, enableMouse=False,
                            enableMenu=False, defaultPadding=0)
        vb.setFixedWidth(THUMB_PX)
        vb.setFixedHeight(THUMB_PX)
        sub.layout.setRowStretchFactor(2, 1)  # push the thumb to the top of its row
        sub.addLabel("", row=2, col=0)
        item = pg.ImageItem(axisOrder="row-major")
        vb.addItem(item)
        self._kernel_items.append((vb, item, []))
        self._kernel_titles.append(name)

    def _draw_kernel(self, i: int, name: str, weights: np.ndarray, colour_input: bool) -> None:
        key = (name, weights.shape, weights.tobytes(), colour_input)
        if self._kernel_keys.get(i) == key:  # unchanged: skip rebuilding its text items
            return
        self._kernel_keys[i] = key
        vb, item, texts = self._kernel_items[i]
        k = weights.shape[0]
        m = float(np.max(np.abs(weights))) or 1.0
        item.setImage(weights, autoLevels=False, levels=(-m, m))
        item.setColorMap(pg.colormap.get(SIGNED_CMAP))
        for t in texts:
            vb.removeItem(t)
        texts.clear()
        if k <= KERNEL_NUMBERS_MAX:
            labels = {rc: format_weight(float(v)) for rc, v in np.ndenumerate(weights)}
            longest = max(len(t) for t in labels.values())
            font = QFont()
            cell_px = THUMB_PX / k
            font.setPixelSize(int(max(7, min(14, 1.7 * cell_px / max(longest, 1.5)))))
            for (r, c), text in labels.items():
                t = pg.TextItem(text, color="#000000", anchor=(0.5, 0.5))
                t.setFont(font)
                t.setPos(c + 0.5, r + 0.5)
                vb.addItem(t)
                texts.append(t)
        vb.setRange(QRectF(0, 0, k, k), padding=0)
        suffix = " ×3 ch" if colour_input else ""
        self._kernel_titles[i].setText(f"{name} {k}×{k}{suffix}")

    # ------------------------------------------------------------------ hover

    def cell_at(self, scene_pos: QPointF) -> tuple[_Cell, int, int] | None:
        """The map under a scene position and the pixel (y, x) there, or None."""
        for cell in self._cells:
            if not cell.vb.sceneBoundingRect().contains(scene_pos):
                continue
            p = cell.vb.mapSceneToView(scene_pos)
            img = cell.item.image
            if img is None:
                return None
            y, x = math.floor(p.y()), math.floor(p.x())
            if 0 <= y < img.shape[0] and 0 <= x < img.shape[1]:
                return cell, y, x
            return None
        return None

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        hit = self.cell_at(scene_pos)
        if hit is None:
            self.hoverLeft.emit()
            return
        cell, y, x = hit
        self.pixelHovered.emit(cell.stage, cell.index, y, x)

    def mark(self, stage: str, index: int, y: int, x: int,
             window: tuple[int, int, int, int] | None) -> None:
        """Outline output pixel (y, x) of a map and its receptive field on the input."""
        if self._rf_rect is not None:
            if window is None:
                self._rf_rect.hide()
            else:
                y0, x0, y1, x1 = window
                self._rf_rect.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
                self._rf_rect.show()
        cell = next((c for c in self._cells if c.stage == stage and c.index == index), None)
        if cell is None or self._pixel_rect is None:
            return
        if self._pixel_rect_vb is not cell.vb:
            if self._pixel_rect_vb is not None and self._pixel_rect.scene() is not None:
                self._pixel_rect_vb.removeItem(self._pixel_rect)
            cell.vb.addItem(self._pixel_rect, ignoreBounds=True)
            self._pixel_rect_vb = cell.vb
        self._pixel_rect.setRect(QRectF(x, y, 1, 1))
        self._pixel_rect.setVisible(stage != "input")

    def clear_marks(self) -> None:
        """Hide the hover outlines."""
        for r in (self._rf_rect, self._pixel_rect):
            if r is not None:
                r.hide()

    # ------------------------------------------------------------------ for tests

    def colour_bars(self) -> dict[str, pg.ColorBarItem]:
        """The colour bar of each stage that has one (an RGB input has none)."""
        return dict(self._bars)

    def cells(self) -> list[tuple[str, int, pg.ViewBox, pg.ImageItem]]:
        """(stage, map index, view box, image item) of every drawn map."""
        return [(c.stage, c.index, c.vb, c.item) for c in self._cells]


__all__ = ["StageView", "format_weight"]
