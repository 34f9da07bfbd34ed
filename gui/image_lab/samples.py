"""The sample images bundled in resources/images/, and which one the lab opens first.

The brick wall opens first (its straight edges make the Sobel kernels' work obvious); all
three are CC0 images as redistributed in scikit-image's sample data (resources/images/LICENSES.md). The menu
texts are marked here and translated where the menu is built (``gui.image_lab.actions``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.resources import RESOURCES

SAMPLES = {  # file → menu text (translated where shown); brick is the chapter's example and the default
    "brick.png": QT_TRANSLATE_NOOP("ImageLab", "Brick wall (grey)"),
    "camera.png": QT_TRANSLATE_NOOP("ImageLab", "Camera man (grey)"),
    "chelsea.png": QT_TRANSLATE_NOOP("ImageLab", "Chelsea the cat (RGB)"),
}
DEFAULT_SAMPLE = "brick.png"


def sample_path(name: str) -> Path:
    """Path of a bundled sample image in resources/images/."""
    return RESOURCES / "images" / name


__all__ = ["DEFAULT_SAMPLE", "SAMPLES", "sample_path"]
