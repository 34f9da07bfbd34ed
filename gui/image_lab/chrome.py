"""The image lab's toolbar and the information panel under the maps (built for ``ImageLab``).

Kept apart from ``lab`` so the tab's wiring reads on one screen; the widgets made here are set
as attributes of the lab (``samples_combo``, ``export_menu``, ``zoom_label``, ``shape_label``,
``status_label``, ``hover_label``), which is where the rest of the app finds them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


def build_toolbar(lab) -> QToolBar:
    """The lab's toolbar: open, samples, export, zoom (sets the lab's widgets as attributes)."""
    bar = QToolBar()
    bar.setObjectName("imageLabToolBar")
    bar.addAction(lab.open_action)
    lab.samples_combo = QComboBox()
    lab.samples_combo.setObjectName("sampleCombo")
    lab.samples_combo.setToolTip(translate("ImageLab", "Load one of the bundled sample images."))
    lab.samples_combo.addItem(translate("ImageLab", "Samples…"), None)
    for act in lab.sample_actions:
        lab.samples_combo.addItem(act.text(), act.data())
    lab.samples_combo.activated.connect(lab._on_sample_chosen)
    bar.addWidget(lab.samples_combo)
    lab.export_button = QToolButton()
    lab.export_button.setObjectName("exportButton")
    lab.export_button.setText(translate("ImageLab", "Export ▾"))
    lab.export_button.setToolTip(translate("ImageLab", "Save a stage's maps as a PNG picture or a .npy "
                                                       "array."))
    lab.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    lab.export_menu = QMenu(lab.export_button)
    lab.export_menu.aboutToShow.connect(lab._fill_export_menu)
    lab.export_button.setMenu(lab.export_menu)
    bar.addWidget(lab.export_button)
    bar.addSeparator()
    zooms = ((translate("ImageLab", "Fit"), translate("ImageLab", "Zoom the maps to fit (Ctrl+0)"),
              lambda: lab.view.fit()),
             ("−", translate("ImageLab", "Zoom out (Ctrl+−, or Ctrl+wheel)"), lambda: lab.view.zoom_by(0.8)),
             ("+", translate("ImageLab", "Zoom in (Ctrl+=, or Ctrl+wheel)"), lambda: lab.view.zoom_by(1.25)))
    for text, tip, slot in zooms:
        act = bar.addAction(text, slot)
        act.setToolTip(tip)
    lab.zoom_label = QLabel()
    lab.zoom_label.setObjectName("zoomLabel")
    lab.zoom_label.setToolTip(translate("ImageLab", "The size of each map on screen. The wheel scrolls; "
                                                    "Ctrl+wheel zooms."))
    bar.addWidget(lab.zoom_label)
    return bar

def build_info_panel(lab) -> QWidget:
    """The panel under the maps: the output-size formulas, the status and the hover text."""
    bottom = QWidget()
    b = QHBoxLayout(bottom)
    b.setContentsMargins(2, 2, 2, 2)
    left = QVBoxLayout()
    lab.shape_label = QLabel()
    lab.shape_label.setObjectName("outputShapeLabel")
    lab.shape_label.setToolTip(translate("ImageLab", "The output-size formula n_out = ⌊(n_in + 2p − k)/s⌋ "
                                                     "+ 1 with this layer's numbers."))
    lab.shape_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    left.addWidget(lab.shape_label)
    lab.status_label = QLabel()
    lab.status_label.setObjectName("labStatus")
    lab.status_label.setToolTip(translate("ImageLab", "How long the last filtering took, or that it is "
                                                      "running."))
    left.addWidget(lab.status_label)
    left.addStretch(1)
    b.addLayout(left, 2)
    lab.hover_label = QLabel(translate("ImageLab", "Hover over any output pixel to see its window, the "
                                                   "kernel and the weighted sum."))
    lab.hover_label.setObjectName("hoverInfo")
    lab.hover_label.setToolTip(translate("ImageLab", "The numbers behind the pixel under the mouse."))
    lab.hover_label.setStyleSheet("font-family: monospace;")
    lab.hover_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lab.hover_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    lab.hover_label.setWordWrap(True)  # prose wraps; the lab turns it off for a pixel's aligned table
    hover_scroll = QScrollArea()
    hover_scroll.setWidget(lab.hover_label)
    hover_scroll.setWidgetResizable(True)
    hover_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    b.addWidget(hover_scroll, 3)
    return bottom


__all__ = ["build_info_panel", "build_toolbar"]
