"""A corpus of damaged and hostile workspace files, shared by the core's tests and the window's.

* ``BAD``: case name → ``spoil(good_bytes) -> bytes``: the damaged files of the first review
  and the hostile ones issue 12 lists (5000-digit integers, deep nesting, sizes of 10¹²,
  strings where numbers belong, forged zip members, ``"diverged": "no"``, version 0…).
  Every one must be refused with one sentence.
* ``SPECIAL``: case name → ``make(folder) -> path`` for files that are not bytes (a FIFO, a
  link to ``/dev/zero``, a folder, a sparse file of 3 GB).
* ``structural_mutation`` / ``byte_mutation``: reproducible random mutations of valid
  files (driven by a ``random.Random``, so hypothesis and the tally share them); a mutated
  file may load, but then the trainer must pass ``validate_loaded``.

Only the public API of ``core`` and ``core.workspace`` is used, so the same corpus runs
against older trees (``tests/core/test_workspace_tally.py --root``).
"""

from __future__ import annotations

import io
import json
import os
import struct
import warnings
import zipfile
import zlib
from functools import cache

import numpy as np

from core import Network, Trainer, chapter_dataset, three_class_dataset
from core.workspace import save_workspace


def _trainer(**kw):
    X, y = kw.pop("data", None) or chapter_dataset()
    return Trainer(Network(**kw.pop("net", {})), X, y, **kw)


def _good_bytes(tmp_path, **kw) -> bytes:
    """A valid workspace (the chapter's network after 5 epochs, or the run ``kw`` describe)."""
    steps = kw.pop("steps", 0)
    epochs = kw.pop("epochs", 5)
    t = _trainer(**kw)
    t.run(epochs)
    for _ in range(steps):
        t.step_sample()
    p = tmp_path / "good.cnnviz"
    save_workspace(p, t)
    return p.read_bytes()


#: the runs the mutations start from: every optimiser, mode, dropout, mid-epoch, softmax
BASES = {
    "gd batch": {},
    "adam minibatch dropout mid-epoch": {"optimizer": "adam", "mode": "minibatch", "batch_size": 3,
                                         "dropout": 0.2, "epochs": 37, "steps": 4, "lr": 0.05},
    "momentum sgd mid-epoch": {"optimizer": "momentum", "mode": "sgd", "epochs": 7, "steps": 2},
    "softmax 2 kernels padding": {"net": {"n_outputs": 3, "output": "softmax", "n_kernels": 2, "padding": 1},
                                  "data": three_class_dataset(12), "optimizer": "adam", "epochs": 9},
}


def _rewrite(data: bytes, change, compression: int = zipfile.ZIP_STORED) -> bytes:
    """Copy a workspace archive, letting ``change(name, bytes)`` edit or drop members."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as dst:
        for info in src.infolist():
            new = change(info.filename, src.read(info))
            if new is not None:
                dst.writestr(info.filename, new)
    return out.getvalue()


def stored(data: bytes) -> bytes:
    """The same archive with every member stored, so byte edits reach the content."""
    return _rewrite(data, lambda n, r: r)


class Raw(str):
    """JSON text written as is (a 5000-digit integer, NaN, deep brackets, a lone surrogate)."""


def _dump(m) -> str:
    raws: list[str] = []

    def swap(v):
        if isinstance(v, Raw):
            raws.append(str(v))
            return f"__RAW_{len(raws) - 1}__"
        if isinstance(v, dict):
            return {k: swap(x) for k, x in v.items()}
        if isinstance(v, list):
            return [swap(x) for x in v]
        return v

    text = json.dumps(swap(m), allow_nan=True)
    for i, raw in enumerate(raws):
        text = text.replace(f'"__RAW_{i}__"', raw)
    return text


def manifest_of(data: bytes) -> dict:
    return json.loads(zipfile.ZipFile(io.BytesIO(data)).read("workspace.json"))


def _manifest_edit(fn):
    def change(name, raw):
        if name == "workspace.json":
            m = json.loads(raw)
            fn(m)
            return _dump(m)
        return raw
    return change


def _edit(fn):
    return lambda d: _rewrite(d, _manifest_edit(fn))


def _set(path: str, value):
    """An edit setting the manifest's ``a.b.c`` to ``value``."""
    keys = path.split(".")

    def fn(m):
        for k in keys[:-1]:
            m = m[k]
        m[keys[-1]] = value
    return _edit(fn)


