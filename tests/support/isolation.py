"""Keeping the test suite out of the user's files: a private HOME, XDG folders and QSettings paths.

Why: ``QSettings(organisation, application)`` always uses the native format and the user's
``~/.config`` (``setDefaultFormat`` does not apply to that constructor), so a window test that
builds the window the way the app does wrote into the learner's real settings — a new user who
ran ``make test`` first got experiment 2, an epoch limit of 10,000,000 and a recent file in
pytest's temporary folder. Pointing ``HOME`` and the XDG variables at a temporary folder before
Qt reads them (tests/conftest.py calls :func:`isolate_environment` when it is imported, the
earliest moment of a run), and every QSettings path there too, keeps each run in its own sandbox;
subprocesses the tests start inherit it.

:data:`ORIGINAL_ENV` keeps the environment as it was, so a test can compute the user's real
settings path and check that a run left it alone (tests/safety/test_user_files.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

#: The variables the sandbox replaces (Qt, Python and most libraries find the user's files by them).
XDG_VARS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
SANDBOX_VAR = "CNNVIZ_TEST_SANDBOX"  # set once the sandbox is in place (subprocesses inherit it)

#: The environment before the sandbox: the user's own HOME and XDG folders.
ORIGINAL_ENV: dict[str, str] = dict(os.environ)

_SANDBOX: Path | None = None


def user_settings_path(env: dict[str, str]) -> Path:
    """Where the app's ``QSettings(ORGANISATION, APPLICATION)`` file lives for ``env`` (Linux)."""
    config = env.get("XDG_CONFIG_HOME") or os.path.join(env.get("HOME", os.path.expanduser("~")), ".config")
    return Path(config) / "CNN Visualiser" / "CNN Visualiser.conf"


def isolate_environment() -> Path:
    """Point HOME and the XDG folders at a fresh temporary folder; returns it. Idempotent.

    Must run before anything asks Qt (or Python) where the user's files are; it touches no Qt.
    A nested run (a test starting pytest in a subprocess) gets a sandbox of its own inside.
    """
    global _SANDBOX
    if _SANDBOX is not None:
        return _SANDBOX
    root = Path(tempfile.mkdtemp(prefix="cnnviz-test-home-"))
    home = root / "home"
    folders = {"HOME": home, "XDG_CONFIG_HOME": home / ".config", "XDG_DATA_HOME": home / ".local" / "share",
               "XDG_CACHE_HOME": home / ".cache", "XDG_STATE_HOME": home / ".local" / "state"}
    for name, path in folders.items():
        path.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(path)
    os.environ[SANDBOX_VAR] = str(root)
    _SANDBOX = root
    return root


def isolate_qt(sandbox: Path) -> None:
    """Every QSettings format and scope, and QStandardPaths, inside ``sandbox`` (call before any QSettings).

    ``setPath`` for NativeFormat is what ``QSettings(org, app)`` obeys on Linux; IniFormat covers
    ``QSettings()`` after ``setDefaultFormat(IniFormat)``; SystemScope keeps /etc/xdg out of the
    tests. Test mode makes QStandardPaths answer ``~/.qttest/...`` (inside the sandboxed HOME).
    """
    from PySide6.QtCore import QSettings, QStandardPaths

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(sandbox / "qsettings" / "user"))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(sandbox / "qsettings" / "system"))
    QStandardPaths.setTestModeEnabled(True)


def remove_sandbox() -> None:
    """Delete the sandbox at the end of the run (Qt may still write at exit; that is harmless)."""
    global _SANDBOX
    if _SANDBOX is not None:
        shutil.rmtree(_SANDBOX, ignore_errors=True)
        _SANDBOX = None


def sandbox_path() -> Path | None:
    return _SANDBOX
