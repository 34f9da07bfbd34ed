"""The main window as a learner uses it: the chapter's numbers on screen, Play/Pause, stepping, editing,
time travel, shortcuts, and a clean exit while training."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QSlider, QTextBrowser

from core import Network, Trainer, chapter_dataset, experiment1
from core.chapter.stepthrough import fmt
from gui import MainWindow
from tests.support.window import idle

pytestmark = pytest.mark.timeout(60)
ROOT = Path(__file__).resolve().parents[3]
X1 = [0.1, 0.2, 0.3, 0.4, 0.5]


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, restore=False, load_image=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.frames_drawn > 0, timeout=5000)
    yield w
    w.close()
    assert not w.worker.thread.isRunning()


def label(w: MainWindow, name: str) -> str:
    return w.findChild(QLabel, name).text()


def wait_frame(qtbot, w: MainWindow, after: int | None = None) -> None:
    n = w.frames_drawn if after is None else after
    qtbot.waitUntil(lambda: w.frames_drawn > n, timeout=5000)


def test_opens_on_the_chapters_network_and_initial_values(window):
    assert window.tabs.tabText(0) == "Network" and window.tabs.tabText(1) == "Image lab"
    assert "0.3207" in window.diagram.label_text("K6")
    o12 = Network().forward(X1)["O12"]
    assert fmt(o12, 4) in window.diagram.label_text("O12")
    assert label(window, "epochLabel") == "Epoch 0"
    for obj in ("actionPlay", "actionStepSample", "actionStepEpoch", "actionReset"):
        assert window.findChild(type(window.actions_.play), obj) is not None
    speed = window.findChild(QSlider, "speedControl")
    assert speed.value() < speed.maximum() and speed.accessibleName()  # a pace to watch, not flat out


def test_play_advances_the_epoch_and_pause_stops_it(qtbot, window):
    window.worker.set_epoch_limit(10**7)
    window.actions_.play.trigger()
    assert window.actions_.play.isChecked()
    qtbot.waitUntil(lambda: int(label(window, "epochLabel").split()[1].replace(",", "")) > 100, timeout=10000)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: not window.worker.worker.playing, timeout=5000)
    idle(qtbot, window)  # the final frame of the run arrives after the pause: wait for it, not a while
    shown = label(window, "epochLabel")
    qtbot.wait(300)
    assert label(window, "epochLabel") == shown
    assert shown == f"Epoch {window.worker.worker.trainer.epoch:,}"
    assert label(window, "lossLabel").startswith("Mean loss ")


def test_step_sample_walks_the_substeps_with_the_cores_numbers(qtbot, window):
    fw = Network().forward(X1)
    with qtbot.waitSignal(window.worker.stepped, timeout=5000):
        window.actions_.step_sample.trigger()
    qtbot.waitUntil(lambda: window.stepping, timeout=5000)
    first = window.equations.text()
    assert "C9" in first and fmt(fw["C9"], 4) in first
    assert window.diagram.highlighted_items(), "sub-step 1 highlights part of the diagram"
    window.actions_.step_sample.trigger()  # sub-step 2: the next feature-map node
    second = window.equations.text()
    assert "C10" in second and fmt(fw["C10"], 4) in second
    # Experiment 1 has one sample, so its step completed epoch 1; walking its sub-steps trains no more.
    assert window.worker.worker.trainer.epoch == 1
    for _ in range(len(window._substeps) - 2):  # to the last sub-step (the update)
        window.actions_.step_sample.trigger()
    assert window.moment.moment.substep == len(window._substeps) - 1
    with qtbot.waitSignal(window.worker.stepped, timeout=5000) as blocker:
        window.actions_.step_sample.trigger()  # past the last: the next sample (epoch 2 here)
    assert blocker.args[0].step["epoch"] == 2
    window.actions_.play.trigger()  # Play clears the highlight
    assert not window.diagram.highlighted_items()
    window.actions_.play.trigger()


def test_editing_a_weight_changes_o12_at_once(qtbot, window):
    n = window.frames_drawn
    window.diagram.weightEdited.emit("b12", 1.0)
    wait_frame(qtbot, window, n)
    net = Network()
    net.set_params({"b12": 1.0})
    assert fmt(net.forward(X1)["O12"], 4) in window.diagram.label_text("O12")


def test_scrubbing_shows_an_older_epochs_weights(qtbot, window):
    window.worker.run_epochs_now(100)
    qtbot.waitUntil(lambda: label(window, "epochLabel") == "Epoch 100", timeout=5000)
    ref = Trainer(Network(), *experiment1())
    ref.run(11)  # epoch 11: the network after 11 epochs
    window.plots.epochScrubbed.emit(11)
    qtbot.waitUntil(lambda: "Showing epoch 11" in label(window, "statusMessage"), timeout=5000)
    assert fmt(ref.net.get_params()["K6"], 4) in window.diagram.label_text("K6")
    assert "press Play" in label(window, "statusMessage")


def test_experiment_two_and_divergence_banner_until_reset(qtbot, window):
    window.apply_experiment(2)
    X, _y = chapter_dataset()
    qtbot.waitUntil(lambda: window.worker.worker.trainer.N == 10, timeout=5000)
    cfg = window.experiment_panel.config()
    cfg["lr"] = 1000.0
    window.experiment_panel.applyRequested.emit(cfg)
    qtbot.waitUntil(lambda: window.worker.worker.trainer.lr0 == 1000.0, timeout=5000)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10000)
    assert "learning rate" in window.banner.text()
    assert "learning rate" in label(window, "statusMessage")
    assert not window.actions_.play.isChecked()
    # Where the divergence is caught decides whether the label already reads "Epoch 0" (rolled back
    # to the start) before the reset arrives, so wait for what the reset shows: both at once.
    window.actions_.reset.trigger()
    qtbot.waitUntil(lambda: not window.banner.isVisible() and label(window, "epochLabel") == "Epoch 0",
                    timeout=5000)
    assert "learning rate" not in label(window, "statusMessage")


def test_invalid_settings_show_an_error_without_crashing(qtbot, window):
    cfg = window.experiment_panel.config()
    cfg["batch_size"], cfg["mode"] = 99, "minibatch"
    window.experiment_panel.applyRequested.emit(cfg)
    qtbot.waitUntil(lambda: "batch_size" in label(window, "statusMessage"), timeout=5000)
    assert window._error_box is not None and not window._error_box.isModal()


def test_shortcuts_trigger_their_actions(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    window.worker.set_epoch_limit(10**7)
    window.tabs.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.actions_.play.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not window.actions_.play.isChecked()
    with qtbot.waitSignal(window.worker.stepped, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window._dialogs["help"].isVisible() and not window._dialogs["help"].isModal()
    for a in (window.actions_.play, window.actions_.step_sample, window.actions_.step_epoch,
              window.actions_.reset, window.actions_.help):
        assert not a.shortcut().isEmpty() and a.toolTip().endswith(".")


def test_about_lists_the_image_licences(window):
    window.actions_.about.trigger()
    dialog = window._dialogs["about"]
    assert dialog.isVisible() and not dialog.isModal()
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "brick" in text.lower() and "licen" in text.lower()


def test_geometry_and_splitters_are_saved_and_restored(qtbot, tmp_path):
    path = str(tmp_path / "s.ini")
    w = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat), restore=False, load_image=False)
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    w.main_splitter.setSizes([260, 1100])
    sizes = w.main_splitter.sizes()
    w.close()
    w2 = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat), load_image=False)
    qtbot.addWidget(w2)
    w2.show()
    # The offscreen screen is small, so restoreGeometry clamps the window; the panel keeps its width.
    assert w2.main_splitter.sizes()[0] == sizes[0] == 260
    assert w2.settings.value("window/geometry") is not None
    w2.close()


@pytest.mark.timeout(60)
def test_closing_while_training_exits_cleanly(tmp_path):
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, {str(ROOT)!r})
        from PySide6.QtCore import QSettings, QTimer
        from gui.window.app import application
        app = application()
        from gui import MainWindow
        w = MainWindow(settings=QSettings({str(tmp_path / "c.ini")!r}, QSettings.Format.IniFormat),
                       load_image=False)
        w.show()
        w.apply_experiment(2)
        w.worker.set_epoch_limit(10**9)
        QTimer.singleShot(200, lambda: w.actions_.play.setChecked(True))
        QTimer.singleShot(1200, w.close)
        sys.exit(app.exec())
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=45)
    assert proc.returncode == 0, proc.stderr
    assert "QThread: Destroyed" not in proc.stderr


def test_network_views_wait_while_the_image_lab_is_shown(qtbot, window):
    """Hidden views do no per-frame work; they catch up when the Network tab comes back."""
    window.tabs.setCurrentWidget(window.lab_slot.page)
    before = window.equations.text()
    window.worker.step_epoch()  # (the Network tab's keys rest while another tab is shown)
    qtbot.waitUntil(lambda: label(window, "epochLabel") == "Epoch 1", timeout=5000)  # the status bar follows
    assert window.equations.text() == before
    window.tabs.setCurrentIndex(0)
    assert "epoch 1" in window.equations.text() and window.plots.cursor_epoch() == 1
