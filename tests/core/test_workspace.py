"""Workspace files: exact round trips, exact resumes, and bad files refused with a reason."""

import os

import numpy as np
import pytest

from core import Network, Trainer, chapter_dataset
from core.workspace import WorkspaceError, load_workspace, save_workspace
from tests.support.workspace_corpus import BAD, _good_bytes


def _trainer(**kw):
    X, y = chapter_dataset()
    return Trainer(Network(**kw.pop("net", {})), X, y, **kw)


def _same(a: Trainer, b: Trainer):
    assert np.array_equal(a.net.theta, b.net.theta)
    assert a.epoch == b.epoch
    for name in ("epochs", "loss", "predictions", "param_matrix"):
        assert np.array_equal(getattr(a.history, name), getattr(b.history, name)), name


def test_round_trip_is_exact(tmp_path):
    t = _trainer(optimizer="adam", lr=0.05, mode="minibatch", batch_size=3, dropout=0.2)
    t.run(37)
    for _ in range(4):
        t.step_sample()  # mid-epoch
    p = tmp_path / "w.cnnviz"
    save_workspace(p, t, experiment={"experiment": 2}, image_lab={"image": "brick.png"})
    w = load_workspace(p)
    _same(t, w.trainer)
    assert w.experiment == {"experiment": 2} and w.image_lab == {"image": "brick.png"}
    assert w.trainer.settings() == t.settings()
    # and they carry on identically, mid-epoch step-through included
    for _ in range(3):
        assert t.step_sample()["sample"] == w.trainer.step_sample()["sample"]
    t.run(20)
    w.trainer.run(20)
    _same(t, w.trainer)


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
@pytest.mark.parametrize("mode", ["batch", "sgd", "minibatch"])
def test_resume_equals_uninterrupted(tmp_path, optimizer, mode):
    kw = {"optimizer": optimizer, "mode": mode, "batch_size": 4, "lr": 0.05}
    straight = _trainer(**kw)
    straight.run(1000)
    first = _trainer(**kw)
    first.run(500)
    save_workspace(tmp_path / "half.cnnviz", first)
    resumed = load_workspace(tmp_path / "half.cnnviz").trainer
    resumed.run(500)
    _same(straight, resumed)


def test_interrupted_save_leaves_the_old_file_intact(tmp_path, monkeypatch):
    t = _trainer()
    t.run(10)
    p = tmp_path / "w.cnnviz"
    save_workspace(p, t)
    before = p.read_bytes()
    t.run(10)

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(np, "save", boom)
    with pytest.raises(OSError):
        save_workspace(p, t)
    assert p.read_bytes() == before
    assert [f for f in os.listdir(tmp_path)] == ["w.cnnviz"]  # no temporary left behind
    assert load_workspace(p).trainer.epoch == 10


@pytest.mark.parametrize("case", list(BAD))
def test_bad_workspace_files_are_refused_with_a_reason(tmp_path, case):
    good = _good_bytes(tmp_path)
    p = tmp_path / f"{case.replace(' ', '_')}.cnnviz"
    p.write_bytes(BAD[case](good))
    with pytest.raises(WorkspaceError) as info:
        load_workspace(p)
    msg = str(info.value)
    assert msg.startswith(str(p)) and len(msg) > len(str(p)) + 10
    assert "\n" not in msg


def test_newer_version_message_says_so(tmp_path):
    p = tmp_path / "n.cnnviz"
    p.write_bytes(BAD["newer version"](_good_bytes(tmp_path)))
    with pytest.raises(WorkspaceError, match="newer"):
        load_workspace(p)


def test_missing_file(tmp_path):
    with pytest.raises(WorkspaceError, match="no such file"):
        load_workspace(tmp_path / "nope.cnnviz")
