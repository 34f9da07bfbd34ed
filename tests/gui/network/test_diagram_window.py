"""The diagram in the real window, at the screen sizes learners have: every label readable.

For 1280×720, 1366×768 and 1920×1080 (and the 1024×600 that must stay usable), with the
chapter's one kernel, two kernels and the 3-class problem — and for random shapes the
shape editor allows — no two texts drawn on the diagram overlap, every text is wholly
inside the part of the canvas that is shown (nothing cut at an edge), and a negative
number's minus sign is on screen. Rectangles are the text items' own bounding boxes
mapped to the canvas's pixels, i.e. what the learner sees.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from core.formatting import MINUS, fmt
from gui.network.diagram.fit import HIDDEN_NOTE
from gui.network.panels.shape import MAX_INPUTS, MAX_KERNELS, MAX_PADDING, MAX_STRIDE
from tests.support.window import idle, make_window

SIZES = [(1280, 720), (1366, 768), (1920, 1080)]
CASES = ["one kernel", "two kernels", "three classes"]


def set_case(qtbot, w, case: str) -> None:
    if case == "two kernels":
        w.network.shape_editor.n_kernels.setValue(2)
        assert w.network.shape_editor.apply()
    elif case == "three classes":
        w.experiment_panel.set_config({"experiment": "classes"})
        w.experiment_panel.apply()
    idle(qtbot, w)


def view_rect(d) -> QRectF:
    """The part of the canvas the diagram's view box shows (it clips what lies outside), in pixels."""
    shown = d.canvas.viewportTransform().mapRect(d.vb.sceneBoundingRect())
    return shown.intersected(QRectF(d.canvas.viewport().rect()))


def drawn_texts(d) -> list[tuple[QGraphicsSimpleTextItem, QRectF]]:
    """Every text drawn in the diagram's view box (names, values, weights) and its pixel rectangle."""
    vt = d.canvas.viewportTransform()
    out = []
    for item in d.canvas.scene().items():
        if isinstance(item, QGraphicsSimpleTextItem) and item.isVisible() and item.text() \
                and d.vb.childGroup.isAncestorOf(item):
            out.append((item, item.deviceTransform(vt).mapRect(item.boundingRect())))
    return out


def layout_problems(d) -> list[str]:
    texts = drawn_texts(d)
    shown = view_rect(d)
    problems = [f"{item.text()!r} at {rect} is cut by the view {shown}"
                for item, rect in texts if not shown.contains(rect)]
    for i, (a, ra) in enumerate(texts):
        for b, rb in texts[i + 1:]:
            if ra.intersects(rb):
                problems.append(f"{a.text()!r} {ra} overlaps {b.text()!r} {rb}")
    if d.hidden_labels() and HIDDEN_NOTE not in d.legend.texts():
        problems.append(f"{d.hidden_labels()} labels hidden and the legend does not say so")
    return problems


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("case", CASES)
def test_no_label_overlaps_another_or_is_cut(qtbot, tmp_path, size, case):
    w = make_window(qtbot, tmp_path, size=size)
    set_case(qtbot, w, case)
    d = w.diagram
    assert len(drawn_texts(d)) >= len(d.nodes)  # at least every node's name is drawn
    assert layout_problems(d) == []
    if case == "one kernel" and size != (1280, 720):
        assert d.hidden_labels() == 0  # the chapter's figure: every number on screen
        assert HIDDEN_NOTE not in d.legend.texts()
    if size != (1280, 720):  # every kernel weight is printed at least once (its first receptive field)
        assert [p for p in d.net.param_names() if p.startswith("K") and not d.label_text(p)] == []


def test_labels_stay_apart_after_resizing_and_training(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, size=(1920, 1080))
    set_case(qtbot, w, "two kernels")
    w.resize(1280, 720)
    w.actions_.run_spin.setValue(50)
    w.actions_.run_epochs.trigger()
    idle(qtbot, w)
    assert w.moment.moment.epoch == 50
    assert layout_problems(w.diagram) == []
    w.resize(1366, 768)
    idle(qtbot, w)
    assert layout_problems(w.diagram) == []


def minus_problems(d) -> list[str]:
    """Labels whose number is negative but does not start with "−", or whose "−" is off screen."""
    snap, p = d.snap, d.precision
    shown = view_rect(d)
    vt = d.canvas.viewportTransform()
    problems, negatives = [], 0
    for label, what, kind in d.fitter.labels():
        if not label.isVisible():
            continue
        value = snap.forward[what] if kind in ("input", "fmap", "output") else snap.params[what]
        number = fmt(value, p)
        text = label.text()
        line = text.split("\n")[0]
        at = line.find(number)
        if at < 0:
            problems.append(f"{text!r} does not show {what} = {number}")
            continue
        if (value < 0) != number.startswith(MINUS):
            problems.append(f"{text!r}: {what} = {value} but the sign reads otherwise")
        if value < 0:
            negatives += 1
            item = label.text_item
            fm = QFontMetricsF(item.font())
            sign = QRectF(fm.horizontalAdvance(line[:at]), 0.0, fm.horizontalAdvance(MINUS), fm.height())
            on_screen = item.deviceTransform(vt).mapRect(sign)
            if not shown.contains(on_screen):
                problems.append(f"the minus sign of {text!r} at {on_screen} is outside {shown}")
    return problems if negatives else ["no negative number drawn: nothing was checked"]


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_negative_number_shows_its_minus_sign(qtbot, tmp_path, size):
    """The 3-class inputs and weights include negative numbers (I3 = −0.2952 among them)."""
    w = make_window(qtbot, tmp_path, size=size)
    set_case(qtbot, w, "three classes")
    d = w.diagram
    assert d.label_text("I3") == f"{MINUS}0.2952"
    assert minus_problems(d) == []
    set_case(qtbot, w, "two kernels")
    assert minus_problems(d) == []


@st.composite
def shapes(draw):
    n_inputs = draw(st.integers(3, MAX_INPUTS))
    padding = draw(st.integers(0, MAX_PADDING))
    kernel_size = draw(st.integers(1, n_inputs + 2 * padding))
    return {"n_inputs": n_inputs, "padding": padding, "kernel_size": kernel_size,
            "n_kernels": draw(st.integers(1, MAX_KERNELS)), "stride": draw(st.integers(1, MAX_STRIDE)),
            "output": draw(st.sampled_from(["linear", "softmax"])), "size": draw(st.sampled_from(SIZES))}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=shapes())
def test_any_shape_the_editor_allows_keeps_labels_apart_and_inside(qtbot, tmp_path_factory, shape):
    w = make_window(qtbot, tmp_path_factory.mktemp("shape"), size=shape["size"])
    se = w.network.shape_editor
    se.n_inputs.setValue(shape["n_inputs"])
    se.padding.setValue(shape["padding"])
    se.kernel_size.setValue(shape["kernel_size"])
    se.n_kernels.setValue(shape["n_kernels"])
    se.stride.setValue(shape["stride"])
    se.output.setCurrentIndex(se.output.findData(shape["output"]))
    assert se.error() == "" and se.apply(), se.error()
    idle(qtbot, w)
    d = w.diagram
    assert d.net.kernel_size == shape["kernel_size"] and d.net.n_kernels == shape["n_kernels"]
    assert layout_problems(d) == []
    assert minus_problems(d) in ([], ["no negative number drawn: nothing was checked"])
    w.close()
