"""The headless ``filter`` command: good runs write the right maps; bad ones say one line."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage
from scipy.signal import correlate2d

from gui.cli.filter import add_filter_parser, main, run_filter
from gui.image_lab.image_io import load_image

ROOT = Path(__file__).resolve().parents[2]
BRICK = ROOT / "resources" / "images" / "brick.png"
SOBEL_X = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float64)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run the command in a fresh interpreter (no QApplication, as main.py's headless path)."""
    code = "import sys; from gui.cli.parser import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, "filter", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def assert_one_error_line(stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines, "expected an error message"
    assert lines[-1].startswith("error: ")
    assert sum(line.startswith("error: ") for line in lines) == 1
    assert "Traceback" not in stderr


@pytest.mark.timeout(60)
def test_good_run_in_a_fresh_process_writes_the_sobel_map(tmp_path):
    out = tmp_path / "edges.npy"
    r = run_cli(BRICK, "--kernel", "sobel-x", "--padding", "1", "--out", out)
    assert r.returncode == 0, r.stderr
    summary = r.stdout.strip().splitlines()
    assert len(summary) == 1 and "(512, 512) →" in summary[0] and "(512, 512)" in summary[0]
    brick = load_image(BRICK).array.astype(np.float64)
    reference = correlate2d(brick, SOBEL_X, mode="same", boundary="fill")  # zero padding
    np.testing.assert_allclose(np.load(out), reference, atol=1e-5)


