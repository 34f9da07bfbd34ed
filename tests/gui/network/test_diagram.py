"""The network diagram shows the chapter's names and the core's numbers, and edits weights.

Values are compared with what ``core`` computes (forward, backward, gradients),
formatted at the diagram's precision: the diagram must never do its own math.
"""

from __future__ import annotations

import dataclasses
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QToolTip  # noqa: E402

from core import Network, Trainer, chapter_dataset, experiment1, make_snapshot, synthetic_dataset  # noqa: E402
from core.formatting import fmt
from gui.network.diagram.network_diagram import NetworkDiagram  # noqa: E402

C9_FIELD = {"I1", "I2", "I3", "K6", "K7", "K8", "C9"}


@pytest.fixture
def chapter(qtbot):
    """The chapter's network on experiment 1 (one sample), drawn fresh at 900×520."""
    net = Network()
    X, y = experiment1()
    trainer = Trainer(net, X, y, lr=0.2)
    w = NetworkDiagram()
    qtbot.addWidget(w)
    w.resize(900, 520)
    w.show()
    w.set_network(net)
    snap = make_snapshot(trainer)
    w.show_snapshot(snap)
    return w, trainer, snap


def test_widget_names(chapter):
    w, _, _ = chapter
    assert w.objectName() == "networkDiagram"
    assert w.accessibleName() == "Network diagram"


def test_chapter_net_shows_the_chapter_names(chapter):
    w, _, _ = chapter
    texts = w.visible_texts()
    for name in ["I1", "I2", "I3", "I4", "I5", "C9", "C10", "C11", "O12"]:
        assert name in texts, name
    joined = "\n".join(texts)
    for name in ["K6", "K7", "K8", "λ9,12", "λ10,12", "λ11,12", "b_conv", "b12"]:
        assert name in joined, name
    # one K6 label per receptive field: the kernel is shared by C9, C10 and C11
    assert sum(t.startswith("K6 ") for t in texts) == 3


def test_labels_show_core_numbers_at_the_precision(chapter):
    w, _, snap = chapter
    assert "0.3207" in w.label_text("K6")  # the chapter's K6 = 0.32066…
    assert w.label_text("K7") == "K7 −0.3031"  # four significant figures and a true minus sign
    assert w.label_text("w9_12") == "λ9,12 0.6587"
    assert w.label_text("b_conv") == "b_conv 0.05452"
    assert w.label_text("C9") == fmt(snap.forward['C9'], 4)
    assert w.label_text("I3") == "0.3"  # an exact input keeps its short form, as in the formulas
    assert w.label_text("O12") == f"ŷ = {fmt(snap.forward['O12'], 4)}\ny = 0.1"
    w.set_precision(2)
    assert w.label_text("K6") == "K6 0.32"
    assert w.label_text("C9") == f"{snap.forward['C9']:.2f}"
    assert "K6 0.3207" not in w.visible_texts()
    w.set_precision(6)
    assert w.label_text("K6") == f"K6 {snap.params['K6']:.6f}"


def test_labels_follow_a_new_snapshot(chapter):
    w, trainer, _ = chapter
    trainer.run(5)
    snap = make_snapshot(trainer)
    w.show_snapshot(snap)
    assert w.label_text("K8") == f"K8 {snap.params['K8']:.4f}"
    assert w.label_text("O12").startswith(f"ŷ = {snap.forward['O12']:.4f}")


def test_toggling_labels_hides_numbers_but_keeps_names(chapter):
    w, _, _ = chapter
    w.set_labels_visible(False)
    texts = w.visible_texts()
    assert w.label_text("K6") == "" and w.label_text("C9") == ""
    assert not any("0.3207" in t for t in texts)
    assert "C9" in texts and "I1" in texts  # names stay on screen
    assert "0.3207" in w.edge_tooltip("K6", 0)  # numbers stay in the tooltips
    w.set_labels_visible(True)
    assert w.label_text("K6") == "K6 0.3207"


def test_node_tooltips_show_sum_activation_derivative_and_delta(chapter):
    w, _, snap = chapter
    c9 = snap.forward["C9"]
    tip = w.node_tooltip("C9")
    assert f"C9_in = I1·K6 + I2·K7 + I3·K8 + b_conv = {snap.forward['C9_in']:.4f}" in tip
    assert f"= {c9:.4f}" in tip
    assert f"σ′ = C9·(1−C9) = {c9 * (1 - c9):.4f}" in tip
    assert f"δ9 = σ′ · λ9,12 · δ12 = {snap.backward['delta']['C9']:.4f}" in tip
    out = w.node_tooltip("O12")
    assert f"δ12 = ŷ − y = {snap.forward['O12'] - 0.1:.4f}" in out


