"""The Image lab tab as the window holds it: built the first time it is shown, its state kept till then.

Building the lab (its controls, its filter worker, the first image decoded and filtered) is a
sizeable part of opening the window, and a learner starts on the Network tab; so the tab is a
``LazyPage`` and the lab is made when first shown or first needed (``lab()``). Until then:

* its actions (open an image, the samples) already sit in the window's menus
  (``gui.image_lab.actions``) and build the lab when used, bringing its tab forward;
* a state to show (remembered from the last session, or read from a workspace) waits here and is
  applied when the lab is built — one pending state, the newest;
* ``state()`` answers with that pending state, so closing the window or saving a workspace never
  builds the lab only to read it back;
* hooks that need the lab (the progress bar watching its slow jobs) run when it is built.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QTabWidget, QWidget

from gui.image_lab.actions import LabActions
from gui.widgets.lazy_page import LazyPage
from gui.widgets.naming import name
from gui.window.remembered import apply_lab_state, lab_image
from gui.window.settings import lab_state

translate = QCoreApplication.translate


class LabSlot:
    """The lab's page in ``tabs``, its actions, and what waits for it to be built."""

    def __init__(self, parent: QWidget, tabs: QTabWidget, settings: QSettings, load_default: bool) -> None:
        self._tabs, self._settings, self._load_default = tabs, settings, load_default
        self.page = LazyPage(self._build)
        self.page.setObjectName("imageLabPage")
        self.actions = LabActions(parent, self.lab, self.bring_forward)
        self._pending: tuple[dict, Callable[..., None]] | None = None
        self._hooks: list[Callable] = []

    @property
    def built(self) -> bool:
        return self.page.built

    def lab(self):
        """The Image lab, built now if it has not been yet."""
        return self.page.widget()

    def bring_forward(self) -> None:
        self._tabs.setCurrentWidget(self.page)

    def when_built(self, hook: Callable) -> None:
        """Call ``hook(lab)`` now if the lab exists, else as soon as it is built."""
        if self.built:
            hook(self.lab())
        else:
            self._hooks.append(hook)

    def apply_state(self, state, message: Callable[..., None]) -> None:
        """Show ``state`` (image and settings) in the lab — now, or when it is built."""
        if self.built:
            apply_lab_state(self.lab(), state, message)
        elif isinstance(state, dict):
            self._pending = (state, message)

    def state(self, build: bool = True) -> dict | None:
        """What a workspace or the next session stores for the lab: its pending state while unbuilt;
        with nothing pending, the lab's own (built for it) — or None when ``build`` is False."""
        if not self.built:
            if self._pending is not None:
                return self._pending[0]
            if not build:
                return None
        lab = self.lab()
        return lab_state(lab.settings(), str(lab.loaded.path) if lab.loaded is not None else None)

    def fill_export_menu(self, menu) -> None:
        """File ▸ Export ▸ Image lab stage: the lab's stages (nothing to export before it is opened)."""
        from gui.image_lab.files import fill_export_menu  # the lab's module, loaded with the lab

        if self.built:
            fill_export_menu(menu, self.lab().result, self.lab()._export_dialog)
        else:
            fill_export_menu(menu, None, lambda _stage, _suffix: None)

    def shutdown(self) -> None:
        if self.built:
            self.lab().shutdown()

    def _build(self):
        from gui.image_lab.lab import ImageLab  # imported when the tab is first needed

        pending, self._pending = self._pending, None
        # A pending state naming an image that exists loads that one instead of the default sample.
        load_default = self._load_default and (pending is None or lab_image(pending[0]) is None)
        lab = ImageLab(load_default=load_default, dialog_settings=self._settings, actions=self.actions)
        name(lab, "imageLab", translate("MainWindow", "Image lab"))
        if pending is not None:
            apply_lab_state(lab, *pending)
        hooks, self._hooks = self._hooks, []
        for hook in hooks:
            hook(lab)
        return lab


__all__ = ["LabSlot"]
