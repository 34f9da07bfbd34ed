"""The Image lab tab: kernels → maps, the size formula, hover numbers, files, export, threads."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QScrollArea
from scipy.signal import correlate2d

from core.image_ops.conv2d import conv2d
from gui.image_lab.image_io import LoadedImage, load_image
from gui.image_lab.lab import ImageLab, sample_path
from gui.image_lab.pipeline import PipelineSettings, run_pipeline

SOBEL_X = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float64)

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def lab(qtbot):
    w = ImageLab()
    w.show_dialogs = False  # errors go to the inline label only: nothing modal in tests
    qtbot.addWidget(w)
    w.resize(1366, 700)
    w.show()
    qtbot.waitUntil(lambda: w.result is not None and w.is_idle(), timeout=5000)
    yield w
    w.shutdown()


def settle(qtbot, lab: ImageLab) -> None:
    """Wait until the newest request has been computed and drawn."""
    qtbot.waitUntil(lab.is_idle, timeout=5000)


def apply(qtbot, lab: ImageLab, **changes) -> None:
    lab.set_settings(lab.settings().with_(**changes))
    settle(qtbot, lab)


def check_kernels(lab: ImageLab, names: set[str]) -> None:
    chooser = lab.findChild(QListWidget, "kernelChooser")
    for i in range(chooser.count()):
        item = chooser.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() in names
                           else Qt.CheckState.Unchecked)


def test_starts_with_the_brick_wall_and_exposes_its_actions(lab):
    assert lab.objectName() == "imageLab"
    assert lab.loaded.name == "brick.png"
    assert "512×512" in lab.image_label.text()
    assert lab.open_action.objectName() == "actionOpenImage"
    assert lab.open_action.shortcut() != QKeySequence("Ctrl+O")
    assert len(lab.sample_actions) == 3
    assert lab.result.stages["conv"].shape == (512, 512, 1)


def test_ticking_kernels_changes_the_number_of_maps(lab, qtbot):
    check_kernels(lab, {"sobel-x", "sobel-y", "laplacian"})
    settle(qtbot, lab)
    assert lab.result.stages["conv"].shape[2] == 3
    assert sum(1 for stage, *_ in lab.view.cells() if stage == "conv") == 3
    check_kernels(lab, {"box"})
    settle(qtbot, lab)
    assert lab.result.stages["conv"].shape[2] == 1
    assert [k.name for k in lab.result.kernels] == ["box"]


def test_padding_and_stride_follow_the_output_size_formula(lab, qtbot):
    label = lab.findChild(QLabel, "outputShapeLabel")
    assert "H' = ⌊(512 + 2·1 − 3)/1⌋ + 1 = 512" in label.text()
    lab.controls.padding.setValue(0)
    lab.controls.stride.setValue(2)
    settle(qtbot, lab)
    n = (512 + 2 * 0 - 3) // 2 + 1
    assert f"H' = ⌊(512 + 2·0 − 3)/2⌋ + 1 = {n}" in label.text()
    assert f"W' = ⌊(512 + 2·0 − 3)/2⌋ + 1 = {n}" in label.text()
    assert lab.result.stages["conv"].shape[:2] == (n, n)
    lab.controls.pool_group.setChecked(True)
    settle(qtbot, lab)
    m = (n - 2) // 2 + 1
    assert f"= {m}" in label.text().splitlines()[-1]
    assert lab.result.stages["pool"].shape[:2] == (m, m)


def test_hover_shows_the_weighted_sum_of_the_conv_window(lab, qtbot):
    apply(qtbot, lab, kernels=("sobel-x",), bias=0.5, activation="relu", padding=1)
    brick = load_image(sample_path("brick.png")).array.astype(np.float64)
    reference = correlate2d(brick, SOBEL_X, mode="same")  # zero padding, as p = 1
    y, x = 120, 77
    assert lab.result.stages["conv"][y, x, 0] == pytest.approx(
        max(reference[y, x] + 0.5, 0), abs=1e-5)
    text = lab.hover_info("conv", y, x)
    assert f"Σ window·kernel = {reference[y, x]:.4g}" in text
    assert f"{reference[y, x] + 0.5:.4g}" in text
    assert "relu" in text
    assert lab.receptive_rect("conv", y, x) == (y - 1, x - 1, y + 2, x + 2)
    assert "partly padding" in lab.hover_info("conv", 0, 0)


def test_hover_on_an_rgb_image_sums_the_three_channels(lab, qtbot):
    assert lab.load_file(sample_path("chelsea.png"))
    apply(qtbot, lab, kernels=("sobel-y",), padding=1)
    cat = lab.loaded.array
    expected = conv2d(cat, SOBEL_X.T, padding=1)[50, 60]  # one kernel over R, G and B
    text = lab.hover_info("conv", 50, 60)
    assert f"→ {expected:.4g}" in text
    assert lab.result.stages["conv"][50, 60, 0] == pytest.approx(expected, abs=1e-5)


def test_receptive_field_goes_through_pooling(lab, qtbot):
    apply(qtbot, lab, kernels=("sobel-x", "sobel-y"), padding=1, stride=1, pool_op="max",
          pool_size=2, pool_stride=2, depth_pool_op="max")
    # pooled (10, 20) ← conv rows 20–21, cols 40–41 ← input rows 19–22, cols 39–42
    assert lab.receptive_rect("pool", 10, 20) == (19, 39, 23, 43)
    assert lab.receptive_rect("depth", 10, 20) == (19, 39, 23, 43)
    pooled = lab.result.stages["pool"]
    text = lab.hover_info("depth", 10, 20)
    assert f"{pooled[10, 20].max():.4g}" in text
    assert "max of the 2×2 window" in lab.hover_info("pool", 10, 20, 1)


def test_moving_the_mouse_over_a_map_fills_the_info_label(lab, qtbot):
    lab.view.set_side(1024)  # 2 screen pixels per map pixel
    cell = lab.view.cell("conv", 0)
    QApplication.processEvents()  # the grid's layout places the larger cells
    lab.view.horizontalScrollBar().setValue(cell.x())  # the map's top-left corner in view
    lab.view.verticalScrollBar().setValue(cell.y())
    qtbot.mouseMove(cell, QPoint(61, 81))
    assert "pixel (y=40, x=30)" in lab.hover_label.text()
    assert lab.view.cell("input").outline == (39, 29, 42, 32)  # the 3×3 window, padding 1


def test_a_bad_file_keeps_the_current_image(lab, qtbot, tmp_path):
    before = lab.result
    bad = tmp_path / "broken.png"
    bad.write_bytes(sample_path("brick.png").read_bytes()[:500])
    assert not lab.load_file(bad)
    assert lab.loaded.name == "brick.png"
    assert "broken.png" in lab.last_error
    assert lab.message_label.isVisible() and "broken.png" in lab.message_label.text()
    settle(qtbot, lab)
    assert lab.result is before


def test_dropping_a_file_loads_it(lab, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_path("chelsea.png")))])
    event = QDropEvent(QPointF(QPoint(300, 300)), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    lab.dropEvent(event)
    settle(qtbot, lab)
    assert lab.loaded.name == "chelsea.png"
    assert lab.result.stages["input"].shape == (300, 451, 3)
    assert lab.controls.channel_note.isVisible()


def test_invalid_settings_show_a_message_and_keep_the_output(lab, qtbot):
    tiny = np.linspace(0, 1, 36, dtype=np.float32).reshape(6, 6)
    lab.set_loaded(LoadedImage(tiny, Path("tiny.png"), (6, 6), False, ""))
    settle(qtbot, lab)
    before = lab.result
    apply(qtbot, lab, pad_mode="reflect", padding=8)
    assert lab.result is before
    assert "Cannot compute" in lab.message_label.text()
    assert "reflect" in lab.message_label.text()
    apply(qtbot, lab, pad_mode="zeros", padding=1)
    assert not lab.message_label.isVisible()


def test_custom_kernel_reason_is_shown_beside_the_editor(lab, qtbot):
    lab.controls.custom_edit.setPlainText("1 2 3\n4 5")
    assert "ragged rows" in lab.controls.custom_error.text()
    lab.controls.custom_edit.setPlainText("0 0 0\n0 2 0\n0 0 0")
    assert "3×3" in lab.controls.custom_error.text()
    check_kernels(lab, {"custom"})
    settle(qtbot, lab)
    brick = lab.result.stages["input"]
    np.testing.assert_allclose(lab.result.stages["conv"][..., 0], 2 * brick, atol=1e-6)


def test_export_png_and_npy(lab, qtbot, tmp_path):
    apply(qtbot, lab, kernels=("sobel-x", "sobel-y"))
    lab.export_stage("conv", tmp_path / "conv.npy")
    np.testing.assert_array_equal(np.load(tmp_path / "conv.npy"), lab.result.stages["conv"])
    lab.export_stage("conv", tmp_path / "conv.png")
    png = QImage(str(tmp_path / "conv.png"))
    assert (png.width(), png.height()) == (2 * 512 + 2, 512)  # two maps side by side
    lab.export_stage("input", tmp_path / "input.png")
    assert QImage(str(tmp_path / "input.png")).size().width() == 512
    with pytest.raises(ValueError):
        lab.export_stage("depth", tmp_path / "none.png")


def test_large_images_ask_before_downscaling(lab, qtbot, tmp_path):
    big = QImage(5000, 40, QImage.Format.Format_Grayscale8)
    big.fill(128)
    path = tmp_path / "long.png"
    assert big.save(str(path))
    asked = []
    lab.ask_downscale = lambda p, h, w: asked.append((h, w)) or True
    assert lab.load_file(path)
    assert asked == [(40, 5000)]
    assert lab.loaded.array.shape == (33, 4096)
    lab.load_file(sample_path("camera.png"))
    lab.ask_downscale = lambda p, h, w: None  # "Cancel": keep the current image
    assert not lab.load_file(path)
    assert lab.loaded.name == "camera.png"


def test_latest_request_wins(lab, qtbot):
    for p in range(6):
        lab.controls.padding.setValue(p)
    settle(qtbot, lab)
    assert lab.result.settings.padding == 5
    assert lab.result.stages["conv"].shape[0] == 512 + 2 * 5 - 2


def test_every_stage_has_a_colour_bar_and_it_fits_a_small_screen(lab, qtbot):
    apply(qtbot, lab, kernels=("sobel-x", "box"), pool_op="avg", depth_pool_op="avg")
    assert set(lab.view.colour_bars()) == {"input", "conv", "pool", "depth"}
    hint = lab.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700


def test_shutdown_stops_the_worker_cleanly(qtbot):
    w = ImageLab()
    qtbot.addWidget(w)
    w.set_settings(w.settings().with_(kernels=("gaussian",)))
    w.shutdown()  # while a job may be pending or running
    assert w.is_idle() or w.wait_idle(2000)
    w.close()


def test_pipeline_is_fast_enough_for_1024_squared_with_three_kernels():
    img = np.random.default_rng(0).random((1024, 1024), dtype=np.float32)
    settings = PipelineSettings(kernels=("gaussian", "sobel-x", "sobel-y"))
    best = min(_timed(run_pipeline, img, settings) for _ in range(5))
    assert best < 100  # ms


def _timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t0) * 1000


@pytest.mark.timeout(60)
def test_learned_kernel_is_sent_across_and_down_beside_sobel(qtbot):
    from core import Network

    lab = ImageLab()
    qtbot.addWidget(lab)
    qtbot.waitUntil(lambda: lab.result is not None, timeout=20000)
    K = [Network().get_params()[n] for n in ("K6", "K7", "K8")]
    lab.show_learned_kernel(K, ("K6", "K8"))
    qtbot.waitUntil(lambda: lab.result is not None
                    and [k.name for k in lab.result.kernels] == ["sobel-x", "sobel-y", "learned-h",
                                                                  "learned-v"], timeout=20000)
    res = lab.result
    h = res.kernels[2].weights
    assert np.allclose(h[1], K, atol=1e-7) and np.all(h[0] == 0) and np.all(h[2] == 0)
    assert np.allclose(res.kernels[3].weights[:, 1], K, atol=1e-7)
    # the horizontal map equals a 1×3 filter of the image along its rows
    img = lab.loaded.array
    one_by_three = conv2d(img, np.asarray([K], np.float32), padding=(0, 1))
    assert np.allclose(res.stages["conv"][..., 2], one_by_three, atol=1e-5)
    chooser = lab.findChild(QListWidget, "kernelChooser")
    names = [chooser.item(i).text() for i in range(chooser.count())]
    assert "learned-h" in names and "learned-v" in names
    lab.shutdown()


@pytest.mark.parametrize("width", [1000, 1366])
def test_the_hover_hint_wraps_and_a_pixels_table_does_not(lab, qtbot, width):
    """The prose fits its pane (no sideways scrolling to read a sentence); the numbers keep their columns."""
    lab.resize(width, 700)
    QApplication.processEvents()
    area = lab.hover_label.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)

    def sideways() -> bool:
        QApplication.processEvents()
        return area.horizontalScrollBar().maximum() > 0

    assert lab.hover_label.text().startswith("Hover over any output pixel")
    assert not sideways()
    lab._on_hover("conv", 0, 40, 30)
    table = lab.hover_label.text()
    assert "pixel (y=40, x=30)" in table and not lab.hover_label.wordWrap()
    longest = max(table.splitlines(), key=len)
    assert lab.hover_label.fontMetrics().horizontalAdvance(longest) <= lab.hover_label.sizeHint().width()
