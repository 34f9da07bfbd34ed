"""Workspace files: exact round trips, exact resumes, and bad files refused with a reason."""

import os
import stat

import numpy as np
import pytest

from core import Network, Trainer, chapter_dataset
from core.workspace import WorkspaceError, load_workspace, save_workspace
from tests.support.workspace_corpus import BAD, SPECIAL, _good_bytes


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

    monkeypatch.setattr(np.lib.format, "write_array", boom)
    with pytest.raises(OSError):
        save_workspace(p, t)
    assert p.read_bytes() == before
    assert [f for f in os.listdir(tmp_path)] == ["w.cnnviz"]  # no temporary left behind
    assert load_workspace(p).trainer.epoch == 10


def _refusal(path) -> str:
    with pytest.raises(WorkspaceError) as info:
        load_workspace(path)
    assert type(info.value) is WorkspaceError
    msg = str(info.value)
    assert msg.startswith(f"{path}: ") and len(msg) > len(str(path)) + 10
    assert "\n" not in msg and "unexpected" not in msg and "Error(" not in msg
    return msg[len(str(path)) + 2:]


@pytest.mark.parametrize("case", list(BAD))
def test_bad_workspace_files_are_refused_with_a_reason(tmp_path, case):
    good = _good_bytes(tmp_path)
    p = tmp_path / "bad.cnnviz"
    p.write_bytes(BAD[case](good))
    _refusal(p)


@pytest.mark.parametrize("case", list(SPECIAL))
def test_files_that_are_not_regular_or_too_large_are_never_read(tmp_path, case):
    reason = _refusal(SPECIAL[case](str(tmp_path)))
    assert any(w in reason for w in ("not a regular file", "folder", "bytes, more than"))


@pytest.mark.parametrize("case, words", [
    ("5000-digit integer", "5,000 digits"),
    ("deep nesting", "levels deep"),
    ("n_inputs 1e12", "“network.n_inputs” must be an integer from 1 to 65,536"),
    ("padding 1e12", "“network.padding”"),
    ("n_kernels 1e9", "“network.n_kernels”"),
    ("epoch loss a string", "“state.ep_loss” must be a number"),
    ("betas strings", "“trainer.betas[0]”"),
    ("eps a string", "“trainer.eps”"),
    ("momentum a string", "“trainer.momentum”"),
    ("negative rng state", "“state.rng.state.inc”"),
    ("huge epoch", "“state.epoch”"),
    ("encrypted member", "encrypted"),
    ("compression method 99", "method 99"),
    ("Deflate64 member", "Deflate64"),
    ("zeros declaring X 3000x10000", "GB of memory"),
    ('"diverged": "no"', "“state.diverged” must be true or false, not \"no\""),
    ("version 0", "version is 0; this app reads version 1 only"),
    ("version -1", "version is -1"),
    ("momentum NaN", "NaN, which is not a number"),
    ("step count -5", "“state.optimizer.t”"),
    ("history_stride 0", "power of two, not 0"),
    ("newer version", "newer"),
])
def test_the_reason_names_what_is_wrong(tmp_path, case, words):
    p = tmp_path / "w.cnnviz"
    p.write_bytes(BAD[case](_good_bytes(tmp_path)))
    assert words in _refusal(p)


def test_missing_file(tmp_path):
    with pytest.raises(WorkspaceError, match="no such file"):
        load_workspace(tmp_path / "nope.cnnviz")


def test_a_session_that_could_not_be_opened_again_is_not_saved(tmp_path):
    X, y = chapter_dataset()
    t = Trainer(Network(), X * 1e300, y)  # finite, but past the data bound: training cannot work
    with pytest.raises(WorkspaceError, match="cannot be saved.*beyond"):
        save_workspace(tmp_path / "w.cnnviz", t)
    assert os.listdir(tmp_path) == []


