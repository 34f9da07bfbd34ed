"""How the image-CNN tab is laid out: toolbars on top; the architecture | kernels, feature maps and
step-through | curves, errors, the canvas and the data set; status lines at the bottom.

Kept apart from tab.py (which wires the commands and answers) so each reads in one sitting.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gui.widgets.naming import name
from gui.widgets.wheel_guard import guard_fields

translate = QCoreApplication.translate


def _scrolled(widget: QWidget, obj: str) -> QScrollArea:
    guard_fields(widget)  # the wheel scrolls the page; a field takes it once focused
    area = QScrollArea()
    area.setObjectName(obj)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def _column(*widgets: QWidget) -> QWidget:
    box = QWidget()
    v = QVBoxLayout(box)
    v.setContentsMargins(2, 2, 2, 2)
    for w in widgets:
        v.addWidget(w)
    v.addStretch(1)
    return box


def build_panels(self, run_bar, data_bar) -> None:
    """Lay out ``self`` (an ImageCnnTab): the toolbars, the three panels, the status lines."""
    net_box = QGroupBox(translate("CnnPanels", "Architecture"))
    v = QVBoxLayout(net_box)
    v.addWidget(self.architecture)
    v.addWidget(self.editor)
    draw_page = QWidget()
    h = QHBoxLayout(draw_page)
    h.addWidget(self.canvas, 3)
    side = QVBoxLayout()
    side.addWidget(self.probabilities)
    side.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
    side.addStretch(1)
    h.addLayout(side, 2)
    column = _column(net_box)
    left = _scrolled(column, "cnnLeftPanel")
    # Never narrower than its contents (the editor's buttons, the formulas' widest word): a
    # squeezed splitter would otherwise cut them off at 1280×720; a scroll bar if all else fails.
    left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    left.setMinimumWidth(max(280, column.minimumSizeHint().width()
                             + left.verticalScrollBar().sizeHint().width() + 2))
    self.centre_tabs = QTabWidget()
    name(self.centre_tabs, "cnnCentreTabs", translate("CnnPanels", "Kernels, feature maps and step-through"))
    self.maps_page = _scrolled(_column(self.filters, self.feature_maps), "cnnMapsPage")
    # The maps scroll; the hovered cell's sum stays in sight under them (a learner hovering the
    # last layer has scrolled the page far from its top), as tall as its longest sum unless dragged.
    self.maps_split = QSplitter(Qt.Orientation.Vertical)
    name(self.maps_split, "cnnMapsSplit", translate("CnnPanels", "Maps and the hovered cell's sum"))
    self.maps_split.addWidget(self.maps_page)
    self.maps_split.addWidget(self.feature_maps.hover_box)
    self.maps_split.setStretchFactor(0, 1)
    self.maps_split.setStretchFactor(1, 0)
    self.maps_split.setChildrenCollapsible(False)
    self.centre_tabs.addTab(self.maps_split, translate("CnnPanels", "Kernels and feature maps"))
    self.centre_tabs.addTab(_scrolled(self.stepthrough, "cnnStepPage"),
                            translate("CnnPanels", "Step-through"))
    self.right_tabs = QTabWidget()
    name(self.right_tabs, "cnnRightTabs", translate("CnnPanels", "Errors and data"))
    self.right_tabs.addTab(_scrolled(_column(self.confusion, self.gallery), "cnnErrorsPage"),
                           translate("CnnPanels", "Errors"))
    self.draw_page = _scrolled(draw_page, "cnnDrawPage")
    self.right_tabs.addTab(self.draw_page, translate("CnnPanels", "Draw a digit"))
    self.right_tabs.addTab(_scrolled(self.data_preview, "cnnDataPage"), translate("CnnPanels", "Data set"))
    right = QSplitter(Qt.Orientation.Vertical)
    right.addWidget(self.curves)
    right.addWidget(self.right_tabs)
    right.setStretchFactor(0, 2)
    right.setStretchFactor(1, 3)
    self.splitter = QSplitter(Qt.Orientation.Horizontal)
    name(self.splitter, "cnnSplitter", translate("CnnPanels", "CNN tab panels"))
    for w in (left, self.centre_tabs, right):
        self.splitter.addWidget(w)
    self.splitter.setStretchFactor(0, 2)
    self.splitter.setStretchFactor(1, 4)
    self.splitter.setStretchFactor(2, 3)
    self.splitter.setSizes([300, 560, 500])
    self.splitter.setCollapsible(0, False)
    outer = QVBoxLayout(self)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(0)
    outer.addWidget(run_bar)
    outer.addWidget(data_bar)
    outer.addWidget(self.splitter, 1)
    outer.addWidget(self.folder_progress)
    outer.addWidget(self.status)
    outer.addWidget(self.message)
