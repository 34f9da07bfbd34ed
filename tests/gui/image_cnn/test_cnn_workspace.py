"""The CNN tab in the window's workspace file: saved mid-training and reopened in a fresh window it shows
the same epoch, accuracy, kernels, picked image and drawing, and carries on bit for bit; a file without
its section leaves it alone; a hostile section is refused in one sentence and changes nothing; its
training counts as an unsaved change."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from core import Network, Trainer, chapter_dataset
from core.workspace import save_workspace
from core.workspace.image_cnn import load_image_cnn_workspace
from gui import MainWindow
from tests.gui.image_cnn.cnn_support import idle

pytestmark = pytest.mark.timeout(120)


def make_window(qtbot, tmp_path, name="settings.ini") -> MainWindow:
    settings = QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, restore=False, load_image=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.frames_drawn > 0 and w.worker.worker.trainer is not None, timeout=5000)
    return w


def open_cnn(qtbot, w: MainWindow):
    w.tabs.setCurrentWidget(w.image_cnn_page)
    tab = w.image_cnn
    qtbot.waitUntil(lambda: tab.moment.moment.snapshot is not None, timeout=10000)
    return tab


def file_reply(qtbot, w: MainWindow, action) -> tuple:
    """Run ``action`` and wait for the Network worker's fileDone / fileFailed (connected first)."""
    got = []
    w.worker.fileDone.connect(lambda *a: got.append(("done",) + a))
    w.worker.fileFailed.connect(lambda *a: got.append(("failed",) + a))
    action()
    qtbot.waitUntil(lambda: bool(got), timeout=20000)
    return got[0]


def cnn_trainer(tab):
    return tab.handle.worker.trainer


def draw_stroke(tab) -> None:
    canvas = tab.canvas
    canvas.grid[4:28, 14:18] = True  # a vertical stroke, a "1"
    canvas.update()
    canvas.drawn.emit(canvas.to_input())


def trained_window(qtbot, tmp_path, name="a.ini"):
    """A window whose CNN tab is 3 epochs and 2 batches in, with validation image 5 and a stroke."""
    w = make_window(qtbot, tmp_path, name)
    tab = open_cnn(qtbot, w)
    tab.handle.run_epochs_now(3)
    tab.step_batch()
    tab.step_batch()
    idle(qtbot, tab)
    draw_stroke(tab)  # drawing shows the drawn image in Feature maps …
    tab.feature_maps.pick("validation", 5)  # … then a validation image is picked
    return w, tab


def test_saved_mid_training_reopens_exactly_and_carries_on_bit_for_bit(qtbot, tmp_path):
    a, tab_a = trained_window(qtbot, tmp_path)
    assert "•" in a.windowTitle()
    path = tmp_path / "both.cnnviz"
    reply = file_reply(qtbot, a, lambda: a.files.save_to(path))
    assert reply[:3] == ("done", "save", str(path))
    idle(qtbot, tab_a)
    assert "•" not in a.windowTitle()
    t_a = cnn_trainer(tab_a)
    shown = {"accuracy": tab_a.curves.accuracy_label.text(), "status": tab_a.status.text(),
             "kernels": {k: v.copy() for k, v in tab_a.filters.kernels.items()},
             "epochs": tab_a.curves.series.epochs.copy(), "val_acc": tab_a.curves.series.val_acc.copy()}
    assert (t_a.epoch, t_a.batch) == (3, 2) and "Epoch 3 + 2 batches" in shown["status"]
    assert tab_a.feature_maps.current() == ("validation", 5)

    b = make_window(qtbot, tmp_path, "b.ini")
    assert not b.image_cnn_page.built  # opening the file builds it
    reply = file_reply(qtbot, b, lambda: b.files.open_file(path))
    assert reply[:3] == ("done", "open", str(path))
    qtbot.waitUntil(lambda: b.image_cnn_page.built, timeout=5000)
    tab_b = b.image_cnn
    b.tabs.setCurrentWidget(b.image_cnn_page)
    qtbot.waitUntil(lambda: b.files.cnn.clean_key not in (None, "restoring"), timeout=10000)
    idle(qtbot, tab_b)
    t_b = cnn_trainer(tab_b)
    assert (t_b.epoch, t_b.batch) == (3, 2) and np.array_equal(t_b.model.theta, t_a.model.theta)
    assert tab_b.curves.accuracy_label.text() == shown["accuracy"]
    assert tab_b.status.text() == shown["status"]
    assert tab_b.filters.kernels.keys() == shown["kernels"].keys()
    for k, v in shown["kernels"].items():
        assert np.array_equal(tab_b.filters.kernels[k], v), k
    assert np.array_equal(tab_b.curves.series.epochs, shown["epochs"])
    assert np.array_equal(tab_b.curves.series.val_acc, shown["val_acc"], equal_nan=True)
    assert tab_b.feature_maps.current() == ("validation", 5)
    assert np.array_equal(tab_b.canvas.grid, tab_a.canvas.grid) and tab_b.canvas.grid.sum() == 24 * 4
    assert len(tab_b.probabilities.probabilities) == 10  # the drawing is classified again
    assert b.windowTitle().startswith("both.cnnviz") and "•" not in b.windowTitle()

    # 2 more epochs after reopening = 2 more without the round trip = the core from the file
    ref = load_image_cnn_workspace(path).trainer
    ref.run(2)
    for tab in (tab_a, tab_b):
        tab.handle.run_epochs_now(2)
        idle(qtbot, tab)
    assert np.array_equal(cnn_trainer(tab_b).model.theta, cnn_trainer(tab_a).model.theta)
    assert np.array_equal(cnn_trainer(tab_b).model.theta, ref.model.theta)
    assert np.array_equal(cnn_trainer(tab_b).history["val_acc"], cnn_trainer(tab_a).history["val_acc"])
    assert tab_b.curves.accuracy_label.text() == tab_a.curves.accuracy_label.text()
    assert "•" in b.windowTitle()
    a.close()
    b.close()


