"""Starting the GUI: the QApplication, its icon and theme, and the headless screenshot renderer.

``run_gui(argv)`` opens the window; ``render_screenshot(path, epochs, experiment)`` builds the
same window offscreen at 1600×900, trains through the worker, and saves a PNG — the way
docs and CI look at the window without a display.
"""

from __future__ import annotations

import os
import signal
import tempfile
import time
from collections.abc import Callable

from core.resources import RESOURCES  # noqa: E402

ICON_PATH = RESOURCES / "icon.svg"
ORGANISATION = "CNN Visualiser"
SCREENSHOT_SIZE = (1600, 900)


def _application(argv: list[str] | None = None):
    """The one QApplication, created on first use with the app's names, icon and theme."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or ["cnn-visualiser"]))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(ORGANISATION)
    app.setApplicationDisplayName(ORGANISATION)
    if ICON_PATH.exists():
        app.setWindowIcon(QIcon(str(ICON_PATH)))
    apply_theme(app)
    return app


def apply_theme(app) -> None:
    """pyqtgraph's default colours from the system palette, so light and dark desktops both read well.

    Must run before any plot is created (pyqtgraph reads these options at construction).
    Antialiasing stays off: with it, pyqtgraph cannot draw the plots' 2-px curves as
    segments, and one redraw of the plots costs ~50 ms instead of a few (bench/bench_gui.py).
    """
    import pyqtgraph as pg
    from PySide6.QtGui import QPalette

    pal = app.palette()
    pg.setConfigOptions(
        antialias=False,
        background=pal.color(QPalette.ColorRole.Base),
        foreground=pal.color(QPalette.ColorRole.Text),
    )


DARK_COLOURS = {  # a dark palette like the desktops' own, for screenshots and tests of the dark look
    "Window": "#2b2b2b", "WindowText": "#e6e6e6", "Base": "#1e1e1e", "AlternateBase": "#2f2f2f",
    "Text": "#e6e6e6", "Button": "#353535", "ButtonText": "#e6e6e6", "BrightText": "#ffffff",
    "Highlight": "#3d7bd9", "HighlightedText": "#ffffff", "ToolTipBase": "#333333",
    "ToolTipText": "#e6e6e6", "PlaceholderText": "#9a9a9a", "Link": "#7fb0ff", "Light": "#505050",
    "Midlight": "#444444", "Mid": "#404040", "Dark": "#202020", "Shadow": "#101010",
}


def dark_palette():
    """A dark QPalette (what a dark desktop theme hands the app)."""
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    for role, colour in DARK_COLOURS.items():
        pal.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return pal


def use_palette(app, palette) -> None:
    """Switch the app to ``palette`` (views re-colour on the palette change; new plots follow too)."""
    app.setPalette(palette)
    apply_theme(app)


def run_gui(argv: list[str], workspace: str | None = None) -> int:
    """Open the main window (with ``workspace`` loaded, if given) and run the event loop.

    Returns the exit status (0 on a normal close). main.py checks ``workspace`` before calling.
    """
    from PySide6.QtCore import QTimer

    app = _application(argv)
    from gui.window.main_window import MainWindow

    window = MainWindow()
    window.files.confirm_close = True  # ask to save unsaved changes (never in tests)
    if workspace:
        window.files.open_file(workspace)
    app.aboutToQuit.connect(window.shutdown)
    # Ctrl+C in the terminal closes the window cleanly (Python only sees signals between Qt calls).
    signal.signal(signal.SIGINT, lambda *_: window.close())
    tick = QTimer()
    tick.start(250)
    tick.timeout.connect(lambda: None)
    window.show()
    status = app.exec()
    window.shutdown()
    return int(status)


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

    _application()
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
        app = _application()
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
