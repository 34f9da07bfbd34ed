"""Writing an export the way any desktop program would: atomically, with the user's umask, through links.

A temporary file is made next to the destination (same file system, so the final
``os.replace`` is atomic and a failed or cancelled export never leaves half a file or
harms an older one). ``tempfile.mkstemp`` creates it mode 0600 — which is why exports
used to be unreadable to the group — so before the rename it gets ``0o666 & ~umask``,
what ``open()`` would have given a new file. A destination that is a symbolic link is
written through to the file it points at (the link stays a link).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from PySide6.QtCore import QCoreApplication

from core.workspace.saving import current_umask  # one reader of the umask for every file written

translate = QCoreApplication.translate


class ExportError(OSError):
    """An export that could not be written, with a sentence saying why."""


class ExportCancelled(ExportError):
    """The learner cancelled the export; nothing was written and any older file is untouched."""


def new_file_mode() -> int:
    """The permission bits a new file gets from ``open()``: 0o666 less the umask."""
    return 0o666 & ~current_umask()


def destination(path: str | os.PathLike) -> Path:
    """Where the bytes for ``path`` really go: a symbolic link's target, checked to be writable."""
    final = Path(os.path.realpath(os.fspath(path)))
    name = Path(path).name
    if final.is_dir():
        raise ExportError(translate("Export", "{name}: that is a folder; choose a file name").format(
            name=name))
    if not final.parent.is_dir():
        raise ExportError(translate("Export", "{name}: the folder {0} does not exist").format(
            final.parent, name=name))
    return final


@contextmanager
def atomic_open(path: str | os.PathLike, binary: bool = True) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on a clean exit it replaces ``path`` (mode from umask).

    An exception inside the block (``ExportCancelled`` included) removes the temporary file
    and leaves ``path`` as it was. OS errors come out as ``ExportError`` with a sentence.
    """
    name = Path(path).name
    final = destination(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
    except OSError as exc:
        raise ExportError(f"{name}: {exc.strerror or exc}") from None
    try:
        text = {} if binary else {"newline": "", "encoding": "utf-8"}
        with os.fdopen(fd, "wb" if binary else "w", **text) as fh:
            yield fh
        os.chmod(tmp, new_file_mode())
        os.replace(tmp, final)
    except ExportError:
        _discard(tmp)
        raise
    except OSError as exc:
        _discard(tmp)
        raise ExportError(f"{name}: {exc.strerror or exc}") from None
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see ``atomic_open``); returns the path as given."""
    if not data:
        raise ExportError(translate("Export", "{0}: nothing was drawn to write").format(Path(path).name))
    with atomic_open(path) as fh:
        fh.write(data)
    return Path(path)
