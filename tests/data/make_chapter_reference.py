"""Regenerate ``chapter_reference.json`` by running the chapter's own notebook code.

The chapter is Pyrcz, *Applied Machine Learning in Python*, "Convolutional Neural Networks":
the Jupyter notebook ``_sources/MachineLearning_CNN.ipynb`` of the e-book's repository
(GeostatsGuy/MachineLearningDemos_Book). Its code cells are executed here as they are, in
order, in one namespace — nothing is transcribed by hand — with matplotlib and pandas
replaced by stand-ins that swallow every plotting call (the cells that draw only draw).
The numbers are read from the notebook's own variables afterwards: the eight initial
draws, experiment 1's trajectories (``w6``…``b12``, ``c9``…``c11``, ``o12``), experiment 2's
data (``Xmat``, ``ymat``, computed by the chapter's ``np.dot(x, X) / np.dot(x, x)``) and
its trajectories (``w6``…``b12``, ``yhat``), at the epochs the tests check.

The notebook itself is not kept in this repository (it is the book's code, not ours): give
its path, or let the script download it at the pinned commit::

    python tests/data/make_chapter_reference.py [--notebook MachineLearning_CNN.ipynb]

The JSON records where the code came from (repository, path, commit, SHA-256).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import types
import urllib.request
from pathlib import Path

import numpy as np

REPO = "GeostatsGuy/MachineLearningDemos_Book"
NOTEBOOK = "_sources/MachineLearning_CNN.ipynb"
COMMIT = "daaa460307b0888464378c4025f2d7626654eafd"  # the newest snapshot this was made from
URL = f"https://raw.githubusercontent.com/{REPO}/{COMMIT}/{NOTEBOOK}"
EPOCHS = [1, 2, 10, 100, 400, 1000]
OUT = Path(__file__).with_name("chapter_reference.json")

# Markers that identify the three cells whose results we read (each must occur exactly once).
EXPERIMENT_1 = "# initial CNN trains on one sample"
DATASET = "ymat[isample] = np.dot(x, Xmat[isample]) / np.dot(x, x)"
EXPERIMENT_2 = "yhat[i,isample] = o12[i]"


class _Swallow(types.ModuleType):
    """A stand-in module: every attribute, call and iteration is a harmless no-op."""

    def __init__(self, name: str = "stub") -> None:
        super().__init__(name)

    def __getattr__(self, name: str):
        if name.startswith("__"):  # introspection (inspect.unwrap, copy…) must not recurse
            raise AttributeError(name)
        return _Swallow(name)

    def __call__(self, *args, **kwargs):
        return _Swallow()

    def __iter__(self):
        return iter(())


def code_cells(nb: dict) -> list[str]:
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def run_notebook(raw: bytes) -> dict:
    """Execute the notebook's code cells; returns the chapter's numbers at ``EPOCHS``."""
    cells = code_cells(json.loads(raw))
    for marker in (EXPERIMENT_1, DATASET, EXPERIMENT_2):
        hits = sum(marker in c for c in cells)
        if hits != 1:
            raise SystemExit(f"the notebook has changed: {marker!r} appears in {hits} code cells")
    stubbed = ("pandas", "matplotlib", "matplotlib.pyplot", "matplotlib.ticker")
    saved = {m: sys.modules.get(m) for m in stubbed}
    for m in saved:
        sys.modules[m] = _Swallow(m)
    ns: dict = {"__name__": "chapter"}
    got: dict = {}
    try:
        for i, src in enumerate(cells):
            exec(compile(src, f"<chapter code cell {i}>", "exec"), ns)  # noqa: S102 - the point
            if EXPERIMENT_1 in src:
                draws = ("w6", "w7", "w8", "w9", "w10", "w11", "bconv", "b12")  # the chapter's order
                got["init"] = [float(ns[k][0]) for k in draws]
                got["single"] = {
                    "inputs": [ns[k] for k in ("x1", "x2", "x3", "x4", "x5")],
                    "target": ns["y"],
                    "rows": [{"epoch": e, **{k: float(ns[k][e - 1]) for k in
                                             ("w6", "w7", "w8", "w9", "w10", "w11", "bconv", "b12",
                                              "c9", "c10", "c11", "o12")}} for e in EPOCHS],
                }
            if DATASET in src:
                got["dataset"] = {"X": ns["Xmat"].tolist(), "y": ns["ymat"].tolist()}
            if EXPERIMENT_2 in src:
                got["batch"] = {"rows": [{"epoch": e, **{k: float(ns[k][e - 1]) for k in
                                                         ("w6", "w7", "w8", "w9", "w10", "w11", "bconv",
                                                          "b12")},
                                          "yhat": ns["yhat"][e - 1].tolist()} for e in EPOCHS]}
    finally:
        for m, mod in saved.items():
            if mod is None:
                sys.modules.pop(m, None)
            else:
                sys.modules[m] = mod
    return got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notebook", help="path of MachineLearning_CNN.ipynb (default: download it)")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    if args.notebook:
        raw = Path(args.notebook).read_bytes()
    else:
        with urllib.request.urlopen(URL, timeout=60) as r:  # noqa: S310 - a fixed https URL
            raw = r.read()
    got = run_notebook(raw)
    ref = {
        "note": ("Trajectories of the chapter's hand-made 1D CNN (seed 13, lr 0.2, 1000 epochs), produced "
                 "by running the chapter notebook's own code cells (tests/data/make_chapter_reference.py). "
                 "Epoch e row holds the parameters used in epoch e's forward pass and the outputs of "
                 "that pass."),
        "source": {"repository": REPO, "path": NOTEBOOK, "commit": COMMIT,
                   "sha256": hashlib.sha256(raw).hexdigest(), "numpy": np.__version__},
        **got,
    }
    Path(args.out).write_text(json.dumps(ref, indent=1) + "\n")
    print(f"wrote {args.out}: {len(got['single']['rows'])} + {len(got['batch']['rows'])} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
