"""Sentences the core writes for the screen, kept translatable without Qt.

The core never imports Qt, yet its step-through titles, stop and divergence reasons and error
messages reach the window, which may speak 简体中文. So the core writes each such sentence as

    N_("stops", "Stopped at epoch {epoch}: reached the stop epoch {limit}.").format(epoch=e, limit=n)

``N_`` (gettext's name for "mark for translation, translate later") returns a :class:`Message`:
a ``str`` holding the English sentence — so every caller, test and command-line print sees
exactly the English it always saw — that also remembers its context, its template and its
arguments. The GUI translates it at display time (``gui.widgets.i18n.say``:
``QCoreApplication.translate(context, template).format(*args, **kwargs)``, arguments that are
Messages translated first). ``pyside6-lupdate`` finds the templates because the Makefile's
``translations`` target tells it ``N_`` is ``QT_TRANSLATE_NOOP`` (context, then source: both
literals). docs/translation.md has the whole design.

Anything that turns a Message into a plain ``str`` (``+``, ``"".join``, an f-string) loses the
template and reaches the screen in English; the language tests find such sentences. Join
sentences with :func:`joined` and nest them as arguments instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class Message(str):
    """English text that remembers how it was made: ``context``, ``template``, ``args``, ``kwargs``."""

    context: str
    template: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def __new__(cls, context: str, template: str, args: tuple = (), kwargs: dict | None = None):
        kwargs = dict(kwargs or {})
        text = template.format(*args, **kwargs) if (args or kwargs) else template
        obj = super().__new__(cls, text)
        obj.context, obj.template, obj.args, obj.kwargs = context, template, tuple(args), kwargs
        return obj

    def format(self, *args: Any, **kwargs: Any) -> Message:  # type: ignore[override]
        """The template filled in, still a Message (``str.format`` would forget the template)."""
        return Message(self.context, self.template, args, kwargs)

    def __reduce__(self):  # copy and pickle keep the template
        return (Message, (self.context, self.template, self.args, self.kwargs))


class Joined(Message):
    """Messages (or plain strings) joined by a separator that is itself translatable."""

    separator: str
    parts: tuple[str, ...]

    def __new__(cls, separator: str, parts: Iterable[str]):
        parts = tuple(parts)
        obj = str.__new__(cls, separator.join(parts))
        obj.context, obj.template, obj.args, obj.kwargs = "", str(obj), (), {}
        obj.separator, obj.parts = separator, parts
        return obj

    def format(self, *args: Any, **kwargs: Any) -> Message:  # type: ignore[override]
        raise TypeError("a Joined message has no template to format")

    def __reduce__(self):
        return (Joined, (self.separator, self.parts))


def N_(context: str, template: str) -> Message:  # noqa: N802 (gettext's name)
    """Mark ``template`` (a literal) for translation in ``context``; ``.format(...)`` fills it in."""
    return Message(context, template)


def joined(separator: str, parts: Iterable[str]) -> Joined:
    """``separator.join(parts)`` that a translating view can still take apart."""
    return Joined(separator, parts)
