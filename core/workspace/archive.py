"""The workspace container: a ZIP archive of one JSON manifest and named ``.npy`` arrays.

Knows nothing of networks, so the 1D trainer's sections and the image CNN's can share it.

Reading (``open_archive``) refuses a hostile file before paying for it: only regular files
(a FIFO or ``/dev/zero`` is never opened for reading), a bounded file size, a bounded
central directory (read from the end record *before* ``zipfile`` parses it), only the
members a workspace has (``workspace.json`` and ``arrays/<name>.npy``, each once), only
stored or Deflate members without encryption flags, sizes consistent with the bytes that
are there. Arrays named with a section's prefix (``SECTION_ARRAYS``: ``cnn_*`` for the
``image_cnn`` section) belong to that section when the manifest has it, so one file holds the
1D trainer and the image CNN and each loader sees only its own arrays (``declared(…, owner)``);
every array is still held to the bounds. ``read_array`` checks each ``.npy`` header against the
declared shape before a byte of data is read, then reads straight into the final array (no
second copy).

Writing (``core.workspace.saving.write_archive``) goes through symlinks to their target, refuses targets that
are not regular files (``/dev/full``, a folder), writes a temporary file named
``.<name>.cnnviz-save.<pid>.<random>.tmp`` beside the target with the mode the target will
keep (an existing file's own, else 0666 less the umask), fsyncs it and renames it over the
target, so a crash or ``kill -9`` leaves the old file or the new one, never a torn one. A
temporary file left by a killed process is removed by the next save or load in that folder.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
import zlib
from typing import Any

import numpy as np

from core.i18n import N_
from core.workspace.orphans import cleanup_orphans
from core.workspace.schema import Int, ListOf, MapOf, Obj, Str, WorkspaceError, one_line, parse_json

MANIFEST = "workspace.json"
ARRAY_KEY = r"[A-Za-z][A-Za-z0-9_]{0,63}"
_ARRAY_MEMBER = re.compile(rf"arrays/({ARRAY_KEY})\.npy")
MAX_FILE_BYTES = 2 * 2**30
MAX_MEMBERS = 64
MAX_MANIFEST_BYTES = 4 * 2**20
MAX_ARRAY_BYTES = 256 * 2**20  # one array (a 1,000,000 × 32 data set is 256 MB)
MAX_TOTAL_ARRAY_BYTES = 1 * 2**30
MAX_NPY_HEADER = 4096
_MAX_DEFLATE_RATIO = 1032  # Deflate cannot expand one byte into more than ~1032
DTYPES = {"float64": np.dtype("<f8"), "int64": np.dtype("<i8")}
# a section's own arrays: section name → the prefix of its arrays' names (the rest are the 1D trainer's)
SECTION_ARRAYS = {"image_cnn": "cnn_"}
_METHOD_NAMES = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 98: "PPMd", 99: "AES encryption"}
_READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error, ValueError,
                struct.error, UnicodeDecodeError, NotImplementedError, RuntimeError, OverflowError,
                IndexError, KeyError, TypeError)

# what the manifest's "arrays" section must hold: name → {"shape": [...], "dtype": ...}
ARRAY_DECLARATIONS = MapOf(
    Obj({"shape": ListOf(Int(0, 2**40), 0, 4), "dtype": Str(choices=DTYPES)}),
    ARRAY_KEY, MAX_MEMBERS - 1, N_("workspace", "letters, digits and _ (an array name)"),
)


def _damaged(exc: BaseException) -> WorkspaceError:
    return WorkspaceError(N_("workspace", "the file is damaged or truncated ({0})").format(
        one_line(exc, 100) or type(exc).__name__))


def open_regular(path: str | os.PathLike, max_bytes: int) -> tuple[io.BufferedReader, int]:
    """Open ``path`` for reading only if it is a regular file of at most ``max_bytes``.

    Opened non-blocking first, so a FIFO named like a workspace cannot hang the caller.
    Raises WorkspaceError with a sentence (no file name) otherwise.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise WorkspaceError(N_("workspace", "no such file")) from None
    except IsADirectoryError:
        raise WorkspaceError(N_("workspace", "is a folder, not a workspace file")) from None
    except PermissionError:
        raise WorkspaceError(N_("workspace", "permission denied")) from None
    except OSError as exc:
        raise WorkspaceError(N_("workspace", "cannot be opened ({0})").format(
            one_line(exc.strerror or exc, 80))) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise WorkspaceError(N_("workspace", "is a folder, not a workspace file"))
        if not stat.S_ISREG(st.st_mode):
            raise WorkspaceError(N_("workspace", "is not a regular file (a device, pipe or socket), so it "
                                                 "is not read"))
        if st.st_size > max_bytes:
            raise WorkspaceError(N_("workspace", "is {0:,} bytes, more than a workspace can be "
                                                 "({max_bytes:,})").format(
                st.st_size, max_bytes=max_bytes))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), st.st_size
    except BaseException:
        os.close(fd)
        raise


