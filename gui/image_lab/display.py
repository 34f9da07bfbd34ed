"""What the lab's maps look like on screen: colour scales that say what they clip, and display images.

NumPy only (no Qt), so the filter worker prepares everything off the GUI thread and the view
only wraps finished pixels in a QImage and paints them.

* **One colour scale for conv, pool and depth.** Pooling and depth pooling only pick or
  average conv values, so the three stages share the conv stage's scale: the same colour is
  the same number in every column (before, each stage had its own and max pooling looked
  weaker than depth pooling of the same maps).
* **Honest ranges.** The scale ends at the 1st and 99th percentiles (symmetric about 0 for
  signed maps, so 0 is the diverging map's white): a few very strong edge pixels would
  otherwise leave everything else dark. Each stage's note says so and gives the true range
  (exact min and max), or says "full range" when nothing is clipped. NaN pixels are drawn in
  ``NAN_ARGB`` and counted in the note.
* **Display images at screen size.** A map is drawn from an area-averaged copy whose longer
  side is at most ``DISPLAY_SIDE`` (4096² → 1024²: each display pixel is the mean of a 4×4
  block), converted to 0xAARRGGBB with the colour table here; the view draws full-resolution
  crops when the learner zooms in past it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

DISPLAY_SIDE = 1024  # display images are at most this many pixels on their longer side
MIN_DISPLAY_SIDE = 256  # … and at least this many (the view asks for its cells' size in between)
LEVEL_SAMPLES = 250_000  # at most this many values are looked at to choose a colour scale
CLIP_PERCENTILES = (1.0, 99.0)
NAN_ARGB = np.uint32(0xFFFF00FF)  # magenta: a NaN pixel is never mistaken for a value
_BAND = 64  # rows per band when averaging (keeps the partial sums in cache)


@dataclass(frozen=True)
class Levels:
    """A colour scale: the values at its ends, and what it says about the data it shows."""

    lo: float  # value drawn with the table's first colour
    hi: float  # value drawn with the last colour
    signed: bool  # diverging table, symmetric about 0
    clipped: bool  # some values lie outside lo … hi (drawn at the end colours)

    def note(self, true_lo: float, true_hi: float, nans: int = 0, shared_with: str = "") -> str:
        """One line for under a stage's title: the scale, whether it clips, the true range.

        e.g. "colours −1.69 … 1.69, clipped at p1–p99 · true range −8.28 … 9.13".
        """
        if shared_with:
            scale = translate("Levels", "same colours as {stage}").format(stage=shared_with)
        else:
            scale = translate("Levels", "colours {0} … {1}").format(_num(self.lo), _num(self.hi))
        if self.clipped and (true_lo < self.lo or true_hi > self.hi):
            p_lo, p_hi = (_num(p) for p in CLIP_PERCENTILES)
            clip = f"p{p_lo}\u2060–\u2060p{p_hi}"  # word joiners: "p1–p99" never breaks
            text = translate("Levels", "{scale}, clipped at {clip} · true range {0} … {1}").format(
                _num(true_lo), _num(true_hi), scale=scale, clip=clip)
        else:
            text = translate("Levels", "{scale} · full range {0} … {1}").format(
                _num(true_lo), _num(true_hi), scale=scale)
        if nans:
            text += translate("Levels", " · {nans:,} NaN (magenta)").format(nans=nans)
        return text


def _num(v: float) -> str:
    return f"{v:.3g}".replace("-", "−")


def level_step(size: int) -> int:
    """Every how many values (in memory order) ``colour_levels`` looks at one."""
    return max(1, size // LEVEL_SAMPLES)


def colour_levels(maps: np.ndarray) -> Levels:
    """The colour scale for a stage's maps (see the module docstring), from a subsample."""
    flat = np.asarray(maps).reshape(-1) if maps.flags.c_contiguous else np.asarray(maps).ravel(order="K")
    return levels_of_sample(flat[:: level_step(flat.size)])


def levels_of_sample(flat: np.ndarray) -> Levels:
    """The colour scale from the values ``colour_levels`` samples (NaN and ±∞ are left out)."""
    flat = flat[np.isfinite(flat)]
    if flat.size == 0:
        return Levels(0.0, 1.0, False, False)
    lo_p, hi_p = (float(v) for v in np.percentile(flat, CLIP_PERCENTILES))
    lo, hi = float(flat.min()), float(flat.max())
    if lo < 0 < hi or (lo < 0 and hi <= 0):
        m = max(abs(lo_p), abs(hi_p)) or max(abs(lo), abs(hi)) or 1.0
        return Levels(-m, m, True, max(abs(lo), abs(hi)) > m)
    if hi_p <= lo_p:
        lo_p, hi_p = lo, hi
    if hi_p <= lo_p:
        hi_p = lo_p + 1.0
    return Levels(lo_p, hi_p, False, lo < lo_p or hi > hi_p)


