"""Which language the window speaks: View → Language (remembered) and ``--lang`` (one launch).

The language is chosen before any window exists (``gui.window.app.application`` calls
:func:`apply_startup_language`): a QTranslator for the app's own .qm
(``resources/translations/cnn_visualiser_<lang>.qm``, made by ``make translations``) and Qt's
``qtbase_<lang>.qm`` for the standard buttons (OK, Cancel, Close…). English is the source
language and needs no file. Changing the language in the menu stores the choice in QSettings
(``view/language``) and offers to restart: every widget is built in the new language then, so
no view can keep a stale English label. docs/translation.md says why it is a restart.
"""

from __future__ import annotations

import os
import sys

from core.resources import resource_path

KEY = "view/language"
CHOICES = ("system", "en", "zh_CN")
LANGUAGES = ("en", "zh_CN")  # what --lang accepts and what can be installed
NATIVE_NAMES = {"en": "English", "zh_CN": "简体中文"}  # each written in its own language, never translated
CATALOGUE = "cnn_visualiser"  # resources/translations/cnn_visualiser_<lang>.qm

_launch_language: str | None = None  # --lang for this launch, overriding the stored choice
_installed: list = []  # the QTranslators installed now (kept alive: Qt does not own them)
_current = "en"


def set_launch_language(language: str | None) -> None:
    """``--lang``: speak ``language`` in this launch only (the stored choice is left alone)."""
    global _launch_language
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _launch_language = language


def launch_language() -> str | None:
    return _launch_language


def current_language() -> str:
    """The language whose translators are installed now ("en" or "zh_CN")."""
    return _current


def system_language() -> str:
    """The desktop's language when the app has a translation for it, else English."""
    from PySide6.QtCore import QLocale

    for name in QLocale.system().uiLanguages():
        tag = name.replace("-", "_")
        if tag.startswith("zh"):
            return "zh_CN"  # the one Chinese translation: 简体中文
        if tag.startswith("en"):
            return "en"
    return "en"


def resolve(choice: str | None) -> str:
    """A stored or given choice ("system", "en", "zh_CN") → the language to install."""
    if choice in LANGUAGES:
        return choice
    return system_language()


def stored_choice(settings) -> str:
    """The remembered View → Language choice ("system" when none or an unknown one is stored)."""
    value = settings.value(KEY, "system")
    return value if value in CHOICES else "system"


def catalogue_path(language: str) -> str:
    """The app's compiled translation for ``language``."""
    return str(resource_path("translations", f"{CATALOGUE}_{language}.qm"))


def install_language(app, language: str) -> str:
    """Replace the installed translators by ``language``'s; returns the language now spoken.

    A language whose .qm is missing from this installation falls back to English.
    """
    from PySide6.QtCore import QLibraryInfo, QTranslator

    global _current
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _current = "en"
    if language == "en" or language not in LANGUAGES:
        return _current
    own = QTranslator(app)
    if not own.load(catalogue_path(language)):
        return _current
    app.installTranslator(own)
    _installed.append(own)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    _current = language
    return _current


def apply_startup_language(app, settings=None, created: bool = True) -> str:
    """Install the language of this launch: ``--lang``, else the stored choice, else the desktop's.

    Runs when the QApplication is made (``created``); later calls only act on ``--lang``, so a
    script that builds a window in an app someone else made keeps that app's language.
    """
    if _launch_language is not None:
        language = _launch_language
    elif created:
        if settings is None:
            from PySide6.QtCore import QSettings

            from gui.window.identity import APPLICATION, ORGANISATION

            settings = QSettings(ORGANISATION, APPLICATION)
        language = resolve(stored_choice(settings))
    else:
        return _current
    if language != _current:
        install_language(app, language)
    return _current


def restart_arguments(argv: list[str] | None = None) -> list[str]:
    """The command line that starts this program again, without a ``--lang`` of this launch."""
    args = list(sys.argv if argv is None else argv)
    out: list[str] = []
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a == "--lang":
            skip = True
            continue
        if a.startswith("--lang="):
            continue
        out.append(a)
    program = os.path.abspath(args[0]) if args and os.path.exists(args[0]) else args[0]
    return [sys.executable, program, *out]


class LanguageMenu:
    """Connects View → Language's actions to the stored choice and offers a restart to apply it."""

    def __init__(self, window) -> None:
        self.window = window
        self.actions = window.actions_.language_actions
        self.choice = stored_choice(window.settings)
        for key, action in self.actions.items():
            action.triggered.connect(lambda _=False, k=key: self.choose(k))
        self.actions[self.choice].setChecked(True)
        self.ask_restart = self._ask_restart  # tests answer themselves
        self.start_detached = self._start_detached

    def choose(self, choice: str) -> None:
        """Remember ``choice``; when it changes the language spoken, offer to restart now."""
        from PySide6.QtCore import QCoreApplication

        self.choice = choice if choice in CHOICES else "system"
        self.actions[self.choice].setChecked(True)
        self.window.settings.setValue(KEY, self.choice)
        self.window.settings.sync()
        if resolve(self.choice) == current_language():
            return
        if self.ask_restart():
            self.restart()
        else:
            self.window.show_message(QCoreApplication.translate(
                "LanguageMenu", "The new language applies the next time CNN Visualiser starts."))

    def _ask_restart(self) -> bool:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        translate = QCoreApplication.translate
        box = QMessageBox(self.window)
        box.setObjectName("languageRestartBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("LanguageMenu", "Change the language"))
        box.setText(translate("LanguageMenu", "The window speaks the new language after a restart. "
                              "Restart CNN Visualiser now?"))
        box.setInformativeText(translate("LanguageMenu", "Unsaved changes are asked about first, as "
                                         "when the window closes."))
        now = box.addButton(translate("LanguageMenu", "Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("LanguageMenu", "Later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is now

    def restart(self) -> bool:
        """Close the window (asking about unsaved changes) and start the program again."""
        if not self.window.close():
            return False
        program, *args = restart_arguments()
        self.start_detached(program, args)
        return True

    @staticmethod
    def _start_detached(program: str, args: list[str]) -> None:
        from PySide6.QtCore import QProcess

        QProcess.startDetached(program, args)
