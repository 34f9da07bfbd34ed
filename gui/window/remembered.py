"""What the window remembers between launches (QSettings), and how it says so.

The experiment panel's options, the image lab's image and settings, the label precision. A
setting that changes the numbers a learner sees — the learning rate, the optimiser, dropout, the
shape… — is restored *visibly*: the status bar lists every one that differs from the chapter's,
so a run never quietly ends elsewhere than the chapter's because of a choice made last week.
Stored values are checked (gui/window/settings.py); a bad one is ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.formatting import fmt
from gui.image_lab.samples import sample_path
from gui.widgets.choices import choice_label
from gui.window.settings import experiment_from_text, experiment_to_text, lab_settings_from

translate = QCoreApplication.translate

K_EXPERIMENT, K_LAB, K_PRECISION, K_LABELS = (
    "experiment/config", "imageLab/state", "view/precision", "view/labels")
CHAPTER = {"lr": 0.2, "mode": "batch", "optimizer": "gd", "init": "chapter", "activation": "sigmoid",
           "lr_decay": 1.0, "seed": 13, "n_kernels": 1, "kernel_size": 3, "stride": 1, "padding": 0,
           "dropout": 0.0}
WORDS = {"lr": "η", "mode": QT_TRANSLATE_NOOP("Remembered", "mode"),  # translated where shown
         "optimizer": QT_TRANSLATE_NOOP("Remembered", "optimiser"),
         "init": QT_TRANSLATE_NOOP("Remembered", "initialiser"),
         "activation": QT_TRANSLATE_NOOP("Remembered", "activation"),
         "lr_decay": QT_TRANSLATE_NOOP("Remembered", "η decay"),
         "seed": QT_TRANSLATE_NOOP("Remembered", "seed"),
         "n_kernels": QT_TRANSLATE_NOOP("Remembered", "kernels"),
         "kernel_size": QT_TRANSLATE_NOOP("Remembered", "kernel size"),
         "stride": QT_TRANSLATE_NOOP("Remembered", "stride"),
         "padding": QT_TRANSLATE_NOOP("Remembered", "padding"),
         "dropout": QT_TRANSLATE_NOOP("Remembered", "dropout")}


def differences(cfg: dict) -> list[str]:
    """The result-changing settings in ``cfg`` that are not the chapter's, as "name value" words."""
    out = []
    for key, chapter in CHAPTER.items():
        value = cfg.get(key)
        if value is None or value == chapter:
            continue
        shown = fmt(value) if isinstance(value, float) else choice_label(str(value))
        out.append(f"{translate('Remembered', WORDS[key])} {shown}")
    return out


def restore_session(files) -> str:
    """Put the last session's settings back; returns the sentence that says what differs ("" if none)."""
    s, win = files.settings, files.window
    cfg = experiment_from_text(s.value(K_EXPERIMENT))
    if cfg.get("experiment") == "csv":
        path = cfg.get("csv_path")
        if not (isinstance(path, str) and Path(path).is_file() and win.experiment_panel.load_csv(path)):
            cfg.pop("experiment")
    if cfg.get("experiment") == "1" and "X" not in cfg:
        cfg.pop("experiment")
    notice = ""
    if cfg:
        try:
            win.experiment_panel.set_config(cfg)
        except Exception:  # noqa: BLE001 - a stored value the panel refuses: keep its own
            cfg = {}
        else:
            try:
                applied = {**win.experiment_panel.config(), **win.experiment_panel.shape()}
            except ValueError:
                applied = {}
            diff = differences(applied)
            if diff:
                notice = (translate("Remembered", "Restored from your last session: {0} — not the "
                                                  "chapter's settings (the Experiment and Shape "
                                                  "tabs show them).").format(
                    ', '.join(diff)))
    try:
        lab = json.loads(s.value(K_LAB)) if isinstance(s.value(K_LAB), str) else None
    except ValueError:
        lab = None
    files.apply_lab_state(lab)
    prec = s.value(K_PRECISION)
    try:
        p = int(prec) if prec is not None else None
    except (TypeError, ValueError):
        p = None
    spin = win.actions_.precision
    if p is not None and spin.minimum() <= p <= spin.maximum():
        spin.setValue(p)
    labels = s.value(K_LABELS)
    if isinstance(labels, (bool, str)) and str(labels).lower() in ("true", "false"):
        win.actions_.show_labels.setChecked(str(labels).lower() == "true")
    return notice


def remember_session(files) -> None:
    """Store the settings for the next launch."""
    s, win = files.settings, files.window
    try:
        s.setValue(K_EXPERIMENT, experiment_to_text(win.experiment_panel.config()))
    except ValueError:
        pass  # an invalid form is not remembered
    lab = win.lab_slot.state(build=False)  # None: never opened, nothing pending — what is stored stays
    if lab is not None:
        s.setValue(K_LAB, json.dumps(lab))
    s.setValue(K_PRECISION, win.actions_.precision.value())
    s.setValue(K_LABELS, win.actions_.show_labels.isChecked())
    s.sync()


def lab_image(state) -> Path | None:
    """The image file a stored lab state names, if it exists (a bundled sample by its name)."""
    image = state.get("image") if isinstance(state, dict) else None
    if not (isinstance(image, str) and image):
        return None
    p = Path(image)
    if not p.is_file() and sample_path(p.name).is_file():
        p = sample_path(p.name)  # a bundled sample saved on another machine
    return p if p.is_file() else None


def apply_lab_state(lab, state, message) -> None:
    """Load the lab's image (if it exists) and settings; bad values are ignored."""
    if not isinstance(state, dict):
        return
    image = state.get("image")
    if isinstance(image, str) and image:
        p = lab_image(state)
        if p is not None:
            if lab.loaded is None or Path(lab.loaded.path) != p:
                lab.load_file(p)
        else:
            message(translate("Remembered", "The image {image} is missing; the lab keeps its "
                                            "current image.").format(
                image=image))
    settings = lab_settings_from(state.get("settings"), lab.settings())
    if settings is not None:
        try:
            lab.set_settings(settings)
        except Exception:  # noqa: BLE001, S110 - a stored value the controls cannot show
            pass
