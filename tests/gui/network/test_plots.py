"""The training plots get the trainer's numbers, mark the epoch shown and let the user scrub."""

from __future__ import annotations

import math
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402

from core import Network, Trainer, chapter_dataset, experiment1, plot_data  # noqa: E402
from gui.network.plots import TrainingPlots  # noqa: E402


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
    data = plot_data(trainer)
    plots.show_plot_data(data, trainer.epoch)
    assert len(plots._pred_curves) == 10 and len(plots._target_lines) == 10
    for i, curve in enumerate(plots._pred_curves):
        xs, ys = curve.getOriginalDataset()
        assert len(xs) == len(data["epochs"])
        assert ys[-1] == data["predictions"][-1, i]
    assert set(plots._param_curves) == set(net.param_names())
    xs, ys = plots._param_curves["K6"].getOriginalDataset()
    assert ys[-1] == data["params"]["K6"][-1]
    xs, ys = plots._loss_curve.getOriginalDataset()
    assert ys[-1] == data["loss"][-1]
    assert [line.value() for line in plots._target_lines] == list(y)


def test_show_plot_data_reuses_curves(plots, exp2):
    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.show_plot_data(plot_data(trainer), trainer.epoch)
    curve = plots._param_curves["K7"]
    trainer.run(100)
    plots.show_plot_data(plot_data(trainer), trainer.epoch)
    assert plots._param_curves["K7"] is curve
    assert len(plots.kernel_plot.listDataItems()) == 4


def test_cursor_moves_without_emitting(plots, exp2, qtbot):
    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.show_plot_data(plot_data(trainer), 50)
    assert all(math.isclose(c.value(), math.log10(50)) for c in plots.cursors)
    with qtbot.assertNotEmitted(plots.epochScrubbed):
        plots.set_cursor(120)
    assert plots.cursor_epoch() == 120
    assert all(math.isclose(c.value(), math.log10(120)) for c in plots.cursors)


def test_click_on_a_plot_scrubs_to_a_recorded_epoch(plots, exp2, qtbot):
    net, y, trainer = exp2
    plots.set_network(net, y)
    data = plot_data(trainer)
    plots.show_plot_data(data, trainer.epoch)
    plots.kernel_plot.setXRange(0, math.log10(300), padding=0)
    vb = plots.kernel_plot.getViewBox()
    scene_pt = vb.mapViewToScene(QPointF(1.0, 0.0))  # log10(epoch) = 1 → epoch 10
    view_pt = plots.layout_widget.mapFromScene(scene_pt)
    with qtbot.waitSignal(plots.epochScrubbed, timeout=1000) as blocker:
        qtbot.mouseClick(plots.layout_widget.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(view_pt))
    epoch = blocker.args[0]
    assert epoch in set(int(e) for e in data["epochs"])
    assert 8 <= epoch <= 12
    assert plots.cursor_epoch() == epoch


def test_dragging_the_cursor_scrubs(plots, exp2, qtbot):
    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.show_plot_data(plot_data(trainer), 10)
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
    assert "one colour per image" in plots.pred_plot.titleLabel.text  # ten images: a note, not ten entries
    X, y1 = experiment1()
    plots.set_network(Network(), y1)
    assert plots.legend_entries(0) == ["ŷ", "target y"]


def test_two_kernel_net_plots_every_weight(plots):
    X, y = chapter_dataset()
    net = Network(n_kernels=2, padding=1)
    trainer = Trainer(net, X, y)
    trainer.run(20)
    plots.set_network(net, y)
    plots.show_plot_data(plot_data(trainer), 20)
    kernel_names = [n for row in net.kernel_names for n in row]
    assert all(n in plots._param_curves for n in kernel_names + net.conv_bias_names)
    dense = [n for row in net.output_weight_names for n in row]
    assert all(n in plots._param_curves for n in dense)
    assert len(plots.kernel_plot.listDataItems()) == len(kernel_names) + 2
    xs, ys = plots._param_curves["K11"].getOriginalDataset()
    assert np.isfinite(ys).all() and len(ys) == 20


