"""Temporary files a save left behind when its process was killed, found and removed.

A save writes ``.<name>.cnnviz-save.<pid>.<random>.tmp`` beside its target and renames it over
the target when complete (``core.workspace.saving``); ``kill -9`` in between leaves that file.
The next save or load in the folder removes it — never one a live process is still writing.
"""

from __future__ import annotations

import os
import re
import stat
import time

__all__ = ["TEMP_TAG", "cleanup_orphans"]

TEMP_TAG = ".cnnviz-save."
_TEMP = re.compile(r"\..+\.cnnviz-save\.(\d+)\.[A-Za-z0-9_]+\.tmp")
_LEGACY_TEMP = re.compile(r"\..+\.cnnviz\.[a-z0-9_]{8}\.tmp")  # what saves before this one left behind
_STALE_SECONDS = 3600


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def cleanup_orphans(folder: str) -> list[str]:
    """Remove temporary files our saves left in ``folder`` when their process died; returns them.

    A file of a live process is kept (another window may be saving right now) unless it has
    not been touched for an hour; a save's temporary file is never that idle.
    """
    removed = []
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return removed
    now = time.time()
    for name in names:
        m = _TEMP.fullmatch(name)
        legacy = m is None and _LEGACY_TEMP.fullmatch(name) is not None
        if m is None and not legacy:
            continue
        full = os.path.join(folder, name)
        try:
            st = os.lstat(full)
            if not stat.S_ISREG(st.st_mode):
                continue
            stale = now - st.st_mtime > _STALE_SECONDS
            pid = int(m.group(1)) if m else None
            if stale or (pid is not None and pid != os.getpid() and not _pid_alive(pid)):
                os.unlink(full)
                removed.append(full)
        except OSError:
            continue
    return removed
