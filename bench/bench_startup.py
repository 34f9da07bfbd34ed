"""From launch to the first painted window: how long a learner waits (goal < 600 ms here).

``python bench/bench_startup.py`` starts the app in fresh processes (offscreen), each printing
when the main window has painted for the first time, and reports the wall time from the
process's start — interpreter start-up and imports included — against a bare PySide6 +
pyqtgraph window measured the same way, interleaved, with per-round ratios.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 7

APP = r"""
import os, sys
sys.path.insert(0, %r)
from gui.window.app import application
app = application(["cnn-visualiser"])
from gui.window.main_window import MainWindow
w = MainWindow(restore=False)
"""

BARE = r"""
import os, sys
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(["bare"])
w = QMainWindow(); w.setCentralWidget(pg.PlotWidget()); w.resize(1366, 768)
"""

# Appended to both: print "painted" at the first paint event anywhere in the app, and leave.
SPY = r"""
from PySide6.QtCore import QEvent, QObject
class Spy(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            print("painted", flush=True); os._exit(0)
        return False
spy = Spy(); app.installEventFilter(spy)
w.show()
app.exec()
"""


def launch(code: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(Path("/tmp/cnnvis-bench-home")))
    Path(env["HOME"]).mkdir(exist_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    for line in proc.stdout:
        if line.startswith("painted"):
            elapsed = time.perf_counter() - t0
            break
    else:
        elapsed = float("nan")
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
    return elapsed


def main(rounds: int = ROUNDS) -> list[str]:
    """The figures as lines (``bench/run_all.py`` prints them)."""
    app_t, bare_t, ratios = [], [], []
    for _ in range(rounds):
        a = launch(APP % str(ROOT) + SPY)
        b = launch(BARE + SPY)
        app_t.append(a)
        bare_t.append(b)
        ratios.append(a / b)
    med = statistics.median
    lo, hi = min(app_t) * 1000, max(app_t) * 1000
    return [
        f"first painted window, {rounds} interleaved rounds (offscreen):",
        f"  app:  median {med(app_t) * 1000:.0f} ms  (min {lo:.0f}, max {hi:.0f})",
        f"  bare PySide6 + pyqtgraph window: median {med(bare_t) * 1000:.0f} ms",
        f"  ratio app / bare: median {med(ratios):.2f}× (min {min(ratios):.2f}, max {max(ratios):.2f})",
    ]


if __name__ == "__main__":
    print("\n".join(main()))
