"""``make_room``: a splitter's second pane given the height its contents need, taken from the first.

The CNN tab's pinned hover box and the Network tab's activation explorer each need a least height
that the window's default split does not give them on a small screen; both grow their pane to it,
never past half the splitter, and leave it alone when it is already tall enough.
"""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter


def make_room(splitter: QSplitter, px: int) -> list[int] | None:
    """Grow pane 1 of ``splitter`` to ``px`` (at most half of it); the sizes before, if it changed them."""
    sizes = splitter.sizes()
    total = sum(sizes)
    want = min(px, total // 2)
    if total <= 0 or sizes[1] >= want:  # not laid out yet (its size hints rule), or tall enough
        return None
    splitter.setSizes([total - want, want])
    return sizes


__all__ = ["make_room"]
