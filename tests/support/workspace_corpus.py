"""A corpus of damaged workspace files, shared by the core's tests and the window's."""

import io
import json
import zipfile

import numpy as np

from core import Network, Trainer, chapter_dataset
from core.workspace import save_workspace


def _trainer(**kw):
    X, y = chapter_dataset()
    return Trainer(Network(**kw.pop("net", {})), X, y, **kw)


def _good_bytes(tmp_path) -> bytes:
    t = _trainer()
    t.run(5)
    p = tmp_path / "good.cnnviz"
    save_workspace(p, t)
    return p.read_bytes()


def _rewrite(data: bytes, change) -> bytes:
    """Copy a workspace archive, letting ``change(name, bytes)`` edit or drop members."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            new = change(info.filename, src.read(info))
            if new is not None:
                dst.writestr(info.filename, new)
    return out.getvalue()


def _manifest_edit(fn):
    def change(name, raw):
        if name == "workspace.json":
            m = json.loads(raw)
            fn(m)
            return json.dumps(m)
        return raw
    return change


def _huge_npy(name, raw):
    if name == "arrays/history_params.npy":
        buf = io.BytesIO()
        np.lib.format.write_array_header_1_0(
            buf, {"descr": "<f8", "fortran_order": False, "shape": (10**9, 8)})
        return buf.getvalue() + b"\0" * 64
    return raw


BAD = {
    "truncated": lambda d: d[: len(d) // 2],
    "empty": lambda d: b"",
    "not an archive": lambda d: b"hello, this is a text file\n",
    "foreign archive": lambda d: _rewrite(d, lambda n, r: None if n == "workspace.json" else r),
    "foreign format": lambda d: _rewrite(d, _manifest_edit(lambda m: m.update(format="other"))),
    "newer version": lambda d: _rewrite(d, _manifest_edit(lambda m: m.update(version=99))),
    "missing keys": lambda d: _rewrite(d, _manifest_edit(lambda m: m.pop("state"))),
    "wrong type": lambda d: _rewrite(d, _manifest_edit(lambda m: m["state"].update(epoch="five"))),
    "bad shape": lambda d: _rewrite(d, _manifest_edit(
        lambda m: m["network"].update(kernel_size=99))),
    "wrong array shape": lambda d: _rewrite(d, _manifest_edit(
        lambda m: m["arrays"]["theta"].update(shape=[3]))),
    "huge declared array": lambda d: _rewrite(d, _manifest_edit(
        lambda m: m["arrays"]["history_params"].update(shape=[10**9, 8]))),
    "huge npy header": lambda d: _rewrite(d, _huge_npy),
    "missing array": lambda d: _rewrite(d, lambda n, r: None if n == "arrays/theta.npy" else r),
    "bad json": lambda d: _rewrite(d, lambda n, r: b"{not json" if n == "workspace.json" else r),
    "bad lr": lambda d: _rewrite(d, _manifest_edit(lambda m: m["trainer"].update(lr=-1))),
    "bad rng": lambda d: _rewrite(d, _manifest_edit(lambda m: m["state"].update(rng={"x": 1}))),
}
