"""Where the app's bundled files live: icons, sample images, the digits data set, translations.

One function, so every caller finds ``resources/`` the same way whether the app runs from a
checkout (``python main.py``) or from an installed wheel.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a bundled file, e.g. ``resource_path("images", "brick.png")``."""
    return RESOURCES.joinpath(*parts)
