"""The Network tab: the chapter's 1D CNN — its settings, diagram, plots and formulas — in one widget.

Layout (every part scrolls or splits rather than clipping, from 1280×720 up):

    ┌ Experiment│Shape│Stop ┐┌ diagram ──────────────┐┌ Plots│Gradient check│Classification ┐
    │ (scrolls)              ││                       ││                                   │
    │                        │├ Formulas│Activation explorer ───────────────────────────────┤
    └────────────────────────┘└───────────────────────────────────────────────────────────┘

Every view draws the displayed moment (gui/training/moment.py) and nothing else: ``show_moment``
hands the same ``Moment`` to each visible view, every frame; hidden views catch up when they
are shown. No view has a redraw rate of its own (the plots' and the formulas' throttles are
switched off here): a view throttled alone would show an older epoch than the others. The one
throttle is the worker's frame rate, which it spaces by what drawing a frame costs the window
(gui/training/runner.py, ``pace_by_gui``), so a costly view slows every view's frames together.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gui.network.diagram.network_diagram import NetworkDiagram
from gui.network.equations import EquationsPanel
from gui.network.panels.experiment import ExperimentPanel
from gui.network.panels.shape import ShapeEditor
from gui.network.panels.stops import StopPanel
from gui.network.plots import TrainingPlots
from gui.training.moment import Moment
from gui.widgets.i18n import say_error
from gui.widgets.lazy_page import LazyPage
from gui.widgets.naming import name
from gui.widgets.splitter_room import make_room
from gui.widgets.wheel_guard import guard_fields

if TYPE_CHECKING:  # the hidden panels' modules load with the panels (the first time each is shown)
    from gui.network.beyond.activation_explorer import ActivationExplorer
    from gui.network.beyond.classification_views import AccuracyPlot, ConfusionMatrixView
    from gui.network.beyond.gradcheck_panel import GradientCheckPanel

BANNER_STYLE = ("QLabel { background: #c62828; color: white; font-weight: bold; padding: 6px 10px;"
                " border-radius: 3px; }")
LEFT_MIN_PX = 240
# The activation explorer's height when shown: its curves ~100 px tall between their titles, axes,
# the markers' readout and the flags (at 1280×720 the formulas' pane is ~130 px: the curves were flat
# lines). Taken from the views above while it is shown, at most half of the column; given back after.
EXPLORER_PX = 240


def _scrolled(widget: QWidget, object_name: str) -> QScrollArea:
    guard_fields(widget)  # the wheel scrolls the panel; a field takes it once focused
    scroll = QScrollArea()
    scroll.setObjectName(object_name)
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    # As needed, not off: a panel wider than its pane must scroll, never be cut off unseen.
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return scroll


class NetworkTab(QWidget):
    """Builds the tab's views and hands each the displayed moment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name(self, "networkTab", self.tr("Network"))
        self.net = None
        self.X = self.y = None
        self._moment = Moment()
        self._build()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.experiment_panel = ExperimentPanel()
        self.shape_editor = ShapeEditor()
        self.stop_panel = StopPanel()
        self.diagram = NetworkDiagram()
        self.plots = TrainingPlots()
        self.plots.max_rate = None
        self.equations = EquationsPanel()
        self.equations.max_rate = None  # every frame (the module docstring: one moment on screen)
        for w, obj in ((self.experiment_panel, "experimentPanel"), (self.shape_editor, "shapeEditor"),
                       (self.stop_panel, "stopPanel"), (self.diagram, "networkDiagram"),
                       (self.plots, "trainingPlots"), (self.equations, "equationsPanel")):
            name(w, obj)

        self.left_tabs = QTabWidget()
        name(self.left_tabs, "leftTabs", self.tr("Settings"))
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(_scrolled(self.experiment_panel, "experimentScroll"), self.tr("Experiment"))
        self.left_tabs.addTab(_scrolled(self.shape_editor, "shapeScroll"), self.tr("Shape"))
        self.left_tabs.addTab(_scrolled(self.stop_panel, "stopScroll"), self.tr("Stop"))
        self.left_tabs.setTabToolTip(0, self.tr("Which data, and the training settings (Apply to use them)."))
        self.left_tabs.setTabToolTip(1, self.tr("The network's shape: inputs, kernels, stride, padding, "
                                                "output, dropout."))
        self.left_tabs.setTabToolTip(2, self.tr("Stop training at a loss, or when a weight crosses a value."))
        self.left_tabs.setMinimumWidth(LEFT_MIN_PX)

        # Hidden at start, so built when first shown (or asked for): the window opens sooner.
        self.class_box = LazyPage(self._build_classification)
        name(self.class_box, "classificationViews", self.tr("Classification"))
        self.gradcheck_page = LazyPage(self._build_gradcheck)
        self.gradcheck_page.setObjectName("gradcheckPage")
        self.activations_page = LazyPage(self._build_activations)
        self.activations_page.setObjectName("activationsPage")
        self.right_tabs = QTabWidget()
        name(self.right_tabs, "rightTabs", self.tr("Plots and checks"))
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.addTab(self.plots, self.tr("Plots"))
        self.right_tabs.addTab(self.gradcheck_page, self.tr("Gradient check"))
        self.right_tabs.setTabToolTip(1, self.tr("Backprop's gradients beside finite differences, for "
                                                 "this sample."))
        self.right_tabs.addTab(self.class_box, self.tr("Classification"))
        self.right_tabs.setTabToolTip(2, self.tr("Accuracy against epoch and the confusion matrix of the "
                                                 "epoch shown."))
        self.right_tabs.setTabVisible(2, False)  # shown while the network classifies (softmax)
        self.right_tabs.setMinimumWidth(300)

        self.bottom_tabs = QTabWidget()
        name(self.bottom_tabs, "bottomTabs", self.tr("Formulas and activations"))
        self.bottom_tabs.setDocumentMode(True)
        self.bottom_tabs.setTabPosition(QTabWidget.TabPosition.South)
        self.bottom_tabs.addTab(self.equations, self.tr("Formulas"))
        self.bottom_tabs.addTab(self.activations_page, self.tr("Activation explorer"))
        self.bottom_tabs.setTabToolTip(1, self.tr("f(z) and f′(z) with every feature-map node's operating "
                                                  "point."))

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        name(self.top_splitter, "topSplitter", self.tr("Diagram and plots"))
        self.top_splitter.addWidget(self.diagram)
        self.top_splitter.addWidget(self.right_tabs)
        self.top_splitter.setStretchFactor(0, 3)
        self.top_splitter.setStretchFactor(1, 2)
        self.centre_splitter = QSplitter(Qt.Orientation.Vertical)
        name(self.centre_splitter, "centreSplitter", self.tr("Views and formulas"))
        self.centre_splitter.addWidget(self.top_splitter)
        self.centre_splitter.addWidget(self.bottom_tabs)
        self.centre_splitter.setStretchFactor(0, 3)
        self.centre_splitter.setStretchFactor(1, 1)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        name(self.main_splitter, "mainSplitter", self.tr("Settings and views"))
        self.main_splitter.addWidget(self.left_tabs)
        self.main_splitter.addWidget(self.centre_splitter)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        for s in (self.top_splitter, self.centre_splitter, self.main_splitter):
            s.setChildrenCollapsible(False)
        self.main_splitter.setSizes([280, 1100])
        self.centre_splitter.setSizes([620, 180])
        self.top_splitter.setSizes([620, 480])

        self.banner = QLabel()
        name(self.banner, "divergenceBanner", self.tr("Training stopped"))
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        lay.addWidget(self.banner)
        lay.addWidget(self.main_splitter, 1)
        self.right_tabs.currentChanged.connect(lambda _i: self._draw_slow())
        self.bottom_tabs.currentChanged.connect(lambda _i: self._draw_slow())
        self._sizes_before_explorer: list[int] | None = None
        self._sizes_for_explorer: list[int] = []
        self.bottom_tabs.currentChanged.connect(self._room_for_bottom_page)

    def _room_for_bottom_page(self, index: int) -> None:
        """The explorer gets the height its curves need while it is shown; the formulas get theirs back
        (unless the learner dragged the splitter meanwhile: then the drag stands)."""
        if self.bottom_tabs.widget(index) is self.activations_page:
            before = make_room(self.centre_splitter, EXPLORER_PX)
            if before is not None:
                self._sizes_before_explorer = before
                self._sizes_for_explorer = self.centre_splitter.sizes()
        elif self._sizes_before_explorer is not None:
            if self.centre_splitter.sizes() == self._sizes_for_explorer:  # as the explorer left them
                self.centre_splitter.setSizes(self._sizes_before_explorer)
            self._sizes_before_explorer = None

    @contextlib.contextmanager
    def chosen_sizes(self):
        """The splitters as the learner set them, for saving: not the height lent to the explorer."""
        lent = self._sizes_before_explorer
        if lent is None or self.centre_splitter.sizes() != self._sizes_for_explorer:
            yield
            return
        now = self.centre_splitter.sizes()
        self.centre_splitter.setSizes(lent)
        try:
            yield
        finally:
            self.centre_splitter.setSizes(now)

    # ------------------------------------------------------------------ the views built when first shown
    def _build_gradcheck(self) -> QWidget:
        from gui.network.beyond.gradcheck_panel import GradientCheckPanel

        self._gradcheck = GradientCheckPanel()
        name(self._gradcheck, "gradientCheckPanel")
        return _scrolled_both(self._gradcheck, "gradcheckScroll")

    def _build_activations(self) -> QWidget:
        from gui.network.beyond.activation_explorer import ActivationExplorer

        self._activations = ActivationExplorer()
        name(self._activations, "activationExplorer")
        if self.net is not None:
            self._activations.set_activation(self.net.activation.name)
        return self._activations

    def _build_classification(self) -> QWidget:
        from gui.network.beyond.classification_views import AccuracyPlot, ConfusionMatrixView

        self._accuracy, self._confusion = AccuracyPlot(), ConfusionMatrixView()
        name(self._accuracy, "accuracyPlot")
        name(self._confusion, "confusionMatrix")
        if self.softmax:
            self._accuracy.set_n_classes(self.net.n_outputs)
            self._confusion.set_class_names(None)
        box = QSplitter(Qt.Orientation.Vertical)
        box.addWidget(self._accuracy)
        box.addWidget(self._confusion)
        box.setChildrenCollapsible(False)
        return box

    @property
    def gradcheck(self) -> GradientCheckPanel:
        self.gradcheck_page.widget()
        return self._gradcheck

    @property
    def activations(self) -> ActivationExplorer:
        return self.activations_page.widget()

    @property
    def accuracy(self) -> AccuracyPlot:
        self.class_box.widget()
        return self._accuracy

    @property
    def confusion(self) -> ConfusionMatrixView:
        self.class_box.widget()
        return self._confusion

    # ------------------------------------------------------------------ the network
    @property
    def softmax(self) -> bool:
        return self.net is not None and self.net.output == "softmax"

    def set_network(self, info: dict) -> None:
        """A new network: every view rebuilds its items for the new shape (numbers follow)."""
        net = info["net"]
        self.net, self.X, self.y = net, info["X"], info["y"]
        config = dict(info.get("config") or {})
        self.diagram.set_network(net)
        self.equations.set_network(net)
        self.plots.set_network(net, info["y"])
        self.shape_editor.set_shape(net.shape_dict() | {"dropout": float(config.get("dropout") or 0.0)})
        self.shape_editor.set_trained_epochs(0)
        self.stop_panel.set_param_names(net.param_names())
        if self.activations_page.built:  # else it reads the network when built
            self.activations.set_activation(net.activation.name)
        index = self.right_tabs.indexOf(self.class_box)
        was = self.right_tabs.isTabVisible(index)
        self.right_tabs.setTabVisible(index, self.softmax)
        if self.softmax:
            if self.class_box.built:
                self.accuracy.set_n_classes(net.n_outputs)
                self.confusion.set_class_names(None)
            if not was:
                self.right_tabs.setCurrentWidget(self.class_box)  # what a classification run is about
        elif self.right_tabs.currentWidget() is self.class_box:
            self.right_tabs.setCurrentWidget(self.plots)

    # ------------------------------------------------------------------ drawing
    def show_moment(self, m: Moment) -> None:
        """Draw the displayed moment in every visible view."""
        self._moment = m
        snap = m.snapshot
        if snap is None or self.net is None:
            return
        sub = m.current_substep
        self.diagram.show_snapshot(snap)
        self.diagram.set_highlight(list(sub.highlight) if sub is not None and sub.highlight else None)
        self.equations.show_moment(m)
        self.plots.show_moment(m)
        if snap.live:
            self.shape_editor.set_trained_epochs(m.epoch or (1 if m.stepping else 0))
        self._draw_slow()

    def _draw_slow(self) -> None:
        """The gradient check, the activation explorer and the classification views, when visible."""
        m, net = self._moment, self.net
        snap = m.snapshot
        if snap is None or net is None:
            return
        if self.activations_page.built and self.activations.isVisible():
            self.activations.show_snapshot(snap)
        if self.gradcheck_page.built and self.gradcheck.isVisible():
            try:
                self.gradcheck.show_snapshot(snap, net)
            except (ValueError, KeyError, OverflowError) as exc:  # overflowing values (divergence)
                self.gradcheck.show_message(self.tr("Gradient check not possible here: {0}").format(
                    say_error(exc)))
        if self.softmax and self.class_box.built and self.class_box.isVisible() and self.y is not None:
            preds = snap.predictions
            if getattr(preds, "ndim", 0) == 2 and len(preds) == len(self.y):
                self.confusion.set_predictions(self.y, preds)
            series = m.series
            if series is not None and series.accuracy is not None:
                self.accuracy.set_accuracy(series.epochs, series.accuracy, m.epoch)

    def flush(self) -> None:
        """Draw everything still waiting for its turn (screenshots, tests)."""
        self.plots.flush()
        self.equations.flush()
        self._draw_slow()


def _scrolled_both(widget: QWidget, object_name: str) -> QScrollArea:
    """A scroll area that scrolls both ways: a wide table never widens its column."""
    scroll = QScrollArea()
    scroll.setObjectName(object_name)
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    return scroll
