"""What a learner sees of the lab's stages: nothing cut off, scrolling and zooming, outlines that
show at every zoom, colour bars that say what they clip, sizes as W×H, the palette's colours."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication

from gui.image_lab.image_io import LoadedImage
from gui.image_lab.lab import ImageLab, sample_path
from gui.image_lab.looks import OUTLINE, contrast, error_colour, note_colour
from gui.window.app import dark_palette

pytestmark = pytest.mark.timeout(60)
SCREENS = [(1280, 720), (1366, 768), (1920, 1080)]
TAB_CHROME = 90  # the window's title bar, menu, toolbar and tab bar above the lab
THREE = dict(kernels=("sobel-x", "sobel-y", "laplacian"), pool_op="max", depth_pool_op="max")


@pytest.fixture
def lab(qtbot):
    w = ImageLab()
    w.show_dialogs = False
    qtbot.addWidget(w)
    w.resize(1366, 768 - TAB_CHROME)
    w.show()
    assert w.wait_idle(10000)
    yield w
    w.shutdown()


def apply(lab: ImageLab, **changes) -> None:
    lab.set_settings(lab.settings().with_(**changes))
    assert lab.wait_idle(10000)
    QApplication.processEvents()


def grey_image(h: int, w: int, name: str = "grey.png") -> LoadedImage:
    y, x = np.mgrid[0:h, 0:w]
    a = ((np.sin(x / 7.0) * np.cos(y / 5.0) + 1) / 2).astype(np.float32)
    return LoadedImage(a, Path(name), (h, w), False, "")


def cell_in_viewport(lab: ImageLab, cell) -> QRect:
    view = lab.view
    top_left = cell.mapTo(view.viewport(), QPoint(0, 0))
    return QRect(top_left, cell.size())


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("image", ["chelsea", "grey 2048"])
def test_nothing_is_cut_off_on_common_screens(lab, qtbot, screen, image):
    """Every map is inside the viewport, or a scrollbar is there to reach it."""
    lab.resize(screen[0], screen[1] - TAB_CHROME)
    if image == "chelsea":
        assert lab.load_file(sample_path("chelsea.png"))
    else:
        lab.set_loaded(grey_image(2048, 2048))
    apply(lab, **THREE)
    lab.view.fit()
    QApplication.processEvents()
    view = lab.view
    port = view.viewport().rect()
    cells = view.cells()
    assert {s for s, _, _ in cells} == {"input", "conv", "pool", "depth"}
    assert sum(1 for s, _, _ in cells if s == "conv") == 3
    for stage, index, cell in cells + [(s, 0, b) for s, b in view.colour_bars().items()]:
        r = cell_in_viewport(lab, cell)
        beyond_x = r.right() > port.right() or r.left() < port.left()
        beyond_y = r.bottom() > port.bottom() or r.top() < port.top()
        assert not beyond_x or (view.horizontalScrollBar().isVisible()
                                and view.horizontalScrollBar().maximum() > 0), (stage, index, r, port)
        assert not beyond_y or (view.verticalScrollBar().isVisible()
                                and view.verticalScrollBar().maximum() > 0), (stage, index, r, port)
    assert lab.view.side() >= 140  # no postage stamps: the grid scrolls instead
    if screen == (1920, 1080):  # room for everything: no scrolling needed at all
        assert not view.verticalScrollBar().isVisible() and not view.horizontalScrollBar().isVisible()
    controls = lab.findChild(type(lab.controls.parentWidget().parentWidget()), "labControlsScroll")
    assert controls.verticalScrollBar().maximum() == 0 or controls.verticalScrollBar().isVisible()


def wheel(widget, dy: int, ctrl: bool) -> None:
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    mods = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(), QPoint(0, dy), Qt.MouseButton.NoButton,
                        mods, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_and_ctrl_wheel_zooms(lab, qtbot):
    apply(lab, **THREE)
    view = lab.view
    fit = view.side()
    cell = view.cell("conv", 1)
    wheel(cell, 120, ctrl=True)  # over a map: zoom in
    QApplication.processEvents()
    assert view.side() > fit and "maps" in lab.zoom_label.text()
    view.set_side(900)
    QApplication.processEvents()
    bar = view.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0
    before, side = bar.value(), view.side()
    wheel(view.cell("conv", 0), -240, ctrl=False)  # the plain wheel over a map scrolls the grid
    QApplication.processEvents()
    assert bar.value() > before and view.side() == side
    view.fit()
    assert view.side() == fit


def test_the_receptive_field_outline_is_two_pixels_with_a_halo_at_every_zoom(lab, qtbot):
    halo, line = lab.view.outline_pens()
    assert line.isCosmetic() and halo.isCosmetic()  # widths in screen pixels, whatever the zoom
    assert line.widthF() * lab.devicePixelRatioF() >= 2
    assert halo.widthF() > line.widthF() and halo.color().lightnessF() < 0.2
    assert contrast(line.color(), halo.color()) >= 4.5
    for side in (160, 2048):  # 0.3 and 4 screen pixels per image pixel
        lab.view.set_side(side)
        QApplication.processEvents()
        lab.view.mark("conv", 0, 100, 200, lab.receptive_rect("conv", 100, 200))
        inp = lab.view.cell("input")
        picture = inp.grab().toImage()
        r = inp.widget_rect(99, 199, 102, 202).toAlignedRect()
        yellow = 0
        for x in range(max(0, r.left() - 3), min(picture.width(), r.right() + 4)):
            for y in range(max(0, r.top() - 3), min(picture.height(), r.bottom() + 4)):
                c = picture.pixelColor(x, y)
                near = abs(c.red() - OUTLINE.red()) < 40 and abs(c.green() - OUTLINE.green()) < 40
                if near and c.blue() < 90:
                    yellow += 1
        assert yellow >= 8, (side, yellow)  # a visible yellow ring, even around a sub-pixel window


def test_colour_bars_say_what_they_clip_and_the_true_range(lab, qtbot):
    apply(lab, **THREE)
    conv, pool, depth = (lab.view.note_text(s).replace("\u2060", "") for s in ("conv", "pool", "depth"))
    maps = lab.result.stages["conv"]
    true = f"true range {maps.min():.3g} … {maps.max():.3g}".replace("-", "−")
    assert "clipped at p1–p99" in conv and true in conv
    assert "same colours as Conv" in pool and "same colours as Conv" in depth
    bars = lab.view.colour_bars()
    lv = lab.result.levels["conv"]
    assert bars["conv"].tick_labels() == bars["pool"].tick_labels() == bars["depth"].tick_labels()
    assert bars["conv"].tick_labels()[0] == f"{lv.hi:.3g}"
    # a map whose values all fit says so: the identity kernel on a black-and-white image
    bw = np.tile(np.eye(8, dtype=np.float32), (4, 4))
    lab.set_loaded(LoadedImage(bw, Path("bw.png"), bw.shape, False, ""))
    apply(lab, kernels=("identity",), kernel_size=3, pool_op=None, depth_pool_op=None)
    note = lab.view.note_text("conv")
    assert "full range" in note and "clipped" not in note


def test_sizes_read_width_by_height_everywhere(lab, qtbot):
    lab.set_loaded(grey_image(600, 800, "wide.png"))
    apply(lab, kernels=("sobel-x",), padding=0, pool_op="max")
    assert "800×600" in lab.image_label.text()
    assert "Input</b> 800×600" in lab.view.title_text("input")
    assert "Conv</b> 798×598" in lab.view.title_text("conv")
    assert "Pooled</b> 399×299" in lab.view.title_text("pool")
    lab.set_loaded(grey_image(6, 8, "tiny.png"))
    apply(lab, kernels=("sobel-x",), padding=0, pool_op=None, pad_mode="reflect")
    apply(lab, padding=9)
    assert "8×6" in lab.message_label.text()  # "(this one is 8×6)": width × height


def test_greyscale_first_follows_the_loaded_image(lab, qtbot):
    box = lab.controls.greyscale_first
    assert lab.load_file(sample_path("chelsea.png"))
    box.setChecked(True)
    assert lab.wait_idle()
    assert lab.result.stages["input"].ndim == 2  # the cat in grey, as asked
    assert "converted to one grey channel" in lab.controls.channel_note.text()
    assert lab.load_file(sample_path("brick.png"))
    assert not box.isEnabled() and not box.isChecked()  # a grey image: nothing to convert
    lab.show_learned_kernel([0.2, -0.5, 0.3])  # asks for grey filtering
    assert lab.wait_idle()
    assert lab.load_file(sample_path("chelsea.png"))
    assert lab.wait_idle()
    assert box.isEnabled() and not box.isChecked()
    assert lab.result.stages["input"].shape == (300, 451, 3)  # the new image in colour
    assert "Tick “greyscale first”" in lab.controls.channel_note.text()


def test_a_change_in_stages_reuses_the_maps_already_there(lab, qtbot):
    apply(lab, **THREE)
    conv = [c for s, _, c in lab.view.cells() if s == "conv"]
    apply(lab, pool_op=None)
    assert [c for s, _, c in lab.view.cells() if s == "conv"] == conv  # the same widgets
    assert "pool" not in {s for s, _, _ in lab.view.cells()}
    apply(lab, kernels=("sobel-x", "sobel-y"))
    assert [c for s, _, c in lab.view.cells() if s == "conv"] == conv[:2]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_colours_come_from_the_palette(qtbot, dark):
    w = ImageLab(load_default=False)
    qtbot.addWidget(w)
    pal = dark_palette() if dark else QApplication.palette()
    w.setPalette(pal)
    w.show_error("Could not open x.png: test.")
    window = pal.color(QPalette.ColorRole.Window)
    assert contrast(QColor(error_colour(pal)), window) >= 4.5
    assert contrast(note_colour(pal), window) >= 4.5
    assert error_colour(pal) in w.message_label.styleSheet()
    assert note_colour(pal).name() in w.controls.channel_note.styleSheet()  # a quieter note, still AA
    w.shutdown()


def test_nan_pixels_are_counted_and_drawn_magenta(lab, qtbot):
    img = grey_image(64, 64).array.copy()
    img[30, 30] = np.nan
    lab.set_loaded(LoadedImage(img, Path("nan.png"), img.shape, False, ""))
    apply(lab, kernels=("sobel-x",), pool_op=None, depth_pool_op=None, padding=1)
    assert "9 NaN (magenta)" in lab.view.note_text("conv")  # the 3×3 windows over the NaN pixel
    argb = lab.result.display[("conv", 0)].argb
    assert np.count_nonzero(argb == 0xFFFF00FF) == 9
