"""The "CNN on images" tab in the window's workspace file: its trainer saved and restored on its thread.

The trainer lives on the tab's worker thread, so what touches it runs there: ``CnnFileJobs``, a
QObject moved to that thread, turns the trainer into a checked ``CnnSection`` (parameters,
optimiser state, history, position, data set) and later swaps a loaded one in. The window's
File menu (gui/window/file_menu.py) asks ``CnnWorkspace`` (the tab's side, on the GUI thread)
for the section, hands it to the Network tab's worker, which writes the one file
(``core.workspace.session``); opening gives the loaded run to ``restore``. Nothing here blocks
the GUI thread: a folder data set of many images is only referenced, never copied, until the
Network tab's thread writes it.

Besides the trainer the section's ``extra`` keeps the tab's view — the data set's name (the
digits, or the folder the images came from), the image picked in Feature maps, the speed and
the epoch limit — and the canvas's on/off grid goes in as ``cnn_canvas``.
``state_key`` is what "unsaved changes" compares: the same numbers from a snapshot (GUI) and
from the trainer (its thread).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from core.workspace.image_cnn import ImageCnnWorkspace, image_cnn_section
from core.workspace.schema import WorkspaceError
from gui.image_cnn.feature_maps import SETS
from gui.image_cnn.worker import digits_data
from gui.training.limits import NO_LIMIT
from gui.training.thread import QUEUED
from gui.widgets.choices import choose
from gui.widgets.i18n import say_error

translate = QCoreApplication.translate


def state_key(epoch: int, steps: int, theta: np.ndarray) -> tuple:
    """(epoch, optimiser steps, Σθ): changes with every step, every new network and every reset."""
    return int(epoch), int(steps), float(np.sum(theta))


def snapshot_key(snap) -> tuple:
    return state_key(snap.epoch, snap.steps, snap.model.theta)


def _int(value, lo: int, hi: int) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi
    return value if ok else None


def _same_images(t, d: dict) -> bool:
    m = t.model
    try:
        return (np.array_equal(m.check_X(d["X_train"]), t.X) and np.array_equal(d["y_train"], t.y)
                and t.X_val is not None and np.array_equal(m.check_X(d["X_val"]), t.X_val))
    except ValueError:
        return False


def restored_data(ws: ImageCnnWorkspace) -> dict:
    """The tab's data set for a loaded run: the bundled digits when the file's images are them,
    else the file's own images (a folder's, kept in the file, so the folder need not exist)."""
    t, extra = ws.trainer, ws.extra
    source = extra.get("source") if isinstance(extra.get("source"), str) else ""
    if source == "digits":
        d = digits_data()
        if _same_images(t, d):
            return d
    X_tr, X_val = t.X, t.X_val if t.X_val is not None else t.X[:0]
    y_val = t.y_val if t.y_val is not None else t.y[:0]
    h, w, _ = t.model.input_shape
    summary = translate("CnnWorkspace", "{n:,} images of {h}×{w} in {k} classes, from the workspace "
                                        "({train:,} training, {val:,} validation)").format(
        n=len(X_tr) + len(X_val), h=h, w=w, k=len(ws.class_names), train=len(X_tr), val=len(X_val))
    return {"X_train": X_tr, "y_train": t.y, "X_val": X_val, "y_val": y_val,
            "class_names": tuple(ws.class_names), "source": source if source not in ("", "digits")
            else "workspace", "summary": summary, "skipped": []}


class CnnFileJobs(QObject):
    """Lives on the CNN worker's thread; every slot is invoked through a queued signal."""

    sectionReady = Signal(str, object)  # noqa: N815 — the request's path, (CnnSection, state_key)
    failed = Signal(str, str)  # the request's path, one sentence
    restored = Signal(object)  # {"view": dict, "canvas": array | None, "key": state_key}

    def __init__(self, worker) -> None:
        super().__init__()
        self.worker = worker

    @Slot(str, object, object)
    def prepare(self, path: str, view: dict, canvas) -> None:
        """The trainer as it is now, as a checked section (the worker keeps training afterwards)."""
        w = self.worker
        t = w._ensure()
        data = w.data
        limit = 0 if w.epoch_limit >= NO_LIMIT else int(w.epoch_limit)
        extra = {"source": str(data.get("source", "digits")), "view": {**view, "epoch_limit": limit}}
        try:
            sec = image_cnn_section(t, extra, list(data["class_names"]), canvas=canvas)
        except WorkspaceError as exc:
            self.failed.emit(path, say_error(exc))
            return
        self.sectionReady.emit(path, (sec, state_key(t.epoch, w._position(), t.model.theta)))

    @Slot(object)
    def restore(self, ws: ImageCnnWorkspace) -> None:
        """Swap a loaded run in: the tab then draws it (networkChanged, a frame), then ``restored``."""
        w = self.worker
        w.pause()
        w._cancel_reader()
        t = ws.trainer
        view = ws.extra.get("view") if isinstance(ws.extra.get("view"), dict) else {}
        limit = _int(view.get("epoch_limit"), 0, 10**7)
        if limit is not None:
            w.set_epoch_limit(limit)
        s = t.settings
        config = {"layers": list(t.model.layers), "optimizer": s["optimizer"], "lr": s["lr"],
                  "batch_size": s["batch_size"], "seed": s["seed"]}
        w._swap_in(t, config, restored_data(ws))
        self.restored.emit({"view": view, "canvas": ws.canvas,
                            "key": state_key(t.epoch, w._position(), t.model.theta)})


