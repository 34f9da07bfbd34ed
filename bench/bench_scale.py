"""The 1D trainer at scale, beside PyTorch (not a test): a 48-shape grid, interleaved rounds.

Shapes: samples 10, 100, 1000, 10000 × inputs 5, 32, 256, 1024 × kernels 1, 4, 8 (kernel size 3,
stride 1, no padding, sigmoid, one linear output, batch gradient descent): 4 × 4 × 3 = 48. The
kernel counts are the window's range (1–4) and the scaled case's 8; kernel size 3 is the chapter's.

Contenders, each timed for a whole epoch (forward, backward, update):

* core — ``Trainer.run`` as the app runs it: its own thread settings (nothing pinned here; the
  trainer pins BLAS itself where that is faster), recording its history as in the window;
* PyTorch float64 and float32 on one thread (``torch.set_num_threads(1)``), the same network
  (``Conv1d`` → sigmoid → ``Linear``, ½·mean squared error, ``torch.optim.SGD``), no history.

Each shape is measured in ``ROUNDS`` rounds; in every round the three run one after the other
(the order rotates), each for about ``TARGET_S`` seconds, and the ratio is taken inside the round,
so a busy moment on the shared machine hits all of them alike. The table prints the median ratio
and its min–max over the rounds: ``t64/core`` ≥ 1 means the core is at least as fast as PyTorch
float64; ``t32/core`` ≥ 0.67 means within 1.5× of float32.

Measured Dec 2, third session, on a quiet host with AVX-512 and a 2 MiB L2 (5 rounds, PyTorch
2.13): worst t64/core 0.97 (0.86–1.00) at 100 × 1024 × 4, worst t32/core 1.03; with tiles sized to
the L2, 0.95 (0.87–1.02) there; with the clipped sigmoid of a sweep that can saturate
(core/chapter/sweep.py), 1.51 (1.38–1.59) there and the worst shape 1.17 (1.14–1.20) at
100 × 1024 × 1, t32 1.15 at 1000 × 256 × 8. That shape was slow because its network diverges at
the first epoch at η = 0.05 (|z| in the thousands, every unit dead), where NumPy's exp overflows
and leaves its vector loop; PyTorch's does not. The shapes trained as given: some diverge, as a
learner's would.

Run: ``python bench/bench_scale.py [--quick] [--rounds R] [--shapes N×n×nk,…]``. Without PyTorch installed the
torch columns are skipped with a note (``pip install torch`` into the venv to compare; PyTorch is
not a dependency of the app).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from core import Network, Trainer  # noqa: E402

SAMPLES = (10, 100, 1000, 10000)
INPUTS = (5, 32, 256, 1024)
KERNELS = (1, 4, 8)
KERNEL_SIZE = 3
ROUNDS = 5
TARGET_S = 0.04


def threads_line() -> str:
    """The BLAS/OpenMP pools loaded in this process and their thread counts (threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed: thread settings unknown"
    parts = [f"{i['internal_api']} {i.get('version') or ''} ({i['user_api']}): {i['num_threads']} thread(s)"
             for i in threadpool_info()]
    return "thread pools: " + ("; ".join(parts) or "none loaded")


def make_problem(N: int, n: int, nk: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(N, n))
    y = rng.uniform(-1, 1, size=N)
    net = Network(n_inputs=n, kernel_size=KERNEL_SIZE, n_kernels=nk, init="xavier", seed=seed + 1)
    return X, y, net


class CoreRunner:
    """``Trainer.run(k)`` on a trainer built once (its history grows as in the window)."""

    name = "core"

    def __init__(self, X, y, net: Network, lr: float) -> None:
        self.trainer = Trainer(net.copy(), X, y, lr=lr)
        self.trainer.run(1)

    def __call__(self, k: int) -> None:
        t = self.trainer
        if t.epoch + k > 90_000:  # stay inside the every-epoch history (the fused loop's home ground)
            t.reset()
        t.run(k)


class TorchRunner:
    """The same network in PyTorch (one thread), ``k`` plain SGD epochs per call."""

    def __init__(self, X, y, net: Network, lr: float, dtype_name: str) -> None:
        import torch

        torch.set_num_threads(1)
        dt = getattr(torch, dtype_name)
        self.name = f"torch {dtype_name}"
        self.torch = torch
        self.X = torch.tensor(X, dtype=dt).unsqueeze(1)
        self.y = torch.tensor(y, dtype=dt)
        K, bc, W, bo = net.unpack()
        self.conv = torch.nn.Conv1d(1, net.n_kernels, net.kernel_size, dtype=dt)
        self.dense = torch.nn.Linear(net.n_kernels * net.n_positions, 1, dtype=dt)
        with torch.no_grad():
            self.conv.weight.copy_(torch.tensor(K).unsqueeze(1))
            self.conv.bias.copy_(torch.tensor(bc))
            self.dense.weight.copy_(torch.tensor(W))
            self.dense.bias.copy_(torch.tensor(bo))
        self.opt = torch.optim.SGD([*self.conv.parameters(), *self.dense.parameters()], lr=lr)
        self(1)

    def epoch(self) -> None:
        self.opt.zero_grad()
        a = self.torch.sigmoid(self.conv(self.X)).flatten(1)
        out = self.dense(a).squeeze(1)
        loss = 0.5 * ((out - self.y) ** 2).mean()
        loss.backward()
        self.opt.step()

    def __call__(self, k: int) -> None:
        for _ in range(k):
            self.epoch()


def _time(fn, k: int) -> float:
    t0 = time.perf_counter()
    fn(k)
    return (time.perf_counter() - t0) / k


def _calibrate(fn, target: float) -> int:
    """Epochs per timed call so one call takes about ``target`` seconds."""
    k = 1
    while True:
        dt = _time(fn, k) * k
        if dt >= target / 4 or k >= 1 << 20:
            return max(1, int(k * target / max(dt, 1e-9)))
        k *= 4


def measure_shape(N: int, n: int, nk: int, rounds: int, target: float, with_torch: bool) -> dict:
    X, y, net = make_problem(N, n, nk)
    lr = 0.05
    runners = [CoreRunner(X, y, net, lr)]
    if with_torch:
        runners += [TorchRunner(X, y, net, lr, "float64"), TorchRunner(X, y, net, lr, "float32")]
    ks = [_calibrate(r, target) for r in runners]
    per_round: list[list[float]] = []
    for rnd in range(rounds):
        order = list(range(len(runners)))
        order = order[rnd % len(order):] + order[: rnd % len(order)]
        times = [0.0] * len(runners)
        for i in order:
            times[i] = _time(runners[i], ks[i])
        per_round.append(times)
    core = [r[0] for r in per_round]
    out = {"shape": (N, n, nk), "core_ms": 1000 * statistics.median(core)}
    for j, key in ((1, "t64"), (2, "t32")):
        if with_torch:
            ratios = [r[j] / r[0] for r in per_round]  # torch time / core time: > 1, core faster
            out[key] = (statistics.median(ratios), min(ratios), max(ratios))
            out[key + "_ms"] = 1000 * statistics.median(r[j] for r in per_round)
    return out


def _parse_shapes(text: str) -> list[tuple[int, int, int]]:
    shapes = []
    for part in text.split(","):
        N, n, nk = (int(v) for v in part.lower().replace("×", "x").split("x"))
        shapes.append((N, n, nk))
    return shapes


def main(argv: list[str] | None = None, echo: bool = False) -> list[str]:
    """The table's lines (printed as they come when ``echo``); ``run_all.py`` calls it with no arguments."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 rounds of ~20 ms (a rough look)")
    ap.add_argument("--shapes", help="only these shapes, e.g. 1000x256x8,10x5x1")
    ap.add_argument("--rounds", type=int, help=f"interleaved rounds per shape (default {ROUNDS})")
    args = ap.parse_args([] if argv is None else argv)
    rounds, target = (3, 0.02) if args.quick else (ROUNDS, TARGET_S)
    rounds = args.rounds or rounds
    shapes = _parse_shapes(args.shapes) if args.shapes else list(itertools.product(SAMPLES, INPUTS, KERNELS))
    try:
        import torch

        with_torch = True
        torch_line = f"PyTorch {torch.__version__}, torch.set_num_threads(1)"
    except ImportError:
        with_torch = False
        torch_line = "PyTorch not installed: torch columns skipped (pip install torch to compare)"
    lines = [threads_line(), torch_line,
             f"{len(shapes)} shapes, kernel size {KERNEL_SIZE}, batch gd; {rounds} interleaved rounds of "
             f"~{target * 1000:.0f} ms each; ratio = torch time / core time (median [min–max])",
             f"{'N×inputs×kernels':>18} {'core ms':>9} {'t64 ms':>9} {'t64/core':>20} {'t32 ms':>9} "
             f"{'t32/core':>20}"]
    if echo:
        print("\n".join(lines), flush=True)
    worst64 = worst32 = None
    for N, n, nk in shapes:
        r = measure_shape(N, n, nk, rounds, target, with_torch)
        row = f"{f'{N}×{n}×{nk}':>18} {r['core_ms']:9.3f}"
        if with_torch:
            for key in ("t64", "t32"):
                med, lo, hi = r[key]
                row += f" {r[key + '_ms']:9.3f} {f'{med:.2f} [{lo:.2f}–{hi:.2f}]':>20}"
            if worst64 is None or r["t64"][0] < worst64[0]:
                worst64 = (r["t64"][0], (N, n, nk))
            if worst32 is None or r["t32"][0] < worst32[0]:
                worst32 = (r["t32"][0], (N, n, nk))
        lines.append(row)
        if echo:
            print(row, flush=True)
    if with_torch:
        lines.append(f"worst t64/core {worst64[0]:.2f} at {worst64[1]} (goal ≥ 1.00); "
                     f"worst t32/core {worst32[0]:.2f} at {worst32[1]} (goal ≥ 0.67)")
    lines.append(threads_line() + " (after the runs)")
    if echo:
        print("\n".join(lines[-2:]), flush=True)
    return lines


if __name__ == "__main__":
    main(sys.argv[1:], echo=True)
