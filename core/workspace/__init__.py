"""Workspace files: a whole session — network, data, settings, optimiser and random state,
history and the image lab's pipeline — in one file, so a run can be resumed exactly.

Format (version 1): a ZIP archive (extension ``.cnnviz``) holding ``workspace.json`` (the
manifest: ``{"format": "cnn-visualiser-workspace", "version": 1, <sections>…, "arrays":
{name: {"shape": […], "dtype": "float64" | "int64"}}}``) and one ``arrays/<name>.npy`` per
declared array.

* ``archive``  the container: member checks, bounded reads, atomic writes (generic)
* ``schema``   bounded JSON and the ``Spec`` checks a section is held to (generic)
* ``sizes``    what the 1D trainer would allocate, from the manifest's numbers alone
* ``chapter``  the 1D trainer's sections, save and load

A hostile file — truncated, foreign, newer, encrypted, forged, or declaring sizes meant to
exhaust memory — is refused with ``WorkspaceError``: one sentence naming the file and the
reason, before anything is built. Saves are atomic and write through symlinks.
"""

from core.workspace.archive import MAX_ARRAY_BYTES, MAX_MANIFEST_BYTES
from core.workspace.chapter import FORMAT, SUFFIX, VERSION, Workspace, load_workspace, save_workspace
from core.workspace.orphans import cleanup_orphans
from core.workspace.schema import WorkspaceError
from core.workspace.sizes import MAX_TRAINER_BYTES, trainer_bytes

__all__ = [
    "FORMAT",
    "MAX_ARRAY_BYTES",
    "MAX_MANIFEST_BYTES",
    "MAX_TRAINER_BYTES",
    "SUFFIX",
    "VERSION",
    "Workspace",
    "WorkspaceError",
    "cleanup_orphans",
    "load_workspace",
    "save_workspace",
    "trainer_bytes",
]
