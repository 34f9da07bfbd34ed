"""The Image lab tab: load an image, build a small conv → pool → depth-pool pipeline, watch it.

Pieces (one idea per module):

* ``image_io`` files → float arrays; ``saving`` maps → PNG / .npy; ``files`` dialogs, costs
* ``pipeline`` the pipeline (NumPy, shared with the CLI); ``display`` scales and pictures
* ``worker`` runs both off the GUI thread, latest request wins
* ``controls`` the settings panel; ``chrome`` the toolbar and the panel under the maps
* ``view`` the stage grid (scrolls, zooms) of ``cells``; ``hover`` one pixel's numbers

This module wires them together and handles files (open, drop, ``samples``, export); the main window
adds ``ImageLab`` as a tab, ``open_action`` and ``sample_actions`` to its menus, calls ``shutdown()``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.resources import RESOURCES
from gui.image_lab.actions import LabActions
from gui.image_lab.chrome import build_info_panel, build_toolbar
from gui.image_lab.controls import LabControls
from gui.image_lab.display import DISPLAY_SIDE, MIN_DISPLAY_SIDE
from gui.image_lab.files import (
    ask_downscale,
    ask_export_path,
    ask_open_path,
    export_stage_maps,
    fill_export_menu,
    open_decision,
)
from gui.image_lab.hover import hover_text
from gui.image_lab.image_io import LARGE_SIDE, ImageLoadError, LoadedImage, load_image
from gui.image_lab.looks import style_error
from gui.image_lab.pipeline import (
    PipelineResult,
    PipelineSettings,
    build_kernels,
    check_memory,
    stage_window,
    with_learned_kernel,
)
from gui.image_lab.samples import DEFAULT_SAMPLE, SAMPLES, sample_path
from gui.image_lab.view import StageView, size_text
from gui.image_lab.worker import FilterWorker
from gui.widgets.i18n import say_error
from gui.widgets.wheel_guard import guard_fields
from gui.widgets.word_wrap import wrap_words

__all__ = ["ImageLab", "LARGE_SIDE", "RESOURCES", "SAMPLES", "sample_path"]


class ImageLab(QWidget):
    """The Image lab tab (objectName ``imageLab``)."""

    imageLoaded = Signal(str)  # path of the image now in the lab
    resultShown = Signal(object)  # the PipelineResult just drawn
    errorShown = Signal(str)  # a message shown to the learner (inline, and in a box)

    def __init__(self, parent: QWidget | None = None, *, load_default: bool = True,
                 dialog_settings: QSettings | None = None, actions: LabActions | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageLab")
        self.setAcceptDrops(True)
        self.loaded: LoadedImage | None = None  # the image in the lab
        self.result: PipelineResult | None = None  # the newest result drawn
        self.last_error = ""  # the last message shown to the learner ("" if none)
        self._compute_failed = False  # whether that message is "Cannot compute: …" (cleared by a result)
        self.show_dialogs = True  # False in tests: errors only go to the inline label
        self.dialog_settings = dialog_settings  # where file dialogs remember folders (None: app's)
        # A hook a test (or the main window) may replace; defaults to a message box.
        self.ask_downscale: Callable[[Path, int, int], bool | None] = self._ask_downscale
        self.error_box: QMessageBox | None = None  # one box, reused for every message

        self._worker = FilterWorker(self)
        self._worker.resultReady.connect(self._on_result)
        self._worker.failed.connect(self._on_failed)
        self._worker.busyChanged.connect(self._on_busy)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

        # The window makes the actions before the lab (its menus exist first); alone, the lab makes its own.
        actions = actions if actions is not None else LabActions(self, lambda: self)
        self.open_action, self.sample_actions = actions.open_action, actions.sample_actions
        self._build_ui()
        self.controls.changed.connect(self._request)
        if load_default:
            self.load_file(sample_path(DEFAULT_SAMPLE))

    # ------------------------------------------------------------------ UI

    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(3)
        top = QHBoxLayout()
        top.addWidget(build_toolbar(self))
        self.image_label = QLabel()
        self.image_label.setObjectName("imageInfoLabel")
        self.image_label.setWordWrap(True)
        self.image_label.setToolTip(self.tr("The image in the lab: file, size and what loading did to it."))
        self.image_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        top.addWidget(self.image_label, 1)
        outer.addLayout(top)

        self.message_label = QLabel()
        self.message_label.setObjectName("labMessage")
        self.message_label.setWordWrap(True)
        style_error(self.message_label, bold=True)
        self.message_label.setVisible(False)
        outer.addWidget(self.message_label)

        self.controls = LabControls()
        guard_fields(self.controls)  # the wheel scrolls the settings; a field takes it once focused
        scroll = QScrollArea()
        scroll.setObjectName("labControlsScroll")
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.controls.sizeHint().width() + 18)

        self.view = StageView()
        self.view.pixelHovered.connect(self._on_hover)
        self.view.hoverLeft.connect(self.view.clear_marks)
        self.view.zoomChanged.connect(self._on_zoom)

        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("labViewSplitter")
        right.addWidget(self.view)
        right.addWidget(build_info_panel(self))
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        right.setSizes([600, 130])
        right.setChildrenCollapsible(False)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("labSplitter")
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        outer.addWidget(split, 1)

    def _on_zoom(self, side: int) -> None:
        """Say the zoom, and have the next display images made at about the cells' size."""
        self.zoom_label.setText(self.tr("maps {side} px").format(side=side))
        device = round(side * self.devicePixelRatioF())
        self._worker.display_side = max(MIN_DISPLAY_SIDE, min(DISPLAY_SIDE, device))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """A new palette (theme): the error red is chosen for it."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            style_error(self.message_label, bold=True, palette=self.palette())
        super().changeEvent(event)

    # ------------------------------------------------------------------ files

    def open_dialog(self) -> None:
        """Ask for an image file (the dialog remembers its folder) and load it."""
        path = ask_open_path(self, self.dialog_settings)
        if path is not None:
            self.load_file(path)

    def load_file(self, path: str | Path) -> bool:
        """Load an image into the lab; on failure say why (inline and in a box), keep the current one."""
        path = Path(path)
        try:
            decision = open_decision(path, self.settings(), self.ask_downscale)
            if decision is False:
                return False
            loaded = load_image(path, max_side=decision)
        except ImageLoadError as exc:
            self.show_error(self.tr("Could not open {exc}").format(exc=say_error(exc)))
            return False
        except MemoryError:
            self.show_error(self.tr("Could not open {0}: not enough memory to decode it.").format(path.name))
            return False
        self.set_loaded(loaded)
        return True

    def set_loaded(self, loaded: LoadedImage) -> None:
        """Put an already loaded image in the lab and refilter."""
        self.loaded = loaded
        self.result = None
        self.view.release_sources()
        self._worker.forget_previous()
        a = loaded.array
        kind = self.tr("RGB") if a.ndim == 3 else self.tr("greyscale")
        text = self.tr("<b>{0}</b> — {1} px, {kind}").format(loaded.name, size_text(*a.shape[:2]), kind=kind)
        if loaded.note:
            text += self.tr(". <i>{0}</i>").format(loaded.note)
        self.image_label.setText(text)
        self.controls.set_colour_input(a.ndim == 3)
        self._clear_message()
        self.imageLoaded.emit(str(loaded.path))
        self._request(self.controls.settings(), False)

    def show_error(self, message: str) -> None:
        """Tell the learner something failed: inline (always) and in a non-blocking message box.

        One box is kept and reused: each failure sets its text and shows it again.
        """
        self._compute_failed = False
        self.last_error = message
        self.message_label.setText(message)
        self.message_label.setVisible(True)
        if self.show_dialogs:
            if self.error_box is None:
                self.error_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Image lab"), "",
                                             QMessageBox.StandardButton.Ok, self)
                self.error_box.setObjectName("labErrorBox")
            self.error_box.setText(message)
            if not self.error_box.isVisible():
                self.error_box.open()  # window-modal but returns at once: never blocks the event loop
        self.errorShown.emit(message)

    def _ask_downscale(self, path: Path, h: int, w: int) -> bool | None:
        return ask_downscale(self, path, h, w, self.settings())

    def _on_sample_chosen(self, index: int) -> None:
        file = self.samples_combo.itemData(index)
        if file:
            self.load_file(sample_path(file))
        self.samples_combo.setCurrentIndex(0)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        if any(u.isLocalFile() for u in event.mimeData().urls()):  # accept a dragged local file
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt name)
        """Load the first dropped local file."""
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.load_file(files[0])

    # ------------------------------------------------------------------ export

    def _fill_export_menu(self) -> None:
        fill_export_menu(self.export_menu, self.result, self._export_dialog)

    def _export_dialog(self, stage: str, suffix: str) -> None:
        stem = self.loaded.path.stem if self.loaded else "image"
        path = ask_export_path(self, stage, suffix, stem, self.dialog_settings)
        if path is not None:
            try:
                self.export_stage(stage, path)
            except (OSError, ValueError) as exc:
                self.show_error(self.tr("Could not export to {0}: {exc}").format(path.name,
                                                                                 exc=say_error(exc)))

    def export_stage(self, stage: str, path: str | Path) -> None:
        """Write a stage's maps to .png (normalised, side by side) or .npy (exact), atomically."""
        export_stage_maps(self.result, stage, path)

    # ------------------------------------------------------------------ filtering

    def settings(self) -> PipelineSettings:  # the pipeline settings shown in the controls
        return self.controls.settings()

    def set_settings(self, settings: PipelineSettings) -> None:  # show them, and refilter
        self.controls.set_settings(settings)

    def show_learned_kernel(self, weights, names: tuple[str, ...] | None = None) -> None:
        """Filter the current image with the 1D network's kernel, across and down, beside the
        library's Sobel kernels when the sizes match (3×3), to see which features it picks out."""
        self.set_settings(with_learned_kernel(self.settings(), weights, names))

    def _request(self, settings: PipelineSettings, moving: bool = False) -> None:
        """Filter the current image with ``settings`` (at once, or once typing pauses)."""
        if self.loaded is None:
            return
        self._make_room(settings)
        self._worker.request(self.loaded.array, settings, moving)

    def _make_room(self, settings: PipelineSettings) -> None:
        """Drop the shown result's full-resolution arrays if keeping them while the next one
        is computed would pass the memory limit (the pictures stay; hover waits for the result)."""
        old = self.result
        if old is None or old.source is not self.loaded.array:
            return
        held = sum(a.nbytes for a in {id(a): a for a in old.stages.values()}.values()
                   if a is not old.source)
        try:
            kernels = build_kernels(settings)
            check_memory(self.loaded.array, settings, len(kernels), kernels[0].weights.shape[0], held)
        except ValueError:
            self.result = None
            self.view.release_sources()
            self._worker.forget_previous()

    def cancel_filtering(self) -> None:
        """Stop the running job and drop the pending one (Esc); the current output stays."""
        self._worker.cancel()
        self.status_label.setText(self.tr("Cancelled; showing the previous output."))

    def _on_result(self, _request_id: int, result: PipelineResult) -> None:
        self.result = result
        self.view.show_result(result)
        self.shape_label.setText("\n".join(result.formulas))
        self.status_label.setText(self.tr("Filtered in {0:.0f} ms.").format(result.elapsed_ms))
        if self.message_label.isVisibleTo(self) and self._compute_failed:
            self._clear_message()
        self.resultShown.emit(result)

    def _on_failed(self, _request_id: int, message: str) -> None:
        self._compute_failed = True
        self.last_error = self.tr("Cannot compute: {message}. (Showing the "
                                  "previous output.)").format(message=message)
        self.message_label.setText(self.last_error)
        self.message_label.setVisible(True)
        self.status_label.setText(self.tr("Settings not valid: see the message above."))

    def _on_busy(self, busy: bool) -> None:
        self.status_label.setText(self.tr("Computing…") if busy else self.status_label.text())

    def _clear_message(self) -> None:
        self._compute_failed = False
        self.last_error = ""
        self.message_label.clear()
        self.message_label.setVisible(False)

    # ------------------------------------------------------------------ hover
    def _on_hover(self, stage: str, index: int, y: int, x: int) -> None:
        wrap_words(self.hover_label, self.result is None)  # a table of numbers scrolls, never breaks
        if self.result is None:
            self.hover_label.setText(self.tr("Computing… the numbers come with the new maps."))
            return
        self.hover_label.setText(self.hover_info(stage, y, x, index))
        self.view.mark(stage, index, y, x, self.receptive_rect(stage, y, x))

    def hover_info(self, stage: str, y: int, x: int, index: int = 0) -> str:
        """The text shown for output pixel (y, x) of map ``index`` of ``stage`` ("" if none)."""
        if self.result is None:
            return ""
        return hover_text(self.result, stage, y, x, index)

    def receptive_rect(self, stage: str, y: int, x: int) -> tuple[int, int, int, int]:
        """Input rectangle (y0, x0, y1, x1), end-exclusive, behind pixel (y, x) of ``stage``."""
        if self.result is None:
            raise ValueError("nothing has been filtered yet")
        return stage_window(self.result, stage, y, x)

    # ------------------------------------------------------------------ lifetime

    def is_idle(self) -> bool:  # no filtering pending or running
        return self._worker.is_idle()

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Process events until the newest request is drawn (for tests and scripts); no sleeping."""
        timer = QTimer(singleShot=True, interval=timeout_ms)
        timer.start()
        while not self._worker.is_idle():
            if not timer.isActive():
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        QCoreApplication.processEvents()
        return True

    def shutdown(self) -> None:
        """Cancel and wait for the worker thread; the main window calls this on close."""
        self._worker.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        """Closing the lab (as a window) stops its worker too."""
        self.shutdown()
        super().closeEvent(event)


if __name__ == "__main__":  # the lab alone: python -m gui.image_lab.lab
    _app = QApplication.instance() or QApplication([])
    _lab = ImageLab()
    _lab.resize(1400, 800)
    _lab.show()
    raise SystemExit(_app.exec())
