"""The "CNN on images" tab as a learner uses it: Play trains, Pause stops, the kernels change, the
curves travel back in time, the canvas is classified, and the step-through's sum is the core's."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from core.formatting import fmt
from core.image_cnn import ImageCNN
from gui.image_cnn.canvas import digits_input
from gui.image_cnn.maps import theme_of
from gui.image_cnn.toolbar import SPEED_STEPS
from tests.gui.image_cnn.cnn_support import idle, make_tab, pixels

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def tab(qtbot):
    t = make_tab(qtbot)
    yield t
    t.shutdown()
    assert not t.handle.thread.isRunning()


def shown_accuracy(tab) -> float:
    text = tab.curves.accuracy_label.text()
    m = re.match(r"Validation accuracy ([\d.]+) %", text)
    assert m, text
    return float(m.group(1))


def test_play_trains_until_the_validation_accuracy_shown_passes_80_percent(qtbot, tab):
    assert tab.bar.speed.maximum() == SPEED_STEPS and tab.bar.speed.value() == SPEED_STEPS
    assert tab.bar.speed_label.text() == "flat out"
    before = shown_accuracy(tab)
    tab.bar.epoch_limit.setValue(3)
    with qtbot.waitSignal(tab.handle.stopped, timeout=15000) as stop:
        tab.bar.play.trigger()
    idle(qtbot, tab)
    assert stop.args == ["Reached the epoch limit (3)."]
    assert before < 30 < 80 < shown_accuracy(tab)
    t = tab.handle.worker.trainer
    assert t.epoch == 3 and tab.curves.accuracy_label.text().endswith("(epoch 3)")
    assert shown_accuracy(tab) == pytest.approx(100 * t.history["val_acc"][-1], abs=0.05)
    assert not tab.bar.play.isChecked() and tab.bar.play.text() == "Play"


def test_pause_stops_training(qtbot, tab):
    tab.bar.epoch_limit.setValue(0)  # no limit
    w = tab.handle.worker
    with qtbot.waitSignal(tab.handle.playingChanged, timeout=5000):
        tab.bar.play.trigger()
    qtbot.waitUntil(lambda: tab.moment.moment.snapshot.steps > 50, timeout=15000)
    with qtbot.waitSignal(tab.handle.playingChanged, timeout=5000) as paused:
        tab.bar.play.trigger()
    assert paused.args == [False]
    idle(qtbot, tab)
    steps = w._position()
    qtbot.wait(300)  # not synchronisation: time in which a still-running worker would train on
    idle(qtbot, tab)
    assert w._position() == steps and not w.playing
    assert tab.moment.moment.snapshot.steps == steps  # the tab shows where it stopped


def test_kernels_drawn_at_epoch_0_differ_from_those_after_training(qtbot, tab):
    grid = tab.filters.grids()[0]
    fresh = pixels(grid)
    t = tab.handle.worker.trainer
    assert np.array_equal(tab.filters.kernels["conv1.W"], t.model_at(0)[1].params["conv1.W"])
    tab.handle.run_epochs_now(3)
    idle(qtbot, tab)
    assert np.array_equal(tab.filters.kernels["conv1.W"], t.model.params["conv1.W"])
    assert not np.array_equal(pixels(grid), fresh)


def test_scrubbing_the_curves_shows_an_older_epochs_kernels(qtbot, tab):
    tab.handle.run_epochs_now(4)
    idle(qtbot, tab)
    live = tab.filters.kernels["conv1.W"].copy()
    live_pixels = pixels(tab.filters.grids()[0])
    viewport = tab.curves.layout_widget.viewport()
    with qtbot.waitSignal(tab.curves.epochScrubbed, timeout=3000) as scrub:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=tab.curves.scrub_point(1.1))
    assert scrub.args == [1]
    qtbot.waitUntil(lambda: not tab.moment.moment.live, timeout=5000)
    idle(qtbot, tab)
    m = tab.moment.moment
    assert m.epoch == 1 and tab.curves.cursor_epoch() == 1
    old = tab.handle.worker.trainer.model_at(1)[1].params["conv1.W"]
    assert np.array_equal(tab.filters.kernels["conv1.W"], old) and not np.array_equal(old, live)
    assert not np.array_equal(pixels(tab.filters.grids()[0]), live_pixels)
    assert tab.status.text().startswith("Epoch 1 (recorded)")
    assert "recorded" in tab.curves.accuracy_label.text()


def test_a_vertical_stroke_is_classified_exactly_as_model_predict_says(qtbot, tab):
    tab.handle.run_epochs_now(2)
    idle(qtbot, tab)
    canvas = tab.canvas
    draw, _ = canvas._areas()
    x = draw.x() + draw.width() // 2
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, draw.y() + draw.height() // 8))
    for i in range(2, 8):
        QTest.mouseMove(canvas, QPoint(x, draw.y() + i * draw.height() // 8))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, draw.y() + 7 * draw.height() // 8))
    grid = canvas.grid
    cols = np.flatnonzero(grid.any(axis=0))
    assert grid.any() and cols.max() - cols.min() <= 4 and grid.any(axis=1).sum() >= 20  # a vertical line
    converted = grid.reshape(8, 4, 8, 4).sum(axis=(1, 3)) / 16.0  # the UCI digits' own rule
    assert np.array_equal(digits_input(grid)[..., 0], converted)
    bars = tab.probabilities.probabilities
    model = tab.moment.moment.snapshot.model
    assert bars.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.allclose(bars, model.predict(converted[None, :, :, None])[0], rtol=0, atol=1e-15)
    assert np.array_equal(model.theta, tab.handle.worker.trainer.model.theta)  # the live network's copy
    assert tab.feature_maps.current()[0] == "drawn"
    best = int(np.argmax(bars))
    assert f"predicted {best}" in tab.feature_maps.verdict.text()
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_Delete)
    assert not canvas.grid.any() and len(tab.probabilities.probabilities) == 0


def test_the_2d_gradient_terms_shown_sum_to_the_cores_gradient(qtbot, tab):
    tab.handle.run_epochs_now(1)
    idle(qtbot, tab)
    tab.feature_maps.pick("validation", 4)
    with qtbot.waitSignal(tab.handle.stepped, timeout=5000):
        tab.stepthrough.start_button.click()
    st, m = tab.stepthrough, tab.moment
    titles = []
    while st.next_button.isEnabled():
        titles.append(st.title.text())
        st.next_button.click()
    assert m.moment.current_substep.kind == "gradient"
    assert any(t.startswith("Forward 1 of 4") for t in titles) and any("Backward" in t for t in titles)
    data = tab.data
    x, label = data["X_val"][4], int(data["y_val"][4])
    model = ImageCNN((8, 8), tab.handle.worker.trainer.model.layers)
    model.theta[:] = tab.handle.worker.trainer.model.theta
    core = model.gradients(x[None], [label])["conv1.W"]
    for weight in [(0, 1, 1, 0), (3, 0, 2, 0)]:
        tab.filters.weightPicked.emit("conv1.W", weight)
        lines = st.terms_text.toPlainText().splitlines()
        terms = st.sum.terms
        assert len(terms) == 64 and st.sum.index == weight
        assert sum(t.product for t in terms) == pytest.approx(core[weight], rel=1e-9, abs=1e-15)
        assert st.sum.core == pytest.approx(core[weight], rel=1e-12, abs=1e-18)
        assert "(equal)" in st.total.text() and f"= {fmt(core[weight])} (equal)" in st.total.text()
        assert len(lines) == 64
        assert all(line.split(" = ")[-1].split()[0] == fmt(t.product)
                   for line, t in zip(lines, terms, strict=True))
    k, i, j, c = weight
    assert st.spins[0].value() == k + 1 and st.spins[2].value() == j + 1


def test_an_impossible_layer_list_shows_the_cores_sentence_and_cannot_be_applied(qtbot, tab):
    ed = tab.editor
    ed.set_layers(["conv:8:9", "relu", "dense:10"])
    assert "kernel 9×9 is larger than its padded input 8×8" in ed.error.text()
    assert not ed.apply_button.isEnabled()
    ed.set_layers(["conv:4:3:2:1", "relu", "maxpool:2", "dense:10"])
    assert ed.apply_button.isEnabled() and "n_out = ⌊(8 + 2·1 − 3)/2⌋ + 1 = 4" in ed.formulas.text()
    with qtbot.waitSignal(tab.handle.networkChanged, timeout=5000):
        ed.apply_button.click()
    idle(qtbot, tab)
    assert "conv 4@3×3, stride 2, pad 1 → 4×4×4" in tab.architecture.captions
    assert tab.handle.worker.trainer.model.layers == ["conv:4:3:2:1", "relu", "maxpool:2", "dense:10"]


def test_a_bad_learning_rate_is_refused_and_a_good_one_restarts_training(qtbot, tab):
    tab.bar.lr.setText("fast")
    tab.bar.lr.editingFinished.emit()
    assert "η: 'fast' is not a number" in tab.message.text()
    tab.bar.lr.setText("0.05")
    with qtbot.waitSignal(tab.handle.networkChanged, timeout=5000):
        tab.bar.lr.editingFinished.emit()
    idle(qtbot, tab)
    assert tab.handle.worker.trainer.settings["lr"] == 0.05 and tab.moment.moment.epoch == 0


def test_the_tabs_shortcuts_work_only_inside_it(tab):
    for a in (tab.bar.play, tab.bar.step_batch, tab.bar.reset):
        assert a.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        assert a.shortcut().toString() not in ("Space", "Right", "R")


def test_every_layers_colours_are_named_by_the_legend_and_its_caption(qtbot, tab):
    """Colours have a legend: one bar (−max … 0 … +max), each signed layer's ±max after its name,
    and the cell holding that max drawn in the bar's end colour."""
    tab.handle.run_epochs_now(1)
    idle(qtbot, tab)
    fm = tab.feature_maps
    fm.pick("validation", 4)
    assert fm.legend.isVisible() and fm.legend.labels() == ("−max", "0", "+max")
    x = np.asarray(tab.data["X_val"][4], dtype=float).reshape(fm.model.input_shape)
    acts = fm.model.activations(x)
    theme = theme_of(fm)
    for i, (_, a) in enumerate(acts[:-1]):
        caption, grid = fm.rows[i + 1]
        limit = float(np.max(np.abs(a)))
        assert caption.text().endswith(f"·  ±{fmt(limit, 3)}"), caption.text()
        r, q, c = np.unravel_index(int(np.argmax(np.abs(a))), a.shape)
        end = theme.positive if a[r, q, c] > 0 else theme.negative
        assert QColor(grid.tiles[c].image.pixel(int(q), int(r))) == QColor(end)
    assert "±" not in fm.rows[0][0].text() and "±" not in fm.rows[-1][0].text()  # ink, 0 … 1


