"""A Qt warning fails the test it happened in; the offscreen plugin's own notices do not; hangs end the run.

Each case runs in a separate pytest process with the suite's real pyproject.toml and conftest.py
(tests/safety/runner.py), since what is checked is how that machinery reports a run.
"""

from __future__ import annotations

import time

import pytest

from tests.safety.runner import ROOT, make_project, outcomes, run_pytest
from tests.support.qt_messages import BENIGN_OFFSCREEN

pytestmark = pytest.mark.timeout(180)

CASES = '''
import threading

import pytest
from PySide6.QtCore import QTimer, qWarning, qCritical


def test_clean(qtbot):
    qtbot.wait(1)


def test_qwarning_in_the_body(qtbot):
    qWarning("a warning from the body")


def test_qcritical_in_the_body(qtbot):
    qCritical("a critical message from the body")


def test_timer_stopped_from_another_thread(qtbot):
    timer = QTimer()
    timer.start(10_000)
    t = threading.Thread(target=timer.stop)
    t.start()
    t.join()
    timer.stop()


@pytest.fixture
def warns_at_teardown(qtbot):
    yield
    qWarning("a warning from a fixture's teardown")


def test_warning_in_teardown(warns_at_teardown):
    pass


def test_offscreen_notices_are_not_failures(qtbot):
    qWarning("This plugin does not support propagateSizeHints()")
    qWarning("This plugin does not support raise()")


def test_a_notice_with_more_text_is_a_failure(qtbot):
    qWarning("This plugin does not support propagateSizeHints() and something else went wrong")


@pytest.mark.qt_log_ignore("^an expected warning$")
def test_a_test_may_expect_a_warning(qtbot):
    qWarning("an expected warning")
'''

EXPECTED = {
    "test_clean": "PASSED",
    "test_qwarning_in_the_body": "FAILED",
    "test_qcritical_in_the_body": "FAILED",
    "test_timer_stopped_from_another_thread": "FAILED",
    "test_warning_in_teardown": "FAILED",
    "test_offscreen_notices_are_not_failures": "PASSED",
    "test_a_notice_with_more_text_is_a_failure": "FAILED",
    "test_a_test_may_expect_a_warning": "PASSED",
}


@pytest.mark.parametrize("flags", [(), ("-s",), ("--no-qt-log",)], ids=["captured", "-s", "no-qt-log"])
def test_qt_warnings_fail_the_test_they_happen_in(tmp_path, flags):
    project = make_project(tmp_path / "p", {"test_cases.py": CASES})
    r = run_pytest(project, "test_cases.py", *flags)
    out = r.stdout + r.stderr
    assert outcomes(r.stdout) == EXPECTED, out
    assert r.returncode == 1
    for text in ("a warning from the body", "a critical message from the body",
                 "QObject::killTimer: Timers cannot be stopped from another thread",
                 "a warning from a fixture's teardown"):
        assert text in out, f"{text!r} is not in the report:\n{out}"


def test_the_ignore_list_is_the_offscreen_plugins_notices_only():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ini = config["tool"]["pytest"]["ini_options"]
    assert ini["qt_log_ignore"] == list(BENIGN_OFFSCREEN)
    assert ini["qt_log_level_fail"] == "WARNING"
    assert all(p.startswith("^This plugin does not support ") and p.endswith("$") for p in BENIGN_OFFSCREEN)


HANG = '''
import pytest
from PySide6.QtCore import QObject, Signal


class Never(QObject):
    fired = Signal()


@pytest.mark.timeout(3)
def test_waits_for_a_signal_that_never_comes(qtbot):
    never = Never()
    with qtbot.waitSignal(never.fired, timeout=600_000):
        pass


def test_after_the_hang():
    pass
'''


def test_a_hang_in_the_event_loop_ends_the_run_with_every_stack(tmp_path):
    project = make_project(tmp_path / "h", {"test_hang.py": HANG})
    start = time.monotonic()
    r = run_pytest(project, "test_hang.py", timeout=90)
    took = time.monotonic() - start
    out = r.stdout + r.stderr
    assert took < 60 and r.returncode != 0, out
    assert "Timeout" in out and "waitSignal" in out, out  # the stack of the stuck test is printed
