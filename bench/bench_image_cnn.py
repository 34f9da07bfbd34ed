"""Seconds per training epoch of core.image_cnn beside the same networks in PyTorch (CPU, float32).

    .venv/bin/python bench/bench_image_cnn.py [--rounds 7]

Two networks, 1437 training images, batch 32, Adam, one epoch = shuffle + every batch's
forward, backward and update (both sides also sum the loss and count correct answers):

* digits: ``conv:8:3:1:1,relu,maxpool:2,dense:10`` on the 8×8 digits (the training split);
* LeNet-like: ``conv:6:5:1:2,relu,maxpool:2,conv:16:5,relu,maxpool:2,dense:120,relu,dense:84,
  relu,dense:10`` on the same digits upscaled to 28×28 (nearest neighbour).

Rounds are interleaved (NumPy epoch, PyTorch epoch, NumPy, …) because shared machines are
noisy: read the per-round ratios. The comparison pins BLAS to one thread (threadpoolctl) and
PyTorch to one thread; the unpinned NumPy figure (BLAS's default threads, with the trainer's
own pinning switched off: ``blas_threads = None``) is reported too.
PyTorch is not a project dependency: without it the PyTorch column is skipped with a note.
It also prints the BLAS threads in effect INSIDE ``ImageTrainer.step_batches`` (the trainer
pins BLAS to one thread itself, as the app runs it).

Measured 2 Dec 2026, second half (2-CPU AMD EPYC, Zen 4, KVM; NumPy 2.4.6, OpenBLAS 0.3.31
"SkylakeX" kernels, PyTorch 2.13 CPU; BLAS 1 thread, torch 1 thread, 1 BLAS thread inside the
trainer too). The machine was SHARED with up to three other agents (load average 0.5 → 3 during
these runs), so wall times are inflated and noisy; the CPU-time ratio (this thread's CPU
seconds) is the steadier one. ``--rounds 7``, median (min–max) of the per-round ratios,
NumPy ÷ PyTorch, before (commit 20de0bf, load ≈ 0.5) and after (six runs of the fused code,
commits 2c72a0c–7e0a875, which differ by a bug fix and ≈ 1 %; load ≈ 2–3):

    network, NumPy dtype    before: wall, CPU time                after, six runs: wall; CPU time
    digits 8×8, float64     0.27× (0.21–0.31), 0.27× (0.21–0.31)  medians 0.16–0.23×; 0.18–0.23×
    digits 8×8, float32     0.24× (0.18–0.29), 0.24× (0.18–0.29)  medians 0.12–0.20×; 0.16–0.20×
    LeNet 28×28, float64    0.91× (0.85–1.21), 0.93× (0.80–1.06)  0.81× (0.74–0.89); 0.81× (0.76–0.87)
                                                                  0.88× (0.66–1.00); 0.86× (0.77–0.92)
                                                                  0.81× (0.65–1.14); 0.83× (0.73–1.00)
                                                                  0.92× (0.67–1.20); 0.76× (0.67–0.95)
                                                                  0.89× (0.77–0.96); 0.88× (0.77–0.98)
                                                                  0.68× (0.64–1.29); 0.77× (0.70–0.87)
    LeNet 28×28, float32    0.61× (0.38–0.75), 0.64× (0.58–0.70)  medians 0.40–0.52×; 0.43–0.51×

The old and new code side by side, interleaved epoch by epoch in separate processes with
PyTorch (CPU time per epoch, load ≈ 2–3): LeNet float64 new ÷ old 0.85× (0.72–1.06, 20 rounds;
medians 0.79–0.87× in three runs of 10–16 rounds), new ÷ PyTorch 0.78–0.89× where old ÷ PyTorch
was 0.92–1.14× in the same runs; digits float64 12.9 → 10.4 ms (0.26× → 0.23× PyTorch).
Unpinned (BLAS's 2 threads, the trainer's pinning off) the new code is not slower than the old
(1568 vs 2312 ms wall, 8 rounds, load ≈ 3.8): on this busy 2-core machine two BLAS threads make
a LeNet epoch 3–6× slower than one (the bench's unpinned column: 0.26–1.7 s by the load), which
is why the trainer pins BLAS.

What changed (core/image_cnn/fused.py): a conv, its relu and a 2×2 max pool run as one step —
the first conv, and any conv with K ≥ 5 — from a stride-2 im2col, a super-kernel product for
the four window positions at once, and the pool on contiguous blocks (the line "a training step
runs" above shows the plan). The default dtype stays float64.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.lines import Lines  # noqa: E402
from core.image_cnn import ImageCNN, ImageTrainer, digits, train_val_split  # noqa: E402

DIGITS_NET = "conv:8:3:1:1,relu,maxpool:2,dense:10"
LENET = "conv:6:5:1:2,relu,maxpool:2,conv:16:5,relu,maxpool:2,dense:120,relu,dense:84,relu,dense:10"

try:
    import threadpoolctl
except ImportError:  # pragma: no cover - the bench says so instead
    threadpoolctl = None
try:
    import torch
except ImportError:
    torch = None


def datasets() -> dict[str, tuple[tuple[int, int], str, np.ndarray, np.ndarray]]:
    X, y = digits()
    X_tr, y_tr, _, _ = train_val_split(X, y)
    up = (np.arange(28) * 8) // 28  # nearest-neighbour 8 → 28
    X28 = X_tr[:, up][:, :, up]
    return {"digits 8×8": ((8, 8), DIGITS_NET, X_tr, y_tr), "LeNet 28×28": ((28, 28), LENET, X28, y_tr)}


# ------------------------------------------------------------------ PyTorch, the same networks
def torch_net(shape: tuple[int, int], layers: str):
    nn = torch.nn
    mods, c, flat = [], 1, False
    h, w = shape
    for text in layers.split(","):
        kind, *nums = text.split(":")
        v = [int(n) for n in nums]
        if kind == "conv":
            n, k = v[0], v[1]
            s = v[2] if len(v) > 2 else 1
            p = v[3] if len(v) > 3 else 0
            mods.append(nn.Conv2d(c, n, k, stride=s, padding=p))
            c, h, w = n, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
        elif kind == "maxpool":
            mods.append(nn.MaxPool2d(v[0]))
            h, w = h // v[0], w // v[0]
        elif kind == "relu":
            mods.append(nn.ReLU())
        elif kind == "dense":
            if not flat:
                mods.append(nn.Flatten())
                c, flat = c * h * w, True
            mods.append(nn.Linear(c, v[0]))
            c = v[0]
    return nn.Sequential(*mods)


class TorchRun:
    def __init__(self, shape, layers, X, y):
        torch.manual_seed(0)
        self.net = torch_net(shape, layers)
        self.X = torch.tensor(X.transpose(0, 3, 1, 2), dtype=torch.float32).contiguous()
        self.y = torch.tensor(y, dtype=torch.int64)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=1e-3)

    def epoch(self) -> None:
        perm = torch.randperm(len(self.y))
        loss_sum, correct = 0.0, 0
        for a in range(0, len(self.y), 32):
            idx = perm[a:a + 32]
            xb, yb = self.X[idx], self.y[idx]
            self.opt.zero_grad()
            out = self.net(xb)
            loss = torch.nn.functional.cross_entropy(out, yb)
            loss.backward()
            self.opt.step()
            loss_sum += loss.item() * len(yb)
            correct += int((out.argmax(1) == yb).sum())


def numpy_trainer(shape, layers, X, y, dtype: str = "float64") -> ImageTrainer:
    model = ImageCNN(shape, layers, seed=0, dtype=dtype)
    return ImageTrainer(model, X, y, optimizer="adam", lr=1e-3, batch_size=32)


def _run1(trainer: ImageTrainer) -> None:
    trainer.run(1)


ImageTrainer.run1 = _run1  # a bound callable for timed()


def timed(fn) -> tuple[float, float]:
    """(wall seconds, this thread's CPU seconds). Pinned to one thread, all the work runs on
    the calling thread, so CPU time leaves out the time a busy machine took the core away."""
    w0, c0 = time.perf_counter(), time.thread_time()
    fn()
    return time.perf_counter() - w0, time.thread_time() - c0


def blas_limits(n: int | None):
    """A context that pins BLAS/OpenMP pools to n threads (None: leave them alone)."""
    if n is None or threadpoolctl is None:
        import contextlib

        return contextlib.nullcontext()
    return threadpoolctl.threadpool_limits(limits=n)


def thread_report() -> str:
    if threadpoolctl is None:
        return "threadpoolctl not installed: BLAS threads unknown and NOT pinned"
    rows = []
    for info in threadpoolctl.threadpool_info():
        rows.append(f"{info.get('internal_api')} {info.get('version')} ({info.get('user_api')}): "
                    f"{info.get('num_threads')} threads — {Path(info.get('filepath', '?')).name}")
    return "\n    ".join(rows) or "no BLAS/OpenMP pools found"


def trainer_thread_report() -> str:
    """The BLAS threads in effect WHILE the trainer computes a batch (it pins them itself)."""
    if threadpoolctl is None:
        return "threadpoolctl not installed: the trainer cannot pin BLAS"
    shape, layers, X, y = datasets()["digits 8×8"]
    trainer = numpy_trainer(shape, layers, X[:64], y[:64])
    seen = []
    inner = trainer.model.loss_grad_internal

    def spy(*args, **kw):
        seen.append(sorted({info["num_threads"] for info in threadpoolctl.threadpool_info()
                            if info.get("user_api") == "blas"}))
        return inner(*args, **kw)

    trainer.model.loss_grad_internal = spy
    trainer.step_batches(1)
    return f"BLAS threads during a step: {seen[0] if seen else '?'} (blas_threads = {trainer.blas_threads})"


def fmt(values: list[float], scale: float = 1e3, unit: str = "ms") -> str:
    return (f"{statistics.median(values) * scale:7.1f} {unit} "
            f"({min(values) * scale:.1f}–{max(values) * scale:.1f})")


def main(argv: list[str] | None = None, echo: bool = False) -> list[str]:
    """The figures as lines (printed as they come when ``echo``); ``run_all.py`` calls it bare."""
    lines = Lines(echo)
    say = lines.say

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7, help="interleaved rounds per network (default 7)")
    args = ap.parse_args([] if argv is None else argv)
    say(f"core.image_cnn bench — {os.cpu_count()} CPUs, NumPy {np.__version__}, "
          f"PyTorch {torch.__version__ + ' (float32)' if torch else 'not installed'}")
    if torch is None:
        say("note: PyTorch is not installed, so its column is skipped "
              "(pip install torch to compare; it is not a project dependency)")
    else:
        default_torch_threads = torch.get_num_threads()
        torch.set_num_threads(1)
    say("BLAS / OpenMP at start (unpinned):\n    " + thread_report())
    with blas_limits(1):
        say("BLAS / OpenMP while pinned:\n    " + thread_report()
              + (f"\n    torch.get_num_threads() = {torch.get_num_threads()} "
                 f"(default {default_torch_threads})" if torch else ""))
    say("BLAS inside ImageTrainer.step_batches (no outer pinning, as the app runs it):\n    "
          + trainer_thread_report())
    dtypes = ("float64", "float32")
    rows = []
    for label, (shape, layers, X, y) in datasets().items():
        ours = {d: numpy_trainer(shape, layers, X, y, d) for d in dtypes}
        say(f"{label}: a training step runs " + plan_text(ours["float64"].model))
        ref = TorchRun(shape, layers, X, y) if torch else None
        pinned = {d: [] for d in dtypes}
        theirs = []
        with blas_limits(1):
            for t in ours.values():  # warm-up: scratch buffers, BLAS start-up
                t.run(1)
            if ref:
                ref.epoch()
            for r in range(args.rounds):  # interleaved: float64, PyTorch, float32 (reversed every other)
                order = dtypes if r % 2 == 0 else dtypes[::-1]
                pinned[order[0]].append(timed(ours[order[0]].run1))
                if ref:
                    theirs.append(timed(ref.epoch))
                pinned[order[1]].append(timed(ours[order[1]].run1))
        unpinned = {d: [] for d in dtypes}
        for t in ours.values():
            t.blas_threads = None  # the trainer pins BLAS itself by default; here it must not
        for _ in range(args.rounds):
            for d in dtypes:
                unpinned[d].append(timed(ours[d].run1)[0])
        for d in dtypes:
            rows.append((f"{label}, {d}", pinned[d], unpinned[d], theirs))
    say()
    say(f"seconds per epoch (1437 images, batch 32, Adam): median (min–max) of {args.rounds} interleaved "
          f"rounds; ratios per round, NumPy ÷ PyTorch")
    head = (f"{'network, NumPy dtype':<24} {'NumPy, BLAS 1 thread':<23} {'PyTorch f32, 1 thread':<23} "
            f"{'ratio, wall':<19} {'ratio, CPU time':<19} {'NumPy, BLAS unpinned':<22}")
    say(head)
    say("-" * len(head))
    for label, pinned_t, unpinned_t, theirs_t in rows:
        wall = [a[0] for a in pinned_t]
        pt = fmt([b[0] for b in theirs_t]) if theirs_t else "skipped (no PyTorch)"
        pairs = list(zip(pinned_t, theirs_t, strict=True)) if theirs_t else []
        ratios = ratio_text([a[0] / b[0] for a, b in pairs])
        cpu = ratio_text([a[1] / b[1] for a, b in pairs])
        say(f"{label:<24} {fmt(wall):<23} {pt:<23} {ratios:<19} {cpu:<19} {fmt(unpinned_t):<22}")
    for label, pinned_t, _, theirs_t in rows:
        if theirs_t:
            say(f"per-round wall ratios, {label}: "
                  + " ".join(f"{a[0] / b[0]:.2f}" for a, b in zip(pinned_t, theirs_t, strict=True)))
    say("goal: digits ≤ 0.5× PyTorch; LeNet ≤ 1.0×. Both dtypes of a network share the PyTorch rounds.")
    return list(lines)


def plan_text(model: ImageCNN) -> str:
    """The steps of the model's fast pass, e.g. 'conv:6:5:1:2+relu+maxpool:2 (fused), …'."""
    return ", ".join("+".join(model.layers[i] for i in indices) + (" (fused)" if len(indices) > 1 else "")
                     for indices, _ in model._plan)


def ratio_text(ratios: list[float]) -> str:
    if not ratios:
        return "—"
    return f"{statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})"


if __name__ == "__main__":
    main(sys.argv[1:], echo=True)
