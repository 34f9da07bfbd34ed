"""The image lab's settings panel: the learner edits the conv → pool → depth-pool pipeline here.

It holds no pipeline state beyond its widgets: ``settings()`` reads them into an
immutable ``PipelineSettings``; ``settingsChanged`` fires on every edit, and ``changed`` says
too whether the control is still moving (digits or a kernel being typed) — the lab filters
discrete changes (an arrow click, a tick, a choice) at once and waits for typing to pause.
Colours come from the palette (``looks``), so a dark theme reads as well as a light one.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.image_ops.kernels import KERNELS
from gui.image_lab.looks import style_error, style_note
from gui.image_lab.names import label
from gui.image_lab.pipeline import (
    ACTIVATIONS,
    CUSTOM,
    KERNEL_NAMES,
    PAD_MODES,
    POOL_OPS,
    SIZABLE,
    PipelineSettings,
    parse_custom_kernel,
)
from gui.widgets.i18n import say, say_error
from gui.widgets.step_spin import StepDoubleSpinBox, StepSpinBox

CUSTOM_PLACEHOLDER = "1 0 -1\n2 0 -2\n1 0 -1"
KEY = Qt.ItemDataRole.UserRole  # list items and combo entries keep their code name here
RGB_EXPLANATION = QT_TRANSLATE_NOOP("LabControls",
    "RGB image: each k×k kernel is applied to R, G and B and the three sums are added "
    "(a kernel spans all input channels, as in a CNN's first layer). Tick "
    "“greyscale first” to filter one grey channel instead.")
GREY_FIRST_EXPLANATION = QT_TRANSLATE_NOOP("LabControls",
    "RGB image converted to one grey channel (0.299 R + 0.587 G + 0.114 B) before the conv "
    "layer. Untick “greyscale first” to filter R, G and B, each kernel spanning the three.")


def _choose(combo: QComboBox, key: str) -> None:
    """Select the entry whose code name is ``key`` (the text shown may be a translation)."""
    index = combo.findData(key)
    if index >= 0:
        combo.setCurrentIndex(index)


class LabControls(QWidget):
    """Spin boxes, lists and combos for every PipelineSettings field."""

    settingsChanged = Signal(object)  # PipelineSettings
    changed = Signal(object, bool)  # PipelineSettings, and whether the control is still moving

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labControls")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._conv_group())
        layout.addWidget(self._pool_group())
        layout.addWidget(self._depth_group())
        layout.addStretch(1)
        self._colour_input = False
        self.set_settings(PipelineSettings())
        self._update_custom_error()

    # ------------------------------------------------------------------ building

    def _conv_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Conv layer"))
        box.setToolTip(self.tr("One convolution layer: every chosen kernel gives one feature map."))
        v = QVBoxLayout(box)
        v.setSpacing(4)

        v.addWidget(QLabel(self.tr("Kernels (tick one or more):")))
        self.kernel_list = QListWidget()
        self.kernel_list.setObjectName("kernelChooser")
        self.kernel_list.setToolTip(self.tr("Tick the kernels of the conv layer; each one makes a map."))
        self.kernel_list.setFlow(QListView.Flow.LeftToRight)
        self.kernel_list.setWrapping(True)
        self.kernel_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.kernel_list.setGridSize(QSize(112, 20))  # two columns wide enough for "prewitt-x"
        self.kernel_list.setFixedHeight(7 * 20 + 10)
        # Drawn on the panel's colour: an item's check box is filled with Base, so on a Base
        # background (the default) an unticked box vanished in the dark theme.
        self.kernel_list.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self._extra: dict[str, tuple] = {}  # name → (rows, explanation) of kernels sent from elsewhere
        self.kernel_list.setMinimumWidth(2 * 112 + 8)
        for name in (*KERNEL_NAMES, CUSTOM):
            item = QListWidgetItem(label(name))
            item.setData(KEY, name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            explanation = say(KERNELS[name].explanation) if name in KERNELS else (
                self.tr("Your own k×k weights, typed in the box below."))
            item.setToolTip(explanation)
            self.kernel_list.addItem(item)
        self.kernel_list.itemChanged.connect(self._emit)
        v.addWidget(self.kernel_list)

        v.addWidget(QLabel(self.tr("Custom kernel (one row per line):")))
        self.custom_edit = QPlainTextEdit()
        self.custom_edit.setObjectName("customKernelEdit")
        self.custom_edit.setPlaceholderText(CUSTOM_PLACEHOLDER)
        self.custom_edit.setToolTip(self.tr("Type a k×k grid of weights (1/9 and ; between rows work); "
                                            "tick “custom” above to use it."))
        self.custom_edit.setFixedHeight(64)
        self.custom_edit.textChanged.connect(self._on_custom_text)
        v.addWidget(self.custom_edit)
        self.custom_error = QLabel()
        self.custom_error.setObjectName("customKernelError")
        self.custom_error.setWordWrap(True)
        style_error(self.custom_error)
        self.custom_error.setToolTip(self.tr("Why the typed kernel cannot be used, if it cannot."))
        v.addWidget(self.custom_error)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(3)
        self.kernel_size = self._spin(1, 15, "kernelSizeSpin",
                                      self.tr("Size k of the sizable kernels ({0}); the others "
                                              "are fixed 3×3 filters.").format(
                                          ', '.join(label(k) for k in SIZABLE)), step=2)
        form.addRow(self.tr("Kernel size k:"), self.kernel_size)
        self.seed = self._spin(0, 9999, "seedSpin", self.tr("Which random draw the “random” kernel uses."))
        form.addRow(self.tr("Random seed:"), self.seed)
        self.padding = self._spin(0, 64, "paddingSpin",
                                  self.tr("Padding p: pixels added on every side before sliding the "
                                          "kernel (k = 3, p = 1 keeps the size)."))
        form.addRow(self.tr("Padding p:"), self.padding)
        self.pad_mode = self._combo(PAD_MODES, "padModeCombo",
                                    self.tr("What the padding holds: zeros, a constant, the nearest edge "
                                            "pixel, or a mirror image of the border."))
        form.addRow(self.tr("Padding mode:"), self.pad_mode)
        self.pad_value = self._dspin(-10, 10, 0.1, "padValueSpin",
                                     self.tr("The value of the padding when the mode is “constant”."))
        form.addRow(self.tr("Constant:"), self.pad_value)
        self.stride = self._spin(1, 16, "strideSpin",
                                 self.tr("Stride s: how many pixels the kernel moves each step (2 roughly "
                                         "halves the size)."))
        form.addRow(self.tr("Stride s:"), self.stride)
        self.bias = self._dspin(-10, 10, 0.1, "biasSpin",
                                self.tr("Bias b: added to every weighted sum before the activation."))
        form.addRow(self.tr("Bias b:"), self.bias)
        self.activation = self._combo(ACTIVATIONS, "activationCombo",
                                      self.tr("The activation applied to each weighted sum + b (“none” "
                                              "shows the raw sums)."))
        form.addRow(self.tr("Activation:"), self.activation)
        v.addLayout(form)

        self.greyscale_first = QCheckBox(self.tr("Greyscale first (RGB images)"))
        self.greyscale_first.setObjectName("greyscaleFirstCheck")
        self.greyscale_first.setToolTip(self.tr("Convert an RGB image to one grey channel (0.299 R + "
                                                "0.587 G + 0.114 B) before the conv layer."))
        self.greyscale_first.toggled.connect(self._on_greyscale_toggled)
        v.addWidget(self.greyscale_first)
        self.channel_note = QLabel(self.tr(RGB_EXPLANATION))
        self.channel_note.setObjectName("channelNote")
        self.channel_note.setWordWrap(True)
        style_note(self.channel_note)
        self.channel_note.setVisible(False)
        v.addWidget(self.channel_note)
        return box

    def _pool_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Pooling"))
        box.setObjectName("poolGroup")
        box.setCheckable(True)
        box.setToolTip(self.tr("Tick to summarise each window of every feature map by its max or mean."))
        box.toggled.connect(self._emit)
        form = QFormLayout(box)
        form.setVerticalSpacing(3)
        self.pool_op = self._combo(POOL_OPS, "poolOpCombo",
                                   self.tr("Max keeps the strongest response in the window, avg the mean."))
        form.addRow(self.tr("Operation:"), self.pool_op)
        self.pool_size = self._spin(1, 16, "poolSizeSpin", self.tr("The pooling window is size × size."))
        form.addRow(self.tr("Window:"), self.pool_size)
        self.pool_stride = self._spin(1, 16, "poolStrideSpin",
                                      self.tr("How far the window moves (= window size: no overlap)."))
        form.addRow(self.tr("Stride:"), self.pool_stride)
        self.pool_group = box
        return box

    def _depth_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Depth pooling"))
        box.setObjectName("depthPoolGroup")
        box.setCheckable(True)
        box.setToolTip(self.tr("Tick to combine the kernels' maps into one map (1×1 pooling across the "
                               "maps)."))
        box.toggled.connect(self._emit)
        form = QFormLayout(box)
        self.depth_op = self._combo(POOL_OPS, "depthPoolOpCombo",
                                    self.tr("Max keeps the strongest kernel at each pixel, avg the mean."))
        form.addRow(self.tr("Operation:"), self.depth_op)
        self.depth_group = box
        return box

    def _spin(self, lo: int, hi: int, name: str, tip: str, step: int = 1) -> StepSpinBox:
        s = StepSpinBox()
        s.setRange(lo, hi)
        s.setSingleStep(step)
        s.setObjectName(name)
        s.setToolTip(tip)
        s.valueChanged.connect(lambda _v, box=s: self._emit(moving=not box.stepping))
        return s

    def _dspin(self, lo: float, hi: float, step: float, name: str, tip: str) -> StepDoubleSpinBox:
        s = StepDoubleSpinBox()
        s.setRange(lo, hi)
        s.setSingleStep(step)
        s.setDecimals(2)
        s.setObjectName(name)
        s.setToolTip(tip)
        s.valueChanged.connect(lambda _v, box=s: self._emit(moving=not box.stepping))
        return s

    def _combo(self, items, name: str, tip: str) -> QComboBox:
        c = QComboBox()
        for key in items:
            c.addItem(label(key), key)
        c.setObjectName(name)
        c.setToolTip(tip)
        c.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        c.currentTextChanged.connect(self._emit)
        return c

    # ------------------------------------------------------------------ state

    def settings(self) -> PipelineSettings:
        """The widgets' values as an immutable PipelineSettings."""
        ticked = [
            self.kernel_list.item(i).data(KEY) for i in range(self.kernel_list.count())
            if self.kernel_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        return PipelineSettings(
            kernels=tuple(n for n in ticked if n not in self._extra),
            extra_kernels=tuple((n, *self._extra[n]) for n in ticked if n in self._extra),
            custom_text=self.custom_edit.toPlainText(),
            kernel_size=self.kernel_size.value(),
            seed=self.seed.value(),
            padding=self.padding.value(),
            pad_mode=self.pad_mode.currentData(),
            pad_value=self.pad_value.value(),
            stride=self.stride.value(),
            bias=self.bias.value(),
            activation=self.activation.currentData(),
            greyscale_first=self.greyscale_first.isChecked(),
            pool_op=self.pool_op.currentData() if self.pool_group.isChecked() else None,
            pool_size=self.pool_size.value(),
            pool_stride=self.pool_stride.value(),
            depth_pool_op=self.depth_op.currentData() if self.depth_group.isChecked() else None,
        )

    def set_settings(self, s: PipelineSettings) -> None:
        """Show ``s`` in the widgets, then emit settingsChanged once."""
        blockers = [QSignalBlocker(w) for w in self._inputs()]
        self._set_extra_kernels(s.extra_kernels)
        extra_names = {name for name, _rows, _expl in s.extra_kernels}
        for i in range(self.kernel_list.count()):
            item = self.kernel_list.item(i)
            on = item.data(KEY) in s.kernels or item.data(KEY) in extra_names
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        if self.custom_edit.toPlainText() != s.custom_text:
            self.custom_edit.setPlainText(s.custom_text)
        self.kernel_size.setValue(s.kernel_size)
        self.seed.setValue(s.seed)
        self.padding.setValue(s.padding)
        _choose(self.pad_mode, s.pad_mode)
        self.pad_value.setValue(s.pad_value)
        self.stride.setValue(s.stride)
        self.bias.setValue(s.bias)
        _choose(self.activation, s.activation)
        self.greyscale_first.setChecked(s.greyscale_first)
        self._update_channel_note()
        self.pool_group.setChecked(s.pool_op is not None)
        if s.pool_op:
            _choose(self.pool_op, s.pool_op)
        self.pool_size.setValue(s.pool_size)
        self.pool_stride.setValue(s.pool_stride)
        self.depth_group.setChecked(s.depth_pool_op is not None)
        if s.depth_pool_op:
            _choose(self.depth_op, s.depth_pool_op)
        for b in blockers:
            b.unblock()
        self._update_enabled()
        self._update_custom_error()
        self._emit()

    def _set_extra_kernels(self, extra) -> None:
        """List kernels sent from elsewhere (e.g. the 1D network's) as extra ticked items."""
        for row in reversed(range(self.kernel_list.count())):
            if self.kernel_list.item(row).data(KEY) in self._extra:
                self.kernel_list.takeItem(row)
        self._extra = {name: (rows, expl) for name, rows, expl in extra}
        for name, (_rows, expl) in self._extra.items():
            item = QListWidgetItem(label(name))
            item.setData(KEY, name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(say(expl))
            self.kernel_list.addItem(item)
        rows = (self.kernel_list.count() + 1) // 2
        self.kernel_list.setFixedHeight(rows * 20 + 10)

    def set_colour_input(self, colour: bool, new_image: bool = True) -> None:
        """Follow the loaded image: the greyscale option is for colour images only.

        A new image starts unticked (a colour image is filtered in colour until the learner
        ticks the box for it); a grey image shows the box unticked and greyed out.
        """
        self._colour_input = colour
        if new_image or not colour:
            with QSignalBlocker(self.greyscale_first):
                self.greyscale_first.setChecked(False)
        self.greyscale_first.setEnabled(colour)
        self._update_channel_note()

    def _update_channel_note(self) -> None:
        self.channel_note.setVisible(self._colour_input)
        self.channel_note.setText(self.tr(GREY_FIRST_EXPLANATION) if self.greyscale_first.isChecked()
                                  else self.tr(RGB_EXPLANATION))

    def _on_greyscale_toggled(self, _on: bool) -> None:
        self._update_channel_note()
        self._emit()

    def _inputs(self) -> list[QWidget]:
        return [self.kernel_list, self.custom_edit, self.kernel_size, self.seed, self.padding,
                self.pad_mode, self.pad_value, self.stride, self.bias, self.activation,
                self.greyscale_first, self.pool_group, self.pool_op, self.pool_size,
                self.pool_stride, self.depth_group, self.depth_op]

    def _on_custom_text(self) -> None:
        self._update_custom_error()
        self._emit(moving=True)

    def _update_custom_error(self) -> None:
        """Show the parser's reason beside the editor (empty when the grid is fine)."""
        text = self.custom_edit.toPlainText()
        if not text.strip():
            self.custom_error.setText("")
            return
        try:
            k = parse_custom_kernel(text)
        except ValueError as exc:
            style_error(self.custom_error, palette=self.palette())
            self.custom_error.setText(say_error(exc))
        else:
            style_note(self.custom_error, self.palette())
            self.custom_error.setText(self.tr("{0}×{1} kernel, sum of weights {2:.3g}").format(
                k.shape[0], k.shape[1], float(k.sum())))

    def _update_enabled(self) -> None:
        self.pad_value.setEnabled(self.pad_mode.currentData() == "constant")

    def _emit(self, *_args, moving: bool = False) -> None:
        self._update_enabled()
        settings = self.settings()
        self.settingsChanged.emit(settings)
        self.changed.emit(settings, moving)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """A new palette (theme): colour the error text for it."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._update_custom_error()
            style_note(self.channel_note, self.palette())
        super().changeEvent(event)


__all__ = ["LabControls", "RGB_EXPLANATION"]
