"""Opening images in the lab: a message box for every failure, the hard limit before any question
about downscaling, the memory estimate named, and file dialogs that remember their folder."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.image_lab import files as lab_files
from gui.image_lab.lab import ImageLab, sample_path
from gui.image_lab.limits import MAX_FILTER_BYTES
from gui.image_lab.pipeline import PipelineSettings
from gui.widgets import file_dialogs

pytestmark = pytest.mark.timeout(60)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(path: Path, w: int, h: int) -> Path:
    """A PNG whose header says w×h (8-bit grey) and whose data is one empty row: no pixels needed."""
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
                     + png_chunk(b"IDAT", zlib.compress(b"\x00" * (w + 1))) + png_chunk(b"IEND", b""))
    return path


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """A QSettings in a temporary file: never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def lab(qtbot, settings):
    w = ImageLab(dialog_settings=settings)
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    assert w.wait_idle()
    yield w
    w.shutdown()


def test_every_failed_open_shows_a_message_box(lab, qtbot, tmp_path):
    """Three failures in a row: each shows a visible box naming the file (once one box was
    deleted on close and the next failure raised RuntimeError instead of showing anything)."""
    broken = tmp_path / "broken.png"
    broken.write_bytes(sample_path("brick.png").read_bytes()[:300])
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    for path in (broken, text, tmp_path / "missing.png"):
        with qtbot.waitSignal(lab.errorShown, timeout=2000):
            assert not lab.load_file(path)
        box = lab.findChild(QMessageBox, "labErrorBox")
        assert box is not None and box.isVisible()
        assert path.name in box.text() and box.icon() == QMessageBox.Icon.Warning
        box.button(QMessageBox.StandardButton.Ok).click()  # the learner presses OK
        assert not box.isVisible()
    assert lab.loaded.name == "brick.png"


def test_past_the_pixel_limit_an_image_is_refused_before_any_downscale_question(lab, tmp_path):
    big = png_header_only(tmp_path / "huge.png", 12000, 12000)
    asked = []
    lab.ask_downscale = lambda p, h, w: asked.append((h, w)) or True
    lab.show_dialogs = False
    assert not lab.load_file(big)
    assert asked == []  # never offered a downscale it would then refuse
    assert "12000×12000 = 144 megapixels, more than the limit of 67 megapixels" in lab.last_error
    assert lab.loaded.name == "brick.png"


def test_the_downscale_question_names_both_memory_estimates():
    s = PipelineSettings(kernels=("sobel-x", "sobel-y", "laplacian"))
    text = lab_files.downscale_question(Path("big.png"), 8192, 8192, s, channels=3)
    full = lab_files.memory_for(8192, 8192, 3, s)
    assert full > MAX_FILTER_BYTES  # image 768 MB + 2 × (3 maps × 256 MB)
    assert "8192×8192 px" in text and f"about {full / 2**30:.1f} GB" in text
    assert "more than the lab's limit of 2.0 GB" in text and "Downscale it to 4096×4096 px" in text


def test_a_large_image_within_memory_is_opened_without_asking(lab, tmp_path):
    path = tmp_path / "wide.png"
    img = QImage(4000, 30, QImage.Format.Format_Grayscale8)
    img.fill(77)
    assert img.save(str(path))
    lab.ask_downscale = lambda p, h, w: pytest.fail("asked about a 4000 px image")
    assert lab.load_file(path)
    assert lab.loaded.array.shape == (30, 4000)


def test_file_dialogs_start_in_a_user_folder_and_remember_the_last_one(monkeypatch, tmp_path, settings):
    starts = []
    chosen = tmp_path / "pictures" / "cat.png"
    chosen.parent.mkdir()

    def fake_open(parent, caption, start, filters):
        starts.append(start)
        return str(chosen), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))
    first = file_dialogs.ask_open_path(None, "imageLab/open", "Open image", "Images (*.png)", settings)
    assert first == chosen
    assert Path(starts[0]) != Path.cwd()  # not the folder the app was started from
    assert Path(starts[0]) == file_dialogs.default_folder("documents")
    file_dialogs.ask_open_path(None, "imageLab/open", "Open image", "Images (*.png)", settings)
    assert Path(starts[1]) == chosen.parent  # remembered
    assert settings.value("dialogs/imageLab/open") == str(chosen.parent)
    file_dialogs.ask_open_path(None, "workspace", "Open", "*", settings)
    assert Path(starts[2]) != chosen.parent  # each purpose has its own folder


def test_save_dialogs_add_the_suffix_and_remember_the_folder(monkeypatch, tmp_path, settings):
    seen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, caption, start, filters: (seen.append(start)
                                                                              or str(tmp_path / "out"), "")))
    path = file_dialogs.ask_save_path(None, "imageLab/export", "Export", "PNG (*.png)", "cat_conv.png",
                                      settings, suffix=".png")
    assert path == tmp_path / "out.png" and seen[0].endswith("cat_conv.png")
    assert file_dialogs.last_folder("imageLab/export", settings) == tmp_path
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    cancelled = file_dialogs.ask_save_path(None, "imageLab/export", "Export", "*.png", "x.png", settings)
    assert cancelled is None


def test_the_lab_open_dialog_uses_its_settings(lab, monkeypatch, settings):
    camera = str(sample_path("camera.png"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args: (camera, "")))
    lab.open_dialog()
    assert lab.loaded.name == "camera.png"
    assert settings.value("dialogs/imageLab/open") == str(sample_path("camera.png").parent)


def test_a_large_stage_is_exported_as_png_without_a_float64_copy(lab, tmp_path):
    lab.set_settings(lab.settings().with_(kernels=("sobel-x", "sobel-y")))
    assert lab.wait_idle()
    lab.export_stage("conv", tmp_path / "conv.png")
    png = QImage(str(tmp_path / "conv.png"))
    assert (png.width(), png.height()) == (2 * 512 + 2, 512)
    maps = lab.result.stages["conv"]
    row = np.array([png.pixelColor(x, 100).red() for x in range(512)])
    lo, hi = float(maps.min()), float(maps.max())
    expected = np.clip(np.round((maps[100, :, 0] - lo) * 255 / (hi - lo)), 0, 255)
    assert np.max(np.abs(row - expected)) <= 1