# ------------------------------------------------------------------ saving: links, modes, temporaries
def test_saving_through_a_symlink_writes_its_target(tmp_path):
    target = tmp_path / "real.cnnviz"
    link = tmp_path / "link.cnnviz"
    save_workspace(target, _trainer())
    link.symlink_to(target)
    t = _trainer()
    t.run(3)
    save_workspace(link, t)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert load_workspace(target).trainer.epoch == 3
    dangling = tmp_path / "dangling.cnnviz"
    dangling.symlink_to(tmp_path / "made.cnnviz")
    save_workspace(dangling, t)
    assert dangling.is_symlink() and load_workspace(tmp_path / "made.cnnviz").trainer.epoch == 3


@pytest.mark.parametrize("kind", ["fifo", "folder", "/dev/full"])
def test_saving_onto_something_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    p = tmp_path / "w.cnnviz"
    if kind == "fifo":
        os.mkfifo(p)
    elif kind == "folder":
        p.mkdir()
    else:
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full here")
        p.symlink_to("/dev/full")
    before = os.stat(p).st_mode
    with pytest.raises(OSError) as info:
        save_workspace(p, _trainer())
    assert "not a regular file" in info.value.strerror and str(p) == info.value.filename
    assert os.stat(p).st_mode == before and sorted(os.listdir(tmp_path)) == ["w.cnnviz"]
    if kind == "/dev/full":
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_users_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        save_workspace(tmp_path / "w.cnnviz", _trainer())
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "w.cnnviz").st_mode) == mode


def test_an_existing_file_keeps_its_own_mode(tmp_path):
    p = tmp_path / "w.cnnviz"
    save_workspace(p, _trainer())
    os.chmod(p, 0o600)
    save_workspace(p, _trainer())
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o600


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("how", ["save", "load"])
def test_temporaries_of_dead_saves_are_removed_by_the_next_save_or_load(tmp_path, how):
    p = tmp_path / "w.cnnviz"
    save_workspace(p, _trainer())
    dead = tmp_path / f".w.cnnviz.cnnviz-save.{_dead_pid()}.k9x2ab_q.tmp"
    live = tmp_path / ".w.cnnviz.cnnviz-save.1.a1b2c3d4.tmp"  # pid 1 is alive: maybe saving now
    legacy_old = tmp_path / ".w.cnnviz.ab12cd34.tmp"  # left by a save before this version
    legacy_new = tmp_path / ".w.cnnviz.zz12cd34.tmp"
    mine = tmp_path / "notes.tmp"
    for f in (dead, live, legacy_old, legacy_new, mine):
        f.write_bytes(b"torn")
    os.utime(legacy_old, (1e9, 1e9))
    if how == "save":
        save_workspace(p, _trainer())
    else:
        load_workspace(p)
    left = sorted(os.listdir(tmp_path))
    assert left == sorted([p.name, live.name, legacy_new.name, mine.name])


def test_the_temporary_file_is_recognisable_and_beside_the_target(tmp_path, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append((os.path.dirname(src), os.path.basename(src), dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    save_workspace(tmp_path / "w.cnnviz", _trainer())
    folder, name, dst = seen[0]
    assert folder == str(tmp_path) and dst == str(tmp_path / "w.cnnviz")
    assert name.startswith(f".w.cnnviz.cnnviz-save.{os.getpid()}.") and name.endswith(".tmp")


def test_a_dropout_run_keeps_its_loss_without_dropout(tmp_path):
    """The loss plot's solid curve (no dropout) comes back from the file, not as NaN."""
    t = _trainer(dropout=0.5)
    t.run(20)
    p = tmp_path / "drop.cnnviz"
    save_workspace(p, t)
    back = load_workspace(p).trainer
    assert back.history.eval_loss is not None and np.isfinite(back.history.eval_loss).all()
    assert np.array_equal(back.history.eval_loss, t.history.eval_loss)
    back.run(5)
    t.run(5)
    assert np.array_equal(back.history.eval_loss, t.history.eval_loss)
