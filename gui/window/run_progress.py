"""The status bar's progress bar and Cancel (Esc): while Run N epochs or a slow image-lab job runs.

The bar's formats ("%v / %m epochs") are translated like any text: Qt fills in %v and %m.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QProgressBar, QToolButton

from core.formatting import epoch_text


class RunProgress(QObject):
    """Shows Run N's progress (or the lab's "filtering…") and cancels either one."""

    def __init__(self, window: QMainWindow, cancel_action: QAction,
                 message: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window, self.cancel_action, self._message = window, cancel_action, message
        self.run_done = self.run_total = 0
        self.exporting = False  # a history export is under way (Cancel stops it)
        self._cancelled = False
        self.bar = QProgressBar()
        self.bar.setObjectName("runProgress")
        self.bar.setAccessibleName(self.tr("Progress"))
        widest = self._epochs_format().replace("%v", "0,000,000").replace("%m", "0,000,000")
        self.bar.setFixedWidth(window.fontMetrics().horizontalAdvance(widest) + 30)
        self.bar.setFormat(self._epochs_format())
        self.button = QToolButton()
        self.button.setObjectName("cancelRunButton")
        self.button.setDefaultAction(cancel_action)
        self.button.setText(self.tr("Cancel"))
        # no taller than the bar: a CJK font's taller line would make the status bar grow (even while
        # the button is hidden, QStatusBar counts it) and squeeze the window above it
        self.button.setMaximumHeight(self.bar.sizeHint().height())
        sb = window.statusBar()
        sb.addPermanentWidget(self.bar)
        sb.addPermanentWidget(self.button)
        cancel_action.triggered.connect(self.cancel)
        self.hide()

    def _epochs_format(self) -> str:
        return self.tr("%v / %m epochs")

    def watch_lab(self, lab) -> None:
        """Show the image lab's slow jobs too (its worker says when one runs long)."""
        worker = getattr(lab, "_worker", None)
        if worker is not None and hasattr(worker, "busyChanged"):
            worker.busyChanged.connect(self.on_lab_busy)

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        if done == 0:
            self._cancelled = False
        if self._cancelled:
            return  # a chunk that finished before the cancel arrived
        self.run_done, self.run_total = done, total
        if done >= total:
            self.hide()
            return
        self.bar.setRange(0, max(1, total))
        self.bar.setFormat(self._epochs_format())
        self.bar.setValue(done)
        self._show()

    @Slot(str, int, int)
    def on_file_progress(self, kind: str, done: int, total: int) -> None:
        """A long history export: rows written so far (Cancel stops it, nothing is written)."""
        if done >= total:
            self.exporting = False
            self.hide()
            return
        self.exporting = True
        self.bar.setRange(0, max(1, total))
        self.bar.setFormat(self.tr("%v / %m rows"))
        self.bar.setValue(done)
        self._show()

    @Slot(str, str)
    def on_file_failed(self, kind: str, _message: str) -> None:
        if kind == "csv":
            self.exporting = False
            self.hide()

    @Slot(bool)
    def on_lab_busy(self, busy: bool) -> None:
        if busy and not self.bar.isVisible():
            self.bar.setRange(0, 0)  # busy indicator: the filter has no steps to count
            self.bar.setFormat(self.tr("filtering…"))
            self._show()
        elif not busy and self.run_total == 0:
            self.hide()

    def _show(self) -> None:
        self.bar.show()
        self.button.show()
        self.cancel_action.setEnabled(True)

    @Slot()
    def hide(self) -> None:
        self.bar.hide()
        self.button.hide()
        self.cancel_action.setEnabled(False)
        self.run_total = 0

    @Slot()
    def cancel(self) -> None:
        """Esc / Cancel: stop Run N epochs where it is, or drop the image lab's running job."""
        win = self.window
        if self.exporting:
            win.worker.cancel_export()
        elif self.run_total:
            self._cancelled = True
            win.worker.pause()
            self._message(self.tr("Cancelled Run N epochs after {done} of {total}.").format(
                done=epoch_text(self.run_done), total=epoch_text(self.run_total)))
        elif win.lab_slot.built:
            win.image_lab.cancel_filtering()
            self._message(self.tr("Cancelled the image lab's filtering."))
        if not self.exporting:  # an export says itself when it has stopped (fileFailed)
            self.hide()
