"""File menu: workspaces saved and opened through the worker, bad files refused with the window unchanged,
recent files, exports, shortcuts, the title's unsaved-changes mark, Run N epochs progress and cancel,
and ``main.py --workspace``."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMenu

from core.workspace import load_workspace
from gui import MainWindow
from gui.image_lab.lab import sample_path
from tests.support.window import idle
from tests.support.workspace_corpus import BAD, _good_bytes  # the core's corpus of bad files

pytestmark = pytest.mark.timeout(90)
ROOT = Path(__file__).resolve().parents[3]


def make_window(qtbot, tmp_path, name="settings.ini", restore=False) -> MainWindow:
    settings = QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, restore=restore, load_image=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.frames_drawn > 0 and w.worker.worker.trainer is not None, timeout=5000)
    return w


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    yield w
    w.close()


def file_reply(qtbot, w: MainWindow, action) -> tuple:
    """Run ``action`` and wait for the worker's fileDone / fileFailed reply."""
    got = []
    w.worker.fileDone.connect(lambda *a: got.append(("done",) + a))
    w.worker.fileFailed.connect(lambda *a: got.append(("failed",) + a))
    action()
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    qtbot.wait(50)  # let the window's own slots for the same reply run
    return got[0]


def trainer(w: MainWindow):
    return w.worker.worker.trainer


def train(qtbot, w: MainWindow, n: int) -> None:
    before = w.frames_drawn
    w.worker.run_epochs_now(n)
    qtbot.waitUntil(lambda: w.frames_drawn > before, timeout=5000)


def test_save_then_open_round_trips_exactly_and_resumes(qtbot, tmp_path):
    a = make_window(qtbot, tmp_path, "a.ini")
    a.experiment_panel.set_config({"experiment": "2", "lr": 0.1, "seed": 7, "epoch_limit": 5000})
    a.experiment_panel.apply()
    qtbot.waitUntil(lambda: a.worker.worker.config.get("seed") == 7, timeout=5000)
    train(qtbot, a, 37)
    with qtbot.waitSignal(a.worker.stepped, timeout=5000):
        a.actions_.step_sample.trigger()  # mid-epoch
    lab = a.image_lab
    lab.load_file(sample_path("camera.png"))
    lab.set_settings(lab.settings().with_(kernels=("box",), kernel_size=5, padding=2, pool_op="max"))
    assert "•" in a.windowTitle()
    path = tmp_path / "run.cnnviz"
    reply = file_reply(qtbot, a, lambda: a.files.save_to(path))
    assert reply[:3] == ("done", "save", str(path))
    assert a.windowTitle().startswith("run.cnnviz") and "•" not in a.windowTitle()
    theta, epoch, rows = trainer(a).net.theta.copy(), trainer(a).epoch, trainer(a).history.n
    cfg = a.experiment_panel.config()

    b = make_window(qtbot, tmp_path, "b.ini")
    assert trainer(b).epoch == 0
    reply = file_reply(qtbot, b, lambda: b.files.open_file(path))
    assert reply[:3] == ("done", "open", str(path))
    t = trainer(b)
    assert np.array_equal(t.net.theta, theta) and t.epoch == epoch and t.history.n == rows
    got = b.experiment_panel.config()
    for key in ("experiment", "lr", "seed", "epoch_limit", "mode", "optimizer", "activation"):
        assert got[key] == cfg[key], key
    assert np.array_equal(got["X"], cfg["X"]) and np.array_equal(got["y"], cfg["y"])
    assert b.image_lab.loaded is not None and b.image_lab.loaded.path.name == "camera.png"
    assert asdict(b.image_lab.settings()) == asdict(lab.settings())
    assert b.windowTitle().startswith("run.cnnviz") and "•" not in b.windowTitle()
    qtbot.waitUntil(lambda: b.epoch_label.text() == f"Epoch {epoch}", timeout=5000)
    # Play resumes exactly: the same as the core carrying on from the file
    ref = load_workspace(path).trainer
    ref.run(25)
    train(qtbot, b, 25)
    assert np.array_equal(trainer(b).net.theta, ref.net.theta)
    assert "•" in b.windowTitle()
    a.close()
    b.close()


