"""Checking a workspace's description (its JSON manifest) before anything is built from it.

Two layers, both generic (the 1D trainer's sections use them, and so can the image CNN's):

* ``parse_json`` turns the manifest's bytes into Python values with every size bounded
  *before* it is paid for: nesting depth (scanned before parsing, so a thousand ``[`` never
  reach the recursive parser), integer digits (a 5000-digit integer is refused, not
  converted), no NaN/Infinity, no duplicate keys.
* Small ``Spec`` objects (``Int``, ``Float``, ``Bool``, ``Str``, ``Obj``, ``ListOf``…) state
  what one section must hold — type *and* range — and ``check`` refuses anything else with a
  sentence naming the key (``“state.diverged” must be true or false, not "no"``). A bool is
  only a JSON ``true``/``false``, an integer only a JSON integer (never a bool), a float any
  finite JSON number.

Every refusal is a ``WorkspaceError`` whose message is one sentence without the file name;
``load_workspace`` puts the file name in front.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from core.i18n import N_

MAX_DEPTH = 32  # the deepest a workspace's own manifest goes is 5
MAX_INT_DIGITS = 40  # a PCG64 random state (< 2**128) has 39 digits
MAX_STR = 20_000  # characters in one string (a stop message, an image path, a typed kernel)


class WorkspaceError(ValueError):
    """A workspace that cannot be read (or a session that cannot be saved), with a sentence saying why."""


# ------------------------------------------------------------------ messages
def describe(value: Any) -> str:
    """A short, safe rendering of a value for a message: never a repr of something huge."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value) < 10**MAX_INT_DIGITS else MAX_INT_DIGITS + 1
        return f"{value:,}" if digits <= 24 else N_("workspace", "an integer of {digits}+ digits").format(
            digits=digits)
    if isinstance(value, float):
        return repr(value) if len(repr(value)) <= 24 else f"{value:g}"
    if isinstance(value, str):
        text = value if len(value) <= 30 else value[:27] + "…"
        return json.dumps(text, ensure_ascii=True)
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def one_line(text: str, limit: int = 160) -> str:
    """A library's message made fit for a one-line refusal: no newlines, bounded length."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ JSON with bounds
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _depth(text: str) -> int:
    """Deepest bracket nesting outside string literals, counted without recursion."""
    bare = _STRING.sub("", text).encode("utf-8", "surrogatepass")
    b = np.frombuffer(bare, dtype=np.uint8)
    step = (b == ord("[")).astype(np.int32) + (b == ord("{"))
    step -= (b == ord("]")).astype(np.int32) + (b == ord("}"))
    return int(np.cumsum(step).max(initial=0))


def parse_json(raw: bytes, what: str = N_("workspace", "the workspace description")) -> Any:
    """Decode ``raw`` as UTF-8 JSON with nesting, integer size and number values bounded."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkspaceError(N_("workspace", "{what} is not UTF-8 text").format(what=what)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    depth = _depth(text)
    if depth > MAX_DEPTH:
        raise WorkspaceError(N_("workspace", "{what} is nested {depth:,} levels deep (at most "
                                             "{MAX_DEPTH})").format(
            what=what, depth=depth, MAX_DEPTH=MAX_DEPTH))

    def parse_int(s: str) -> int:
        if len(s.lstrip("-")) > MAX_INT_DIGITS:
            raise WorkspaceError(N_("workspace", "{what} holds an integer of {0:,} digits").format(
                len(s.lstrip('-')), what=what))
        return int(s)

    def parse_float(s: str) -> float:
        v = float(s)
        if not math.isfinite(v):
            raise WorkspaceError(N_("workspace", "{what} holds a number too large for a float "
                                                 "({0})").format(
                one_line(s, 24), what=what))
        return v

    def parse_constant(s: str) -> float:
        raise WorkspaceError(N_("workspace", "{what} holds {s}, which is not a number").format(
            what=what, s=s))

    def pairs(items: list[tuple[str, Any]]) -> dict:
        d = dict(items)
        if len(d) != len(items):
            seen: set[str] = set()
            dup = next(k for k, _ in items if k in seen or seen.add(k))
            raise WorkspaceError(N_("workspace", "{what} names the key {0} twice").format(
                describe(dup), what=what))
        return d

    try:
        return json.loads(text, parse_int=parse_int, parse_float=parse_float,
                          parse_constant=parse_constant, object_pairs_hook=pairs)
    except WorkspaceError:
        raise
    except json.JSONDecodeError as exc:
        raise WorkspaceError(N_("workspace", "{what} is not valid JSON (line {0}, column {1}: {2})").format(
            exc.lineno, exc.colno, exc.msg, what=what)) from None
    except (ValueError, RecursionError) as exc:  # what the depth scan should have caught
        raise WorkspaceError(N_("workspace", "{what} is not valid JSON ({0})").format(
            one_line(exc, 60), what=what)) from None


