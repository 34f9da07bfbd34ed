"""What Qt's image plugins say while a file is read, caught so the learner sees it once, in words.

A damaged PNG makes libpng print "libpng error: Read Error" straight to file descriptor 2, and
Qt's JPEG plugin logs "Corrupt JPEG data" through its message handler; left alone both reach the
terminal (and the test suite's Qt-warning guard) while the window shows its own message. The
reader in ``image_io`` runs inside ``capture_qt_image_warnings`` and turns what was said into
the note under the image (an ICC profile complaint is harmless; anything else means damage).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

_CODEC_WORDS = ("JPEG", "PNG", "libpng", "jpeg", "TIFF", "tiff", "GIF", "WebP", "webp", "BMP", "image",
                "Icc", "ICC", "curv table", "sanity")


def is_profile_message(message: str) -> bool:
    """Qt's complaints about an embedded ICC colour profile (the pixels themselves are fine)."""
    return any(word in message for word in ("Icc", "ICC", "curv table", "sanity"))


@contextmanager
def capture_qt_image_warnings() -> Iterator[list[str]]:
    """Collect what Qt's image plugins say during reader calls (e.g. "libpng error: Read Error").

    Two channels: Qt's message handler (e.g. "qt.gui.imageio.jpeg: Corrupt JPEG data"), and
    the process's stderr itself, because libpng as bundled with Qt writes straight to file
    descriptor 2 (seen: "libpng error: Read Error" reached the terminal despite any handler).
    File descriptor 2 is pointed at a temporary file for the duration; lines that are not about
    the image are written back to stderr afterwards. Other Qt messages go to the previous handler.
    """
    caught: list[str] = []

    def handler(mode: QtMsgType, context, message: str) -> None:
        category = getattr(context, "category", "") or ""
        if "image" in category or "icc" in category or any(word in message for word in _CODEC_WORDS):
            caught.append(" ".join(message.split()))  # one line: some plugins embed newlines
        elif previous is not None:
            previous(mode, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        with _stderr_lines() as raw:
            yield caught
    finally:
        qInstallMessageHandler(previous)
        others = [line for line in raw if not any(word in line for word in _CODEC_WORDS)]
        caught.extend(line for line in raw if line not in others)
        if others:
            print("\n".join(others), file=sys.stderr)


@contextmanager
def _stderr_lines() -> Iterator[list[str]]:
    """Lines written to file descriptor 2 (by C code too) while the block runs."""
    lines: list[str] = []
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no usable stderr (e.g. closed): nothing to keep clean
        yield lines
        return
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            lines.extend(x.strip() for x in tmp.read().decode("utf-8", "replace").splitlines() if x.strip())


__all__ = ["capture_qt_image_warnings", "is_profile_message"]
