"""The close-while-busy soak (``make soak``): close the real window while it is busy, many times.

    python tests/soak/close_while_busy.py [--runs 30] [--jobs 2] [--kinds training,lab,save]

Three kinds of run (tests/soak/children.py), each ``--runs`` times in its own process, ``--jobs``
at a time: close mid-training (Play flat out, closed 0.2–1.5 s after it starts), close mid image-lab
filter (a generated 4096×4096 RGB image, a 21×21 kernel, closed while the lab's worker is busy),
close mid workspace save (a workspace of experiment 2 trained 100,000 epochs, a few more epochs,
saved onto the same file, closed at once). A run passes when the process exits 0, stderr has no
"QThread: Destroyed", no traceback, no fatal error or segfault, and — for saves — the file loads
with ``core.workspace.load_workspace`` as either the old workspace or the new one, never a torn
one. Prints a table; exits 1 if any run failed. Every run has its own HOME (nothing of the
user's is read or written) and its own seed, printed, so a failure can be replayed:
``python tests/soak/children.py KIND SEED FOLDER [INPUT]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("children.py")
KINDS = ("training", "lab", "save")
BASE_EPOCHS = 100_000
IMAGE_SIDE = 4096
CHILD_TIMEOUT_S = 120
FORBIDDEN = {  # stderr text → what it means
    "QThread: Destroyed": "a QThread destroyed while running",
    "Traceback (most recent call last)": "a Python traceback",
    "Fatal Python error": "a fatal error (segfault, abort)",
    "Segmentation fault": "a segfault",
}
BENIGN = re.compile(r"^This plugin does not support (propagateSizeHints\(\)|raise\(\)|lower\(\))$")


@dataclass
class Outcome:
    kind: str
    seed: int
    status: int
    seconds: float
    problems: list[str] = field(default_factory=list)
    note: dict = field(default_factory=dict)
    other_stderr: list[str] = field(default_factory=list)
    verdict: str = ""  # for saves: "old" | "new"
    leftovers: int = 0  # temporary files next to the workspace after the run

    @property
    def ok(self) -> bool:
        return not self.problems


# ------------------------------------------------------------------ inputs (made once)
def make_image(folder: Path) -> Path:
    """A 4096² RGB PNG of smooth gradients and noise (Qt writes it; no extra package)."""
    import numpy as np
    from PySide6.QtGui import QImage

    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:IMAGE_SIDE, 0:IMAGE_SIDE].astype(np.float32) / IMAGE_SIDE
    rgb = np.stack([x, y, (x + y) / 2], axis=-1) * 200 + rng.integers(0, 55, (IMAGE_SIDE, IMAGE_SIDE, 3))
    data = np.ascontiguousarray(rgb.astype(np.uint8))
    img = QImage(data.data, IMAGE_SIDE, IMAGE_SIDE, 3 * IMAGE_SIDE, QImage.Format.Format_RGB888)
    path = folder / "large.png"
    if not img.save(str(path), "PNG", 90):  # light compression: quick to write and to decode
        raise SystemExit(f"could not write {path}")
    return path


def make_workspace(folder: Path) -> tuple[Path, int]:
    """Experiment 2 trained BASE_EPOCHS epochs, saved as the soak's "old" workspace."""
    from core import Network, Trainer, chapter_dataset
    from core.workspace import save_workspace

    t = Trainer(Network(), *chapter_dataset())
    t.run(BASE_EPOCHS)
    path = folder / "base.cnnviz"
    save_workspace(path, t, experiment={"experiment": "2"})
    return path, t.epoch


# ------------------------------------------------------------------ one run
def child_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONFAULTHANDLER="1",
               PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_DATA_HOME=str(home / ".local" / "share"))
    return env


def run_one(kind: str, seed: int, work: Path, inputs: dict) -> Outcome:
    folder = work / f"{kind}-{seed}"
    home = folder / "home"
    home.mkdir(parents=True)
    given = None
    if kind == "lab":
        given = str(inputs["image"])
    elif kind == "save":
        target = folder / "workspace.cnnviz"
        shutil.copyfile(inputs["workspace"], target)
        given = str(target)
    cmd = [sys.executable, str(CHILD), kind, str(seed), str(folder)] + ([given] if given else [])
    start = time.monotonic()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S,
                           env=child_env(home), cwd=folder)
        status, out, err = r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired as exc:
        status, out, err = -999, exc.stdout or "", (exc.stderr or "") + "\n(hung: killed)"
        out = out.decode() if isinstance(out, bytes) else out
        err = err.decode() if isinstance(err, bytes) else err
    o = Outcome(kind, seed, status, time.monotonic() - start)
    if status != 0:
        o.problems.append("hung" if status == -999 else f"exit status {status}")
    for text, meaning in FORBIDDEN.items():
        if text in err:
            o.problems.append(meaning)
    o.other_stderr = [line for line in err.splitlines()
                      if line.strip() and not BENIGN.match(line) and not any(t in line for t in FORBIDDEN)]
    try:
        o.note = json.loads(out.strip().splitlines()[-1])
    except (IndexError, ValueError):
        o.note = {}
    if o.note.get("error"):
        o.problems.append(f"the run could not start: {o.note['error']}")
    if kind == "save":
        judge_workspace(o, Path(given), inputs["base_epoch"])
    if o.problems:
        (folder / "stderr.txt").write_text(err, encoding="utf-8")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return o


