"""The equations panel shows the core's numbers for a sub-step, and a summary when not stepping."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from core import Network, Trainer, experiment1, make_snapshot  # noqa: E402
from core.chapter.stepthrough import fmt, substeps_for  # noqa: E402
from gui.network.equations import EquationsPanel  # noqa: E402


@pytest.fixture()
def stepped():
    net = Network()
    X, y = experiment1()
    trainer = Trainer(net, X, y)
    step = trainer.step_sample()
    return net, trainer, step, substeps_for(trainer, step)


@pytest.fixture()
def panel(qtbot):
    w = EquationsPanel()
    qtbot.addWidget(w)
    w.resize(900, 180)
    return w


def test_shows_the_c9_line_with_core_numbers(panel, stepped):
    _, _, step, subs = stepped
    assert panel.objectName() == "equationsPanel"
    panel.show_substep(subs[0], 0, len(subs))
    text = panel.text()
    assert "Feature-map node C9" in text
    assert f"= {fmt(step['forward']['C9_in'])}" in text and "0.1383" in text
    assert f"C9 = σ(C9_in) = 1/(1+e^(−0.1383)) = {fmt(step['forward']['C9'])}" in text
    assert "0.2·(−0.3031)" in text


def test_step_indicator(panel, stepped):
    *_, subs = stepped
    panel.show_substep(subs[9], 9, len(subs))
    assert "step 10 of 15" in panel.text()
    assert "∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11" in panel.text()
    panel.show_substep(subs[0])  # the contract's one-argument form
    assert "step" not in panel.indicator.text()


def test_precision_rerenders_from_stored_numbers(panel, stepped):
    _, _, step, subs = stepped
    panel.show_substep(subs[0], 0, len(subs))
    panel.set_precision(6)
    assert fmt(step["forward"]["C9_in"], 6) in panel.text()
    panel.set_precision(2)
    assert "= 0.14" in panel.text()


def test_result_is_emphasised(panel, stepped):
    *_, subs = stepped
    panel.show_substep(subs[0], 0, len(subs))
    assert "<b" in panel.browser.toHtml() or "font-weight" in panel.browser.toHtml()


def test_summary_mode(panel, stepped):
    net, trainer, *_ = stepped
    snap = make_snapshot(trainer)
    panel.set_network(net)
    panel.show_snapshot(snap)
    text = panel.text()
    assert "Forward pass of sample 1" in text
    assert f"C9 = σ({fmt(snap.forward['C9_in'])}) = {fmt(snap.forward['C9'])}" in text
    assert f"= {fmt(snap.forward['O12'])}" in text
    assert f"= {fmt(snap.backward['loss'])}" in text
    assert "step " not in panel.indicator.text()


def test_streaming_shows_live_summaries_at_a_readable_rate_and_the_last_one_at_once(qtbot, panel, stepped):
    net, trainer, *_ = stepped
    panel.set_network(net)
    panel.set_streaming(True)

    def show_after(epochs: int) -> str:
        trainer.run(epochs)
        snap = make_snapshot(trainer, 0)
        panel.show_snapshot(snap)
        return f"epoch {snap.epoch}"

    first = show_after(0)
    assert panel.title.text().endswith(first)
    second = show_after(5)  # a moment later: waits for its turn ...
    assert panel.title.text().endswith(first)
    qtbot.waitUntil(lambda: panel.title.text().endswith(second), timeout=2000)  # ... which comes
    third = show_after(5)
    panel.set_streaming(False)  # playing stopped: what waits is shown now
    assert panel.title.text().endswith(third)
    fourth = show_after(5)  # not streaming: every snapshot at once
    assert fourth in panel.text() and fourth != third
