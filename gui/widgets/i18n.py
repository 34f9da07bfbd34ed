"""The core's sentences in the window's language: every core text reaches the screen through ``say``.

The core (NumPy only) writes its step-through titles, stop reasons and error messages as
``core.i18n.Message`` — the English text, plus the template and arguments it was made from.
``say`` translates such a text at display time with Qt's translators (context and template
as ``pyside6-lupdate`` extracted them), its Message arguments first; any other text is shown as
it is. docs/translation.md describes the whole design.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.formatting import fmt
from core.i18n import Joined, Message


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate``, with Qt imported only when a sentence is made.

    For the modules the headless commands import too (the ``filter`` pipeline): importing them
    must not load Qt (tests/cli checks). ``pyside6-lupdate`` finds ``translate("Context", "…")``
    calls by their name, so literal arguments are extracted as usual.
    """
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (Qt's name, which lupdate looks for)
    """Mark ``text`` for translation in ``context`` without Qt; translate it where it is shown."""
    return text


def _arg(value: object) -> object:
    if isinstance(value, BaseException):  # "… cannot be saved: {exc}": the exception's own sentence
        return say_error(value)
    return say(value) if isinstance(value, Message) else value


def say(text: object) -> str:
    """``text`` for the screen: a core Message translated (arguments too), anything else as ``str``.

    A translation whose placeholders do not fit its arguments falls back to the English, so a
    slip in a .ts file can never hide a message (tests/gui/window/test_language.py checks them all).
    """
    if isinstance(text, Joined):
        return say(text.separator).join(say(p) for p in text.parts)
    if isinstance(text, Message):
        template = translate(text.context, text.template)
        if not (text.args or text.kwargs):
            return template
        try:
            return template.format(*map(_arg, text.args), **{k: _arg(v) for k, v in text.kwargs.items()})
        except (IndexError, KeyError, ValueError):
            return str(text)
    return "" if text is None else str(text)


def say_error(exc: BaseException) -> str:
    """An exception's message for the screen: the core's Message, translated, when it carries one."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return say(exc.args[0])
    return str(exc)


def say_tokens(tokens: Iterable, precision: int) -> str:
    """One equation line of tokens (text and ``core.formatting.Num``) rendered in the window's language."""
    return "".join(say(t) if isinstance(t, str) else fmt(t.value, precision, t.paren) for t in tokens)


def say_substep_lines(substep, precision: int) -> list[str]:
    """A step-through sub-step's equation lines at ``precision``, its sentences translated."""
    if not substep.tokens:
        return [say(line) for line in substep.lines]
    return [say_tokens(t, precision) for t in substep.tokens]
