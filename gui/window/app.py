"""Starting the GUI: the QApplication, its icon and theme, and the window's event loop.

``run_gui(argv)`` opens the window; ``gui.window.screenshot`` renders the same window offscreen.
"""

from __future__ import annotations

import signal

from core.resources import RESOURCES
from gui.window.identity import APPLICATION, ORGANISATION

ICON_PATH = RESOURCES / "icon.svg"
SCREENSHOT_SIZE = (1600, 900)


def application(argv: list[str] | None = None):
    """The one QApplication, created on first use with the app's names, icon, language and theme.

    The language (``--lang``, else View → Language's stored choice, else the desktop's) is
    installed here, before any window exists, so every widget is built in it.
    """
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from gui.window.language import apply_startup_language
    from gui.window.theme import apply_theme

    app = QApplication.instance()
    created = app is None
    if app is None:
        app = QApplication(list(argv or ["cnn-visualiser"]))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    # No display name: X11 appends it to every window title, which then names the app twice.
    app.setDesktopFileName("cnn-visualiser")  # Wayland matches the window to its desktop entry
    if ICON_PATH.exists():
        app.setWindowIcon(QIcon(str(ICON_PATH)))
    apply_startup_language(app, created=created)
    apply_theme(app)
    return app


def dark_palette():
    """A dark QPalette (what a dark desktop theme hands the app), Disabled colours included."""
    from gui.window.theme import palette_for

    return palette_for("dark")


def use_palette(app, palette) -> None:
    """Switch the app to ``palette`` (views re-colour on the palette change; new plots follow too)."""
    from gui.window.theme import apply_theme

    app.setPalette(palette)
    apply_theme(app)


def run_gui(argv: list[str], workspace: str | None = None) -> int:
    """Open the main window (with ``workspace`` loaded, if given) and run the event loop.

    Returns the exit status (0 on a normal close). main.py checks ``workspace`` before calling.
    """
    from PySide6.QtCore import QTimer

    app = application(argv)
    from gui.window.main_window import MainWindow

    window = MainWindow()
    window.files.confirm_close = True  # ask to save unsaved changes (never in tests)
    window.controls.confirm = True  # ask before Apply or Reset throw a trained network away
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
