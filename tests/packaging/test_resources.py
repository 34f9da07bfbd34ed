"""core.resources finds the bundled files from a checkout, an editable install, an unpacked wheel or a zip."""

from __future__ import annotations

import importlib
import site
import subprocess
import sys
import zipfile
from pathlib import Path

from core import resources

# the module itself: the package exports a function of the same name
digits = importlib.import_module("core.image_cnn.digits")

ROOT = Path(__file__).resolve().parents[2]


def test_in_this_checkout_the_files_are_the_repository_s_resources():
    assert resources.RESOURCES.resolve() == (ROOT / "resources").resolve()
    assert resources.resource_path("images", "brick.png").is_file()


def test_every_file_the_app_asks_for_is_there():
    from gui.image_lab.lab import SAMPLES, sample_path

    for name in SAMPLES:
        assert sample_path(name).is_file(), name
    assert digits._digits_path() == resources.resource_path("datasets", "digits_8x8.csv.gz")
    X, y = digits.digits()
    assert X.shape == (1797, 8, 8, 1) and set(y) == set(range(10))
    for part in (("icon.svg",), ("images", "LICENSES.md"), ("datasets", "LICENSES.md"),
                 ("cnn-visualiser.desktop",)):
        assert resources.resource_path(*part).is_file(), part


def test_a_checkout_nobody_installed_falls_back_to_resources_beside_the_code():
    """No site processing (so no editable-install hook): core.bundled cannot be imported."""
    code = ("import sys; sys.path[:0] = sys.argv[1:]\n"
            "import importlib.util, core.resources as r\n"
            "print(importlib.util.find_spec('core.bundled') is None, r.RESOURCES)")
    deps = site.getsitepackages()
    r = subprocess.run([sys.executable, "-S", "-c", code, str(ROOT), *deps], cwd=ROOT.parent,
                       capture_output=True, text=True, check=True)
    unimportable, folder = r.stdout.split(maxsplit=1)
    assert unimportable == "True"
    assert Path(folder.strip()) == ROOT / "resources"


def test_a_package_inside_a_zip_is_copied_out_once_as_real_files(tmp_path, monkeypatch):
    archive = tmp_path / "app.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("core/bundled/icon.svg", "<svg/>")
        z.writestr("core/bundled/images/brick.png", b"\x89PNG fake")
    monkeypatch.setattr(resources._importlib_resources, "files",
                        lambda package: zipfile.Path(archive, "core/bundled/"))
    folder = resources.find_resources()
    assert folder.is_dir() and folder != ROOT / "resources"
    assert (folder / "icon.svg").read_text() == "<svg/>"
    assert (folder / "images" / "brick.png").read_bytes() == b"\x89PNG fake"


def test_an_unimportable_data_package_is_not_an_error(monkeypatch):
    def files(package):
        raise ModuleNotFoundError(f"No module named {package!r}", name=package)

    monkeypatch.setattr(resources._importlib_resources, "files", files)
    assert resources.find_resources() == resources.CHECKOUT_RESOURCES
