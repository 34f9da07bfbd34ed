"""Image lab, change → drawn, in the real widget: ``python bench/bench_lab.py [--rounds N]``.

Opens ``gui.image_lab.lab.ImageLab`` offscreen (1366×768), loads the brick wall tiled to
512², 2048² and 4096² (greyscale), and times what a learner waits for: from a change in
the controls (one step of the bias spin box: a discrete change, applied at once) until
the new maps are on screen — the worker's result is shown AND the stage view has
painted (``repaint()``, synchronous, so drawing the maps is counted). Three settings per
size: sobel-x alone, sobel-x then 2×2/2 max pooling, and three kernels (sobel-x, sobel-y,
laplacian) with max pooling and depth pooling. The configurations are interleaved round by
round so the shared machine's load drifts over all of them alike.

Targets (issue 13): under 100 ms at 2048², under 150 ms at 4096².
Not a test: figures depend on the machine and on what else runs on it.

Dec 2, third session, another host (AVX-512, 2 MiB L2; quiet, load ≈ 0.5), 5 rounds, the same
run alternated twice: with the worker filtering band after band and pooling on the same thread,
against pooling each band (and making its display images) on a second thread while the next
band is filtered (``gui/image_lab/worker.py`` ``PARALLEL``, now on where there are two cores):

=================================================  =====================  =====================
bias step → all stages painted, grey               one thread             two threads
=================================================  =====================  =====================
2048² 3 kernels + max pool 2×2/2 + depth pool      51.3, 51.6 ms          44.7, 44.9 ms
4096² 1 kernel + max pool 2×2/2                    54.7, 53.6 ms          49.5, 49.7 ms
4096² 3 kernels + max pool 2×2/2 + depth pool      157.4, 160.4 ms (over) 132.2, 132.9 ms
=================================================  =====================  =====================

(The blocks sized to the L2, see bench_conv.py, gave 157 against 162 ms on the last row.)

Measured Dec 2, second half, after the 3×3 conv2d work (see bench_conv.py), load ≈ 2.2, 5 rounds,
OpenBLAS × 1: "before" is core/image_ops of commit 20de0bf with today's gui (a copy in /tmp),
alternated with "after" (fc2135b for the first three runs, 3bd63f1 for the last two; each
cell: the runs' medians, in order):

=================================================  =========================  =========================
bias step → all stages painted, grey               before (20de0bf)           after
=================================================  =========================  =========================
2048² 1 kernel (sobel-x)                           21.4, 23.0, 17.5, 21.7,    17.5, 36.3, 18.8, 19.7,
                                                   20.6 ms                    22.8 ms
2048² 3 kernels + max pool 2×2/2 + depth pool      53.2, 59.0, 44.7, 56.6,    51.8, 85.2, 44.3, 49.2,
                                                   52.9 ms                    52.9 ms (< 100)
4096² 1 kernel + max pool 2×2/2                    59.8, 94.4, 38.9, 47.2,    50.8, 72.6, 51.3, 49.2,
                                                   55.8 ms                    54.8 ms
4096² 3 kernels + max pool 2×2/2 + depth pool      136.9, 258.7, 112.4,       123.6, 180.5, 143.0,
                                                   150.0, 140.5 ms            137.5, 154.9 ms
=================================================  =========================  =========================

Wall clock here is ruled by the other programs; the lab's job alone (conv2d_plan with three 3×3
kernels, finite pixels known, run band by band with BandPooling's max pool and depth pool, as
``gui.image_lab.pipeline`` does), old and new code in one process, 9 interleaved rounds of thread
CPU time: 2048² 41.9 → 39.6 and 36.8 → 33.0 ms (old/new 1.08×, 1.05×), 4096² 138.3 → 123.2 and
106.8 → 103.9 ms (1.11×, 1.02×). No worse, slightly better: the lab passes ``finite`` (known from
the image's range), so it never paid the NaN check that the standalone 3×3 figures lost, and its
kernels (Sobel, Laplacian) were already passes of ±1 weights; the borders (~3 ms at 4096² over 33
bands of three maps) and pooling (~25–30 ms for three 4096² maps) are what else it spends.

Earlier, Dec 2 on the shared 2-core machine (other agents' jobs running), OpenBLAS × 1 thread
as printed, median (min–max) of 5 rounds; "before" is commit 0e27c44 run from a copy in /tmp,
old and new runs alternated (each cell: the medians of the runs, in order):

=================================================  =========================  =========================
bias step → all stages painted, grey               before (0e27c44)           after
=================================================  =========================  =========================
load ≈ 3.2 (02:19)
2048² 1 kernel (sobel-x)                           19.7, 16.7 ms              22.8, 27.0 ms
2048² 3 kernels + max pool 2×2/2 + depth pool      61.3, 77.0 ms              39.7, 50.9 ms
4096² 1 kernel + max pool 2×2/2                    51.1, 83.2 ms              44.3, 36.4 ms
4096² 3 kernels + max pool 2×2/2 + depth pool      133.4, 141.6 ms            115.8, 119.8 ms (< 150)
load ≈ 3.7 (02:07–02:09)
2048² 3 kernels + max pool 2×2/2 + depth pool      97.9, 69.8, 78.0 ms        77.2, 70.1, 90.1 ms
4096² 3 kernels + max pool 2×2/2 + depth pool      283.2, 247.3, 261.5 ms     285.1, 207.1, 145.4 ms
=================================================  =========================  =========================

The wall clock is ruled by the other programs (the worker's thread waits for a core); CPU time
is steadier. Inside the window (4096² brick, three kernels, thread CPU of the job, 6 changes):
run_pipeline 91–104 ms + display.prepare 5 ms after, against 91–120 + 30–38 ms before; the GUI
thread spends ~5 ms. The job alone (random 4096², 7 alternated processes, load 3–4): 181.4 →
113.6 ms (per-round ratio 1.57×, 1.03–1.99); 2048²: 57.0 → 39.9 ms (1.50×). What is left at
4096² with three kernels is NumPy's arithmetic and memory traffic (CPU ms, load 2): conv 57
(≈ 11 array passes over 16.7 M pixels, 200 MB of maps written), exact ranges 13–16, display sums
20, pooling and depth pooling 16, colour scales and pictures 6. ``run_pipeline(parallel=True)``
moves pooling and the display sums to a second thread (−40 ms of the job thread's CPU) but
showed no wall-clock gain with both cores shared (4096² three: 113, 141 ms against 98, 147 ms
without, alternated), so the worker does not use it.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # set before NumPy loads, so it applies (printed)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

SIZES = (512, 2048, 4096)
TARGET_MS = {512: 100.0, 2048: 100.0, 4096: 150.0}
ROUNDS = 5
THREE = ("sobel-x", "sobel-y", "laplacian")
CONFIGS = {"plain": "1 kernel (sobel-x)", "pool": "1 kernel + max pool 2×2/2",
           "three": "3 kernels + max pool 2×2/2 + depth pool"}


def thread_settings() -> str:
    """The BLAS / OpenMP pools in this process and their thread counts, as threadpoolctl sees them."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed: thread settings unknown"
    pools = [f"{i['internal_api']} {i.get('version') or ''} × {i['num_threads']}"
             for i in threadpool_info()]
    return "threads in effect: " + ("; ".join(pools) or "no BLAS pool loaded")


