"""Run every benchmark in bench/ and print their figures (``make bench``). Not a test."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    only = set(sys.argv[1:])
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    for name in names:
        if only and name not in only:
            continue
        print(f"== {name} ==", flush=True)
        t0 = time.perf_counter()
        for line in _load(name).main():
            print(line, flush=True)
        print(f"({time.perf_counter() - t0:.0f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
