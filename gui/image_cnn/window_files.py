"""The File menu's side of the "CNN on images" tab: one workspace file, unsaved changes, exports.

``CnnFileHooks`` belongs to the window's ``FileController`` (gui/window/file_menu.py):

* **Saving.** When the tab has been built (opened), Save first asks the tab's thread for its
  section (gui/image_cnn/workspace.py); the answer goes to the Network tab's worker inside
  ``SessionParts``, which writes the one file. An unopened tab adds nothing (and costs nothing).
* **Opening.** A file with a CNN section builds the tab if needed and restores it; a file
  without one leaves the tab as it is.
* **Unsaved changes.** Every live frame of the CNN's worker carries its state's key (epoch,
  optimiser steps, Σθ); one that differs from the key last saved or opened marks the window's
  title "•" and makes closing ask, as the Network tab's training does.
* **Exports** (File ▸ Export ▸ CNN on images): the kernels and the feature maps as PNG or SVG
  (the whole views, ``export_widget``), the learning curves as PNG or SVG (``export_view``) and
  their numbers as CSV — one row per epoch on the curves, train and validation loss and accuracy.

The tab is built lazily (gui/widgets/lazy_page.py); the hooks notice it being built by the
page's ``ChildAdded`` event, so they connect to it whenever that happens.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Slot
from PySide6.QtWidgets import QMenu

from gui.exporting import EXPORT_FILTER, ExportError, export_columns_csv, export_view, export_widget
from gui.training.files import SessionParts
from gui.widgets.actions import make_action

translate = QCoreApplication.translate

_RESTORING = "restoring"  # the clean key while a run is being swapped in: its frames change nothing


def curves_columns(series) -> dict[str, np.ndarray]:
    """The curves' numbers as CSV columns: epoch, train/validation loss and accuracy (0–1)."""
    return {"epoch": series.epochs.astype(np.int64), "train_loss": series.train_loss,
            "train_accuracy": series.train_acc, "val_loss": series.val_loss, "val_accuracy": series.val_acc}