def _check_end_record(fh: io.BufferedReader, size: int) -> None:
    """Bound the central directory from the end record before ``zipfile`` builds it."""
    tail_len = min(size, 65536 + 22)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise WorkspaceError(N_("workspace", "not a CNN Visualiser workspace (not a ZIP archive)"))
    _, disk, cd_disk, n_disk, n_total, cd_size, cd_offset, _ = struct.unpack("<4s4H2LH", tail[at: at + 22])
    if 0xFFFF in (disk, cd_disk, n_disk, n_total) or 0xFFFFFFFF in (cd_size, cd_offset) or (
            at >= 20 and tail[at - 20: at - 16] == b"PK\x06\x07"):
        raise WorkspaceError(N_("workspace", "the archive uses the ZIP64 extension, which a workspace "
                                             "never needs"))
    if disk or cd_disk or n_disk != n_total:
        raise WorkspaceError(N_("workspace", "the archive is split over several disks"))
    if n_total > MAX_MEMBERS or cd_size > MAX_MEMBERS * (46 + 256 + 64):
        raise WorkspaceError(N_("workspace", "the archive lists {n_total:,} members; a workspace "
                                             "has at most {MAX_MEMBERS}").format(
            n_total=n_total, MAX_MEMBERS=MAX_MEMBERS))
    fh.seek(0)


