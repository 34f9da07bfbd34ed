"""Start-up builds only what the window shows: the Image lab and the hidden Network panels wait.

What a learner must never notice: the lab's menus work before it exists, a remembered image and
settings appear in it when it is first opened, closing without opening it keeps what was stored,
and each hidden panel, once opened, shows the moment on screen (not a blank).
"""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction

from gui import MainWindow
from gui.image_lab.pipeline import PipelineSettings
from gui.image_lab.samples import sample_path
from tests.support.window import open_with_settings, run_now

pytestmark = pytest.mark.timeout(90)


def open_window(qtbot, settings: QSettings, load_image: bool = True) -> MainWindow:
    return open_with_settings(qtbot, settings, load_image=load_image)


def stored(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


def test_a_new_window_builds_neither_the_lab_nor_the_hidden_panels(qtbot, tmp_path):
    w = open_window(qtbot, stored(tmp_path))
    t = w.network
    assert not w.lab_slot.built
    assert not (t.gradcheck_page.built or t.activations_page.built or t.class_box.built)
    w.tabs.setCurrentWidget(w.lab_slot.page)  # the learner opens the lab: the chapter's brick wall
    assert w.lab_slot.built and w.image_lab.isVisible()
    qtbot.waitUntil(lambda: w.image_lab.result is not None, timeout=10000)
    assert w.image_lab.loaded.path.name == "brick.png"
    w.close()


def test_a_sample_from_the_file_menu_opens_the_lab_with_it(qtbot, tmp_path):
    w = open_window(qtbot, stored(tmp_path), load_image=False)
    w.findChild(QAction, "actionSampleChelsea").trigger()
    assert w.tabs.currentWidget() is w.lab_slot.page
    assert w.image_lab.loaded is not None and w.image_lab.loaded.path.name == "chelsea.png"
    w.close()


def test_remembered_lab_state_waits_for_the_lab_and_survives_a_close(qtbot, tmp_path):
    s = stored(tmp_path)
    wanted = PipelineSettings().with_(kernels=("box", "gaussian"), kernel_size=5, padding=2)
    state = {"image": str(sample_path("camera.png")), "settings": asdict(wanted)}
    s.setValue("imageLab/state", json.dumps(state))
    s.sync()
    w = open_window(qtbot, s)
    assert not w.lab_slot.built
    assert w.lab_slot.state(build=False)["image"] == state["image"]
    w.close()  # never opened: the stored state stays as it was, the lab is not built to read it
    assert not w.lab_slot.built
    again = stored(tmp_path)
    assert json.loads(again.value("imageLab/state"))["image"] == state["image"]

    w2 = open_window(qtbot, again)
    lab = w2.image_lab  # asked for (as opening the tab does): built with the remembered state
    assert lab.loaded.path.name == "camera.png"
    assert asdict(lab.settings()) == asdict(wanted)
    w2.close()


def test_each_hidden_panel_shows_the_moment_when_first_opened(qtbot, tmp_path):
    w = open_window(qtbot, stored(tmp_path))
    run_now(qtbot, w, 3)  # paused at epoch 3: nothing new will be drawn after the panel opens
    w.findChild(QAction, "actionShowGradCheck").trigger()
    qtbot.waitUntil(lambda: bool(w.network.gradcheck.rows()), timeout=5000)
    w.findChild(QAction, "actionShowActivations").trigger()
    explorer = w.network.activations
    assert explorer.isVisible()
    snap = w.moment.moment.snapshot
    assert snap.epoch == 3 and explorer.points()  # drawn at once, though nothing moved since
    for node, (z, c, _slope) in explorer.points().items():
        assert z == pytest.approx(snap.forward[f"{node}_in"]) and c == pytest.approx(snap.forward[node])
    w.close()
