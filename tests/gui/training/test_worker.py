"""The training worker on its own thread: the numbers it sends equal the core's, and it stops cleanly."""

from __future__ import annotations

import pytest

from core import Network, Trainer, chapter_dataset, experiment1
from gui.training.handle import WorkerHandle
from gui.training.worker import epoch_limit_message

pytestmark = pytest.mark.timeout(30)


def exp1_config(**over) -> dict:
    X, y = experiment1()
    cfg = {"experiment": 1, "X": X, "y": y, "lr": 0.2, "epoch_limit": 1000, "seed": 13,
           "mode": "batch", "batch_size": None, "optimizer": "gd", "init": "chapter",
           "activation": "sigmoid", "lr_decay": 1.0}
    cfg.update(over)
    return cfg


def exp2_config(**over) -> dict:
    X, y = chapter_dataset()
    return exp1_config(experiment=2, X=X, y=y, **over)


@pytest.fixture
def handle(qtbot):
    h = WorkerHandle()
    # The window clears the "frame pending" flag after drawing; tests do it on receipt.
    h.frameReady.connect(lambda _f: h.frame_drawn())
    yield h
    h.shutdown()
    assert not h.thread.isRunning()


def configure(qtbot, h: WorkerHandle, cfg: dict):
    with qtbot.waitSignal(h.frameReady, timeout=5000) as blocker:
        h.configure(cfg)
    return blocker.args[0].snapshot


def test_configure_shows_the_chapters_initial_values(qtbot, handle):
    snap = configure(qtbot, handle, exp1_config())
    assert snap.epoch == 0
    assert snap.params["K6"] == pytest.approx(0.32066312299880617, abs=1e-15)
    assert snap.forward["O12"] == pytest.approx(Network().forward([0.1, 0.2, 0.3, 0.4, 0.5])["O12"])


def test_step_epoch_matches_a_core_trainer_side_by_side(qtbot, handle):
    configure(qtbot, handle, exp2_config())
    with qtbot.waitSignal(handle.frameReady, timeout=5000) as blocker:
        handle.step_epoch()
    snap = blocker.args[0].snapshot
    X, y = chapter_dataset()
    ref = Trainer(Network(), X, y, lr=0.2)
    ref.step_epoch()
    assert snap.epoch == 1
    for name, value in ref.net.get_params().items():
        assert snap.params[name] == pytest.approx(value, rel=1e-12, abs=1e-15), name
    assert snap.loss == pytest.approx(ref.current_loss(), rel=1e-12)


def test_play_then_pause_stops_training(qtbot, handle):
    configure(qtbot, handle, exp2_config(epoch_limit=10**7))
    with qtbot.waitSignal(handle.playingChanged, timeout=5000, check_params_cb=lambda on: on):
        handle.play()
    qtbot.waitUntil(lambda: handle.worker.trainer.epoch > 50, timeout=5000)
    with qtbot.waitSignal(handle.playingChanged, timeout=5000, check_params_cb=lambda on: not on):
        handle.pause()
    epoch = handle.worker.trainer.epoch
    qtbot.wait(100)
    assert handle.worker.trainer.epoch == epoch


def test_epoch_limit_stops_playing_with_a_sentence(qtbot, handle):
    configure(qtbot, handle, exp1_config(epoch_limit=300))
    with qtbot.waitSignal(handle.stopped, timeout=10000) as blocker:
        handle.play()
    assert blocker.args[0] == epoch_limit_message(300) == "Reached the epoch limit (300)."
    assert handle.worker.trainer.epoch == 300
    assert not handle.worker.playing


def test_slow_motion_trains_only_the_epochs_due(qtbot, handle):
    configure(qtbot, handle, exp1_config())
    handle.set_speed(20.0)
    handle.play()
    qtbot.wait(500)
    handle.pause()
    qtbot.waitUntil(lambda: not handle.worker.playing, timeout=2000)
    assert 1 <= handle.worker.trainer.epoch <= 20  # ~10 due in 0.5 s at 20/s; fewer on a loaded machine


