"""Where the diagram's labels go: a greedy placement that never overlaps two labels (no Qt).

Every label offers candidate rectangles in pixels, best first (its usual place, then
places further along its own edge or around its node). Labels are placed in priority
order — node values, the kernel weights of one receptive field, biases, λ, the kernel
weights of the other fields — each at its first candidate that is inside the view and
clear of every node and of every label placed before it; a label with no such candidate
is hidden (its number stays in the tooltip). Greedy rather than optimal: the result is
predictable, it keeps the important labels where a reader expects them, and it is fast
enough (a spatial grid) to redo on every resize.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # left, top, right, bottom, in pixels

# Placement priorities, most important first (lower is placed first).
NODE_VALUE, FIELD_WEIGHT, BIAS, LAMBDA, OTHER_WEIGHT = range(5)


@dataclass
class Request:
    """One label asking for room: ``candidates`` are rectangles it may occupy, best first."""

    key: Hashable
    priority: int
    candidates: Sequence[Rect]


def intersects(a: Rect, b: Rect) -> bool:
    """True when the two rectangles share some area (touching edges do not count)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(r: Rect, bounds: Rect) -> bool:
    """True when ``r`` lies entirely within ``bounds``."""
    return r[0] >= bounds[0] and r[1] >= bounds[1] and r[2] <= bounds[2] and r[3] <= bounds[3]


class _Grid:
    """Rectangles bucketed by square cells, so a collision test looks only at its neighbours."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Rect]] = {}

    def _keys(self, r: Rect) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(int(r[0] // c), int(r[2] // c) + 1):
            for j in range(int(r[1] // c), int(r[3] // c) + 1):
                yield i, j

    def add(self, r: Rect) -> None:
        for k in self._keys(r):
            self.cells.setdefault(k, []).append(r)

    def hits(self, r: Rect) -> bool:
        for k in self._keys(r):
            for other in self.cells.get(k, ()):
                if intersects(r, other):
                    return True
        return False


def place(requests: Iterable[Request], obstacles: Iterable[Rect], bounds: Rect,
          cell: float = 40.0) -> dict[Hashable, int | None]:
    """Which candidate each label takes (an index into its ``candidates``), or None: hidden.

    No two chosen rectangles intersect, none intersects an obstacle, all lie inside
    ``bounds``; a label of lower priority never displaces one of higher priority
    (ties keep the order given).
    """
    grid = _Grid(cell)
    for ob in obstacles:
        grid.add(ob)
    chosen: dict[Hashable, int | None] = {}
    for req in sorted(requests, key=lambda r: r.priority):
        chosen[req.key] = None
        for i, rect in enumerate(req.candidates):
            if inside(rect, bounds) and not grid.hits(rect):
                grid.add(rect)
                chosen[req.key] = i
                break
    return chosen
