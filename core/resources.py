"""Where the app's bundled files live: icons, sample images, the digits data set, translations.

The files sit in ``resources/`` in the repository and install as the data package
``core.bundled`` (pyproject.toml maps the one onto the other), so they are found through
``importlib.resources`` wherever the code runs from:

- an installed wheel: ``site-packages/core/bundled/`` (there is no ``resources/`` folder there);
- an editable install (``make run``, ``pip install -e .``): setuptools' import hook maps
  ``core.bundled`` onto the checkout's ``resources/``;
- a plain checkout nobody installed (``python main.py`` with the dependencies on the path):
  ``core.bundled`` is not importable, and the checkout's ``resources/`` is used directly.

Every caller asks :func:`resource_path` (or uses :data:`RESOURCES`) instead of building a path
from ``__file__``, so a new bundled file works in all three cases without more code.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from importlib import resources as _importlib_resources
from pathlib import Path

PACKAGE = "core.bundled"  # resources/ of the repository, as the wheel installs it
CHECKOUT_RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def _copy_tree(node, target: Path) -> None:
    """Copy a Traversable tree (e.g. inside a zip) to ``target`` on disk."""
    target.mkdir(parents=True, exist_ok=True)
    for child in node.iterdir():
        if child.is_dir():
            if child.name != "__pycache__":
                _copy_tree(child, target / child.name)
        else:
            (target / child.name).write_bytes(child.read_bytes())


def find_resources() -> Path:
    """The folder of the bundled files, as a real directory on disk.

    Qt, gzip and the image readers want file names, so a package that is not on disk (a zip
    on sys.path, which pip never produces) is copied once to a temporary folder, removed at exit.
    """
    try:
        root = _importlib_resources.files(PACKAGE)
    except ModuleNotFoundError:  # a checkout that nobody installed
        return CHECKOUT_RESOURCES
    if isinstance(root, Path):
        return root
    copy = Path(tempfile.mkdtemp(prefix="cnn-visualiser-resources-"))
    atexit.register(shutil.rmtree, copy, ignore_errors=True)
    _copy_tree(root, copy)
    return copy


RESOURCES: Path = find_resources()


def resource_path(*parts: str) -> Path:
    """The path of a bundled file, e.g. ``resource_path("images", "brick.png")``."""
    return RESOURCES.joinpath(*parts)
