"""File → Open recent: the last workspaces, remembered in QSettings, pruned when they are gone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtWidgets import QMenu

MAX_RECENT = 8
KEY = "files/recent"


class RecentFiles(QObject):
    """The list and its menu; ``open_file(path)`` is called when the learner picks one."""

    def __init__(self, settings: QSettings, menu: QMenu, open_file: Callable[[str], None],
                 message: Callable[[str], None]) -> None:
        super().__init__(menu)
        self.settings, self.menu = settings, menu
        self._open, self._message = open_file, message
        menu.setObjectName("menuRecent")
        menu.setToolTipsVisible(True)
        menu.aboutToShow.connect(self._about_to_show)

    def files(self) -> list[str]:
        raw = self.settings.value(KEY)
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, (list, tuple)):
            return []
        out: list[str] = []
        for p in raw:
            if isinstance(p, str) and p and p not in out:
                out.append(p)
        return out[:MAX_RECENT]

    def set_files(self, files: list[str]) -> None:
        self.settings.setValue(KEY, list(files[:MAX_RECENT]))
        self.refresh()

    def add(self, path: str) -> None:
        path = str(Path(path).resolve())
        self.set_files([path] + [p for p in self.files() if p != path])

    def forget(self, path: str) -> None:
        self.set_files([p for p in self.files() if p not in (path, str(Path(path).resolve()))])

    def prune(self) -> list[str]:
        """Drop files that no longer exist; says so in the status bar; returns the dropped ones."""
        files = self.files()
        gone = [p for p in files if not Path(p).is_file()]
        if gone:
            self.settings.setValue(KEY, [p for p in files if p not in gone])
            names = ", ".join(Path(p).name for p in gone)
            self._message(self.tr("Removed from Open Recent (no longer there): {names}.").format(names=names))
        return gone

    @Slot()
    def _about_to_show(self) -> None:
        self.prune()
        self.refresh()

    def refresh(self) -> None:
        menu = self.menu
        menu.clear()
        files = self.files()
        for i, p in enumerate(files):
            act = menu.addAction(f"&{i + 1} {Path(p).name}")
            act.setToolTip(p)
            act.setStatusTip(p)
            act.triggered.connect(lambda _=False, path=p: self._open(path))
        if not files:
            menu.addAction(self.tr("No recent workspaces")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(self.tr("Clear the list"), lambda: self.set_files([]))
