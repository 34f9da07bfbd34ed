"""``make bench`` runs every bench/bench_*.py through ``bench/run_all.py``, which calls each one's
``main()`` with no arguments and prints the lines it returns: so each must take no required
argument and return its lines (two that printed and returned None once broke the whole run)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
BENCHES = sorted(BENCH.glob("bench_*.py"))


def _main(path: Path) -> ast.FunctionDef:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mains = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "main"]
    assert len(mains) == 1, f"{path.name}: one top-level main() expected"
    return mains[0]


def test_there_are_benches_to_run():
    assert len(BENCHES) >= 8


@pytest.mark.parametrize("path", BENCHES, ids=lambda p: p.name)
def test_main_takes_no_required_argument_and_returns_its_lines(path):
    """A static check (the source's syntax tree): running every bench here would take minutes."""
    main = _main(path)
    args = main.args
    assert len(args.defaults) == len(args.args) and not args.posonlyargs, \
        f"{path.name}: main() must run with no arguments"
    assert all(d is not None for d in args.kw_defaults)
    assert main.returns is not None and ast.unparse(main.returns) == "list[str]", \
        f"{path.name}: main() must return its lines (list[str]) for run_all.py"
    returns = [n for n in ast.walk(main) if isinstance(n, ast.Return)
               and not any(n in ast.walk(f) for f in ast.walk(main)
                           if isinstance(f, ast.FunctionDef | ast.Lambda) and f is not main)]
    assert returns and all(r.value is not None for r in returns), f"{path.name}: main() returns nothing"
