"""The window while training flat out: is the GUI responsive, fluid, and is training still fast?

``python bench/bench_gui.py`` opens the main window offscreen on experiment 2 and plays flat out
for ~5 s, measuring three things at once, because they trade against each other (the GIL is
shared by the worker's NumPy calls and the GUI's drawing — docs/pitfalls.md):

* GUI-thread timer lateness: a 10 ms QTimer in the GUI thread; how late each tick is
  (target p99 < 50 ms);
* redraw rate: frames the window drew per second (every view draws every frame; the worker
  spaces frames by what drawing them costs, gui/training/runner.py ``pace_by_gui``), and how
  often the training plots redrew their curves (the same, unless ``plot_hz`` caps them);
* training throughput: epochs/s, against headless ``Trainer.run`` measured in the same
  process just before and just after (target ≥ 50 % of it). Two headless figures: the rate of
  a fresh run for ``HEADLESS_S`` (the original measure), and the time headless training takes
  for exactly the epochs the window trained (same start and end epoch, in 50 ms chunks). The
  second is the fair one: the core trains the chapter's configuration about twice as fast up
  to epoch 100,000 (its fused path records every epoch; past it the history thins and the
  ordinary batch loop runs), so a 1.5 s headless run, which ends near epoch 120,000, is
  compared with a window run that spends much of its time past 100,000.

``python bench/bench_gui.py --sweep`` plays a few chunk/pause settings one after the other in the
same process (the machine's load drifts, so compare figures from one run only).

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


def headless_epochs_per_s(start: int, end: int) -> float:
    """Epochs per second of headless ``Trainer.run`` (50 ms chunks) over epochs ``start`` … ``end``,
    the epochs a window run trained, so both are measured on the same stretch of the run."""
    X, y = chapter_dataset()
    t = Trainer(Network(), X, y, lr=0.2)
    t.run(start)
    t0 = time.perf_counter()
    while t.epoch < end:
        t.run(end - t.epoch, time_budget=0.05)
    return (end - start) / (time.perf_counter() - t0)


def measure_window(seconds: float = PLAY_S, chunk_s: float | None = None,
                   pause_ms: int | None = None, plots: bool = True,
                   plot_hz: float | None = -1.0, max_wait_s: float | None = None,
                   max_fps: float | None = None) -> dict[str, float]:
    """Play experiment 2 flat out in the offscreen window; return lateness, redraw and epoch rates.

    ``plots=False`` leaves the training plots undrawn (diagnosis: how much of the cost is theirs);
    ``plot_hz`` overrides the plots' redraw cap (None: redraw on every frame), ``max_wait_s``
    how long the worker holds training back while the GUI draws a frame, ``max_fps`` the
    worker's frame cap.
    """
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from gui.window.screenshot import build_window_offscreen, wait_until

    window = build_window_offscreen(experiment=2)
    if not plots:
        window.plots._draw = lambda *_a, **_k: None  # type: ignore[method-assign]
    worker = window.worker.worker
    if chunk_s is not None:
        worker.chunk_s = chunk_s
    if pause_ms is not None:
        worker.pause_ms = pause_ms
    if max_fps is not None:
        worker.max_fps = max_fps
    if plot_hz is None or plot_hz >= 0:
        window.plots.max_rate = plot_hz
    if max_wait_s is not None:
        worker.max_gui_wait_s = max_wait_s
    window.worker.set_epoch_limit(10**9)
    wait_until(lambda: worker.epoch_limit == 10**9, 5.0)
    window.actions_.flat_out.trigger()  # the speed slider to its end: train as fast as the window allows

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
    redraws0 = window.plots.redraws
    epoch0 = worker.trainer.epoch
    cpu0 = time.thread_time()  # the GUI thread's CPU time
    window.actions_.play.setChecked(True)
    clock.start()
    timer.start(TICK_MS)
    t0 = time.perf_counter()
    loop = QEventLoop()  # a real event loop, as in the app: idle waits release the GIL
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    elapsed = time.perf_counter() - t0
    gui_cpu = time.thread_time() - cpu0
    timer.stop()
    frames = window.frames_drawn - frames0
    redraws = window.plots.redraws - redraws0
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
        "plot_fps": redraws / elapsed,
        "gui_cpu": gui_cpu / elapsed,
        "gui_ms_per_frame": gui_cpu * 1000 / max(frames, 1),
        "epochs_per_s": epochs / elapsed,
        "epoch0": float(epoch0),
        "epoch1": float(epoch0 + epochs),
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
    same = headless_epochs_per_s(int(m["epoch0"]), int(m["epoch1"]))
    same_ratio = m["epochs_per_s"] / same
    d = measure_window(seconds / 2, plots=False)
    ok = lambda good: "ok" if good else "MISSED"  # noqa: E731
    return [
        f"window playing experiment 2 flat out for {seconds:.0f} s "
        f"(chunk {m['chunk_ms']:.0f} ms, pause {m['pause_ms']:.0f} ms between chunks)",
        f"GUI timer lateness ({TICK_MS} ms timer, {m['ticks']:.0f} ticks): p50 {m['p50']:.1f} ms, "
        f"p99 {m['p99']:.1f} ms, max {m['max']:.1f} ms   [target p99 < 50 ms: {ok(m['p99'] < 50)}]",
        f"redraw rate: {m['fps']:.1f} frames/s   [target >= 25: {ok(m['fps'] >= 25)}]; "
        f"training plots redrawn {m['plot_fps']:.1f}/s; GUI thread busy {m['gui_cpu']:.0%} of a core "
        f"({m['gui_ms_per_frame']:.1f} ms CPU a frame)",
        f"training: {m['epochs_per_s']:,.0f} epochs/s in the window vs {headless:,.0f} headless "
        f"(before {before:,.0f}, after {after:,.0f}) = {ratio:.0%}   [target >= 50%: {ok(ratio >= 0.5)}]",
        f"training, same epochs headless ({m['epoch0']:,.0f} to {m['epoch1']:,.0f}): {same:,.0f} epochs/s; "
        f"window {m['epochs_per_s']:,.0f} = {same_ratio:.0%}   [target >= 50%: {ok(same_ratio >= 0.5)}]",
        f"diagnosis, same window with the training plots left undrawn ({seconds / 2:.1f} s): lateness "
        f"p50 {d['p50']:.1f} / p99 {d['p99']:.1f} / max {d['max']:.1f} ms, {d['fps']:.1f} frames/s, "
        f"{d['epochs_per_s']:,.0f} epochs/s = {d['epochs_per_s'] / headless:.0%} of headless, "
        f"GUI thread busy {d['gui_cpu']:.0%}",
    ]


def sweep(seconds: float = 3.0) -> list[str]:
    """Several pacing settings side by side, headless measured around each (the defaults twice)."""
    settings: list[dict] = [  # measure_window keyword arguments
        {},
        {"plot_hz": None},  # plots redrawn with every frame
        {"max_wait_s": 0.01},
        {"max_wait_s": 0.05},
        {"chunk_s": 0.004},
        {"chunk_s": 0.008},
        {"pause_ms": 1},
        {"pause_ms": 3},
        {},
    ]
    lines = []
    for kw in settings:
        before = headless_rate(0.75)
        m = measure_window(seconds, **kw)
        after = headless_rate(0.75)
        ratio = m["epochs_per_s"] / ((before + after) / 2)
        label = ", ".join(f"{k}={v}" for k, v in kw.items()) or "defaults"
        lines.append(
            f"{label:22s} lateness p50 {m['p50']:5.1f} / p99 {m['p99']:6.1f} / max {m['max']:6.1f} ms, "
            f"{m['fps']:4.1f} frames/s (plots {m['plot_fps']:4.1f}/s), {ratio:4.0%} of headless, "
            f"GUI busy {m['gui_cpu']:4.0%}"
        )
        print(lines[-1], flush=True)
    return lines


if __name__ == "__main__":
    if "--sweep" in sys.argv[1:]:
        sweep()
    else:
        for line in main():
            print(line, flush=True)
