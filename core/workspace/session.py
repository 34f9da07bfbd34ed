"""One workspace file for the whole window: the Network tab's 1D trainer and the image CNN.

The window saves one file holding the 1D trainer's sections (``chapter``) and, when the
"CNN on images" tab has been opened, the ``image_cnn`` section with its ``cnn_*`` arrays
(``image_cnn``). The archive gives each loader only its own arrays (``archive.SECTION_ARRAYS``),
so ``load_workspace`` and ``load_image_cnn_workspace`` each read such a file too (the command
line's ``train`` and ``train-cnn``), and every older file — a 1D-only one, or one from
``train-cnn --save-workspace`` — opens as before.

``load_session`` checks both sections' manifests and declared shapes before reading an array,
then builds both; a file is refused (``WorkspaceError``, one sentence starting with the file
name) if either section is, so the window never takes half a file.

``save_session`` takes the 1D trainer's manifest and arrays from ``chapter.workspace_parts`` —
the same checked parts ``save_workspace`` writes, so one function defines the 1D sections —
adds the CNN section (``image_cnn.CnnSection``, made on the CNN's own thread) and writes the
whole atomically over the target.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from core.chapter.trainer import Trainer
from core.i18n import N_
from core.workspace import chapter, image_cnn
from core.workspace.archive import open_archive
from core.workspace.image_cnn import SECTION, CnnSection, ImageCnnWorkspace
from core.workspace.saving import write_archive
from core.workspace.schema import WorkspaceError, one_line

__all__ = ["Session", "load_session", "save_session"]


@dataclass
class Session:
    """What a window's workspace file holds: either part may be missing (None)."""

    workspace: chapter.Workspace | None  # the Network tab's trainer and panels
    image_cnn: ImageCnnWorkspace | None  # the "CNN on images" tab's trainer and view


def save_session(path: str | os.PathLike, trainer: Trainer, experiment: dict | None = None,
                 image_lab: dict | None = None, cnn: CnnSection | None = None) -> str:
    """Write the 1D trainer (as ``save_workspace``) and, if given, the CNN section to ``path``.

    Atomic, through symlinks; WorkspaceError (a sentence) for a session that cannot be saved,
    OSError when the target is not a regular file or the disk refuses (the old file stays).
    """
    if cnn is None:
        chapter.save_workspace(path, trainer, experiment=experiment, image_lab=image_lab)
        return os.path.realpath(path)
    manifest, arrays = chapter.workspace_parts(trainer, experiment=experiment, image_lab=image_lab)
    manifest = {**manifest, SECTION: cnn.section, "arrays": {**manifest["arrays"], **cnn.declared()}}
    return write_archive(path, json.dumps(manifest, indent=1, allow_nan=False), {**arrays, **cnn.arrays})


def load_session(path: str | os.PathLike) -> Session:
    """Read a window's workspace file: both sections checked before either is built.

    A file without an ``image_cnn`` section gives ``image_cnn=None``; one with only that section
    (``train-cnn --save-workspace``) gives ``workspace=None``. Raises WorkspaceError, one sentence
    starting with the file name, for every file that cannot be opened.
    """
    name = os.fspath(path)
    try:
        with open_archive(path) as archive:
            manifest = archive.manifest()
            has_cnn = isinstance(manifest, dict) and SECTION in manifest
            has_1d = not has_cnn or "network" in manifest
            if has_cnn and isinstance(manifest.get("arrays"), dict):  # checks before any array is read
                image_cnn.check_section(manifest, archive.declared(manifest["arrays"], owner=SECTION))
            if not has_1d:
                for key in archive.declared(manifest["arrays"]):
                    raise WorkspaceError(N_("workspace", "the workspace holds an array “{key}” this run "
                                                         "has no use for").format(key=key))
            ws = chapter._load(archive) if has_1d else None
            cnn = image_cnn.read_section(archive) if has_cnn else None
            return Session(ws, cnn)
    except WorkspaceError as exc:
        raise WorkspaceError(N_("workspace", "{name}: {reason}").format(
            name=name, reason=exc.args[0] if exc.args else str(exc))) from None
    except MemoryError:
        raise WorkspaceError(N_("workspace", "{name}: there is not enough memory to open this "
                                             "workspace").format(name=name)) from None
    except Exception as exc:  # noqa: BLE001 - the promise is one sentence, whatever went wrong
        raise WorkspaceError(N_("workspace", "{name}: could not be read (unexpected {0}: {1})").format(
            type(exc).__name__, one_line(exc, 80), name=name)) from None
