"""The gradient check checks the code that trains: each path, a planted bug in each, converged points."""

import inspect
import textwrap

import numpy as np
import pytest

from core import Network, Trainer, experiment1
from core.chapter import batch_pass, fused_loop, network
from core.chapter.gradcheck import PATHS, gradient_report

X1 = [0.1, 0.2, 0.3, 0.4, 0.5]


def _planted(func, old: str, new: str, module):
    """``func`` recompiled from its source with the line ``old`` replaced (a planted bug)."""
    src = textwrap.dedent(inspect.getsource(func))
    assert old in src, f"{old!r} not in {func.__qualname__}"
    namespace: dict = {}
    exec(compile(src.replace(old, new, 1), inspect.getsourcefile(func), "exec"), vars(module), namespace)
    return namespace[func.__name__]


def _wrong(report, path):
    return report.failing.get(path, [])


def test_every_path_passes_for_correct_code():
    report = gradient_report(Network(), X1, 0.1)
    assert report.paths == PATHS and not report.failing
    assert "every gradient agrees" in report.summary()


def test_a_term_dropped_from_the_batch_pass_is_reported(monkeypatch):
    # δ without the sigmoid's derivative: the bug of issue 12 (K6 0.0203 vs 0.0320)
    bad = _planted(batch_pass.BatchPass._backward_small, "self.D *= self.T", "pass", batch_pass)
    monkeypatch.setattr(batch_pass.BatchPass, "_backward_small", bad)
    report = gradient_report(Network(), X1, 0.1)
    assert "K6" in _wrong(report, "batch") and "b_conv" in _wrong(report, "batch")
    assert not _wrong(report, "per-sample")
    assert "batch gets" in report.summary()
    rows = {r.name: r for r in report.rows}
    assert rows["K6"].verdict == "wrong" and rows["K6"].worst_path in ("batch", "fused")


def test_a_term_dropped_from_the_per_sample_pass_is_reported(monkeypatch):
    bad = _planted(network.Network.backward, "g = g + r[4]", "g = g + r[4] * (r[2] != 'C9')", network)
    monkeypatch.setattr(network.Network, "backward", bad)
    report = gradient_report(Network(), X1, 0.1)
    assert set(_wrong(report, "per-sample")) == {"K6", "K7", "K8"}
    assert not _wrong(report, "batch") and not _wrong(report, "fused")


def test_a_term_dropped_from_the_fused_loop_is_reported(monkeypatch):
    bad = _planted(fused_loop.run_fused, "mul(D, T, D)  # δ9", "pass  # δ9", fused_loop)
    monkeypatch.setattr(fused_loop, "run_fused", bad)
    report = gradient_report(Network(), X1, 0.1)
    assert set(_wrong(report, "fused")) == {"K6", "K7", "K8", "b_conv"}
    assert not _wrong(report, "batch") and not _wrong(report, "per-sample")


def test_a_converged_point_is_not_a_false_alarm():
    X, y = experiment1()
    t = Trainer(Network(), X, y)
    t.run(1000)
    report = gradient_report(t.net, X[0], y[0])
    grads = np.array([r.analytic for r in report.rows])
    assert np.abs(grads).max() < 1e-12  # converged: a purely relative test would flag these
    assert {r.verdict for r in report.rows} == {"ok"}


@pytest.mark.parametrize("kw", [
    {"n_kernels": 2, "activation": "tanh", "init": "xavier", "seed": 3},
    {"n_outputs": 3, "output": "softmax", "init": "xavier", "seed": 2},
    {"n_inputs": 7, "kernel_size": 3, "stride": 2, "padding": 1, "activation": "leaky_relu", "init": "he"},
])
def test_other_shapes_and_a_dropout_mask_pass_every_path(kw):
    net = Network(**kw)
    x = np.linspace(-0.5, 0.8, net.n_inputs)
    y = 1.0 if net.output == "softmax" else 0.3
    mask = {n: (0.0 if i % 3 == 0 else 2.0) for i, n in enumerate(net.fmap_flat)}
    for m in (None, mask):
        report = gradient_report(net, x, y, mask=m)
        assert not report.failing, (kw, m, report.summary())


def test_bad_arguments():
    with pytest.raises(ValueError, match="eps"):
        gradient_report(Network(), X1, 0.1, eps=0)
    with pytest.raises(ValueError, match="paths"):
        gradient_report(Network(), X1, 0.1, paths=("nope",))
