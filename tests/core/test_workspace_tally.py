"""The hostile corpus tallied per input kind: tried, loaded (sound), refused cleanly, failed.

"Failed" is anything a learner should never see: another exception (a traceback), a hang, a
MemoryError, a message on several lines or without the file name, a hostile file accepted, a
refusal that names the wrong reason (tab-separated data called "only a header row"), a
kernel whose filtering gives ∞ or a RuntimeWarning, or a loaded trainer that is unsound.

As a test it asserts that nothing fails in this tree. As a script it tallies any tree — the
corpus is this tree's, the code under test the other's — each kind in a subprocess with a
4 GB address-space limit and a 30 s alarm per case::

    python tests/core/test_workspace_tally.py --root /tmp/before [--mutations 250]
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

HERE = Path(__file__).resolve()
TESTS = HERE.parents[1]
KINDS = ("workspace: issue 12's list", "workspace: other hand-made", "workspace: structural mutations",
         "workspace: byte mutations",
         "CSV: hand-made", "CSV: grammar mutations", "kernel text: hand-made", "kernel text: random")


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def kernel_cases() -> list[tuple[str, str | None]]:
    """``KERNEL_CASES`` of test_kernels.py, read without importing it (it imports this tree's API)."""
    tree = ast.parse((TESTS / "core" / "image_ops" / "test_kernels.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "KERNEL_CASES":
            return eval(compile(ast.Expression(node.value), "KERNEL_CASES", "eval"), {})  # noqa: S307
    raise LookupError("KERNEL_CASES not found")


_TOKENS = ["1", "-1", "0.5", "1/9", "3e38", "1e37", "4e36", "nan", "inf", "x", "1/0", "−2", "[", "]", ";",
           ",", "#", "\n", " ", "\t", "1e-400", "0x1", "2/3/4", "1e308/1e-10", "1e38", "-3e38"]


class _Timeout(Exception):
    pass


def _one_line(msg: str, path: str) -> bool:
    return msg.startswith(path) and "\n" not in msg and len(msg) > len(path) + 5 and "(unexpected " not in msg


def _run_cases(kind: str, mutations: int, folder: str, heavy: bool = True) -> list[tuple[str, str, str]]:
    """(case, outcome, detail) for every case of ``kind``; outcome ∈ loaded, refused, failed.

    ``heavy=False`` leaves out the million-row CSV files (test_csv_hostile.py has them).
    """
    import numpy as np

    out: list[tuple[str, str, str]] = []

    def attempt(case: str, fn):
        try:
            outcome, detail = fn()
        except _Timeout:
            outcome, detail = "failed", "hang (no answer in 30 s)"
        except MemoryError:
            outcome, detail = "failed", "MemoryError"
        except BaseException as exc:  # noqa: BLE001 - a traceback is what we count
            outcome, detail = "failed", f"{type(exc).__name__}: {str(exc)[:90]}"
        out.append((case, outcome, detail))

    def arm():
        if kind_guarded:
            import signal
            signal.setitimer(signal.ITIMER_REAL, 30)

    def disarm():
        if kind_guarded:
            import signal
            signal.setitimer(signal.ITIMER_REAL, 0)

    kind_guarded = os.environ.get("TALLY_GUARDED") == "1"
    if kind.startswith("workspace"):
        from core.workspace import WorkspaceError, load_workspace
        corpus = _module("tally_workspace_corpus", TESTS / "support" / "workspace_corpus.py")

        def ws_case(path: str, expect_refusal: bool):
            def run():
                arm()
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("error")
                        try:
                            ws = load_workspace(path)
                        except WorkspaceError as exc:
                            if not _one_line(str(exc), path):
                                return "failed", f"message {str(exc)[:100]}"
                            return "refused", str(exc)[len(path):][:100]
                    if expect_refusal:
                        return "failed", "accepted"
                    corpus.validate_loaded(ws.trainer)
                    return "loaded", ""
                finally:
                    disarm()
            return run

        good = corpus._good_bytes(Path(folder))
        if "hand-made" in kind or "issue 12" in kind:
            for i, (case, spoil) in enumerate(corpus.BAD.items()):
                if (case in corpus.ISSUE_12) == ("issue 12" in kind):
                    p = os.path.join(folder, f"bad{i}.cnnviz")
                    Path(p).write_bytes(spoil(good))
                    attempt(case, ws_case(p, True))
            for case, make in corpus.SPECIAL.items() if "hand-made" in kind else ():
                sub = tempfile.mkdtemp(dir=folder)
                attempt(case, ws_case(make(sub), True))
        else:
            bases = corpus.base_files(folder)
            names = sorted(bases)
            mutate = corpus.structural_mutation if "structural" in kind else corpus.byte_mutation
            for i in range(mutations):
                rnd = random.Random(i)
                p = os.path.join(folder, "m.cnnviz")
                Path(p).write_bytes(mutate(rnd, bases[rnd.choice(names)]))
                attempt(f"#{i}", ws_case(p, False))
    elif kind.startswith("CSV"):
        from core.datasets import DataError, load_dataset_csv
        corpus = _module("tally_csv_corpus", TESTS / "core" / "datasets" / "csv_corpus.py")

        def csv_case(path: str, expect):
            def run():
                arm()
                try:
                    try:
                        X, y = load_dataset_csv(path)
                    except DataError as exc:
                        msg = str(exc)
                        if not _one_line(msg, path):
                            return "failed", f"message {msg[:100]}"
                        if expect and (expect[0] == "accept" or not re.search(expect[1], msg)):
                            return "failed", f"wrong reason: {msg[len(path):][:100]}"
                        return "refused", msg[len(path):][:100]
                    sound = X.ndim == 2 and X.shape[0] == y.shape[0] >= 1 and bool(np.isfinite(X).all())
                    if expect and (expect[0] == "refuse" or (X.shape[0], X.shape[1]) != tuple(expect[1])):
                        return "failed", f"accepted {X.shape}"
                    return ("loaded", "") if sound else ("failed", "unsound data")
                finally:
                    disarm()
            return run

        if kind == "CSV: hand-made":
            for i, (case, (content, expect)) in enumerate(corpus.CASES.items()):
                if not heavy and "1,000,00" in case:
                    continue
                sub = tempfile.mkdtemp(dir=folder)
                if callable(content):
                    p = content(sub)
                else:
                    p = os.path.join(sub, f"c{i}.csv")
                    Path(p).write_bytes(content)
                attempt(case, csv_case(p, expect))
        else:
            for i in range(mutations):
                p = os.path.join(folder, "g.csv")
                Path(p).write_bytes(corpus.random_csv(random.Random(i)))
                attempt(f"#{i}", csv_case(p, None))
    else:
        from core.image_ops.conv2d import conv2d
        from core.image_ops.kernels import parse_kernel_text

        def kernel_case(text: str, reason):
            def run():
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    try:
                        k = parse_kernel_text(text)
                    except ValueError as exc:
                        if not str(exc) or "\n" in str(exc):
                            return "failed", "message"
                        if reason is not None and not re.search(reason, str(exc)):
                            return "failed", f"wrong reason: {str(exc)[:80]}"
                        return "refused", str(exc)[:80]
                    try:
                        img = np.zeros((k.shape[0] + 2, k.shape[1] + 2, 3), np.float32)
                        img[1:-1, 1:-1] = (k > 0)[:, :, None]
                        res = conv2d(img, k.astype(np.float32))
                    except ValueError as exc:
                        return "failed", f"accepted, then conv2d refused it: {str(exc)[:60]}"
                    except RuntimeWarning as exc:
                        return "failed", f"accepted, filtering warns: {exc}"
                    if not np.isfinite(res).all():
                        return "failed", "accepted, filtering gives ∞"
                    if reason is not None:
                        return "failed", "accepted"
                    return "loaded", ""
            return run

        if kind == "kernel text: hand-made":
            for text, reason in kernel_cases():
                attempt(repr(text)[:40], kernel_case(text, reason))
        else:
            for i in range(mutations):
                rnd = random.Random(i)
                text = " ".join(rnd.choice(_TOKENS) for _ in range(rnd.randint(0, 30)))
                attempt(f"#{i}", kernel_case(text, None))
    return out


def _child(root: str, kind: str, mutations: int) -> None:
    """Run one kind against the tree at ``root`` (its ``core``), guarded, and print JSON."""
    import resource
    import signal

    # The alarm must interrupt the main thread (a FIFO's open blocks there): block SIGALRM
    # before numpy starts its threads, so they inherit the mask, then unblock it here only.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    sys.path.insert(0, root)
    import numpy  # noqa: F401 - starts the BLAS threads with SIGALRM blocked
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
    resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))

    def alarm(*_):
        raise _Timeout

    signal.signal(signal.SIGALRM, alarm)
    os.environ["TALLY_GUARDED"] = "1"
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(_run_cases(kind, mutations, folder)))


