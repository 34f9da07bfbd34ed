"""pyproject.toml ships every folder of code and every bundled file (fast: reads the tree, builds nothing).

The wheel's package list is explicit (setuptools' ``find`` cannot also map resources/ under
core), so a new folder of code or data must be named there; these tests say which line to add.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
PACKAGES: list[str] = CONFIG["packages"]
PACKAGE_DIR: dict[str, str] = CONFIG.get("package-dir", {})
PACKAGE_DATA: dict[str, list[str]] = CONFIG.get("package-data", {})
NOT_SHIPPED = ("*.ts", "*.pyc")  # translation sources: the compiled .qm files ship


def package_folder(name: str) -> Path:
    """Where setuptools looks for package ``name`` (the longest package-dir prefix wins)."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in PACKAGE_DIR:
            return ROOT / PACKAGE_DIR[prefix] / Path(*parts[i:])
    return ROOT / Path(*parts)


def matches(pattern: str, relative: str) -> bool:
    """glob semantics as setuptools uses them: ``*`` never crosses a ``/``."""
    assert "**" not in pattern, "the tests do not read ** patterns"
    p, r = pattern.split("/"), relative.split("/")
    return len(p) == len(r) and all(fnmatch.fnmatchcase(a, b) for a, b in zip(r, p, strict=True))


def shipped(path: Path) -> bool:
    """True if some listed package's package-data patterns claim ``path``."""
    for name in PACKAGES:
        folder = package_folder(name)
        if folder in path.parents:
            rel = path.relative_to(folder).as_posix()
            if any(matches(pat, rel) for pat in PACKAGE_DATA.get(name, [])):
                return True
    return False


def test_every_folder_of_code_is_a_listed_package():
    missing = []
    for top in ("core", "gui"):
        for py in (ROOT / top).rglob("*.py"):
            if "__pycache__" in py.parts:
                continue
            name = ".".join(py.parent.relative_to(ROOT).parts)
            if name not in PACKAGES and name not in missing:
                missing.append(name)
    assert not missing, ("the wheel would lack these folders of code; add them to [tool.setuptools] "
                         f"packages in pyproject.toml: {', '.join(sorted(missing))}")


def test_every_listed_package_exists():
    gone = [name for name in PACKAGES if not package_folder(name).is_dir()]
    assert not gone, f"pyproject.toml lists packages with no folder (setuptools fails): {gone}"


def test_resources_install_as_the_data_package_core_bundled():
    assert package_folder("core.bundled") == ROOT / "resources"
    assert (ROOT / "resources" / "__init__.py").is_file()  # a regular package: files() gives a real path


def test_every_bundled_file_is_package_data():
    files = [p for p in (ROOT / "resources").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py"
             and not any(fnmatch.fnmatch(p.name, pat) for pat in NOT_SHIPPED)]
    assert len(files) >= 8  # icon, 3 images, digits, 2 licence notes, desktop entry …
    left_out = [str(p.relative_to(ROOT)) for p in files if not shipped(p)]
    assert not left_out, f"no [tool.setuptools.package-data] pattern ships {left_out}"


def test_the_matcher_itself_tells_folders_apart():
    assert matches("*.png", "brick.png") and not matches("*.png", "images/brick.png")
    assert matches("translations/*.qm", "translations/cnn_visualiser_zh_CN.qm")
    assert not matches("translations/*.qm", "translations/cnn_visualiser_zh_CN.ts")
