"""Shared test set-up: headless Qt, a private HOME, Qt warnings fail tests, widgets only from the GUI thread.

Order matters, hence most of this runs when pytest imports this file (before any test module,
before any QApplication or QSettings exists):

1. ``QT_QPA_PLATFORM=offscreen`` unless the caller chose a platform;
2. HOME and the XDG folders point at a temporary sandbox (tests/support/isolation.py): no run
   ever reads or writes the user's settings (``~/.config/CNN Visualiser/…``) or caches;
3. hypothesis is derandomised on CI.

Then, per run: every QSettings path and QStandardPaths go to the sandbox (session fixture
``user_files_sandbox``); a Qt warning fails the test it happened in (pytest-qt's
``qt_log_level_fail`` in pyproject for the test body, tests/support/qt_messages.py for set-up,
teardown and ``-s`` runs); a widget method called off the GUI thread fails a test under tests/gui
(tests/support/qt_guard.py). docs/testing.md says why each is there.
"""

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.support import isolation  # noqa: E402

_SANDBOX = isolation.isolate_environment()

# Property-based tests draw the same examples on every CI run: a failure there is
# reproducible, never a coin toss. Locally they explore new examples each run.
import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from tests.support.qt_guard import GUARD, describe  # noqa: E402
from tests.support.qt_messages import QtMessagePlugin  # noqa: E402

GUI_TESTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gui") + os.sep


def pytest_configure(config: pytest.Config) -> None:
    isolation.isolate_qt(_SANDBOX)  # before the first QSettings (collection imports the GUI modules)
    plugin = QtMessagePlugin(config)
    plugin.install()
    config.pluginmanager.register(plugin, "cnnviz_qt_messages")
    GUARD.install()


def pytest_collection_finish(session: pytest.Session) -> None:
    # Everything imported so far lives for the whole run: freeze it, so the collection after each
    # Qt test (below) looks only at what tests make — ~2 ms instead of ~75 ms.
    gc.collect()
    gc.freeze()


def pytest_unconfigure(config: pytest.Config) -> None:
    isolation.remove_sandbox()


@pytest.fixture(scope="session", autouse=True)
def user_files_sandbox():
    """The sandbox every user file of this run goes to; checks nothing has moved it since start-up."""
    from PySide6.QtCore import QSettings, QStandardPaths

    isolation.isolate_qt(_SANDBOX)  # again: a test module imported at collection might have reset it
    assert os.environ["HOME"].startswith(str(_SANDBOX)), "HOME left the sandbox before the first test"
    assert QStandardPaths.isTestModeEnabled()
    assert QSettings("CNN Visualiser", "CNN Visualiser").fileName().startswith(str(_SANDBOX))
    yield _SANDBOX


@pytest.fixture(autouse=True)
def settings_stay_in_the_sandbox():
    """Point QSettings back at the sandbox after each test: ``QSettings.setPath`` is global, and a
    test that moves it (to its own tmp_path) would otherwise move it for every later test."""
    yield
    isolation.isolate_qt(_SANDBOX)


@pytest.fixture(autouse=True)
def widgets_only_from_the_gui_thread(request):
    """Fail a GUI test during which any guarded widget method ran off the GUI thread.

    Also collects the test's garbage here, on the GUI thread: a closed top-level widget in a
    reference cycle is otherwise deleted by whichever thread next triggers Python's cyclic GC —
    often a later test's training thread, which then runs the widget's C++ destructor (and any
    Python it calls back) off the GUI thread (docs/testing.md).
    """
    gui = str(request.node.path).startswith(GUI_TESTS)
    uses_qt = gui or "qtbot" in request.fixturenames or "qapp" in request.fixturenames
    earlier = GUARD.take()  # off-thread calls between tests (a thread left running by an earlier one)
    yield
    if uses_qt:
        gc.collect()
    seen = earlier + GUARD.take()
    if gui and seen:
        pytest.fail(describe(seen), pytrace=False)