def test_edge_tooltips_show_weight_gradient_and_last_update(chapter):
    w, trainer, snap = chapter
    tip = w.edge_tooltip("K6", 1)
    assert "K6: I2 → C10" in tip
    assert f"weight K6 = {snap.params['K6']:.4f} (shared by C9, C10, C11)" in tip
    assert f"∂P/∂K6 = Σ input·δ over positions = {snap.backward['grad']['K6']:.4f}" in tip
    assert f"I2·δ10 = 0.2·{fmt(snap.backward['delta']['C10'], 4)}" in tip
    assert "last update: none yet" in tip
    trainer.run(1)
    snap = make_snapshot(trainer)
    w.show_snapshot(snap)
    tip = w.edge_tooltip("w10_12")
    assert f"gradient ∂P/∂λ10,12 = {fmt(snap.backward['grad']['w10_12'], 4)}" in tip
    assert f"last update Δλ10,12 = {fmt(snap.last_update['w10_12'], 4)}" in tip


def test_hovering_a_node_and_an_edge_gives_their_tooltips(chapter):
    w, _, _ = chapter
    node = w.nodes["C10"]
    assert w.hit.text_at(node.scenePos()) == w.node_tooltip("C10")
    rec = next(r for r in w.edges if r.key == "K8@2")  # I5 → C11, its first segment
    (x0, y0), (x1, y1) = rec.points[0], rec.points[1]
    from PySide6.QtCore import QPointF

    mid = w.vb.mapViewToScene(QPointF(x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0)))
    assert w.hit.text_at(mid) == w.edge_tooltip("K8", 2)
    assert w.hit.text_at(w.vb.mapViewToScene(QPointF(0.25, w.layout_.y_min - 0.5))) == ""


def test_moving_the_mouse_over_a_node_shows_its_tooltip(chapter, qtbot):
    w, _, _ = chapter
    qtbot.waitExposed(w)
    qtbot.wait(30)  # let the view take its final size, so the node is where the mouse goes
    p = w.canvas.mapFromScene(w.nodes["C9"].scenePos())
    qtbot.mouseMove(w.canvas.viewport(), QPoint(1, 1))  # Qt sends no move to where the pointer already is
    qtbot.mouseMove(w.canvas.viewport(), QPoint(p.x() + 2, p.y() + 2))
    qtbot.waitUntil(lambda: QToolTip.text() == w.node_tooltip("C9"), timeout=1000)


def test_kernel_edges_keep_the_chapter_colours_and_show_sign_by_dashes(chapter):
    w, _, snap = chapter
    pens = {r.key: r.path.pen() for r in w.edges}
    assert pens["K6@0"].color() == QColor("#d62728")  # red K6
    assert pens["K7@1"].color() == QColor("#1f77b4")  # blue K7
    assert pens["K8@2"].color() == QColor("#2ca02c")  # green K8
    assert pens["K6@0"].style() == Qt.PenStyle.SolidLine  # K6 = +0.32
    assert pens["K7@0"].style() != Qt.PenStyle.SolidLine  # K7 = −0.30: dashed
    assert pens["w11_12"].style() != Qt.PenStyle.SolidLine  # λ11,12 < 0
    assert pens["w9_12"].color() != pens["w11_12"].color()  # sign colour
    assert pens["w10_12"].widthF() > pens["w11_12"].widthF()  # |0.67| vs |0.07|
    texts = w.legend.texts()
    assert any("K6" in t for t in texts) and any("dashed" in t for t in texts)
    c9 = w.nodes["C9"].brush().color()
    assert c9.red() > c9.blue()  # C9 ≈ 0.53 > 0: the positive (orange) side of the colour bar
    assert w.colorbar.levels() == (-1.0, 1.0)


def test_edit_weight_emits_the_typed_value(chapter, qtbot):
    w, _, _ = chapter
    w.edit_weight("K6")
    assert w.editor.isVisible()
    assert float(w.editor.text()) == pytest.approx(0.32066312299880617)
    w.editor.setText("0.5")
    with qtbot.waitSignal(w.weightEdited, timeout=1000) as blocker:
        qtbot.keyClick(w.editor, Qt.Key.Key_Return)
    assert blocker.args == ["K6", 0.5]
    assert not w.editor.isVisible()


@pytest.mark.parametrize("bad", ["abc", "inf", "nan", ""])
def test_edit_weight_refuses_bad_text(chapter, qtbot, bad):
    w, _, _ = chapter
    emitted = []
    w.weightEdited.connect(lambda *a: emitted.append(a))
    w.edit_weight("w9_12")
    w.editor.setText(bad)
    qtbot.keyClick(w.editor, Qt.Key.Key_Return)
    assert emitted == []
    assert w.editor.isVisible()
    assert w.editor.message.isVisible() and w.editor.message.text()
    qtbot.keyClick(w.editor, Qt.Key.Key_Escape)
    assert not w.editor.isVisible() and emitted == []


def test_clicking_a_weight_label_opens_its_editor(chapter, qtbot):
    w, _, _ = chapter
    qtbot.waitExposed(w)
    qtbot.wait(30)
    label = next(r.label for r in w.edges if r.key == "K7@1")
    centre = w.canvas.mapFromScene(w.hit.label_rect(label).center())
    qtbot.mouseClick(w.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(centre.x(), centre.y()))
    assert w.editor.isVisible() and w.editor.param == "K7"