def test_loss_log_axis_toggle(plots, exp2):
    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.show_plot_data(plot_data(trainer), 1)
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
    plots.show_plot_data(plot_data(trainer), 1)
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
    plots.show_plot_data(plot_data(trainer), trainer.epoch)  # 300 epochs
    assert not any(any(p.getViewBox().autoRangeEnabled()) for p in plots.plots)
    (x0, x1), _ = plots.pred_plot.getViewBox().viewRange()
    assert x0 <= 0 and math.log10(300) <= x1 <= 2.7  # half decades: 10^2.5 covers epoch 300
    before = [p.getViewBox().viewRange()[1] for p in plots.plots]
    trainer.run(5)  # the data barely move: no view changes
    plots.show_plot_data(plot_data(trainer), trainer.epoch)
    assert [p.getViewBox().viewRange()[1] for p in plots.plots] == before
    trainer.run(2000)  # past the view: x grows to the next half decade, y covers the data
    data = plot_data(trainer)
    plots.show_plot_data(data, trainer.epoch)
    (_, x1), (y0, y1) = plots.kernel_plot.getViewBox().viewRange()
    assert math.log10(trainer.epoch) <= x1 <= math.log10(trainer.epoch) + 0.7
    k = np.concatenate([data["params"][n] for n in ("K6", "K7", "K8", "b_conv")])
    assert y0 <= k.min() and k.max() <= y1


def test_fast_data_are_coalesced_and_the_cursor_placement_wins(plots, exp2, qtbot):
    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.max_rate = 5.0
    plots.show_plot_data(plot_data(trainer), trainer.epoch)
    drawn = plots.redraws
    trainer.run(50)
    data = plot_data(trainer)
    plots.show_plot_data(data, trainer.epoch)  # too soon: waits for its turn
    assert plots.redraws == drawn
    plots.set_cursor(42)  # e.g. a recorded epoch shown meanwhile
    qtbot.waitUntil(lambda: plots.redraws == drawn + 1, timeout=2000)  # drawn by the timer
    xs, ys = plots._loss_curve.getOriginalDataset()
    assert ys[-1] == data["loss"][-1]
    assert plots.cursor_epoch() == 42 and math.isclose(plots.cursors[0].value(), math.log10(42))


def test_epoch_note_follows_the_cursor(plots, exp2):
    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.set_cursor(1234)
    assert plots.epoch_note.text().startswith("epoch 1,234")


def test_a_stream_redraws_the_plot_groups_in_turn_and_a_pause_draws_all(plots, exp2, qtbot):
    """While playing, a frame redraws about half the curves, so no frame carries the whole cost."""
    import time

    from gui.network.plots import GROUPS

    net, y, trainer = exp2
    plots.set_network(net, y)
    plots.max_rate = 2.0  # a group may be redrawn every 0.19 s; everything only after 0.5 s
    plots.show_plot_data(plot_data(trainer), trainer.epoch)  # the first call draws everything
    time.sleep(0.25)
    trainer.run(300)
    data = plot_data(trainer)
    plots.show_plot_data(data, trainer.epoch)  # part of a stream: one group only
    assert GROUPS[0] == (0,)
    pred = plots._pred_curves[0].getOriginalDataset()[1]
    loss = plots._loss_curve.getOriginalDataset()[1]
    assert (pred[-1] == data["predictions"][-1, 0]) != (loss[-1] == data["loss"][-1])
    plots.flush()  # nothing waiting: a no-op
    plots.max_rate = 5.0
    trainer.run(300)
    data = plot_data(trainer)
    plots.show_plot_data(data, trainer.epoch)  # too soon: waits, then the timer draws every plot
    qtbot.waitUntil(lambda: plots._loss_curve.getOriginalDataset()[1][-1] == data["loss"][-1], timeout=2000)
    assert plots._pred_curves[0].getOriginalDataset()[1][-1] == data["predictions"][-1, 0]
    assert plots.cursor_epoch() == trainer.epoch
