"""`pip install .` gives a working app: the wheel carries every bundled file and runs from anywhere.

Built offline from a copy of the source (the checkout's build/ never leaks in), installed into a
fresh venv, run from an unrelated folder. The venv reuses this interpreter's dependencies through
a ``.pth`` file: ``python -m venv --system-site-packages`` made from a venv's interpreter links the
*base* interpreter's site-packages, not the venv's, so it would see no PySide6 (measured here).
About 20 s.
"""

from __future__ import annotations

import json
import os
import site
import struct
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.packaging.helpers import ROOT, copy_source

setuptools = pytest.importorskip("setuptools")
NEEDED_SETUPTOOLS = 77  # reads `license = "MIT"` (SPDX) and `license-files` in pyproject.toml
BUNDLED = (  # what the app opens from the package (icon, samples, data set) and their licence notes
    "icon.svg", "cnn-visualiser.desktop", "__init__.py",
    "images/brick.png", "images/camera.png", "images/chelsea.png", "images/LICENSES.md",
    "datasets/digits_8x8.csv.gz", "datasets/LICENSES.md",
    "icons/cnn-visualiser-48.png", "icons/cnn-visualiser-256.png",
)
PROBE = """
import json, importlib.resources as ir, core, core.resources as r, gui.window.app as app
from core.image_cnn.digits import digits
from gui.image_lab.lab import SAMPLES, sample_path
X, y = digits()
print(json.dumps({"core": core.__file__, "files": str(ir.files("core.bundled")),
                  "resources": str(r.RESOURCES), "icon": str(app.ICON_PATH),
                  "icon_exists": app.ICON_PATH.is_file(),
                  "samples": [str(sample_path(n)) for n in SAMPLES], "digits": list(X.shape)}))
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(int(setuptools.__version__.split(".")[0]) < NEEDED_SETUPTOOLS,
                       reason=f"setuptools {setuptools.__version__} here; building offline needs >= "
                              f"{NEEDED_SETUPTOOLS} (pip install -U setuptools)"),
]


def run(argv, **kw) -> subprocess.CompletedProcess:
    r = subprocess.run([str(a) for a in argv], capture_output=True, text=True, check=False, timeout=120, **kw)
    assert r.returncode == 0, f"{argv[:3]} failed:\n{r.stdout[-2000:]}\n{r.stderr[-3000:]}"
    return r


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The wheel and the sdist, built offline with this interpreter's setuptools."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = copy_source(tmp / "src")
    dist = tmp / "dist"
    run([sys.executable, "-m", "pip", "wheel", src, "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", dist])
    code = "import sys; from setuptools import build_meta as b; print(b.build_sdist(sys.argv[1]))"
    run([sys.executable, "-c", code, dist], cwd=src)
    wheel, = dist.glob("*.whl")
    sdist, = dist.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist, "tmp": tmp}


def test_the_wheel_carries_the_code_and_every_bundled_file(built):
    names = set(zipfile.ZipFile(built["wheel"]).namelist())
    for rel in BUNDLED:
        assert f"core/bundled/{rel}" in names, f"the wheel lacks resources/{rel}"
    for top in ("core", "gui"):
        for py in (ROOT / top).rglob("*.py"):
            if "__pycache__" not in py.parts:
                assert py.relative_to(ROOT).as_posix() in names, f"the wheel lacks {py.relative_to(ROOT)}"
    tops = {n.split("/")[0] for n in names}
    assert tops == {"core", "gui", "cnn_visualiser-0.1.0.dist-info"}, tops  # no main.py, tests/, resources/
    dist_info = "cnn_visualiser-0.1.0.dist-info"
    assert f"{dist_info}/licenses/resources/images/LICENSES.md" in names
    assert f"{dist_info}/licenses/resources/datasets/LICENSES.md" in names
    entry_points = zipfile.ZipFile(built["wheel"]).read(f"{dist_info}/entry_points.txt").decode()
    assert "cnn-visualiser = gui.cli.parser:main" in entry_points


def test_the_sdist_carries_what_a_wheel_is_built_from(built):
    with tarfile.open(built["sdist"]) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for rel in BUNDLED:
        assert f"resources/{rel}" in names, f"the sdist lacks resources/{rel}"
    assert {"pyproject.toml", "README.md", "core/resources.py", "gui/cli/parser.py"} <= names


def test_installed_from_the_wheel_it_runs_from_any_folder_with_its_own_files(built):
    tmp = built["tmp"]
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    purelib = run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    Path(purelib.stdout.strip(), "_reuse_test_dependencies.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n")
    run([venv / "bin" / "python", "-m", "pip", "install", "--no-deps", "--no-index", "-q", built["wheel"]])

    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp / "home"))
    app = venv / "bin" / "cnn-visualiser"

    probe = json.loads(run([venv / "bin" / "python", "-c", PROBE], cwd=elsewhere, env=env).stdout)
    inside = str(venv)
    for key in ("core", "files", "resources", "icon"):
        assert probe[key].startswith(inside), f"{key} came from {probe[key]}, not the installed wheel"
    assert probe["icon_exists"] and probe["digits"] == [1797, 8, 8, 1]
    assert all(Path(p).is_file() and p.startswith(inside) for p in probe["samples"])

    run([app, "--screenshot", "out.png"], cwd=elsewhere, env=env)
    data = (elsewhere / "out.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1600, 900)

    brick = next(p for p in probe["samples"] if p.endswith("brick.png"))
    out = run([app, "filter", brick, "--kernel", "sobel-x", "--out", "x.png"], cwd=elsewhere, env=env)
    assert (elsewhere / "x.png").stat().st_size > 1000, out.stdout
