"""The trainer at scale: stops inside the fast loops, the tiled pass, dropout's evaluation loss,
the softmax loss at any logit gap, the last update as a view, BLAS on one thread."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import Network, Trainer, chapter_dataset, experiment1, make_snapshot, plot_data
from core.chapter import fused_loop
from core.chapter.batch_pass import softmax_loss
from core.chapter.history import History
from core.chapter.stops import StopConditions, StopHook


def _wide(N=1000, n=40, nk=2, **kw):
    """A shape past the small layout: the tiled pass trains it."""
    rng = np.random.default_rng(7)
    X = rng.uniform(-1, 1, size=(N, n))
    out = kw.pop("output", "linear")
    y = rng.integers(0, 3, N).astype(float) if out == "softmax" else rng.uniform(-1, 1, N)
    net = Network(n_inputs=n, kernel_size=3, n_kernels=nk, init="xavier", seed=3,
                  output=out, n_outputs=3 if out == "softmax" else 1)
    return net, X, y, kw


def _per_epoch(cond: StopConditions):
    """The same conditions asked after every epoch (a plain callable: no ``first_stop``)."""
    return lambda trainer: cond.check(trainer)


CONFIGS = {
    "chapter (fused)": lambda: (Network(), *chapter_dataset(), {}),
    "momentum (batch loop)": lambda: (Network(), *chapter_dataset(), {"optimizer": "momentum", "lr": 0.1}),
    "tiled, adam": lambda: _wide(optimizer="adam", lr=0.01),
}


@settings(max_examples=25, deadline=None)
@given(config=st.sampled_from(sorted(CONFIGS)), at_epoch=st.one_of(st.none(), st.integers(1, 300)),
       loss_below=st.one_of(st.none(), st.floats(1e-4, 0.3)),
       weight=st.sampled_from([None, "b12", "K6", "w9_12"]), value=st.floats(-1, 1))
def test_stops_checked_per_block_land_where_per_epoch_checks_do(config, at_epoch, loss_below, weight, value):
    net, X, y, kw = CONFIGS[config]()
    if config.startswith("tiled") and weight is not None:
        weight = {"b12": "b24" if "b24" in net.param_names() else net.output_bias_names[0],
                  "K6": net.kernel_names[0][0], "w9_12": net.output_weight_names[0][0]}[weight]
    conds = [StopConditions(at_epoch=at_epoch, loss_below=loss_below, weight=weight, weight_value=value)
             for _ in range(2)]
    a = Trainer(net.copy(), X, y, **kw)
    b = Trainer(net.copy(), X, y, **kw)
    for c, t in zip(conds, (a, b), strict=True):
        c.arm(t)
    ran_a = a.run(300, callback=conds[0])  # first_stop: once per block
    ran_b = b.run(300, callback=_per_epoch(conds[1]))  # every epoch
    assert ran_a == ran_b and a.epoch == b.epoch
    assert a.stopped_reason == b.stopped_reason
    assert np.array_equal(a.net.theta, b.net.theta)
    assert np.array_equal(a.history.param_matrix, b.history.param_matrix)
    assert np.array_equal(a.history.loss, b.history.loss)


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_loss_below_stops_on_the_first_epoch_below(config):
    net, X, y, kw = CONFIGS[config]()
    t = Trainer(net.copy(), X, y, **kw)
    ref = Trainer(net.copy(), X, y, **kw)
    for _ in range(400):
        ref.step_epoch()
    eps = float(np.quantile(ref.history.loss, 0.3))
    stop = int(np.argmax(ref.history.loss < eps)) + 1
    assert t.run(10_000, loss_below=eps) == stop
    assert "fell below" in t.stopped_reason and t.history.loss[-1] < eps <= t.history.loss[-2]


def test_stops_past_the_thinning_point_of_the_history():
    X, y = chapter_dataset()
    t = Trainer(Network(), X, y)
    t.history = History(t.net.param_names(), 10, budget_bytes=8 * 20 * 3000, keep_all=1000)
    t.run(10**6, callback=StopConditions(at_epoch=12_345))
    assert t.epoch == 12_345 and t.history.stride > 1
    ref = Trainer(Network(), X, y)
    ref.run(12_345)
    assert np.array_equal(t.net.theta, ref.net.theta)


def test_the_stop_hook_remembers_which_condition_fired_either_way():
    X, y = experiment1()
    for use_blocks in (True, False):
        hook = StopHook(StopConditions(weight="b12", weight_value=-0.2))
        t = Trainer(Network(), X, y)
        cb = hook if use_blocks else (lambda tr, h=hook: h(tr))
        t.run(1000, callback=cb)
        assert 2 < t.epoch < 10 and "b12 crossed -0.2" in hook.take() and hook.take() is None


@pytest.mark.parametrize("kw", [
    {"optimizer": "momentum"}, {"optimizer": "adam", "lr": 0.01}, {"dropout": 0.4, "seed": 2},
    {"output": "softmax"}, {"nk": 1, "N": 2500, "lr_decay": 0.99},
])
def test_the_tiled_pass_trains_bit_for_bit_like_the_step_path(kw):
    kw = dict(kw)
    nk, N = kw.pop("nk", 2), kw.pop("N", 1000)
    net, X, y, rest = _wide(N=N, nk=nk, **kw)
    a = Trainer(net.copy(), X, y, **rest)
    b = Trainer(net.copy(), X, y, **rest)
    assert not a._ws_all.small and len(a._ws_all.tiles) > 1
    a.run(30)
    for _ in range(30):
        b.step_epoch()
    assert np.array_equal(a.net.theta, b.net.theta)
    assert np.array_equal(a.history.param_matrix, b.history.param_matrix)
    assert np.array_equal(a.history.predictions, b.history.predictions)
    assert np.array_equal(a.history.loss, b.history.loss)


def test_the_tiled_pass_matches_the_small_layout(monkeypatch):
    net, X, y, _ = _wide(N=50, n=20, nk=3)
    mask = (np.random.default_rng(1).random((50, 3 * net.n_positions)) > 0.3) / 0.7
    results = []
    for small in (10**9, 0):
        monkeypatch.setattr("core.chapter.batch_pass.SMALL_ELEMENTS", small)
        ws = net.batch_pass(X, y)
        loss = ws.train_pass(net.theta, mask)
        results.append((loss, ws.G.copy(), ws.eval_loss_sum(), ws.Y.copy()))
    (l1, g1, e1, y1), (l2, g2, e2, y2) = results
    assert l1 == pytest.approx(l2, rel=1e-13) and e1 == pytest.approx(e2, rel=1e-13)
    assert np.allclose(g1, g2, rtol=1e-12, atol=1e-13) and np.allclose(y1, y2, rtol=1e-13, atol=1e-15)


# ------------------------------------------------------------------------- softmax by log-sum-exp
@pytest.mark.parametrize("gap", [1.0, 40.0, 700.0, 1e4])
def test_the_softmax_loss_is_exact_at_any_logit_gap(gap):
    a, b = 0.5 * gap, -0.5 * gap  # two logits, a ≫ b
    wrong = softmax_loss(np.array([[a, b]]), np.array([1]))[0]
    right = softmax_loss(np.array([[a, b]]), np.array([0]))[0]
    assert math.isfinite(wrong) and wrong == pytest.approx(a - b + math.log1p(math.exp(b - a)), rel=1e-15)
    assert right == pytest.approx(math.log1p(math.exp(b - a)), rel=1e-15)  # not rounded to 0


def test_every_path_computes_the_softmax_loss_by_log_sum_exp():
    net = Network(n_inputs=5, n_outputs=2, output="softmax", init="xavier", seed=1)
    net.set_params({"w9_12": 0.0, "w10_12": 0.0, "w11_12": 0.0, "b12": -1e4,  # O12: class 0
                    "w9_13": 0.0, "w10_13": 0.0, "w11_13": 0.0, "b13": 0.0})
    x = np.array([0.1, 0.2, 0.3, 0.4, 0.5])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        per_sample = net.backward(x, 0)["loss"]  # the label's logit is 10,000 below the other
        batch = net.loss(x[None, :], [0])
        ws = net.batch_pass(x[None, :], [0])
        pass_loss = ws.train_pass(net.theta)
        t = Trainer(net.copy(), x[None, :], [0], lr=1e-6)
        t.run(1)
    assert per_sample == batch == pass_loss == 1e4
    assert t.history.loss[0] == 1e4 and np.isfinite(t.net.theta).all()


# ------------------------------------------------------------------------- dropout's two losses
def test_with_dropout_the_history_keeps_the_evaluation_loss_too():
    X, y = chapter_dataset()
    for mode in ("batch", "sgd"):
        t = Trainer(Network(), X, y, dropout=0.5, seed=4, mode=mode)
        t.run(20)
        h = t.history
        assert h.eval_loss is not None and not np.array_equal(h.eval_loss, h.loss)
        if mode == "batch":  # the same parameters with every node kept: Network.loss
            net = Network()
            for i in (0, 9, 19):
                net.theta[:] = h.param_matrix[i]
                assert h.eval_loss[i] == pytest.approx(net.loss(X, y), rel=1e-12)
    data = plot_data(t)
    assert data["eval_loss"] is not None and len(data["eval_loss"]) == len(data["loss"])
    assert make_snapshot(t).loss == pytest.approx(t.current_loss())  # the snapshot's loss: no dropout


def test_without_dropout_there_is_no_evaluation_column_at_all():
    X, y = chapter_dataset()
    t = Trainer(Network(), X, y)
    t.run(10)
    assert t.history.eval_loss is None and t.history._eval is None
    assert plot_data(t)["eval_loss"] is None and "eval_loss" not in t.history.state()


# ------------------------------------------------------------------------- the last update
def test_the_last_update_is_a_view_built_on_demand():
    X, y = chapter_dataset()
    t = Trainer(Network(), X, y)
    assert t.last_update is None
    t.run(5)
    before = t.history.param_matrix[-1]
    upd = t.last_update
    assert list(upd) == t.net.param_names() and len(upd) == 8 and "b12" in upd
    assert upd["K6"] == t.net.theta[0] - before[0]
    assert make_snapshot(t).last_update["w10_12"] == upd["w10_12"]


# ------------------------------------------------------------------------- BLAS threads
def _blas_threads():
    from threadpoolctl import threadpool_info

    return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]


def test_blas_runs_on_one_thread_while_a_large_shape_trains():
    from threadpoolctl import threadpool_limits

    with threadpool_limits(2, "blas"):
        outside = _blas_threads()
        net, X, y, _ = _wide()
        seen = []
        Trainer(net, X, y).run(2, callback=lambda tr: seen.append(_blas_threads()))
        assert seen and all(s == [1] * len(s) for s in seen)
        assert _blas_threads() == outside  # restored
        small = []
        Trainer(Network(), *chapter_dataset()).run(2, callback=lambda tr: small.append(_blas_threads()))
        assert small[0] == outside  # the chapter's size pins nothing


def test_the_chapters_configuration_takes_the_fused_loop(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("the batch loop ran")

    monkeypatch.setattr(fused_loop, "run_batch", refuse)
    X, y = chapter_dataset()
    t = Trainer(Network(), X, y)
    assert t.run(500, loss_below=1e-9, callback=StopConditions(at_epoch=400)) == 400


def test_a_trainer_too_large_to_hold_is_refused_before_anything_is_made():
    """Bounded everything: the estimate (core/chapter/memory.py) refuses before a buffer exists."""
    import tracemalloc

    X = np.zeros((600, 20_000))  # 96 MB of data; a kernel of 200 would need ~19 GB of windows
    tracemalloc.start()
    with pytest.raises(ValueError, match="would need about .* GB"):
        Trainer(Network(n_inputs=20_000, kernel_size=200), X, np.zeros(600))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 50 * 2**20  # refused with next to nothing allocated