def test_every_bad_file_is_refused_and_the_window_is_unchanged(qtbot, window, tmp_path):
    train(qtbot, window, 12)
    good = tmp_path / "good.cnnviz"
    assert file_reply(qtbot, window, lambda: window.files.save_to(good))[0] == "done"
    train(qtbot, window, 3)
    title, theta, epoch = window.windowTitle(), trainer(window).net.theta.copy(), trainer(window).epoch
    cfg = window.experiment_panel.config()
    raw = _good_bytes(tmp_path)
    for case, spoil in BAD.items():
        p = tmp_path / f"{case.replace(' ', '_')}.cnnviz"
        p.write_bytes(spoil(raw))
        reply = file_reply(qtbot, window, lambda p=p: window.files.open_file(p))
        assert reply[:2] == ("failed", "open"), case
        assert str(p) in reply[2] and "\n" not in reply[2], case
        assert window.files.last_message == reply[2]
        assert trainer(window).epoch == epoch and np.array_equal(trainer(window).net.theta, theta), case
        assert window.windowTitle() == title, case
        assert window.files.path == str(good)
        assert window.experiment_panel.config()["experiment"] == cfg["experiment"]
    assert window.message_label.text().startswith("Could not open")


def test_missing_file_and_recent_list(qtbot, window, tmp_path):
    paths = []
    for i in range(10):
        p = tmp_path / f"w{i}.cnnviz"
        file_reply(qtbot, window, lambda p=p: window.files.save_to(p))
        paths.append(str(p.resolve()))
    recent = window.files.recent_files()
    assert recent == list(reversed(paths))[:8]
    menu = window.findChild(QMenu, "menuRecent")
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()][:2] == ["&1 w9.cnnviz", "&2 w8.cnnviz"]
    Path(paths[9]).unlink()
    Path(paths[7]).unlink()
    assert window.files.prune_recent() == [paths[9], paths[7]]
    assert "w9.cnnviz" in window.files.last_message
    assert window.files.recent_files() == [paths[8]] + list(reversed(paths))[3:8]
    # opening a recent file that has gone says so and drops it
    Path(paths[8]).unlink()
    window.files.open_file(paths[8])
    assert "no such file" in window.files.last_message
    assert paths[8] not in window.files.recent_files()


def test_title_marks_unsaved_changes(qtbot, window, tmp_path):
    assert window.windowTitle() == "CNN Visualiser — experiment 1 (the chapter's sample)"
    window.actions_.step_epoch.trigger()
    qtbot.waitUntil(lambda: window.windowTitle().startswith("• Untitled"), timeout=5000)
    file_reply(qtbot, window, lambda: window.files.save_to(tmp_path / "t.cnnviz"))
    saved = "t.cnnviz — CNN Visualiser — experiment 1 (the chapter's sample)"
    assert window.windowTitle() == saved
    window.worker.set_sample(0)  # only looking: not a change
    qtbot.wait(200)
    assert window.windowTitle() == saved
    window.actions_.step_epoch.trigger()
    qtbot.waitUntil(lambda: window.windowTitle() == f"• {saved}", timeout=5000)


def test_save_without_a_name_asks_and_ctrl_s_saves(qtbot, window, tmp_path):
    asked = []
    window.files.ask_save_path = lambda: asked.append(1) or str(tmp_path / "named")
    window.activateWindow()
    reply = file_reply(qtbot, window, lambda: QTest.keyClick(window, Qt.Key.Key_S,
                                                             Qt.KeyboardModifier.ControlModifier))
    assert asked == [1] and reply[:3] == ("done", "save", str(tmp_path / "named.cnnviz"))
    file_reply(qtbot, window, lambda: window.files.save_action.trigger())
    assert asked == [1]  # the second save reuses the name


def test_shortcuts_and_menus(qtbot, window, tmp_path):
    a, f = window.actions_, window.files
    expected = {f.open_action: "Ctrl+O", f.save_action: "Ctrl+S", f.save_as_action: "Ctrl+Shift+S",
                a.help: "F1", a.play: "Space", a.reset: "R", a.step_sample: "Right",
                a.step_epoch: "Shift+Right", f.cancel_action: "Esc"}
    for action, keys in expected.items():
        assert QKeySequence(keys) in action.shortcuts(), action.objectName()
    in_menus = set()
    for menu in window.menuBar().findChildren(QMenu):
        in_menus.update(menu.actions())
    for action in [*expected, a.run_epochs, a.show_labels, a.more_digits, a.fewer_digits, a.about,
                   a.quit, f.export_csv_action, f.export_plots_action, f.export_diagram_action]:
        assert action in in_menus, action.objectName()
        tip = action.toolTip()
        assert tip.endswith(".") and tip.count(". ") == 0 and len(tip) > 15, action.objectName()
    opened = []
    f.ask_open_path = lambda: opened.append(1) or None
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert opened == [1]
    QTest.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(d.objectName() == "helpDialog" and d.isVisible()
                                for d in window.findChildren(QDialog)), timeout=3000)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_Space)
    assert a.play.isChecked()
    QTest.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.worker.worker.playing, timeout=5000)
    with qtbot.waitSignal(window.worker.frameReady, timeout=5000):
        QTest.keyClick(window, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: trainer(window).epoch == 0, timeout=5000)