class Archive:
    """An open workspace archive whose member table has been checked (see the module docstring)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = os.fspath(path)
        self._manifest: Any = None
        self._fh, size = open_regular(path, MAX_FILE_BYTES)
        try:
            if size == 0:
                raise WorkspaceError(N_("workspace", "the file is empty"))
            _check_end_record(self._fh, size)
            try:
                self._zf = zipfile.ZipFile(self._fh)
            except zipfile.BadZipFile as exc:
                raise WorkspaceError(N_("workspace", "not a CNN Visualiser workspace (not a "
                                                     "readable archive: {0})").format(
                    one_line(exc, 80))) from None
            except _READ_ERRORS as exc:
                raise _damaged(exc) from None
            self.members = self._check_members(size)
        except BaseException:
            self._fh.close()
            raise

    def _check_members(self, size: int) -> dict[str, zipfile.ZipInfo]:
        members: dict[str, zipfile.ZipInfo] = {}
        infos = self._zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise WorkspaceError(N_("workspace", "the archive has {0:,} members; a workspace has "
                                                 "at most {MAX_MEMBERS}").format(
                len(infos), MAX_MEMBERS=MAX_MEMBERS))
        for info in infos:
            name = info.filename
            shown = one_line(name, 60)
            if name != MANIFEST and not _ARRAY_MEMBER.fullmatch(name):
                raise WorkspaceError(N_("workspace", "the archive holds “{shown}”, which is not "
                                                     "part of a workspace").format(
                    shown=shown))
            if name in members:
                raise WorkspaceError(N_("workspace", "the archive holds “{shown}” twice").format(shown=shown))
            if info.flag_bits & 0x41:
                raise WorkspaceError(N_("workspace", "the member “{shown}” is encrypted; "
                                                     "workspaces are never encrypted").format(
                    shown=shown))
            if info.flag_bits & 0x20:
                raise WorkspaceError(N_("workspace", "the member “{shown}” uses compressed patch "
                                                     "data, which is not read").format(
                    shown=shown))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                method = _METHOD_NAMES.get(info.compress_type, "an unknown method")
                raise WorkspaceError(N_("workspace", "the member “{shown}” is compressed with "
                                                     "{method} (method {0}); only stored and "
                                                     "Deflate members are read").format(
                    info.compress_type, shown=shown, method=method))
            limit = MAX_MANIFEST_BYTES if name == MANIFEST else MAX_ARRAY_BYTES + MAX_NPY_HEADER
            if info.file_size > limit:
                raise WorkspaceError(N_("workspace", "the member “{shown}” is {0:,} bytes, more "
                                                     "than a workspace holds ({limit:,})").format(
                    info.file_size, shown=shown, limit=limit))
            stored = info.compress_type == zipfile.ZIP_STORED
            if (stored and info.compress_size != info.file_size) or (
                    info.file_size > info.compress_size * _MAX_DEFLATE_RATIO + 64) or (
                    info.header_offset + info.compress_size > size):
                raise WorkspaceError(N_("workspace", "the member “{shown}” claims sizes its bytes "
                                                     "cannot hold (damaged or forged archive)").format(
                    shown=shown))
            members[name] = info
        return members

    # ------------------------------------------------------------- content
    def manifest(self) -> Any:
        """The parsed manifest (bounded JSON, see ``schema.parse_json``), read once."""
        if self._manifest is not None:
            return self._manifest
        info = self.members.get(MANIFEST)
        if info is None:
            raise WorkspaceError(N_("workspace", "not a CNN Visualiser workspace (no workspace.json inside)"))
        try:
            raw = self._zf.read(info)
        except _READ_ERRORS as exc:
            raise _damaged(exc) from None
        self._manifest = parse_json(raw)
        return self._manifest

    def owner(self, name: str) -> str | None:
        """The section an array belongs to (None: the 1D trainer's, the file's main sections)."""
        m = self._manifest if isinstance(self._manifest, dict) else {}
        for section, prefix in SECTION_ARRAYS.items():
            if name.startswith(prefix) and section in m:
                return section
        return None

    def declared(self, section: Any, owner: str | None = None) -> dict[str, tuple[tuple[int, ...], str]]:
        """Check the manifest's ``arrays`` section against the bounds and the members present;
        returns the arrays of ``owner``'s section (None: the 1D trainer's), see ``owner``."""
        decl = ARRAY_DECLARATIONS.check(section, "arrays")
        out: dict[str, tuple[tuple[int, ...], str]] = {}
        total = 0
        for name, d in decl.items():
            shape = tuple(d["shape"])
            nbytes = DTYPES[d["dtype"]].itemsize
            for n in shape:
                nbytes *= n
            if nbytes > MAX_ARRAY_BYTES:
                raise WorkspaceError(N_("workspace", "the array “{name}” is declared as {0} "
                                                     "({nbytes:,} bytes), more than a workspace "
                                                     "holds ({MAX_ARRAY_BYTES:,})").format(
                    shape_text(shape), name=name, nbytes=nbytes, MAX_ARRAY_BYTES=MAX_ARRAY_BYTES))
            total += nbytes
            if f"arrays/{name}.npy" not in self.members:
                raise WorkspaceError(N_("workspace", "the workspace has no array “{name}”").format(name=name))
            info = self.members[f"arrays/{name}.npy"]
            if not nbytes + 16 <= info.file_size <= nbytes + MAX_NPY_HEADER:
                raise WorkspaceError(N_("workspace", "the array “{name}” is declared as {0} "
                                                     "({nbytes:,} bytes) but its member holds "
                                                     "{1:,} bytes").format(
                    shape_text(shape), info.file_size, name=name, nbytes=nbytes))
            out[name] = (shape, d["dtype"])
        if total > MAX_TOTAL_ARRAY_BYTES:
            raise WorkspaceError(N_("workspace", "the arrays add up to {total:,} bytes, more than "
                                                 "a workspace holds ({MAX_TOTAL_ARRAY_BYTES:,})").format(
                total=total, MAX_TOTAL_ARRAY_BYTES=MAX_TOTAL_ARRAY_BYTES))
        for member in self.members:
            m = _ARRAY_MEMBER.fullmatch(member)
            if m and m.group(1) not in out:
                raise WorkspaceError(N_("workspace", "the archive holds “{member}”, which the "
                                                     "description does not declare").format(
                    member=member))
        return {k: v for k, v in out.items() if self.owner(k) == owner}

    def read_array(self, name: str, shape: tuple[int, ...], dtype: str) -> np.ndarray:
        """Read ``arrays/<name>.npy`` after checking its header is exactly ``shape`` and ``dtype``."""
        info = self.members[f"arrays/{name}.npy"]
        want = DTYPES[dtype]
        try:
            with self._zf.open(info) as fh:
                try:
                    if np.lib.format.read_magic(fh) != (1, 0):
                        raise ValueError("not a version 1.0 header")
                    hshape, fortran, hdtype = np.lib.format.read_array_header_1_0(
                        fh, max_header_size=MAX_NPY_HEADER)
                except Exception as exc:  # noqa: BLE001 - numpy's header parser (tokenize, ast) has many
                    raise WorkspaceError(N_("workspace", "the array “{name}” is not a valid .npy "
                                                         "array ({0})").format(
                        one_line(exc, 80), name=name)) from None
                if tuple(hshape) != shape or hdtype != want or fortran:
                    order = N_("workspace", " in Fortran order") if fortran else ""
                    raise WorkspaceError(N_("workspace", "the array “{name}” holds {0} "
                                                         "{hdtype}{order}, expected {1} {dtype}").format(
                        shape_text(tuple(hshape)), shape_text(shape), name=name, hdtype=hdtype, order=order,
                        dtype=dtype))
                arr = np.empty(shape, dtype=want)
                view = memoryview(arr.reshape(-1).view(np.uint8))
                done = 0
                while done < view.nbytes:
                    chunk = fh.read(min(1 << 22, view.nbytes - done))
                    if not chunk:
                        raise WorkspaceError(N_("workspace", "the array “{name}” is truncated").format(
                            name=name))
                    view[done: done + len(chunk)] = chunk
                    done += len(chunk)
                if fh.read(1):  # also makes zipfile check the CRC at the end
                    raise WorkspaceError(N_("workspace", "the array “{name}” has bytes beyond its "
                                                         "declared shape").format(
                        name=name))
        except WorkspaceError:
            raise
        except _READ_ERRORS as exc:
            raise _damaged(exc) from None
        return arr

    def close(self) -> None:
        try:
            self._zf.close()
        finally:
            self._fh.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def shape_text(shape: tuple[int, ...]) -> str:
    """``(3000, 10000)`` as "3000×10000" for a message."""
    return "×".join(str(n) for n in shape) if shape else "a scalar"


def open_archive(path: str | os.PathLike) -> Archive:
    """Open a workspace archive for reading (also clears our orphaned temporary files there)."""
    cleanup_orphans(os.path.dirname(os.path.realpath(path)))
    return Archive(path)
