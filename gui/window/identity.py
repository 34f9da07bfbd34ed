"""The names the app stores its settings under, in one place.

QSettings files are found by organisation and application name; the QApplication, the window
and the start-up language must all use the same pair or a choice stored by one is invisible to
the others. Kept apart from ``gui.window.app`` so the language module can read it without an
import circle.
"""

ORGANISATION = "CNN Visualiser"
APPLICATION = "CNN Visualiser"
