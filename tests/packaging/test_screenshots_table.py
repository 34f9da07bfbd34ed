"""`make screenshots`: every picture the README shows is a row of docs/screenshots.py's table."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys

import pytest

from tests.packaging.helpers import ROOT, load_screenshots

SCRIPT = ROOT / "docs" / "screenshots.py"


def readme_pictures() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"\]\(docs/([^)\s]+\.png)\)", text)


def test_every_readme_picture_is_rendered_by_the_table():
    shots = load_screenshots().SHOTS
    files = [s.file for s in shots]
    assert len(files) == len(set(files)), "two rows write the same file"
    pictures = readme_pictures()
    assert len(pictures) >= 9
    missing = sorted(set(pictures) - set(files) - {"desktop_start.png"})  # that one is a real desktop
    assert not missing, f"README pictures no row of docs/screenshots.py renders: {missing}"


def test_every_readme_picture_is_in_the_repository():
    missing = sorted({p for p in readme_pictures() if not (ROOT / "docs" / p).is_file()})
    assert not missing, f"README pictures not in docs/ (run make screenshots and commit them): {missing}"


def test_every_row_names_known_actions_themes_and_grabs():
    for shot in load_screenshots().SHOTS:
        assert shot.theme in ("light", "dark") and shot.grab in ("window", "lab"), shot.file
        for action in shot.actions:
            verbs = ("step", "hover", "split", "cnn-train", "cnn-draw", "cnn-step", "cnn-folder")
            assert action.split()[0] in verbs, (shot.file, action)


def test_an_unknown_name_is_refused_in_one_line(tmp_path):
    r = subprocess.run([sys.executable, SCRIPT, "nope.png", "--out", tmp_path], capture_output=True,
                       text=True, check=False)
    assert r.returncode == 2 and "not in the table: nope.png" in r.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_a_row_renders_the_real_window(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    r = subprocess.run([sys.executable, SCRIPT, "window_stepthrough.png", "--out", tmp_path], env=env,
                       capture_output=True, text=True, check=False, timeout=120)
    assert r.returncode == 0, r.stderr
    data = (tmp_path / "window_stepthrough.png").read_bytes()
    assert struct.unpack(">II", data[16:24]) == (1600, 900)
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".png"] == ["window_stepthrough.png"]
