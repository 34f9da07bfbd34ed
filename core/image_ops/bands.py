"""conv2d's work once it has decided how: a band of output rows at a time, in chunks that stay in cache.

``conv2d_plan`` (in ``conv2d``) checks the arguments and chooses a method per kernel once; the
``ConvPlan`` it returns computes any band of output rows with ``run``. Why a separate object:
the image lab computes a 4096² image band after band (so a newer request can cancel between
bands), and redoing the checks, plans and border plans for every band cost as much as the
arithmetic (measured: 64-row bands of three 3×3 kernels on 4096², 96 ms of CPU time against
52 ms for the whole image in one call).

NumPy only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import numpy as np
from numpy.lib.stride_tricks import as_strided

from core.i18n import N_
from core.image_ops.choice import covers, fft_tile
from core.image_ops.correlation import (
    BLOCK_BYTES,
    fft_tiles,
    row_matmul,
    taps,
    taps_flat,
)
from core.image_ops.receptive_field import padded_plane

_BORDER_BYTES = 1 << 22  # the border columns' windows are built this much at a time


class ConvPlan:
    """How to compute one conv2d (jobs, plans, groups); ``run`` computes bands of its output rows."""

    def __init__(self, x: np.ndarray, jobs: list, plans: dict, biases: list, stride: tuple[int, int],
                 padding: tuple[int, int], k: tuple[int, int], pad_mode: str, fill: float, finite: bool,
                 out_shape: tuple[int, int], single: bool, out_dtype, step: int) -> None:
        self.x, self.jobs, self.plans, self.biases = x, jobs, plans, biases
        self.stride, self.padding, self.k = stride, padding, k
        self.pad_mode, self.fill, self.finite = pad_mode, fill, finite
        self.out_shape, self.single, self.out_dtype, self.step = out_shape, single, np.dtype(out_dtype), step
        self.n_k = len(biases)
        # Pixels not known to be finite and a plan that skips a tap: each chunk's rows are checked once
        # it is computed, and at a NaN or ∞ the plan becomes fallback()'s (every tap), computing again.
        self.fallback: Callable[[], ConvPlan] | None = None
        self.groups: dict[tuple, list[int]] = {}  # (plane, method) → the jobs done together
        for i, (n, key, _) in enumerate(jobs):
            how = "all" if key[0] == "all" else plans[i][0] if plans[i][0] in ("matmul", "fft") else "taps"
            self.groups.setdefault((key, how) if how != "taps" else (n, how), []).append(i)

    def exact(self) -> bool:
        """Does this plan give IEEE's NaN and ∞ whatever the pixels? Yes when every way it takes
        ``covers`` its kernel's taps and every weight of a channel mix is non-zero."""
        return all(not (key[0] == "mix" and 0.0 in key[1])
                   and covers(("matmul",) if key[0] == "all" else self.plans[i], k2)
                   for i, (_, key, k2) in enumerate(self.jobs))

    def shape(self, r0: int, r1: int) -> tuple[int, ...]:
        """The shape ``run`` returns for output rows r0 … r1 − 1."""
        wo = self.out_shape[1]
        return (r1 - r0, wo) if self.single else (r1 - r0, wo, self.n_k)

    def run(self, rows: tuple[int, int] | None = None, out: np.ndarray | None = None) -> np.ndarray:
        """Output rows ``rows`` = (r0, r1) (all of them if None), into ``out`` if given."""
        ho, wo = self.out_shape
        r0, r1 = (0, ho) if rows is None else (int(rows[0]), int(rows[1]))
        if not 0 <= r0 < r1 <= ho:
            raise ValueError(f"rows must be (r0, r1) with 0 ≤ r0 < r1 ≤ {ho}, got {rows!r}")
        shape, n_k, work = self.shape(r0, r1), self.n_k, self.x.dtype
        if out is None:
            store = np.empty((n_k, r1 - r0, wo), self.out_dtype)
            result = store[0] if self.single else store.transpose(1, 2, 0)
        elif out.shape != shape or out.dtype != self.out_dtype or not out.flags.writeable:
            raise ValueError(f"out must be a writeable {self.out_dtype.name} array of shape {shape}, "
                             f"got {out.dtype} {out.shape}")
        else:
            result = out
        targets = [result] if self.single else [result[:, :, n] for n in range(n_k)]
        scratch = None if self.out_dtype == work else [np.empty((r1 - r0, wo), work) for _ in range(n_k)]
        bands = [t if scratch is None else scratch[n] for n, t in enumerate(targets)]
        (sy, _), (py, _), (kh, _) = self.stride, self.padding, self.k
        with np.errstate(invalid="ignore") if not self.finite else contextlib.nullcontext():  # ∞ − ∞ = NaN
            strips = None  # the image's 2·px columns at each side, gathered while each chunk is in cache
            for a, z in self._chunks(r0, r1):  # a chunk of output rows at a time: bounded working memory
                rows_read = (a * sy - py, (z - 1) * sy - py + kh)  # the input rows these outputs read
                edges = self._chunk(rows_read, [t[a - r0 : z - r0] for t in bands])
                if self.fallback is not None and not all_finite(self.x[max(0, rows_read[0]) : rows_read[1]]):
                    self.__dict__.update(self.fallback().__dict__)  # from now on: every tap
                    return self.run(rows, result)
                if edges:
                    strips = self._gather(strips, rows_read)
            # The border columns of many rows at once (a few calls, not a few per chunk), in blocks
            # whose windows (rows × px × k² values) stay within _BORDER_BYTES.
            block = max(1, _BORDER_BYTES // (work.itemsize * max(1, self.padding[1]) * kh * self.k[1]))
            for a in range(r0, r1, block) if edges else ():
                z = min(r1, a + block)
                self._borders(self._planes((a * sy - py, (z - 1) * sy - py + kh)),
                              [(members, [bands[n][a - r0 : z - r0] for n in outs], bs, summed)
                               for members, outs, bs, summed in edges], strips)
        if scratch is not None:
            for t, s in zip(targets, scratch, strict=True):
                t[...] = s
        return result

    def _chunks(self, r0: int, r1: int) -> list[tuple[int, int]]:
        """Output rows r0 … r1 − 1 as chunks: the few rows that read padding above or below the image
        on their own, the rest in chunks of equal height (at most ``step``).

        Why: a chunk reading padding rows builds a padded copy of all its rows, one that reads none
        is a view of the image (measured: the first and last chunks' copies were ~8 % of a 3×3 conv).
        """
        (sy, _), (py, _), (kh, _), h = self.stride, self.padding, self.k, self.x.shape[0]
        cuts = [r0, r1]
        if not any(how == "fft" for _, how in self.groups):  # an FFT tile is ≥ 256 rows anyway
            top = min(r1, max(r0, -(-py // sy)))  # rows from here on read no padding above
            bottom = max(top, min(r1, (h + py - kh) // sy + 1))  # … and from here on some below
            cuts = sorted({r0, top, bottom, r1})
        chunks = []
        for a, z in zip(cuts, cuts[1:], strict=False):
            n = -(-(z - a) // self.step)  # chunks of equal height
            size = -(-(z - a) // n) if n else 0
            chunks += [(b, min(z, b + size)) for b in range(a, z, size)] if size else []
        return chunks

    def _chunk(self, rows_read: tuple[int, int], bands: list[np.ndarray]) -> list[tuple]:
        """One chunk of output rows: build the padded planes it reads, then run each group's method.

        At stride 1 with "same" width (kw = 2·px + 1), the direct, separable and matmul ways read
        planes WITHOUT left and right padding and write straight into the output (``same_px``): the
        interior never reads padding, and the px border columns each side are then recomputed from
        narrow padded strips (any padding mode). This saves building a padded copy and copying out.
        Returns those groups, (jobs, indices of the outputs, biases, summed), for ``_borders``.
        """
        x, jobs, plans, biases, stride = self.x, self.jobs, self.plans, self.biases, self.stride
        px, (kh, kw) = self.padding[1], self.k
        plane = self._planes(rows_read)
        w = x.shape[1]
        edges: list[tuple] = []  # (members, outs, biases, summed) whose border columns are recomputed
        for (key, how), members in self.groups.items():
            ks, outs = [jobs[i][2] for i in members], [bands[jobs[i][0]] for i in members]
            bs = [biases[jobs[i][0]] for i in members]
            same = (px if stride == (1, 1) and kw == 2 * px + 1 and w > 2 * kw and how in ("matmul", "taps")
                    and all(o.flags.c_contiguous for o in outs) else 0)
            if how == "all":
                channel_matmul(plane(key), np.stack(ks), outs, bs)
            elif how == "matmul":
                row_matmul(plane(key, px - same), ks, outs, bs, same)
            elif how == "fft":
                fft_tiles(plane(key), ks, outs, stride, bs)
            else:  # key is the kernel's index here: its terms, one per plane it reads
                terms = [(plane(jobs[i][1], px - same), plans[i]) for i in members]
                if stride == (1, 1):
                    taps_flat(terms, outs[0], kh, bs[0], same)
                else:
                    taps(terms, outs[0], stride, kh, bs[0])
            if same:
                which = [jobs[i][0] for i in members] if how == "matmul" else [jobs[members[0]][0]]
                edges.append((members, which, bs, how == "taps"))
        return edges

    def _gather(self, strips: tuple | None, rows_read: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
        """Copy the image rows ``rows_read`` of the 2·px columns at each side into ``strips`` (made
        here, as tall as the image, on the first call). Why: read later as columns of the whole
        image, each row of a strip is a cache and TLB miss (measured: half of the borders' time)."""
        x, px = self.x, self.padding[1]
        w = x.shape[1]
        if strips is None:
            strips = (np.empty((x.shape[0], 2 * px, x.shape[2]), x.dtype),
                      np.empty((x.shape[0], 2 * px, x.shape[2]), x.dtype))
        lo, hi = max(0, rows_read[0]), min(x.shape[0], rows_read[1])
        np.copyto(strips[0][lo:hi], x[lo:hi, : 2 * px])
        np.copyto(strips[1][lo:hi], x[lo:hi, w - 2 * px :])
        return strips

    def _planes(self, rows_read: tuple[int, int]):
        """plane(key, pad, source, tag): the padded rows ``rows_read`` of one plane, built once."""
        planes: dict[tuple, np.ndarray] = {}
        x, px, pad_mode, fill = self.x, self.padding[1], self.pad_mode, self.fill

        def plane(key: tuple, pad: int = px, source: np.ndarray = x, tag: str = "") -> np.ndarray:
            if (key, pad, tag) not in planes:
                planes[(key, pad, tag)] = padded_plane(source, key, *rows_read, pad, pad_mode, fill)
            return planes[(key, pad, tag)]
        return plane

    def _borders(self, plane, edges: list[tuple], strips: tuple[np.ndarray, np.ndarray]) -> None:
        """Recompute the px output columns at each side exactly, from narrow padded strips of x.

        ``edges``: (members, outs, biases, summed) per group; members are jobs (plane key, 2-D kernel);
        ``summed``: all add into ``outs[0]`` (one kernel over several planes), else job q fills
        ``outs[q]``; ``strips``: ``_gather``'s copies of x's 2·px columns at the left and right.
        Every tap is applied, zero weights too (so NaN and ∞ spread as IEEE says), as one einsum
        of the strip's windows (a view, once per plane and side) and the kernel:
        a few calls per side, whatever the kernel (tap by tap it cost as much as the interior of a
        3×3 conv on 4096 × 128 rows).
        """
        x, px, (kh, kw) = self.x, self.padding[1], self.k
        w = x.shape[1]
        sides = (("left", strips[0], slice(0, px), slice(0, px)),
                 ("right", strips[1], slice(px, 2 * px), slice(w - px, w)))
        for tag, source, take, put in sides:
            windows: dict[tuple, np.ndarray] = {}
            for members, outs, biases, summed in edges:
                for q, out in enumerate(outs):
                    acc = None
                    for i in members if summed else [members[q]]:
                        key = self.jobs[i][1]
                        if key not in windows:
                            p = np.ascontiguousarray(plane(key, px, source, tag))
                            n, s0, s1 = p.shape[0] - kh + 1, *p.strides
                            windows[key] = as_strided(p, (n, p.shape[1] - kw + 1, kh, kw),
                                                      (s0, s1, s0, s1))[:, take]  # a view: no copy
                        # every product, then the sum, in one call (einsum: not BLAS, so a zero weight
                        # still multiplies a NaN; 2× faster than a copy, a product and a sum)
                        part = np.einsum("npij,ij->np", windows[key], self.jobs[i][2])
                        acc = part if acc is None else np.add(acc, part, out=acc)
                    bias = biases[0 if summed else q]
                    out[:, put] = acc + bias if bias != 0 else acc


def all_finite(x: np.ndarray) -> bool:
    """Is every value finite? One pass: the row sums by BLAS (measured 0.4 ms on 2048² float32 in
    cache, a sum 0.7–1.1 ms); an overflow to ∞ only costs the plan that applies every tap."""
    if x.size == 0:
        return True
    with np.errstate(over="ignore", invalid="ignore"):
        if x.flags.c_contiguous:
            rows = x.reshape(x.shape[0], -1)
            return bool(np.isfinite(rows @ np.ones(rows.shape[1], x.dtype)).all())
        return bool(np.isfinite(np.add.reduce(x, axis=None)))


def guard_fft(plans: dict, jobs: list, x: np.ndarray, fill: float, k: tuple[int, int], method: str,
              replan, known: bool = True) -> None:
    """Replace FFT plans whose tile sums could overflow (a spectrum adds T² pixels × weights).

    ``known``: the pixels are known to be finite; if not, a NaN or ∞ among them is left to the
    plan's check of each chunk (which then takes the plan applying every tap, without the FFT).
    """
    ffts = [i for i, p in plans.items() if p[0] == "fft"]
    if not ffts:
        return
    big = float(np.finfo(x.dtype).max)
    x_max = max(abs(float(x.max())), abs(float(x.min()))) if x.size else 0.0
    if not known and not np.isfinite(x_max):
        return
    ty, tx = fft_tile(*k, 1 << 30, 1 << 30)
    for i in ffts:
        mix = float(np.sum(np.abs(jobs[i][1][1])))
        bound = ty * tx * max(x_max, abs(fill)) * mix * float(np.abs(jobs[i][2].astype(np.float64)).sum())
        if bound > big / 16:
            if method == "fft":
                raise ValueError(N_("conv2d", "method='fft' would overflow for these pixel values and "
                                              "weights"))
            plans[i] = replan(i)


def channel_matmul(padded: np.ndarray, kernels: np.ndarray, outs: list[np.ndarray],
                   biases: list[float]) -> None:
    """Stride-1 kernels (n_k, kh, kw, C) with distinct weights per channel, via BLAS.

    In the padded image flattened to (Hp·Wp, C), output pixel (r, c) and tap (i, j) read
    row (r + i)·Wp + c + j, so for a block of output rows each tap is one contiguous
    (M, C) slice times the tap's (C, n_k) weights: a matrix product. Each output row gets
    kw − 1 extra columns that run past the edge; they are computed and dropped.
    """
    hp, wp, c = padded.shape
    n_k, kh, kw = kernels.shape[:3]
    ho, wo = hp - kh + 1, wp - kw + 1
    flat = padded.reshape(-1, c)
    weights = np.ascontiguousarray(np.moveaxis(kernels, 0, -1), padded.dtype)  # kh, kw, C, n_k
    rows = max(1, BLOCK_BYTES // (wp * n_k * padded.itemsize))
    acc, tmp = np.empty((rows * wp, n_k), padded.dtype), np.empty((rows * wp, n_k), padded.dtype)
    for r0 in range(0, ho, rows):
        n = min(rows, ho - r0)
        m = n * wp - (kw - 1)  # the very last extras would overrun the image
        o, t = acc[:m], tmp[:m]
        for i in range(kh):
            for j in range(kw):
                a = flat[(r0 + i) * wp + j : (r0 + i) * wp + j + m]
                np.matmul(a, weights[i, j], out=o if i == j == 0 else t)
                if i or j:
                    o += t
        full = acc[: n * wp].reshape(n, wp, n_k)
        for q, (out, bias) in enumerate(zip(outs, biases, strict=True)):
            np.add(full[:, :wo, q], bias, out=out[r0 : r0 + n])
