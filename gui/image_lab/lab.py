"""The Image lab tab: load an image, build a small conv → pool → depth-pool pipeline, watch it.

Pieces (one idea per module):

* ``image_io``            files → float arrays, and PNG / .npy export
* ``image_lab_pipeline``  the pipeline itself (NumPy, calls the core; shared with the CLI)
* ``image_lab_worker``    runs it off the GUI thread, debounced, latest request wins
* ``image_lab_controls``  the settings panel
* ``image_lab_view``      draws every stage (pyqtgraph), reports the hovered pixel
* ``image_lab_hover``     the text about one hovered pixel (window, kernel, sum)
* ``image_lab_files``     open / save dialogs and the stage export

This module wires them together and handles files (open, drop, samples, export).
The main window adds ``ImageLab`` as a tab, puts ``open_action`` and ``sample_actions``
in its menus, and calls ``shutdown()`` when it closes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.resources import RESOURCES  # noqa: E402
from gui.image_lab.controls import LabControls
from gui.image_lab.files import (
    ask_downscale,
    ask_export_path,
    ask_open_path,
    export_stage_maps,
    fill_export_menu,
)
from gui.image_lab.hover import hover_text
from gui.image_lab.image_io import LARGE_SIDE, ImageLoadError, LoadedImage, image_size, load_image
from gui.image_lab.pipeline import PipelineResult, PipelineSettings, stage_window
from gui.image_lab.view import StageView
from gui.image_lab.worker import FilterWorker

SAMPLES = {  # file → menu text; brick is the chapter's example and the default
    "brick.png": "Brick wall (grey)",
    "camera.png": "Camera man (grey)",
    "chelsea.png": "Chelsea the cat (RGB)",
}
DEFAULT_SAMPLE = "brick.png"
MESSAGE_STYLE = "color: #d93025; font-weight: bold;"


def sample_path(name: str) -> Path:
    """Path of a bundled sample image in resources/images/."""
    return RESOURCES / "images" / name


class ImageLab(QWidget):
    """The Image lab tab (objectName ``imageLab``)."""

    imageLoaded = Signal(str)  # path of the image now in the lab
    resultShown = Signal(object)  # the PipelineResult just drawn

    def __init__(self, parent: QWidget | None = None, *, load_default: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("imageLab")
        self.setAcceptDrops(True)
        self.loaded: LoadedImage | None = None  # the image in the lab
        self.result: PipelineResult | None = None  # the newest result drawn
        self.last_error = ""  # the last message shown to the learner ("" if none)
        self.show_dialogs = True  # False in tests: errors only go to the inline label
        # Hooks a test (or the main window) may replace; both default to message boxes.
        self.ask_downscale: Callable[[Path, int, int], bool | None] = self._ask_downscale
        self._error_box: QMessageBox | None = None

        self._worker = FilterWorker(self)
        self._worker.resultReady.connect(self._on_result)
        self._worker.failed.connect(self._on_failed)
        self._worker.busyChanged.connect(self._on_busy)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

        self._make_actions()
        self._build_ui()
        self.controls.settingsChanged.connect(self._request)
        if load_default:
            self.load_file(sample_path(DEFAULT_SAMPLE))

    # ------------------------------------------------------------------ UI

    def _make_actions(self) -> None:
        self.open_action = QAction("Open image…", self)
        self.open_action.setObjectName("actionOpenImage")
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_action.setToolTip("Open an image file (PNG, JPEG, BMP, GIF, TIFF, WebP) in "
                                    "the Image lab.")
        self.open_action.triggered.connect(self.open_dialog)
        self.sample_actions: list[QAction] = []
        for file, text in SAMPLES.items():
            act = QAction(text, self)
            act.setObjectName(f"actionSample{Path(file).stem.capitalize()}")
            act.setToolTip(f"Load the bundled sample image {file}.")
            act.setData(file)
            act.triggered.connect(lambda _=False, f=file: self.load_file(sample_path(f)))
            self.sample_actions.append(act)

    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(3)

        bar = QToolBar()
        bar.setObjectName("imageLabToolBar")
        bar.addAction(self.open_action)
        self.samples_combo = QComboBox()
        self.samples_combo.setObjectName("sampleCombo")
        self.samples_combo.setToolTip("Load one of the bundled sample images.")
        self.samples_combo.addItem("Samples…", None)
        for act in self.sample_actions:
            self.samples_combo.addItem(act.text(), act.data())
        self.samples_combo.activated.connect(self._on_sample_chosen)
        bar.addWidget(self.samples_combo)
        self.export_button = QToolButton()
        self.export_button.setObjectName("exportButton")
        self.export_button.setText("Export ▾")
        self.export_button.setToolTip("Save a stage's maps as a PNG picture or a .npy array.")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        self.export_button.setMenu(self.export_menu)
        bar.addWidget(self.export_button)
        top = QHBoxLayout()
        top.addWidget(bar)
        self.image_label = QLabel()
        self.image_label.setObjectName("imageInfoLabel")
        self.image_label.setWordWrap(True)
        self.image_label.setToolTip("The image in the lab: file, size and what loading did to it.")
        self.image_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        top.addWidget(self.image_label, 1)
        outer.addLayout(top)

        self.message_label = QLabel()
        self.message_label.setObjectName("labMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(MESSAGE_STYLE)
        self.message_label.setVisible(False)
        outer.addWidget(self.message_label)

        self.controls = LabControls()
        scroll = QScrollArea()
        scroll.setObjectName("labControlsScroll")
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.controls.sizeHint().width() + 18)

        self.view = StageView()
        self.view.pixelHovered.connect(self._on_hover)
        self.view.hoverLeft.connect(self.view.clear_marks)

        bottom = QWidget()
        b = QHBoxLayout(bottom)
        b.setContentsMargins(2, 2, 2, 2)
        left = QVBoxLayout()
        self.shape_label = QLabel()
        self.shape_label.setObjectName("outputShapeLabel")
        self.shape_label.setToolTip("The output-size formula n_out = ⌊(n_in + 2p − k)/s⌋ + 1 "
                                    "with this layer's numbers.")
        self.shape_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.shape_label)
        self.status_label = QLabel()
        self.status_label.setObjectName("labStatus")
        self.status_label.setToolTip("How long the last filtering took, or that it is running.")
        left.addWidget(self.status_label)
        left.addStretch(1)
        b.addLayout(left, 2)
        self.hover_label = QLabel("Hover over any output pixel to see its window, the kernel "
                                  "and the weighted sum.")
        self.hover_label.setObjectName("hoverInfo")
        self.hover_label.setToolTip("The numbers behind the pixel under the mouse.")
        self.hover_label.setStyleSheet("font-family: monospace;")
        self.hover_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hover_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        hover_scroll = QScrollArea()
        hover_scroll.setWidget(self.hover_label)
        hover_scroll.setWidgetResizable(True)
        hover_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        b.addWidget(hover_scroll, 3)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.view)
        right.addWidget(bottom)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        right.setSizes([600, 140])
        right.setChildrenCollapsible(False)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("labSplitter")
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        outer.addWidget(split, 1)

    # ------------------------------------------------------------------ files

    def open_dialog(self) -> None:
        """Ask for an image file and load it."""
        path = ask_open_path(self, RESOURCES / "images")
        if path is not None:
            self.load_file(path)

    def load_file(self, path: str | Path) -> bool:
        """Load an image into the lab; on failure report it and keep the current image."""
        path = Path(path)
        try:
            h, w = image_size(path)
            max_side = None
            if max(h, w) > LARGE_SIDE:
                answer = self.ask_downscale(path, h, w)
                if answer is None:
                    return False
                max_side = LARGE_SIDE if answer else None
            loaded = load_image(path, max_side=max_side)
        except ImageLoadError as exc:
            self.show_error(f"Could not open {exc}")
            return False
        self.set_loaded(loaded)
        return True

    def set_loaded(self, loaded: LoadedImage) -> None:
        """Put an already loaded image in the lab and refilter."""
        self.loaded = loaded
        a = loaded.array
        kind = "RGB" if a.ndim == 3 else "greyscale"
        text = f"<b>{loaded.name}</b> — {a.shape[1]}×{a.shape[0]} px, {kind}"
        if loaded.note:
            text += f". <i>{loaded.note}</i>"
        self.image_label.setText(text)
        self.controls.set_colour_input(a.ndim == 3)
        self._clear_message()
        self.imageLoaded.emit(str(loaded.path))
        self._request()

    def show_error(self, message: str) -> None:
        """Tell the learner something failed: inline (always) and in a non-blocking box."""
        self.last_error = message
        self.message_label.setText(message)
        self.message_label.setVisible(True)
        if self.show_dialogs:
            if self._error_box is not None:
                self._error_box.close()
            box = QMessageBox(QMessageBox.Icon.Warning, "Image lab", message,
                              QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # window-modal but returns at once: never blocks the event loop
            self._error_box = box

    def _ask_downscale(self, path: Path, h: int, w: int) -> bool | None:
        return ask_downscale(self, path, h, w)

    def _on_sample_chosen(self, index: int) -> None:
        file = self.samples_combo.itemData(index)
        if file:
            self.load_file(sample_path(file))
        self.samples_combo.setCurrentIndex(0)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        """Accept a dragged local file."""
        if any(u.isLocalFile() for u in event.mimeData().urls()):
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
        path = ask_export_path(self, stage, suffix, stem)
        if path is not None:
            try:
                self.export_stage(stage, path)
            except (OSError, ValueError) as exc:
                self.show_error(f"Could not export to {path.name}: {exc}")

    def export_stage(self, stage: str, path: str | Path) -> None:
        """Write a stage's maps to .png (normalised, side by side) or .npy (exact), atomically."""
        export_stage_maps(self.result, stage, path)

    # ------------------------------------------------------------------ filtering

    def settings(self) -> PipelineSettings:
        """The pipeline settings shown in the controls."""
        return self.controls.settings()

    def set_settings(self, settings: PipelineSettings) -> None:
        """Show ``settings`` in the controls and refilter."""
        self.controls.set_settings(settings)

    def show_learned_kernel(self, weights, names: tuple[str, ...] | None = None) -> None:
        """Filter the current image with the 1D network's kernel, across and down, beside the
        library's Sobel kernels when the sizes match (3×3), to see which features it picks out."""
        from core.image_ops.kernels import learned_kernels

        learned = learned_kernels(weights, names)
        k = learned[0].weights.shape[0]
        extra = tuple((kern.name, tuple(map(tuple, kern.weights.tolist())), kern.explanation)
                      for kern in learned)
        self.set_settings(self.settings().with_(
            kernels=("sobel-x", "sobel-y") if k == 3 else (),
            extra_kernels=extra, padding=k // 2, stride=1, activation="none",
            pool_op=None, depth_pool_op=None, greyscale_first=True,
        ))

    def _request(self, *_args) -> None:
        if self.loaded is not None:
            self._worker.request(self.loaded.array, self.controls.settings())

    def _on_result(self, _request_id: int, result: PipelineResult) -> None:
        self.result = result
        self.view.show_result(result)
        self.shape_label.setText("\n".join(result.formulas))
        self.status_label.setText(f"Filtered in {result.elapsed_ms:.0f} ms.")
        if self.message_label.isVisibleTo(self) and self.last_error.startswith("Cannot compute"):
            self._clear_message()
        self.resultShown.emit(result)

    def _on_failed(self, _request_id: int, message: str) -> None:
        self.last_error = f"Cannot compute: {message}. (Showing the previous output.)"
        self.message_label.setText(self.last_error)
        self.message_label.setVisible(True)
        self.status_label.setText("Settings not valid: see the message above.")

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.status_label.setText("Computing…")

    def _clear_message(self) -> None:
        self.last_error = ""
        self.message_label.clear()
        self.message_label.setVisible(False)

    # ------------------------------------------------------------------ hover

    def _on_hover(self, stage: str, index: int, y: int, x: int) -> None:
        if self.result is None:
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

    def is_idle(self) -> bool:
        """True when no filtering is pending or running."""
        return self._worker.is_idle()

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Process events until the newest request is drawn (for tests and scripts)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while not self._worker.is_idle():
            if time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.002)
        QCoreApplication.processEvents()
        return True

    def shutdown(self) -> None:
        """Stop the worker thread and wait for it; the main window calls this on close."""
        self._worker.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        """Closing the lab (as a window) stops its worker too."""
        self.shutdown()
        super().closeEvent(event)


def main() -> int:
    """Show the lab alone: ``python -m gui.image_lab.lab`` (the main window embeds it as a tab)."""
    app = QApplication.instance() or QApplication([])
    lab = ImageLab()
    lab.resize(1400, 800)
    lab.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["ImageLab", "RESOURCES", "SAMPLES", "sample_path"]
