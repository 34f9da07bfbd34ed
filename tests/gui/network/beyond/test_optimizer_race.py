"""The optimiser race: four curves from one start, gd equal to a direct Trainer run, clean stopping."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import shiboken6  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from core import Network, Trainer, chapter_dataset, synthetic_dataset  # noqa: E402
from gui.network.beyond.optimizer_race import RACERS, OptimizerRace, thin_log  # noqa: E402

KEYS = [key for key, *_ in RACERS]


@pytest.fixture()
def race(qtbot):
    w = OptimizerRace()
    qtbot.addWidget(w)
    w.resize(760, 520)
    w.show()
    yield w
    if shiboken6.isValid(w):
        w.shutdown()


def _run(race, qtbot, epochs):
    race.epochs.setValue(epochs)
    with qtbot.waitSignal(race.finished, timeout=30_000):
        assert race.start()
    assert not race.is_running()


def test_short_race_gives_four_curves_from_one_start(race, qtbot):
    assert race.objectName() == "optimizerRace"
    shape = {"n_inputs": 6, "kernel_size": 3, "n_kernels": 2, "padding": 1, "seed": 3}
    X, y = synthetic_dataset(12, 6, seed=5)
    race.set_problem(shape, X, y, 0.1)
    _run(race, qtbot, 200)
    results = race.results()
    assert sorted(results) == sorted(KEYS)
    for key, (epochs, loss) in results.items():
        np.testing.assert_array_equal(epochs, np.arange(1, 201), err_msg=key)
        assert np.all(np.isfinite(loss)) and len(race.curves[key].getData()[0]) == 200
    start = race.initial_params()
    np.testing.assert_array_equal(start["gd"], Network(**shape).theta)
    for key in KEYS:
        np.testing.assert_array_equal(start[key], start["gd"], err_msg=key)
    # the racers really differ: different optimisers give different losses after 200 epochs
    finals = {results[k][1][-1] for k in KEYS}
    assert len(finals) == 4


def test_gd_matches_a_direct_trainer_run(race, qtbot):
    X, y = chapter_dataset()
    race.set_problem({}, X, y, 0.2)
    _run(race, qtbot, 200)
    direct = Trainer(Network(), X, y, lr=0.2)
    direct.run(200)
    epochs, loss = race.results()["gd"]
    np.testing.assert_allclose(loss, direct.history.loss, rtol=1e-12, atol=0)
    assert loss[-1] == pytest.approx(direct.history.loss[-1], rel=1e-12)
    decayed = Trainer(Network(), X, y, lr=0.2, lr_decay=0.995)
    decayed.run(200)
    np.testing.assert_allclose(race.results()["gd_decay"][1], decayed.history.loss, rtol=1e-12)
    adam = Trainer(Network(), X, y, lr=0.2, optimizer="adam")
    adam.run(200)
    np.testing.assert_allclose(race.results()["adam"][1], adam.history.loss, rtol=1e-12)
    assert "gd:" in race.labels()["gd"] and "Finished" in race.status.text()


def test_cancel_stops_the_race(race, qtbot):
    race.epochs.setValue(1_000_000)
    with qtbot.waitSignal(race.finished, timeout=10_000):
        assert race.start()
        assert race.is_running() and not race.start()  # one race at a time
        # Cancel once every racer has reported some epochs (not after a fixed 150 ms: on a loaded
        # machine a racer had not reported yet and the test failed).
        qtbot.waitUntil(lambda: all(len(race.results().get(k, ((),))[0]) > 0 for k in KEYS), timeout=10_000)
        race.cancel_button.click()
    assert not race.is_running()
    assert all(not t.isRunning() for t, _w in race._runs)
    results = race.results()
    assert all(0 < len(results[k][0]) < 1_000_000 for k in KEYS)
    assert "Cancelled" in race.status.text() and race.race_button.isEnabled()
    _run(race, qtbot, 50)  # and it can race again
    assert all(len(race.results()[k][0]) == 50 for k in KEYS)


def test_deleting_the_widget_mid_race_stops_its_threads(qtbot, capfd):
    w = OptimizerRace()
    w.epochs.setValue(1_000_000)
    w.start()
    qtbot.wait(100)
    threads = [t for t, _w in w._runs]
    assert any(t.isRunning() for t in threads)
    shiboken6.delete(w)
    assert all(not t.isRunning() for t in threads)
    del w
    gc.collect()
    assert "Destroyed while thread is still running" not in capfd.readouterr().err


def test_closing_the_dialog_it_sits_in_cancels(qtbot):
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    w = OptimizerRace(dialog)
    QVBoxLayout(dialog).addWidget(w)
    dialog.show()
    w.epochs.setValue(1_000_000)
    w.start()
    qtbot.wait(50)
    dialog.close()
    assert not w.is_running() and all(not t.isRunning() for t, _w in w._runs)


def test_set_problem_refuses_data_of_the_wrong_width(race):
    X, y = synthetic_dataset(10, 7)
    with pytest.raises(ValueError):
        race.set_problem({"n_inputs": 5}, X, y, 0.2)


def test_thin_log_keeps_each_bins_extremes():
    e = np.arange(1, 100_001)
    loss = 1 / e * (1 + 0.5 * np.sin(e))
    x, v = thin_log(e, loss, bins=300)
    assert len(x) <= 600 and x[0] == 1 and v.max() == loss.max() and v.min() == loss.min()
    short = thin_log(e[:100], loss[:100])
    np.testing.assert_array_equal(short[1], loss[:100])  # short runs are drawn point by point


def test_every_control_has_a_tooltip(race):
    for name in ("raceButton", "raceCancel", "raceEpochs", "raceProgress", "racePlot", "raceProblem",
                 "raceStatus"):
        child = race.findChild(QWidget, name)
        assert child is not None and child.toolTip(), name