def test_the_hovered_cells_sum_stays_in_sight_below_the_scrolled_maps(qtbot, tab):
    fm, page = tab.feature_maps, tab.maps_page
    fm.pick("validation", 0)
    qtbot.waitUntil(lambda: fm.model is not None and bool(fm.rows[-2][1].tiles), timeout=5000)
    QApplication.processEvents()
    bar = page.verticalScrollBar()
    assert bar.maximum() > 0  # the maps are taller than the page at 1366×768
    bar.setValue(bar.maximum())  # down to the last layers
    _, grid = fm.rows[-2]
    page.ensureWidgetVisible(grid)
    QApplication.processEvents()
    qtbot.mouseMove(grid, grid.cell_centre(0, 0, 0))
    assert fm.hover_text.text().startswith("Layer 3 (maxpool:2), map 1, cell (row 1, column 1)")
    box, tabs = fm.hover_box, tab.centre_tabs
    top, bottom = box.mapTo(tabs, QPoint(0, 0)), box.mapTo(tabs, QPoint(0, box.height()))
    assert box.isVisible() and 0 <= top.y() and bottom.y() <= tabs.height()  # all of it in sight


def test_a_5x5_cells_whole_sum_fits_the_hover_box(qtbot, tab):
    fm = tab.feature_maps
    qtbot.waitUntil(lambda: fm.acts is not None, timeout=5000)
    fm._hover(0, 0, 0, 0)  # a sum of the old network on show …
    assert fm.hover_text.text().startswith("Layer 1 (conv:8:3:1:1)")
    ed = tab.editor
    ed.set_layers(["conv:4:5:1:2", "relu", "maxpool:2", "dense:10"])
    with qtbot.waitSignal(tab.handle.networkChanged, timeout=5000):
        ed.apply_button.click()
    idle(qtbot, tab)
    assert fm.hover_text.text().startswith("Hover a cell of any map")  # … is gone with it
    fm.pick("validation", 0)
    _, grid = fm.rows[1]
    qtbot.waitUntil(lambda: fm.model is not None and bool(grid.tiles), timeout=5000)  # its first moment drawn
    QApplication.processEvents()  # the new rows laid out
    tab.maps_page.ensureWidgetVisible(grid)
    QApplication.processEvents()
    qtbot.mouseMove(grid, grid.cell_centre(0, 3, 4))
    lines = fm.hover_text.text().splitlines()
    assert len(lines) == 10 and lines[-1].startswith("z = Σ + b = ")
    assert fm.hover_box.lines == 10  # the longest sum of this network: a 5×5 conv cell's
    QApplication.processEvents()
    assert fm.hover_text.sizeHint().height() <= fm.hover_box.viewport().height()  # no line cut off