# ------------------------------------------------------------------ specs
def _key(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class Spec:
    """What one value must be; ``check`` returns it (normalised) or raises WorkspaceError."""

    expect = "a value"

    def check(self, value: Any, where: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def refuse(self, value: Any, where: str) -> WorkspaceError:
        return WorkspaceError(N_("workspace", "“{where}” must be {0}, not {1}").format(
            self.expect, describe(value), where=where))


class Int(Spec):
    """A JSON integer (never a bool, never 5.0) from ``lo`` to ``hi``."""

    def __init__(self, lo: int, hi: int, extra: Callable[[int], bool] | None = None, note: str = "") -> None:
        self.lo, self.hi, self.extra = lo, hi, extra
        self.expect = N_("workspace", "an integer from {lo:,} to {hi:,}{note}").format(
            lo=lo, hi=hi, note=note)

    def check(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not self.lo <= value <= self.hi:
            raise self.refuse(value, where)
        if self.extra is not None and not self.extra(value):
            raise self.refuse(value, where)
        return value


class Float(Spec):
    """A finite JSON number in [lo, hi] (``open_lo``/``open_hi`` exclude the ends); returned as float."""

    def __init__(self, lo: float, hi: float, open_lo: bool = False, open_hi: bool = False) -> None:
        self.lo, self.hi, self.open_lo, self.open_hi = lo, hi, open_lo, open_hi
        left, right = "(" if open_lo else "[", ")" if open_hi else "]"
        self.expect = N_("workspace", "a number in {left}{lo:g}, {hi:g}{right}").format(
            left=left, lo=lo, hi=hi, right=right)

    def check(self, value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.refuse(value, where)
        v = float(value)
        if not math.isfinite(v):
            raise self.refuse(value, where)
        below = v <= self.lo if self.open_lo else v < self.lo
        above = v >= self.hi if self.open_hi else v > self.hi
        if below or above:
            raise self.refuse(value, where)
        return v


class Bool(Spec):
    """Only JSON ``true`` or ``false`` — ``"no"``, 0 and null are refused, not guessed."""

    expect = "true or false"

    def check(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.refuse(value, where)
        return value


class Str(Spec):
    """A string (of bounded length, valid Unicode), optionally one of ``choices``."""

    def __init__(self, choices: Iterable[str] | None = None, max_len: int = MAX_STR) -> None:
        self.choices = None if choices is None else tuple(choices)
        self.max_len = max_len
        self.expect = (N_("workspace", "one of {0}").format(', '.join(self.choices)) if self.choices
                       else N_("workspace", "a text of at most {max_len:,} characters").format(
                           max_len=max_len))

    def check(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or len(value) > self.max_len or not _valid_unicode(value):
            raise self.refuse(value, where)
        if self.choices is not None and value not in self.choices:
            raise self.refuse(value, where)
        return value


class Opt(Spec):
    """``null`` or what ``spec`` accepts."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.expect = f"null or {spec.expect}"

    def check(self, value: Any, where: str) -> Any:
        return None if value is None else self.spec.check(value, where)


class ListOf(Spec):
    """A JSON list of ``min_len``…``max_len`` items, each checked by ``item``."""

    def __init__(self, item: Spec, min_len: int, max_len: int) -> None:
        self.item, self.min_len, self.max_len = item, min_len, max_len
        count = f"{min_len}" if min_len == max_len else f"{min_len}–{max_len}"
        self.expect = N_("workspace", "a list of {count} items").format(count=count)

    def check(self, value: Any, where: str) -> list:
        if not isinstance(value, list) or not self.min_len <= len(value) <= self.max_len:
            raise self.refuse(value, where)
        return [self.item.check(v, f"{where}[{i}]") for i, v in enumerate(value)]


class Obj(Spec):
    """A JSON object with the ``fields`` given (each required unless it has a default in
    ``defaults``); keys not listed are ignored, so a newer build's extra setting does no harm."""

    expect = "an object"

    def __init__(self, fields: dict[str, Spec], defaults: dict[str, Any] | None = None) -> None:
        self.fields = fields
        self.defaults = defaults or {}

    def check(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.refuse(value, where)
        out = {}
        for key, spec in self.fields.items():
            if key not in value:
                if key in self.defaults:
                    out[key] = self.defaults[key]
                    continue
                raise WorkspaceError(N_("workspace", "the workspace is missing “{0}”").format(
                    _key(where, key)))
            out[key] = spec.check(value[key], _key(where, key))
        return out


class MapOf(Spec):
    """A JSON object of at most ``max_len`` entries whose keys match ``key_pattern``."""

    def __init__(self, item: Spec, key_pattern: str, max_len: int, key_note: str) -> None:
        self.item, self.pattern = item, re.compile(key_pattern)
        self.max_len, self.key_note = max_len, key_note
        self.expect = N_("workspace", "an object of at most {max_len} entries").format(max_len=max_len)

    def check(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict) or len(value) > self.max_len:
            raise self.refuse(value, where)
        for key in value:
            if not self.pattern.fullmatch(key):
                raise WorkspaceError(N_("workspace", "“{where}” holds the key {0}; keys must be "
                                                     "{1}").format(
                    describe(key), self.key_note, where=where))
        return {k: self.item.check(v, _key(where, k)) for k, v in value.items()}


class AnyJSON(Spec):
    """Free-form settings (the panels' own): any JSON object, strings bounded and valid Unicode.

    Its depth and size are already bounded by ``parse_json`` and the manifest's size limit.
    """

    expect = "an object"

    def check(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.refuse(value, where)
        stack: list[Any] = [value]
        while stack:
            v = stack.pop()
            if isinstance(v, dict):
                stack.extend(v.keys())
                stack.extend(v.values())
            elif isinstance(v, list):
                stack.extend(v)
            elif isinstance(v, str) and (len(v) > MAX_STR or not _valid_unicode(v)):
                raise WorkspaceError(N_("workspace", "“{where}” holds a text that is too long or "
                                                     "not valid Unicode").format(
                    where=where))
        return value


def _valid_unicode(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a "\ud800" escape
        return False
    return True


def power_of_two(v: int) -> bool:
    """True for 1, 2, 4, 8…: the history's thinning stride only ever doubles."""
    return v >= 1 and v & (v - 1) == 0
