"""The training plots' value labels never overlap, on the smallest screen too (gui/network/plots/items.py).

At 1280×720 the four plots are ~50 px tall, and pyqtgraph's default wrote three or four labels
on top of each other ("0.4 0.2 0 −0.2"); these tests read the labels the axes actually lay out.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from core.formatting import MINUS
from gui.network.plots.items import DecadeAxis, labels_between, wider
from tests.support.window import make_window, run_now

pytestmark = pytest.mark.timeout(120)


def drawn_labels(axis) -> list:
    """(rect, text) of every value label ``axis`` lays out now, as its paint() would."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        if axis.style["tickFont"]:
            painter.setFont(axis.style["tickFont"])
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [] if specs is None else [(rect, text) for rect, _flags, text in specs[2]]


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_no_two_value_labels_of_a_training_plot_overlap(qtbot, tmp_path, size):
    w = make_window(qtbot, tmp_path, size=size)
    w.apply_experiment(2)
    run_now(qtbot, w, 300)  # the gallery's moment: weights spread over −0.5 … 0.5
    for plot in w.plots.plots:
        axis = plot.getAxis("left")
        labels = drawn_labels(axis)
        assert labels, f"{axis.labelText!r}: no value labelled at all"
        rects = sorted((r for r, _ in labels), key=lambda r: r.top())
        for above, below in zip(rects, rects[1:], strict=False):
            assert above.bottom() <= below.top() + 0.5, (
                f"{axis.labelText!r} at {size}: labels {[t for _, t in labels]} overlap")
        for _, text in labels:  # each label is its tick's value exactly: no 0.25 written "0.2"
            ticks = [10.0 ** v if axis.logMode else v
                     for _, level in axis.tickValues(*axis.range, axis.geometry().height()) for v in level]
            shown = float(text.replace(MINUS, "-"))
            assert any(abs(shown - v) <= 1e-9 * max(1.0, abs(v)) for v in ticks), (
                f"{axis.labelText!r}: {text} is no tick")


@settings(max_examples=300, deadline=None)
@given(st.floats(-1e4, 1e4), st.floats(1e-3, 1e4), st.floats(20, 900))
def test_a_vertical_axis_labels_only_as_many_values_as_fit(qapp, lo, span, size):
    axis = DecadeAxis("left")
    hi = lo + span
    major = axis.tickSpacing(lo, hi, size)[0][0]
    room = max(2, int(size // (QFontMetricsF(axis.font()).height() * 0.8 * DecadeAxis.LINE_GAP)))
    count = labels_between(lo, hi, major)
    assert count >= 1 or labels_between(lo, hi, axis.tickSpacing(lo, hi, 1e9)[0][0]) == 0
    assert count <= room or labels_between(lo, hi, wider(major)) == 0  # as few as keep one label


@given(st.floats(1e-9, 1e9))
def test_the_step_ladder_climbs_by_1_2_5_10(step):
    nxt = wider(step)
    assert nxt > step
    mantissa = nxt / 10.0 ** math.floor(math.log10(nxt) + 1e-12)
    assert min(abs(mantissa - m) for m in (1.0, 2.0, 5.0, 10.0)) < 1e-9


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_the_epoch_axis_labels_stand_apart_and_name_the_decades(qtbot, tmp_path, size):
    w = make_window(qtbot, tmp_path, size=size)
    w.apply_experiment(2)
    run_now(qtbot, w, 300)
    labels = drawn_labels(w.plots.plots[-1].getAxis("bottom"))
    texts = [t for _, t in labels]
    assert "10¹" in texts and "10²" in texts, texts
    rects = sorted((r for r, _ in labels), key=lambda r: r.left())
    for left, right in zip(rects, rects[1:], strict=False):
        assert left.right() + 2 <= right.left(), f"at {size}: epoch labels {texts} touch"