def test_run_epochs_reports_progress_and_ignores_speed(qtbot, handle):
    configure(qtbot, handle, exp1_config())
    handle.set_speed(2.0)
    seen = []
    handle.progress.connect(lambda d, t: seen.append((d, t)))
    handle.run_epochs(500)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (500, 500), timeout=10000)
    assert handle.worker.trainer.epoch == 500


def test_huge_learning_rate_diverges_then_reset_recovers(qtbot, handle):
    configure(qtbot, handle, exp2_config(lr=1000.0))
    with qtbot.waitSignal(handle.stopped, timeout=10000) as blocker:
        handle.play()
    reason = blocker.args[0]
    assert "learning rate" in reason and reason.endswith(".")
    assert handle.worker.trainer.diverged
    with qtbot.waitSignal(handle.frameReady, timeout=5000) as blocker:
        handle.reset()
    snap = blocker.args[0].snapshot
    assert snap.epoch == 0 and not snap.diverged and snap.stopped_reason is None
    assert snap.params["K6"] == pytest.approx(0.32066312299880617)


def test_bad_settings_emit_an_error_and_keep_the_old_trainer(qtbot, handle):
    configure(qtbot, handle, exp1_config())
    old = handle.worker.trainer
    with qtbot.waitSignal(handle.error, timeout=5000) as blocker:
        handle.configure(exp1_config(lr=-1))
    assert "lr" in blocker.args[0]
    assert handle.worker.trainer is old


def test_set_weight_changes_the_output(qtbot, handle):
    configure(qtbot, handle, exp1_config())
    with qtbot.waitSignal(handle.frameReady, timeout=5000) as blocker:
        handle.set_weight("b12", 1.0)
    net = Network()
    net.set_params({"b12": 1.0})
    expected = net.forward([0.1, 0.2, 0.3, 0.4, 0.5])["O12"]
    assert blocker.args[0].snapshot.forward["O12"] == pytest.approx(expected)


def test_show_epoch_sends_a_recorded_snapshot(qtbot, handle):
    configure(qtbot, handle, exp1_config())
    handle.run_epochs_now(100)
    with qtbot.waitSignal(handle.frameReady, timeout=5000,
                          check_params_cb=lambda f: not f.snapshot.live) as blocker:
        handle.show_epoch(10)  # the network after 10 epochs
    snap = blocker.args[0].snapshot
    ref = Trainer(Network(), *experiment1())
    ref.run(10)
    assert snap.epoch == 10
    assert snap.params["K6"] == pytest.approx(ref.net.get_params()["K6"], rel=1e-12)


def test_step_sample_emits_the_step_with_substeps(qtbot, handle):
    configure(qtbot, handle, exp2_config())
    with qtbot.waitSignal(handle.stepped, timeout=5000) as blocker:
        handle.step_sample()
    step = blocker.args[0].step
    assert step["epoch"] == 1 and step["sample"] == 0 and step["update"] is None
    assert blocker.args[0].substeps, "the step comes with its sub-steps"
    X, y = chapter_dataset()
    assert step["forward"]["O12"] == pytest.approx(Network().forward(X[0])["O12"], rel=1e-12)


def test_closing_while_playing_stops_the_thread(qtbot):
    h = WorkerHandle()
    with qtbot.waitSignal(h.frameReady, timeout=5000):
        h.configure(exp2_config(epoch_limit=10**7))
    with qtbot.waitSignal(h.playingChanged, timeout=5000):
        h.play()
    qtbot.wait(200)
    h.shutdown()
    assert not h.thread.isRunning()
    assert not h.worker.playing


@pytest.mark.timeout(30)
def test_epoch_limit_zero_means_no_limit(qtbot, handle):
    from gui.training.worker import NO_LIMIT

    errors = []
    handle.error.connect(errors.append)
    configure(qtbot, handle, exp1_config(epoch_limit=0))
    assert handle.worker.epoch_limit == NO_LIMIT
    handle.set_epoch_limit(0)
    handle.set_epoch_limit(5)
    qtbot.waitUntil(lambda: handle.worker.epoch_limit == 5, timeout=3000)
    handle.set_epoch_limit(0)
    qtbot.waitUntil(lambda: handle.worker.epoch_limit == NO_LIMIT, timeout=3000)
    assert errors == []