def brick_tiled(side: int) -> np.ndarray:
    from gui.image_lab.image_io import load_image
    from gui.image_lab.lab import sample_path

    brick = load_image(sample_path("brick.png")).array
    reps = -(-side // brick.shape[0])
    return np.ascontiguousarray(np.tile(brick, (reps, reps))[:side, :side])


def measure_once(lab, app, change) -> float:
    """ms from ``change()`` until the result is drawn and every stage view has painted."""
    import pyqtgraph as pg
    from PySide6.QtCore import QEventLoop, QTimer

    shown = []
    loop = QEventLoop()

    def on_shown(_result) -> None:
        shown.append(time.perf_counter())
        loop.quit()

    lab.resultShown.connect(on_shown)
    guard = QTimer(singleShot=True, interval=30_000)
    guard.timeout.connect(loop.quit)
    t0 = time.perf_counter()
    change()
    guard.start()
    if not shown:
        loop.exec()
    guard.stop()
    lab.resultShown.disconnect(on_shown)
    if not shown:
        raise RuntimeError("no result within 30 s")
    app.processEvents()  # what a real event loop does next: pending layout, update() calls
    lab.view.repaint()  # synchronous: the view and every map in it paint now
    for view in lab.findChildren(pg.GraphicsView):  # the pyqtgraph view of earlier versions
        if view.isVisible():
            view.viewport().repaint()
    return (time.perf_counter() - t0) * 1000


def main(rounds: int = ROUNDS) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from gui.image_lab.image_io import LoadedImage
    from gui.image_lab.lab import ImageLab

    app = QApplication.instance() or QApplication([])
    lab = ImageLab(load_default=False)
    lab.show_dialogs = False
    lab.resize(1366, 768)
    lab.show()
    images = {n: LoadedImage(brick_tiled(n), Path(f"brick{n}.png"), (n, n), False, "") for n in SIZES}
    configs = [(n, kind) for n in SIZES for kind in CONFIGS]
    times: dict[tuple[int, str], list[float]] = {c: [] for c in configs}
    step = [0]

    def settings_for(kind: str):
        base = lab.settings().with_(padding=1, stride=1, activation="none", greyscale_first=True,
                                    kernels=("sobel-x",), pool_op=None, depth_pool_op=None)
        if kind == "pool":
            return base.with_(pool_op="max", pool_size=2, pool_stride=2)
        if kind == "three":
            return base.with_(kernels=THREE, pool_op="max", pool_size=2, pool_stride=2, depth_pool_op="max")
        return base

    def bias_step() -> None:  # one click on the bias spin box's arrow (up, then down, …)
        step[0] += 1
        lab.controls.bias.stepBy(1 if step[0] % 2 else -1)

    for r in range(rounds + 1):  # round 0 warms up (first paint, FFT plans, page faults)
        for n, kind in configs:
            lab.set_loaded(images[n])
            lab.set_settings(settings_for(kind))
            lab.wait_idle(60_000)
            measure_once(lab, app, bias_step)  # a first change after loading: not timed
            ms = measure_once(lab, app, bias_step)
            if r:
                times[(n, kind)].append(ms)
    lab.shutdown()
    lab.close()

    import numpy

    lines = [f"numpy {numpy.__version__}; {thread_settings()}; {rounds} rounds interleaved, median "
             f"(min–max) ms from a bias step to every stage painted, window 1366×768 offscreen"]
    for n, kind in configs:
        t = times[(n, kind)]
        what = CONFIGS[kind]
        verdict = "ok" if statistics.median(t) < TARGET_MS[n] else "OVER"
        lines.append(f"{n:>4}² grey, {what:<40} {statistics.median(t):7.1f} ms "
                     f"({min(t):.1f}–{max(t):.1f})   target < {TARGET_MS[n]:.0f} ms: {verdict}")
    return lines


if __name__ == "__main__":
    n = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else ROUNDS
    for line in main(n):
        print(line, flush=True)
