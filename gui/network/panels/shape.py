"""The network's shape: inputs, kernel size, kernels, stride, padding, output type, dropout.

Every edit builds a throw-away ``core.Network`` (cheap) so the preview line names the
nodes exactly as the core will (I1…, K…, C…, O…) and an impossible shape is refused with
the core's own ValueError message under the field it concerns; Apply stays disabled until
the shape is valid. Applying emits ``shapeApplied(dict)``: ``Network`` keyword arguments
plus ``"dropout"`` (a ``Trainer`` setting). Applying over a trained network first asks
``confirm_discard()``, because the window rebuilds the trainer from scratch.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import Network
from gui.widgets.form_rows import add_checked_row
from gui.widgets.i18n import say_error

translate = QCoreApplication.translate

# Limits of the editor's fields (the core accepts more; these keep the diagram readable).
MAX_INPUTS = 32
MAX_KERNELS = 4
MAX_PADDING = 8
MAX_STRIDE = 32
MAX_DROPOUT = 0.9
N_CLASSES = 3  # classification: softmax over the three slope classes (down, flat, up)
# The shape keys this editor owns; any other Network keyword given to ``set_shape`` passes through.
SHAPE_KEYS = ("n_inputs", "kernel_size", "n_kernels", "stride", "padding", "n_outputs", "output")
NETWORK_KEYS = SHAPE_KEYS + ("activation", "init", "seed")
CHAPTER_SHAPE = {"n_inputs": 5, "kernel_size": 3, "n_kernels": 1, "stride": 1, "padding": 0,
                 "n_outputs": 1, "output": "linear", "dropout": 0.0}
# Which field a core ValueError belongs to, by the parameter name it starts with.
_FIELD_OF = {"n_inputs": "n_inputs", "kernel_size": "kernel_size", "n_kernels": "n_kernels",
             "stride": "stride", "padding": "padding", "n_outputs": "output", "output": "output"}


def _span(names: list[str]) -> str:
    """``["C9", "C10", "C11"]`` → "C9–C11"; one name stays as it is."""
    return names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}"


def describe(net: Network) -> str:
    """The preview sentence, e.g. "5 inputs → 1 kernel of 3 (stride 1, padding 0) → 3 feature-map
    nodes C9–C11 → O12", with the core's node names."""
    nk, npos = net.n_kernels, net.n_positions
    if nk == 1:
        kernels = translate("ShapeEditor", "1 kernel of {k}").format(k=net.kernel_size)
    else:
        kernels = translate("ShapeEditor", "{n} kernels of {k}").format(n=nk, k=net.kernel_size)
    nodes = nk * npos
    maps = ", ".join(_span(row) for row in net.fmap_names)
    if nk > 1:
        fmap = translate("ShapeEditor", "{nk} × {npos} = {nodes} feature-map nodes {maps}").format(
            nk=nk, npos=npos, nodes=nodes, maps=maps)
    elif nodes > 1:
        fmap = translate("ShapeEditor", "{nodes} feature-map nodes {maps}").format(nodes=nodes, maps=maps)
    else:
        fmap = translate("ShapeEditor", "1 feature-map node {maps}").format(maps=maps)
    out = _span(net.output_names)
    if net.output == "softmax":
        out = f"softmax {out}"
    return translate("ShapeEditor", "{n} inputs → {kernels} (stride {stride}, padding {padding}) → {fmap} → "
                     "{out}").format(n=net.n_inputs, kernels=kernels, stride=net.stride, padding=net.padding,
                                     fmap=fmap, out=out)


def notes(net: Network) -> list[str]:
    """Legal but surprising shapes, explained (they do not block Apply)."""
    out = []
    if net.stride > net.kernel_size:
        out.append(translate("ShapeEditor", "Stride {0} > kernel size {1}: some inputs are never "
                                            "seen.").format(
            net.stride, net.kernel_size))
    if net.padding >= net.kernel_size:
        out.append(translate("ShapeEditor", "Padding {0} ≥ kernel size {1}: the end nodes see "
                                            "only zeros.").format(
            net.padding, net.kernel_size))
    return out


