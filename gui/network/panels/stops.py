"""Stop conditions a learner can arm: an epoch, a loss below ε, a weight crossing a value.

The panel only edits settings; ``conditions()`` turns them into a ``core.chapter.stops.StopConditions``
(the core decides when one fires and writes the sentence). A bad entry is refused under its
field with the reason. Stopping on a non-finite value is built into the trainer, so its box
is always ticked and cannot be unticked.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.chapter.stepthrough import screen_name
from core.chapter.stops import StopConditions
from gui.widgets.form_rows import error_label, parse_number
from gui.widgets.i18n import say_error

MAX_EPOCH = 100_000_000


class StopPanel(QWidget):
    """Check boxes and fields for the stop conditions; ``conditions()`` builds them."""

    changed = Signal()  # any box or field edited

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stopPanel")
        self._errors: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.grid = grid

        self.epoch_check = QCheckBox(self.tr("At epoch"))
        self.epoch_check.setObjectName("stopAtEpochCheck")
        self.epoch = QSpinBox()
        self.epoch.setObjectName("stopAtEpoch")
        self.epoch.setRange(1, MAX_EPOCH)
        self.epoch.setValue(1000)
        self._row(0, self.epoch_check, [self.epoch], "epoch",
                  self.tr("Stop when this many epochs are complete (the chapter trains 1000)."))

        self.loss_check = QCheckBox(self.tr("When loss < ε"))
        self.loss_check.setObjectName("stopLossCheck")
        self.loss = QLineEdit("1e-4")
        self.loss.setObjectName("stopLossBelow")
        self._row(1, self.loss_check, [self.loss], "loss",
                  self.tr("Stop when an epoch's mean loss falls below ε, a positive number such as 1e-4."))

        self.weight_check = QCheckBox(self.tr("When weight"))
        self.weight_check.setObjectName("stopWeightCheck")
        self.weight = QComboBox()
        self.weight.setObjectName("stopWeight")
        self.weight.setToolTip(self.tr("The parameter to watch (chapter names: K6…, λ9,12…, b_conv, b12)."))
        crosses = QLabel(self.tr("crosses"))
        self.weight_value = QLineEdit("0")
        self.weight_value.setObjectName("stopWeightValue")
        self.weight_value.setToolTip(self.tr("The value the weight must cross, from either side, to stop."))
        crosses.setToolTip(self.weight_value.toolTip())
        # The weight on one line, "crosses [value]" under it: on one line the row was wider than
        # the panel's pane on a 1280-px screen and the value box was cut off.
        which = QWidget()
        pair = QGridLayout(which)
        pair.setContentsMargins(0, 0, 0, 0)
        pair.addWidget(self.weight, 0, 0, 1, 2)
        pair.addWidget(crosses, 1, 0)
        pair.addWidget(self.weight_value, 1, 1)
        pair.setColumnStretch(1, 1)
        self._row(2, self.weight_check, [which], "weight",
                  self.tr("Stop in the epoch the chosen weight passes through the value, from either side."))

        self.finite_check = QCheckBox(self.tr("On a non-finite value (built in)"))
        self.finite_check.setObjectName("stopNonFinite")
        self.finite_check.setChecked(True)
        self.finite_check.setEnabled(False)
        self.finite_check.setToolTip(
            self.tr("Always on: the trainer itself stops, keeping the last good weights, when the loss or "
                    "a weight becomes infinite or NaN (usually a learning rate that is too large)."))
        grid.addWidget(self.finite_check, 6, 0, 1, 4)
        self.finite_note = QLabel(self.tr("Always on: the trainer stops by itself, keeping the last good "
                                          "weights, when the loss or a weight becomes infinite or NaN."))
        self.finite_note.setObjectName("stopNonFiniteNote")
        self.finite_note.setWordWrap(True)
        self.finite_note.setToolTip(self.finite_check.toolTip())
        grid.addWidget(self.finite_note, 7, 0, 1, 4)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addStretch(1)

        for box in (self.epoch_check, self.loss_check, self.weight_check):
            box.toggled.connect(self._edited)
        self.epoch.valueChanged.connect(self._edited)
        self.loss.textChanged.connect(self._edited)
        self.weight.currentIndexChanged.connect(self._edited)
        self.weight_value.textChanged.connect(self._edited)
        self.set_param_names(["K6", "K7", "K8", "b_conv", "w9_12", "w10_12", "w11_12", "b12"])
        self._revalidate()

    def _row(self, row: int, check: QCheckBox, fields: list[QWidget], key: str, tip: str) -> None:
        """One condition: its check box, its field(s), and the reason under them (hidden until needed)."""
        check.setToolTip(tip)
        grid = self.grid
        grid.addWidget(check, 2 * row, 0)
        for col, field in enumerate(fields):
            if not field.toolTip():
                field.setToolTip(tip)
            span = 3 if len(fields) == 1 else 1
            grid.addWidget(field, 2 * row, 1 + col, 1, span)
        err = error_label(self, key)
        grid.addWidget(err, 2 * row + 1, 1, 1, 3)
        self._errors[key] = err

    # ------------------------------------------------------------------- API
    def set_param_names(self, names: list[str]) -> None:
        """Fill the weight list (code names, shown with the chapter's: w9_12 → λ9,12); keeps the choice."""
        current = self.weight.currentData()
        self.weight.blockSignals(True)
        try:
            self.weight.clear()
            for name in names:
                self.weight.addItem(screen_name(name), name)
            i = self.weight.findData(current)
            self.weight.setCurrentIndex(i if i >= 0 else 0)
        finally:
            self.weight.blockSignals(False)
        if self.weight.currentData() != current:
            self._edited()

    def set_conditions(self, cond: StopConditions | None) -> None:
        """Show armed conditions (None: nothing armed)."""
        cond = cond or StopConditions()
        self.epoch_check.setChecked(cond.at_epoch is not None)
        if cond.at_epoch is not None:
            self.epoch.setValue(max(1, cond.at_epoch))
        self.loss_check.setChecked(cond.loss_below is not None)
        if cond.loss_below is not None:
            self.loss.setText(f"{cond.loss_below:g}")
        self.weight_check.setChecked(cond.weight is not None)
        if cond.weight is not None:
            i = self.weight.findData(cond.weight)
            if i >= 0:
                self.weight.setCurrentIndex(i)
            self.weight_value.setText(f"{cond.weight_value:g}")

    def is_valid(self) -> bool:
        """True when every armed condition's entry is acceptable."""
        return not self.errors()

    def errors(self) -> dict[str, str]:
        """Reasons by condition ("epoch", "loss", "weight") for the armed entries that are refused."""
        return {k: e.text() for k, e in self._errors.items() if e.text()}

    def armed(self) -> bool:
        """Whether any condition (besides the built-in non-finite stop) is ticked."""
        return any(b.isChecked() for b in (self.epoch_check, self.loss_check, self.weight_check))

    def conditions(self) -> StopConditions | None:
        """The armed conditions, validated; None when nothing is armed or an entry is refused.

        ``is_valid()`` tells the two apart. A fresh object each call: pass it to
        ``Trainer.run(callback=...)`` after ``cond.arm(trainer)``.
        """
        self._revalidate()
        if not self.armed() or not self.is_valid():
            return None
        return StopConditions(**self._values())

    # ------------------------------------------------------------ validation
    def _values(self) -> dict:
        """The armed entries as StopConditions keyword arguments (call only when valid)."""
        kw: dict = {}
        if self.epoch_check.isChecked():
            kw["at_epoch"] = self.epoch.value()
        if self.loss_check.isChecked():
            kw["loss_below"] = parse_number(self.loss.text(), self.tr("value"))
        if self.weight_check.isChecked():
            kw["weight"] = self.weight.currentData()
            kw["weight_value"] = parse_number(self.weight_value.text(), self.tr("value"))
        return kw

    def _revalidate(self) -> None:
        for err in self._errors.values():
            err.setText("")
            err.hide()
        # Check each armed entry on its own so every refused field shows its reason at once.
        self.loss.setEnabled(self.loss_check.isChecked())
        self.weight_value.setEnabled(self.weight_check.isChecked())
        self.epoch.setEnabled(self.epoch_check.isChecked())
        self.weight.setEnabled(self.weight_check.isChecked())
        for key in ("loss", "weight"):
            try:
                self._check_one(key)
            except ValueError as exc:
                self._errors[key].setText(say_error(exc))
                self._errors[key].show()

    def _check_one(self, key: str) -> None:
        if key == "loss" and self.loss_check.isChecked():
            eps = parse_number(self.loss.text(), self.tr("ε"))
            if eps <= 0:
                raise ValueError(self.tr("ε: must be greater than 0 (the loss is never negative)"))
            StopConditions(loss_below=eps)
        if key == "weight" and self.weight_check.isChecked():
            if self.weight.currentData() is None:
                raise ValueError(self.tr("choose a weight (the network has none listed)"))
            StopConditions(weight=self.weight.currentData(),
                           weight_value=parse_number(self.weight_value.text(), self.tr("threshold")))

    def _edited(self, *_args) -> None:
        self._revalidate()
        self.changed.emit()
