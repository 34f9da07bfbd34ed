"""File dialogs that start in a sensible folder and remember the last one, per purpose.

Every open or save dialog of the app goes through ``ask_open_path`` / ``ask_save_path`` with a
short ``key`` saying what it is for ("imageLab/open", "workspace", "export/plots"…). The folder
the learner last used for that key is stored in QSettings as ``dialogs/<key>``; the first time,
a dialog starts in the user's Pictures (images) or Documents folder — never in the folder the
app was started from (the source checkout, for a developer).

Pass ``settings`` (a QSettings) to choose where folders are stored: the window passes its own;
tests pass a temporary one. Without it the application's default QSettings is used.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

PREFIX = "dialogs/"
_KIND = {"pictures": QStandardPaths.StandardLocation.PicturesLocation,
         "documents": QStandardPaths.StandardLocation.DocumentsLocation}


def default_folder(kind: str = "documents") -> Path:
    """The user's Pictures or Documents folder if it exists, else the home folder."""
    for loc in (_KIND.get(kind, _KIND["documents"]), QStandardPaths.StandardLocation.HomeLocation):
        for folder in QStandardPaths.standardLocations(loc):
            if folder and Path(folder).is_dir():
                return Path(folder)
    return Path.home()


def _store(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def last_folder(key: str, settings: QSettings | None = None, kind: str = "documents") -> Path:
    """The folder the ``key`` dialog should start in: the last one used, if it still exists."""
    value = _store(settings).value(PREFIX + key)
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return default_folder(kind)


def remember_folder(key: str, path: str | Path, settings: QSettings | None = None) -> None:
    """Store the folder of ``path`` (or ``path`` itself, if a folder) for the ``key`` dialog."""
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    store = _store(settings)
    store.setValue(PREFIX + key, str(folder))
    store.sync()


def ask_open_path(parent: QWidget | None, key: str, caption: str, filters: str,
                  settings: QSettings | None = None, kind: str = "documents") -> Path | None:
    """An open dialog starting in the ``key`` folder; remembers the chosen folder. None if cancelled."""
    start = last_folder(key, settings, kind)
    path, _ = QFileDialog.getOpenFileName(parent, caption, str(start), filters)
    if not path:
        return None
    remember_folder(key, path, settings)
    return Path(path)


def ask_save_path(parent: QWidget | None, key: str, caption: str, filters: str, suggested_name: str,
                  settings: QSettings | None = None, suffix: str | None = None,
                  kind: str = "documents") -> Path | None:
    """A save dialog proposing ``suggested_name`` in the ``key`` folder; adds ``suffix`` if missing.

    Remembers the folder of the chosen path. None if cancelled.
    """
    start = last_folder(key, settings, kind) / suggested_name
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(start), filters)
    if not path:
        return None
    if suffix and not path.lower().endswith(suffix.lower()):
        path += suffix
    remember_folder(key, path, settings)
    return Path(path)


__all__ = ["PREFIX", "ask_open_path", "ask_save_path", "default_folder", "last_folder", "remember_folder"]
