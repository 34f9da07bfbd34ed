"""The gradient check, visible: backprop's ∂P/∂θ beside a central finite difference, per parameter.

The panel only draws ``core.chapter.gradcheck.gradient_report``'s rows: the check compares the
central difference with every path that computes a gradient — the batch pass that trains, the
per-sample pass the step-through shows, and one step of the training loop — by a mixed criterion
(absolute where gradients vanish, relative where they are large), and says which paths it checked.
It works on its own copy of the network, so the caller's (possibly training) network is never touched.

Every text is translated where it is shown (docs/translation.md): the columns, the explanation and
the verdict words are marked with ``QT_TRANSLATE_NOOP``; the verdicts keep their code names
(ok / suspicious / wrong) as item data and in ``verdicts()``; the core's sentences (the summary of
the paths checked, the paths' names) are ``core.i18n`` Messages shown with ``say``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QPalette, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.chapter.gradcheck import ATOL, PATH_NAMES, RTOL, GradCheckRow, gradient_report
from core.chapter.gradcheck import verdict as core_verdict
from core.chapter.stepthrough import screen_name
from gui.widgets.i18n import say

translate = QCoreApplication.translate

OK_BELOW = 1e-6  # relative error at or below this: backprop and the finite difference agree
SUSPICIOUS_BELOW = 1e-3  # at or below this: suspicious (rounding, a nearby kink); above: wrong
VERDICTS = ("ok", "suspicious", "wrong")
# cell tints for ok / suspicious / wrong: translucent, so text in the palette's colour stays readable
TINTS = {"ok": (46, 160, 67), "suspicious": (230, 160, 0), "wrong": (215, 48, 39)}
# the words shown for the verdicts (the code names stay the item data)
VERDICT_LABELS = {"ok": QT_TRANSLATE_NOOP("GradientCheckPanel", "ok"),
                  "suspicious": QT_TRANSLATE_NOOP("GradientCheckPanel", "suspicious"),
                  "wrong": QT_TRANSLATE_NOOP("GradientCheckPanel", "wrong")}
COLUMNS = (QT_TRANSLATE_NOOP("GradientCheckPanel", "parameter"),
           QT_TRANSLATE_NOOP("GradientCheckPanel", "∂P/∂θ (the batch pass that trains)"),
           QT_TRANSLATE_NOOP("GradientCheckPanel", "numerical (central difference)"),
           QT_TRANSLATE_NOOP("GradientCheckPanel", "error (worst path)"),
           QT_TRANSLATE_NOOP("GradientCheckPanel", "verdict"))
EXPLANATION = QT_TRANSLATE_NOOP(
    "GradientCheckPanel",
    "Each parameter θ is nudged by ±ε and the loss P re-evaluated: (P(θ+ε) − P(θ−ε)) / 2ε "
    "approximates ∂P/∂θ. Backprop is right when the columns agree; at a ReLU kink they "
    "disagree because the loss has no derivative there.")
MINUS = "\u2212"


def verdict(rel_error: float) -> str:
    """'ok' (≤ 1e-6), 'suspicious' (≤ 1e-3) or 'wrong' for an error scaled by the mixed criterion."""
    return core_verdict(rel_error) if math.isfinite(rel_error) else "wrong"


def _num(v: float, digits: int = 10) -> str:
    return f"{v + 0.0:.{digits}g}".replace("-", MINUS)  # + 0.0: show −0 as 0


class _EpsilonBox(QDoubleSpinBox):
    """A spin box for ε in powers of ten: the arrows multiply or divide by 10, text in 1e-06 form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(15)  # keep 1e-9 exactly; the text form below hides the decimals
        self.setRange(1e-10, 1e-1)
        self.setValue(1e-6)
        self.setKeyboardTracking(False)

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt's name)
        self.setValue(min(max(self.value() * 10.0**steps, self.minimum()), self.maximum()))

    def textFromValue(self, value: float) -> str:  # noqa: N802
        return f"{value:.0e}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text.replace(MINUS, "-"))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            v = float(text.replace(MINUS, "-"))
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= v <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos


