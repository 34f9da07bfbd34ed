"""One moment, one truth: every view shows the same state, by construction (issue 10).

A seeded random walk drives the real window through what a learner does — play a little,
pause, step samples and epochs, scrub the plots, edit a weight, switch experiments, toggle
dropout, reset — and after every action, once the worker is idle, checks that every number
and every epoch on screen is the core's at the displayed moment. Then each reported
contradiction of the issue gets its own regression test.
"""

from __future__ import annotations

import os
import random
import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from core import Network, Trainer, experiment1
from core.formatting import MINUS, fmt
from tests.support.window import expected_moment, idle, inconsistencies, label, make_window

pytestmark = pytest.mark.timeout(120)
ACTIONS = 220  # per run; the walk's seed is fixed under CI, fresh locally (printed on failure)


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    idle(qtbot, w)
    yield w
    w.close()


# ------------------------------------------------------------------ the random walk
def _play_briefly(qtbot, w, rng):
    w.actions_.play.trigger()
    qtbot.wait(rng.choice((5, 20, 60)))  # the action itself: a learner lets it run a moment
    if w.actions_.play.isChecked():
        w.actions_.play.trigger()


def _step_sample(qtbot, w, rng):
    for _ in range(rng.choice((1, 1, 2, 5, 16))):
        QTest.keyClick(w, Qt.Key.Key_Right)
        idle(qtbot, w)


def _step_epoch(qtbot, w, rng):
    w.actions_.step_epoch.trigger()


def _scrub(qtbot, w, rng):
    epochs = w.plots._epochs
    if epochs.size:
        w.plots.epochScrubbed.emit(int(rng.choice(list(epochs))))


def _edit_weight(qtbot, w, rng):
    if w.diagram.net is not None:
        name = rng.choice(w.diagram.net.param_names())
        w.diagram.weightEdited.emit(name, round(rng.uniform(-1, 1), 3))


def _experiment(qtbot, w, rng):
    w.apply_experiment(rng.choice((1, 2)))


def _dropout(qtbot, w, rng):
    ed = w.network.shape_editor
    ed.dropout.setValue(0.0 if ed.dropout.value() else rng.choice((0.25, 0.5)))
    ed.apply()


def _reset(qtbot, w, rng):
    w.actions_.reset.trigger()


def _run_n(qtbot, w, rng):
    w.actions_.run_spin.setValue(rng.choice((3, 50, 400)))
    w.actions_.run_epochs.trigger()
    qtbot.waitUntil(lambda: not w.files.progress_bar.isVisible(), timeout=10000)


WALK = [(_play_briefly, 4), (_step_sample, 6), (_step_epoch, 2), (_scrub, 3), (_edit_weight, 2),
        (_experiment, 1), (_dropout, 1), (_reset, 1), (_run_n, 1)]


def test_a_random_walk_never_shows_two_truths(qtbot, window):
    seed = 20261201 if os.environ.get("CI") else random.randrange(2**32)
    rng = random.Random(seed)
    w = window
    w.experiment_panel.epoch_limit.setValue(0)  # no limit: the walk decides how long to train
    kinds, weights = zip(*WALK, strict=True)
    done = []
    for i in range(ACTIONS):
        action = rng.choices(kinds, weights)[0]
        action(qtbot, w, rng)
        idle(qtbot, w)
        done.append(action.__name__)
        problems = inconsistencies(w)
        assert not problems, f"seed {seed}, action {i} ({' → '.join(done[-5:])}): {problems}"
    assert len(set(done)) >= 7, done  # the walk really explored


# ------------------------------------------------------------------ the reports, one by one
def _step(qtbot, w, n=1):
    for _ in range(n):
        w.actions_.step_sample.trigger()
        idle(qtbot, w)


