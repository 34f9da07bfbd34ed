"""The window's title: the app, the experiment shown, and the workspace file with "•" for unsaved changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

translate = QCoreApplication.translate
APP_TITLE = "CNN Visualiser"  # the program's name, the same in every language
TITLES = {  # translated where shown
    "1": QT_TRANSLATE_NOOP("WindowTitle", "experiment 1 (the chapter's sample)"),
    "2": QT_TRANSLATE_NOOP("WindowTitle", "experiment 2 (the chapter's 10 images)"),
    "synthetic": QT_TRANSLATE_NOOP("WindowTitle", "synthetic images"),
    "classes": QT_TRANSLATE_NOOP("WindowTitle", "3 classes"),
}


def experiment_title(config: dict) -> str:
    """What the window's title calls the applied experiment."""
    exp = str(config.get("experiment") or "1")
    if exp == "csv":
        return Path(str(config.get("csv_path") or translate("WindowTitle", "a CSV file"))).name
    return translate("WindowTitle", TITLES.get(exp, TITLES["1"]))
K_EXPERIMENT, K_LAB, K_PRECISION, K_LABELS = (
    "experiment/config", "imageLab/state", "view/precision", "view/labels")


def window_title(config: dict, path: str | None, dirty: bool) -> str:
    """"CNN Visualiser — experiment 2 (the chapter's 10 images)", after the file's name when there
    is one, with "•" while there are unsaved changes."""
    shown = f"{APP_TITLE} — {experiment_title(config)}"
    if path is None and not dirty:
        return shown
    name = Path(path).name if path else translate("WindowTitle", "Untitled")
    return f"{'• ' if dirty else ''}{name} — {shown}"
