"""The "CNN on images" tab at flat out: how soon does the digits net reach 90 %; does the GUI stay responsive?

``python bench/bench_image_cnn_gui.py [--rounds N] [--target 0.9]`` opens the real main window
offscreen (1366×768), shows the CNN tab and presses Play at flat out on the digits
(``conv:8:3:1:1,relu,maxpool:2,dense:10``, Adam, η 0.01, batch 32, seed 0), and measures at once:

* seconds from Play until the validation accuracy the tab shows (``cnnAccuracyLabel``'s
  snapshot) first reaches the target (issue 15's goal: 90 % in < 10 s);
* GUI-thread timer lateness: a 10 ms QTimer on the GUI thread records how late each tick fires
  (goal: p99 < 50 ms), over the whole time to the target and over a further 3 s of play;
* frames drawn per second and batches trained per second, beside headless ``step_batches``
  in the same process.

BLAS is pinned to one thread by the trainer itself (``ImageTrainer.blas_threads``, via
threadpoolctl); the thread settings in effect are printed. Rounds alternate nothing else (one
configuration), so quote the median. Not a test: the figures depend on the machine's load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

TICK_MS = 10
EXTRA_S = 3.0


def blas_report() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed: BLAS threads not pinned"
    from core.image_cnn.trainer import ImageTrainer

    info = [f"{i['internal_api']} {i.get('version')} ({i['num_threads']} threads by default)"
            for i in threadpool_info() if i["user_api"] == "blas"]
    held = ImageTrainer.blas_threads
    return f"BLAS: {', '.join(info) or 'none found'}; the trainer holds it to {held} thread(s)"


def headless_batches_per_s(seconds: float = 1.5) -> float:
    from core.image_cnn import ImageCNN, ImageTrainer, digits, train_val_split

    X, y = digits()
    a, b, c, d = train_val_split(X, y)
    t = ImageTrainer(ImageCNN((8, 8), ["conv:8:3:1:1", "relu", "maxpool:2", "dense:10"]), a, b, c, d, lr=0.01)
    t.step_batches(20)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        n += t.step_batches(10**9, deadline=time.perf_counter() + 0.05)
    return n / (time.perf_counter() - t0)


def one_round(app, target: float, no_draw: bool = False) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer

    from gui import MainWindow

    folder = tempfile.mkdtemp()
    w = MainWindow(settings=QSettings(os.path.join(folder, "b.ini"), QSettings.Format.IniFormat),
                   restore=False, load_image=False)
    w.resize(1366, 768)
    w.show()
    w.tabs.setCurrentWidget(w.image_cnn)
    tab = w.image_cnn
    if no_draw:
        tab._draw = lambda m: None
    loop = QEventLoop()
    QTimer.singleShot(800, loop.quit)
    loop.exec()
    tab.bar.epoch_limit.setValue(0)
    assert tab.bar.speed.value() == tab.bar.speed.maximum()  # flat out
    late: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: late.append(max(0.0, clock.restart() - TICK_MS)))
    result: dict[str, float] = {}
    frames0 = tab.frames_drawn

    def check() -> None:
        snap = tab.moment.moment.snapshot
        now = time.perf_counter()
        if "reached_s" not in result and snap is not None and snap.live and snap.accuracy >= target:
            result["reached_s"] = now - start
            result["late_to_target"] = len(late)
            QTimer.singleShot(int(EXTRA_S * 1000), loop.quit)
        if now - start > 60:
            loop.quit()

    tab.moment.changed.connect(check)
    clock.start()
    timer.start()
    start = time.perf_counter()
    tab.bar.play.trigger()
    loop.exec()
    elapsed = time.perf_counter() - start
    timer.stop()
    tab.bar.play.trigger()
    steps = tab.handle.worker._position()
    arr = np.array(late)
    to_target = arr[: int(result.get("late_to_target", len(arr)))]
    out = {
        "reached_s": result.get("reached_s", float("nan")),
        "epoch_at_target": float("nan"),
        "p99_to_target_ms": float(np.percentile(to_target, 99)) if to_target.size else float("nan"),
        "p99_ms": float(np.percentile(arr, 99)) if arr.size else float("nan"),
        "max_ms": float(arr.max()) if arr.size else float("nan"),
        "fps": (tab.frames_drawn - frames0) / elapsed,
        "batches_per_s": steps / elapsed,
    }
    w.close()
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--target", type=float, default=0.9)
    p.add_argument("--no-draw", action="store_true", help="diagnosis: the tab draws nothing")
    args = p.parse_args()
    from gui.window.app import application

    app = application()
    print(blas_report())
    print(f"headless step_batches: {headless_batches_per_s():,.0f} batches/s (45 batches an epoch)")
    rows = []
    for r in range(args.rounds):
        res = one_round(app, args.target, args.no_draw)
        rows.append(res)
        print(f"round {r + 1}: {100 * args.target:.0f} % after {res['reached_s']:.2f} s of Play; lateness "
              f"p99 {res['p99_to_target_ms']:.1f} ms until then, p99 {res['p99_ms']:.1f} ms / max "
              f"{res['max_ms']:.0f} ms over {res['reached_s'] + EXTRA_S:.1f} s; {res['fps']:.0f} frames/s; "
              f"{res['batches_per_s']:,.0f} batches/s")
    med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    print(f"median of {args.rounds}: {med['reached_s']:.2f} s to {100 * args.target:.0f} % (goal < 10 s), "
          f"GUI p99 lateness {med['p99_ms']:.1f} ms (goal < 50 ms), {med['fps']:.0f} frames/s, "
          f"{med['batches_per_s']:,.0f} batches/s")


if __name__ == "__main__":
    main()
