"""The status bar: a message, and the displayed moment's epoch and mean loss.

The epoch and loss come from the displayed moment only (``show_moment``), so they always name
the state the diagram, the formulas and the plot cursors show. Their labels have fixed sizes:
a QLabel of fixed size does not ask the window to re-lay out on setText (it changes every
frame while playing; a re-layout repainted the whole window).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QMainWindow

from gui.training.moment import Moment
from gui.widgets.i18n import say
from gui.widgets.naming import name
from gui.widgets.palette import theme_for

translate = QCoreApplication.translate

INFO_STYLE = "QLabel { color: palette(text); }"


class StatusBar:
    """The window's status bar widgets and the sentences in them."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.precision = 4
        self.sticky = False  # a divergence message stays until Reset
        self._note = ""  # the moment note shown now ("Showing epoch …", "Step-through: …"), if any
        sb = window.statusBar()
        sb.setObjectName("statusBar")
        self.message_label = QLabel()
        name(self.message_label, "statusMessage", translate("StatusBar", "Status message"))
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setMinimumWidth(80)
        self.epoch_label = QLabel(translate("StatusBar", "Epoch 0"))
        name(self.epoch_label, "epochLabel", translate("StatusBar", "Epoch"))
        fm = self.epoch_label.fontMetrics()
        self.epoch_label.setFixedSize(fm.horizontalAdvance(
            translate("Moment", "Epoch {0}").format("00,000,000") + translate("Moment", " (recorded)") + " "),
                                      self.epoch_label.sizeHint().height())
        self.epoch_label.setToolTip(translate("StatusBar", "Epoch N is the network after N epochs of "
                                              "training (the chapter's batch mode: after N updates)."))
        self.loss_label = QLabel(translate("StatusBar", "Mean loss –"))
        name(self.loss_label, "lossLabel", translate("StatusBar", "Loss"))
        self.loss_label.setFixedSize(fm.horizontalAdvance(
            translate("Moment", "Mean loss {0}").format("−0.0000×10⁻⁰⁰⁰") + " "),
                                     self.loss_label.sizeHint().height())
        self.loss_label.setToolTip(translate("StatusBar", "The mean loss over the whole data set of the "
                                                          "network shown (without dropout). The formulas "
                                                          "show P, one sample's loss."))
        sb.addWidget(self.message_label, 1)
        sb.addPermanentWidget(self.epoch_label)
        sb.addPermanentWidget(self.loss_label)

    def set_moment_shown(self, shown: bool) -> None:
        """The epoch and loss labels only while the Network tab (whose moment they name) is shown."""
        self.epoch_label.setVisible(shown)
        self.loss_label.setVisible(shown)

    def show_moment(self, m: Moment) -> None:
        """The moment's epoch and loss; a note while a recorded epoch or a step is shown."""
        self.epoch_label.setText(m.epoch_text())
        self.loss_label.setText(m.loss_text(self.precision))
        if m.stepping:
            sub = m.current_substep
            note = translate("StatusBar", "Step-through: {where} — {title}. Press → for the next.")
            self._show_note(note.format(where=m.position_text(), title=say(sub.title)))
        elif not m.live:
            note = translate("StatusBar", "Showing {epoch}; press Play to go on from the latest epoch.")
            self._show_note(note.format(epoch=m.epoch_text().lower()))
        elif self._note and self.message_label.text() == self._note:
            self.show_message("")

    def _show_note(self, text: str) -> None:
        """A note about the moment shown (a step, a recorded epoch), cleared when the moment is live again."""
        self.show_message(text)
        self._note = text

    def show_message(self, text: str, error: bool = False) -> None:
        """The message area (stays until replaced, unlike QStatusBar.showMessage)."""
        if self.sticky and not error and text:
            return  # the divergence message stays until Reset
        dark = self.message_label.palette().color(QPalette.ColorRole.Window).lightness() < 128
        colour = theme_for(dark).error  # ≥ 4.5:1 on the window's background
        style = f"QLabel {{ color: {colour}; font-weight: bold; }}" if error else INFO_STYLE
        self.message_label.setStyleSheet(style)
        self._note = ""  # a moment note (_show_note) sets it again after this
        self.message_label.setText(text)
        self.message_label.setToolTip(text)
