"""Image-lab speed beside its anchors: ``python bench/bench_conv.py [--rounds N] [--cpu] [--calibrate]``
(``--directions``: the alternatives tried on Dec 2, beside conv2d).

Every comparison is interleaved in one process: each round runs the core and every anchor
once, one after the other, and the ratio core / anchor is taken *per round*; the figures are
the median ratio and its min–max over the rounds (the machine is shared, so absolute times
drift; ratios from the same round do not). BLAS is pinned to one thread with threadpoolctl
AFTER NumPy is imported (before, there is no pool to pin) and OpenCV to one thread with
``cv2.setNumThreads(1)``; the settings actually in effect are printed first.

Anchors: ``scipy.ndimage.correlate`` (the test extra), OpenCV's ``filter2D`` and ``resize``
(INTER_AREA) when ``cv2`` is importable (it is not a dependency: ``pip install
opencv-python-headless`` to compare) — each is skipped, and said so, when missing.

Targets (issue 13): conv2d within 2× of ``filter2D`` at 3×3 and within 3× at 21×21; average
pooling as fast as an area resize.

Measured Dec 2 (second half) on the shared 2-core machine (load average 2.1–2.3 from other
agents) with ``--cpu``, 7 rounds, BLAS × 1 and OpenCV 5.0.0 × 1 thread as printed; "before" is
commit 20de0bf run from a copy in /tmp, before and after alternated twice; each cell: the two
runs' median core/filter2D per round, and the min–max over both runs:

=========================================  ========================  ========================
case                                       before (20de0bf)          after
=========================================  ========================  ========================
2048² 3×3 sobel-x                          2.00, 2.01× (1.87–2.38)   1.59, 1.74× (1.44–2.59)
2048² 3×3 gaussian                         2.15, 2.21× (1.86–2.38)   1.64, 1.51× (1.32–2.12)
2048² 3×3 box                              2.18, 2.10× (1.77–2.41)   1.63, 1.65× (1.33–1.76)
2048² 3×3 laplacian                        2.19, 2.17× (1.84–2.40)   1.82, 1.64× (1.42–1.89)
2048² 3×3 random (full rank: matmul)       3.05, 3.08× (2.78–3.87)   2.00, 2.06× (1.77–2.14)
2048² 21×21 random (FFT)                   1.60, 1.80× (1.37–1.90)   1.57, 1.99× (1.52–2.17)
2048² 21×21 gaussian (separable)           1.75, 1.66× (1.61–1.87)   1.49, 1.38× (1.06–1.65)
4096² 3×3 sobel-x                          1.53, 1.37× (1.30–1.61)   1.39, 1.36× (1.16–1.48)
avg pool 2×2/2 of 4096² vs INTER_AREA      1.57, 1.54× (1.46–1.80)   1.52, 1.40× (1.32–1.59)
max pool 2×2/2 of 4096² vs dilate          0.66, 0.64× (0.48–0.79)   0.63, 0.64× (0.61–0.78)
=========================================  ========================  ========================

(The first run of the session, at load 0.2, before any change: 2.08, 2.29, 2.35, 2.08, 3.37×
for the five 3×3 rows, 1.60 and 1.73× at 21×21, 1.50× at 4096², 1.66× for average pooling.
21×21 random by FFT, old against new code in one process, 11 rounds: 1.76× against 1.75×.)

Dec 2, third session, on another host (a Xeon with AVX-512 and a 2 MiB L2 per core; quiet,
load ≈ 0.5), ``--cpu``, 7 rounds, the same OpenCV 5.0.0: here filter2D is much faster against
NumPy than on the first host, and the 3×3 rows that were met there are not. Blocks sized to the
L2 (``core/image_ops/blocks.py``) against the old fixed sizes, alternated twice in one sitting
(each cell: the two runs' medians):

=========================================  ========================  ========================
case                                       1 MiB / 2 MiB blocks      L2-sized (256 / 512 KiB)
=========================================  ========================  ========================
2048² 3×3 sobel-x                          2.56, 2.63×               2.56, 2.39×
2048² 3×3 gaussian                         2.83, 2.71×               2.65, 2.37×
2048² 3×3 box                              2.77, 2.94×               2.30, 2.00×
2048² 3×3 laplacian                        3.28, 3.37×               2.82, 2.67×
2048² 3×3 random (matmul)                  2.99, 2.95×               2.41, 2.22×
2048² 21×21 random (FFT)                   1.47, 1.46×               1.46, 1.50×
2048² 21×21 gaussian (separable)           2.04, 1.93×               1.45, 1.45×
4096² 3×3 sobel-x                          1.58, 1.65×               1.56, 1.53×
avg pool 2×2/2 of 4096² vs INTER_AREA      1.62, 1.69×               1.68, 1.63×
=========================================  ========================  ========================

Dec 2, fourth session, on the AVX-512 host again (quiet, OpenCV 5.0.0 × 1), ``--cpu``, 7 rounds,
the same code, two runs: 3×3 Sobel-x 2.33 / 2.23×, Gaussian 2.41 / 2.38×, box 2.05 / 2.18×,
Laplacian 2.82 / 2.59×, random 2.35 / 2.12×; 21×21 random 1.29 / 1.30×, Gaussian 1.28 / 1.29×;
4096² Sobel-x 1.56 / 1.59×. Smaller taps blocks, 9 rounds beside filter2D: 16 KiB 4.9–6.0×,
32 KiB 3.3–4.3×, 64 KiB 2.8–3.4×, 128 KiB 2.3–3.1×, 256 KiB (what runs) 2.2–3.0×. A bare
``np.add`` of two 256 KiB float32 arrays into a third runs at ~5 G values/s here, in place
(``a += b``) at ~11; numexpr (one pass of ``Σ w·view`` over 4 K-value chunks) took 25 ms for the
random 3×3, 5× conv2d — so not a way either.

What is left is NumPy's own: each pass (a tap, a pair sum, a shifted add) streams three
block-sized arrays through the L2 (0.52 ms per 4 M float32 values at best here, measured with a
bare ``np.add`` loop), and a 3×3 kernel needs 3–5 of them, while filter2D makes one vectorised
pass in registers. Tried and dropped the same day, for a horizontal 3-tap sum on a 64 K block:
one ``np.add.reduce`` over a strided (3, M) view (1.5× slower than two adds), ``matmul`` or
``einsum`` over (M, 3) windows (8–10× slower).

What changed: a full-rank kernel is one small BLAS product per output row (kh·kw multiply-adds
per pixel; the banded matrix over several rows multiplied 2–3× as many, mostly zeros) and
kw − 1 shifted adds; no pass over the image looks for NaN/∞ first (a plan that skips no zero
weight needs none — box, Gaussian, random, and Sobel/Prewitt keeping their 0 as a difference of
pair sums — the others check each chunk's rows once computed, in cache); each pass's ufunc calls
are decided once per plan, in 1 MiB blocks; a weight other than ±1 goes first (no scratch); the
border columns come from strips gathered while each chunk is in cache, by one einsum a side.
The 3×3 target (≤ 2×) is now met by Sobel, Gaussian, box and the Laplacian, and by the
full-rank random kernel only at its edge (2.00–2.06×): its 2 048 row products cost ~3.2 ms
(OpenBLAS at 3×3×2048 per call) and the two shifted adds ~2 ms, against filter2D's ~3 ms.
Average pooling stays ~1.4–1.5× an area resize: the vertical pass reads the 64 MB map once, as
OpenCV does, and NumPy has no cheap pairwise sum of neighbours along a row (strided adds).

``--directions`` (Dec 2, 7 rounds, load ~2; conv2d or pool2d / the alternative per round):
SciPy's ``ndimage.correlate1d`` for the two passes of Sobel-x / Gaussian is 11× slower than
conv2d at 2048² and 4096² (0.09×: its line buffers work in float64, one line at a time), so
SciPy stays a test extra; a full-rank 3×3 as its three SVD rank-1 terms, each by separable
passes, is 3.2× slower (0.31×); average pooling by ``reshape(h/2,2,w/2,2).sum((1,3))`` is
20× slower (0.05×) and by four strided float32 views 3× slower (0.33×). ``--calibrate`` the
same day: full rank, row products up to 15–17 then FFT (21: 71 against 59 ms); rank 1 with
general weights, row products up to 9 (3×3: 7.0 against 8.8 ms), separable 13–21, FFT from 25.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

try:
    import cv2

    cv2.setNumThreads(1)
except ImportError:
    cv2 = None
try:
    from scipy import ndimage
except ImportError:
    ndimage = None
try:  # pin every BLAS pool now that NumPy, SciPy and OpenCV (each may bring one) are loaded
    from threadpoolctl import threadpool_info, threadpool_limits

    _LIMITS = threadpool_limits(limits=1)
except ImportError:  # pragma: no cover - threadpoolctl is a dependency
    threadpool_info = None

from core.image_ops.conv2d import conv2d, pool2d, stack_kernels  # noqa: E402
from core.image_ops.kernels import get_kernel  # noqa: E402

ROUNDS = 7


def settings_line() -> str:
    """The thread settings in effect and which anchors are present."""
    pools = (", ".join(f"{Path(i['filepath']).name} × {i['num_threads']}" for i in threadpool_info())
             if threadpool_info else "threadpoolctl missing: BLAS threads unknown")
    ocv = f"OpenCV {cv2.__version__} × {cv2.getNumThreads()} thread" if cv2 else "OpenCV missing: skipped"
    sp = "SciPy ndimage present" if ndimage else "SciPy not installed: skipped"
    return f"numpy {np.__version__}; BLAS {pools}; {ocv}; {sp}"


def interleaved(fns: dict[str, Callable[[], object]], rounds: int,
                clock: Callable[[], float] = time.perf_counter) -> dict[str, list[float]]:
    """ms per call of each function, one call of each per round (after one warm-up call each)."""
    for fn in fns.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            t0 = clock()
            fn()
            times[name].append((clock() - t0) * 1000)
    return times


def _ratio_text(ours: list[float], anchor: list[float]) -> str:
    r = [a / b for a, b in zip(ours, anchor, strict=True)]
    return f"{statistics.median(r):5.2f}× ({min(r):.2f}–{max(r):.2f})"


CLOCK = [time.perf_counter]  # ``--cpu``: time.thread_time (every function here runs on this thread)


def compare(label: str, ours: Callable[[], object], anchors: dict[str, Callable[[], object] | None],
            rounds: int, target: str = "") -> list[str]:
    """One case: the core's median time, then each anchor's and the per-round ratio core / anchor."""
    present = {name: fn for name, fn in anchors.items() if fn is not None}
    times = interleaved({"core": ours, **present}, rounds, CLOCK[0])
    lines = [f"{label:<52} core {statistics.median(times['core']):7.1f} ms  {target}"]
    for name in anchors:
        if name not in present:
            lines.append(f"{'':<52}   vs {name:<24} skipped (not installed)")
            continue
        lines.append(f"{'':<52}   vs {name:<24} {statistics.median(times[name]):7.1f} ms   core/anchor "
                     f"{_ratio_text(times['core'], times[name])}")
    return lines


def _cv_filter(x: np.ndarray, k: np.ndarray):
    if cv2 is None:
        return None
    return lambda: cv2.filter2D(x, -1, k, borderType=cv2.BORDER_CONSTANT)


def _scipy(x: np.ndarray, k: np.ndarray):
    if ndimage is None:
        return None
    return lambda: ndimage.correlate(x, k, mode="constant")


def main(rounds: int = ROUNDS) -> list[str]:
    """Every case once, interleaved with its anchors; returns the result lines."""
    rng = np.random.default_rng(0)
    clock = "CPU time of this thread" if CLOCK[0] is time.thread_time else "wall time"
    lines = [settings_line(), f"{rounds} rounds ({clock}); ratio = core / anchor per round: median (min–max)"]
    grey = rng.random((2048, 2048), dtype=np.float32)
    for name in ("sobel-x", "gaussian", "box", "laplacian", "random"):
        k = get_kernel(name).astype(np.float32)
        lines += compare(f"conv 2048² f32 3×3 {name} (p=1)", lambda k=k: conv2d(grey, k, padding=1),
                         {"OpenCV filter2D": _cv_filter(grey, k), "scipy correlate": _scipy(grey, k)},
                         rounds, "target ≤ 2× filter2D")
    for name in ("random", "gaussian"):
        k = get_kernel(name, 21).astype(np.float32)
        lines += compare(f"conv 2048² f32 21×21 {name} (p=10)", lambda k=k: conv2d(grey, k, padding=10),
                         {"OpenCV filter2D": _cv_filter(grey, k), "scipy correlate": _scipy(grey, k)},
                         max(3, rounds // 2), "target ≤ 3× filter2D")
    big = rng.random((4096, 4096), dtype=np.float32)
    sobel = get_kernel("sobel-x").astype(np.float32)
    lines += compare("conv 4096² f32 3×3 sobel-x (p=1)", lambda: conv2d(big, sobel, padding=1),
                     {"OpenCV filter2D": _cv_filter(big, sobel)}, rounds, "target ≤ 2× filter2D")
    area = None if cv2 is None else (lambda: cv2.resize(big, (2048, 2048), interpolation=cv2.INTER_AREA))
    lines += compare("avg pool 2×2/2 of 4096² f32", lambda: pool2d(big, 2, op="avg"),
                     {"OpenCV resize INTER_AREA": area}, rounds, "target ≈ 1× area resize")
    dilate = None if cv2 is None else (lambda: cv2.dilate(big, np.ones((2, 2), np.uint8))[::2, ::2])
    lines += compare("max pool 2×2/2 of 4096² f32", lambda: pool2d(big, 2, op="max"),
                     {"4 strided views": lambda: np.maximum(np.maximum(big[::2, ::2], big[1::2, ::2]),
                                                            np.maximum(big[::2, 1::2], big[1::2, 1::2])),
                      "OpenCV dilate+subsample": dilate}, rounds)
    rgb = rng.random((1024, 1024, 3), dtype=np.float32)
    three = [get_kernel(n) for n in ("sobel-x", "sobel-y", "laplacian")]
    shared = stack_kernels(three, 3).astype(np.float32)  # the lab: one 2-D kernel spanning R, G, B
    def scipy_rgb():
        return [sum(ndimage.correlate(rgb[:, :, c], kn[:, :, c], mode="constant") for c in range(3))
                for kn in shared]

    lines += compare("conv 1024² RGB, 3 kernels 3×3 p=1 (lab)", lambda: conv2d(rgb, shared, padding=1),
                     {"scipy correlate per channel": scipy_rgb if ndimage else None}, rounds)
    return lines


def directions(rounds: int = ROUNDS) -> list[str]:
    """The ways tried on Dec 2 to bring 3×3 and average pooling nearer OpenCV, each beside conv2d.

    SciPy's C loops (``ndimage.correlate1d``, which exploits symmetric and antisymmetric 3-tap
    weights) for the two passes of a separable kernel; a full-rank 3×3 as the sum of its three
    SVD rank-1 terms, each by conv2d's separable passes; average pooling by ``reshape(…).sum`` and
    by four strided views. Ratio = conv2d (or the core's pooling) / the alternative, per round.
    """
    rng = np.random.default_rng(2)
    lines = [settings_line(), f"{rounds} rounds; ratio = core / alternative per round: median (min–max)"]
    for side in (2048, 4096):
        x = rng.random((side, side), dtype=np.float32)
        tmp, out = np.empty_like(x), np.empty_like(x)
        for name, col, row in (("sobel-x", [1, 2, 1], [-1, 0, 1]), ("gaussian", [1, 2, 1], [1, 2, 1])):
            k = get_kernel(name).astype(np.float32)
            c1, r1 = np.array(col, np.float32), np.array(row, np.float32)

            def two_passes(c1=c1, r1=r1, x=x, tmp=tmp, out=out):
                ndimage.correlate1d(x, r1, axis=1, output=tmp, mode="constant")
                ndimage.correlate1d(tmp, c1, axis=0, output=out, mode="constant")
            lines += compare(f"conv {side}² f32 3×3 {name} (p=1)", lambda k=k, x=x: conv2d(x, k, padding=1),
                             {"scipy correlate1d ×2": two_passes if ndimage else None}, rounds)
    x = rng.random((2048, 2048), dtype=np.float32)
    k = get_kernel("random").astype(np.float32)
    u, sv, vt = np.linalg.svd(k.astype(np.float64))
    terms = [np.outer(u[:, r] * sv[r], vt[r]).astype(np.float32) for r in range(3)]

    def svd_sum():
        acc = conv2d(x, terms[0], padding=1, method="separable")
        for t in terms[1:]:
            acc += conv2d(x, t, padding=1, method="separable")
        return acc
    lines += compare("conv 2048² f32 3×3 random (p=1)", lambda: conv2d(x, k, padding=1),
                     {"3 SVD rank-1 terms, separable": svd_sum}, rounds)
    big = rng.random((4096, 4096), dtype=np.float32)
    quarter = np.float32(0.25)

    def views():
        o = np.add(big[::2, ::2], big[1::2, ::2])
        o += big[::2, 1::2]
        o += big[1::2, 1::2]
        o *= quarter
        return o
    def reshape_sum():
        return big.reshape(2048, 2, 2048, 2).sum((1, 3)) * quarter
    lines += compare("avg pool 2×2/2 of 4096² f32", lambda: pool2d(big, 2, op="avg"),
                     {"reshape(h/2,2,w/2,2).sum((1,3))": reshape_sum, "4 strided views, float32": views},
                     max(3, rounds // 2))
    return lines


def calibrate(rounds: int = 3, side: int = 2048, sizes=(3, 5, 7, 9, 11, 15, 21, 31)) -> list[str]:
    """Best time of each conv2d method per kernel size, the winner and what "auto" picks.

    (Imports the methods here, so the comparison above also runs against older checkouts.)

    Timed in this thread's CPU time (``time.thread_time``): every method runs on one thread,
    and CPU time hardly moves when other programs share the cores, so the crossovers are stable.
    """
    from core.image_ops.conv2d import METHODS
    try:
        from core.image_ops.choice import plan
    except ImportError:  # before Dec 2 the choice lived in correlation
        from core.image_ops.correlation import plan

    rng = np.random.default_rng(1)
    x = rng.random((side, side), dtype=np.float32)
    lines = [settings_line(), f"calibration on {side}² f32, best of {rounds} interleaved rounds "
                              "(ms of CPU time)"]
    for k in sizes:
        for kind in ("full rank", "rank 1"):
            kern = (rng.uniform(-1, 1, (k, k)) if kind == "full rank"
                    else np.outer(rng.uniform(0.1, 1, k), rng.uniform(0.1, 1, k))).astype(np.float32)
            methods = [m for m in METHODS if m != "auto" and (m != "separable" or kind == "rank 1")
                       and (m != "direct" or k <= 15)]
            fns = {m: (lambda m=m, kern=kern, k=k: conv2d(x, kern, padding=k // 2, method=m))
                   for m in methods}
            if cv2 is not None:
                fns["filter2D"] = _cv_filter(x, kern)
            best = {m: min(t) for m, t in interleaved(fns, rounds, time.thread_time).items()}
            ours = {m: v for m, v in best.items() if m in METHODS}
            auto = plan(kern, np.dtype(np.float32), (1, 1), "auto", True)[0]
            auto = {"sep": "separable"}.get(auto, auto)
            lines.append(f"k={k:2d} {kind:<9} " + "  ".join(f"{m} {v:6.1f}" for m, v in best.items())
                         + f"   fastest {min(ours, key=ours.get)}, auto picks {auto}")
    return lines


if __name__ == "__main__":
    n = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else None
    if "--cpu" in sys.argv:  # on a machine shared with other programs: their load barely moves it
        CLOCK[0] = time.thread_time
    if "--calibrate" in sys.argv:
        out = calibrate(n or 3)
    else:
        out = directions(n or ROUNDS) if "--directions" in sys.argv else main(n or ROUNDS)
    for line in out:
        print(line, flush=True)