def judge_workspace(o: Outcome, path: Path, base_epoch: int) -> None:
    """The file must load as the old workspace or as the new one (the epoch the child saved)."""
    from core.workspace import load_workspace

    o.leftovers = len([p for p in path.parent.iterdir() if p.name != path.name and path.stem in p.name])
    try:
        ws = load_workspace(path)
    except Exception as exc:  # noqa: BLE001 - anything here is a torn or unreadable file
        o.problems.append(f"workspace does not load: {type(exc).__name__}: {exc}")
        return
    epoch = ws.trainer.epoch
    if epoch == base_epoch:
        o.verdict = "old"
    elif epoch == o.note.get("epoch"):
        o.verdict = "new"
    else:
        o.problems.append(f"workspace at epoch {epoch}: neither the old ({base_epoch}) "
                          f"nor the new ({o.note.get('epoch')})")
    if ws.trainer.history.n != epoch:
        o.problems.append(f"history has {ws.trainer.history.n} rows for epoch {epoch}")


# ------------------------------------------------------------------ the table
def summary(outcomes: list[Outcome]) -> str:
    rows = [f"{'kind':<9} {'runs':>4} {'pass':>4} {'fail':>4} {'busy at close':>13} {'s/run':>6}  notes"]
    for kind in KINDS:
        mine = [o for o in outcomes if o.kind == kind]
        if not mine:
            continue
        busy = sum(1 for o in mine if o.note.get("busy"))
        notes = []
        if kind == "save":
            verdicts = Counter(o.verdict for o in mine if o.verdict)
            notes.append(", ".join(f"{v} file {n}×" for v, n in sorted(verdicts.items())) or "no file judged")
            left = sum(o.leftovers for o in mine)
            notes.append(f"{left} temporary file(s) left")
        if kind == "lab":
            notes.append(f"{sum(1 for o in mine if o.note.get('filtered'))} had a result before closing")
        if kind == "training":
            epochs = [o.note.get("epoch") or 0 for o in mine]
            notes.append(f"epochs at close {min(epochs)}–{max(epochs)}")
        fails = sum(1 for o in mine if not o.ok)
        mean = sum(o.seconds for o in mine) / len(mine)
        rows.append(f"{kind:<9} {len(mine):>4} {len(mine) - fails:>4} {fails:>4} {busy:>13} {mean:>6.1f}  "
                    + "; ".join(notes))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30, help="runs of each kind (default 30)")
    ap.add_argument("--jobs", type=int, default=2, help="runs at a time (default 2)")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated subset of " + ",".join(KINDS))
    ap.add_argument("--seed", type=int, default=int(time.time()) % 100_000, help="first seed")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    if not set(kinds) <= set(KINDS):
        ap.error(f"--kinds: choose from {', '.join(KINDS)}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="cnnviz-soak-"))
    started = time.monotonic()
    inputs: dict = {}
    if "lab" in kinds:
        inputs["image"] = make_image(work)
    if "save" in kinds:
        inputs["workspace"], inputs["base_epoch"] = make_workspace(work)
    print(f"inputs ready in {time.monotonic() - started:.0f} s; first seed {args.seed}; "
          f"{args.jobs} at a time", flush=True)
    jobs = [(kind, args.seed + i) for i in range(args.runs) for kind in kinds]  # kinds interleaved
    outcomes: list[Outcome] = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for o in pool.map(lambda job: run_one(job[0], job[1], work, inputs), jobs):
            outcomes.append(o)
            mark = "." if o.ok else "F"
            print(mark, end="" if len(outcomes) % 60 else "\n", flush=True)
    print()
    for o in outcomes:
        if not o.ok:
            print(f"FAIL {o.kind} seed {o.seed}: {'; '.join(o.problems)} "
                  f"(stderr in {work}/{o.kind}-{o.seed})")
    other = Counter(line for o in outcomes for line in o.other_stderr)
    if other:
        print("other stderr lines (count):")
        for line, n in other.most_common(10):
            print(f"  {n:>3}× {line[:150]}")
    print(summary(outcomes))
    print(f"{len(outcomes)} runs in {time.monotonic() - started:.0f} s")
    failed = any(not o.ok for o in outcomes)
    if not failed and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
