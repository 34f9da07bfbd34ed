"""The main window's actions, toolbar and menus, in one place so every command has one definition.

Each action carries its shortcut (shown in the menus), a one-sentence tooltip, an objectName
and an accessible name, so tests, screen readers and the menus all find the same thing.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QLabel,
    QMainWindow,
    QSlider,
    QSpinBox,
    QStyle,
    QToolBar,
    QToolButton,
)

from gui.widgets.actions import make_action
from gui.widgets.naming import name

SPEED_STEPS = 100  # the slider's maximum: flat out
SLOWEST = 2.0  # epochs per second at the slider's minimum
FASTEST_LIMITED = 5000.0  # epochs per second one notch below flat out
DEFAULT_SPEED = 20.0  # epochs per second at start: the plots and the diagram move at a readable pace


def speed_for_slider(value: int) -> float | None:
    """Slider position → epochs per second on a log scale; the maximum means flat out (None)."""
    if value >= SPEED_STEPS:
        return None
    frac = max(0, value) / (SPEED_STEPS - 1)
    return SLOWEST * (FASTEST_LIMITED / SLOWEST) ** frac


def slider_for_speed(eps: float | None) -> int:
    """The slider position nearest to ``eps`` epochs per second (None: flat out)."""
    if eps is None:
        return SPEED_STEPS
    frac = math.log(max(eps, SLOWEST) / SLOWEST) / math.log(FASTEST_LIMITED / SLOWEST)
    return max(0, min(SPEED_STEPS - 1, round(frac * (SPEED_STEPS - 1))))


def speed_text(eps: float | None) -> str:
    """What the speed label says next to the slider."""
    if eps is None:
        return "flat out"
    if eps < 10:
        return f"{eps:.1f} epochs/s"
    return f"{int(round(eps, -int(math.log10(eps)) + 1))} epochs/s"


class WindowActions:
    """Creates the window's QActions, its toolbar and its menus."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        style = window.style()
        icon = style.standardIcon

        def act(obj_name: str, text: str, shortcut: str | QKeySequence.StandardKey | None, tip: str,
                std_icon: QStyle.StandardPixmap | None = None, checkable: bool = False) -> QAction:
            a = make_action(window, obj_name, text, shortcut, tip)
            if std_icon is not None:
                a.setIcon(icon(std_icon))
            a.setCheckable(checkable)
            return a

        SP = QStyle.StandardPixmap
        self.play = act("actionPlay", "&Play", "Space",
                        "Train continuously at the chosen speed; press again to pause.",
                        SP.SP_MediaPlay, checkable=True)
        self.step_sample = act("actionStepSample", "Step &sample", "Right",
                               "Show the next sub-step of one sample's forward and backward pass.",
                               SP.SP_MediaSeekForward)
        self.step_epoch = act("actionStepEpoch", "Step &epoch", "Shift+Right",
                              "Train one whole epoch (or finish the one being stepped).",
                              SP.SP_MediaSkipForward)
        self.run_epochs = act("actionRunEpochs", "&Run N epochs", "Ctrl+Return",
                              "Train the number of epochs in the box next to this button.")
        self.reset = act("actionReset", "&Reset", "R",
                         "Re-initialise the weights from the seed and forget the training run.",
                         SP.SP_BrowserReload)
        self.show_labels = act("actionShowLabels", "Show value &labels", "Ctrl+L",
                               "Show or hide the numbers written on the diagram.", checkable=True)
        self.show_labels.setChecked(True)
        self.more_digits = act("actionMoreDigits", "&More digits", "Ctrl+=",
                               "Show one more decimal digit in the diagram's labels.")
        self.fewer_digits = act("actionFewerDigits", "&Fewer digits", "Ctrl+-",
                                "Show one decimal digit fewer in the diagram's labels.")
        self.help = act("actionHelp", "&How to read the window", QKeySequence.StandardKey.HelpContents,
                        "Explain the diagram, the formulas and the controls.", SP.SP_DialogHelpButton)
        if self.help.shortcut().isEmpty():
            self.help.setShortcut(QKeySequence("F1"))
        self.about = act("actionAbout", "&About CNN Visualiser", None,
                         "Show the program's purpose and the licences of the bundled images.")
        self.quit = act("actionQuit", "&Quit", "Ctrl+Q", "Close the window and stop training.")
        self.flat_out = act("actionFlatOut", "&Flat out", "Ctrl+F",
                            "Train as fast as the machine can (the slider's right end); the slider sets "
                            "a pace a learner can watch.")
        self.play_substeps = act("actionPlaySubsteps", "Play s&ub-steps", "Ctrl+Right",
                                 "Walk the step-through by itself at the chosen rate (sub-steps a second).",
                                 SP.SP_MediaSeekForward, checkable=True)
        self.undo = act("actionUndo", "&Undo", QKeySequence.StandardKey.Undo,
                        "Bring back the network that Apply, Reset or a new shape replaced.")
        self.undo.setEnabled(False)
        self.theme_actions: dict[str, QAction] = {}
        for key, text, what in (("system", "&System", "the desktop's"), ("light", "&Light", "light"),
                                ("dark", "&Dark", "dark")):
            a = act(f"actionTheme{key.title()}", text, None, f"Use {what} colours; applied at once.",
                    checkable=True)
            self.theme_actions[key] = a

        # Toolbar widgets that are not actions.
        self.run_spin = QSpinBox()
        name(self.run_spin, "runEpochsSpin", "Epochs to run")
        self.run_spin.setRange(1, 1_000_000)
        self.run_spin.setValue(100)
        self.run_spin.setSingleStep(10)
        self.run_spin.setToolTip("How many epochs Run N epochs trains.")
        self.run_spin.setKeyboardTracking(False)
        self.speed = QSlider(Qt.Orientation.Horizontal)
        name(self.speed, "speedControl", "Training speed")
        self.speed.setRange(0, SPEED_STEPS)
        self.speed.setValue(slider_for_speed(DEFAULT_SPEED))  # a pace a learner can watch
        self.speed.setMinimumWidth(110)
        self.speed.setMaximumWidth(160)
        self.speed.setToolTip("Training speed from 2 epochs a second (left) to flat out (right).")
        self.speed_label = QLabel(speed_text(speed_for_slider(self.speed.value())))
        name(self.speed_label, "speedLabel", "Speed")
        self.speed_label.setMinimumWidth(self.speed_label.fontMetrics().horizontalAdvance("5000 epochs/s"))
        self.substep_rate = QDoubleSpinBox()
        name(self.substep_rate, "substepRate", "Sub-steps a second")
        self.substep_rate.setRange(0.5, 10.0)
        self.substep_rate.setSingleStep(0.5)
        self.substep_rate.setValue(2.0)
        self.substep_rate.setSuffix(" /s")
        self.substep_rate.setToolTip("How many sub-steps a second Play sub-steps shows.")
        self.precision = QSpinBox()
        name(self.precision, "precisionSpin", "Digits on the diagram")
        self.precision.setRange(1, 8)
        self.precision.setValue(4)
        self.precision.setSuffix(" digits")
        self.precision.setToolTip("How many decimal digits the diagram's labels show.")

    def network_actions(self) -> list[QAction]:
        """The actions that drive the Network tab's training (off while another tab is shown)."""
        return [self.play, self.step_sample, self.step_epoch, self.run_epochs, self.reset,
                self.play_substeps, self.flat_out, self.show_labels, self.more_digits, self.fewer_digits]

    def set_network_shown(self, shown: bool) -> None:
        """Enable the Network tab's commands only while it is shown: Space on another tab is not Play."""
        for a in self.network_actions():
            a.setEnabled(shown)
        for w in (self.run_spin, self.speed, self.speed_label, self.substep_rate, self.precision):
            w.setEnabled(shown)

    def build_toolbar(self, open_image: QAction | None) -> QToolBar:
        """The main toolbar: training controls, speed, diagram display, image lab."""
        w = self.window
        tb = QToolBar("Training")
        name(tb, "mainToolBar", "Training toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.play, self.step_sample, self.step_epoch):
            tb.addAction(a)
        # Play and Pause have different widths: fix the button's so the toolbar never shifts.
        play = tb.widgetForAction(self.play)
        if play is not None:
            widths = []
            for text in ("&Play", "&Pause"):
                self.play.setText(text)
                widths.append(play.sizeHint().width())
            self.play.setText("&Play")
            play.setFixedWidth(max(widths))
        tb.addAction(self.play_substeps)
        tb.addWidget(self.substep_rate)
        tb.addSeparator()
        tb.addWidget(self.run_spin)
        run_button = QToolButton()
        run_button.setDefaultAction(self.run_epochs)
        run_button.setText("Run")
        name(run_button, "runEpochsButton", "Run N epochs")
        tb.addWidget(run_button)
        tb.addAction(self.reset)
        tb.addSeparator()
        speed_caption = QLabel(" Speed ")
        tb.addWidget(speed_caption)
        tb.addWidget(self.speed)
        tb.addWidget(self.speed_label)
        tb.addAction(self.flat_out)
        tb.addSeparator()
        tb.addAction(self.show_labels)
        tb.addWidget(self.precision)
        if open_image is not None:
            tb.addSeparator()
            tb.addAction(open_image)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        return tb

    def build_menus(self, open_image: QAction | None, sample_actions: list[QAction]) -> None:
        """File / Training / View / Help menus; every action appears in one with its shortcut."""
        mb = self.window.menuBar()
        file_menu = mb.addMenu("&File")
        file_menu.setObjectName("menuFile")
        if open_image is not None:
            file_menu.addAction(open_image)
        if sample_actions:
            samples = file_menu.addMenu("Sample &images")
            for a in sample_actions:
                samples.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = mb.addMenu("&Edit")
        edit.setObjectName("menuEdit")
        edit.addAction(self.undo)
        train = mb.addMenu("&Training")
        train.setObjectName("menuTraining")
        for a in (self.play, self.step_sample, self.play_substeps, self.step_epoch, self.run_epochs,
                  self.flat_out):
            train.addAction(a)
        train.addSeparator()
        train.addAction(self.reset)
        view = mb.addMenu("&View")
        view.setObjectName("menuView")
        for a in (self.show_labels, self.more_digits, self.fewer_digits):
            view.addAction(a)
        themes = view.addMenu("&Theme")
        themes.setObjectName("menuTheme")
        group = QActionGroup(self.window)
        group.setExclusive(True)
        for a in self.theme_actions.values():
            group.addAction(a)
            themes.addAction(a)
        self.theme_actions["system"].setChecked(True)
        help_menu = mb.addMenu("&Help")
        help_menu.setObjectName("menuHelp")
        help_menu.addAction(self.help)
        help_menu.addAction(self.about)
