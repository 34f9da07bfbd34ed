"""The history CSV: the core's columns byte for byte, progress every block, cancellable, atomic."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.chapter.history import History
from gui.exporting import ExportCancelled, export_history_csv, history_header, rows_per_report


def make_history(rows: int, params: int = 4, samples: int = 3, dropout: bool = False,
                 seed: int = 0) -> History:
    """A recorded history with awkward floats (tiny, huge, negative, NaN in eval_loss)."""
    rng = np.random.default_rng(seed)
    h = History([f"K{i + 6}" for i in range(params)], samples, track_eval=dropout)
    state = {
        "epochs": np.arange(1, rows + 1, dtype=np.int64),
        "loss": rng.lognormal(-3, 4, rows),
        "params": rng.normal(0, 1, (rows, params)) * 10.0 ** rng.integers(-8, 8, (rows, params)),
        "predictions": rng.normal(0, 1, (rows, samples)),
        "stride": 1,
    }
    if dropout:
        ev = rng.lognormal(-3, 2, rows)
        ev[::7] = np.nan
        state["eval_loss"] = ev
    h.load_state(state)
    return h


@settings(max_examples=25)
@given(rows=st.integers(0, 300), block=st.integers(1, 120), dropout=st.booleans(), seed=st.integers(0, 99))
def test_same_bytes_as_the_core_and_progress_in_order(tmp_path_factory, rows, block, dropout, seed):
    h = make_history(rows, dropout=dropout, seed=seed)
    folder = tmp_path_factory.mktemp("csv")
    h.to_csv(folder / "core.csv")
    calls: list[tuple[int, int]] = []
    export_history_csv(h, folder / "app.csv", progress=lambda d, t: calls.append((d, t)), block=block)
    assert (folder / "app.csv").read_bytes() == (folder / "core.csv").read_bytes()
    done = [d for d, _ in calls]
    assert calls[0] == (0, rows) and calls[-1] == (rows, rows) and {t for _, t in calls} == {rows}
    assert done == sorted(done) and all(b - a <= block for a, b in zip(done, done[1:], strict=False))
    assert len(calls) == -(-rows // block) + 1 + (rows == 0)


def test_header_names_every_column():
    h = make_history(2, params=2, samples=2, dropout=True)
    assert history_header(h) == ["epoch", "K6", "K7", "loss", "eval_loss", "yhat_0", "yhat_1"]


@pytest.mark.timeout(60)
def test_a_long_history_reports_progress_and_can_be_cancelled(tmp_path):
    """100,000 epochs of 12 samples (≈ the 35 MB export that showed nothing): a Cancel after the
    third report stops it, leaves no file and no temporary, and an older export stays intact."""
    h = make_history(100_000, params=7, samples=12)
    old = tmp_path / "h.csv"
    old.write_text("an older export\n")
    calls: list[int] = []
    block = rows_per_report(h)
    assert 100 <= block <= 5000  # reports every few hundred to few thousand rows

    def cancelled() -> bool:
        return len(calls) > 3

    with pytest.raises(ExportCancelled, match=f"cancelled after {3 * block:,} of 100,000 rows"):
        export_history_csv(h, old, progress=lambda d, t: calls.append(d), cancelled=cancelled)
    assert calls == [0, block, 2 * block, 3 * block]
    assert old.read_text() == "an older export\n" and sorted(p.name for p in tmp_path.iterdir()) == ["h.csv"]

    calls.clear()
    out = export_history_csv(h, old, progress=lambda d, t: calls.append(d))
    assert len(calls) == -(-100_000 // block) + 1 and calls[-1] == 100_000
    with open(out) as fh:
        assert sum(1 for _ in fh) == 100_001
    assert out.stat().st_size > 20 * 2**20