@pytest.mark.parametrize("size", [(1177, 662), (1280, 720)])  # 1280×720 less a window manager's frame
def test_no_page_of_the_centre_needs_sideways_scrolling_on_a_small_screen(qtbot, size):
    tab = make_tab(qtbot, size=size)
    try:
        for i in range(tab.centre_tabs.count()):
            tab.centre_tabs.setCurrentIndex(i)
            for _ in range(3):  # layouts posted while laying out are handled in the next pass
                QApplication.processEvents()
            page = tab.centre_tabs.currentWidget()
            areas = [page] if isinstance(page, QScrollArea) else page.findChildren(QScrollArea)
            for area in areas:
                if area.isVisible() and area.objectName() != "cnnFeatureHoverBox":  # long sums may scroll
                    assert area.horizontalScrollBar().maximum() == 0, (
                        f"{tab.centre_tabs.tabText(i)}: {area.objectName()} scrolls sideways at {size}")
    finally:
        tab.shutdown()


def test_every_sub_step_names_its_colour_scale_and_fits_a_small_screen(qtbot):
    tab = make_tab(qtbot, size=(1177, 662))
    try:
        tab.handle.run_epochs_now(1)
        idle(qtbot, tab)
        tab.feature_maps.pick("validation", 4)
        tab.centre_tabs.setCurrentIndex(1)
        st = tab.stepthrough
        with qtbot.waitSignal(tab.handle.stepped, timeout=5000):
            st.start_button.click()
        page = tab.centre_tabs.currentWidget()
        seen = []
        while True:
            for _ in range(3):
                QApplication.processEvents()
            caption = st.maps_caption.text()
            seen.append(caption)
            assert page.horizontalScrollBar().maximum() == 0, f"sideways at {st.title.text()!r}"
            tiles = st.maps.tiles
            if caption.startswith(("δ of layer", "output of layer")) and "probabilities" not in caption:
                shown = tab.moment.moment.current_substep
                step = st._step
                a = (step["deltas"][shown.layer] if shown.kind == "backward"
                     else step["activations"][shown.layer][1])
                assert f"+{fmt(float(np.max(np.abs(a))), 3)})" in caption, caption
                assert tiles
            if not st.next_button.isEnabled():
                break
            st.next_button.click()
        assert any(c.startswith("δ of layer") for c in seen) and any("δ colours: −" in c for c in seen)
    finally:
        tab.shutdown()
