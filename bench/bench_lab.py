"""Image lab, change → drawn, in the real widget: ``python bench/bench_lab.py [--rounds N]``.

Opens ``gui.image_lab.lab.ImageLab`` offscreen (1366×768), loads the brick wall tiled to
512², 2048² and 4096² (greyscale), and times what a learner waits for: from a change in
the controls (one step of the bias spin box: a discrete change, applied at once) until
the new maps are on screen — the worker's result is shown AND every stage view has
painted (``viewport().repaint()``, synchronous, so pyqtgraph's image rendering is
counted). Each size is measured with and without pooling (2×2/2 max pooling plus
depth pooling, three kernels: sobel-x, sobel-y, laplacian), and the configurations are
interleaved round by round so the shared machine's load drifts over all of them alike.

Targets (issue 13): under 100 ms at 2048², under 150 ms at 4096².
Not a test: figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads: as the bench's other figures
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

SIZES = (512, 2048, 4096)
TARGET_MS = {512: 100.0, 2048: 100.0, 4096: 150.0}
ROUNDS = 5
THREE = ("sobel-x", "sobel-y", "laplacian")


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
    for view in lab.findChildren(pg.GraphicsView):
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
    configs = [(n, pooled) for n in SIZES for pooled in (False, True)]
    times: dict[tuple[int, bool], list[float]] = {c: [] for c in configs}
    step = [0]

    def settings_for(pooled: bool):
        base = lab.settings().with_(padding=1, stride=1, activation="none", greyscale_first=True)
        if pooled:
            return base.with_(kernels=THREE, pool_op="max", pool_size=2, pool_stride=2,
                              depth_pool_op="max")
        return base.with_(kernels=("sobel-x",), pool_op=None, depth_pool_op=None)

    def bias_step() -> None:
        step[0] += 1
        lab.controls.bias.setValue(round(0.1 * (step[0] % 7), 2))

    for r in range(rounds + 1):  # round 0 warms up (first paint, FFT plans, page faults)
        for n, pooled in configs:
            lab.set_loaded(images[n])
            lab.set_settings(settings_for(pooled))
            lab.wait_idle(60_000)
            measure_once(lab, app, bias_step)  # a first change after loading: not timed
            ms = measure_once(lab, app, bias_step)
            if r:
                times[(n, pooled)].append(ms)
    lab.shutdown()
    lab.close()

    import numpy

    lines = [f"numpy {numpy.__version__}; {thread_settings()}; {rounds} rounds interleaved, median "
             f"(min–max) ms from a bias step to every stage painted, window 1366×768 offscreen"]
    for n, pooled in configs:
        t = times[(n, pooled)]
        what = "3 kernels + max pool 2×2/2 + depth pool" if pooled else "1 kernel (sobel-x)"
        verdict = "ok" if statistics.median(t) < TARGET_MS[n] else "OVER"
        lines.append(f"{n:>4}² grey, {what:<40} {statistics.median(t):7.1f} ms "
                     f"({min(t):.1f}–{max(t):.1f})   target < {TARGET_MS[n]:.0f} ms: {verdict}")
    return lines


if __name__ == "__main__":
    n = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else ROUNDS
    for line in main(n):
        print(line, flush=True)