class GradientCheckPanel(QWidget):
    """A table of analytic vs numerical gradients for one sample, coloured by relative error."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradientCheckPanel")
        self._net = None  # our own copy of the network checked last
        self._x = None
        self._y = None
        self._mask: dict[str, float] | None = None
        self._rows: list[GradCheckRow] = []
        self._report = None

        self.explanation = QLabel(translate("GradientCheckPanel", EXPLANATION))
        self.explanation.setWordWrap(True)
        self.explanation.setObjectName("gradCheckExplanation")
        self.eps_box = _EpsilonBox()
        self.eps_box.setObjectName("gradCheckEpsilon")
        self.eps_box.setToolTip(self.tr(
            "ε, the nudge of the finite difference; ↑/↓ multiply or divide by 10"))
        self.eps_box.valueChanged.connect(self.recompute)
        self.recompute_button = QPushButton(self.tr("Recompute"))
        self.recompute_button.setObjectName("gradCheckRecompute")
        self.recompute_button.setToolTip(self.tr("Check the gradients again with the current ε"))
        self.recompute_button.clicked.connect(self.recompute)
        self.sample_label = QLabel("")
        self.sample_label.setObjectName("gradCheckSample")
        self.sample_label.setWordWrap(True)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("ε ="))
        controls.addWidget(self.eps_box)
        controls.addWidget(self.recompute_button)
        controls.addWidget(self.sample_label, 1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("gradCheckTable")
        self.table.setHorizontalHeaderLabels([translate("GradientCheckPanel", c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.legend = QLabel("")
        self.legend.setObjectName("gradCheckLegend")
        self.legend.setWordWrap(True)  # never wider than the table: the summary then wraps on screen
        self.summary = QLabel("")
        self.summary.setObjectName("gradCheckSummary")
        self.summary.setWordWrap(True)

        lay = QVBoxLayout(self)
        lay.addWidget(self.explanation)
        lay.addLayout(controls)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.legend)
        lay.addWidget(self.summary)
        self._update_legend()

    # --------------------------------------------------------------- public
    def show_for(self, net, x, y, mask: dict[str, float] | None = None) -> list[GradCheckRow]:
        """Check ``net``'s gradients on sample ``(x, y)`` (dropout ``mask`` optional) and show them.

        Works on a copy of ``net``: the caller's network is never modified.
        """
        self._net = net.copy()
        self._x = [float(v) for v in x]
        self._y = float(y)
        self._mask = dict(mask) if mask else None
        return self.recompute()

    def show_snapshot(self, snap, net) -> list[GradCheckRow]:
        """Check the gradients of the sample a ``core.Snapshot`` shows, with its parameters.

        ``net`` only provides the shape (any network of the same shape, e.g. the one from
        ``networkChanged``); the parameters and the dropout factors come from the snapshot.
        """
        copy = net.copy()
        copy.set_params(snap.params)
        mask = {n: snap.forward[f"{n}_mask"] for n in copy.fmap_flat if f"{n}_mask" in snap.forward}
        return self.show_for(copy, snap.x, snap.target, mask or None)

    def recompute(self, *_args) -> list[GradCheckRow]:
        """Run the check again with the current ε (nothing to do before ``show_for``)."""
        if self._net is None:
            return []
        self._report = gradient_report(self._net, self._x, self._y, self.epsilon(), self._mask)
        self._rows = list(self._report.rows)
        self._fill()
        return list(self._rows)

    def epsilon(self) -> float:
        return float(self.eps_box.value())

    def set_epsilon(self, eps: float) -> None:
        """Set ε (recomputes when a network is shown)."""
        self.eps_box.setValue(float(eps))

    def rows(self) -> list[GradCheckRow]:
        """The rows shown, as the core computed them."""
        return list(self._rows)

    def verdicts(self) -> dict[str, str]:
        """Parameter code name → 'ok' / 'suspicious' / 'wrong' (for tests)."""
        return {r.name: verdict(r.rel_error) for r in self._rows}

    # -------------------------------------------------------------- drawing
    def _tint(self, kind: str) -> QColor:
        r, g, b = TINTS[kind]
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return QColor(r, g, b, 120 if dark else 80)

    def _label(self, kind: str) -> str:
        """The word shown for a verdict (its code name stays the item data)."""
        return translate("GradientCheckPanel", VERDICT_LABELS[kind])

    def _tooltip(self, r: GradCheckRow) -> str:
        """A row's hover text: the central difference and every path's ∂P/∂θ with its error."""
        paths = "\n".join(self.tr("{path}: {value} (error {error})").format(
            path=say(PATH_NAMES.get(k, k)), value=repr(v), error=f"{r.errors.get(k, 0.0):.2g}")
            for k, v in r.paths.items())
        head = self.tr("{name}: numerical {value}").format(name=screen_name(r.name), value=repr(r.numeric))
        rule = self.tr("error = |g − fd| scaled by the mixed criterion; ≤ 1e-6 agrees")
        return f"{head}\n{paths}\n{rule}"

    def _verdict_sentence(self, kinds: list[str]) -> str:
        """What the worst verdict means (English plurals as two sentences)."""
        n_bad = kinds.count("wrong")
        if n_bad == 1:
            return self.tr("1 parameter disagrees — a kink (ReLU at z = 0) or a bug in backprop.")
        if n_bad:
            return self.tr("{n} parameters disagree — a kink (ReLU at z = 0) or a bug in backprop.").format(
                n=n_bad)
        if "suspicious" in kinds:
            return self.tr("close, but not to rounding error — try another ε.")
        return self.tr("backprop agrees with the finite difference.")

    def _fill(self) -> None:
        t = self.table
        t.setRowCount(len(self._rows))
        for i, r in enumerate(self._rows):
            kind = verdict(r.rel_error)
            texts = (screen_name(r.name), _num(r.analytic), _num(r.numeric), _num(r.rel_error, 2),
                     self._label(kind))
            values = (r.name, r.analytic, r.numeric, r.rel_error, kind)
            tip = self._tooltip(r)
            for col, (text, value) in enumerate(zip(texts, values, strict=True)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, value)
                if col:
                    h = Qt.AlignmentFlag.AlignHCenter if col == 4 else Qt.AlignmentFlag.AlignRight
                    item.setTextAlignment(h | Qt.AlignmentFlag.AlignVCenter)
                if col >= 3:
                    item.setBackground(self._tint(kind))
                item.setToolTip(tip)
                t.setItem(i, col, item)
        worst = max(self._rows, key=lambda r: r.rel_error) if self._rows else None
        if worst is None or self._report is None:
            self.summary.setText("")
        else:
            self.summary.setText(self.tr(
                "largest relative error {error} ({name}) with ε = {eps}: {verdict}  {checked}").format(
                error=_num(worst.rel_error, 2), name=screen_name(worst.name), eps=f"{self.epsilon():.0e}",
                verdict=self._verdict_sentence([verdict(r.rel_error) for r in self._rows]),
                checked=say(self._report.summary())))
        xs = ", ".join(_num(v, 4) for v in (self._x or []))
        self.sample_label.setText(self.tr("sample x = ({x}), y = {y}").format(x=xs, y=_num(self._y, 4))
                                  if self._x else "")

    def show_message(self, text: str) -> None:
        """Show ``text`` (already translated) instead of a table: the check could not run here."""
        self._rows, self._report = [], None
        self.table.setRowCount(0)
        self.summary.setText(text)

    def _update_legend(self) -> None:
        parts = []
        for kind, rule in zip(VERDICTS, ("≤ 1e-6", "≤ 1e-3", "> 1e-3"), strict=True):
            c = self._tint(kind)
            swatch = (f"<span style='background-color:rgba({c.red()},{c.green()},{c.blue()},"
                      f"{c.alpha() / 255:.2f})'>&nbsp;&nbsp;&nbsp;&nbsp;</span>")
            parts.append(f"<span style='white-space:nowrap'>{swatch} {self._label(kind)} {rule}</span>")
        rule = self.tr("{rtol} relative, {atol} absolute where gradients vanish").format(
            rtol=f"{RTOL:.0e}", atol=f"{ATOL:.0e}")
        self.legend.setText(self.tr("error ({rule}): {samples}").format(
            rule=rule, samples=" &nbsp; ".join(parts)))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._update_legend()
            if self._rows:
                self._fill()
        super().changeEvent(event)
