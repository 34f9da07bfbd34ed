"""The window while training flat out: is the GUI responsive, fluid, and is training still fast?

``python bench/bench_gui.py`` opens the main window offscreen on experiment 2 and plays flat out
for ~5 s, measuring three things at once, because they trade against each other (the GIL is
shared by the worker's NumPy calls and the GUI's drawing — docs/pitfalls.md):

* GUI-thread timer lateness: a 10 ms QTimer in the GUI thread; how late each tick is
  (target p99 < 50 ms);
* redraw rate: frames the window drew per second (target ≥ 25);
* training throughput: epochs/s, against headless ``Trainer.run`` measured in the same
  process just before and just after (target ≥ 50 % of it).

Not a test: the figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from core import Network, Trainer, chapter_dataset  # noqa: E402

PLAY_S = 5.0
HEADLESS_S = 1.5
TICK_MS = 10


def headless_rate(seconds: float = HEADLESS_S) -> float:
    """Epochs per second of ``Trainer.run`` on experiment 2 with nothing else in the process running."""
    X, y = chapter_dataset()
    t = Trainer(Network(), X, y, lr=0.2)
    t.run(200)  # warm-up
    t0 = time.perf_counter()
    start = t.epoch
    while time.perf_counter() - t0 < seconds:
        t.run(10**9, time_budget=0.05)
    return (t.epoch - start) / (time.perf_counter() - t0)


def measure_window(seconds: float = PLAY_S, chunk_s: float | None = None,
                   pause_ms: int | None = None, plots: bool = True) -> dict[str, float]:
    """Play experiment 2 flat out in the offscreen window; return lateness, redraw and epoch rates.

    ``plots=False`` leaves the training plots undrawn (diagnosis: how much of the cost is theirs).
    """
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from gui.app import build_window_offscreen, wait_until

    window = build_window_offscreen(experiment=2)
    if not plots:
        window.plots.show_plot_data = lambda *_a, **_k: None  # type: ignore[method-assign]
    worker = window.worker.worker
    if chunk_s is not None:
        worker.chunk_s = chunk_s
    if pause_ms is not None:
        worker.pause_ms = pause_ms
    window.worker.set_epoch_limit(10**9)
    wait_until(lambda: worker.epoch_limit == 10**9, 5.0)

    late: list[float] = []
    clock = QElapsedTimer()
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        late.append(max(0.0, now - last[0] - TICK_MS))
        last[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)

    frames0 = window.frames_drawn
    epoch0 = worker.trainer.epoch
    window.actions_.play.setChecked(True)
    clock.start()
    timer.start(TICK_MS)
    t0 = time.perf_counter()
    loop = QEventLoop()  # a real event loop, as in the app: idle waits release the GIL
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    elapsed = time.perf_counter() - t0
    timer.stop()
    frames = window.frames_drawn - frames0
    epochs = worker.trainer.epoch - epoch0
    window.actions_.play.setChecked(False)
    window.close()
    window.deleteLater()
    arr = np.array(late[1:] or [0.0])
    return {
        "p50": float(np.percentile(arr, 50)),
        "p99": float(np.percentile(arr, 99)),
        "max": float(arr.max()),
        "ticks": float(len(arr)),
        "fps": frames / elapsed,
        "epochs_per_s": epochs / elapsed,
        "chunk_ms": worker.chunk_s * 1000,
        "pause_ms": float(worker.pause_ms),
    }


def main(seconds: float = PLAY_S) -> list[str]:
    """Run the benchmark once and return its report lines."""
    before = headless_rate()
    m = measure_window(seconds)
    after = headless_rate()
    headless = (before + after) / 2
    ratio = m["epochs_per_s"] / headless
    d = measure_window(seconds / 2, plots=False)
    ok = lambda good: "ok" if good else "MISSED"  # noqa: E731
    return [
        f"window playing experiment 2 flat out for {seconds:.0f} s "
        f"(chunk {m['chunk_ms']:.0f} ms, pause {m['pause_ms']:.0f} ms between chunks)",
        f"GUI timer lateness ({TICK_MS} ms timer, {m['ticks']:.0f} ticks): p50 {m['p50']:.1f} ms, "
        f"p99 {m['p99']:.1f} ms, max {m['max']:.1f} ms   [target p99 < 50 ms: {ok(m['p99'] < 50)}]",
        f"redraw rate: {m['fps']:.1f} frames/s   [target >= 25: {ok(m['fps'] >= 25)}]",
        f"training: {m['epochs_per_s']:,.0f} epochs/s in the window vs {headless:,.0f} headless "
        f"(before {before:,.0f}, after {after:,.0f}) = {ratio:.0%}   [target >= 50%: {ok(ratio >= 0.5)}]",
        f"diagnosis, same window with the training plots left undrawn ({seconds / 2:.1f} s): lateness "
        f"p50 {d['p50']:.1f} / p99 {d['p99']:.1f} / max {d['max']:.1f} ms, {d['fps']:.1f} frames/s, "
        f"{d['epochs_per_s']:,.0f} epochs/s = {d['epochs_per_s'] / headless:.0%} of headless",
    ]


if __name__ == "__main__":
    for line in main():
        print(line, flush=True)
