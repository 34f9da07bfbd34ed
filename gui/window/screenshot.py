"""The window rendered offscreen: build it at a size, train through the worker, save a PNG.

How docs, CI and bug reports look at the window without a display (``--screenshot``,
``make screenshots``), and the helpers scripts use to wait for the worker.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable

from gui.window.app import SCREENSHOT_SIZE, application, dark_palette, use_palette


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    """Process events until ``condition()`` holds or the time is up (for scripts without a loop)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)
    return True


def build_window_offscreen(experiment: int = 1, size: tuple[int, int] = SCREENSHOT_SIZE,
                           settings_dir: str | None = None):
    """A shown MainWindow at ``size`` with the chapter's experiment ``experiment`` applied.

    The window's settings go to a private file so a screenshot never moves the user's window.
    """
    from PySide6.QtCore import QSettings

    application()
    from gui.window.main_window import MainWindow

    settings_dir = settings_dir or tempfile.mkdtemp(prefix="cnnvis-")
    settings = QSettings(os.path.join(settings_dir, "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, restore=False, load_image=False)
    window.resize(*size)
    window.show()
    window.apply_experiment(experiment)
    if not wait_until(lambda: window.frames_drawn > 0 and window.worker.worker.trainer is not None):
        raise RuntimeError("the training worker did not answer within 10 s")
    return window


def train_and_draw(window, epochs: int) -> None:
    """Train ``epochs`` epochs through the worker (blocking) and wait until the views have drawn them."""
    if epochs <= 0:
        return
    before = window.frames_drawn
    window.worker.run_epochs_now(epochs)
    wait_until(lambda: window.frames_drawn > before, 10.0)


def settle(window, ms: int = 150) -> None:
    """Let layouts and deferred repaints finish before grabbing."""
    from PySide6.QtCore import QCoreApplication

    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def render_screenshot(path: str, epochs: int = 0, experiment: int = 1, dark: bool = False) -> None:
    """Build the window offscreen at 1600×900, train ``epochs`` epochs, and save it as a PNG.

    Works without a display: when no QApplication exists yet the offscreen platform is used.
    ``dark`` renders with a dark palette (Fusion style, as the offscreen platform has no theme).
    Raises OSError when the PNG cannot be written.
    """
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if dark:
        app = application()
        app.setStyle("Fusion")
        use_palette(app, dark_palette())
    window = build_window_offscreen(experiment)
    try:
        train_and_draw(window, epochs)
        settle(window)
        if not window.grab().save(str(path), "PNG"):
            raise OSError(f"could not write the screenshot to {path}")
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
