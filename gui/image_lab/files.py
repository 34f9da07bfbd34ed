"""The image lab's file dialogs and exports, kept apart from the tab's wiring.

Exports are written atomically (``image_io``): a half-written file never replaces a good one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from gui.image_lab.image_io import LARGE_SIDE, save_npy, save_png, supported_suffixes, tile_maps
from gui.image_lab.pipeline import PipelineResult
from gui.image_lab.view import STAGE_TITLES

EXPORT_KINDS = ((".png", "PNG picture", "PNG image (*.png)"),
                (".npy", "NumPy array", "NumPy array (*.npy)"))


def export_stage_maps(result: PipelineResult | None, stage: str, path: str | Path) -> None:
    """Write a stage's maps: .npy keeps exact values; .png shows them side by side.

    The PNG is normalised over the whole stage (min → black, max → white) so its maps
    stay comparable, as on screen; the input image is written as it is.
    """
    if result is None or stage not in result.stages:
        raise ValueError(f"there is no {stage!r} stage to export")
    maps = result.stages[stage]
    path = Path(path)
    if path.suffix.lower() == ".npy":
        save_npy(maps, path)
    elif path.suffix.lower() != ".png":
        raise ValueError(f"export to .png or .npy, not {path.suffix or 'no suffix'}")
    elif stage == "input":
        save_png(maps, path, normalise=False)
    else:
        save_png(tile_maps(maps) if maps.ndim == 3 else maps, path)


def fill_export_menu(menu: QMenu, result: PipelineResult | None,
                     choose: Callable[[str, str], None]) -> None:
    """One entry per stage and format; ``choose(stage, suffix)`` runs when one is picked."""
    menu.clear()
    if result is None:
        menu.addAction("Nothing to export yet").setEnabled(False)
        return
    for stage in result.stage_names():
        for suffix, what, _ in EXPORT_KINDS:
            act = menu.addAction(f"{STAGE_TITLES[stage]} maps as {what}…")
            act.triggered.connect(lambda _=False, s=stage, x=suffix: choose(s, x))


def ask_export_path(parent: QWidget, stage: str, suffix: str, stem: str) -> Path | None:
    """A save dialog for one stage; returns the path (with ``suffix``) or None if cancelled."""
    kind = next(k for s, _, k in EXPORT_KINDS if s == suffix)
    path, _ = QFileDialog.getSaveFileName(parent, f"Export {stage} maps",
                                          f"{stem}_{stage}{suffix}", kind)
    if not path:
        return None
    return Path(path if path.lower().endswith(suffix) else path + suffix)


def ask_open_path(parent: QWidget, folder: Path) -> Path | None:
    """An open dialog listing the formats Qt can read; None if cancelled."""
    patterns = " ".join(f"*.{s}" for s in supported_suffixes())
    path, _ = QFileDialog.getOpenFileName(parent, "Open image", str(folder),
                                          f"Images ({patterns});;All files (*)")
    return Path(path) if path else None


def ask_downscale(parent: QWidget, path: Path, h: int, w: int) -> bool | None:
    """Ask whether to downscale a large image: True (yes), False (no), None (cancel)."""
    buttons = (QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
               | QMessageBox.StandardButton.Cancel)
    answer = QMessageBox.question(
        parent, "Large image",
        f"{path.name} is {w}×{h} px. Filtering it will be slow. Downscale it so the longer "
        f"side is {LARGE_SIDE} px?", buttons, QMessageBox.StandardButton.Yes)
    if answer == QMessageBox.StandardButton.Cancel:
        return None
    return answer == QMessageBox.StandardButton.Yes


__all__ = ["ask_downscale", "ask_export_path", "ask_open_path", "export_stage_maps",
           "fill_export_menu"]