def tally(root: str, mutations: int) -> dict[str, list]:
    results = {}
    for kind in KINDS:
        r = subprocess.run([sys.executable, str(HERE), "--child", kind, "--root", root,
                            "--mutations", str(mutations)], capture_output=True, text=True, cwd=root,
                           env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
        try:
            results[kind] = json.loads(r.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            results[kind] = [("(the whole run)", "failed", (r.stderr.strip().splitlines() or ["died"])[-1])]
    return results


def table(results: dict[str, list]) -> str:
    lines = ["| input kind | tried | loaded | refused cleanly | failed |", "|---|---:|---:|---:|---:|"]
    for kind, rows in results.items():
        n = {o: sum(1 for r in rows if r[1] == o) for o in ("loaded", "refused", "failed")}
        lines.append(f"| {kind} | {len(rows)} | {n['loaded']} | {n['refused']} | {n['failed']} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=str(HERE.parents[2]))
    ap.add_argument("--mutations", type=int, default=250)
    ap.add_argument("--child")
    ap.add_argument("--failures", action="store_true", help="list every failed case")
    args = ap.parse_args(argv)
    if args.child:
        _child(args.root, args.child, args.mutations)
        return 0
    results = tally(os.path.abspath(args.root), args.mutations)
    print(table(results))
    if args.failures:
        for kind, rows in results.items():
            for case, outcome, detail in rows:
                if outcome == "failed":
                    print(f"{kind} | {case} | {detail}")
    return 0


# ------------------------------------------------------------------ as a test
def test_nothing_in_the_hostile_corpus_fails_here(tmp_path):
    for kind in KINDS:
        rows = _run_cases(kind, 60, _fresh(tmp_path, kind), heavy=False)
        failed = [r for r in rows if r[1] == "failed"]
        assert not failed, f"{kind}: {failed[:5]}"
        assert any(r[1] == "refused" for r in rows), kind


def _fresh(tmp_path, kind: str) -> str:
    folder = tmp_path / re.sub(r"\W+", "_", kind)
    folder.mkdir()
    return str(folder)


if __name__ == "__main__":
    raise SystemExit(main())