def test_exports(qtbot, window, tmp_path):
    train(qtbot, window, 20)
    f = window.files
    file_reply(qtbot, window, lambda: (setattr(f, "ask_export_path", lambda *a: str(tmp_path / "h")),
                                       f.export_history()))
    lines = (tmp_path / "h.csv").read_text().splitlines()
    assert lines[0].startswith("epoch,K6") and len(lines) > 5
    for which in ("plots", "diagram"):
        f.export_picture(which, str(tmp_path / f"{which}.png"))
        assert not QImage(str(tmp_path / f"{which}.png")).isNull(), f.last_message
        f.export_picture(which, str(tmp_path / f"{which}.svg"))
        assert "<svg" in (tmp_path / f"{which}.svg").read_text()
    f.export_picture("plots", str(tmp_path / "no" / "dir.png"))
    assert f.last_message.startswith("Could not export")
    lab_menu = window.findChild(QMenu, "menuExportLab")
    lab_menu.aboutToShow.emit()
    assert lab_menu.actions()  # filled from the lab (disabled "Nothing to export yet" here)


def test_run_n_epochs_shows_progress_and_cancels(qtbot, window):
    f = window.files
    assert not f.progress_bar.isVisible() and not f.cancel_action.isEnabled()
    window.experiment_panel.epoch_limit.setValue(0)  # no limit: Run N stops at the limit otherwise
    window.actions_.run_spin.setValue(1_000_000)
    window.actions_.run_epochs.trigger()
    qtbot.waitUntil(lambda: f.progress_bar.isVisible() and f.progress_bar.value() > 0, timeout=5000)
    assert f.progress_bar.maximum() == 1_000_000 and f.cancel_action.isEnabled()
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not f.progress_bar.isVisible() and f.last_message.startswith("Cancelled")
    idle(qtbot, window)  # the chunk running when Esc came has ended and been drawn
    e = trainer(window).epoch
    qtbot.wait(300)
    assert trainer(window).epoch == e < 1_000_000 and not f.progress_bar.isVisible()


def test_main_workspace_option(tmp_path):
    bad = tmp_path / "bad.cnnviz"
    bad.write_bytes(b"not a workspace")
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--workspace", str(bad)],
                       capture_output=True, text=True, timeout=60, cwd=ROOT,
                       env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(bad) in lines[0]


def test_run_gui_opens_the_workspace(qtbot, tmp_path, monkeypatch):
    from core import Network, Trainer, chapter_dataset
    from core.workspace import save_workspace
    from gui.window import app as app_module

    t = Trainer(Network(), *chapter_dataset())
    t.run(9)
    p = tmp_path / "nine.cnnviz"
    save_workspace(p, t, experiment={"experiment": "2"})
    seen = {}

    def fake_exec():
        from PySide6.QtWidgets import QApplication

        w = next(x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow) and x.isVisible())
        def opened() -> bool:  # the worker builds its trainer when the file arrives: None until then
            t = trainer(w)
            return t is not None and t.epoch == 9 and w.files.path is not None

        qtbot.waitUntil(opened, timeout=10000)
        seen.update(title=w.windowTitle(), confirm=w.files.confirm_close)
        w.files.confirm_close = False
        w.close()
        return 0

    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(QApplication, "exec", lambda self: fake_exec())
    monkeypatch.setattr(app_module.signal, "signal", lambda *a: None)
    # the window's default QSettings go to a private file, not the user's
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    try:
        assert app_module.run_gui(["x"], workspace=str(p)) == 0
    finally:
        QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
    title = "nine.cnnviz — CNN Visualiser — experiment 2 (the chapter's 10 images)"
    assert seen == {"title": title, "confirm": True}


