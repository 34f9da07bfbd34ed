"""The training plots get the trainer's numbers, mark the epoch shown and let the user scrub."""

from __future__ import annotations

import math
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402

from core import Network, Trainer, chapter_dataset, experiment1, make_snapshot  # noqa: E402
from gui.network.plots import TrainingPlots  # noqa: E402
from gui.training.frames import SeriesBuilder  # noqa: E402
from gui.training.moment import Moment  # noqa: E402


def moment(trainer, epoch=None, playing=False, builder=None) -> Moment:
    """The displayed moment the window would build for ``trainer``'s live state."""
    snap = make_snapshot(trainer)
    series = (builder or SeriesBuilder()).build(trainer, snap)
    if epoch is not None:
        from dataclasses import replace

        snap = replace(snap, epoch=epoch)
    return Moment(snapshot=snap, series=series, net=trainer.net, playing=playing)


def show(plots, trainer, epoch=None, playing=False):
    m = moment(trainer, epoch, playing)
    plots.show_moment(m)
    return m.series


@pytest.fixture()
def exp2():
    X, y = chapter_dataset()
    net = Network()
    trainer = Trainer(net, X, y)
    trainer.run(300)
    return net, y, trainer


@pytest.fixture()
def plots(qtbot):
    w = TrainingPlots()
    qtbot.addWidget(w)
    w.resize(520, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_object_name_and_four_log_plots(plots):
    assert plots.objectName() == "trainingPlots"
    assert len(plots.plots) == 4
    assert all(p.ctrl.logXCheck.isChecked() for p in plots.plots)
    assert plots.loss_plot.getAxis("bottom").labelText == "epoch (log)"


def test_curves_get_the_plot_data(plots, exp2):
    net, y, trainer = exp2
    plots.set_network(net, y)
    s = show(plots, trainer)
    assert len(plots._pred_curves) == 10 and len(plots._target_lines) == 10
    # x is "the network after N epochs": history row e (the parameters used in epoch e) at e − 1,
    # then the live state after the last epoch; epoch 0 has no place on the log axis
    assert list(s.epochs[:3]) == [0, 1, 2] and s.epochs[-1] == trainer.epoch == 300
    for i, curve in enumerate(plots._pred_curves):
        xs, ys = curve.getOriginalDataset()
        assert len(xs) == len(s.epochs) - 1 and xs[0] == 1
        assert ys[-1] == s.predictions[-1, i] == trainer.current_predictions()[i]
    assert set(plots._param_curves) == set(net.param_names())
    xs, ys = plots._param_curves["K6"].getOriginalDataset()
    assert ys[-1] == trainer.net.get_params()["K6"]
    assert ys[0] == trainer.history.param_matrix[1, 0]  # the network after 1 epoch
    xs, ys = plots._loss_curve.getOriginalDataset()
    assert ys[-1] == pytest.approx(trainer.current_loss(), rel=1e-12)
    assert [line.value() for line in plots._target_lines] == list(y)


def test_show_plot_data_reuses_curves(plots, exp2):
    net, y, trainer = exp2
    plots.set_network(net, y)
    show(plots, trainer)
    curve = plots._param_curves["K7"]
    trainer.run(100)
    show(plots, trainer)
    assert plots._param_curves["K7"] is curve
    assert len(plots.kernel_plot.listDataItems()) == 4


def test_cursor_moves_without_emitting(plots, exp2, qtbot):
    net, y, trainer = exp2
    plots.set_network(net, y)
    show(plots, trainer, epoch=50)
    assert all(math.isclose(c.value(), math.log10(50)) for c in plots.cursors)
    with qtbot.assertNotEmitted(plots.epochScrubbed):
        plots.set_cursor(120)
    assert plots.cursor_epoch() == 120
    assert all(math.isclose(c.value(), math.log10(120)) for c in plots.cursors)


def test_click_on_a_plot_scrubs_to_a_recorded_epoch(plots, exp2, qtbot):
    net, y, trainer = exp2
    plots.set_network(net, y)
    s = show(plots, trainer)
    plots.kernel_plot.setXRange(0, math.log10(300), padding=0)
    vb = plots.kernel_plot.getViewBox()
    scene_pt = vb.mapViewToScene(QPointF(1.0, 0.0))  # log10(epoch) = 1 → epoch 10
    view_pt = plots.layout_widget.mapFromScene(scene_pt)
    with qtbot.waitSignal(plots.epochScrubbed, timeout=1000) as blocker:
        qtbot.mouseClick(plots.layout_widget.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(view_pt))
    epoch = blocker.args[0]
    assert epoch in set(int(e) for e in s.epochs)
    assert 8 <= epoch <= 12
    assert plots.cursor_epoch() == epoch


def test_dragging_the_cursor_scrubs(plots, exp2, qtbot):
    net, y, trainer = exp2
    plots.set_network(net, y)
    show(plots, trainer, epoch=10)
    cursor = plots.cursors[0]
    with qtbot.waitSignal(plots.epochScrubbed, timeout=1000) as blocker:
        cursor.setValue(math.log10(42.3))
        cursor.sigDragged.emit(cursor)
    assert blocker.args == [42]


def test_legends(plots, exp2):
    net, y, _ = exp2
    plots.set_network(net, y)
    assert plots.legend_entries(1) == ["K6", "K7", "K8", "b_conv"]
    assert plots.legend_entries(2) == ["λ9,12", "λ10,12", "λ11,12", "b12"]
    assert "one colour each" in plots.pred_plot.titleLabel.text  # ten images: a note, not ten entries
    X, y1 = experiment1()
    plots.set_network(Network(), y1)
    assert plots.legend_entries(0) == ["ŷ", "target y"]


def test_two_kernel_net_plots_every_weight(plots):
    X, y = chapter_dataset()
    net = Network(n_kernels=2, padding=1)
    trainer = Trainer(net, X, y)
    trainer.run(20)
    plots.set_network(net, y)
    show(plots, trainer)
    kernel_names = [n for row in net.kernel_names for n in row]
    assert all(n in plots._param_curves for n in kernel_names + net.conv_bias_names)
    dense = [n for row in net.output_weight_names for n in row]
    assert all(n in plots._param_curves for n in dense)
    assert len(plots.kernel_plot.listDataItems()) == len(kernel_names) + 2
    xs, ys = plots._param_curves["K11"].getOriginalDataset()
    assert np.isfinite(ys).all() and len(ys) == 20  # epochs 1…20 (epoch 0 is off the log axis)


def test_loss_log_axis_toggle(plots, exp2):
    net, y, trainer = exp2
    plots.set_network(net, y)
    show(plots, trainer, epoch=1)
    assert plots.loss_plot.ctrl.logYCheck.isChecked()
    plots.log_loss.setChecked(False)
    assert not plots.loss_plot.ctrl.logYCheck.isChecked()


class _FakeDrag:
    """Just enough of pyqtgraph's MouseDragEvent for the ViewBox handler."""

    def __init__(self, scene_pos):
        self._pos = scene_pos
        self.accepted = False

    def button(self):
        return Qt.MouseButton.LeftButton

    def scenePos(self):  # noqa: N802
        return self._pos

    def accept(self):
        self.accepted = True


def test_dragging_on_a_plot_scrubs(plots, exp2, qtbot):
    net, y, trainer = exp2
    plots.set_network(net, y)
    show(plots, trainer, epoch=1)
    vb = plots.loss_plot.getViewBox()
    ev = _FakeDrag(vb.mapViewToScene(QPointF(2.0, 0.0)))  # epoch 100
    with qtbot.waitSignal(plots.epochScrubbed, timeout=1000) as blocker:
        vb.mouseDragEvent(ev)
    assert ev.accepted and blocker.args == [100]


def test_views_do_not_autorange_and_only_grow(plots, exp2):
    """Autorange re-fit every view at every paint (and painted twice): the ranges are set by hand."""
    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.max_rate = None
    show(plots, trainer)  # 300 epochs
    assert not any(any(p.getViewBox().autoRangeEnabled()) for p in plots.plots)
    (x0, x1), _ = plots.pred_plot.getViewBox().viewRange()
    assert x0 <= 0 and math.log10(300) <= x1 <= 2.7  # half decades: 10^2.5 covers epoch 300
    before = [p.getViewBox().viewRange()[1] for p in plots.plots]
    trainer.run(5)  # the data barely move: no view changes
    show(plots, trainer)
    assert [p.getViewBox().viewRange()[1] for p in plots.plots] == before
    trainer.run(2000)  # past the view: x grows to the next half decade, y covers the data
    s = show(plots, trainer)
    (_, x1), (y0, y1) = plots.kernel_plot.getViewBox().viewRange()
    assert math.log10(trainer.epoch) <= x1 <= math.log10(trainer.epoch) + 0.7
    k = np.concatenate([s.params[n][1:] for n in ("K6", "K7", "K8", "b_conv")])
    assert y0 <= k.min() and k.max() <= y1


def test_while_playing_fast_series_are_coalesced_with_their_cursor(plots, exp2, qtbot):
    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.max_rate = 5.0
    show(plots, trainer, playing=True)
    drawn = plots.redraws
    trainer.run(50)
    s = show(plots, trainer, playing=True)  # too soon: the curves and the cursor wait together…
    assert plots.redraws == drawn and plots.cursor_epoch() == 300
    qtbot.waitUntil(lambda: plots.redraws == drawn + 1, timeout=2000)  # …drawn by the timer
    xs, ys = plots._loss_curve.getOriginalDataset()
    assert ys[-1] == s.loss[-1] and xs[-1] == 350 and plots.cursor_epoch() == 350


def test_the_last_series_is_always_drawn_when_a_run_ends(plots, exp2, qtbot):
    """Every curve and the cursor reach the last epoch: no redraw is left pending."""
    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.max_rate = 2.0
    for _ in range(5):
        trainer.run(40)
        show(plots, trainer, playing=True)
    s = show(plots, trainer, playing=False)  # the run ended (pause, limit…): drawn now
    for curve in [*plots._pred_curves, *plots._param_curves.values(), plots._loss_curve]:
        assert curve.getOriginalDataset()[0][-1] == trainer.epoch == s.epochs[-1]
    assert plots.cursor_epoch() == trainer.epoch


def test_epoch_note_follows_the_cursor(plots, exp2):
    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.set_cursor(1234)
    assert plots.epoch_note.text().startswith("epoch 1,234")


def test_a_large_data_set_draws_a_bounded_number_of_curves(plots):
    """10,000 images: ten prediction curves and a legend that says so, built in linear time."""
    X = np.random.default_rng(0).normal(size=(10_000, 8))
    y = X.sum(axis=1) / 8
    net = Network(n_inputs=8, n_kernels=8, kernel_size=3)
    trainer = Trainer(net, X, y, lr=0.05)
    trainer.run(3)
    plots.set_network(net, y)
    s = show(plots, trainer)
    assert len(plots._pred_curves) == 10 and s.predictions.shape[1] == 10
    assert "images 1–10 of 10,000" in plots.legend_text(0)
    assert len(plots.dense_plot.listDataItems()) <= 16 + 3  # a band beyond 16 weights
    assert "48 weights" in plots.legend_text(2) and "min–max band" in plots.legend_text(2)


def test_the_loss_axis_grows_with_the_data_not_with_its_own_head_room(plots):
    """Experiment 1's loss falls from 0.26 to ~1e-24 in 60 epochs; drawn every 2 epochs, each
    growth of the log axis used to add its head room again on top (the axis reached 10¹⁶)."""
    net = Network()
    trainer = Trainer(net, *experiment1())
    plots.set_network(net, trainer.y)
    for _ in range(30):
        trainer.run(2)
        show(plots, trainer)
    top, bottom = plots.loss_plot.getViewBox().viewRange()[1][::-1]
    loss = np.asarray(trainer.history.loss, dtype=float)
    hi, lo = math.log10(loss.max()), math.log10(loss[loss > 0].min())
    assert hi < top <= hi + 0.1 * (hi - lo) + 0.5, (top, hi, lo)
    assert lo - 0.1 * (hi - lo) - 0.5 <= bottom < lo
