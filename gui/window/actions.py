"""The main window's actions, toolbar and menus, in one place so every command has one definition.

Each action carries its shortcut (shown in the menus), a one-sentence tooltip, an objectName
and an accessible name, so tests, screen readers and the menus all find the same thing.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt
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
from gui.window.language import NATIVE_NAMES

translate = QCoreApplication.translate

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
        return translate("WindowActions", "flat out")
    if eps < 10:
        return translate("WindowActions", "{eps:.1f} epochs/s").format(eps=eps)
    return translate("WindowActions", "{0} epochs/s").format(int(round(eps, -int(math.log10(eps)) + 1)))


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
        self.play = act("actionPlay", translate("WindowActions", "&Play"), "Space",
                        translate("WindowActions", "Train continuously at the chosen speed; press again "
                                                   "to pause."),
                        SP.SP_MediaPlay, checkable=True)
        self.step_sample = act("actionStepSample", translate("WindowActions", "Step &sample"), "Right",
                               translate("WindowActions", "Show the next sub-step of one sample's forward "
                                                          "and backward pass."),
                               SP.SP_MediaSeekForward)
        self.step_epoch = act("actionStepEpoch", translate("WindowActions", "Step &epoch"), "Shift+Right",
                              translate("WindowActions", "Train one whole epoch (or finish the one being "
                                                         "stepped)."),
                              SP.SP_MediaSkipForward)
        self.run_epochs = act("actionRunEpochs", translate("WindowActions", "&Run N epochs"), "Ctrl+Return",
                              translate("WindowActions", "Train the number of epochs in the box next to "
                                                         "this button."))
        self.reset = act("actionReset", translate("WindowActions", "&Reset"), "R",
                         translate("WindowActions", "Re-initialise the weights from the seed and forget "
                                                    "the training run."),
                         SP.SP_BrowserReload)
        self.show_labels = act("actionShowLabels", translate("WindowActions", "Show value &labels"),
                               "Ctrl+L", translate("WindowActions", "Show or hide the numbers written on the "
                                                                    "diagram."), checkable=True)
        self.show_labels.setChecked(True)
        self.more_digits = act("actionMoreDigits", translate("WindowActions", "&More digits"), "Ctrl+=",
                               translate("WindowActions", "Show one more decimal digit in the diagram's "
                                                          "labels."))
        self.fewer_digits = act("actionFewerDigits", translate("WindowActions", "&Fewer digits"), "Ctrl+-",
                                translate("WindowActions", "Show one decimal digit fewer in the diagram's "
                                                           "labels."))
        self.help = act("actionHelp", translate("WindowActions", "&How to read the window"),
                        QKeySequence.StandardKey.HelpContents,
                        translate("WindowActions", "Explain the diagram, the formulas and the controls."),
                        SP.SP_DialogHelpButton)
        if self.help.shortcut().isEmpty():
            self.help.setShortcut(QKeySequence("F1"))
        self.about = act("actionAbout", translate("WindowActions", "&About CNN Visualiser"), None,
                         translate("WindowActions", "Show the program's purpose and the licences of the "
                                                    "bundled images."))
        self.quit = act("actionQuit", translate("WindowActions", "&Quit"), "Ctrl+Q",
                        translate("WindowActions", "Close the window and stop training."))
        self.flat_out = act("actionFlatOut", translate("WindowActions", "&Flat out"), "Ctrl+F",
                            translate("WindowActions", "Train as fast as the machine can (the slider's "
                                                       "right end); the slider sets a pace a learner can "
                                                       "watch."))
        self.play_substeps = act("actionPlaySubsteps", translate("WindowActions", "Play s&ub-steps"),
                                 "Ctrl+Right",
                                 translate("WindowActions", "Walk the step-through by itself at the "
                                                            "chosen rate (sub-steps a second)."),
                                 SP.SP_MediaSeekForward, checkable=True)
        self.undo = act("actionUndo", translate("WindowActions", "&Undo"), QKeySequence.StandardKey.Undo,
                        translate("WindowActions", "Bring back the network that Apply, Reset or a new "
                                                   "shape replaced."))
        self.undo.setEnabled(False)
        self.theme_actions: dict[str, QAction] = {}
        themes = (("system", translate("WindowActions", "&System"),
                   translate("WindowActions", "Use the desktop's colours; applied at once.")),
                  ("light", translate("WindowActions", "&Light"),
                   translate("WindowActions", "Use light colours; applied at once.")),
                  ("dark", translate("WindowActions", "&Dark"),
                   translate("WindowActions", "Use dark colours; applied at once.")))
        for key, text, tip in themes:
            self.theme_actions[key] = act(f"actionTheme{key.title()}", text, None, tip, checkable=True)
        # View → Language: the languages name themselves (gui/window/language.py applies the choice)
        self.language_actions: dict[str, QAction] = {}
        languages = (("system", translate("WindowActions", "S&ystem language"),
                      translate("WindowActions", "Speak the desktop's language (English when the app has no "
                                "translation for it); after a restart.")),
                     ("en", NATIVE_NAMES["en"],
                      translate("WindowActions", "Speak English; after a restart.")),
                     ("zh_CN", NATIVE_NAMES["zh_CN"], translate("WindowActions", "Speak Simplified Chinese "
                                                                "(简体中文); after a restart.")))
        for key, text, tip in languages:
            self.language_actions[key] = act(f"actionLanguage{key.replace('_', '').title()}", text, None, tip,
                                             checkable=True)

        # Toolbar widgets that are not actions.
        self.run_spin = QSpinBox()
        name(self.run_spin, "runEpochsSpin", translate("WindowActions", "Epochs to run"))
        self.run_spin.setRange(1, 1_000_000)
        self.run_spin.setValue(100)
        self.run_spin.setSingleStep(10)
        self.run_spin.setToolTip(translate("WindowActions", "How many epochs Run N epochs trains."))
        self.run_spin.setKeyboardTracking(False)
        self.speed = QSlider(Qt.Orientation.Horizontal)
        name(self.speed, "speedControl", translate("WindowActions", "Training speed"))
        self.speed.setRange(0, SPEED_STEPS)
        self.speed.setValue(slider_for_speed(DEFAULT_SPEED))  # a pace a learner can watch
        self.speed.setMinimumWidth(110)
        self.speed.setMaximumWidth(160)
        self.speed.setToolTip(translate("WindowActions", "Training speed from 2 epochs a second (left) to "
                                                         "flat out (right)."))
        self.speed_label = QLabel(speed_text(speed_for_slider(self.speed.value())))
        name(self.speed_label, "speedLabel", translate("WindowActions", "Speed"))
        widest = translate("WindowActions", "{0} epochs/s").format(5000)
        self.speed_label.setMinimumWidth(self.speed_label.fontMetrics().horizontalAdvance(widest))
        self.substep_rate = QDoubleSpinBox()
        name(self.substep_rate, "substepRate", translate("WindowActions", "Sub-steps a second"))
        self.substep_rate.setRange(0.5, 10.0)
        self.substep_rate.setSingleStep(0.5)
        self.substep_rate.setValue(2.0)
        self.substep_rate.setSuffix(translate("WindowActions", " /s"))
        self.substep_rate.setToolTip(translate("WindowActions", "How many sub-steps a second Play "
                                                                "sub-steps shows."))
        self.precision = QSpinBox()
        name(self.precision, "precisionSpin", translate("WindowActions", "Digits on the diagram"))
        self.precision.setRange(1, 8)
        self.precision.setValue(4)
        self.precision.setSuffix(translate("WindowActions", " digits"))
        self.precision.setToolTip(translate("WindowActions", "How many decimal digits the diagram's "
                                                             "labels show."))

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
        tb = QToolBar(translate("WindowActions", "Training"))
        name(tb, "mainToolBar", translate("WindowActions", "Training toolbar"))
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.play, self.step_sample, self.step_epoch):
            tb.addAction(a)
        # Play and Pause have different widths: fix the button's so the toolbar never shifts.
        play = tb.widgetForAction(self.play)
        if play is not None:
            widths = []
            for text in (translate("WindowActions", "&Play"), translate("WindowActions", "&Pause")):
                self.play.setText(text)
                widths.append(play.sizeHint().width())
            self.play.setText(translate("WindowActions", "&Play"))
            play.setFixedWidth(max(widths))
        tb.addAction(self.play_substeps)
        tb.addWidget(self.substep_rate)
        tb.addSeparator()
        tb.addWidget(self.run_spin)
        run_button = QToolButton()
        run_button.setDefaultAction(self.run_epochs)
        run_button.setText(translate("WindowActions", "Run"))
        name(run_button, "runEpochsButton", translate("WindowActions", "Run N epochs"))
        tb.addWidget(run_button)
        tb.addAction(self.reset)
        tb.addSeparator()
        speed_caption = QLabel(translate("WindowActions", " Speed "))
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
        file_menu = mb.addMenu(translate("WindowActions", "&File"))
        file_menu.setObjectName("menuFile")
        if open_image is not None:
            file_menu.addAction(open_image)
        if sample_actions:
            samples = file_menu.addMenu(translate("WindowActions", "Sample &images"))
            for a in sample_actions:
                samples.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = mb.addMenu(translate("WindowActions", "&Edit"))
        edit.setObjectName("menuEdit")
        edit.addAction(self.undo)
        train = mb.addMenu(translate("WindowActions", "&Training"))
        train.setObjectName("menuTraining")
        for a in (self.play, self.step_sample, self.play_substeps, self.step_epoch, self.run_epochs,
                  self.flat_out):
            train.addAction(a)
        train.addSeparator()
        train.addAction(self.reset)
        view = mb.addMenu(translate("WindowActions", "&View"))
        view.setObjectName("menuView")
        for a in (self.show_labels, self.more_digits, self.fewer_digits):
            view.addAction(a)
        themes = view.addMenu(translate("WindowActions", "&Theme"))
        themes.setObjectName("menuTheme")
        group = QActionGroup(self.window)
        group.setExclusive(True)
        for a in self.theme_actions.values():
            group.addAction(a)
            themes.addAction(a)
        self.theme_actions["system"].setChecked(True)
        languages = view.addMenu(translate("WindowActions", "&Language"))
        languages.setObjectName("menuLanguage")
        language_group = QActionGroup(self.window)
        language_group.setExclusive(True)
        for a in self.language_actions.values():
            language_group.addAction(a)
            languages.addAction(a)
        help_menu = mb.addMenu(translate("WindowActions", "&Help"))
        help_menu.setObjectName("menuHelp")
        help_menu.addAction(self.help)
        help_menu.addAction(self.about)
