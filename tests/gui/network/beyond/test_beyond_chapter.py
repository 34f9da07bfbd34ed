"""Issue 5, "Beyond the chapter", in the main window: shape editor, classification, dropout,
stop conditions, gradient check, learned kernel → image lab, step export, optimiser race."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from core import Network, Trainer, chapter_dataset, experiment1
from core.chapter.gradcheck import gradient_check
from core.chapter.stepthrough import fmt, substeps_for
from core.chapter.stepthrough.export import to_csv_rows, to_latex
from core.chapter.stops import StopConditions
from core.datasets.chapter import three_class_dataset
from gui import MainWindow
from tests.support.window import run_now

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, restore=False, load_image=False)
    qtbot.addWidget(w)
    w.resize(1600, 900)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.frames_drawn > 0 and w.beyond.net is not None, timeout=5000)
    w.beyond.shape_editor.confirm_discard = lambda: True
    yield w
    w.close()
    assert not w.worker.thread.isRunning()


def apply_shape(qtbot, w, **fields) -> None:
    ed = w.beyond.shape_editor
    for key, value in fields.items():
        getattr(ed, key).setValue(value)
    old = w.beyond.net
    assert ed.apply()
    qtbot.waitUntil(lambda: w.beyond.net is not old and w.diagram.snap is not None
                    and w.diagram.snap.params.keys() == set(w.beyond.net.param_names()), timeout=5000)




def step(qtbot, w) -> dict:
    with qtbot.waitSignal(w.worker.stepped, timeout=5000) as blocker:
        w.actions_.step_sample.trigger()
    qtbot.waitUntil(lambda: w.diagram.snap is not None and w.diagram.snap.step is not None, timeout=5000)
    return blocker.args[0]


def test_new_actions_sit_in_menus_with_a_tooltip_and_widgets_have_names(window):
    menus = {a for m in window.menuBar().findChildren(QMenu) for a in m.actions()}
    for obj in ("actionRaceOptimisers", "actionSendKernel", "actionExportStep"):
        a = window.findChild(QAction, obj)
        assert a is not None and a in menus
        assert a.toolTip().endswith(".") and len(a.toolTip()) > 20
    for obj in ("shapeEditor", "stopPanel"):
        assert window.findChild(object, obj) is not None, obj
    # The hidden panels are built when first shown (start-up time); opening them names them.
    lazy = ("gradientCheckPanel", "activationExplorer", "accuracyPlot", "confusionMatrix")
    assert [obj for obj in lazy if window.findChild(object, obj) is not None] == []
    window.findChild(QAction, "actionShowGradCheck").trigger()
    window.findChild(QAction, "actionShowActivations").trigger()
    tabs = window.network.right_tabs
    tabs.setTabVisible(tabs.indexOf(window.network.class_box), True)
    tabs.setCurrentWidget(window.network.class_box)
    for obj in lazy:
        assert window.findChild(object, obj) is not None, obj


def test_two_kernels_relayout_the_diagram_with_the_cores_names_and_train(qtbot, window):
    apply_shape(qtbot, window, n_kernels=2)
    ref = Network(n_kernels=2)
    assert window.diagram.net.fmap_names == ref.fmap_names == [["C12", "C13", "C14"], ["C15", "C16", "C17"]]
    assert window.diagram.net.output_names == ref.output_names == ["O18"]
    for name in ref.fmap_flat + ref.output_names + ["K9", "K10", "K11"]:
        assert window.diagram.label_text(name), name
    assert "C12–C14" in window.message_label.text()
    assert "C17" in window.equations.text()
    run_now(qtbot, window, 30)
    t = window.worker.worker.trainer
    assert t.net.n_kernels == 2 and t.epoch == 30 and np.isfinite(t.history.loss[-1])
    # a trained network: changing the shape asks first, and "No" keeps it
    ed = window.beyond.shape_editor
    asked = []
    ed.confirm_discard = lambda: asked.append(1) or False
    ed.n_kernels.setValue(3)
    assert not ed.apply() and asked
    assert window.worker.worker.trainer is t


def test_seven_inputs_draw_new_data_of_that_width(qtbot, window):
    apply_shape(qtbot, window, n_inputs=7)
    t = window.worker.worker.trainer
    assert t.X.shape[1] == 7 and window.diagram.net.input_names[-1] == "I7"
    assert "7 values" in window.message_label.text()


def test_classification_shows_probabilities_accuracy_and_a_full_confusion_matrix(qtbot, window):
    window.experiment_panel.set_config({"experiment": "classes"})
    old = window.beyond.net
    assert window.experiment_panel.apply()
    qtbot.waitUntil(lambda: window.beyond.net is not old, timeout=5000)
    b = window.beyond
    X, y = three_class_dataset(30)
    np.testing.assert_array_equal(window.worker.worker.trainer.y, y)
    assert window.diagram.net.output == "softmax" and window.network.class_box.isVisible()
    run_now(qtbot, window, 300)
    qtbot.waitUntil(lambda: b.confusion.matrix().sum() == len(y) and len(b.accuracy.data()[0]) > 0,
                    timeout=5000)
    snap = window.diagram.snap
    for name in window.diagram.net.output_names:
        assert window.diagram.label_text(name).startswith(f"p = {fmt(snap.forward[name], 4)}")
    probs = [snap.forward[n] for n in window.diagram.net.output_names]
    assert sum(probs) == pytest.approx(1.0)
    assert b.accuracy.data()[1][-1] == pytest.approx(np.mean(np.argmax(snap.predictions, 1) == y))


def test_dropout_greys_dropped_nodes_after_a_step(qtbot, window):
    apply_shape(qtbot, window, dropout=0.5)
    assert window.worker.worker.trainer.dropout == 0.5
    step(qtbot, window)
    snap = window.diagram.snap
    assert snap.dropped, "seed 13 drops a node of sample 1 in the first epoch"
    assert window.diagram.dropped == set(snap.dropped)
    name = sorted(snap.dropped)[0]
    assert "(dropped)" in window.diagram.label_text(name)


def test_loss_stop_fires_at_the_cores_epoch_and_the_status_bar_says_so(qtbot, window):
    X, y = experiment1()
    ref = Trainer(Network(), X, y)
    ref.run(1000, callback=StopConditions(loss_below=1e-8))
    assert 1 < ref.epoch < 1000
    p = window.beyond.stop_panel
    p.loss.setText("1e-8")
    p.loss_check.setChecked(True)
    with qtbot.waitSignal(window.worker.stopped, timeout=10000) as blocker:
        window.actions_.play.trigger()
    assert window.worker.worker.trainer.epoch == ref.epoch
    assert blocker.args[0] == ref.stopped_reason
    qtbot.waitUntil(lambda: "fell below ε = 1e-08" in window.message_label.text(), timeout=5000)


def test_weight_crossing_fires_at_the_right_epoch(qtbot, window):
    X, y = chapter_dataset()
    window.apply_experiment(2)
    qtbot.waitUntil(lambda: window.worker.worker.trainer.N == 10, timeout=5000)
    ref = Trainer(Network(), X, y)
    ref.run(40)
    k6 = ref.history.params["K6"]
    value = float((k6[24] + k6[25]) / 2)  # K6 crosses this during epoch 25
    p = window.beyond.stop_panel
    p.weight.setCurrentIndex(p.weight.findData("K6"))
    p.weight_value.setText(repr(value))
    p.weight_check.setChecked(True)
    with qtbot.waitSignal(window.worker.stopped, timeout=10000) as blocker:
        window.worker.run_epochs(100)
    assert window.worker.worker.trainer.epoch == 25
    assert "K6 crossed" in blocker.args[0]
    qtbot.waitUntil(lambda: "K6 crossed" in window.message_label.text(), timeout=5000)


def test_stop_at_epoch_uses_the_epoch_limit_and_says_so(qtbot, window):
    p = window.beyond.stop_panel
    p.epoch.setValue(7)
    p.epoch_check.setChecked(True)
    with qtbot.waitSignal(window.worker.stopped, timeout=10000):
        window.actions_.play.trigger()
    assert window.worker.worker.trainer.epoch == 7
    qtbot.waitUntil(lambda: "reached the stop epoch 7" in window.message_label.text(), timeout=5000)


def test_gradient_check_shows_the_cores_numbers_for_the_current_sample(qtbot, window):
    window.apply_experiment(2)
    qtbot.waitUntil(lambda: window.worker.worker.trainer.N == 10, timeout=5000)
    run_now(qtbot, window, 5)
    window.worker.set_sample(3)
    qtbot.waitUntil(lambda: window.diagram.snap.sample == 3, timeout=5000)
    window.beyond.right_tabs.setCurrentWidget(window.network.gradcheck_page)
    qtbot.waitUntil(lambda: bool(window.beyond.gradcheck.rows()), timeout=5000)
    snap = window.diagram.snap
    net = Network()
    net.set_params(snap.params)
    expected = gradient_check(net, snap.x, snap.target, window.beyond.gradcheck.epsilon())
    got = window.beyond.gradcheck.rows()
    assert [r.name for r in got] == [r.name for r in expected]
    for g, e in zip(got, expected, strict=True):
        assert g.analytic == pytest.approx(e.analytic) and g.numeric == pytest.approx(e.numeric)
    grad = net.backward(snap.x, snap.target)["grad"]
    assert got[0].analytic == pytest.approx(grad[got[0].name])


def test_send_kernel_puts_the_learned_kernel_in_the_image_lab(qtbot, window):
    run_now(qtbot, window, 10)
    snap = window.diagram.snap
    window.findChild(QAction, "actionSendKernel").trigger()
    assert window.tabs.currentWidget() is window.lab_slot.page
    extra = window.image_lab.settings().extra_kernels
    assert [e[0] for e in extra] == ["learned-h", "learned-v"]
    rows = np.array(extra[0][1])
    np.testing.assert_allclose(rows[1], [snap.params[k] for k in ("K6", "K7", "K8")])
    assert "K6–K8" in window.message_label.text()


def test_export_step_writes_the_cores_csv_and_latex(qtbot, window, tmp_path):
    step(qtbot, window)
    ref = Trainer(Network(), *experiment1())
    subs = substeps_for(ref, ref.step_sample())
    out = window.beyond.export_step(tmp_path / "step.csv")
    with open(out, newline="", encoding="utf-8") as f:
        assert list(csv.reader(f)) == to_csv_rows(subs)
    tex = window.beyond.export_step(tmp_path / "step.tex").read_text(encoding="utf-8")
    assert tex.strip() == to_latex(subs, 4).strip()
    assert "Exported" in window.message_label.text()
    assert not list(tmp_path.glob(".step*"))  # no temporary file left behind


def test_race_opens_from_the_training_menu_and_stops_with_the_window(qtbot, window):
    window.findChild(QAction, "actionRaceOptimisers").trigger()
    race = window.beyond.race
    assert race is not None and race.isVisible() and race.is_running()
    assert set(race.labels()) >= {"gd", "momentum", "adam"} and len(race.labels()) == 4


def test_classification_views_are_a_tab_shown_when_the_network_classifies(qtbot, window):
    window.resize(1366, 768)
    window.experiment_panel.set_config({"experiment": "classes"})
    old = window.beyond.net
    assert window.experiment_panel.apply()
    qtbot.waitUntil(lambda: window.beyond.net is not old, timeout=5000)
    box, tabs = window.network.class_box, window.beyond.right_tabs
    qtbot.waitUntil(lambda: tabs.isTabVisible(tabs.indexOf(box)), timeout=5000)
    assert tabs.tabText(tabs.indexOf(box)) == "Classification" and tabs.currentWidget() is box
    window.findChild(QAction, "actionShowGradCheck").trigger()
    assert tabs.currentWidget() is window.network.gradcheck_page
    window.apply_experiment(2)
    qtbot.waitUntil(lambda: not tabs.isTabVisible(tabs.indexOf(box)) and not box.isVisible(), timeout=5000)