class CnnWorkspace(QObject):
    """The tab's side (GUI thread): asks its thread for a section, restores a loaded run's view."""

    sectionReady = Signal(str, object)  # noqa: N815 — relayed on the GUI thread
    failed = Signal(str, str)
    restored = Signal(object)  # the restored state's key, once the view shows it

    _prepare = Signal(str, object, object)
    _restore = Signal(object)

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.jobs = CnnFileJobs(tab.handle.worker)
        self.jobs.moveToThread(tab.handle.thread)
        self._prepare.connect(self.jobs.prepare, QUEUED)
        self._restore.connect(self.jobs.restore, QUEUED)
        self.jobs.sectionReady.connect(self._relay_section, QUEUED)
        self.jobs.failed.connect(self._relay_failed, QUEUED)
        self.jobs.restored.connect(self._on_restored, QUEUED)

    # ------------------------------------------------------------ saving
    def view_state(self) -> dict:
        """What the tab shows beside the trainer: the picked image, the speed."""
        where, index = self.tab.feature_maps.current()
        return {"image": [where, int(index)], "speed": int(self.tab.bar.speed.value())}

    def prepare(self, path: str) -> None:
        """Ask for the section to save in ``path``; ``sectionReady`` or ``failed`` answers."""
        canvas = self.tab.canvas
        self._prepare.emit(str(path), self.view_state(), None if canvas.empty else canvas.grid.copy())

    @Slot(str, object)
    def _relay_section(self, path: str, result) -> None:
        self.sectionReady.emit(path, result)

    @Slot(str, str)
    def _relay_failed(self, path: str, message: str) -> None:
        self.failed.emit(path, message)

    # ------------------------------------------------------------ opening
    def restore(self, ws: ImageCnnWorkspace) -> None:
        """Show a loaded run: the worker swaps it in, then the view (image, canvas, fields) follows."""
        tab = self.tab
        tab.bar.set_playing(False)
        tab.moment.end_stepping()
        self._restore.emit(ws)

    @Slot(object)
    def _on_restored(self, info: dict) -> None:
        """After the worker's networkChanged (queued before this): the fields, the image, the canvas."""
        tab, b = self.tab, self.tab.bar
        settings = tab._config
        for widget, value in ((b.batch_size, settings.get("batch_size")), (b.seed, settings.get("seed"))):
            if _int(value, widget.minimum(), widget.maximum()) is not None:
                widget.blockSignals(True)
                widget.setValue(value)
                widget.blockSignals(False)
        b.lr.setText(repr(float(settings["lr"])) if "lr" in settings else b.lr.text())
        b.lr.setStyleSheet("")
        b.optimizer.blockSignals(True)
        choose(b.optimizer, settings.get("optimizer"))
        b.optimizer.blockSignals(False)
        view = info.get("view") or {}
        limit = _int(view.get("epoch_limit"), b.epoch_limit.minimum(), b.epoch_limit.maximum())
        if limit is not None:
            b.epoch_limit.setValue(limit)
        speed = _int(view.get("speed"), b.speed.minimum(), b.speed.maximum())
        if speed is not None:
            b.speed.setValue(speed)
        self._restore_canvas(info.get("canvas"))
        image = view.get("image")
        if isinstance(image, list) and len(image) == 2 and image[0] in [s.lower() for s in SETS]:
            index = _int(image[1], 0, 10**9)
            if index is not None:
                tab.feature_maps.pick(image[0], index)
        tab.show_message(translate("CnnWorkspace", "Opened from the workspace: training goes on from "
                                                   "here, exactly as it would have."))
        self.restored.emit(info.get("key"))

    def _restore_canvas(self, grid) -> None:
        canvas = self.tab.canvas
        if grid is None or np.shape(grid) != canvas.grid.shape:
            canvas.clear()
            return
        canvas.grid[:] = np.asarray(grid, dtype=bool)
        canvas.update()
        canvas.drawn.emit(canvas.to_input())
