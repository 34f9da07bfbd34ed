"""The window's title: the app, the experiment shown, and the workspace file with "•" for unsaved changes."""

from __future__ import annotations

from pathlib import Path

APP_TITLE = "CNN Visualiser"
TITLES = {"1": "experiment 1 (the chapter's sample)", "2": "experiment 2 (the chapter's 10 images)",
          "synthetic": "synthetic images", "classes": "3 classes"}


def experiment_title(config: dict) -> str:
    """What the window's title calls the applied experiment."""
    exp = str(config.get("experiment") or "1")
    if exp == "csv":
        return Path(str(config.get("csv_path") or "a CSV file")).name
    return TITLES.get(exp, TITLES["1"])
K_EXPERIMENT, K_LAB, K_PRECISION, K_LABELS = (
    "experiment/config", "imageLab/state", "view/precision", "view/labels")


def window_title(config: dict, path: str | None, dirty: bool) -> str:
    """"CNN Visualiser — experiment 2 (the chapter's 10 images)", after the file's name when there
    is one, with "•" while there are unsaved changes."""
    shown = f"{APP_TITLE} — {experiment_title(config)}"
    if path is None and not dirty:
        return shown
    name = Path(path).name if path else "Untitled"
    return f"{'• ' if dirty else ''}{name} — {shown}"
