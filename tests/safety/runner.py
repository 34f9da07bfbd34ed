"""Running a throw-away pytest project in a subprocess with this suite's real configuration.

The safety tests check the suite's own machinery (timeouts, the Qt message check, the sandbox),
which only shows in a separate run: ``make_project`` writes the given test files into a temporary
folder with a copy of pyproject.toml and a conftest.py that *is* tests/conftest.py (a star
import: its hooks and fixtures, unchanged), and ``run_pytest`` runs pytest there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_project(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    (folder / "conftest.py").write_text("from tests.conftest import *  # noqa: F401,F403\n", encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run_pytest(folder: Path, *args: str, env: dict[str, str] | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess:
    base = dict(os.environ if env is None else env)
    base["PYTHONPATH"] = str(ROOT)
    base.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", *args],
                          cwd=folder, env=base, capture_output=True, text=True, timeout=timeout)


def outcomes(output: str) -> dict[str, str]:
    """``{test name: PASSED | FAILED | ERROR}`` from pytest's ``-rA`` summary."""
    found: dict[str, str] = {}
    for kind, name in re.findall(r"^(PASSED|FAILED|ERROR) \S*?::(\w+)", output, re.MULTILINE):
        found[name] = "FAILED" if kind == "ERROR" or found.get(name) == "FAILED" else kind
    return found