def test_the_step_through_shows_the_parameters_its_formula_uses_until_the_update(qtbot, window):
    w = window
    w.actions_.reset.trigger()
    idle(qtbot, w)
    _step(qtbot, w)
    text = w.equations.text()
    assert "= 0.1·0.3207 + 0.2·(−0.3031)" in text and "= 0.1383" in text
    assert "C9 = σ" in text and "0.5345" in text
    assert w.diagram.label_text("C9") == "0.5345"  # not the 0.5215 of after the update
    assert w.diagram.label_text("K6") == "K6 0.3207" and w.diagram.label_text("b_conv") == "b_conv 0.05452"
    assert label(w, "epochLabel") == "Epoch 0"
    subs = w._substeps
    for i in range(1, len(subs) - 1):  # every sub-step before the update
        _step(qtbot, w)
        assert w.diagram.label_text("K6") == "K6 0.3207", i
        assert label(w, "epochLabel") == "Epoch 0", i
        assert not inconsistencies(w), i
    _step(qtbot, w)  # the update: now the new parameters, and epoch 1
    ref = Trainer(Network(), *experiment1())
    ref.run(1)
    assert w.diagram.label_text("K6") == f"K6 {fmt(ref.net.get_params()['K6'])}"
    assert label(w, "epochLabel") == "Epoch 1" and w.plots.cursor_epoch() == 1
    assert not inconsistencies(w)


@pytest.mark.parametrize("experiment", [1, 2])
def test_flat_out_to_the_limit_leaves_no_plot_behind(qtbot, window, experiment):
    w = window
    w.apply_experiment(experiment)
    idle(qtbot, w)
    w.actions_.speed.setValue(w.actions_.speed.maximum())  # flat out
    with qtbot.waitSignal(w.worker.stopped, timeout=30000):
        w.actions_.play.trigger()
    idle(qtbot, w)
    plots = w.plots
    curves = [*plots._pred_curves, *plots._param_curves.values(), plots._loss_curve]
    for curve in curves:
        xs, ys = curve.getOriginalDataset()
        assert xs[-1] == 1000 and np.isfinite(ys[-1])
    assert plots.cursor_epoch() == 1000 and label(w, "epochLabel") == "Epoch 1,000"
    assert not inconsistencies(w)


def test_screenshot_after_a_run_has_full_plots(tmp_path):
    from PySide6.QtWidgets import QApplication

    from gui.window.screenshot import build_window_offscreen, settle, train_and_draw

    w = build_window_offscreen(2, settings_dir=str(tmp_path))
    try:
        train_and_draw(w, 1000)
        settle(w)
        for curve in [*w.plots._param_curves.values(), w.plots._loss_curve]:
            assert curve.getOriginalDataset()[0][-1] == 1000
    finally:
        w.close()
        w.deleteLater()
        QApplication.processEvents()


def test_a_recorded_epoch_has_one_number_everywhere(qtbot, window):
    w = window
    w.worker.run_epochs_now(200)
    idle(qtbot, w)
    for epoch in (10, 98, 1):
        w.plots.epochScrubbed.emit(epoch)
        idle(qtbot, w)
        assert label(w, "epochLabel") == f"Epoch {epoch} (recorded)"
        assert f"epoch {epoch} (recorded)" in w.equations.text().splitlines()[0]
        assert w.plots.cursor_epoch() == epoch
        assert f"Showing epoch {epoch} (recorded)" in label(w, "statusMessage")
        assert not inconsistencies(w)


