"""The step-through's sub-steps carry the core's own numbers, in the chapter's order and names."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import Network, Trainer, chapter_dataset, experiment1, slope_classes
from core.chapter.stepthrough import (
    KINDS,
    SubStep,
    fmt,
    screen_name,
    substeps,
    substeps_for,
    summary_lines,
)
from core.chapter.stepthrough.export import to_csv_rows, to_latex

CHAPTER_ORDER = (
    ["fmap"] * 3 + ["output", "loss", "delta_out"] + ["delta_fmap"] * 3
    + ["grad_kernel"] * 3 + ["grad_bias", "grad_dense", "update"]
)


@pytest.fixture()
def first_step():
    net = Network()
    X, y = experiment1()
    trainer = Trainer(net, X, y)
    before = net.get_params()
    step = trainer.step_sample()
    return net, trainer, step, before, substeps_for(trainer, step)


def test_fmt_signs_and_precision():
    assert fmt(-0.30306129) == "−0.3031"
    assert fmt(-0.30306129, paren=True) == "(−0.3031)"
    assert fmt(0.30306129, paren=True) == "0.3031"
    assert fmt(0.1) == "0.1"  # an exact input keeps its short form
    assert fmt(0.55396) == "0.5540"  # a computed value keeps its digits
    assert fmt(0.123456, 2) == "0.12"
    assert "10" in fmt(1.5e-9) and fmt(1.5e-9).startswith("1.5")  # tiny gradients do not read 0
    assert fmt(0.0) == "0" and fmt(-0.0) == "0"
    assert "-" not in fmt(-2.5e-8)


def test_chapter_order_and_count(first_step):
    *_, subs = first_step
    assert [s.kind for s in subs] == CHAPTER_ORDER
    assert all(s.kind in KINDS for s in subs)
    assert [s.title for s in subs[:3]] == [f"Feature-map node C{n}" for n in (9, 10, 11)]


def test_c9_line_has_the_core_numbers(first_step):
    net, _, step, before, subs = first_step
    fw = step["forward"]
    c9 = subs[0]
    expected = (
        f"C9_in = I1·K6 + I2·K7 + I3·K8 + b_conv = 0.1·{fmt(before['K6'])} + 0.2·({fmt(before['K7'])}) "
        f"+ 0.3·{fmt(before['K8'])} + {fmt(before['b_conv'])} = {fmt(fw['C9_in'])}"
    )
    assert c9.lines[0] == expected
    assert c9.lines[0].endswith("= 0.1383")  # the chapter's first feature-map input
    assert c9.lines[1] == f"C9 = σ(C9_in) = 1/(1+e^(−{fmt(fw['C9_in'])})) = {fmt(fw['C9'])}"
    assert {"C9", "I1", "I2", "I3", "K6@0", "K7@0", "K8@0", "b_conv"} <= c9.highlight
    assert c9.values["C9_in"] == fw["C9_in"] and c9.values["C9"] == fw["C9"]
    assert c9.values["K7"] == before["K7"]


def test_kernel_gradient_shows_weight_sharing(first_step):
    _, _, step, _, subs = first_step
    back = step["backward"]
    k6 = next(s for s in subs if s.kind == "grad_kernel")
    assert k6.lines[0] == "∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11"
    assert {"K6@0", "K6@1", "K6@2"} <= k6.highlight
    terms = [k6.values[f"K6@{j}"] for j in range(3)]
    assert terms == [row[4] for row in back["terms"]["K6"]]
    assert math.isclose(sum(terms), back["grad"]["K6"], rel_tol=1e-12)
    assert k6.values["grad_K6"] == back["grad"]["K6"]
    assert len(k6.lines[2].split(" = ")[1].split(" + ")) == 3
    assert k6.lines[-1].endswith(fmt(back["grad"]["K6"]))


def test_deltas_loss_and_dense(first_step):
    _, _, step, _, subs = first_step
    back, fw = step["backward"], step["forward"]
    by_kind = {}
    for s in subs:
        by_kind.setdefault(s.kind, []).append(s)
    assert by_kind["loss"][0].lines[0] == f"P = ½(ŷ − y)² = ½({fmt(fw['O12'])} − 0.1)² = {fmt(back['loss'])}"
    assert by_kind["delta_out"][0].lines[0].endswith(fmt(back["delta"]["O12"]))
    d9 = by_kind["delta_fmap"][0]
    assert d9.lines[0] == "δ9 = C9(1 − C9)·λ9,12·δ12"
    assert d9.values["delta_C9"] == back["delta"]["C9"]
    dense = by_kind["grad_dense"][0]
    assert dense.lines[0].startswith("∂P/∂λ9,12 = C9·δ12 = ")
    assert dense.values["grad_w9_12"] == back["grad"]["w9_12"]
    assert dense.lines[-1] == f"∂P/∂b12 = δ12 = {fmt(back['grad']['b12'])}"
    o12 = by_kind["output"][0]
    assert o12.lines[0] == "O12 = λ9,12·C9 + λ10,12·C10 + λ11,12·C11 + b12"


def test_update_uses_the_core_update(first_step):
    net, _, step, before, subs = first_step
    upd = step["update"]
    last = subs[-1]
    assert last.kind == "update"
    k6 = next(line for line in last.lines if line.startswith("K6 ←"))
    assert k6 == (f"K6 ← K6 − η·∂P/∂K6 = {fmt(before['K6'])} − 0.2·{fmt(upd['grad']['K6'])} "
                  f"= {fmt(upd['after']['K6'])}")
    assert any(line.startswith("λ9,12 ←") for line in last.lines)
    for name in net.param_names():
        assert last.values[f"{name}_after"] == upd["after"][name]


def test_values_are_the_core_numbers(first_step):
    _, _, step, _, subs = first_step
    fw, back = step["forward"], step["backward"]
    for s in subs:
        for name, v in s.values.items():
            if name in fw:
                assert v == fw[name], name
            elif name.startswith("delta_") and name[6:] in back["delta"]:
                assert v == back["delta"][name[6:]], name
            elif name.startswith("grad_") and s.kind != "update":
                assert v == back["grad"][name[5:]], name


def test_batch_mode_accumulates_then_updates_with_the_mean():
    X, y = chapter_dataset()
    trainer = Trainer(Network(), X, y)
    step = trainer.step_sample()
    last = substeps_for(trainer, step)[-1]
    assert last.kind == "update" and step["update"] is None
    assert "gradient accumulated: sample 1 of 10" in last.lines[0]
    assert "after the last sample of the batch" in last.lines[0]
    for _ in range(8):
        trainer.step_sample()
    step = trainer.step_sample()
    subs = substeps_for(trainer, step)
    assert "mean over the batch's 10 samples" in subs[-1].lines[0]
    assert any("mean ∂P/∂K6" in line for line in subs[-1].lines)


def test_momentum_update_shows_the_optimiser_step():
    X, y = experiment1()
    trainer = Trainer(Network(), X, y, optimizer="momentum")
    trainer.step_sample()
    step = trainer.step_sample()  # the second step: momentum differs from plain gd
    lines = substeps_for(trainer, step)[-1].lines
    assert lines[0].startswith("momentum step")
    assert any(line.startswith("K6 ← K6 + ΔK6") for line in lines)


def test_padding_two_kernels_and_softmax():
    X, y = chapter_dataset()
    net = Network(n_kernels=2, padding=1, activation="tanh", output="softmax", n_outputs=3)
    trainer = Trainer(net, X, slope_classes(y))
    step = trainer.step_sample()
    subs = substeps_for(trainer, step)
    F = 2 * net.n_positions
    assert len(subs) == F + 3 + 2 + F + 6 + 2 + 3 + 1
    first = subs[0]
    assert "0·K6" in first.lines[0]  # the padded input
    assert "I" in first.lines[0]
    assert "tanh(" in first.lines[1]
    soft = [s for s in subs if s.kind == "output"][0]
    assert "Σe^(O_i,in)" in soft.lines[2] and "((" not in soft.lines[2]
    assert subs[[s.kind for s in subs].index("loss")].lines[0].startswith("P = −log p_y")
    assert screen_name("w12_22") == "λ12,22"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_inputs=st.integers(3, 7),
    kernel_size=st.integers(1, 3),
    n_kernels=st.integers(1, 2),
    stride=st.integers(1, 2),
    padding=st.integers(0, 1),
    activation=st.sampled_from(["sigmoid", "tanh", "relu", "leaky_relu", "linear"]),
)
def test_any_shape_gives_sane_substeps(n_inputs, kernel_size, n_kernels, stride, padding, activation):
    net = Network(n_inputs=n_inputs, kernel_size=kernel_size, n_kernels=n_kernels, stride=stride,
                  padding=padding, activation=activation, init="xavier", seed=3)
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(3, n_inputs))
    y = rng.uniform(-1, 1, size=3)
    trainer = Trainer(net, X, y, mode="sgd")
    step = trainer.step_sample()
    subs = substeps_for(trainer, step)
    F = n_kernels * net.n_positions
    assert len(subs) == F + 1 + 2 + F + n_kernels * kernel_size + n_kernels + 1 + 1
    for s in subs:
        assert isinstance(s, SubStep) and s.lines and s.title
        for line in s.lines:
            assert "nan" not in line.lower() and "-" not in line  # Unicode minus only
        assert s.render(2) and len(s.render(6)) == len(s.lines)
    grads = [s for s in subs if s.kind == "grad_kernel"]
    for s in grads:
        w = s.lines[0].split(" = ")[0].removeprefix("∂P/∂")
        assert s.values[f"grad_{w}"] == step["backward"]["grad"][w]


def test_summary_and_exports(first_step):
    from core import make_snapshot

    net, trainer, *_ = first_step
    snap = make_snapshot(trainer)
    lines = summary_lines(net, snap)
    assert lines[0].startswith("C9_in = 0.1·")
    assert lines[0].split("C9 = σ(")[1].endswith(fmt(snap.forward["C9"]))
    assert any(line.startswith("O12 = ") and line.endswith(fmt(snap.forward["O12"])) for line in lines)
    assert any(line.startswith("P = ½") for line in lines)
    step = trainer.step_sample()
    subs = substeps(net, step)
    rows = to_csv_rows(subs)
    assert rows[0] == ["substep", "kind", "title", "name", "value"]
    assert any(r[3] == "C9_in" and float(r[4]) == step["forward"]["C9_in"] for r in rows[1:])
    tex = to_latex(subs[:2])
    assert r"\begin{align*}" in tex and r"\cdot" in tex


def test_an_unknown_activation_formula_is_substituted():
    from dataclasses import replace

    X, y = experiment1()
    net = Network()
    trainer = Trainer(net, X, y)
    step = trainer.step_sample()
    net.activation = replace(net.activation, name="softplus", formula="log(1+e^z)")
    line = substeps(net, step)[0].lines[1]
    assert line.startswith("C9 = f(C9_in) = log(1+e^0.1383) = ")


def test_diverged_step_says_so():
    X, y = experiment1()
    net = Network()
    trainer = Trainer(net, X, y)
    step = trainer.step_sample()
    step = dict(step, update=None, diverged="Training stopped in epoch 1: the loss became infinite")
    last = substeps(net, step)[-1]
    assert last.title.startswith("No update") and "loss became infinite" in last.lines[0]


def test_latex_export_is_well_formed_and_holds_the_core_numbers():
    import csv
    import io

    from core import Network, Trainer, chapter_dataset
    from core.chapter.stepthrough import substeps_for
    from core.chapter.stepthrough.export import to_csv_rows, to_latex

    X, y = chapter_dataset()
    t = Trainer(Network(), X, y)
    for _ in range(9):
        t.step_sample()
    step = t.step_sample()
    subs = substeps_for(t, step)
    tex = to_latex(subs)
    body = [line for line in tex.splitlines() if not line.startswith("%")]
    text = "\n".join(body)
    assert all(ord(c) < 128 for c in text)  # plain pdflatex can read it
    assert text.count("{") == text.count("}")
    assert text.count(r"\begin{align*}") == len(subs) == text.count(r"\end{align*}")
    assert "e^{(" in text and r"\mathrm{b\_conv}" in text
    c9 = step["forward"]["C9"]
    assert f"{c9:.4f}" in text
    # CSV: parseable, and every value is the core's number exactly
    buf = io.StringIO()
    csv.writer(buf).writerows(to_csv_rows(subs))
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert rows[0] == ["substep", "kind", "title", "name", "value"]
    values = {(r[1], r[3]): float(r[4]) for r in rows[1:]}
    grads = step["update"]["grad"]
    assert any(v == grads["K6"] for v in values.values())
    assert any(v == c9 for v in values.values())