@pytest.mark.timeout(60)
def test_bad_file_in_a_fresh_process_ends_with_one_error_line(tmp_path):
    data = BRICK.read_bytes()
    bad = tmp_path / "cut.png"
    bad.write_bytes(data[: len(data) // 3])  # libpng also complains on stderr by itself
    r = run_cli(bad, "--kernel", "sobel-x", "--out", tmp_path / "o.png")
    assert r.returncode == 2
    assert_one_error_line(r.stderr)
    assert "cut.png" in r.stderr.splitlines()[-1]
    assert not (tmp_path / "o.png").exists()


def test_pool_depth_pool_and_png_output(tmp_path, capsys):
    out = tmp_path / "pooled.png"
    status = main(["filter", str(BRICK), "--kernel", "sobel-x", "--kernel", "sobel-y",
                   "--activation", "relu", "--pool", "max:2:2", "--depth-pool", "max",
                   "--out", str(out)])
    assert status == 0
    assert "(256, 256)" in capsys.readouterr().out
    png = QImage(str(out))
    assert (png.width(), png.height()) == (256, 256)


def test_stride_and_kernel_size_follow_the_formula(tmp_path):
    out = tmp_path / "box.npy"
    assert main(["filter", str(BRICK), "--kernel", "box", "--kernel-size", "5",
                 "--padding", "0", "--stride", "2", "--out", str(out)]) == 0
    n = (512 + 2 * 0 - 5) // 2 + 1
    assert np.load(out).shape == (n, n)


def test_works_with_a_parser_built_like_main_py(tmp_path):
    parser = argparse.ArgumentParser(prog="cnn-visualiser")
    sub = parser.add_subparsers(dest="command", required=True)
    add_filter_parser(sub)
    args = parser.parse_args(["filter", str(BRICK), "--kernel", "gaussian",
                              "--out", str(tmp_path / "g.npy")])
    assert args.func is run_filter
    assert run_filter(args) == 0
    assert np.load(tmp_path / "g.npy").shape == (512, 512)


@pytest.mark.parametrize("argv, words", [
    (["{missing}", "--kernel", "sobel-x"], "no such file"),
    (["{text}", "--kernel", "sobel-x"], "not an image"),
    (["{brick}", "--kernel", "blur"], "unknown kernel 'blur'"),
    (["{brick}"], "at least one --kernel"),
    (["{brick}", "--kernel", "sobel-x", "--kernel-size", "5", "--kernel", "box"],
     "share a size"),
    (["{brick}", "--kernel", "custom", "--custom", "1 2; 3"], "ragged rows"),
    (["{brick}", "--kernel", "box", "--kernel-size", "4"], "odd"),
    (["{brick}", "--kernel", "sobel-x", "--pad-mode", "reflect", "--padding", "600"],
     "reflect padding"),
])
def test_bad_inputs_give_one_error_line_and_status_2(tmp_path, capsys, argv, words):
    text = tmp_path / "words.png"
    text.write_text("not a picture")
    fill = {"missing": tmp_path / "nope.png", "text": text, "brick": BRICK}
    argv = [a.format(**fill) for a in argv]
    status = main(["filter", *argv, "--out", str(tmp_path / "o.npy")])
    err = capsys.readouterr().err
    assert status == 2
    assert_one_error_line(err)
    assert words in err
    assert not (tmp_path / "o.npy").exists()


@pytest.mark.parametrize("argv, words", [
    (["--kernel", "sobel-x", "--pool", "median:2"], "--pool"),
    (["--kernel", "sobel-x", "--stride", "0"], "--stride"),
    (["--kernel", "sobel-x", "--pad-mode", "wrap"], "--pad-mode"),
    (["--kernel", "sobel-x"], "--out"),
])
def test_bad_options_give_one_error_line_and_status_2(capsys, argv, words):
    with pytest.raises(SystemExit) as exc:
        main(["filter", str(BRICK), *argv])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert_one_error_line(err)
    assert words in err


def test_wrong_output_suffix_is_refused(tmp_path, capsys):
    assert main(["filter", str(BRICK), "--kernel", "box", "--out", str(tmp_path / "o.jpg")]) == 2
    assert "must end in .png or .npy" in capsys.readouterr().err


def test_unwritable_output_is_one_error_line(tmp_path, capsys):
    out = tmp_path / "no" / "such" / "dir" / "o.npy"
    assert main(["filter", str(BRICK), "--kernel", "box", "--out", str(out)]) == 2
    assert_one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize("opts", [["--padding", "100000"], ["--kernel-size", "99999"],
                                  ["--bias", "1e308"]])
def test_absurd_sizes_are_refused_not_crashed(tmp_path, opts):
    r = run_cli(ROOT / "resources" / "images" / "brick.png", "--kernel", "box", *opts,
                "--out", tmp_path / "o.npy")
    assert r.returncode == 2
    assert_one_error_line(r.stderr)
    assert not (tmp_path / "o.npy").exists()


@pytest.mark.timeout(120)
def test_settings_past_the_memory_limit_are_refused_before_filtering_in_one_line(tmp_path):
    """8192² grey through nine kernels would hold ~2.6 GB: refused, naming the estimate."""
    big = QImage(8192, 8192, QImage.Format.Format_Grayscale8)
    big.fill(90)
    path = tmp_path / "big.png"
    assert big.save(str(path))
    del big
    kernels = ["sobel-x", "sobel-y", "prewitt-x", "prewitt-y", "laplacian", "sharpen", "emboss", "outline",
               "identity"]
    r = run_cli(path, *[a for k in kernels for a in ("--kernel", k)], "--out", tmp_path / "o.npy")
    assert r.returncode == 2
    assert_one_error_line(r.stderr)
    last = r.stderr.splitlines()[-1]
    assert "9 kernels on this 8192×8192 image would need about 2.5 GB" in last and "limit of 2.0 GB" in last
    assert not (tmp_path / "o.npy").exists()


def test_a_stack_is_saved_as_the_npy_np_load_reads(tmp_path):
    out = tmp_path / "maps.npy"
    assert main(["filter", str(BRICK), "--kernel", "sobel-x", "--kernel", "sobel-y", "--out", str(out)]) == 0
    maps = np.load(out)
    brick = load_image(BRICK).array.astype(np.float64)
    assert maps.shape == (512, 512, 2)
    np.testing.assert_allclose(maps[..., 1], correlate2d(brick, SOBEL_X.T, mode="same"), atol=1e-5)
