"""What every subcommand shares: one-line errors, exit statuses and the number parsers.

A user mistake on the command line is ONE line on stderr starting "error: " and exit status 2;
never a traceback (closed pipes, unwritable paths and Ctrl+C included, see ``guarded``).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path

PROG = "cnn-visualiser"
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's convention for a run ended by Ctrl+C (128 + SIGINT)
MAX_COUNT = 10**9  # epochs or batch sizes beyond this are typos (a billion epochs is hours already)


class CliError(Exception):
    """A user mistake on the command line: printed as one line, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line ("error: … (try: cnn-visualiser … --help)") and status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"error: {' '.join(message.split())} (try: {self.prog} --help)\n")


def whole_number(lo: int = 0, hi: int = MAX_COUNT) -> Callable[[str], int]:
    """An argparse type: a whole number in ``lo … hi``, with a reason when it is not."""

    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if v < lo:
            raise argparse.ArgumentTypeError(f"{v} is negative" if lo == 0 else f"{v} is less than {lo}")
        if v > hi:
            raise argparse.ArgumentTypeError(f"{v} is more than {hi:,}")
        return v

    return parse


def finite_float(text: str) -> float:
    """An argparse type: a finite number (a typed "nan" or "inf" is refused)."""
    try:
        v = float(text.replace("\u2212", "-"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(v):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return v


def one_line(exc: BaseException) -> str:
    """An exception as a single line (an OSError shows its file name and reason)."""
    if isinstance(exc, OSError) and exc.filename and exc.strerror:
        text = f"{Path(str(exc.filename)).name}: {exc.strerror}"
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


def fail(message: str) -> int:
    """Print ``message`` as the one "error: " line and return the usage status."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        pass
    print(f"error: {' '.join(str(message).split())}", file=sys.stderr, flush=True)
    return EXIT_USAGE


def guarded(run: Callable[[], int]) -> int:
    """Run a command so that no traceback reaches the terminal.

    ``CliError`` → its one line, status 2; Ctrl+C → "interrupted", status 130; a closed pipe
    (``… | head``) → quietly status 0 for the part that was read, with stdout pointed at
    /dev/null so Python's exit-time flush cannot raise again.
    """
    try:
        return run()
    except CliError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        return 0