class CnnFileHooks(QObject):
    """Saving, opening, unsaved changes and exports of the CNN tab, for the window's File menu."""

    def __init__(self, files) -> None:
        super().__init__(files)
        self.files, self.window = files, files.window
        self.clean_key: tuple | str | None = None
        self.last_key: tuple | None = None
        self._saving: dict[str, tuple] = {}
        self._saved_key: tuple | None = None
        self._tab = None
        page = self.window.image_cnn_page
        page.installEventFilter(self)
        if page.built:
            self._connect(page.widget())

    # ------------------------------------------------------------ the tab, when built
    @property
    def tab(self):
        """The CNN tab if it has been built, else None (never builds it)."""
        return self._tab

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.ChildAdded and self._tab is None and obj.built:
            self._connect(obj.widget())
        return False

    def _connect(self, tab) -> None:
        self._tab = tab
        tab.handle.frameReady.connect(self._on_frame)
        tab.workspace.sectionReady.connect(self._on_section)
        tab.workspace.failed.connect(self._on_section_failed)
        tab.workspace.restored.connect(self._on_restored)

    @Slot(object)
    def _on_frame(self, frame) -> None:
        snap = frame.snapshot
        if snap is None or not snap.live or self.clean_key == _RESTORING:
            return
        from gui.image_cnn.workspace import snapshot_key  # here: the window starts without the CNN code

        self.last_key = snapshot_key(snap)
        if self.clean_key is None:
            self.clean_key = self.last_key  # the state the tab was built with
        elif self.last_key != self.clean_key:
            self.files.set_dirty(True)

    # ------------------------------------------------------------ saving
    def save(self, path: str, experiment: dict, image_lab: dict) -> None:
        """Save the window to ``path``: with the CNN's section when its tab exists."""
        if self._tab is None:
            self.window.worker.save_workspace(path, experiment, image_lab)
            return
        self._saving[path] = (experiment, image_lab)
        self._tab.workspace.prepare(path)

    @Slot(str, object)
    def _on_section(self, path: str, result) -> None:
        parts = self._saving.pop(path, None)
        if parts is None:
            return
        section, self._saved_key = result
        self.window.worker.save_workspace(path, parts[0], SessionParts(parts[1], section))

    @Slot(str, str)
    def _on_section_failed(self, path: str, message: str) -> None:
        if self._saving.pop(path, None) is not None:
            self.files._on_failed("save", translate("CnnFileHooks", "Could not save {path}: {reason}").format(
                path=path, reason=message))

    def saved(self, info: dict) -> None:
        """The file is written: the CNN's state in it is the clean one."""
        if info.get("image_cnn") and self._saved_key is not None:
            self.clean_key = self._saved_key

    # ------------------------------------------------------------ opening
    def opened(self, info: dict) -> None:
        """Restore the CNN tab from the file (building it), or keep it as it is."""
        ws = info.get("image_cnn")
        if ws is None:
            self.clean_key = self.last_key if self._tab is not None else None
            return
        tab = self.window.image_cnn  # builds the tab (connects through ChildAdded)
        if self._tab is None:
            self._connect(tab)
        self.clean_key = _RESTORING
        tab.workspace.restore(ws)

    @Slot(object)
    def _on_restored(self, key) -> None:
        self.clean_key = self.last_key = key

    # ------------------------------------------------------------ exports
    def add_export_menu(self, menu: QMenu) -> QMenu:
        """File ▸ Export ▸ CNN on images: kernels, feature maps, curves (PNG/SVG) and the curves' CSV."""
        win = self.window
        sub = menu.addMenu(translate("CnnFileHooks", "&CNN on images"))
        sub.setObjectName("menuExportCnn")
        sub.setToolTipsVisible(True)
        self.export_actions = {}
        for key, obj, text, tip in (
                ("kernels", "actionExportCnnKernels", translate("CnnFileHooks", "&Kernels as PNG or SVG…"),
                 translate("CnnFileHooks", "Save every conv layer's kernels, as drawn, as a picture or a "
                                           "drawing.")),
                ("feature_maps", "actionExportCnnFeatureMaps",
                 translate("CnnFileHooks", "&Feature maps as PNG or SVG…"),
                 translate("CnnFileHooks", "Save the picked image's feature maps, every layer, as a picture "
                                           "or a drawing.")),
                ("curves", "actionExportCnnCurves",
                 translate("CnnFileHooks", "Learning &curves as PNG or SVG…"),
                 translate("CnnFileHooks", "Save the loss and accuracy curves as a picture or a drawing.")),
                ("curves_csv", "actionExportCnnCurvesCsv",
                 translate("CnnFileHooks", "Learning curves' &numbers as CSV…"),
                 translate("CnnFileHooks", "Write the training and validation loss and accuracy of every "
                                           "epoch on the curves to a CSV."))):
            action = make_action(win, obj, text, None, tip)
            action.triggered.connect(lambda _=False, k=key: self.export(k))
            sub.addAction(action)
            self.export_actions[key] = action
        return sub

    def _captions(self, which: str) -> tuple[str, str, str]:
        """The file dialog's caption, default name and filters, translated."""
        pictures = translate("Export", EXPORT_FILTER)
        return {
            "kernels": (translate("CnnFileHooks", "Export the kernels"), "kernels.png", pictures),
            "feature_maps": (translate("CnnFileHooks", "Export the feature maps"), "feature_maps.png",
                             pictures),
            "curves": (translate("CnnFileHooks", "Export the learning curves"), "curves.png", pictures),
            "curves_csv": (translate("CnnFileHooks", "Export the learning curves' numbers"), "curves.csv",
                           translate("CnnFileHooks", "CSV file (*.csv)")),
        }[which]

    def export(self, which: str, path: str | None = None) -> Path | None:
        """Export one of the CNN tab's views (the tab is shown, so what is written is what is seen)."""
        caption, default, filters = self._captions(which)
        if path is None:
            path = self.files.ask_export_path(caption, default, filters)
            if not path:
                return None
        if not Path(path).suffix:
            path += ".csv" if which == "curves_csv" else ".png"
        win = self.window
        tab = win.image_cnn
        win.tabs.setCurrentWidget(win.image_cnn_page)
        if which in ("kernels", "feature_maps"):
            tab.centre_tabs.setCurrentIndex(0)
        tab._draw_slow()
        what = {"kernels": translate("CnnFileHooks", "the kernels"),
                "feature_maps": translate("CnnFileHooks", "the feature maps"),
                "curves": translate("CnnFileHooks", "the learning curves"),
                "curves_csv": translate("CnnFileHooks", "the learning curves' numbers")}[which]
        try:
            if which == "kernels":
                out = export_widget(tab.filters, path)
            elif which == "feature_maps":
                out = export_widget(tab.feature_maps, path)
            elif which == "curves":
                out = export_view(tab.curves.layout_widget, path)
            else:
                if tab.curves.series is None:
                    raise ExportError(translate("CnnFileHooks", "no epoch is on the curves yet"))
                out = export_columns_csv(path, curves_columns(tab.curves.series))
        except ExportError as exc:
            self.files.message(translate("CnnFileHooks", "Could not export {what}: {reason}").format(
                what=what, reason=exc), error=True)
            return None
        self.files.message(translate("CnnFileHooks", "Exported {what} to {name}.").format(
            what=what, name=Path(path).name))
        return out
