"""The CPU's level-2 cache size, which sizes the blocks and tiles the NumPy code works in.

The image lab's correlation (``core/image_ops/blocks.py``) and the 1D trainer's tiled pass
(``core/chapter/batch_pass.py``) make several passes over a block of values at a time, and a
pass is fastest when the block's arrays stay in the core's own L2. Measured on Dec 2 on two
hosts: on one (L2 size not recorded) the larger, fixed sizes were best; on a Xeon with a 2 MiB
L2 per core, blocks a quarter of the size were 1.03–1.4× faster. So where the OS reports an L2
of at least ``MIN_L2`` (Linux: sysfs), the sizes follow it; elsewhere the fixed sizes stand.
The standard library only.
"""

from __future__ import annotations

from pathlib import Path

MIN_L2 = 1 << 21  # below this, sizes following the L2 were not measured better
CPU_CACHE = Path("/sys/devices/system/cpu/cpu0/cache")


def l2_bytes(root: Path = CPU_CACHE) -> int | None:
    """The first CPU's share of its level-2 data (or unified) cache in bytes, or None where the OS
    does not say. An L2 shared by several CPUs (``shared_cpu_list``, e.g. a cluster of four small
    cores) counts as its size divided among them: each runs its own blocks."""
    try:
        for index in sorted(root.glob("index*")):
            if (index / "level").read_text().strip() != "2":
                continue
            if (index / "type").read_text().strip() not in ("Data", "Unified"):
                continue
            text = (index / "size").read_text().strip().upper()
            scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
            value = int(text[:-1] if text[-1:] in "KMG" else text) * scale
            sharing = index / "shared_cpu_list"
            value //= _count_cpus(sharing.read_text()) if sharing.exists() else 1
            return value if value > 0 else None
    except (OSError, ValueError):
        return None
    return None


def _count_cpus(cpu_list: str) -> int:
    """How many CPUs a sysfs list such as "0-3,8" names (at least 1)."""
    count = 0
    for part in cpu_list.strip().split(","):
        if not part:
            continue
        lo, _, hi = part.partition("-")
        count += int(hi or lo) - int(lo) + 1
    return max(1, count)


def large_l2(l2: int | None) -> bool:
    """Whether sizes should follow this L2 (known and at least ``MIN_L2``)."""
    return l2 is not None and l2 >= MIN_L2