def test_close_asks_to_save_only_when_enabled(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    w.actions_.step_epoch.trigger()
    qtbot.waitUntil(lambda: w.files.dirty, timeout=5000)
    asked = []
    w.files.ask_unsaved = lambda: asked.append(1) or "cancel"
    w.close()
    assert asked == [] and not w.isVisible()  # off by default (tests, screenshots)
    w2 = make_window(qtbot, tmp_path, "w2.ini")
    w2.files.confirm_close = True
    w2.actions_.step_epoch.trigger()
    qtbot.waitUntil(lambda: w2.files.dirty, timeout=5000)
    w2.files.ask_unsaved = lambda: asked.append(1) or "cancel"
    w2.close()
    assert asked == [1] and w2.isVisible() and w2.worker.running
    w2.files.ask_unsaved = lambda: "save"
    w2.files.ask_save_path = lambda: str(tmp_path / "closing.cnnviz")
    w2.close()
    qtbot.waitUntil(lambda: not w2.isVisible(), timeout=10000)
    assert (tmp_path / "closing.cnnviz").is_file()
    assert load_workspace(tmp_path / "closing.cnnviz").trainer.epoch == 1


def test_a_workspace_saved_by_the_cli_shows_its_settings(qtbot, window, tmp_path):
    from core import Network, Trainer, chapter_dataset
    from core.workspace import save_workspace

    t = Trainer(Network(seed=5, activation="tanh"), *chapter_dataset(), lr=0.05, optimizer="adam")
    t.run(4)
    p = tmp_path / "cli.cnnviz"
    save_workspace(p, t, experiment={"source": "main.py train"})
    assert file_reply(qtbot, window, lambda: window.files.open_file(p))[0] == "done"
    cfg = window.experiment_panel.config()
    assert (cfg["experiment"], cfg["lr"], cfg["optimizer"], cfg["seed"], cfg["activation"]) == (
        "csv", 0.05, "adam", 5, "tanh")
    assert cfg["X"].shape == t.X.shape and (cfg["X"] == t.X).all()


def test_a_slow_image_lab_job_can_be_cancelled(qtbot, window):
    lab, f = window.image_lab, window.files
    lab.load_file(sample_path("brick.png"))
    assert lab.wait_idle()
    before = lab.result
    lab.set_settings(lab.settings().with_(kernels=("gaussian",), kernel_size=9, padding=4))
    lab._worker.busyChanged.emit(True)  # what the lab's worker says once a job runs long
    assert f.progress_bar.isVisible() and f.progress_bar.maximum() == 0 and f.cancel_action.isEnabled()
    f.cancel_action.trigger()
    assert not f.progress_bar.isVisible() and "Cancelled" in lab.status_label.text()
    qtbot.waitUntil(lab.is_idle, timeout=10000)
    qtbot.wait(100)
    assert lab.result is before  # the cancelled job's result was dropped


def test_a_non_chapter_shape_round_trips(qtbot, tmp_path):
    a = make_window(qtbot, tmp_path, "a.ini")
    shape = {"n_inputs": 6, "kernel_size": 2, "n_kernels": 2, "stride": 2, "padding": 1, "output": "linear",
             "dropout": 0.25}
    a.experiment_panel.set_shape(shape)
    assert a.experiment_panel.apply()
    qtbot.waitUntil(lambda: a.worker.worker.config.get("n_kernels") == 2, timeout=5000)
    train(qtbot, a, 6)
    path = tmp_path / "shape.cnnviz"
    assert file_reply(qtbot, a, lambda: a.files.save_to(path))[0] == "done"
    b = make_window(qtbot, tmp_path, "b.ini")
    assert file_reply(qtbot, b, lambda: b.files.open_file(path))[0] == "done"
    assert np.array_equal(trainer(b).net.theta, trainer(a).net.theta)
    got = b.experiment_panel.shape()
    for key, value in shape.items():
        if key != "output":
            assert got[key] == value, key
    cfg = b.experiment_panel.config()
    assert cfg["n_kernels"] == 2 and cfg["dropout"] == 0.25 and cfg["X"].shape[1] == 6
    a.close()
    b.close()


def test_a_long_history_export_shows_its_rows_and_cancel_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    import gui.exporting.csv_file as csv_file

    monkeypatch.setattr(csv_file, "rows_per_report", lambda history: 100)  # 300 blocks
    gate, real_lines, blocks = threading.Event(), csv_file._lines, []

    def held_lines(history, start, stop):  # the export waits at its third block until Cancel is pressed
        blocks.append(start)
        if len(blocks) == 3:
            gate.wait(10)
        return real_lines(history, start, stop)

    monkeypatch.setattr(csv_file, "_lines", held_lines)
    w = window
    w.experiment_panel.epoch_limit.setValue(0)
    w.worker.run_epochs_now(30_000)
    f = w.files
    seen = []
    w.worker.fileProgress.connect(lambda kind, done, total: seen.append((done, total)))
    out = tmp_path / "h.csv"
    w.worker.export_history(str(out))
    qtbot.waitUntil(lambda: len(seen) >= 2 and seen[-1][0] > 0, timeout=10000)
    assert f.progress_bar.format() == "%v / %m rows" and f.cancel_action.isEnabled()
    with qtbot.waitSignal(w.worker.fileFailed, timeout=10000) as blocker:
        f.cancel_action.trigger()
        gate.set()  # it can never have finished before Cancel, however slow the machine
    assert "Cancelled" in blocker.args[1] and not out.exists()
    qtbot.waitUntil(lambda: not f.progress_bar.isVisible(), timeout=3000)
    with qtbot.waitSignal(w.worker.fileDone, timeout=30000):
        w.worker.export_history(str(out))
    assert out.read_text().count("\n") == w.worker.worker.trainer.history.n + 1
