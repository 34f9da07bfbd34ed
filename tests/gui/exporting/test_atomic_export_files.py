"""Export files: the user's umask, through symbolic links, atomic (a failure keeps the old file)."""

from __future__ import annotations

import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gui.exporting import ExportError, atomic_open, new_file_mode, write_bytes
from gui.exporting.files import current_umask


@settings(max_examples=30)
@given(mask=st.integers(0, 0o077), replace=st.booleans())  # the owner keeps rw: the test reads it back
def test_new_files_get_0666_less_the_umask(tmp_path_factory, mask, replace):
    folder = tmp_path_factory.mktemp("umask")
    target = folder / "x.png"
    if replace:
        target.write_bytes(b"old")
        target.chmod(0o600)  # what the app used to write: replaced by the umask's mode
    before = os.umask(mask)
    try:
        assert current_umask() == mask and new_file_mode() == 0o666 & ~mask
        write_bytes(target, b"new")
        assert os.umask(mask) == mask  # reading it did not change it
    finally:
        os.umask(before)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in folder.iterdir()] == ["x.png"]


def test_writes_through_symbolic_links(tmp_path):
    real = tmp_path / "real" / "plots.svg"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.svg"
    link.symlink_to(os.path.relpath(real, tmp_path))
    chain = tmp_path / "chain.svg"
    chain.symlink_to(link)
    write_bytes(chain, b"<svg/>")
    assert link.is_symlink() and chain.is_symlink() and real.read_bytes() == b"<svg/>"
    dangling = tmp_path / "later.png"
    dangling.symlink_to(tmp_path / "real" / "made.png")
    write_bytes(dangling, b"png")
    assert dangling.is_symlink() and (tmp_path / "real" / "made.png").read_bytes() == b"png"


def test_a_failure_keeps_the_older_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "h.csv"
    target.write_text("older\n")
    with pytest.raises(RuntimeError), atomic_open(target, binary=False) as fh:
        fh.write("half a file")
        raise RuntimeError("the export broke")
    assert target.read_text() == "older\n" and [p.name for p in tmp_path.iterdir()] == ["h.csv"]


def test_clear_errors(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_bytes(tmp_path / "no" / "x.png", b"x")
    with pytest.raises(ExportError, match="is a folder"):
        write_bytes(tmp_path, b"x")
    with pytest.raises(ExportError, match="nothing was drawn"):
        write_bytes(tmp_path / "x.png", b"")