def _evaluate(expression: str) -> float:
    """A displayed sum of products, evaluated from its displayed numbers."""
    text = expression.replace(MINUS, "-").replace("·", "*")
    text = re.sub(r"×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "e" + m.group(1).translate(
        str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")), text)
    assert re.fullmatch(r"[-+*/(). e0-9]+", text), text
    return float(eval(text, {"__builtins__": {}}))  # noqa: S307 - digits and operators only


def test_dropout_formulas_add_up_with_the_dropped_nodes_as_zero(qtbot, window):
    w = window
    ed = w.network.shape_editor
    ed.dropout.setValue(0.5)
    ed.apply()
    idle(qtbot, w)
    for _ in range(4 * len(w._substeps or [None] * 15)):
        _step(qtbot, w)
        sub = w.moment.moment.current_substep
        if sub is not None and sub.kind == "output" and w.moment.moment.step.step["epoch"] >= 4:
            break
    lines = w.equations.text().splitlines()
    numbers = next(line for line in lines if line.strip().startswith("= "))
    expression, _, result = numbers.strip()[2:].rpartition(" = ")
    assert abs(_evaluate(expression) - _evaluate(result)) <= 5e-4 * max(1.0, abs(_evaluate(result)))
    dropped = w.moment.moment.snapshot.dropped
    for node in dropped:
        assert f"m{node[1:]}" in lines[2]  # each node's factor is written…
    if dropped:
        assert "·0 " in numbers or numbers.rstrip().endswith("·0")  # …and a dropped one's is a visible 0
    assert "(dropout: " in w.equations.text()


def test_the_stop_message_quotes_the_status_bars_loss(qtbot, window):
    w = window
    p = w.network.stop_panel
    p.loss.setText("1e-3")
    p.loss_check.setChecked(True)
    with qtbot.waitSignal(w.worker.stopped, timeout=20000):
        w.actions_.play.trigger()
    idle(qtbot, w)
    shown = label(w, "lossLabel")
    assert shown.startswith("Mean loss ") and shown in label(w, "statusMessage")


def test_tiny_numbers_keep_their_figures():
    assert fmt(-0.000222) == "−2.22×10⁻⁴" and fmt(0.1665 * -0.000222) == "−3.696×10⁻⁵"
    assert fmt(0.0009) == "9×10⁻⁴"


def test_one_colour_per_image_and_per_kernel_weight_everywhere(qtbot, window, tmp_path):
    w = window
    data = tmp_path / "three.csv"
    data.write_text("x1,x2,x3,x4,x5,y\n0.1,0.2,0.3,0.4,0.5,0.1\n0.5,0.4,0.3,0.2,0.1,-0.1\n"
                    "0.2,0.2,0.2,0.2,0.2,0\n")
    assert w.experiment_panel.load_csv(str(data))
    w.experiment_panel.apply()
    idle(qtbot, w)
    preview = w.experiment_panel.preview.getPlotItem().listDataItems()
    legend = w.plots.pred_plot.titleLabel.text
    for i, curve in enumerate(w.plots._pred_curves):
        colour = curve.opts["pen"].color().name()
        assert preview[i].opts["pen"].color().name() == colour
        assert f"color:{colour}" in legend
    ed = w.network.shape_editor
    ed.n_kernels.setValue(2)
    ed.apply()
    idle(qtbot, w)
    for name in ("K6", "K9"):  # the first weight of each kernel: the chapter's red
        edge = next(r for r in w.diagram.edges if r.param == name)
        assert w.plots._param_curves[name].opts["pen"].color().name() == edge.colour.name()


def test_run_n_stops_at_the_epoch_limit_and_shows_the_latest_epoch(qtbot, window):
    w = window
    assert w.experiment_panel.epoch_limit.value() == 1000
    w.actions_.run_spin.setValue(200_001)
    w.actions_.run_epochs.trigger()
    said = label(w, "statusMessage")  # before it starts, the window says where it will stop
    assert "Running 1,000 of 200,001 epochs: the epoch limit (1,000) stops the run there" in said
    idle(qtbot, w)
    assert w.worker.worker.trainer.epoch == 1000 and label(w, "epochLabel") == "Epoch 1,000"
    w.actions_.play.trigger()
    idle(qtbot, w)
    assert "Reached the epoch limit (1,000)" in label(w, "statusMessage")
    assert label(w, "epochLabel") == "Epoch 1,000" and expected_moment(w)["live"]
