"""Draws a PipelineResult: one column per stage, one row per kernel, a colour bar per stage.

    Input │ kernels │ conv maps │ bar │ pooled maps │ bar │ depth-pooled map │ bar

The grid scrolls (the wheel scrolls, as everywhere else) and zooms (Ctrl+wheel, Ctrl+= / Ctrl+−,
Ctrl+0 to fit): at "fit" the cells are as large as the viewport allows but never smaller than
``MIN_SIDE``, so at 1280×720 nothing is cut off — it scrolls. Widgets are reused from one result
to the next; only a change in the number of stages or kernels moves them, and only new ones
are created (no rebuilding of the grid on every change). The view only paints: the display
images, colour scales and ranges come finished from the worker (``display``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QWheelEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from gui.image_lab.cells import BAR_TOTAL, THUMB_PX, ColourBar, KernelThumb, MapCell, outline_pens
from gui.image_lab.looks import OUTLINE, PIXEL, style_note
from gui.image_lab.names import label
from gui.image_lab.pipeline import PipelineResult
from gui.widgets.i18n import say

translate = QCoreApplication.translate

STAGE_TITLES = {  # translated where shown
    "input": QT_TRANSLATE_NOOP("StageView", "Input"), "conv": QT_TRANSLATE_NOOP("StageView", "Conv"),
    "pool": QT_TRANSLATE_NOOP("StageView", "Pooled"), "depth": QT_TRANSLATE_NOOP("StageView", "Depth-pooled"),
}
MIN_SIDE = 140  # "fit" never makes a map smaller than this (the grid scrolls instead)
MAX_SIDE = 8192
ZOOM_STEP = 1.25
SPACING = 6


def size_text(h: int, w: int) -> str:
    """A size as the lab writes it everywhere: width × height."""
    return f"{w}×{h}"


class StageView(QScrollArea):
    """The stage grid in a scroll area (objectName ``stageView``)."""

    pixelHovered = Signal(str, int, int, int)  # stage, map index, y, x (y-down map pixels)
    hoverLeft = Signal()  # the pointer left every map
    zoomChanged = Signal(int)  # the map side in pixels now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageView")
        self.setWidgetResizable(True)
        self.setToolTip(self.tr("Wheel: scroll · Ctrl+wheel: zoom · Ctrl+0: fit"))
        self._grid_host = QWidget()
        self._grid_host.setObjectName("stageGrid")
        outer = QVBoxLayout(self._grid_host)
        outer.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        self._grid = QGridLayout()
        self._grid.setSpacing(SPACING)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addLayout(self._grid)
        outer.addStretch(1)
        self.setWidget(self._grid_host)
        self._structure: tuple | None = None
        self._result: PipelineResult | None = None
        self._cells: dict[tuple[str, int], MapCell] = {}
        self._titles: dict[str, QLabel] = {}
        self._notes: dict[str, QLabel] = {}
        self._bars: dict[str, ColourBar] = {}
        self._thumbs: list[tuple[QWidget, QLabel, KernelThumb]] = []
        self._kernel_title = self._label(self.tr("<b>Kernels</b>"), "kernelsTitle")
        self._zoom: int | None = None  # None: fit to the viewport
        self._side = MIN_SIDE
        self._marked: MapCell | None = None
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(ZOOM_STEP)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(1 / ZOOM_STEP)),
                           (QKeySequence("Ctrl+0"), self.fit)):
            QShortcut(keys, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ------------------------------------------------------------------ building

    def _label(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self._grid_host)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def _cell(self, stage: str, index: int) -> MapCell:
        key = (stage, index)
        if key not in self._cells:
            cell = MapCell(stage, index, self._grid_host)
            cell.on_wheel = self._wheel_on
            cell.hovered.connect(self.pixelHovered)
            cell.left.connect(self.hoverLeft)
            self._cells[key] = cell
        return self._cells[key]

    def _thumb(self, i: int) -> tuple[QWidget, QLabel, KernelThumb]:
        while len(self._thumbs) <= i:
            box = QWidget(self._grid_host)
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            name = QLabel(box)
            thumb = KernelThumb(box)
            v.addWidget(name)
            v.addWidget(thumb)
            v.addStretch(1)
            box.setFixedWidth(THUMB_PX + 4)
            self._thumbs.append((box, name, thumb))
        return self._thumbs[i]

    def _relayout(self, stages: list[str], n_k: int, colour_input: bool) -> None:
        """Place the widgets for these stages and kernels, reusing the ones that exist."""
        grid = self._grid
        while grid.count():
            grid.takeAt(0)
        used: set[int] = set()
        col = 0
        for stage in stages:
            rows = n_k if stage in ("conv", "pool") else 1
            has_bar = not (stage == "input" and colour_input)
            if stage == "conv":
                grid.addWidget(self._kernel_title, 0, col)
                used.add(id(self._kernel_title))
                for i in range(n_k):
                    box = self._thumb(i)[0]
                    grid.addWidget(box, 2 + i, col, Qt.AlignmentFlag.AlignTop)
                    used.add(id(box))
                col += 1
            if stage not in self._titles:
                self._titles[stage] = self._label("", f"title_{stage}")
                self._notes[stage] = self._label("", f"note_{stage}")
                self._notes[stage].setWordWrap(True)
                style_note(self._notes[stage])
                self._bars[stage] = ColourBar(self._grid_host)
                self._bars[stage].setObjectName(f"bar_{stage}")
            span = 2 if has_bar else 1
            grid.addWidget(self._titles[stage], 0, col, 1, span)
            grid.addWidget(self._notes[stage], 1, col, 1, span)
            used.update({id(self._titles[stage]), id(self._notes[stage])})
            for i in range(rows):
                cell = self._cell(stage, i)
                grid.addWidget(cell, 2 + i, col, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                used.add(id(cell))
            if has_bar:
                grid.addWidget(self._bars[stage], 2, col + 1, rows, 1, Qt.AlignmentFlag.AlignTop)
                used.add(id(self._bars[stage]))
            col += span
        for w in self._grid_host.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            w.setVisible(id(w) in used)
        for key in [k for k, c in self._cells.items() if id(c) not in used]:
            if self._marked is self._cells[key]:
                self._marked = None
            self._cells.pop(key).deleteLater()

    # ------------------------------------------------------------------ drawing

    def show_result(self, result: PipelineResult) -> None:
        """Draw ``result`` (display images, scales and notes made by the worker)."""
        stages = result.stage_names()
        n_k = len(result.kernels)
        colour_input = result.stages["input"].ndim == 3
        structure = (tuple(stages), n_k, colour_input)
        relaid = structure != self._structure
        if relaid:
            self._relayout(stages, n_k, colour_input)
            self._structure = structure
        old_shapes = {k: c.shape for k, c in self._cells.items()}
        self._result = result
        for stage in stages:
            maps = result.stages[stage]
            levels = result.levels.get(stage)
            for i in range(n_k if stage in ("conv", "pool") else 1):
                source = maps if stage == "input" else maps[..., i] if maps.ndim == 3 else maps
                self._cells[(stage, i)].set_image(result.display[(stage, i)], source, levels)
            self._titles[stage].setText(self.stage_title(stage, maps))
            self._notes[stage].setText(result.notes.get(stage, ""))
            if levels is not None:
                self._bars[stage].set_levels(levels)
        for i, kernel in enumerate(result.kernels):
            _box, name, thumb = self._thumb(i)
            k = kernel.weights
            rgb = self.tr(" · RGB") if colour_input else ""
            name.setText(self.tr("{name}<br>{size}{rgb}").format(name=label(kernel.name),
                                                                 size=size_text(*k.shape), rgb=rgb))
            tip = self.tr("{name}: {explanation}").format(name=label(kernel.name),
                                                          explanation=say(kernel.explanation))
            if colour_input:
                tip += self.tr(" On an RGB image the same weights are applied to R, G and B and the "
                               "sums added.")
            name.setToolTip(tip)
            thumb.set_weights(k)
        if relaid or {k: c.shape for k, c in self._cells.items()} != old_shapes:
            self._apply_zoom()

    @staticmethod
    def stage_title(stage: str, maps) -> str:
        """e.g. "<b>Conv</b> 510×510 · 3 maps" (sizes always width × height)."""
        h, w = maps.shape[:2]
        if stage == "input":
            kind = translate("StageView", "RGB") if maps.ndim == 3 else translate("StageView", "grey")
            return translate("StageView", "<b>Input</b> {size} ({kind})").format(size=size_text(h, w),
                                                                                 kind=kind)
        n = maps.shape[2] if maps.ndim == 3 else 1
        title, size = translate("StageView", STAGE_TITLES[stage]), size_text(h, w)
        if n == 1:
            return translate("StageView", "<b>{title}</b> {size} · 1 map").format(title=title, size=size)
        return translate("StageView", "<b>{title}</b> {size} · {n} maps").format(title=title, size=size, n=n)

    def release_sources(self) -> None:
        """Drop references to the full-resolution maps (memory); the pictures stay."""
        self._result = None
        for cell in self._cells.values():
            cell.release_source()

    # ------------------------------------------------------------------ zoom

    def side(self) -> int:
        """The longer side of a map cell in pixels (the zoom)."""
        return self._side

    def fit(self) -> None:
        """Zoom so the grid fits the viewport (as far as MIN_SIDE allows)."""
        self._zoom = None
        self._apply_zoom()

    def set_side(self, side: int, anchor: QPoint | None = None) -> None:
        """Zoom to maps ``side`` pixels on their longer side, keeping ``anchor`` (viewport) in place."""
        side = int(max(48, min(MAX_SIDE, side)))
        if anchor is None:
            anchor = QPoint(self.viewport().width() // 2, self.viewport().height() // 2)
        old = self._side
        content = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value()) + anchor
        self._zoom = side
        self._apply_zoom()
        ratio = self._side / max(1, old)
        self._grid_host.adjustSize()
        self.horizontalScrollBar().setValue(round(content.x() * ratio - anchor.x()))
        self.verticalScrollBar().setValue(round(content.y() * ratio - anchor.y()))

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        self.set_side(round(self._side * factor), anchor)

    def _fit_side(self) -> int:
        """The largest side at which every column and every kernel row fits the viewport."""
        if self._structure is None:
            return MIN_SIDE
        stages, n_k, colour_input = self._structure
        bars = sum(1 for s in stages if not (s == "input" and colour_input))
        fixed = bars * (BAR_TOTAL + SPACING) + ("conv" in stages) * (THUMB_PX + 4 + SPACING)
        fixed += 2 * SPACING + len(stages) * SPACING + self.verticalScrollBar().sizeHint().width()
        widths = heights = 0.0  # per pixel of side: the grid's width, and one kernel row's height
        for stage in stages:
            h, w = self._cells[(stage, 0)].shape
            widths += w / max(h, w)
            if stage in ("conv", "pool") or n_k == 1:
                heights = max(heights, h / max(h, w))
        header = max(self._titles[s].sizeHint().height() + 3 * self._notes[s].sizeHint().height()
                     for s in stages) + 2 * SPACING
        rows_h = max(THUMB_PX + 20, 1) if "conv" in stages else 1
        by_width = (self.viewport().width() - fixed) / max(widths, 1e-9)
        by_height = ((self.viewport().height() - header - SPACING * (n_k + 1)) / n_k) / max(heights, 1e-9)
        side = min(by_width, by_height)
        if "conv" in stages and side * heights < rows_h:  # a row is at least a kernel thumbnail tall
            side = min(by_width, max(side, rows_h / max(heights, 1e-9)))
        return int(max(MIN_SIDE, min(side, MAX_SIDE)))

    def _apply_zoom(self) -> None:
        side = self._fit_side() if self._zoom is None else self._zoom
        self._side = side
        for cell in self._cells.values():
            h, w = cell.shape
            m = max(h, w, 1)
            cell.setFixedSize(max(1, round(side * w / m)), max(1, round(side * h / m)))
        if self._structure is not None:
            stages, n_k, _ = self._structure
            for stage in stages:
                rows = n_k if stage in ("conv", "pool") else 1
                cells = [self._cells[(stage, i)] for i in range(rows)]
                height = sum(c.height() for c in cells) + SPACING * (rows - 1)
                self._bars[stage].setFixedHeight(max(60, height))
                self._notes[stage].setMaximumWidth(max(c.width() for c in cells) + self._bars[stage].width())
        self.zoomChanged.emit(side)

    # ------------------------------------------------------------------ Qt

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt name)
        """Ctrl+wheel zooms about the pointer; the plain wheel scrolls (QScrollArea's own)."""
        self._wheel_on(event, self.viewport())

    def _wheel_on(self, event: QWheelEvent, widget: QWidget) -> None:
        """A wheel turn over ``widget`` (a map, or the viewport): zoom with Ctrl, else scroll."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                anchor = widget.mapTo(self.viewport(), event.position().toPoint()) if widget is not \
                    self.viewport() else event.position().toPoint()
                self.zoom_by(ZOOM_STEP ** steps, anchor)
            event.accept()
            return
        super().wheelEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """A new palette (theme): the notes take its colours."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            for label in self._notes.values():
                style_note(label, self.palette())
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self._zoom is None:
            self._apply_zoom()

    # ------------------------------------------------------------------ hover

    def mark(self, stage: str, index: int, y: int, x: int,
             window: tuple[int, int, int, int] | None) -> None:
        """Outline output pixel (y, x) of a map and its receptive field on the input."""
        inp = self._cells.get(("input", 0))
        if inp is not None:
            inp.set_outline(window, OUTLINE)
        cell = self._cells.get((stage, index))
        if self._marked is not None and self._marked is not cell and self._marked is not inp:
            self._marked.set_outline(None)
        if cell is not None and stage != "input":
            cell.set_outline((y, x, y + 1, x + 1), PIXEL)
            self._marked = cell

    def clear_marks(self) -> None:
        """Hide the hover outlines."""
        for cell in self._cells.values():
            cell.set_outline(None)
        self._marked = None

    # ------------------------------------------------------------------ for tests and the lab

    def cells(self) -> list[tuple[str, int, MapCell]]:
        """(stage, map index, cell) of every drawn map, in grid order."""
        order = {s: n for n, s in enumerate(STAGE_TITLES)}
        return sorted(((s, i, c) for (s, i), c in self._cells.items() if c.isVisibleTo(self)),
                      key=lambda t: (order[t[0]], t[1]))

    def cell(self, stage: str, index: int = 0) -> MapCell | None:
        return self._cells.get((stage, index))

    def colour_bars(self) -> dict[str, ColourBar]:
        """The colour bar of each stage that has one (an RGB input has none)."""
        return {s: b for s, b in self._bars.items() if b.isVisibleTo(self)}

    def note_text(self, stage: str) -> str:
        """The line under a stage's title: its colour scale, clipping and true range."""
        label = self._notes.get(stage)
        return label.text() if label is not None and label.isVisibleTo(self) else ""

    def title_text(self, stage: str) -> str:
        label = self._titles.get(stage)
        return label.text() if label is not None and label.isVisibleTo(self) else ""

    @staticmethod
    def outline_pens():
        """(halo, line) pens of the receptive-field outline."""
        return outline_pens(OUTLINE)


__all__ = ["MIN_SIDE", "STAGE_TITLES", "StageView", "size_text"]
