"""The lab's actions — open an image, load a bundled sample — made apart from the lab itself.

The main window puts them in its File menu and toolbar before the Image lab tab exists: the tab
is built the first time it is shown (start-up time), so the actions reach the lab through a
function that returns it, building it then if need be. This module imports no part of the lab.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from gui.image_lab.samples import SAMPLES, sample_path

translate = QCoreApplication.translate


class LabActions:
    """``open_action`` (Ctrl+Shift+O) and one action per bundled sample, acting on ``lab()``.

    ``before`` runs first (the window brings the lab's tab to the front: a learner who picks a
    sample from the File menu sees it load).
    """

    def __init__(self, parent: QObject, lab: Callable[[], object],
                 before: Callable[[], None] | None = None) -> None:
        self._lab, self._before = lab, before
        self.open_action = QAction(translate("ImageLab", "Open image…"), parent)
        self.open_action.setObjectName("actionOpenImage")
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_action.setToolTip(translate("ImageLab", "Open an image file (PNG, JPEG, BMP, GIF, TIFF, "
                                                          "WebP) in the Image lab."))
        self.open_action.triggered.connect(lambda _=False: self._target().open_dialog())
        self.sample_actions: list[QAction] = []
        for file, text in SAMPLES.items():
            act = QAction(translate("ImageLab", text), parent)  # SAMPLES' texts are marked in samples.py
            act.setObjectName(f"actionSample{Path(file).stem.capitalize()}")
            act.setToolTip(translate("ImageLab", "Load the bundled sample image {file}.").format(file=file))
            act.setData(file)
            act.triggered.connect(lambda _=False, f=file: self._target().load_file(sample_path(f)))
            self.sample_actions.append(act)

    def _target(self):
        if self._before is not None:
            self._before()
        return self._lab()


__all__ = ["LabActions"]
