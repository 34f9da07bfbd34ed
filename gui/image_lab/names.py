"""What the lab calls its kernels and choices on screen, in the window's language.

``PipelineSettings`` keeps the code names ("sobel-x", "zeros", "max"): they are what workspace
files, the ``filter`` command and the tests use. Only the widgets show these labels (the
English label is the code name itself), and they keep the code name as item data.
"""

from __future__ import annotations

from gui.widgets.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "LabNames"
_LABELS = {
    # kernels (core.image_ops.kernels.KERNELS, the user's own, and the 1D network's learned ones)
    "identity": QT_TRANSLATE_NOOP("LabNames", "identity"),
    "box": QT_TRANSLATE_NOOP("LabNames", "box"),
    "gaussian": QT_TRANSLATE_NOOP("LabNames", "gaussian"),
    "sharpen": QT_TRANSLATE_NOOP("LabNames", "sharpen"),
    "sobel-x": QT_TRANSLATE_NOOP("LabNames", "sobel-x"),
    "sobel-y": QT_TRANSLATE_NOOP("LabNames", "sobel-y"),
    "prewitt-x": QT_TRANSLATE_NOOP("LabNames", "prewitt-x"),
    "prewitt-y": QT_TRANSLATE_NOOP("LabNames", "prewitt-y"),
    "laplacian": QT_TRANSLATE_NOOP("LabNames", "laplacian"),
    "emboss": QT_TRANSLATE_NOOP("LabNames", "emboss"),
    "outline": QT_TRANSLATE_NOOP("LabNames", "outline"),
    "random": QT_TRANSLATE_NOOP("LabNames", "random"),
    "custom": QT_TRANSLATE_NOOP("LabNames", "custom"),
    "learned-h": QT_TRANSLATE_NOOP("LabNames", "learned-h"),
    "learned-v": QT_TRANSLATE_NOOP("LabNames", "learned-v"),
    # padding modes
    "zeros": QT_TRANSLATE_NOOP("LabNames", "zeros"),
    "constant": QT_TRANSLATE_NOOP("LabNames", "constant"),
    "nearest": QT_TRANSLATE_NOOP("LabNames", "nearest"),
    "reflect": QT_TRANSLATE_NOOP("LabNames", "reflect"),
    # activations
    "none": QT_TRANSLATE_NOOP("LabNames", "none"),
    "relu": QT_TRANSLATE_NOOP("LabNames", "relu"),
    "leaky_relu": QT_TRANSLATE_NOOP("LabNames", "leaky_relu"),
    "sigmoid": QT_TRANSLATE_NOOP("LabNames", "sigmoid"),
    "tanh": QT_TRANSLATE_NOOP("LabNames", "tanh"),
    "linear": QT_TRANSLATE_NOOP("LabNames", "linear"),
    # pooling
    "max": QT_TRANSLATE_NOOP("LabNames", "max"),
    "avg": QT_TRANSLATE_NOOP("LabNames", "avg"),
}


def label(code_name: str) -> str:
    """The on-screen name of a kernel, padding mode, activation or pooling operation."""
    source = _LABELS.get(code_name)
    return translate(CONTEXT, source) if source is not None else code_name
