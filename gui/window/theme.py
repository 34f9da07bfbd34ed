"""View → Theme: the desktop's colours, or light, or dark — applied at once, remembered.

Light and dark are Fusion palettes written out in full (Disabled colours included, so a disabled
field looks disabled); "System" gives back the style and palette the app started with. Every
view re-colours itself on the palette change (the diagram, the plots, the data preview, the lab)
from the one palette of gui/widgets/palette.py, whose colours meet WCAG contrast on each
theme's background.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

KEY = "view/theme"
CHOICES = ("system", "light", "dark")
LIGHT_COLOURS = {
    "Window": "#efefef", "WindowText": "#1a1a1a", "Base": "#ffffff", "AlternateBase": "#f5f5f5",
    "Text": "#1a1a1a", "Button": "#e8e8e8", "ButtonText": "#1a1a1a", "BrightText": "#ffffff",
    "Highlight": "#0b5cad", "HighlightedText": "#ffffff", "ToolTipBase": "#ffffdc",
    "ToolTipText": "#1a1a1a", "PlaceholderText": "#6b6b6b", "Link": "#0b5cad", "Light": "#ffffff",
    "Midlight": "#e3e3e3", "Mid": "#b8b8b8", "Dark": "#9f9f9f", "Shadow": "#767676",
}
DARK_COLOURS = {
    "Window": "#2b2b2b", "WindowText": "#e6e6e6", "Base": "#1e1e1e", "AlternateBase": "#2f2f2f",
    "Text": "#e6e6e6", "Button": "#353535", "ButtonText": "#e6e6e6", "BrightText": "#ffffff",
    "Highlight": "#3d7bd9", "HighlightedText": "#ffffff", "ToolTipBase": "#333333",
    "ToolTipText": "#e6e6e6", "PlaceholderText": "#9a9a9a", "Link": "#7fb0ff", "Light": "#505050",
    "Midlight": "#444444", "Mid": "#404040", "Dark": "#202020", "Shadow": "#101010",
}
DISABLED = {"light": {"WindowText": "#8a8a8a", "Text": "#8a8a8a", "ButtonText": "#8a8a8a",
                      "Base": "#f3f3f3"},
            "dark": {"WindowText": "#7a7a7a", "Text": "#7a7a7a", "ButtonText": "#7a7a7a",
                     "Base": "#262626"}}

_started: tuple[str, QPalette] | None = None  # the style and palette the app started with


def palette_for(choice: str) -> QPalette:
    """A full QPalette for "light" or "dark"."""
    colours = DARK_COLOURS if choice == "dark" else LIGHT_COLOURS
    pal = QPalette()
    for role, colour in colours.items():
        pal.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    for role, colour in DISABLED["dark" if choice == "dark" else "light"].items():
        pal.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role), QColor(colour))
    return pal


def remember_start(app: QApplication) -> None:
    """Note the desktop's style and palette once, before any theme is applied."""
    global _started
    if _started is None:
        _started = (app.style().name(), QPalette(app.palette()))


def apply_theme(app) -> None:
    """pyqtgraph's default colours from the system palette, so light and dark desktops both read well.

    Must run before any plot is created (pyqtgraph reads these options at construction).
    Antialiasing stays off: with it, pyqtgraph cannot draw the plots' 2-px curves as
    segments, and one redraw of the plots costs ~50 ms instead of a few (bench/bench_gui.py).
    """
    import pyqtgraph as pg

    pal = app.palette()
    pg.setConfigOptions(
        antialias=False,
        background=pal.color(QPalette.ColorRole.Base),
        foreground=pal.color(QPalette.ColorRole.Text),
    )


def apply_theme_choice(choice: str) -> None:
    """Switch the whole app to ``choice`` now ("system", "light" or "dark")."""
    app = QApplication.instance()
    if app is None:
        return
    remember_start(app)
    if choice not in CHOICES:
        choice = "system"
    if choice == "system":
        style, pal = _started
        app.setStyle(style)
        app.setPalette(pal)
    else:
        app.setStyle("Fusion")
        app.setPalette(palette_for(choice))
    apply_theme(app)  # pyqtgraph's defaults for plots made from now on


class ThemeMenu:
    """Connects View → Theme's actions to the app, and remembers the choice."""

    def __init__(self, window) -> None:
        self.window = window
        actions = window.actions_.theme_actions
        stored = window.settings.value(KEY, "system")
        self.choice = stored if stored in CHOICES else "system"
        for key, action in actions.items():
            action.triggered.connect(lambda _=False, k=key: self.choose(k))
        actions[self.choice].setChecked(True)
        if self.choice != "system":
            apply_theme_choice(self.choice)

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.window.actions_.theme_actions[choice].setChecked(True)
        self.window.settings.setValue(KEY, choice)
        apply_theme_choice(choice)
        self.window.moment.refresh()  # views redraw the moment in the new colours