def _npy(arr: np.ndarray, version=(1, 0), fortran=False) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.asfortranarray(arr) if fortran else arr, version=version,
                              allow_pickle=True)
    return buf.getvalue()


def _huge_npy(name, raw):
    if name == "arrays/history_params.npy":
        buf = io.BytesIO()
        np.lib.format.write_array_header_1_0(
            buf, {"descr": "<f8", "fortran_order": False, "shape": (10**9, 8)})
        return buf.getvalue() + b"\0" * 64
    return raw


def _member(name, fn):
    return lambda d: _rewrite(d, lambda n, r: fn(r) if n == name else r)


def _headers(data: bytes):
    """(central header offset, local header offset, name) of every member, from the end record."""
    at = data.rfind(b"PK\x05\x06")
    n, _, cd = struct.unpack("<HLL", data[at + 10: at + 20])
    out, pos = [], cd
    for _ in range(n):
        nlen, elen, clen = struct.unpack("<HHH", data[pos + 28: pos + 34])
        local = struct.unpack("<L", data[pos + 42: pos + 46])[0]
        out.append((pos, local, data[pos + 46: pos + 46 + nlen].decode("cp437")))
        pos += 46 + nlen + elen + clen
    return out


def _patch(data: bytes, name: str | None = None, flags: int | None = None,
           method: int | None = None) -> bytes:
    """Set the flag bits or compression method of member ``name`` (all members if None)."""
    b = bytearray(data)
    for central, local, member in _headers(data):
        if name is None or member == name:
            if flags is not None:
                b[central + 8: central + 10] = struct.pack("<H", flags)
                b[local + 6: local + 8] = struct.pack("<H", flags)
            if method is not None:
                b[central + 10: central + 12] = struct.pack("<H", method)
                b[local + 8: local + 10] = struct.pack("<H", method)
    return bytes(b)


def fix_crcs(data: bytes) -> bytes:
    """Recompute the CRC of every stored member (so a byte edit inside one is not caught by it)."""
    b = bytearray(data)
    for central, local, _ in _headers(data):
        size = struct.unpack("<L", b[central + 20: central + 24])[0]
        nlen, elen = struct.unpack("<HH", b[local + 26: local + 30])
        start = local + 30 + nlen + elen
        crc = zlib.crc32(bytes(b[start: start + size]))
        b[central + 16: central + 20] = struct.pack("<L", crc)
        b[local + 14: local + 18] = struct.pack("<L", crc)
    return bytes(b)


def _zeros_declaring_big_x(data: bytes) -> bytes:
    """A file of zeros declaring X 3000×10000 and a network of 10,000 inputs with a kernel of 64
    (the windows alone would be 15 GB). The issue's case had a kernel of 3 (2.87 GB with the old
    trainer; the tiled one needs 1.0 GB, a fair file now), so the kernel makes it hostile again."""
    m = manifest_of(data)
    N, n, k = 3000, 10_000, 64
    m["network"]["n_inputs"] = n
    m["network"]["kernel_size"] = k
    P = (k + 1) + (n - k + 1) + 1
    R = m["arrays"]["history_epochs"]["shape"][0]
    shapes = {"theta": [P], "theta0": [P], "X": [N, n], "y": [N], "ep_pred": [N],
              "history_params": [R, P], "history_predictions": [R, N]}
    for k, s in shapes.items():
        m["arrays"][k]["shape"] = s
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        dst.writestr("workspace.json", json.dumps(m))
        for info in src.infolist():
            key = info.filename[len("arrays/"): -len(".npy")]
            if key not in shapes:
                if info.filename != "workspace.json":
                    dst.writestr(info.filename, src.read(info))
                continue
            with dst.open(info.filename, "w") as fh:
                shape = tuple(shapes[key])
                np.lib.format.write_array_header_1_0(fh, {"descr": "<f8", "fortran_order": False,
                                                          "shape": shape})
                left = 8 * int(np.prod(shape))
                zeros = bytes(1 << 22)
                while left:
                    fh.write(zeros[: min(left, len(zeros))])
                    left -= min(left, len(zeros))
    return out.getvalue()


