"""kill -9 in the middle of a save leaves the old file or the new one, never a torn one, and the
dead save's temporary file is removed by the next save or load in that folder.

A child process saves a workspace and reports each stage of the save on stdout (before every
array, before fsync, before and after the rename); the test kills it with SIGKILL right after
reading a chosen stage, so the kill lands at that stage — no sleeps, no timing guesses.
"""

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from core import Network, Trainer, chapter_dataset
from core.workspace import load_workspace, save_workspace

ROOT = Path(__file__).resolve().parents[2]
CHILD = r"""
import os, sys
import numpy as np
from core import Network, Trainer, synthetic_dataset
from core.workspace import save_workspace

path, epochs, hold = sys.argv[1], int(sys.argv[2]), sys.argv[3]
t = Trainer(Network(), *synthetic_dataset(2000, 5))
t.run(epochs)

def stage(name):
    print(name, flush=True)
    if name == hold:
        sys.stdin.readline()  # wait here to be killed

real_write, real_fsync, real_replace = np.lib.format.write_array, os.fsync, os.replace

def write_array(fh, arr, **kw):
    stage(f"array {arr.shape}")
    return real_write(fh, arr, **kw)

def fsync(fd):
    stage("fsync")
    return real_fsync(fd)

def replace(src, dst):
    stage("before rename")
    real_replace(src, dst)
    stage("after rename")

np.lib.format.write_array, os.fsync, os.replace = write_array, fsync, replace
save_workspace(path, t)
stage("done")
"""


def _old_file(path: Path) -> None:
    t = Trainer(Network(), *chapter_dataset())
    t.run(3)
    save_workspace(path, t)


def _kill_at(path: Path, stage_index: int | None = None, hold: str = "") -> tuple[list[str], int]:
    """Run the child until it reports stage number ``stage_index`` (or ``hold``), then SIGKILL it."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), "7", hold], cwd=ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    seen = []
    try:
        for line in child.stdout:
            seen.append(line.strip())
            if seen[-1] == hold or len(seen) - 1 == stage_index or seen[-1] == "done":
                break
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdout.close()
        child.stdin.close()
    return seen, child.pid


def _temporaries(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if n.endswith(".tmp")]


@pytest.mark.parametrize("hold, expect", [("array (2000, 5)", 3), ("fsync", 3), ("before rename", 3),
                                          ("after rename", 7)])
def test_a_kill_at_each_stage_leaves_the_old_or_the_new_file(tmp_path, hold, expect):
    p = tmp_path / "w.cnnviz"
    _old_file(p)
    seen, _ = _kill_at(p, hold=hold)
    assert seen[-1] == hold
    assert len(_temporaries(tmp_path)) == (1 if expect == 3 else 0)  # the dead save's, beside the target
    assert load_workspace(p).trainer.epoch == expect  # loads: not torn
    assert _temporaries(tmp_path) == []  # and that load cleared the dead save's temporary


def test_kills_at_random_stages_never_tear_the_file(tmp_path):
    rnd = random.Random(12)
    p = tmp_path / "w.cnnviz"
    _old_file(p)
    epochs = set()
    for _ in range(10):
        seen, _ = _kill_at(p, stage_index=rnd.randrange(16))
        ws = load_workspace(p)  # raises if the file were torn
        epochs.add(ws.trainer.epoch)
        assert ws.trainer.epoch in (3, 7)
        if ws.trainer.epoch == 7:
            _old_file(p)  # start the next round from the old file again
    load_workspace(p)
    assert epochs == {3, 7}  # kills landed both before and after the rename
    assert _temporaries(tmp_path) == []  # the loads cleared every dead save's temporary
