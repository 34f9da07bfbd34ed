"""``cnn-visualiser train-cnn``: one line per epoch, a progress bar only on a terminal, one-line errors
with status 2, no Qt for the digits, and a saved run that resumes bit for bit."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gui.cli.parser import main

ROOT = Path(__file__).resolve().parents[2]
EPOCH_LINE = re.compile(r"^epoch +(\d+)  train loss (\d+\.\d{4})  "
                        r"train acc +(\d+\.\d)%  val acc +(\d+\.\d)%$")
pytestmark = pytest.mark.timeout(120)


def _run(capsys, *argv):
    status = main(["train-cnn", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_each_epoch_prints_its_losses_and_accuracies_and_the_net_learns(capsys):
    status, out, err = _run(capsys, "--epochs", "3", "--batch-size", "64")
    assert status == 0 and err == ""
    lines = [m for m in map(EPOCH_LINE.match, out.splitlines()) if m]
    assert [int(m.group(1)) for m in lines] == [1, 2, 3]
    assert float(lines[-1].group(4)) > 80.0  # validation accuracy, in per cent
    assert float(lines[-1].group(2)) < float(lines[0].group(2))  # training loss falls
    assert "1437 training and 360 validation images of 8×8×1" in out
    assert "[#" not in out  # no progress bar into a pipe or file


@pytest.mark.parametrize("argv, words", [
    (["--layers", "conv:4"], "conv is written"),
    (["--layers", "conv:8:3,relu,dense:3"], "one output per class (10"),
    (["--layers", "conv:8:30,dense:10"], "larger than its padded input"),
    (["--lr", "-1"], "lr must be"),
    (["--data", "no/such/folder"], "not a folder"),
    (["--size", "28"], "apply to a folder"),
    (["--epochs", "many"], "not a whole number"),
    (["--workspace", "missing.cnnviz"], "no such file"),
])
def test_a_mistake_is_one_line_and_status_2(capsys, argv, words):
    try:
        status, out, err = _run(capsys, *argv)
    except SystemExit as exc:  # argparse's own refusals exit from inside parse_args
        status, (_, err) = exc.code, capsys.readouterr()
    assert status == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and words in err, err


def _make_folder(root: Path, classes: dict[str, int], corrupt: str | None = None) -> Path:
    from PySide6.QtGui import QColor, QImage

    for c, (name, count) in enumerate(classes.items()):
        (root / name).mkdir(parents=True)
        for i in range(count):
            img = QImage(12, 10, QImage.Format.Format_RGB32)
            img.fill(QColor(40 * c + 3 * i, 200 - 50 * c, 90))
            assert img.save(str(root / name / f"{i:02d}.png"))
    if corrupt:
        (root / corrupt).write_bytes(b"\x89PNG\r\n\x1a\n" + b"broken" * 10)
    return root


def test_a_folder_trains_and_its_corrupt_file_is_counted_in_one_warning(capsys, tmp_path):
    folder = _make_folder(tmp_path / "shapes", {"blue": 6, "red": 6}, corrupt="red/zz.png")
    status, out, err = _run(capsys, "--data", str(folder), "--size", "8", "--layers", "conv:2:3,relu,dense:2",
                            "--epochs", "2")
    assert status == 0, err
    assert "12 images in 2 classes (blue 6, red 6), 8×8 RGB; skipped 1 unreadable file: red/zz.png" in out
    assert len([m for m in map(EPOCH_LINE.match, out.splitlines()) if m]) == 2


def test_a_one_class_folder_is_refused_with_the_cores_sentence(capsys, tmp_path):
    folder = _make_folder(tmp_path / "one", {"cats": 3})
    status, out, err = _run(capsys, "--data", str(folder))
    assert status == 2 and "a data set needs at least 2 classes" in err and "'cats'" in err
    assert len(err.strip().splitlines()) == 1


def test_five_then_five_epochs_from_the_workspace_equal_ten_straight(capsys, tmp_path):
    from core.workspace.image_cnn import load_image_cnn_workspace

    a, b, c = (str(tmp_path / n) for n in ("a.cnnviz", "b.cnnviz", "c.cnnviz"))
    assert _run(capsys, "--epochs", "5", "--save-workspace", a)[0] == 0
    status, out, _ = _run(capsys, "--workspace", a, "--epochs", "5", "--save-workspace", b)
    assert status == 0 and "resumed at epoch 5" in out
    assert [int(m.group(1)) for m in map(EPOCH_LINE.match, out.splitlines()) if m] == [6, 7, 8, 9, 10]
    assert _run(capsys, "--epochs", "10", "--save-workspace", c)[0] == 0
    resumed, straight = load_image_cnn_workspace(b).trainer, load_image_cnn_workspace(c).trainer
    assert np.array_equal(resumed.model.theta, straight.model.theta)
    assert np.array_equal(resumed.history["val_acc"], straight.history["val_acc"])
    status, _, err = _run(capsys, "--workspace", a, "--lr", "0.1")
    assert status == 2 and "cannot be combined with --workspace" in err


def test_the_digits_need_no_qt_but_a_folder_does(tmp_path):
    folder = _make_folder(tmp_path / "f", {"a": 2, "b": 2})
    code = ("import sys, runpy; sys.argv = ['main.py', 'train-cnn', *sys.argv[1:]]\n"
            "try:\n    runpy.run_path('main.py', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('QT', sorted(m for m in sys.modules if m.startswith(('PySide6.', 'pyqtgraph'))))\n")
    runs = {}
    for key, extra in (("digits", []), ("folder", ["--data", str(folder), "--size", "6",
                                                    "--layers", "conv:2:3,dense:2"])):
        r = subprocess.run([sys.executable, "-c", code, "--epochs", "1", *extra], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        runs[key] = r.stdout.splitlines()[-1]
    assert runs["digits"] == "QT []"
    assert "PySide6.QtGui" in runs["folder"] and "PySide6.QtWidgets" not in runs["folder"]


def test_a_terminal_gets_a_progress_bar(tmp_path):
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "main.py", "train-cnn", "--epochs", "2"], cwd=ROOT,
                            stdin=subprocess.DEVNULL, stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    text = b"".join(chunks).decode()
    assert proc.returncode == 0
    assert "\r[" in text and "] epoch 1/2 batch 45/45" in text
    lines = [line.split("\r")[-1] for line in text.replace("\r\n", "\n").split("\n")]
    assert sum(bool(EPOCH_LINE.match(line)) for line in lines) == 2
