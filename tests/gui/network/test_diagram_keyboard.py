"""The diagram behaves like a desktop app: tooltips stay while the pointer rests, a click takes
the keyboard from a field, the weight editor shows the whole value and hands the keyboard back.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from core import Network, Trainer, experiment1, make_snapshot
from gui.network.diagram.network_diagram import NetworkDiagram
from tests.support.window import idle, make_window

LONG_NEGATIVE = -0.19710239472264546  # the value: its sign and first digit were scrolled away


@pytest.fixture
def diagram(qtbot):
    net = Network()
    X, y = experiment1()
    trainer = Trainer(net, X, y, lr=0.2)
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(900, 520)
    d.show()
    qtbot.waitExposed(d)
    d.set_network(net)
    d.show_snapshot(make_snapshot(trainer))
    return d, trainer


def _pointer_on(qtbot, d, name: str) -> QPoint:
    p = d.canvas.mapFromScene(d.nodes[name].scenePos())
    at = QPoint(p.x() + 2, p.y() + 2)
    qtbot.mouseMove(d.canvas.viewport(), QPoint(1, 1))  # Qt sends no move to where the pointer already is
    qtbot.mouseMove(d.canvas.viewport(), at)
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text() == d.node_tooltip(name), timeout=2000)
    return at


def test_a_tooltip_stays_while_the_pointer_rests_on_its_node(diagram, qtbot):
    d, _ = diagram
    at = _pointer_on(qtbot, d, "C9")
    # Qt's own "the pointer rested" event made the scene hide the tooltip ~0.9 s after it appeared
    viewport = d.canvas.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at)))
    qtbot.wait(1200)  # longer than Qt's tooltip wake-up (0.7 s) and fade-out (0.3 s): nothing may hide it
    assert QToolTip.isVisible() and QToolTip.text() == d.node_tooltip("C9")
    qtbot.mouseMove(viewport, QPoint(at.x() + 1, at.y()))  # a tremor on the same node
    qtbot.wait(50)
    assert QToolTip.isVisible() and QToolTip.text() == d.node_tooltip("C9")


def test_a_tooltip_follows_the_pointer_to_another_item_and_the_displayed_moment(diagram, qtbot):
    d, trainer = diagram
    _pointer_on(qtbot, d, "C9")
    _pointer_on(qtbot, d, "O12")
    before = QToolTip.text()
    trainer.run(3)
    d.show_snapshot(make_snapshot(trainer))  # training goes on under a resting pointer
    assert QToolTip.text() == d.node_tooltip("O12") != before
    value = d.nodes["C10"].value_label  # a node's printed value stands for the node
    centre = d.canvas.mapFromScene(d.hit.label_rect(value).center())
    qtbot.mouseMove(d.canvas.viewport(), centre)
    qtbot.waitUntil(lambda: QToolTip.text() == d.node_tooltip("C10"), timeout=2000)


def test_the_weight_editor_shows_the_whole_value_from_its_sign(diagram, qtbot):
    d, _ = diagram
    snap = d.snap
    d.show_snapshot(dataclasses.replace(snap, params={**snap.params, "K7": LONG_NEGATIVE}))
    d.edit_weight("K7")
    e = d.editor
    assert e.isVisible() and e.text() == repr(LONG_NEGATIVE)
    assert e.cursorPosition() == 0 and e.selectedText() == e.text()  # read from "-", typing replaces it
    margins = e.textMargins()
    room = e.contentsRect().width() - margins.left() - margins.right() - 4  # 2 px of QLineEdit padding a side
    assert e.fontMetrics().horizontalAdvance(e.text()) <= room
    assert e.geometry().right() < d.canvas.width() and e.x() >= 0


def test_enter_commits_and_gives_the_keyboard_back_to_the_diagram(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    d = w.diagram
    w.activateWindow()
    d.edit_weight("K6")
    assert QApplication.focusWidget() is d.editor
    d.editor.setText("0.5")
    with qtbot.waitSignal(d.weightEdited, timeout=2000) as blocker:
        qtbot.keyClick(d.editor, Qt.Key.Key_Return)
    assert blocker.args == ["K6", 0.5]
    assert QApplication.focusWidget() is d.canvas  # not the toolbar's "epochs to run" box
    idle(qtbot, w)
    assert d.label_text("K6") == "K6 0.5"
    run_box = w.actions_.run_spin
    text_before = run_box.text()
    qtbot.keyClick(d.canvas, Qt.Key.Key_Space)  # Space plays again at once…
    qtbot.waitUntil(w.actions_.play.isChecked, timeout=2000)
    assert run_box.text() == text_before  # …and blanks no field
    w.actions_.play.setChecked(False)
    idle(qtbot, w)


def test_escape_cancels_the_edit_and_gives_the_keyboard_back(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    d = w.diagram
    w.activateWindow()
    edited = []
    d.weightEdited.connect(lambda *a: edited.append(a))
    d.edit_weight("w9_12")
    d.editor.setText("3")
    qtbot.keyClick(d.editor, Qt.Key.Key_Escape)
    assert not d.editor.isVisible() and edited == []
    assert QApplication.focusWidget() is d.canvas


@pytest.mark.parametrize("where", ["canvas", "legend"])
def test_clicking_the_diagram_takes_the_keyboard_from_a_field(qtbot, tmp_path, where):
    w = make_window(qtbot, tmp_path)
    d = w.diagram
    w.activateWindow()
    field = w.network.experiment_panel.epoch_limit
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=2000)
    target = d.canvas.viewport() if where == "canvas" else d.legend
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))  # empty space, not a weight
    assert QApplication.focusWidget() is d.canvas
    assert not d.editor.isVisible()
