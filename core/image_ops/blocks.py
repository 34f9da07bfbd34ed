"""How many bytes of output the correlation ways compute per block: sized to this CPU's L2 cache.

Each way makes several passes over a block (a tap, a shifted add, a row product) and every pass
reads and writes about three block-sized arrays, so a block is fastest when those stay in the
core's own L2 cache (``core/cpu_cache.py``). Measured with ``bench/bench_conv.py`` (one thread):

* Dec 2, first host (L2 size not recorded): 1 MiB blocks for the taps, 2 MiB for the row products
  (512 KiB blocks were ~10 % slower) — the defaults below.
* Dec 2, second host (Xeon with AVX-512, 2 MiB L2 per core): 256 KiB blocks for the taps and
  512 KiB for the row products were 1.1–1.4× faster than those defaults (2048² 3×3 Sobel 5.5 →
  4.2 ms, Gaussian 6.1 → 4.6, random 6.5 → 4.8); a NumPy add streamed 0.52 ms per 4 M values in
  256 KiB blocks against 0.88 in 1 MiB ones.

So where the OS reports an L2 (per core) of at least 2 MiB, a block is an eighth of it (three
arrays then fill ~40 % of it) for the taps and a quarter for the row products, at most the
defaults (reached from an 8 MiB L2); elsewhere the defaults stand.
The size only changes speed: every output value is computed by the same operations in the same
order whatever the block.
"""

from __future__ import annotations

from core.cpu_cache import large_l2

DEFAULT_FLAT = 1 << 20  # taps_flat's blocks when the L2 is unknown or small
DEFAULT_MATMUL = 1 << 21  # row_matmul's blocks (the row products of kw columns per kernel)
DEFAULT_STRIDED = 1 << 19  # taps' blocks (strided 2-D views)


def block_sizes(l2: int | None) -> tuple[int, int, int]:
    """(taps_flat, row_matmul, taps) block bytes for an L2 of ``l2`` bytes (None: unknown)."""
    if not large_l2(l2):
        return DEFAULT_FLAT, DEFAULT_MATMUL, DEFAULT_STRIDED
    return (min(DEFAULT_FLAT, l2 // 8), min(DEFAULT_MATMUL, l2 // 4), min(DEFAULT_STRIDED, l2 // 8))
