"""Writing a workspace archive atomically: through links, with the target's mode, fsynced, renamed.

A crash or ``kill -9`` mid-save leaves the old file or the new one, never a torn one; the
temporary file such a kill leaves is removed later (``core.workspace.orphans``).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import threading
import zipfile

import numpy as np

from core.workspace.archive import MANIFEST
from core.workspace.orphans import TEMP_TAG, cleanup_orphans

__all__ = ["current_umask", "write_archive"]

_umask_lock = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows.

    ``os.umask`` can only be read by setting it, which races with other threads creating
    files (exports run on the training thread), so Linux's /proc is asked first.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _umask_lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def write_archive(path: str | os.PathLike, manifest_text: str, arrays: dict[str, np.ndarray]) -> str:
    """Write the manifest and arrays atomically to ``path`` (through symlinks); returns the file written.

    Raises OSError (with a sentence in ``strerror``) when the target is not a regular file or
    the disk refuses; the previous file is then untouched and no temporary file remains.
    """
    target = os.path.realpath(path)
    folder, base = os.path.split(target)
    cleanup_orphans(folder)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a device, pipe or socket"
        raise OSError(errno.EINVAL, f"not a regular file ({kind}); choose a file name", os.fspath(path))
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~current_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{base}{TEMP_TAG}{os.getpid()}.", suffix=".tmp", dir=folder)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(MANIFEST, manifest_text)
                for name, arr in arrays.items():
                    with zf.open(f"arrays/{name}.npy", "w") as out:
                        np.lib.format.write_array(out, np.ascontiguousarray(arr), version=(1, 0),
                                                  allow_pickle=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(folder)
    return target


def _fsync_folder(folder: str) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
