"""Time boxes on the wall clock (not a test): how long ``run(…, time_budget)`` calls really take.

The window's worker trains in chunks of ``BUDGET`` seconds so the GUI thread gets the
interpreter between them; a chunk that overruns freezes the window for as long. For each
size the same trainer is called ``--calls`` times (at most ``--cap`` seconds in all), as the
worker does, and the table shows each call's duration as a multiple of the budget (median,
99th percentile, max; goal: max ≤ 2) and the epochs per second the calls still train. Wall time
includes whatever else the machine runs (a shared machine preempts a 6 ms call now and then);
the process's CPU time of the call (``time.process_time``, BLAS on one thread) is shown beside it.

Run: ``python bench/bench_timebox.py [--calls N] [--cap S]``. The tests check the same bound
deterministically on a fake clock (tests/core/chapter/test_timebox.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from core import Network, Trainer  # noqa: E402

BUDGET = 0.006  # the worker's chunk
SIZES = ((10_000, 32, 1), (100_000, 32, 1), (1_000_000, 32, 1), (100_000, 32, 4))


def measure(N: int, n: int, nk: int, calls: int, cap: float) -> dict:
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(N, n))
    y = rng.uniform(-1, 1, size=N)
    t0 = time.perf_counter()
    t = Trainer(Network(n_inputs=n, kernel_size=3, n_kernels=nk, init="xavier", seed=1), X, y, lr=0.05)
    build = time.perf_counter() - t0
    durations, cpu = [], []
    start = time.perf_counter()
    while len(durations) < calls and time.perf_counter() - start < cap:
        c0, p0 = time.perf_counter(), time.process_time()
        t.run(10**9, time_budget=BUDGET)
        durations.append(time.perf_counter() - c0)
        cpu.append(time.process_time() - p0)
    wall = time.perf_counter() - start
    d, c = np.array(durations) / BUDGET, np.array(cpu) / BUDGET
    return {"shape": (N, n, nk), "build": build, "calls": len(d), "median": float(np.median(d)),
            "p99": float(np.quantile(d, 0.99)), "max": float(d.max()), "first": float(d[0]),
            "cpu_p99": float(np.quantile(c, 0.99)), "cpu_max": float(c.max()),
            "epochs_per_s": t.epoch / wall}


def main(argv: list[str] | None = None, echo: bool = False) -> list[str]:
    """The table's lines (printed as they come when ``echo``)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=200)
    ap.add_argument("--cap", type=float, default=10.0, help="seconds of calls per size at most")
    args = ap.parse_args([] if argv is None else argv)
    lines = [f"run(10**9, time_budget={BUDGET * 1000:.0f} ms) called repeatedly on one trainer; "
             "call duration ÷ budget (goal: max ≤ 2)",
             f"{'N×inputs×kernels':>18} {'build s':>8} {'calls':>6} {'first':>7} {'median':>7} {'p99':>7} "
             f"{'max':>7} {'cpu p99':>8} {'cpu max':>8} {'epochs/s':>9}"]
    if echo:
        print("\n".join(lines), flush=True)
    for N, n, nk in SIZES:
        r = measure(N, n, nk, args.calls, args.cap)
        lines.append(f"{f'{N}×{n}×{nk}':>18} {r['build']:8.2f} {r['calls']:6d} {r['first']:7.2f} "
                     f"{r['median']:7.2f} {r['p99']:7.2f} {r['max']:7.2f} {r['cpu_p99']:8.2f} "
                     f"{r['cpu_max']:8.2f} {r['epochs_per_s']:9.1f}")
        if echo:
            print(lines[-1], flush=True)
    return lines


if __name__ == "__main__":
    main(sys.argv[1:], echo=True)
