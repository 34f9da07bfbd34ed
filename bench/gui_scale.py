"""The window at every data-set size it accepts: is Apply quick, and does it stay fluid while training?

``python bench/gui_scale.py`` opens the main window offscreen and, for synthetic data sets of 10,
1,000, 10,000 and 100,000 images (5 values each, the chapter's network), measures:

* Apply → drawn: seconds from pressing Apply to the first drawn frame of the new network
  (goal < 2 s at 100,000);
* while playing flat out for ``PLAY_S`` seconds: frames the window drew per second (goal ≥ 20)
  and the lateness of a 10 ms QTimer on the GUI thread (goal p99 < 50 ms), and epochs per second.

BLAS is pinned to one thread (threadpoolctl) as the app's trainer does for large shapes; the
settings in effect are printed. Not a test: the figures depend on the machine and its load.

``--rounds R`` runs every size R times, each in a fresh process, and prints the median and the
min–max; ``--against DIR`` runs another checkout's ``bench/gui_scale.py`` (e.g. the code before a
change: ``git worktree add /tmp/before HEAD~3``) interleaved with this one — each round runs
both trees at each size, in alternating order — and prints per-round ratios, so a drifting load
on a shared machine hits both alike.

Measured on the shared 2-core machine (load average 2.8–3.4 from other jobs during the run),
``python bench/gui_scale.py --rounds 3 --against /tmp/net_before`` (before = 0e27c44, after =
be68649: frames spaced by the GUI's drawing time and released after their last paint, the worker
woken rather than polling, every view drawn every frame, the key filter on the focused field,
the plot series no longer copying every sample's ŷ), BLAS 1 thread, median [min–max] of 3:

    images  Apply s before → after   frames/s before → after   p99 ms before → after   p99 after/before
        10  0.26 → 0.20              27 → 19.8 [13.9–21.6]     45 → 30.8 [24.5–75.7]   0.68 [0.63–1.63]
     1,000  0.49 → 0.39              26 → 19.4 [15.4–20.6]     48 → 35.7 [28.9–57.1]   0.74 [0.71–0.86]
    10,000  0.78 → 0.53              26 → 14.2 [14.0–20.0]     74 → 50.9 [32.4–69.3]   0.61 [0.56–0.94]
   100,000  2.94 → 3.00             8.6 → 12.4 [11.0–16.7]     64 → 62.6 [38.1–75.2]   0.98 [0.82–1.17]

"frames/s" is not the same quantity on both sides: before, a frame was a moment drawn by the
diagram and the status bar while the plots redrew at most 6 and the formulas 5 times a second;
after, every view draws every frame. Epochs/s after/before: 0.71, 0.76, 0.93, 0.89. Apply at
100,000 is the experiment panel generating the synthetic images twice (1.5 s each, a Python loop
in core/datasets/chapter.py), not the window.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

SIZES = (10, 1_000, 10_000, 100_000)
PLAY_S = 5.0
TICK_MS = 10


def blas_report() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed"
    return "; ".join(f"{i['internal_api']} {i.get('version', '?')}: {i['num_threads']} thread(s)"
                     for i in threadpool_info())


def _wait(app, cond, timeout: float) -> bool:
    end = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > end:
            return False
        app.processEvents()
        time.sleep(0.001)
    return True


def measure(window, app, n: int, play_s: float) -> dict:
    """Apply a synthetic data set of ``n`` images, then play flat out; return the figures."""
    from PySide6.QtCore import QTimer

    panel = window.experiment_panel
    panel.set_config({"experiment": "synthetic"})
    panel.count.setValue(n)
    before = window.frames_drawn
    t0 = time.perf_counter()
    assert panel.apply(), panel.status.text()
    ok = _wait(app, lambda: window.frames_drawn > before and window.worker.worker.trainer is not None
               and window.worker.worker.trainer.N == n, 120.0)
    apply_s = time.perf_counter() - t0 if ok else float("nan")
    window.experiment_panel.epoch_limit.setValue(0)
    window.actions_.flat_out.trigger()
    late: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        late.append(max(0.0, (now - last[0]) * 1000 - TICK_MS))
        last[0] = now

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    start_epoch = window.worker.worker.trainer.epoch
    frames0 = window.frames_drawn
    last[0] = time.perf_counter()
    timer.start()
    window.actions_.play.trigger()
    t1 = time.perf_counter()
    _wait(app, lambda: False, play_s)
    elapsed = time.perf_counter() - t1
    window.actions_.play.trigger()
    timer.stop()
    _wait(app, lambda: not window.worker.worker.playing, 10.0)
    epochs = window.worker.worker.trainer.epoch - start_epoch
    lat = np.array(late) if late else np.zeros(1)
    return {"n": n, "apply_s": apply_s, "fps": (window.frames_drawn - frames0) / elapsed,
            "p50": float(np.percentile(lat, 50)), "p99": float(np.percentile(lat, 99)),
            "max": float(lat.max()), "eps": epochs / elapsed}


FIELDS = ("apply_s", "fps", "p50", "p99", "max", "eps")


def run_child(tree: Path, n: int, seconds: float) -> tuple[dict | None, str]:
    """One size in a fresh process of ``tree``'s benchmark: its figures (None if it failed), its BLAS line."""
    cmd = [sys.executable, str(tree / "bench" / "gui_scale.py"), "--sizes", str(n), "--seconds", str(seconds)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tree,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    blas = next((line for line in out.splitlines() if line.startswith("BLAS:")), "BLAS: ?")
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 7 and parts[0].replace(",", "") == str(n):
            return dict(zip(FIELDS, map(float, parts[1:]), strict=True)), blas
    return None, blas


def _spread(values: list[float]) -> str:
    v = [x for x in values if np.isfinite(x)]
    if not v:
        return "–"
    return f"{np.median(v):.3g} [{min(v):.3g}–{max(v):.3g}]"


def compare(sizes: list[int], seconds: float, rounds: int, against: Path | None) -> int:
    """Fresh processes, interleaved rounds; median [min–max] per tree and per-round ratios."""
    here = Path(__file__).resolve().parents[1]
    trees = {"this": here} | ({"against": against.resolve()} if against is not None else {})
    res: dict[tuple[str, int], list[dict]] = {}
    for r in range(rounds):
        for n in sizes:
            order = list(trees) if r % 2 == 0 else list(reversed(trees))
            for name in order:
                fig, blas = run_child(trees[name], n, seconds)
                if r == 0 and n == sizes[0]:
                    print(f"{name} ({trees[name]}): {blas}", flush=True)
                if fig is not None:
                    res.setdefault((name, n), []).append(fig)
                    print(f"  round {r + 1} {name:>7} {n:>7,}: " + "  ".join(
                        f"{k} {fig[k]:.3g}" for k in FIELDS), flush=True)
    print(f"\n{rounds} rounds, {seconds:g} s of play each, median [min–max]")
    for n in sizes:
        for name in trees:
            runs = res.get((name, n), [])
            print(f"{n:>8,} {name:>7}: Apply {_spread([x['apply_s'] for x in runs])} s, "
                  f"{_spread([x['fps'] for x in runs])} frames/s, "
                  f"p99 {_spread([x['p99'] for x in runs])} ms, "
                  f"{_spread([x['eps'] for x in runs])} epochs/s")
        if against is not None:
            a, b = res.get(("this", n), []), res.get(("against", n), [])
            pairs = list(zip(a, b, strict=False))
            if pairs:
                print(f"{'':>8} this/against per round: Apply "
                      f"{_spread([x['apply_s'] / y['apply_s'] for x, y in pairs])}, frames/s "
                      f"{_spread([x['fps'] / y['fps'] for x, y in pairs])}, p99 "
                      f"{_spread([x['p99'] / y['p99'] for x, y in pairs])}, epochs/s "
                      f"{_spread([x['eps'] / y['eps'] for x, y in pairs])}")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default=",".join(map(str, SIZES)), help="data-set sizes, comma-separated")
    p.add_argument("--seconds", type=float, default=PLAY_S, help="seconds of play per size")
    p.add_argument("--rounds", type=int, default=1, help="fresh-process rounds per size (median, min–max)")
    p.add_argument("--against", type=Path, default=None, help="another checkout to run interleaved")
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.rounds > 1 or args.against is not None:
        return compare(sizes, args.seconds, max(1, args.rounds), args.against)
    from threadpoolctl import threadpool_limits

    from gui.window.screenshot import build_window_offscreen

    with threadpool_limits(1, "blas"):
        print(f"BLAS: {blas_report()}")
        window = build_window_offscreen(1, size=(1366, 768))
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        print(f"{'images':>8} {'Apply→drawn s':>14} {'frames/s':>9} {'p50 ms':>7} {'p99 ms':>7} "
              f"{'max ms':>7} {'epochs/s':>9}")
        try:
            for n in sizes:
                r = measure(window, app, n, args.seconds)
                print(f"{r['n']:>8,} {r['apply_s']:>14.2f} {r['fps']:>9.1f} {r['p50']:>7.1f} "
                      f"{r['p99']:>7.1f} {r['max']:>7.1f} {r['eps']:>9.1f}", flush=True)
        finally:
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
