"""Block and tile sizes from the CPU's L2 cache (core/cpu_cache.py): read where the OS says, and never
changing a conv2d result."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.cpu_cache import l2_bytes
from core.image_ops import bands, correlation
from core.image_ops.blocks import DEFAULT_FLAT, DEFAULT_MATMUL, DEFAULT_STRIDED, block_sizes
from core.image_ops.conv2d import conv2d
from core.image_ops.kernels import get_kernel


def _cache(root, *levels):
    for n, (level, kind, size, *shared) in enumerate(levels):
        d = root / f"index{n}"
        d.mkdir(parents=True)
        (d / "level").write_text(f"{level}\n")
        (d / "type").write_text(f"{kind}\n")
        (d / "size").write_text(f"{size}\n")
        if shared:
            (d / "shared_cpu_list").write_text(f"{shared[0]}\n")
    return root


def test_the_l2_is_read_from_sysfs_as_linux_writes_it(tmp_path):
    root = _cache(tmp_path, (1, "Data", "48K"), (1, "Instruction", "32K"), (2, "Unified", "2048K"),
                  (3, "Unified", "491520K"))
    assert l2_bytes(root) == 2 << 20
    assert l2_bytes(_cache(tmp_path / "b", (2, "Instruction", "1M"), (2, "Data", "1M"))) == 1 << 20


@pytest.mark.parametrize("cpus, share", [("0", 2 << 20), ("0-1", 1 << 20), ("0-3", 512 << 10),
                                         ("0,4", 1 << 20), ("0-1,4-5", 512 << 10)])
def test_an_l2_shared_by_several_cpus_counts_as_each_ones_share(tmp_path, cpus, share):
    assert l2_bytes(_cache(tmp_path, (2, "Unified", "2048K", cpus))) == share


@pytest.mark.parametrize("levels", [(), ((1, "Data", "48K"),), ((2, "Unified", "lots"),),
                                    ((2, "Unified", "0K"),), ((2, "Unified", ""),)])
def test_an_unknown_or_unreadable_l2_is_none(tmp_path, levels):
    assert l2_bytes(_cache(tmp_path, *levels)) is None
    assert l2_bytes(tmp_path / "missing") is None


def test_blocks_follow_a_large_l2_and_keep_the_defaults_otherwise():
    defaults = (DEFAULT_FLAT, DEFAULT_MATMUL, DEFAULT_STRIDED)
    assert block_sizes(None) == defaults
    assert block_sizes(1 << 20) == defaults  # 1 MiB: not measured better, left alone
    assert block_sizes(2 << 20) == (256 << 10, 512 << 10, 256 << 10)  # measured on a 2 MiB L2
    assert block_sizes(64 << 20) == defaults  # never larger than the defaults


def test_this_module_sizes_the_blocks_conv2d_uses():
    in_use = (correlation.FLAT_BYTES, correlation.MATMUL_BYTES, correlation.BLOCK_BYTES)
    assert in_use == block_sizes(l2_bytes())


KERNELS = ["sobel-x", "gaussian", "box", "laplacian", "random"]


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 90), st.integers(3, 90), st.sampled_from(KERNELS), st.integers(1, 2),
       st.sampled_from([256, 4096, 1 << 16, 1 << 22]), st.sampled_from([np.float32, np.float64]),
       st.integers(0, 2**32 - 1))
def test_the_block_size_changes_no_bit_of_the_result(h, w, name, stride, block, dtype, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(h, w)).astype(dtype)
    k = rng.normal(size=(3, 3)) if name == "random" else get_kernel(name)
    rgb = rng.normal(size=(h, w, 3)).astype(dtype)
    own = rng.normal(size=(2, 3, 3, 3))  # two kernels with their own weights per channel: channel_matmul
    expected = conv2d(x, k, padding=1, stride=stride), conv2d(rgb, own, padding=1)
    with pytest.MonkeyPatch.context() as mp:
        for attr in ("FLAT_BYTES", "MATMUL_BYTES", "BLOCK_BYTES"):
            mp.setattr(correlation, attr, block)
        mp.setattr(bands, "BLOCK_BYTES", block)
        got = conv2d(x, k, padding=1, stride=stride), conv2d(rgb, own, padding=1)
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_array_equal(g, e)


def test_the_trainers_tiles_follow_a_large_l2_too():
    from core.chapter.batch_pass import DEFAULT_TILE, TILE_ELEMENTS, tile_elements

    assert tile_elements(None) == tile_elements(1 << 20) == DEFAULT_TILE
    assert tile_elements(2 << 20) == 32768  # measured on a 2 MiB L2
    assert tile_elements(64 << 20) == DEFAULT_TILE
    assert TILE_ELEMENTS == tile_elements(l2_bytes())