def test_highlight_marks_exactly_the_receptive_field(chapter):
    w, _, _ = chapter
    w.set_highlight(C9_FIELD)
    assert w.highlighted_items() == {"I1", "I2", "I3", "C9", "K6@0", "K7@0", "K8@0"}
    assert w.nodes["C9"].opacity() == 1.0 and w.nodes["C10"].opacity() < 0.5
    op = {r.key: r.path.opacity() for r in w.edges}
    assert op["K6@0"] == 1.0 and op["K6@1"] < 0.5 and op["w9_12"] < 0.5
    assert w.nodes["C9"].pen().widthF() > w.nodes["C10"].pen().widthF()
    w.set_highlight({"K6@1"})
    assert w.highlighted_items() == {"K6@1"}
    w.set_highlight({"K6"})
    assert w.highlighted_items() == {"K6@0", "K6@1", "K6@2"}
    w.set_highlight(None)
    assert w.highlighted_items() == set()
    assert all(r.path.opacity() == 1.0 for r in w.edges)


def test_stepthrough_highlights_light_the_right_items(chapter):
    from core.chapter.stepthrough import substeps

    w, trainer, _ = chapter
    steps = substeps(trainer.net, trainer.step_sample())
    w.set_highlight(steps[0].highlight)  # "Feature-map node C9"
    assert w.highlighted_items() == {"I1", "I2", "I3", "C9", "K6@0", "K7@0", "K8@0", "b_conv@0"}
    grad_k6 = next(s for s in steps if s.kind == "grad_kernel")
    w.set_highlight(grad_k6.highlight)  # ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11
    assert {k for k in w.highlighted_items() if "@" in k} == {"K6@0", "K6@1", "K6@2"}


def test_dropped_nodes_are_greyed(chapter):
    w, _, _ = chapter
    before = w.nodes["C10"].brush().color()
    w.set_dropped({"C10"})
    assert w.nodes["C10"].brush().color() != before
    assert "(dropped)" in w.label_text("C10")
    assert "dropped" in w.node_tooltip("C10")
    w.set_dropped(set())
    assert w.nodes["C10"].brush().color() == before
    snap = dataclasses.replace(w.snap, dropped=frozenset({"C11"}))  # dropout reported by the core
    w.show_snapshot(snap)
    assert "(dropped)" in w.label_text("C11") and "(dropped)" not in w.label_text("C10")


def test_two_kernel_padded_net_continues_the_numbering(qtbot):
    net = Network(n_inputs=8, n_kernels=2, padding=1)
    X, y = synthetic_dataset(n_inputs=8)
    trainer = Trainer(net, X, y)
    trainer.run(3)
    w = NetworkDiagram()
    qtbot.addWidget(w)
    w.resize(700, 420)
    w.show()
    qtbot.waitExposed(w)
    w.set_network(net)
    w.show_snapshot(make_snapshot(trainer))
    names = set(w.nodes)
    assert {f"I{i}" for i in range(1, 9)} <= names
    assert {f"C{i}" for i in range(15, 31)} <= names  # K9–K14 then C15–C30
    assert "O31" in names and "C9" not in names
    assert sum(1 for n in w.nodes.values() if n.kind == "pad") == 2
    assert "0" in w.visible_texts()  # the ghost padding inputs
    assert "0 (padding) → C15" in w.edge_tooltip("K9", 0)
    assert "b_conv2" in w.label_text("b_conv2")
    w.set_highlight({"K12"})
    assert {k for k in w.highlighted_items()} == {f"K12@{j}" for j in range(8)} | {"pad0"}
    # many edges: a kernel's weights are labelled at its first receptive field only (where
    # there is room), the other copies give way; the rest is in the tooltips, as the legend says
    shown = [p for p in ("K9", "K10", "K11", "K12", "K13", "K14") if w.label_text(f"{p}@0")]
    assert len(shown) >= 4, shown
    for param in ("K9", "K10", "K11", "K12", "K13", "K14"):
        assert all(w.label_text(f"{param}@{j}") == "" for j in range(1, 8)), param
    assert w.hidden_labels() > 0
    assert "some labels hidden — hover for values" in w.legend.texts()
    assert "weight K9" in w.edge_tooltip("K9", 3)


def test_palette_sets_background(chapter):
    w, _, _ = chapter
    pal = QPalette(w.palette())
    pal.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    w.setPalette(pal)
    assert w.canvas.backgroundBrush().color() == QColor("#202124")
    assert w.nodes["I1"].value_label.text_item.brush().color() == QColor("#e8eaed")


def test_show_snapshot_is_cheap(qtbot):
    X, y = chapter_dataset()
    trainer = Trainer(Network(), X, y)
    w = NetworkDiagram()
    qtbot.addWidget(w)
    w.resize(900, 520)
    w.set_network(trainer.net)
    snaps = []
    for _ in range(30):
        trainer.run(1)
        snaps.append(make_snapshot(trainer))
    t0 = time.perf_counter()
    for s in snaps:
        w.show_snapshot(s)
    per_call = (time.perf_counter() - t0) / len(snaps)
    assert per_call < 0.005, f"show_snapshot took {per_call * 1000:.2f} ms"
