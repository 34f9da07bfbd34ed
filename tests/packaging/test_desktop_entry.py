"""`make install-desktop`: the menu entry and icon land where desktops look, for this user only.

The install runs for real into a temporary XDG_DATA_HOME (or HOME); the entry is checked by
desktop-file-validate when the machine has it and by its required keys always, and its Exec
line is run (with ``--screenshot``) to show it starts this app.
"""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = ROOT / "resources" / "cnn-visualiser.desktop"
SIZES = (48, 64, 128, 256)
REQUIRED = ("Type", "Name", "Exec", "Icon", "Categories")


def install(tmp_path: Path, **env_changes: str) -> subprocess.CompletedProcess:
    """Run the Makefile target with this interpreter's environment as the venv (never reinstalling)."""
    venv = Path(sys.prefix)
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_DATA_HOME", "MAKEFLAGS")}
    env.update(env_changes)
    return subprocess.run(["make", "--no-print-directory", "-o", f"{venv}/.installed", f"VENV={venv}",
                           "install-desktop"], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False, timeout=60)


def desktop_keys(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    assert parser.sections()[0] == "Desktop Entry", "the first group must be [Desktop Entry]"
    return dict(parser["Desktop Entry"])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")


def test_the_shipped_entry_has_what_the_desktop_entry_spec_requires():
    keys = desktop_keys(ENTRY)
    for key in REQUIRED:
        assert keys.get(key), f"{ENTRY.name} lacks {key}"
    assert keys["Type"] == "Application" and keys["Terminal"] == "false"
    assert keys["Exec"] == "cnn-visualiser"  # the command the wheel installs; make rewrites it
    assert keys["Icon"] == "cnn-visualiser"  # a theme name, not a path: hicolor finds every size
    assert keys["Categories"].endswith(";") and "Education" in keys["Categories"].split(";")
    assert "Name[zh_CN]" in keys  # the menu reads in the chapter's language too


@pytest.mark.slow
@needs_make
def test_install_desktop_into_xdg_data_home_and_start_the_app_from_its_exec_line(tmp_path):
    data = tmp_path / "data"
    r = install(tmp_path, XDG_DATA_HOME=str(data), HOME=str(tmp_path / "home"))
    assert r.returncode == 0, r.stderr
    entry = data / "applications" / "cnn-visualiser.desktop"
    assert entry.is_file()
    assert not (tmp_path / "home").exists()  # XDG_DATA_HOME honoured: nothing under HOME
    keys = desktop_keys(entry)
    for key in REQUIRED:
        assert keys.get(key), f"the installed entry lacks {key}"
    exec_argv = shlex.split(keys["Exec"])
    assert exec_argv == [str(Path(sys.prefix) / "bin" / "cnn-visualiser")]
    assert keys["TryExec"] == exec_argv[0]
    validator = shutil.which("desktop-file-validate")
    if validator:
        v = subprocess.run([validator, str(entry)], capture_output=True, text=True, check=False)
        assert v.returncode == 0 and "error" not in v.stdout.lower(), v.stdout + v.stderr
    icons = data / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "cnn-visualiser.svg").read_bytes() == (
        ROOT / "resources" / "icon.svg").read_bytes()
    for n in SIZES:
        assert png_size(icons / f"{n}x{n}" / "apps" / "cnn-visualiser.png") == (n, n)

    if not os.access(exec_argv[0], os.X_OK):
        pytest.skip(f"{exec_argv[0]} is not installed in this environment (pip install -e .)")
    shot = tmp_path / "from-the-menu.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    run = subprocess.run([*exec_argv, "--screenshot", str(shot)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 0, run.stderr
    assert png_size(shot) == (1600, 900)


@needs_make
def test_without_xdg_data_home_it_goes_to_local_share_in_home(tmp_path):
    r = install(tmp_path, HOME=str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / ".local" / "share" / "applications" / "cnn-visualiser.desktop").is_file()
    icons = tmp_path / ".local" / "share" / "icons" / "hicolor"
    assert (icons / "48x48" / "apps" / "cnn-visualiser.png").is_file()


def test_the_bitmap_icons_are_the_svg_rendered(tmp_path):
    """resources/icons/*.png must follow resources/icon.svg (`make screenshots` re-renders them)."""
    pytest.importorskip("PySide6.QtSvg")
    from PySide6.QtGui import QImage

    from tests.packaging.helpers import load_screenshots

    fresh = load_screenshots().render_icons(out_dir=tmp_path, sizes=SIZES)
    for path in fresh:
        committed = ROOT / "resources" / "icons" / path.name
        a, b = (QImage(str(p)).convertToFormat(QImage.Format.Format_ARGB32) for p in (path, committed))
        assert (a.width(), a.height()) == (b.width(), b.height()), path.name
        pa = np.frombuffer(a.constBits(), np.uint8, a.sizeInBytes()).astype(int)
        pb = np.frombuffer(b.constBits(), np.uint8, b.sizeInBytes()).astype(int)
        assert np.abs(pa - pb).max() <= 16, f"{committed} is stale: run `make screenshots`"
