"""The image lab's files: what opening an image will cost (asked before decoding), dialogs, exports.

Opening checks the header first: past the hard pixel limit an image is refused at once (no
question about downscaling an image that would then be refused anyway); a large image, or one
whose filtering with the current settings would pass the memory limit, is offered a downscale
with both estimates named. Exports are written atomically (``image_io``): a half-written file
never replaces a good one. Dialogs remember their folder (``gui.widgets.file_dialogs``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from gui.image_lab.image_io import (
    LARGE_SIDE,
    MAX_PIXELS,
    ImageLoadError,
    image_header,
    save_maps_png,
    save_npy,
    supported_suffixes,
)
from gui.image_lab.limits import MAX_FILTER_BYTES
from gui.image_lab.pipeline import PipelineResult, PipelineSettings, build_kernels, estimate_bytes, gigabytes
from gui.image_lab.view import STAGE_TITLES
from gui.widgets.file_dialogs import ask_open_path as _ask_open
from gui.widgets.file_dialogs import ask_save_path

translate = QCoreApplication.translate

EXPORT_KINDS = (  # suffix, what (menu), dialog filter: translated where shown
    (".png", QT_TRANSLATE_NOOP("ImageLab", "PNG picture"),
     QT_TRANSLATE_NOOP("ImageLab", "PNG image (*.png)")),
    (".npy", QT_TRANSLATE_NOOP("ImageLab", "NumPy array"),
     QT_TRANSLATE_NOOP("ImageLab", "NumPy array (*.npy)")),
)
OPEN_KEY, EXPORT_KEY = "imageLab/open", "imageLab/export"


def export_stage_maps(result: PipelineResult | None, stage: str, path: str | Path) -> None:
    """Write a stage's maps: .npy keeps exact values; .png shows them side by side.

    The PNG is normalised over the whole stage (min → black, max → white) so its maps
    stay comparable, as on screen; the input image is written as it is.
    """
    if result is None or stage not in result.stages:
        raise ValueError(translate("ImageLab", "there is no {stage!r} stage to export").format(stage=stage))
    maps = result.stages[stage]
    path = Path(path)
    if path.suffix.lower() == ".npy":
        save_npy(maps, path)
    elif path.suffix.lower() != ".png":
        if path.suffix:
            raise ValueError(translate("ImageLab", "export to .png or .npy, not {0}").format(path.suffix))
        raise ValueError(translate("ImageLab", "export to .png or .npy, not no suffix"))
    else:
        save_maps_png(maps, path, normalise=stage != "input", rgb=stage == "input")


def fill_export_menu(menu: QMenu, result: PipelineResult | None,
                     choose: Callable[[str, str], None]) -> None:
    """One entry per stage and format; ``choose(stage, suffix)`` runs when one is picked."""
    menu.clear()
    if result is None:
        menu.addAction(translate("ImageLab", "Nothing to export yet")).setEnabled(False)
        return
    for stage in result.stage_names():
        for suffix, what, _ in EXPORT_KINDS:
            act = menu.addAction(translate("ImageLab", "{stage} maps as {what}…").format(
                stage=translate("StageView", STAGE_TITLES[stage]), what=translate("ImageLab", what)))
            act.triggered.connect(lambda _=False, s=stage, x=suffix: choose(s, x))


def ask_export_path(parent: QWidget, stage: str, suffix: str, stem: str,
                    settings: QSettings | None = None) -> Path | None:
    """A save dialog for one stage (remembers its folder); the path (with ``suffix``) or None."""
    kind = translate("ImageLab", next(k for s, _, k in EXPORT_KINDS if s == suffix))
    title = translate("ImageLab", "Export {stage} maps").format(
        stage=translate("StageView", STAGE_TITLES[stage]))
    return ask_save_path(parent, EXPORT_KEY, title, kind, f"{stem}_{stage}{suffix}",
                         settings, suffix=suffix, kind="pictures")


def ask_open_path(parent: QWidget, settings: QSettings | None = None) -> Path | None:
    """An open dialog listing the formats Qt can read (remembers its folder); None if cancelled."""
    patterns = " ".join(f"*.{s}" for s in supported_suffixes())
    filters = translate("ImageLab", "Images ({patterns});;All files (*)").format(patterns=patterns)
    return _ask_open(parent, OPEN_KEY, translate("ImageLab", "Open image"), filters, settings,
                     kind="pictures")


# ----------------------------------------------------------------------------- opening


def memory_for(h: int, w: int, channels: int, settings: PipelineSettings) -> int:
    """Bytes the window would hold filtering an h×w image: the image, this result and the last."""
    try:
        kernels = build_kernels(settings)
        n_k, k = len(kernels), kernels[0].weights.shape[0]
    except ValueError:
        n_k, k = 1, 3
    shape = (h, w, channels) if channels > 1 else (h, w)
    try:
        stages = estimate_bytes(shape, settings, n_k, k)
    except ValueError:  # the kernel does not fit this size: the filter will say why
        stages = 0
    return h * w * channels * 4 + 2 * stages


def scaled_size(h: int, w: int, side: int = LARGE_SIDE) -> tuple[int, int]:
    """(h, w) scaled so the longer side is ``side`` (as ``load_image(max_side=…)`` does)."""
    scale = side / max(h, w)
    return max(1, round(h * scale)), max(1, round(w * scale))


def open_decision(path: Path, settings: PipelineSettings,
                  ask: Callable[[Path, int, int], bool | None]) -> int | None | bool:
    """Read the header and decide: the ``max_side`` to load with (None: full size), or False
    when the learner cancelled. Refuses (ImageLoadError) past the hard pixel limit, before asking.
    """
    h, w, channels = image_header(path)
    if h * w > MAX_PIXELS:
        raise ImageLoadError(
            translate("ImageLab", "{name}: the image is {w}×{h} = {mp:.0f} megapixels, more than the "
                      "limit of {limit:.0f} megapixels; it was not opened (decoding it could exhaust "
                      "memory). Scale it down in an image editor first.").format(
                name=path.name, w=w, h=h, mp=h * w / 1e6, limit=MAX_PIXELS / 1e6))
    if max(h, w) <= LARGE_SIDE and memory_for(h, w, channels, settings) <= MAX_FILTER_BYTES:
        return None
    answer = ask(path, h, w)
    if answer is None:
        return False
    return LARGE_SIDE if answer else None


def downscale_question(path: Path, h: int, w: int, settings: PipelineSettings, channels: int = 3) -> str:
    """The question asked before opening a large image, with both memory estimates."""
    full = memory_for(h, w, channels, settings)
    sh, sw = scaled_size(h, w)
    small = memory_for(sh, sw, channels, settings)
    over = (translate("ImageLab", " — more than the lab's limit of {0}, so it would be refused").format(
        gigabytes(MAX_FILTER_BYTES)) if full > MAX_FILTER_BYTES else "")
    return translate("ImageLab", "{name} is {w}×{h} px. Filtering it at full size with the current settings "
                     "needs about {full} of memory{over}, and each change will be slower.\n\n"
                     "Downscale it to {sw}×{sh} px (about {small})?").format(
        name=path.name, w=w, h=h, full=gigabytes(full), over=over, sw=sw, sh=sh, small=gigabytes(small))


def ask_downscale(parent: QWidget, path: Path, h: int, w: int,
                  settings: PipelineSettings | None = None) -> bool | None:
    """Ask whether to downscale a large image: True (yes), False (no), None (cancel)."""
    buttons = (QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
               | QMessageBox.StandardButton.Cancel)
    try:
        channels = image_header(path)[2]
    except ImageLoadError:
        channels = 3
    text = downscale_question(path, h, w, settings or PipelineSettings(), channels)
    answer = QMessageBox.question(parent, translate("ImageLab", "Large image"), text, buttons,
                                  QMessageBox.StandardButton.Yes)
    if answer == QMessageBox.StandardButton.Cancel:
        return None
    return answer == QMessageBox.StandardButton.Yes


__all__ = ["ask_downscale", "ask_export_path", "ask_open_path", "downscale_question", "export_stage_maps",
           "fill_export_menu", "memory_for", "open_decision", "scaled_size"]
