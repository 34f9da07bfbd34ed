"""Combo boxes of code names (optimisers, modes, initialisers…) shown in the window's language.

Settings, workspace files, the command line and the tests use the code names ("gd",
"minibatch", "xavier"); a combo shows each one's label (in English the code name itself) and
keeps the code name as its item data, so code reads ``currentData()``, never the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

CONTEXT = "Choices"
_LABELS = {
    # optimisers (core.optimizers.OPTIMIZERS)
    "gd": QT_TRANSLATE_NOOP("Choices", "gd"),
    "momentum": QT_TRANSLATE_NOOP("Choices", "momentum"),
    "adam": QT_TRANSLATE_NOOP("Choices", "adam"),
    # training modes (core.chapter.trainer.MODES)
    "batch": QT_TRANSLATE_NOOP("Choices", "batch"),
    "sgd": QT_TRANSLATE_NOOP("Choices", "sgd"),
    "minibatch": QT_TRANSLATE_NOOP("Choices", "minibatch"),
    # initialisers (core.chapter.network.INITS)
    "chapter": QT_TRANSLATE_NOOP("Choices", "chapter"),
    "xavier": QT_TRANSLATE_NOOP("Choices", "xavier"),
    "he": QT_TRANSLATE_NOOP("Choices", "he"),
    # activations (core.activations.ACTIVATIONS)
    "sigmoid": QT_TRANSLATE_NOOP("Choices", "sigmoid"),
    "tanh": QT_TRANSLATE_NOOP("Choices", "tanh"),
    "relu": QT_TRANSLATE_NOOP("Choices", "relu"),
    "leaky_relu": QT_TRANSLATE_NOOP("Choices", "leaky_relu"),
    "linear": QT_TRANSLATE_NOOP("Choices", "linear"),
    # how a folder of images is read (the CNN tab)
    "auto": QT_TRANSLATE_NOOP("Choices", "auto"),
    "grey": QT_TRANSLATE_NOOP("Choices", "grey"),
    "rgb": QT_TRANSLATE_NOOP("Choices", "rgb"),
}


def choice_label(code: str) -> str:
    """The on-screen name of a code name (the code name itself when it has no label)."""
    source = _LABELS.get(code)
    return QCoreApplication.translate(CONTEXT, source) if source is not None else code


def fill_choices(combo: QComboBox, codes: Iterable[str]) -> None:
    """Add one entry per code name: its label shown, the code name as data."""
    for code in codes:
        combo.addItem(choice_label(code), code)


def choose(combo: QComboBox, code: str) -> bool:
    """Select the entry whose data is ``code``; False (nothing changed) when there is none."""
    index = combo.findData(code)
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0
