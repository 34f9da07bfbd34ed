"""A folder of one's own images in the tab: read off the GUI thread, a corrupt file counted in one
warning, a one-class folder refused with the core's sentence, and closing mid-training exits cleanly."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtGui import QColor, QImage

from tests.gui.image_cnn.cnn_support import idle, make_tab

pytestmark = pytest.mark.timeout(120)
ROOT = Path(__file__).resolve().parents[3]


def make_folder(root: Path, classes: dict[str, int], size=(14, 12), corrupt: str | None = None) -> Path:
    """Class sub-folders of small PNGs drawn with QImage (one colour and a bar per class)."""
    for c, (name, count) in enumerate(classes.items()):
        (root / name).mkdir(parents=True)
        for i in range(count):
            img = QImage(size[0], size[1], QImage.Format.Format_RGB32)
            img.fill(QColor(230, 230, 230))
            for y in range(size[1]):
                img.setPixelColor((3 + 4 * c + i % 2) % size[0], y, QColor(20, 20 + 60 * c, 200 - 60 * c))
            assert img.save(str(root / name / f"{i:04d}.png"))
    if corrupt:
        (root / corrupt).write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    return root


@pytest.fixture
def tab(qtbot):
    t = make_tab(qtbot)
    yield t
    t.shutdown()


def test_a_folder_with_a_corrupt_image_trains_and_says_what_it_skipped(qtbot, tab, tmp_path):
    folder = make_folder(tmp_path / "bars", {"left": 10, "middle": 10, "right": 10}, corrupt="middle/bad.png")
    tab.bar.size.setValue(10)
    with qtbot.waitSignal(tab.handle.networkChanged, timeout=20000):
        tab.open_folder(folder)
    idle(qtbot, tab)
    summary = ("30 images in 3 classes (left 10, middle 10, right 10), 10×10 RGB; "
               "skipped 1 unreadable file: middle/bad.png")
    assert tab.message.text() == summary
    assert tab.data_preview.summary.text() == summary
    assert tab.data_preview.class_labels() == ["left (8)", "middle (8)", "right (8)"]
    t = tab.handle.worker.trainer
    assert t.model.input_shape == (10, 10, 3) and t.model.layers[-1] == "dense:3"
    assert tab.architecture.captions[0] == "input 10×10×3" and tab.architecture.captions[-1] == "dense 3"
    assert tab.canvas.grid.shape == (10, 10) and tab.canvas.light_background
    assert tab.bar.dataset.currentText() == "bars (10×10)"
    tab.bar.epoch_limit.setValue(2)
    with qtbot.waitSignal(tab.handle.stopped, timeout=15000):
        tab.bar.play.trigger()
    idle(qtbot, tab)
    assert tab.moment.moment.epoch == 2
    assert len(tab.confusion.class_names) == 3 and tab.confusion.matrix.sum() == len(t.y_val)


def test_a_one_class_folder_is_refused_with_the_cores_sentence(qtbot, tab, tmp_path):
    folder = make_folder(tmp_path / "cats_only", {"cats": 4})
    before = tab.handle.worker.trainer
    with qtbot.waitSignal(tab.handle.folderFailed, timeout=5000) as failed:
        tab.open_folder(folder)
    assert failed.args[0] == "a data set needs at least 2 classes (one sub-folder each); found 1: 'cats'"
    assert tab.message.text() == failed.args[0]
    idle(qtbot, tab)
    assert tab.handle.worker.trainer is before and tab.bar.dataset.currentIndex() == 0


def test_a_class_whose_every_file_is_unreadable_is_refused(qtbot, tab, tmp_path):
    folder = make_folder(tmp_path / "half", {"good": 3})
    (folder / "broken").mkdir()
    (folder / "broken" / "a.png").write_bytes(b"not an image")
    with qtbot.waitSignal(tab.handle.folderFailed, timeout=10000) as failed:
        tab.open_folder(folder)
    assert "class 'broken' has no readable images" in failed.args[0]
    assert "1 unreadable file(s)" in failed.args[0]


def test_reading_a_2000_image_folder_does_not_freeze_the_window(qtbot, tab, tmp_path):
    folder = make_folder(tmp_path / "big", {"a": 1000, "b": 1000}, size=(16, 16))
    gaps: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: (gaps.append(clock.restart())))
    clock.start()
    timer.start()
    progress: list[int] = []
    tab.handle.folderProgress.connect(lambda done, total: progress.append(done))
    start = time.perf_counter()
    with qtbot.waitSignal(tab.handle.networkChanged, timeout=90000):
        tab.open_folder(folder)
    timer.stop()
    took = time.perf_counter() - start
    assert progress[-1] == 2000 and len(set(progress)) > 5  # progress shown along the way
    assert len(gaps) > took * 20  # the GUI thread kept running its timer …
    assert np.percentile(gaps[1:], 99) < 150 and max(gaps[1:]) < 500  # … without long stalls (ms)
    idle(qtbot, tab)
    assert tab.handle.worker.trainer.n_train == 1600


def test_closing_the_window_mid_training_exits_0_without_qt_warnings(tmp_path):
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, {str(ROOT)!r})
        from PySide6.QtCore import QSettings, QTimer, qInstallMessageHandler
        def handler(mode, context, message):
            if "propagateSizeHints" not in message and "raise()" not in message:
                print("QT:", message, file=sys.stderr)
        qInstallMessageHandler(handler)
        from gui.window.app import application
        app = application()
        from gui import MainWindow
        w = MainWindow(settings=QSettings({str(tmp_path / "c.ini")!r}, QSettings.Format.IniFormat),
                       load_image=False)
        w.show()
        w.tabs.setCurrentWidget(w.image_cnn)
        tab = w.image_cnn
        tab.bar.epoch_limit.setValue(0)
        QTimer.singleShot(300, tab.bar.play.trigger)
        def close():
            assert tab.handle.worker.playing, "not training when the window closed"
            w.close()
        QTimer.singleShot(1500, close)
        code = app.exec()
        assert not tab.handle.thread.isRunning()
        print("steps", tab.handle.worker._position())
        sys.exit(code)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "QT:" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert int(proc.stdout.split("steps")[-1]) > 0
