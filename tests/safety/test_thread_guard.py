"""The GUI-thread guard (tests/support/qt_guard.py) sees a widget touched from a worker thread.

The pattern the issue found in the window: a lambda connected to a worker's signal runs in the
worker's thread; a slot of a QObject living on the GUI thread runs on the GUI thread (queued).
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QWidget

from tests.support.qt_guard import GUARD, describe

pytestmark = pytest.mark.timeout(60)


def _in_a_thread(fn) -> None:
    t = threading.Thread(target=fn, name="not-the-gui")
    t.start()
    t.join()


@pytest.fixture
def guard():
    assert GUARD.installed
    GUARD.take()
    yield GUARD
    GUARD.take()  # this file's deliberate violations are not the autouse check's business


def test_a_widget_touched_from_another_thread_is_recorded_with_its_caller(qtbot, guard):
    label = QLabel()
    qtbot.addWidget(label)
    _in_a_thread(lambda: label.setText("from a worker"))  # the line reported below
    line = test_a_widget_touched_from_another_thread_is_recorded_with_its_caller.__code__.co_firstlineno + 3
    seen = guard.take()
    assert [(v.method, v.thread) for v in seen] == [("QLabel.setText", "not-the-gui")]
    assert seen[0].caller.endswith(f"test_thread_guard.py:{line}")
    assert "off the GUI thread" in describe(seen) and "QLabel.setText" in describe(seen)
    assert label.text() == "from a worker"  # the guard observes; the call still happens


@pytest.mark.parametrize("call", [
    lambda w, a, b, d: w.setWindowTitle("t"), lambda w, a, b, d: w.hide(),
    lambda w, a, b, d: a.setEnabled(False), lambda w, a, b, d: b.setValue(3),
    lambda w, a, b, d: d.setVisible(False),  # QDialog defines its own setVisible
], ids=["setWindowTitle", "hide", "QAction.setEnabled", "QProgressBar.setValue", "QDialog.setVisible"])
def test_every_guarded_method_is_seen(qtbot, guard, call):
    w, d = QWidget(), QDialog()
    qtbot.addWidget(w)
    qtbot.addWidget(d)
    a, b = QAction("x", w), QProgressBar(w)
    _in_a_thread(lambda: call(w, a, b, d))
    assert len(guard.take()) == 1  # one call, one violation (hide() calling setVisible is not a second)
    call(w, a, b, d)  # the same call on the GUI thread is fine
    assert guard.take() == []


class _Worker(QObject):
    progressed = Signal(int)

    @Slot()
    def run(self) -> None:
        self.progressed.emit(7)


class _Relay(QObject):
    """A GUI-thread object: its slot is called queued, on the GUI thread."""

    def __init__(self, bar: QProgressBar) -> None:
        super().__init__()
        self.bar = bar

    @Slot(int)
    def show_progress(self, value: int) -> None:
        self.bar.setValue(value)


@pytest.mark.parametrize("via", ["lambda", "gui_slot"])
def test_a_lambda_on_a_worker_signal_is_a_violation_a_gui_slot_is_not(qtbot, guard, via):
    bar = QProgressBar()
    qtbot.addWidget(bar)
    thread = QThread()
    worker = _Worker()
    worker.moveToThread(thread)
    relay = _Relay(bar)
    if via == "lambda":
        worker.progressed.connect(lambda v: bar.setValue(v))
    else:
        worker.progressed.connect(relay.show_progress)
    thread.started.connect(worker.run)
    try:
        thread.start()
        qtbot.waitUntil(lambda: bar.value() == 7, timeout=5000)
    finally:
        thread.quit()
        thread.wait(5000)
    seen = guard.take()
    if via == "lambda":
        assert [v.method for v in seen] == ["QProgressBar.setValue"]
        assert seen[0].thread != threading.main_thread().name
    else:
        assert seen == []
