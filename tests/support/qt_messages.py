"""Any Qt warning fails the test it happened in — also the ones pytest-qt does not see.

pytest-qt does the main work (pyproject: ``qt_log_level_fail = "WARNING"`` and the
``qt_log_ignore`` patterns, the offscreen plugin's own notices): it installs its message handler
when a test's set-up starts and checks what it caught when the test body ends. Three gaps remain,
and this plugin closes them:

* **teardown**: pytest-qt removes its handler as soon as the body's report is made, but the
  widgets are closed and the fixtures (worker handles, threads) shut down after that — exactly
  where "QThread: Destroyed while thread is still running" or "killTimer from another thread"
  happen. A session-wide handler catches them and fails the test at its teardown;
* **fatal messages** (qFatal, e.g. a QThread destroyed while running) abort the process; pytest-qt
  only stores them, so the run died without the message. They are written to stderr first;
* **``-s`` / ``--no-qt-log``**: pytest-qt then captures nothing; the session handler fails the test
  instead (and echoes every message, as Qt's own handler would).

Messages are charged to the test running when they arrive; one sent by a thread a previous test
left running is therefore charged to the next test (say so in the failure, do not hide it).
"""

from __future__ import annotations

import re
import sys
import threading

import pytest
from pytestqt.logging import Record
from pytestqt.utils import get_marker

#: The offscreen platform plugin's own notices: it simply has no window manager. Nothing else
#: is ignored. (Kept here and in pyproject's ``qt_log_ignore``; tests/safety checks they agree.)
BENIGN_OFFSCREEN = (
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",
    r"^This plugin does not support lower\(\)$",
    r"^This plugin does not support grabbing the keyboard$",
    r"^This plugin does not support grabbing the mouse$",
    r"^This plugin does not support setting window opacity$",
    r"^This plugin does not support setting window masks$",
    r"^This plugin does not support setParent!$",
    r"^This plugin does not support QCursor::setPos\(\); emulating movement within the application\.$",
)


class _Context:
    """A QMessageLogContext copied into Python (the C++ one is only valid inside the handler)."""

    def __init__(self, context) -> None:
        self.file = getattr(context, "file", None)
        self.function = getattr(context, "function", None)
        self.line = getattr(context, "line", 0)
        self.category = getattr(context, "category", None)


class QtMessagePlugin:
    """Registered by tests/conftest.py; see the module docstring."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.lock = threading.Lock()
        self.current: str | None = None  # the running test's nodeid
        self.ignore: list[str] = list(config.getini("qt_log_ignore"))
        self.level: str = config.getini("qt_log_level_fail") or "NO"
        self.records: dict[str | None, list[Record]] = {}
        self._installed = False

    # ------------------------------------------------------------ the handler
    def install(self) -> None:
        from PySide6.QtCore import qInstallMessageHandler

        if not self._installed:
            qInstallMessageHandler(self.handle)
            self._installed = True

    def handle(self, msg_type, context, message) -> None:
        from PySide6.QtCore import QtMsgType

        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
        ignored = any(re.search(p, text) for p in self.ignore)
        record = Record(msg_type, text, ignored, _Context(context))
        with self.lock:
            self.records.setdefault(self.current, []).append(record)
        sys.stderr.write(text + "\n")  # what Qt's own handler prints
        if msg_type == QtMsgType.QtFatalMsg:
            sys.stderr.flush()

    @staticmethod
    def _chain_fatal(previous: list):
        """A handler in front of pytest-qt's (``previous[0]``) that writes fatal messages out before
        Qt aborts the process."""

        def handle(msg_type, context, message) -> None:
            from PySide6.QtCore import QtMsgType

            if msg_type == QtMsgType.QtFatalMsg:
                sys.stderr.write(f"Qt fatal message (the process aborts now): {message}\n")
                sys.stderr.flush()
            if previous and previous[0] is not None:
                previous[0](msg_type, context, message)

        return handle

    # ------------------------------------------------------------ hooks
    @pytest.hookimpl(trylast=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        from PySide6.QtCore import qInstallMessageHandler

        self.current = item.nodeid
        self.records.pop(item.nodeid, None)
        if getattr(item, "qt_log_capture", None) is not None:  # pytest-qt's handler is in place
            previous: list = []
            previous.append(qInstallMessageHandler(self._chain_fatal(previous)))
            # pytest-qt restores *its* predecessor (this plugin's handler) when the body ends.

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        if call.when != "teardown":
            return report
        failing = self._failing(item)
        if failing and report.outcome != "failed":
            report.outcome = "failed"
            report.longrepr = self._explain(failing)
        return report

    def pytest_runtest_logfinish(self, nodeid: str) -> None:
        self.current = None

    def pytest_terminal_summary(self, terminalreporter) -> None:
        outside = [r for r in self.records.get(None, []) if self._fails(r, self.level)]
        if outside:
            terminalreporter.section("Qt messages outside any test", sep="=")
            for rec in outside:
                terminalreporter.line(f"{rec.type_name}: {rec.message}")

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if exitstatus == 0 and any(self._fails(r, self.level) for r in self.records.get(None, [])):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    # ------------------------------------------------------------ helpers
    @staticmethod
    def _fails(rec: Record, level: str) -> bool:
        return not rec.ignored and (rec.matches_level(level) or rec.log_type_name == "FATAL")

    def _failing(self, item: pytest.Item) -> list[Record]:
        with self.lock:
            records = list(self.records.pop(item.nodeid, []))
        if get_marker(item, "no_qt_log"):
            return []
        mark = get_marker(item, "qt_log_level_fail")
        level = mark.args[0] if mark else self.level
        extra = get_marker(item, "qt_log_ignore")
        patterns = list(extra.args) if extra else []
        if extra and not extra.kwargs.get("extend", True):
            records = [Record(r.type, r.message, False, r.context) for r in records]
        return [r for r in records if self._fails(r, level)
                and not any(re.search(p, r.message) for p in patterns)]

    @staticmethod
    def _explain(records: list[Record]) -> str:
        lines = [f"Qt sent {len(records)} message(s) outside the test body (set-up before pytest-qt, "
                 "teardown, or a thread still running from this or an earlier test):"]
        lines += [f"    {r.type_name}: {r.message}" for r in records[:20]]
        if len(records) > 20:
            lines.append(f"    … and {len(records) - 20} more")
        return "\n".join(lines)
