"""Image-lab speed, side by side with its anchors: ``python bench/bench_conv.py``.

Targets (NumPy only): a 3×3 convolution of a 2048×2048 float32 image with zero padding 1
no slower than ``scipy.ndimage.correlate``; 2×2/2 max pooling of it under 10 ms; a
1024×1024 RGB image through three 3×3 kernels well under 100 ms. Each figure is the
median of several runs after one warm-up, core and anchor timed alternately. Without
SciPy its column is skipped.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.image_ops.conv2d import conv2d, pool2d, stack_kernels  # noqa: E402
from core.image_ops.kernels import get_kernel  # noqa: E402

try:
    from scipy import ndimage
except ImportError:  # the anchor column is optional
    ndimage = None

REPEATS = 15


def median_ms(
    ours: Callable[[], object], anchor: Callable[[], object] | None, repeats: int = REPEATS
) -> tuple[float, float | None]:
    """Median wall times (ms) of ``ours()`` and ``anchor()``, after one warm-up call each.

    The two are timed alternately, so a busy shared machine slows both alike.
    """
    fns = [ours] if anchor is None else [ours, anchor]
    times: list[list[float]] = [[] for _ in fns]
    for fn in fns:
        fn()
    for _ in range(repeats):
        for fn, bucket in zip(fns, times, strict=True):
            t0 = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - t0)
    medians = [statistics.median(bucket) * 1000.0 for bucket in times]
    return medians[0], (medians[1] if anchor is not None else None)


def _line(label: str, ours: float, anchor: float | None, anchor_name: str, target: str) -> str:
    if anchor is None:
        return f"{label:<58} core {ours:7.1f} ms   {anchor_name}: skipped (no scipy)   {target}"
    return (
        f"{label:<58} core {ours:7.1f} ms   {anchor_name} {anchor:7.1f} ms   "
        f"ratio {ours / anchor:4.2f}   {target}"
    )


def main() -> list[str]:
    """Run every case once (median of REPEATS) and return the result lines."""
    rng = np.random.default_rng(0)
    grey = rng.random((2048, 2048), dtype=np.float32)
    rgb = rng.random((1024, 1024, 3), dtype=np.float32)
    lines = [f"numpy {np.__version__}, repeats {REPEATS}, median; ratio = core / anchor"]

    for name in ("gaussian", "sobel-x", "laplacian", "sharpen", "random"):
        k = get_kernel(name).astype(np.float32)
        ours, anchor = median_ms(
            lambda k=k: conv2d(grey, k, padding=1),
            None if ndimage is None else lambda k=k: ndimage.correlate(grey, k, mode="constant"),
        )
        label = f"conv 2048² f32 3×3 {name} (p=1)"
        lines.append(_line(label, ours, anchor, "scipy.correlate", "target: ratio ≤ 1"))

    ours, naive = median_ms(
        lambda: pool2d(grey, 2), lambda: grey.reshape(1024, 2, 1024, 2).max(axis=(1, 3))
    )
    lines.append(_line("max pool 2×2/2 of 2048² f32", ours, naive, "reshape+max", "target: < 10 ms"))

    three = [get_kernel(n) for n in ("sobel-x", "sobel-y", "laplacian")]
    shared = stack_kernels(three, 3).astype(np.float32)  # same 2-D kernel on R, G, B (the GUI)
    general = rng.normal(size=(3, 3, 3, 3)).astype(np.float32)  # different weights per channel
    for label, ks in (("same on R,G,B", shared), ("own weights per channel", general)):

        def scipy_rgb(ks=ks):
            return [
                sum(ndimage.correlate(rgb[:, :, c], kn[:, :, c], mode="constant")
                    for c in range(3))
                for kn in ks
            ]  # fmt: skip

        ours, anchor = median_ms(
            lambda ks=ks: conv2d(rgb, ks, padding=1), None if ndimage is None else scipy_rgb
        )
        lines.append(
            _line(f"conv 1024² RGB, 3 kernels 3×3 p=1, {label}", ours, anchor,
                  "scipy.correlate", "target: ≪ 100 ms")  # fmt: skip
        )
    return lines


if __name__ == "__main__":
    for result in main():
        print(result)