_DEEP = "[" * 100_000 + "]" * 100_000
BAD = {
    # ---- the first review's damaged files
    "truncated": lambda d: d[: len(d) // 2],
    "empty": lambda d: b"",
    "not an archive": lambda d: b"hello, this is a text file\n",
    "foreign archive": lambda d: _rewrite(d, lambda n, r: None if n == "workspace.json" else r),
    "foreign format": _set("format", "other"),
    "newer version": _set("version", 99),
    "missing keys": _edit(lambda m: m.pop("state")),
    "wrong type": _set("state.epoch", "five"),
    "bad shape": _set("network.kernel_size", 99),
    "wrong array shape": _set("arrays.theta.shape", [3]),
    "huge declared array": _set("arrays.history_params.shape", [10**9, 8]),
    "huge npy header": lambda d: _rewrite(d, _huge_npy),
    "missing array": lambda d: _rewrite(d, lambda n, r: None if n == "arrays/theta.npy" else r),
    "bad json": lambda d: _rewrite(d, lambda n, r: b"{not json" if n == "workspace.json" else r),
    "bad lr": _set("trainer.lr", -1),
    "bad rng": _set("state.rng", {"x": 1}),
    # ---- issue 12: tracebacks
    "5000-digit integer": _set("state.epoch", Raw("1" * 5000)),
    "deep nesting": _set("experiment", Raw(_DEEP)),
    "n_inputs 1e12": _set("network.n_inputs", 10**12),
    "padding 1e12": _set("network.padding", 10**12),
    "n_kernels 1e9": _set("network.n_kernels", 10**9),
    "epoch loss a string": _set("state.ep_loss", "0.5"),
    "betas strings": _set("trainer.betas", ["a", "b"]),
    "betas a string": _set("trainer.betas", "ab"),
    "eps a string": _set("trainer.eps", "1e-8"),
    "momentum a string": _set("trainer.momentum", "0.9"),
    "huge rng state": _set("state.rng.state.state", 2**200),
    "negative rng state": _set("state.rng.state.inc", -1),
    "huge epoch": _set("state.epoch", 10**30),
    "encrypted member": lambda d: _patch(d, "arrays/theta.npy", flags=0x1),
    "compression method 99": lambda d: _patch(d, "arrays/theta.npy", method=99),
    "Deflate64 member": lambda d: _patch(d, "arrays/theta.npy", method=9),
    "zeros declaring X 3000x10000": _zeros_declaring_big_x,
    # ---- issue 12: accepted with wrong behaviour
    '"diverged": "no"': _set("state.diverged", "no"),
    "version 0": _set("version", 0),
    "version -1": _set("version", -1),
    "momentum NaN": _set("trainer.momentum", Raw("NaN")),
    "step count -5": _set("state.optimizer.t", -5),
    "history_stride 0": _set("state.history_stride", 0),
    # ---- more of the same kind
    "version a string": _set("version", "1"),
    "version true": _set("version", True),
    "version 1.0": _set("version", 1.0),
    "diverged 1": _set("state.diverged", 1),
    "lr Infinity": _set("trainer.lr", Raw("Infinity")),
    "lr 1e999": _set("trainer.lr", Raw("1e999")),
    "epoch negative": _set("state.epoch", -1),
    "pos past the samples": _set("state.pos", 10),
    "stride 3": _set("state.history_stride", 3),
    "stride huge": _set("state.history_stride", 2**60),
    "rng MT19937": _set("state.rng.bit_generator", "MT19937"),
    "has_uint32 2": _set("state.rng.has_uint32", 2),
    "lone surrogate": _set("state.stopped_reason", Raw('"\\ud800"')),
    "duplicate keys": lambda d: _rewrite(d, lambda n, r: r.replace(b'"format"', b'"version": 1, "format"', 1)
                                         if n == "workspace.json" else r),
    "manifest a list": lambda d: _rewrite(d, lambda n, r: b"[1, 2]" if n == "workspace.json" else r),
    "manifest not utf-8": lambda d: _rewrite(d, lambda n, r: b"\xff\xfe{}" if n == "workspace.json" else r),
    "network seed -1": _set("network.seed", -1),
    "stride 0 in the network": _set("network.stride", 0),
    "activation unknown": _set("network.activation", "swish"),
    "experiment a list": _set("experiment", [1, 2]),
    "array dtype object": _set("arrays.theta.dtype", "object"),
    "array shape negative": _set("arrays.theta.shape", [-8]),
    "array shape floats": _set("arrays.theta.shape", [8.0]),
    "theta NaN": _member("arrays/theta.npy", lambda r: _npy(np.full(8, np.nan))),
    "X infinite": _member("arrays/X.npy", lambda r: _npy(np.full((10, 5), np.inf))),
    "X 1e300": _member("arrays/X.npy", lambda r: _npy(np.full((10, 5), 1e300))),
    "theta big-endian": _member("arrays/theta.npy", lambda r: _npy(np.zeros(8, ">f8"))),
    "theta float32": _member("arrays/theta.npy", lambda r: _npy(np.zeros(8, "<f4"))),
    "theta as objects": _member("arrays/theta.npy", lambda r: _npy(np.zeros(8, object))),
    "theta npy version 2": _member("arrays/theta.npy", lambda r: _npy(np.zeros(8), version=(2, 0))),
    "X fortran order": _member("arrays/X.npy", lambda r: _npy(np.zeros((10, 5)), fortran=True)),
    "theta extra bytes": _member("arrays/theta.npy", lambda r: r + b"\0" * 8),
    "theta short": _member("arrays/theta.npy", lambda r: r[:-8]),
    "history epochs decreasing": _member("arrays/history_epochs.npy",
                                         lambda r: _npy(np.array([5, 4, 3, 2, 1], dtype=np.int64))),
    "history epochs past the epoch": _member("arrays/history_epochs.npy",
                                             lambda r: _npy(np.array([1, 2, 3, 4, 99], dtype=np.int64))),
    "member outside arrays": lambda d: _with_extra(d, "../evil.npy"),
    "unexpected member": lambda d: _with_extra(d, "notes.txt"),
    "undeclared array": lambda d: _with_extra(d, "arrays/spare.npy"),
    "member twice": lambda d: _with_extra(d, "arrays/theta.npy"),
    "patched data flag": lambda d: _patch(d, "arrays/X.npy", flags=0x20),
    "bzip2 member": lambda d: _patch(d, "workspace.json", method=12),
    "end record lists 65535 members": lambda d: d[: d.rfind(b"PK\x05\x06") + 8] + b"\xff\xff\xff\xff"
                                                + d[d.rfind(b"PK\x05\x06") + 12:],
}


#: the cases issue 12 lists: 17 tracebacks, 3 accepted with wrong behaviour, and the others it names
ISSUE_12 = ("5000-digit integer", "deep nesting", "n_inputs 1e12", "padding 1e12", "n_kernels 1e9",
            "epoch loss a string", "betas strings", "betas a string", "eps a string", "momentum a string",
            "huge rng state", "negative rng state", "huge epoch", "encrypted member", "compression method 99",
            "Deflate64 member", "zeros declaring X 3000x10000", '"diverged": "no"', "version 0", "version -1",
            "momentum NaN", "step count -5", "history_stride 0")


def _with_extra(d: bytes, name: str) -> bytes:
    out = io.BytesIO(d)
    with zipfile.ZipFile(out, "a") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" is the point
        zf.writestr(name, _npy(np.zeros(8)))
    return out.getvalue()


def _fifo(folder):
    p = os.path.join(folder, "fifo.cnnviz")
    os.mkfifo(p)
    return p


def _dev_zero(folder):
    p = os.path.join(folder, "zero.cnnviz")
    os.symlink("/dev/zero", p)
    return p


def _folder(folder):
    p = os.path.join(folder, "folder.cnnviz")
    os.mkdir(p)
    return p


def _sparse(folder):
    p = os.path.join(folder, "sparse.cnnviz")
    with open(p, "wb") as fh:
        fh.truncate(3 * 2**30)
    return p


SPECIAL = {"a FIFO": _fifo, "a link to /dev/zero": _dev_zero, "a folder": _folder,
           "a sparse 3 GB file": _sparse}


# ------------------------------------------------------------------ random mutations
_RAW = [Raw("1" * 5000), Raw("-" + "9" * 45), Raw("NaN"), Raw("Infinity"), Raw("-Infinity"), Raw("1e999"),
        Raw("[" * 40 + "]" * 40), Raw("[" * 5000 + "]" * 5000), Raw('"\\ud800"'), Raw("-0"), Raw("1E2")]
_VALUES = [0, 1, -1, 2, 3, -5, 7, 10, 2**31, 2**32, 2**53 + 1, 2**63, 2**64, 2**128, -(2**128), 10**12,
           10**18, 10**39, 0.0, 0.5, -0.5, 1.5, 1e-320, 1e300, -1e300, 0.999999, 1.0, "", "no", "yes",
           "x" * 5000,
           "PCG64", "MT19937", "sgd", "batch", "adam", "softmax", "linear", "chapter", "\x00", True, False,
           None, [], [1], [0.9, 0.999], [1, 2, 3], ["a", "b"], [[]], {}, {"t": 0}, {"a": {"b": 1}}]


def hostile_value(rnd):
    roll = rnd.random()
    if roll < 0.15:
        return rnd.choice(_RAW)
    if roll < 0.3:
        return rnd.randint(-(2**70), 2**70) // (10 ** rnd.randint(0, 20))
    if roll < 0.4:
        return rnd.uniform(-2, 2) * 10 ** rnd.randint(-30, 30)
    return rnd.choice(_VALUES)


def _paths(v, prefix=()):
    out = [prefix] if prefix else []
    if isinstance(v, dict):
        for k, x in v.items():
            out += _paths(x, prefix + (k,))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            out += _paths(x, prefix + (i,))
    return out


def _json_mutation(rnd, data: bytes) -> bytes:
    m = manifest_of(data)
    for _ in range(rnd.randint(1, 3)):
        path = rnd.choice(_paths(m))
        parent = m
        for k in path[:-1]:
            parent = parent[k]
        action = rnd.choice(["set", "set", "set", "set", "delete", "add"])
        if action == "delete":
            parent.pop(path[-1]) if isinstance(parent, dict) else parent.pop(path[-1])
        elif action == "add" and isinstance(parent, dict):
            parent[rnd.choice(["extra", "t", "state", "shape", "m"])] = hostile_value(rnd)
        else:
            parent[path[-1]] = hostile_value(rnd)
        if not _paths(m):
            break
    text = _dump(m).encode("utf-8", "surrogatepass")
    return _rewrite(data, lambda n, r: text if n == "workspace.json" else r)


def _array_mutation(rnd, data: bytes) -> bytes:
    names = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("arrays/")]
    name = rnd.choice(names)
    raw = zipfile.ZipFile(io.BytesIO(data)).read(name)
    arr = np.load(io.BytesIO(raw))
    kind = rnd.choice(["values", "values", "shape", "dtype", "truncate", "extend", "header", "drop"])
    if kind == "values":
        a = arr.copy().reshape(-1)
        if a.size:
            for _ in range(rnd.randint(1, 3)):
                i = rnd.randrange(a.size)
                if a.dtype.kind == "i":
                    a[i] = rnd.choice([-1, 0, 2**62, -(2**62), a[i] + 1, rnd.randint(-10, 10**6)])
                else:
                    a[i] = rnd.choice([np.nan, np.inf, -np.inf, 1e300, -1e300, 0.0, -1.0, 5e-324, a[i] * 2])
        new = _npy(a.reshape(arr.shape))
    elif kind == "shape":
        shape = list(arr.shape) or [1]
        shape[rnd.randrange(len(shape))] += rnd.choice([-1, 1, 7])
        shape = [max(0, s) for s in shape]
        new = _npy(np.zeros(shape, arr.dtype))
    elif kind == "dtype":
        new = _npy(arr.astype(rnd.choice(["<f4", ">f8", "<i4", "<u8", "|b1", "<c16"])))
    elif kind == "truncate":
        new = raw[: rnd.randrange(len(raw))]
    elif kind == "extend":
        new = raw + bytes(rnd.randint(1, 64))
    elif kind == "header":
        b = bytearray(raw)
        for _ in range(rnd.randint(1, 4)):
            b[rnd.randrange(min(len(b), 128))] = rnd.randrange(256)
        new = bytes(b)
    else:
        new = None
    return _rewrite(data, lambda n, r: new if n == name else r)


