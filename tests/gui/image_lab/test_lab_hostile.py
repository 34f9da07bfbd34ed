"""Hostile image files: the loader returns an image or raises ImageLoadError with a message —
never anything else, and nothing on stderr; the command line says one line and nothing more."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QImage

from gui.image_lab.image_io import ImageLoadError, LoadedImage, load_image

ROOT = Path(__file__).resolve().parents[3]
CHELSEA = ROOT / "resources" / "images" / "chelsea.png"
FORMATS = ("PNG", "JPEG", "BMP", "TIFF", "WEBP")


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, bytes]:
    """Small valid files of each format (grey, colour, with alpha) to mutate."""
    folder = tmp_path_factory.mktemp("originals")
    cat = QImage(str(CHELSEA)).scaled(41, 27)
    out = {}
    for fmt in FORMATS:
        for kind, img in (("rgb", cat), ("grey", cat.convertToFormat(QImage.Format.Format_Grayscale8)),
                          ("alpha", cat.convertToFormat(QImage.Format.Format_ARGB32))):
            path = folder / f"{kind}.{fmt.lower()}"
            if img.save(str(path), fmt):
                out[f"{kind}.{fmt.lower()}"] = path.read_bytes()
    assert len(out) >= 10
    return out


@st.composite
def mutations(draw, originals):
    """A valid file cut short, with bytes flipped, inserted or deleted, or a forged size."""
    name = draw(st.sampled_from(sorted(originals)))
    data = bytearray(originals[name])
    kind = draw(st.sampled_from(["cut", "flip", "insert", "delete", "size", "mixed"]))
    if kind in ("cut", "mixed"):
        data = data[: draw(st.integers(0, len(data)))]
    if kind in ("flip", "mixed") and data:
        for _ in range(draw(st.integers(1, 20))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] ^= draw(st.integers(1, 255))
    if kind == "insert":
        i = draw(st.integers(0, len(data)))
        data[i:i] = draw(st.binary(min_size=1, max_size=64))
    if kind == "delete" and data:
        i = draw(st.integers(0, len(data) - 1))
        del data[i : i + draw(st.integers(1, 64))]
    if kind == "size" and len(data) > 24:  # write a huge width/height where headers keep them
        i = draw(st.integers(0, min(len(data), 64) - 4))
        huge = [b"\x00\x00\x75\x30", b"\xff\xff\xff\xff", b"\x7f\xff\xff\xff"]  # 30000, -1, 2³¹ − 1
        data[i : i + 4] = draw(st.sampled_from(huge))
    return name, bytes(data)


def check_outcome(path: Path) -> None:
    try:
        loaded = load_image(path)
    except ImageLoadError as exc:
        message = str(exc)
        assert message and "\n" not in message and path.name in message
        return
    assert isinstance(loaded, LoadedImage)
    a = loaded.array
    assert a.dtype == np.float32 and a.ndim in (2, 3) and 0 not in a.shape
    assert np.isfinite(a).all() and a.min() >= 0 and a.max() <= 1


def test_the_mutations_reach_the_decoders(originals, tmp_path):
    """Not only the header checks: some mutated files load, some are refused."""
    outcomes = set()
    for name, data in originals.items():
        for cut in (len(data) // 2, len(data) - 1):
            path = tmp_path / f"cut_{cut}_{name}"
            path.write_bytes(data[:cut])
            try:
                load_image(path)
                outcomes.add("loaded")
            except ImageLoadError:
                outcomes.add("refused")
    assert outcomes == {"loaded", "refused"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hostile_bytes_load_or_say_why_and_print_nothing(originals, tmp_path, capfd, data):
    name, content = data.draw(mutations(originals))
    path = tmp_path / f"fuzz_{name}"
    path.write_bytes(content)
    capfd.readouterr()
    check_outcome(path)
    out, err = capfd.readouterr()
    assert err == "" and out == ""  # libpng / libjpeg complaints are caught, not printed


HOSTILE = {  # name → how to make it from a valid file's bytes
    "cut_third.png": lambda b: b[: len(b) // 3],
    "cut_header.png": lambda b: b[:40],
    "garbled.png": lambda b: bytes(x ^ 0x5A if i % 97 == 5 else x for i, x in enumerate(b)),
    "text.png": lambda b: b"hello\n" * 20,
    "zeros.jpg": lambda b: bytes(2000),
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_command_line_says_one_line_and_nothing_else(tmp_path, name):
    bad = tmp_path / name
    bad.write_bytes(HOSTILE[name](CHELSEA.read_bytes()))
    code = "import sys; from gui.cli.parser import main; sys.exit(main(sys.argv[1:]))"
    r = subprocess.run([sys.executable, "-c", code, "filter", str(bad), "--kernel", "sobel-x", "--out",
                        str(tmp_path / "o.npy")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and name in lines[0], r.stderr
    assert r.stdout == "" and not (tmp_path / "o.npy").exists()


@pytest.mark.timeout(120)
def test_a_damaged_but_readable_jpeg_filters_with_one_note(tmp_path):
    full = tmp_path / "cat.jpg"
    assert QImage(str(CHELSEA)).save(str(full), "JPEG")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    code = "import sys; from gui.cli.parser import main; sys.exit(main(sys.argv[1:]))"
    r = subprocess.run([sys.executable, "-c", code, "filter", str(cut), "--kernel", "sobel-x", "--out",
                        str(tmp_path / "o.npy")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("note: ") and "damaged or cut short" in lines[0]
