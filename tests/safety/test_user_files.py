"""A test run never reads or writes the user's own files (tests/support/isolation.py).

The issue's case: ``tests/gui/window/test_file_menu.py::test_run_gui_opens_the_workspace`` builds
the window as the app does, with ``QSettings(ORGANISATION, APPLICATION)``, which wrote into the
user's ``~/.config/CNN Visualiser/CNN Visualiser.conf``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from gui.window.main_window import APPLICATION, ORGANISATION
from tests.safety.runner import ROOT, run_pytest
from tests.support import isolation

pytestmark = pytest.mark.timeout(180)

WINDOW_TEST = "tests/gui/window/test_file_menu.py::test_run_gui_opens_the_workspace"


def _user_env(home: Path | None = None) -> dict[str, str]:
    """The environment a user's terminal has: the original one, or one whose HOME is ``home``."""
    env = {k: v for k, v in isolation.ORIGINAL_ENV.items() if k != isolation.SANDBOX_VAR}
    if home is not None:
        for name in isolation.XDG_VARS:
            env.pop(name, None)
        env["HOME"] = str(home)
    return env


def _stat(path: Path) -> tuple | None:
    return (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_every_settings_path_is_in_the_sandbox(user_files_sandbox):
    box = str(user_files_sandbox)
    for name in ("HOME", *isolation.XDG_VARS):
        assert os.environ[name].startswith(box), name
    assert os.path.expanduser("~").startswith(box)
    fmt, scope = QSettings.Format, QSettings.Scope
    stores = [QSettings(ORGANISATION, APPLICATION), QSettings(),
              QSettings(fmt.IniFormat, scope.UserScope, ORGANISATION, APPLICATION),
              QSettings(fmt.NativeFormat, scope.SystemScope, ORGANISATION, APPLICATION),
              QSettings(fmt.IniFormat, scope.SystemScope, ORGANISATION, APPLICATION)]
    for s in stores:
        assert s.fileName().startswith(box), s.fileName()
    assert QStandardPaths.isTestModeEnabled()
    for kind in (QStandardPaths.StandardLocation.AppConfigLocation,
                 QStandardPaths.StandardLocation.GenericConfigLocation,
                 QStandardPaths.StandardLocation.AppDataLocation,
                 QStandardPaths.StandardLocation.CacheLocation,
                 QStandardPaths.StandardLocation.HomeLocation):
        assert QStandardPaths.writableLocation(kind).startswith(box), kind
    real = isolation.user_settings_path(_user_env())
    assert not str(real).startswith(box)


def test_the_settings_path_checked_below_is_where_the_app_writes(tmp_path):
    """Without the sandbox (a plain Python process, HOME = a fresh folder) the app's QSettings
    write exactly the file the next tests watch, so their 'untouched' can fail."""
    home = tmp_path / "home"
    home.mkdir()
    env = _user_env(home)
    env["PYTHONPATH"] = str(ROOT)
    code = ("from PySide6.QtCore import QSettings\n"
            "from gui.window.main_window import APPLICATION, ORGANISATION\n"
            "s = QSettings(ORGANISATION, APPLICATION); s.setValue('probe', 1); s.sync()\n")
    subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, check=True, timeout=60)
    assert isolation.user_settings_path(env).is_file()
    assert _files(home) == [".config", ".config/CNN Visualiser", ".config/CNN Visualiser/CNN Visualiser.conf"]


def test_a_window_test_leaves_a_fresh_home_untouched(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    r = run_pytest(ROOT, WINDOW_TEST, f"--basetemp={tmp_path / 'run'}", env=_user_env(home))
    assert "1 passed" in r.stdout or "1 failed" in r.stdout, r.stdout + r.stderr  # it ran
    assert _files(home) == [], "the run wrote into HOME"


def test_a_window_test_leaves_the_users_real_settings_untouched(tmp_path):
    real = isolation.user_settings_path(_user_env())
    before = _stat(real)
    basetemp = tmp_path / "unique-run-marker"
    r = run_pytest(ROOT, WINDOW_TEST, f"--basetemp={basetemp}", env=_user_env())
    assert "1 passed" in r.stdout or "1 failed" in r.stdout, r.stdout + r.stderr
    after = _stat(real)
    # The window test opens a workspace from its basetemp, so any write of that run would list the
    # marker among the recent files. Another program (a second test run without this sandbox, the
    # app itself) may write the file meanwhile: that alone is not this run's doing.
    written_by_us = after is not None and str(basetemp) in real.read_text(encoding="utf-8", errors="replace")
    assert not written_by_us, f"{real} was written by the run"
    if before != after:
        pytest.skip(f"{real} changed during the run, but not by it (its marker is absent): another process")