def _zip_mutation(rnd, data: bytes) -> bytes:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    kind = rnd.choice(["flags", "method", "extra", "rename"])
    if kind == "flags":
        flags = rnd.choice([0x1, 0x8, 0x20, 0x40, 0x41, 0x800, 0xFFFF])
        return _patch(data, rnd.choice(names), flags=flags)
    if kind == "method":
        method = rnd.choice([1, 6, 9, 12, 14, 19, 93, 97, 98, 99, 65535])
        return _patch(data, rnd.choice(names), method=method)
    if kind == "extra":
        return _with_extra(data, rnd.choice(names + ["notes.txt", "arrays/x.npy", "/abs.npy"]))
    old = rnd.choice(names)
    new = rnd.choice(["../x.npy", "arrays/a b.npy", "ARRAYS/theta.npy", "workspace.JSON", "arrays/.npy",
                      "arrays/" + "a" * 100 + ".npy"])
    return _rewrite(data, lambda n, r: r) if old == new else _rename(data, old, new)


def _rename(data: bytes, old: str, new: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(new if info.filename == old else info.filename, src.read(info))
    return out.getvalue()


def structural_mutation(rnd, base: bytes) -> bytes:
    """A mutation that knows the format: a manifest value, an array, or a zip member's header."""
    kind = rnd.choice(["json", "json", "json", "array", "array", "zip"])
    return {"json": _json_mutation, "array": _array_mutation, "zip": _zip_mutation}[kind](rnd, base)


def byte_mutation(rnd, base: bytes) -> bytes:
    """Up to 8 raw byte edits (flip, set, insert, delete, truncate), CRCs fixed half the time."""
    b = bytearray(base)
    for _ in range(rnd.randint(1, 8)):
        op = rnd.choice(["flip", "set", "set", "insert", "delete", "truncate"])
        i = rnd.randrange(len(b)) if b else 0
        if op == "flip" and b:
            b[i] ^= 1 << rnd.randrange(8)
        elif op == "set" and b:
            b[i] = rnd.choice([0, 0xFF, 0x7F, 0x80, ord("9"), ord("["), ord('"'), rnd.randrange(256)])
        elif op == "insert":
            b[i:i] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
        elif op == "delete" and b:
            del b[i: i + rnd.randint(1, 16)]
        elif op == "truncate" and rnd.random() < 0.3:
            del b[rnd.randrange(len(b) + 1):]
    out = bytes(b)
    if rnd.random() < 0.5:
        try:
            out = fix_crcs(out)
        except Exception:  # noqa: BLE001 - the structure itself was hit; keep the bytes as they are
            pass
    return out


@cache
def base_files(folder: str) -> dict[str, bytes]:
    """The valid workspaces mutations start from: every BASES run, deflated and stored."""
    from pathlib import Path

    out = {}
    for name, kw in BASES.items():
        good = _good_bytes(Path(folder), **dict(kw))
        out[name] = good
        out[name + " (stored)"] = stored(good)
    return out


# ------------------------------------------------------------------ what a loaded trainer must be
def validate_loaded(t) -> None:
    """Raise AssertionError unless ``t`` is a sound trainer: finite parameters, consistent shapes,
    and it runs one more epoch without raising."""
    P, N = len(t.net.param_names()), t.X.shape[0]
    assert t.net.theta.shape == (P,) and np.isfinite(t.net.theta).all(), "parameters"
    assert t.X.shape == (N, t.net.n_inputs) and t.y.shape == (N,), "data shapes"
    assert np.isfinite(t.X).all() and np.isfinite(t.y).all(), "data values"
    h = t.history
    assert h.param_matrix.shape == (h.n, P) and h.predictions.shape == (h.n, N), "history shapes"
    assert h.stride >= 1 and 0 <= t.epoch and 0 <= t._pos < N, "counters"
    assert isinstance(t.diverged, bool), "diverged"
    t.run(1)
