"""The window at every data-set size it accepts: is Apply quick, and does it stay fluid while training?

``python bench/gui_scale.py`` opens the main window offscreen and, for synthetic data sets of 10,
1,000, 10,000 and 100,000 images (5 values each, the chapter's network), measures:

* Apply → drawn: seconds from pressing Apply to the first drawn frame of the new network
  (goal < 2 s at 100,000);
* while playing flat out for ``PLAY_S`` seconds: frames the window drew per second (goal ≥ 20)
  and the lateness of a 10 ms QTimer on the GUI thread (goal p99 < 50 ms), and epochs per second.

BLAS is pinned to one thread (threadpoolctl) as the app's trainer does for large shapes; the
settings in effect are printed. Not a test: the figures depend on the machine and its load —
run it on a quiet machine and read the figures of one run together.
"""

from __future__ import annotations

import argparse
import os
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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default=",".join(map(str, SIZES)), help="data-set sizes, comma-separated")
    p.add_argument("--seconds", type=float, default=PLAY_S, help="seconds of play per size")
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
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