class ShapeEditor(QWidget):
    """Edits the network's shape; emits ``shapeApplied(dict)`` with Network kwargs + "dropout"."""

    shapeApplied = Signal(dict)  # noqa: N815 — Network keyword arguments plus "dropout"

    def __init__(self, parent: QWidget | None = None,
                 confirm_discard: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shapeEditor")
        # asked before applying over a trained network; returns True to go ahead
        self.confirm_discard: Callable[[], bool] = confirm_discard or self._ask_discard
        self._trained_epochs = 0
        self._extra: dict = {}  # activation / init / seed given to set_shape, passed through
        self._errors: dict[str, QLabel] = {}
        self._net: Network | None = None

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form

        self.n_inputs = self._spin("nInputs", 3, MAX_INPUTS)
        self._row(self.tr("Inputs"), self.n_inputs, "n_inputs",
                  self.tr("How many values each 1D image has (the chapter: 5, I1–I5); "
                          "3–{MAX_INPUTS}.").format(
                      MAX_INPUTS=MAX_INPUTS))
        self.kernel_size = self._spin("kernelSize", 1, MAX_INPUTS + 2 * MAX_PADDING)
        self._row(self.tr("Kernel size"), self.kernel_size, "kernel_size",
                  self.tr("How many inputs one kernel covers (the chapter: 3, K6–K8); at most inputs + "
                          "2·padding."))
        self.n_kernels = self._spin("nKernels", 1, MAX_KERNELS)
        self._row(self.tr("Kernels"), self.n_kernels, "n_kernels",
                  self.tr("How many kernels slide along the input, each with its own feature map "
                          "(1–{MAX_KERNELS}).").format(
                      MAX_KERNELS=MAX_KERNELS))
        self.stride = self._spin("stride", 1, MAX_STRIDE)
        self._row(self.tr("Stride"), self.stride, "stride",
                  self.tr("How many inputs the kernel moves between feature-map nodes (the chapter: 1)."))
        self.padding = self._spin("padding", 0, MAX_PADDING)
        self._row(self.tr("Zero padding"), self.padding, "padding",
                  self.tr("How many zeros are added at each end of the input before sliding the kernel."))
        self.output = QComboBox()
        self.output.setObjectName("outputType")
        # Its longest entry must not widen the whole panel past the pane on a 1280-px screen.
        self.output.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.output.setMinimumContentsLength(12)
        self.output.addItem(self.tr("Regression: 1 linear output"), "linear")
        self.output.addItem(self.tr("Classification: softmax, {N_CLASSES} classes").format(
            N_CLASSES=N_CLASSES), "softmax")
        self._row(self.tr("Output"), self.output, "output",
                  self.tr("Regression predicts one number (the chapter's slope); classification "
                          "gives {N_CLASSES} class probabilities.").format(
                      N_CLASSES=N_CLASSES))
        self.dropout = QDoubleSpinBox()
        self.dropout.setObjectName("dropout")
        self.dropout.setRange(0.0, MAX_DROPOUT)
        self.dropout.setSingleStep(0.05)
        self.dropout.setDecimals(2)
        self._row(self.tr("Dropout p"), self.dropout, "dropout",
                  self.tr("Probability that a feature-map node is dropped in a training epoch (0 = off)."))

        self.preview = QLabel()
        self.preview.setObjectName("shapePreview")
        self.preview.setWordWrap(True)
        self.preview.setToolTip(self.tr("The network this shape builds, with the chapter's node numbering."))
        self.note = QLabel()
        self.note.setObjectName("shapeNote")
        self.note.setWordWrap(True)
        self.note.setToolTip(self.tr("Legal but surprising choices, explained; they do not stop Apply."))
        self.apply_button = QPushButton(self.tr("Apply shape"))
        self.apply_button.setObjectName("applyShape")
        self.apply_button.setToolTip(self.tr("Rebuild the network with this shape (discards the current "
                                             "training)."))
        self.apply_button.clicked.connect(self.apply)
        self.reset_button = QPushButton(self.tr("Chapter"))
        self.reset_button.setObjectName("chapterShape")
        self.reset_button.setToolTip(self.tr("Go back to the chapter's shape: 5 inputs, one kernel of 3, "
                                             "one output."))
        self.reset_button.clicked.connect(lambda: self.set_shape(CHAPTER_SHAPE))

        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        heading = QLabel(self.tr("<b>The network this shape builds</b>"))
        heading.setToolTip(self.preview.toolTip())
        layout.addWidget(heading)
        layout.addWidget(self.preview)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addStretch(1)

        for spin in (self.n_inputs, self.kernel_size, self.n_kernels, self.stride, self.padding):
            spin.valueChanged.connect(self._revalidate)
        self.output.currentIndexChanged.connect(self._revalidate)
        self.dropout.valueChanged.connect(self._revalidate)
        self.set_shape(CHAPTER_SHAPE)

    # ---------------------------------------------------------------- building
    def _spin(self, name: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        return spin

    def _row(self, label: str, field: QWidget, key: str, tip: str) -> None:
        """A form row: the field with its reason (hidden until needed) under it."""
        add_checked_row(self.form, self, label, field, key, tip, self._errors)

    # ------------------------------------------------------------------- API
    def shape(self) -> dict:
        """The fields as ``Network`` keyword arguments plus ``"dropout"`` (not validated)."""
        softmax = self.output.currentData() == "softmax"
        shape = dict(self._extra)
        shape.update({
            "n_inputs": self.n_inputs.value(),
            "kernel_size": self.kernel_size.value(),
            "n_kernels": self.n_kernels.value(),
            "stride": self.stride.value(),
            "padding": self.padding.value(),
            "n_outputs": N_CLASSES if softmax else 1,
            "output": "softmax" if softmax else "linear",
            "dropout": round(float(self.dropout.value()), 4),
        })
        return shape

    def set_shape(self, shape: dict) -> None:
        """Show a shape (e.g. ``net.shape_dict()`` plus "dropout"); missing keys take the chapter's."""
        full = {**CHAPTER_SHAPE, **shape}
        self._extra = {k: full[k] for k in ("activation", "init", "seed") if k in full}
        widgets = (self.n_inputs, self.kernel_size, self.n_kernels, self.stride, self.padding,
                   self.output, self.dropout)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.n_inputs.setValue(int(full["n_inputs"]))
            self.padding.setValue(int(full["padding"]))
            self.kernel_size.setValue(int(full["kernel_size"]))
            self.n_kernels.setValue(int(full["n_kernels"]))
            self.stride.setValue(int(full["stride"]))
            self.output.setCurrentIndex(max(0, self.output.findData(full["output"])))
            self.dropout.setValue(float(full.get("dropout") or 0.0))
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._revalidate()

    def set_trained_epochs(self, n: int) -> None:
        """How many epochs the current network has trained; applying asks first only when n > 0."""
        self._trained_epochs = max(0, int(n))

    def network(self) -> Network | None:
        """The network the fields describe (a fresh, untrained one), or None while invalid."""
        return self._net

    def error(self) -> str:
        """The reason the shape is refused ("" when valid)."""
        return next((e.text() for e in self._errors.values() if e.text()), "")

    def apply(self) -> bool:
        """Emit ``shapeApplied`` if the shape is valid and discarding the training is confirmed."""
        if self._net is None:
            return False
        if self._trained_epochs > 0 and not self.confirm_discard():
            return False
        self.shapeApplied.emit(self.shape())
        return True

    # ------------------------------------------------------------ validation
    def _ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Change the network's shape"),
            self.tr("Changing the shape discards the trained network (epoch {0}). Continue?").format(
                self._trained_epochs),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _set_error(self, key: str, message: str) -> None:
        label = self._errors[key]
        label.setText(message)
        label.setVisible(bool(message))

    def _revalidate(self, *_args) -> None:
        """Build the network the fields describe: preview its names, or show the core's reason."""
        for key in self._errors:
            self._set_error(key, "")
        shape = self.shape()
        try:
            net = Network(**{k: v for k, v in shape.items() if k in NETWORK_KEYS})
        except ValueError as exc:
            msg = str(exc)  # the English names the field; the learner reads it in the window's language
            field = next((f for p, f in _FIELD_OF.items() if msg.startswith(p + " ")), "kernel_size")
            self._set_error(field, say_error(exc))
            self._net = None
            self.preview.setText("—")
            self.note.setText(self.tr("Fix the field marked in red to apply."))
        else:
            self._net = net
            self.preview.setText(describe(net))
            self.note.setText(" ".join(notes(net)))
        self.note.setVisible(bool(self.note.text()))
        self.apply_button.setEnabled(self._net is not None)

    def preview_text(self) -> str:
        """The preview line (for tests and the status bar)."""
        return self.preview.text()
