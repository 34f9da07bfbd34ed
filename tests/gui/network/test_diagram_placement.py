"""The label placement's promises, for any rectangles: no overlaps, inside the view, priorities kept.

Pure Python (gui/network/diagram/placement.py has no Qt), so hypothesis can throw thousands
of crowded scenes at it.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gui.network.diagram.placement import Request, inside, intersects, place

BOUNDS = (0.0, 0.0, 300.0, 200.0)


@st.composite
def rects(draw, max_size: float = 80.0):
    x = draw(st.floats(-40, 320, allow_nan=False))
    y = draw(st.floats(-40, 220, allow_nan=False))
    w = draw(st.floats(1, max_size, allow_nan=False))
    h = draw(st.floats(1, 30, allow_nan=False))
    return (x, y, x + w, y + h)


scenes = st.tuples(
    st.lists(st.tuples(st.integers(0, 4), st.lists(rects(), min_size=1, max_size=5)), max_size=40),
    st.lists(rects(40.0), max_size=10),
)


@given(scenes)
def test_placed_labels_never_overlap_each_other_or_a_node_and_stay_inside(scene):
    labels, obstacles = scene
    requests = [Request(i, prio, cands) for i, (prio, cands) in enumerate(labels)]
    chosen = place(requests, obstacles, BOUNDS)
    assert set(chosen) == {r.key for r in requests}
    placed = [r.candidates[chosen[r.key]] for r in requests if chosen[r.key] is not None]
    for k, a in enumerate(placed):
        assert inside(a, BOUNDS)
        assert not any(intersects(a, ob) for ob in obstacles)
        assert not any(intersects(a, b) for b in placed[k + 1:])


@given(scenes)
def test_a_label_is_hidden_only_when_every_place_it_could_take_is_taken(scene):
    """Greedy in priority order: a hidden label's every candidate is outside, on a node, or on a
    label of the same or higher priority — never pushed out by a less important one."""
    labels, obstacles = scene
    requests = [Request(i, prio, cands) for i, (prio, cands) in enumerate(labels)]
    chosen = place(requests, obstacles, BOUNDS)
    for r in requests:
        if chosen[r.key] is not None:
            continue
        for c in r.candidates:
            blockers = [q for q in requests if chosen[q.key] is not None
                        and intersects(c, q.candidates[chosen[q.key]])]
            assert (not inside(c, BOUNDS) or any(intersects(c, ob) for ob in obstacles)
                    or any(q.priority <= r.priority for q in blockers))


def test_the_first_free_candidate_wins_and_priority_beats_order():
    spot = (10.0, 10.0, 50.0, 20.0)
    later_spot = (60.0, 10.0, 100.0, 20.0)
    lam = Request("λ", 3, [spot])
    value = Request("C9", 0, [spot, later_spot])
    chosen = place([lam, value], [], BOUNDS)
    assert chosen == {"C9": 0, "λ": None}  # the node value took the shared spot though listed second
    chosen = place([value], [spot], BOUNDS)
    assert chosen == {"C9": 1}  # its first place is on a node: it moves to its next one


def test_touching_boxes_do_not_count_as_overlapping():
    assert not intersects((0, 0, 10, 10), (10, 0, 20, 10))
    assert intersects((0, 0, 10, 10), (9.5, 9.5, 20, 20))