def true_range(maps: np.ndarray) -> tuple[float, float, int]:
    """Exact (min, max) over the finite values, and the number of NaN values."""
    a = np.asarray(maps)
    lo, hi = float(np.min(a)), float(np.max(a))
    if math.isfinite(lo) and math.isfinite(hi):
        return lo, hi, 0
    nans = int(np.count_nonzero(np.isnan(a)))
    finite = a[np.isfinite(a)]
    if finite.size == 0:
        return 0.0, 0.0, nans
    return float(finite.min()), float(finite.max()), nans


def display_factor(h: int, w: int, side: int = DISPLAY_SIDE) -> int:
    """How many map pixels (per axis) one display pixel averages: 1 up to ``side``, then more."""
    return max(1, math.ceil(max(h, w) / side))


def area_mean(a: np.ndarray, f: int) -> np.ndarray:
    """Mean of each f×f block of a 2-D map (partial blocks at the edges too), as float32.

    An area resize, as OpenCV's INTER_AREA: ⌈H/f⌉ × ⌈W/f⌉ display pixels, each the mean of the
    map pixels it covers, so thin edges fade rather than vanish as with picking every f-th pixel.
    Rows are summed first (contiguous), a band at a time, then columns.
    """
    a = np.asarray(a, dtype=np.float32)
    if f == 1:
        return a
    h, w = a.shape
    hf = h // f  # whole blocks down the map
    out = np.empty((-(-h // f), -(-w // f)), np.float32)

    def columns(rows: np.ndarray, dst: np.ndarray) -> None:
        _column_sums(rows, dst, f)

    for r0 in range(0, hf, _BAND):
        n = min(_BAND, hf - r0)
        rows = a[r0 * f : (r0 + n) * f].reshape(n, f, w).sum(axis=1)  # f whole rows per display row
        columns(rows, out[r0 : r0 + n])
    if out.shape[0] > hf:  # the last display row covers fewer than f map rows
        columns(a[hf * f :].sum(axis=0, keepdims=True), out[hf:])
    _divide_by_counts(out, h, w, f)
    return out


def _column_sums(rows: np.ndarray, dst: np.ndarray, f: int) -> None:
    """dst[:, j] = the sum of columns j·f … j·f + f − 1 of ``rows`` (the last block may be partial).

    For f a power of two, neighbours are added in pairs log2(f) times: every pass reads its
    input with a stride of 2 (the pairs share cache lines), where f reads with a stride of f hit
    one cache line per value (measured: a third of the display time of a 4096² result).
    """
    wf = rows.shape[1] // f
    if f >= 4 and f & (f - 1) == 0 and wf:
        level = np.add(rows[:, 0 : wf * f : 2], rows[:, 1 : wf * f : 2])
        while level.shape[1] > wf:
            level = np.add(level[:, 0::2], level[:, 1::2])
        np.copyto(dst[:, :wf], level)
        if dst.shape[1] > wf:
            dst[:, wf] = rows[:, wf * f :].sum(axis=1)
        return
    np.copyto(dst[:, :wf], rows[:, 0 : wf * f : f])
    for dx in range(1, f):
        dst[:, :wf] += rows[:, dx : wf * f : f]
    if dst.shape[1] > wf:
        dst[:, wf] = rows[:, wf * f :].sum(axis=1)


def _divide_by_counts(out: np.ndarray, h: int, w: int, f: int) -> None:
    """Block sums → block means (edge blocks cover fewer than f×f pixels)."""
    hf, wf = h // f, w // f
    ry = np.full(out.shape[0], f, np.float32)
    ry[hf:] = h - hf * f
    cx = np.full(out.shape[1], f, np.float32)
    cx[wf:] = w - wf * f
    out /= ry[:, None] * cx[None, :]


class BandDisplay:
    """What ``prepare`` needs, gathered band by band while the pipeline's rows are in cache.

    Pass it as ``run_pipeline(on_band=…)``: for every finished band of "conv", "pool" and "depth"
    it adds the rows' block sums to each map's area mean (at the display factor for ``side``) and,
    for "conv", takes the very values ``colour_levels`` would sample. Why: made afterwards, the
    display images read the 4096² stages again from memory (~40 ms for three kernels); here the
    rows are read while the pipeline has just written them.
    """

    def __init__(self, side: int = DISPLAY_SIDE) -> None:
        self.side = side
        self.sums: dict[tuple[str, int], np.ndarray] = {}  # (stage, map) → block sums, then means
        self.rows_done: dict[str, int] = {}
        self.sample: np.ndarray | None = None  # the conv stage's level sample
        self._partial: dict[tuple[str, int], np.ndarray] = {}  # column sums of a display row begun

    def __call__(self, stage: str, maps: np.ndarray, r0: int, r1: int) -> None:
        h, w = maps.shape[:2]
        n = maps.shape[2] if maps.ndim == 3 else 1
        f = display_factor(h, w, self.side)
        for i in range(n):
            rows = maps[r0:r1, :, i] if maps.ndim == 3 else maps[r0:r1]
            if (stage, i) not in self.sums:
                self.sums[(stage, i)] = np.zeros((-(-h // f), -(-w // f)), np.float32)
            self._add_rows(self.sums[(stage, i)], (stage, i), rows, r0, f)
        self.rows_done[stage] = r1
        if stage == "conv" and maps.ndim == 3 and maps.strides[2] >= maps.strides[0] * h:
            self._sample(maps, r0, r1)

    def _add_rows(self, out: np.ndarray, key: tuple[str, int], rows: np.ndarray, r0: int, f: int) -> None:
        r1 = r0 + rows.shape[0]
        a, b = -(-r0 // f) * f, (r1 // f) * f  # whole display rows of this band: map rows a … b
        if a > b:  # the band lies inside one display row, which goes on in the next band
            self._carry(out, key, rows.sum(axis=0), r0 // f, f, False)
            return
        if a > r0:  # the end of a display row begun in an earlier band
            self._carry(out, key, rows[: a - r0].sum(axis=0), r0 // f, f, True)
        if b > a:
            block = rows[a - r0 : b - r0].reshape((b - a) // f, f, rows.shape[1]).sum(axis=1)
            _column_sums(block, out[a // f : b // f], f)
        if r1 > b:  # the start of a display row that a later band ends
            self._carry(out, key, rows[b - r0 :].sum(axis=0), b // f, f, False)

    def _carry(self, out: np.ndarray, key: tuple[str, int], column: np.ndarray, d: int, f: int,
               done: bool) -> None:
        """Add row sums to display row d; once all its rows are in, sum its columns into ``out``."""
        acc = self._partial.pop((key, d), None)
        acc = column if acc is None else np.add(acc, column, out=acc)
        if done:
            _column_sums(acc[None, :], out[d : d + 1], f)
        else:
            self._partial[(key, d)] = acc

    def _sample(self, maps: np.ndarray, r0: int, r1: int) -> None:
        h, w, n = maps.shape
        step = level_step(h * w * n)
        if self.sample is None:
            self.sample = np.empty(-(-(h * w * n) // step), maps.dtype)
        for i in range(n):
            base = i * h * w + r0 * w  # where these rows start in memory order
            first = (-base) % step
            flat = maps[r0:r1, :, i].reshape(-1)[first::step]
            start = (base + first) // step
            self.sample[start : start + flat.size] = flat

    def means(self, stage: str, i: int, shape: tuple[int, int]) -> np.ndarray | None:
        """The area mean of map i of ``stage`` if every row arrived (and at this side), else None."""
        out = self.sums.get((stage, i))
        if out is None or self.rows_done.get(stage) != shape[0]:
            return None
        f = display_factor(*shape, self.side)
        for (key, d), acc in list(self._partial.items()):  # a last display row of fewer than f rows
            if key == (stage, i):
                _column_sums(acc[None, :], out[d : d + 1], f)
                del self._partial[(key, d)]
        _divide_by_counts(out, *shape, f)
        return out


def to_argb(values: np.ndarray, levels: Levels, table: np.ndarray) -> np.ndarray:
    """Map values through a colour scale to 0xAARRGGBB pixels (``table``: 256 uint32 colours)."""
    v = np.asarray(values, dtype=np.float32)
    span = levels.hi - levels.lo or 1.0
    idx = np.empty(v.shape, np.float32)
    np.subtract(v, np.float32(levels.lo), out=idx)
    idx *= np.float32((table.size - 1) / span)
    bad = None
    if not np.isfinite(np.add.reduce(idx, axis=None)):
        bad = np.isnan(idx)
        idx[bad] = 0
    np.clip(idx, 0, table.size - 1, out=idx)
    out = table[idx.astype(np.intp)]
    if bad is not None:
        out[bad] = NAN_ARGB
    return out


def rgb_to_argb(rgb: np.ndarray) -> np.ndarray:
    """An RGB image in [0, 1] (H, W, 3) as 0xFFRRGGBB pixels."""
    u8 = np.clip(np.asarray(rgb, dtype=np.float32) * 255 + 0.5, 0, 255).astype(np.uint32)
    return np.uint32(0xFF000000) | (u8[..., 0] << 16) | (u8[..., 1] << 8) | u8[..., 2]


def argb_table(rgb: np.ndarray) -> np.ndarray:
    """A (n, 3) uint8 colour table as n 0xFFRRGGBB colours."""
    t = np.asarray(rgb, dtype=np.uint32)[:, :3]
    return np.uint32(0xFF000000) | (t[:, 0] << 16) | (t[:, 1] << 8) | t[:, 2]


@dataclass(frozen=True)
class DisplayImage:
    """Pixels ready to paint: (h', w') 0xAARRGGBB, each the mean of factor×factor map pixels."""

    argb: np.ndarray
    factor: int  # map pixels per display pixel along each axis
    shape: tuple[int, int]  # the full-resolution map's (H, W)


def display_image(m: np.ndarray, levels: Levels | None, table: np.ndarray | None,
                  side: int = DISPLAY_SIDE) -> DisplayImage:
    """A map (H, W) — or an RGB image (H, W, 3) when ``levels`` is None — ready to paint."""
    h, w = m.shape[:2]
    f = display_factor(h, w, side)
    if levels is None:
        rgb = np.stack([area_mean(m[..., c], f) for c in range(3)], axis=-1) if f > 1 else m
        return DisplayImage(rgb_to_argb(rgb), f, (h, w))
    return DisplayImage(to_argb(area_mean(m, f), levels, table), f, (h, w))


__all__ = ["BandDisplay", "CLIP_PERCENTILES", "DISPLAY_SIDE", "DisplayImage", "Levels", "NAN_ARGB",
           "area_mean", "argb_table", "colour_levels", "display_factor", "display_image", "level_step",
           "levels_of_sample", "rgb_to_argb", "to_argb", "true_range"]


def prepare(result, tables: dict[str, np.ndarray], previous=None, side: int = DISPLAY_SIDE,
            bands: BandDisplay | None = None) -> None:
    """Fill a PipelineResult's ``levels``, ``notes`` and ``display`` (on the worker thread).

    ``tables``: {"signed": …, "grey": …} colour tables (256 0xFFRRGGBB each). The input's
    picture is reused from ``previous`` when the conv layer saw the very same array, and the conv
    stage's pictures and scale when it is the very same conv stage (only pooling changed) drawn
    at the same ``side``. ``bands``: the area means and level sample gathered while the pipeline
    ran (``BandDisplay``); a stage it does not hold in full is read again.
    """
    stages = result.stages
    conv = stages["conv"]
    same_conv = (previous is not None and previous.stages.get("conv") is conv and "conv" in previous.levels
                 and getattr(previous, "display_side", None) == side)
    if same_conv:
        shared = previous.levels["conv"]
    elif bands is not None and bands.sample is not None and bands.rows_done.get("conv") == conv.shape[0]:
        shared = levels_of_sample(bands.sample)  # the same values colour_levels would look at
    else:
        shared = colour_levels(conv)
    same_input = previous is not None and previous.stages.get("input") is stages["input"]
    for stage in result.stage_names():
        maps = stages[stage]
        if (stage == "input" and same_input and ("input", 0) in previous.display) or (
                stage == "conv" and same_conv):
            result.levels[stage] = previous.levels.get(stage)
            result.notes[stage] = previous.notes.get(stage, "")
            for i in range(maps.shape[2] if stage == "conv" else 1):
                result.display[(stage, i)] = previous.display[(stage, i)]
            continue
        lo, hi, nans = (*result.ranges[stage], 0) if stage in result.ranges else true_range(maps)
        if stage == "input":
            levels = None if maps.ndim == 3 else Levels(0.0, 1.0, False, lo < 0 or hi > 1)
            kind = (translate("LabDisplay", "RGB as loaded") if maps.ndim == 3
                    else translate("LabDisplay", "grey levels 0 … 1"))
            result.notes[stage] = translate("LabDisplay", "{kind} · values {0} … {1}").format(
                _num(lo), _num(hi), kind=kind)
            result.display[(stage, 0)] = display_image(maps, levels, tables["grey"], side)
        else:
            levels = shared
            shared_with = "" if stage == "conv" else translate("StageView", "Conv")
            result.notes[stage] = levels.note(lo, hi, nans, shared_with)
            table = tables["signed" if levels.signed else "grey"]
            for i in range(maps.shape[2] if maps.ndim == 3 else 1):
                m = maps[..., i] if maps.ndim == 3 else maps
                mean = None if bands is None else bands.means(stage, i, m.shape)
                result.display[(stage, i)] = (display_image(m, levels, table, side) if mean is None else
                                              DisplayImage(to_argb(mean, levels, table),
                                                           display_factor(*m.shape, side), m.shape))
        if levels is not None:
            result.levels[stage] = levels
    result.display_side = side
