"""The code's shape: no import circles, a Qt-free core, the core's promised API, readable modules.

Imports are read with ``ast`` (module level, inside functions and under ``TYPE_CHECKING``
alike: a circle through a lazy or type-only import is still a circle a reader must untangle).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("core", "gui")
MAX_LINES = 400  # the architecture guide's "one sitting"; longer modules must say why
LONG_OK = "must be one piece"  # the phrase a long module's docstring uses to say why


def _modules() -> dict[str, Path]:
    mods = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            mods[".".join(parts)] = path
    return mods


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The project modules that ``path`` imports (resolving ``from pkg import module``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_pkg else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join(here + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for t in targets:
            # the longest known prefix: "core.chapter.network.Network" → "core.chapter.network"
            parts = t.split(".")
            for i in range(len(parts), 0, -1):
                cand = ".".join(parts[:i])
                if cand in known:
                    if cand != name:
                        found.add(cand)
                    break
    return found


def import_graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {m: _imports(p, m, known) for m, p in mods.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a list of modules, or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(graph, WHITE)
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        colour[m] = GREY
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if colour.get(n) == GREY:
                return stack[stack.index(n):] + [n]
            if colour.get(n) == WHITE:
                c = visit(n)
                if c:
                    return c
        stack.pop()
        colour[m] = BLACK
        return None

    for m in sorted(graph):
        if colour[m] == WHITE:
            c = visit(m)
            if c:
                return c
    return None


def test_there_are_no_import_circles():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " → ".join(cycle)


def test_the_cycle_finder_finds_a_planted_circle():
    graph = import_graph()
    graph["gui.network.diagram.hit"].add("gui.network.diagram.network_diagram")
    assert find_cycle(graph) is not None


def test_a_module_importing_the_package_that_imports_it_is_a_circle():
    graph = {"a": {"a.b"}, "a.b": {"a"}}
    assert find_cycle(graph) == ["a", "a.b", "a"]


def test_core_never_imports_qt():
    code = ("import core, core.chapter, core.image_ops, core.datasets, core.workspace, sys; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]; "
            "assert not bad, bad")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_no_core_module_mentions_qt_in_its_imports():
    graph_qt = []
    for m, path in _modules().items():
        if not m.startswith("core"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            graph_qt += [f"{m}: {n}" for n in names if n.split(".")[0] in ("PySide6", "pyqtgraph", "PyQt6")]
    assert not graph_qt


@pytest.mark.parametrize("argv", [["--help"], ["train", "--epochs", "1"]])
def test_the_headless_commands_import_no_qt(argv):
    code = (f"import sys, runpy; sys.argv = ['main.py', *{argv!r}]\n"
            "try:\n    runpy.run_path('main.py', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]\n"
            "assert not bad, bad[:5]\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_the_image_lab_operations_are_callables_at_the_top_of_core():
    from core import conv2d, depth_pool, output_size, pool2d

    image = np.arange(16.0).reshape(4, 4)
    assert conv2d(image, np.ones((2, 2))).shape == (3, 3)  # the chapter's example: 4, k 2 → 3
    assert output_size(4, 2, 0, 1) == 3
    assert pool2d(image, 2, 2, "max").shape == (2, 2)
    assert depth_pool(np.stack([image, -image], axis=-1), "max").shape == (4, 4)


def test_core_exports_what_it_lists():
    import core

    missing = [n for n in core.__all__ if not hasattr(core, n)]
    assert not missing


def _first_docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def test_modules_read_in_one_sitting():
    long = []
    for m, path in _modules().items():
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_LINES and LONG_OK not in _first_docstring(path):
            long.append(f"{m} ({n} lines)")
    assert not long, f"over {MAX_LINES} lines without saying why: {', '.join(sorted(long))}"


def test_no_sibling_modules_share_a_prefix():
    """A prefix shared by several files is a folder waiting to be made (the architecture guide)."""
    offenders = []
    for pkg in PACKAGES:
        for folder in [ROOT / pkg, *(p for p in (ROOT / pkg).rglob("*") if p.is_dir())]:
            if folder.name == "__pycache__":
                continue
            stems = [p.stem for p in folder.glob("*.py") if p.stem != "__init__"]
            prefixes: dict[str, list[str]] = {}
            for s in stems:
                if "_" in s:
                    prefixes.setdefault(s.split("_")[0], []).append(s)
            for prefix, group in prefixes.items():
                if len(group) >= 3 or (len(group) >= 2 and prefix in stems):
                    offenders.append(f"{folder.relative_to(ROOT)}: {', '.join(sorted(group))}")
    assert not offenders
