"""Time boxes: no ``run(…, time_budget)`` call overruns its budget by more than 2×, at any size.

A fake clock stands in for the wall clock (no flaky timing here; bench/bench_timebox.py has the
wall-clock figures): it advances by a fixed cost per tile of the batch pass, set so an epoch
costs what it costs on this kind of machine (~4 ns per feature-map value), and the trainer
measures its epoch times on that clock as it would on the real one.
"""

import numpy as np
import pytest

from core import Network, Trainer
from core.chapter import fused_loop
from core.chapter.batch_pass import BatchPass

NS_PER_VALUE = 4e-9
BUDGET = 0.006  # the window's worker chunk


class FakeClock:
    """Seconds that pass only as tiles are computed (``tile_cost`` each)."""

    def __init__(self, tile_cost: float) -> None:
        self.now = 0.0
        self.tile_cost = tile_cost
        self.live = None  # (sweep, tiles done when its advance began)

    def __call__(self) -> float:
        if self.live is not None:
            s, n0 = self.live
            return self.now + (s.next - n0) * self.tile_cost
        return self.now


@pytest.fixture
def fake_clock(monkeypatch):
    clocks = []

    def install(tile_cost: float) -> FakeClock:
        clock = FakeClock(tile_cost)
        real = BatchPass.advance

        def advance(self, s, deadline=None, _clock=None):
            n0 = s.next
            clock.live = (s, n0)
            try:
                return real(self, s, deadline, clock)
            finally:
                clock.live = None
                clock.now += (s.next - n0) * clock.tile_cost

        monkeypatch.setattr(BatchPass, "advance", advance)
        monkeypatch.setattr(fused_loop, "clock", clock)
        clocks.append(clock)
        return clock

    return install


def _trainer(N, n, nk, **kw):
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(N, n))
    y = rng.uniform(-1, 1, size=N)
    return Trainer(Network(n_inputs=n, kernel_size=3, n_kernels=nk, init="xavier", seed=1), X, y,
                   lr=0.05, **kw)


@pytest.mark.parametrize(("N", "n", "nk", "calls"), [
    (10_000, 32, 1, 40), (100_000, 32, 1, 40), (1_000_000, 32, 1, 25), (100_000, 32, 4, 40),
])
def test_no_call_overruns_its_budget_twice(fake_clock, N, n, nk, calls):
    t = _trainer(N, n, nk)
    ws = t._ws_all
    assert not ws.small
    epoch_cost = NS_PER_VALUE * N * ws.F
    clock = fake_clock(epoch_cost / len(ws.tiles))
    epochs = 0
    for _ in range(calls):
        t0 = clock()
        epochs += t.run(10**9, time_budget=BUDGET)
        assert clock() - t0 <= 2 * BUDGET
    # … and the calls still train: about as many epochs as the budgets pay for
    paid = calls * BUDGET / epoch_cost
    assert epochs >= int(0.5 * paid) and t.epoch == epochs and t.history.n == epochs


def test_epochs_split_over_calls_train_exactly_like_whole_ones(fake_clock):
    """Tile by tile over many calls, with dropout and momentum: the same bits as one call."""
    a = _trainer(3000, 64, 2, optimizer="momentum", dropout=0.3, seed=5)
    b = _trainer(3000, 64, 2, optimizer="momentum", dropout=0.3, seed=5)
    assert len(a._ws_all.tiles) > 4
    fake_clock(0.002)  # ~6 tiles an epoch cost 12 ms: a 6 ms budget ends mid-epoch
    while a.epoch < 5:
        a.run(5 - a.epoch, time_budget=BUDGET)
    b.run(5)
    assert np.array_equal(a.net.theta, b.net.theta)
    assert np.array_equal(a.history.loss, b.history.loss)
    assert np.array_equal(a.history.eval_loss, b.history.eval_loss)
    assert a.drop_rng.bit_generator.state == b.drop_rng.bit_generator.state


def test_an_edit_between_calls_restarts_the_split_epoch(fake_clock):
    t = _trainer(3000, 64, 2, dropout=0.3, seed=5)
    fake_clock(0.002)
    assert t.run(1, time_budget=BUDGET) == 0 and t._partial is not None
    t.net.set_params({"b_conv1": 0.25})  # a learner types a weight mid-epoch
    t.run(1)
    ref = _trainer(3000, 64, 2, dropout=0.3, seed=5)
    ref.net.set_params({"b_conv1": 0.25})
    ref.run(1)
    assert np.array_equal(t.net.theta, ref.net.theta)  # the epoch used the edited weight throughout


def test_the_chapters_size_fills_its_budget_in_blocks(monkeypatch):
    """Small shapes: blocks sized from the measured epoch time, capped (MAX_BLOCK; fused: FUSED_BLOCK)."""
    from core import chapter_dataset

    now = [0.0]
    monkeypatch.setattr(fused_loop, "clock", lambda: now[0])
    X, y = chapter_dataset()
    t = Trainer(Network(), X, y)
    t._epoch_s = 1e-3  # as if measured: 1 ms an epoch
    assert fused_loop._block_size(t, 10**9, 0.006, progressed=False) == 3  # half the time left
    assert fused_loop._block_size(t, 10**9, 0.0015, progressed=True) == 0  # none fits: stop
    assert fused_loop._block_size(t, 10**9, 0.0015, progressed=False) == 1  # but progress once
    t._epoch_s = 1e-6
    assert fused_loop._block_size(t, 10**9, 0.006, progressed=True) == fused_loop.MAX_BLOCK
    cap = fused_loop.FUSED_BLOCK  # the fused loop's own cap: its blocks cost more Python around them
    assert fused_loop._block_size(t, 10**9, 0.006, progressed=True, cap=cap) == cap
    assert fused_loop._block_size(t, 10**9, None, progressed=True, cap=cap) == cap
    assert fused_loop._block_size(t, 5, None, progressed=False) == 5


def test_prefaulting_rows_ahead_never_touches_recorded_ones():
    from core.chapter.history import History

    h = History(["a", "b"], 3)
    for e in range(1, 6):
        h.record(e, np.array([e, e], float), np.full(3, float(e)), float(e))
    for _ in range(50):
        h.prefault(8, max_bytes=16)
    assert np.array_equal(h.params["a"], np.arange(1, 6.0))
    assert np.array_equal(h.predictions[:, 2], np.arange(1, 6.0))
    assert h._touched >= (5 + 8) * 5
