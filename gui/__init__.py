"""Everything Qt: the main window, its views, and the training worker thread.

``MainWindow`` is imported lazily (PEP 562) so that headless users of ``gui`` — the
``filter`` command's CLI — do not pay for, or need, the whole widget tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gui.window.main_window import MainWindow

__all__ = ["MainWindow"]


def __getattr__(name: str) -> Any:
    if name == "MainWindow":
        from gui.window.main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module 'gui' has no attribute {name!r}")
