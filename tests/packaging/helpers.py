"""Shared by the packaging tests: the screenshot script as a module, and a copy of the source tree."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_PARTS = ("pyproject.toml", "README.md", "main.py", "core", "gui", "resources")


def load_screenshots():
    """docs/screenshots.py, imported (it is a script, not a package)."""
    name = "docs_screenshots"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "docs" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def copy_source(target: Path) -> Path:
    """What an sdist would hold, copied to ``target`` (so a build never writes into the checkout)."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for part in SOURCE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=ignore)
        else:
            shutil.copy2(src, target / part)
    return target