def test_a_file_without_a_cnn_section_leaves_the_tab_as_it_is(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    old = tmp_path / "old.cnnviz"
    t = Trainer(Network(), *chapter_dataset())
    t.run(4)
    save_workspace(old, t)
    assert file_reply(qtbot, w, lambda: w.files.open_file(old))[:2] == ("done", "open")
    assert not w.image_cnn_page.built  # not built for nothing
    tab = open_cnn(qtbot, w)
    tab.handle.run_epochs_now(1)
    idle(qtbot, tab)
    theta = cnn_trainer(tab).model.theta.copy()
    assert file_reply(qtbot, w, lambda: w.files.open_file(old))[:2] == ("done", "open")
    idle(qtbot, tab)
    assert cnn_trainer(tab).epoch == 1 and np.array_equal(cnn_trainer(tab).model.theta, theta)
    assert w.worker.worker.trainer.epoch == 4
    w.close()


def _forge(src, dst, change) -> None:
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["workspace.json"])
    change(manifest)
    members["workspace.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(dst, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)


def _set(*keys, value):
    def change(m):
        d = m
        for k in keys[:-1]:
            d = d[k]
        d[keys[-1]] = value
    return change


HOSTILE = {
    "lying shape": _set("arrays", "cnn_theta", "shape", value=[3]),
    "huge size": _set("arrays", "cnn_X", "shape", value=[10**7, 8, 8, 1]),
    "NaN": _set("image_cnn", "state", "loss_sum", value="NaN"),
    "wrong type": _set("image_cnn", "settings", "lr", value=[0.01]),
    "huge network": _set("image_cnn", "architecture", "layers", value=["conv:64:3:1:1", "dense:10"] * 3),
}


def test_a_hostile_cnn_section_is_refused_and_the_window_keeps_its_state(qtbot, tmp_path):
    w, tab = trained_window(qtbot, tmp_path)
    good = tmp_path / "good.cnnviz"
    assert file_reply(qtbot, w, lambda: w.files.save_to(good))[0] == "done"
    tab.handle.run_epochs_now(1)
    idle(qtbot, tab)
    title, theta, epoch = w.windowTitle(), cnn_trainer(tab).model.theta.copy(), cnn_trainer(tab).epoch
    net_theta = w.worker.worker.trainer.net.theta.copy()
    accuracy = tab.curves.accuracy_label.text()
    for case, change in HOSTILE.items():
        bad = tmp_path / f"{case.replace(' ', '_')}.cnnviz"
        _forge(good, bad, change)
        reply = file_reply(qtbot, w, lambda bad=bad: w.files.open_file(bad))
        assert reply[:2] == ("failed", "open"), case
        assert str(bad) in reply[2] and "\n" not in reply[2] and reply[2].startswith("Could not open"), case
        idle(qtbot, tab)
        assert cnn_trainer(tab).epoch == epoch and np.array_equal(cnn_trainer(tab).model.theta, theta), case
        assert np.array_equal(w.worker.worker.trainer.net.theta, net_theta), case
        assert w.windowTitle() == title and w.files.path == str(good), case
        assert tab.curves.accuracy_label.text() == accuracy, case
    w.close()


def test_cnn_training_is_an_unsaved_change_and_closing_asks(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    tab = open_cnn(qtbot, w)
    idle(qtbot, tab)
    assert "•" not in w.windowTitle()  # building the tab is no change
    tab.handle.run_epochs_now(1)
    idle(qtbot, tab)
    assert "•" in w.windowTitle()
    asked = []
    w.files.confirm_close = True
    w.files.ask_unsaved = lambda: asked.append(1) or "cancel"
    w.close()
    assert asked and w.isVisible()
    path = tmp_path / "saved.cnnviz"
    assert file_reply(qtbot, w, lambda: w.files.save_to(path))[0] == "done"
    assert "•" not in w.windowTitle()
    w.files.confirm_close = False
    w.close()
