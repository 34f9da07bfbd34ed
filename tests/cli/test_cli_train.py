"""The headless `train` command: the chapter's numbers, the history CSV, and one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REF = json.loads((ROOT / "tests" / "data" / "chapter_reference.json").read_text())


def run(*args, timeout=60):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


def test_train_experiment2_prints_the_chapters_final_parameters():
    r = run("train", "--experiment", "2", "--epochs", "1000")
    assert r.returncode == 0, r.stderr
    last = REF["batch"]["rows"][-1]
    rows = {line.split()[0]: line.split() for line in r.stdout.splitlines()[4:]}
    for ref_name, name in [("w6", "K6"), ("w7", "K7"), ("w8", "K8"), ("bconv", "b_conv"),
                           ("w9", "w9_12"), ("w10", "w10_12"), ("w11", "w11_12"), ("b12", "b12")]:
        assert abs(float(rows[name][1]) - last[ref_name]) <= 1e-12
    assert "epochs run: 1000" in r.stdout


def test_train_writes_history_csv(tmp_path):
    out = tmp_path / "h.csv"
    r = run("train", "--epochs", "10", "--csv", str(out), "--optimizer", "adam", "--mode", "sgd")
    assert r.returncode == 0, r.stderr
    header = out.read_text().splitlines()[0].split(",")
    assert header == ["epoch", "K6", "K7", "K8", "b_conv", "w9_12", "w10_12", "w11_12", "b12",
                      "loss", "yhat_0"]


def test_train_on_a_csv_file(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("x1,x2,x3,x4,y\n0.1,0.2,0.3,0.4,0.1\n0.4,0.3,0.2,0.1,-0.1\n")
    r = run("train", "--data", str(data), "--epochs", "5")
    assert r.returncode == 0, r.stderr
    assert "2 sample(s), 4 inputs" in r.stdout


def test_divergence_is_reported():
    r = run("train", "--experiment", "2", "--lr", "1000")
    assert r.returncode == 0
    assert "stopped: Training diverged" in r.stdout and "learning rate" in r.stdout
    assert "press Reset" not in r.stdout  # a window's word, not the command line's


@pytest.mark.parametrize(
    "args",
    [
        ["train", "--lr", "abc"],
        ["train", "--lr", "0"],
        ["train", "--lr", "nan"],
        ["train", "--epochs", "-3"],
        ["train", "--mode", "fast"],
        ["train", "--data", "/no/such/file.csv"],
        ["train", "--mode", "minibatch", "--batch-size", "99"],
        ["train", "--csv", "/no/such/dir/out.csv", "--epochs", "1"],
        ["train", "--bogus"],
        ["--experiment", "7"],
    ],
)
def test_bad_arguments_give_one_line_and_status_2(args):
    r = run(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "Traceback" not in r.stderr


def test_malformed_csv_gives_one_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,3\n4,oops,6\n")
    r = run("train", "--data", str(bad))
    assert r.returncode == 2
    assert r.stderr.strip() == f"error: {bad}, row 2, column 2: 'oops' is not a number"


def test_help_lists_the_commands():
    r = run("--help")
    assert r.returncode == 0 and "train" in r.stdout and "filter" in r.stdout


def test_save_and_resume_workspace_equals_straight_run(tmp_path):
    ws = tmp_path / "half.cnnviz"
    common = ["--experiment", "2", "--optimizer", "momentum", "--mode", "sgd", "--lr", "0.05"]
    r1 = run("train", *common, "--epochs", "500", "--save-workspace", str(ws))
    assert r1.returncode == 0, r1.stderr and ws.exists()
    r2 = run("train", "--workspace", str(ws), "--epochs", "500")
    r3 = run("train", *common, "--epochs", "1000")
    assert r2.returncode == 0 and r3.returncode == 0
    assert "resumed at epoch 500" in r2.stdout
    assert r2.stdout.splitlines()[2:] == r3.stdout.splitlines()[2:]


def test_bad_workspace_on_the_cli(tmp_path):
    bad = tmp_path / "bad.cnnviz"
    bad.write_bytes(b"PK\x03\x04 truncated")
    r = run("train", "--workspace", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}")
    r = run("train", "--workspace", str(bad), "--lr", "0.1")
    assert r.returncode == 2 and "cannot be combined" in r.stderr
