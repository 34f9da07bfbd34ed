"""Benchmark the core trainer (not a test): ratios to honest anchors, interleaved in one process.

Every comparison runs its contenders one after the other in each round (the order rotating),
and the ratio is taken inside the round, so a busy moment on a shared machine hits all of them
alike; the table prints the median ratio and its min–max over the rounds. BLAS and OpenMP are
pinned to one thread for the whole process with threadpoolctl (environment variables are read
only when a library loads, so they are not enough), and the pools actually loaded are printed.

1. Experiment 2 (the chapter's 10 images, batch gd), epochs per second, the core *with* its
   history against: a tidy scalar Python loop of the same arithmetic; a minimal in-place NumPy
   loop (preallocated buffers, no history — the NumPy ceiling at this size); PyTorch float64
   and float32. Goal: ≥ 1.0× the minimal NumPy loop. Dec 2, fourth session (quiet AVX-512 host),
   three runs alternated with the previous code: 1.02×, 1.02×, 1.05× (before 0.99×, 0.97×,
   0.98×): each epoch keeps its step and a block's parameter rows are rebuilt by one
   ``subtract.accumulate`` (no copy of θ per epoch), in blocks of up to 256 epochs.
2. Stop conditions at the chapter's size: ``run(loss_below=…)`` and a ``StopConditions``
   callback against a plain ``run`` (they used to cost 2× and 2.8×), and the cost of the BLAS
   pinning per ``run()`` call.
3. The scaled case — 256 inputs, 10,000 samples, 8 kernels of size 9 — ms per epoch against
   PyTorch float64 and float32 on the same network (and the parameters agree after 3 epochs).

Run: ``python bench/bench_core.py`` (or ``make bench``). PyTorch is not a dependency: without it
the torch columns are skipped with a note (``pip install torch`` into the venv to compare).
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

from core import Network, Trainer, chapter_dataset  # noqa: E402
from core.chapter.stops import StopConditions  # noqa: E402

ROUNDS = 7


def _torch():
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    return torch


def threads_line() -> str:
    parts = [f"{i['internal_api']} ({i['user_api']}): {i['num_threads']}" for i in threadpool_info()]
    return "thread pools in effect: " + ("; ".join(parts) or "none")


# --------------------------------------------------------------------------- anchors
def scalar_loop(X, y, epochs: int) -> list[float]:
    """The chapter's arithmetic in plain Python floats, written tidily (locals, one step factor)."""
    p = Network().get_params()
    k6, k7, k8, bc = p["K6"], p["K7"], p["K8"], p["b_conv"]
    l9, l10, l11, b12 = p["w9_12"], p["w10_12"], p["w11_12"], p["b12"]
    rows = [(*map(float, r), float(t)) for r, t in zip(X, y, strict=True)]
    step = 0.2 / len(rows)
    exp = math.exp
    for _ in range(epochs):
        g6 = g7 = g8 = gb = g9 = g10 = g11 = g12 = 0.0
        for i1, i2, i3, i4, i5, t in rows:
            c9 = 1.0 / (1.0 + exp(-(i1 * k6 + i2 * k7 + i3 * k8 + bc)))
            c10 = 1.0 / (1.0 + exp(-(i2 * k6 + i3 * k7 + i4 * k8 + bc)))
            c11 = 1.0 / (1.0 + exp(-(i3 * k6 + i4 * k7 + i5 * k8 + bc)))
            d12 = l9 * c9 + l10 * c10 + l11 * c11 + b12 - t
            d9 = c9 * (1.0 - c9) * l9 * d12
            d10 = c10 * (1.0 - c10) * l10 * d12
            d11 = c11 * (1.0 - c11) * l11 * d12
            g6 += i1 * d9 + i2 * d10 + i3 * d11
            g7 += i2 * d9 + i3 * d10 + i4 * d11
            g8 += i3 * d9 + i4 * d10 + i5 * d11
            gb += d9 + d10 + d11
            g9 += c9 * d12
            g10 += c10 * d12
            g11 += c11 * d12
            g12 += d12
        k6 -= step * g6
        k7 -= step * g7
        k8 -= step * g8
        bc -= step * gb
        l9 -= step * g9
        l10 -= step * g10
        l11 -= step * g11
        b12 -= step * g12
    return [k6, k7, k8, bc, l9, l10, l11, b12]


def numpy_loop(X, y, epochs: int) -> np.ndarray:
    """A minimal in-place NumPy loop: buffers made once, ``out=`` everywhere, no history."""
    theta = Network().theta.copy()  # K6 K7 K8 b_conv λ9 λ10 λ11 b12
    N = len(y)
    win = np.ones((N * 3, 4))
    win[:, :3] = np.stack([X[:, j: j + 3] for j in range(3)], axis=1).reshape(N * 3, 3)
    neg = -win
    conv, dense = theta[:4].reshape(4, 1), theta[4:].reshape(4, 1)
    Z = np.empty((N * 3, 1))
    A1 = np.ones((N, 4))
    A = A1[:, :3]
    Y, T, D = np.empty((N, 1)), np.empty((N, 3)), np.empty((N, 3))
    G = np.empty(8)
    Gc, Gd = G[:4].reshape(1, 4), G[4:].reshape(1, 4)
    yv, lam = y.reshape(N, 1), theta[4:7].reshape(1, 3)
    DT = D.reshape(1, N * 3)
    scale = np.full(8, 0.2 / N)
    for _ in range(epochs):
        np.dot(neg, conv, Z)
        np.exp(Z.reshape(N, 3), A)
        A += 1.0
        np.reciprocal(A, A)
        np.dot(A1, dense, Y)
        Y -= yv
        np.dot(Y.T, A1, Gd)
        np.multiply(Y, lam, D)
        np.subtract(1.0, A, T)
        T *= A
        D *= T
        np.dot(DT, win, Gc)
        G *= scale
        theta -= G
    return theta


class TorchNet:
    """The same network in PyTorch (``Conv1d`` → sigmoid → ``Linear``, ½·MSE, SGD), one thread."""

    def __init__(self, torch, X, y, net: Network, dtype, lr: float = 0.2) -> None:
        self.torch = torch
        self.X = torch.tensor(X, dtype=dtype).unsqueeze(1)
        self.y = torch.tensor(y, dtype=dtype)
        K, bc, W, bo = net.unpack()
        self.conv = torch.nn.Conv1d(1, net.n_kernels, net.kernel_size, dtype=dtype)
        self.dense = torch.nn.Linear(net.n_kernels * net.n_positions, 1, dtype=dtype)
        with torch.no_grad():
            self.conv.weight.copy_(torch.tensor(K).unsqueeze(1))
            self.conv.bias.copy_(torch.tensor(bc))
            self.dense.weight.copy_(torch.tensor(W))
            self.dense.bias.copy_(torch.tensor(bo))
        self.opt = torch.optim.SGD([*self.conv.parameters(), *self.dense.parameters()], lr=lr)

    def run(self, epochs: int) -> None:
        for _ in range(epochs):
            self.opt.zero_grad()
            a = self.torch.sigmoid(self.conv(self.X)).flatten(1)  # kernel after kernel
            loss = 0.5 * ((self.dense(a).squeeze(1) - self.y) ** 2).mean()
            loss.backward()
            self.opt.step()

    def theta(self) -> np.ndarray:
        with self.torch.no_grad():
            conv = np.concatenate([self.conv.weight[:, 0].double().numpy(),
                                   self.conv.bias.double().numpy()[:, None]], 1).ravel()
            return np.concatenate([conv, self.dense.weight.double().numpy().ravel(),
                                   self.dense.bias.double().numpy()])


# --------------------------------------------------------------------------- interleaving
def interleave(contenders: dict, rounds: int = ROUNDS) -> dict[str, list[float]]:
    """Seconds per call of each contender, per round (order rotating each round)."""
    names = list(contenders)
    times: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[: r % len(names)]
        for name in order:
            t0 = time.perf_counter()
            contenders[name]()
            times[name].append(time.perf_counter() - t0)
    return times


def ratio_text(times: dict[str, list[float]], base: str, other: str, per: tuple[float, float]) -> str:
    """base's speed over other's, per round: (other time / other units) / (base time / base units)."""
    r = [(o / per[1]) / (b / per[0]) for b, o in zip(times[base], times[other], strict=True)]
    return f"{statistics.median(r):7.2f}× [{min(r):.2f}–{max(r):.2f}]"


# --------------------------------------------------------------------------- the benchmarks
def bench_experiment2() -> list[str]:
    X, y = chapter_dataset()
    torch = _torch()
    epochs = {"core": 50_000, "numpy": 50_000, "scalar": 2_000, "torch64": 300, "torch32": 300}

    def core():
        Trainer(Network(), X, y).run(epochs["core"])

    c = {"core": core, "numpy": lambda: numpy_loop(X, y, epochs["numpy"]),
         "scalar": lambda: scalar_loop(X, y, epochs["scalar"])}
    if torch is not None:
        t64 = TorchNet(torch, X, y, Network(), torch.float64)
        t32 = TorchNet(torch, X, y, Network(), torch.float32)
        c["torch64"] = lambda: t64.run(epochs["torch64"])
        c["torch32"] = lambda: t32.run(epochs["torch32"])
    times = interleave(c)
    rate = epochs["core"] / statistics.median(times["core"])
    lines = [f"Experiment 2 (10 images, batch gd): core {rate:,.0f} epochs/s with history; "
             f"its speed relative to each anchor, median [min–max] of {ROUNDS} rounds:"]
    labels = {"numpy": "minimal in-place NumPy loop, no history (goal ≥ 1.0)",
              "scalar": "tidy scalar Python loop, no history",
              "torch64": "PyTorch float64, 1 thread", "torch32": "PyTorch float32, 1 thread"}
    for key, label in labels.items():
        if key in times:
            lines.append(f"  vs {label:52s} {ratio_text(times, 'core', key, (epochs['core'], epochs[key]))}")
    if torch is None:
        lines.append("  PyTorch: not installed — torch columns skipped (pip install torch to compare)")
    t = Trainer(Network(), X, y)
    t.run(1000)
    agree = float(np.max(np.abs(t.net.theta - np.array(scalar_loop(X, y, 1000)))))
    agree_np = float(np.max(np.abs(t.net.theta - numpy_loop(X, y, 1000))))
    lines.append(f"  after 1000 epochs max |θ_core − θ_scalar| = {agree:.1e}, "
                 f"|θ_core − θ_numpy| = {agree_np:.1e}")
    return lines


def bench_stops() -> list[str]:
    X, y = chapter_dataset()
    n = 50_000

    def plain():
        Trainer(Network(), X, y).run(n)

    def loss_below():
        Trainer(Network(), X, y).run(n, loss_below=1e-12)  # never fires: every epoch checked

    def callback():
        Trainer(Network(), X, y).run(n, callback=StopConditions(loss_below=1e-12, weight="b12",
                                                                weight_value=5.0))

    times = interleave({"plain": plain, "loss_below": loss_below, "callback": callback})
    lines = [f"Stop conditions, experiment 2, {n:,} epochs: time relative to a plain run (1.00 = free):"]
    for key in ("loss_below", "callback"):
        r = [o / b for b, o in zip(times["plain"], times[key], strict=True)]
        lines.append(f"  run({key}=…){'':18s} {statistics.median(r):6.2f}× [{min(r):.2f}–{max(r):.2f}]")
    try:
        from core.chapter.checkpoints import blas_one_thread
    except ImportError:  # an older core, without its own pinning
        from contextlib import nullcontext as blas_one_thread

    k = 20_000
    t0 = time.perf_counter()
    for _ in range(k):
        with blas_one_thread():
            pass
    pin = (time.perf_counter() - t0) / k
    t0 = time.perf_counter()
    for _ in range(200):
        with threadpool_limits(1, "blas"):
            pass
    tpl = (time.perf_counter() - t0) / 200
    t = Trainer(Network(), X, y)
    t.run(10)
    t0 = time.perf_counter()
    for _ in range(k):
        t.run(1)
    one = (time.perf_counter() - t0) / k
    lines.append(f"  BLAS pinning per run() call: {pin * 1e6:.1f} µs (threadpoolctl.threadpool_limits: "
                 f"{tpl * 1e6:.0f} µs); the chapter's size pins nothing — run(1) takes {one * 1e6:.1f} µs")
    return lines


def bench_scaled(epochs: int = 3) -> list[str]:
    rng = np.random.default_rng(0)
    N, n = 10_000, 256
    X = rng.normal(size=(N, n))
    y = rng.normal(size=N)
    net = Network(n_inputs=n, kernel_size=9, n_kernels=8, init="xavier", seed=1)
    t = Trainer(net.copy(), X, y)
    t.run(1)
    c = {"core": lambda: t.run(epochs)}
    torch = _torch()
    if torch is not None:
        t64 = TorchNet(torch, X, y, net, torch.float64)
        t32 = TorchNet(torch, X, y, net, torch.float32)
        t64.run(1)
        t32.run(1)
        c["torch64"] = lambda: t64.run(epochs)
        c["torch32"] = lambda: t32.run(epochs)
    times = interleave(c, rounds=5)
    ms = 1000 * statistics.median(times["core"]) / epochs
    lines = [f"Scaled case (256 inputs, 10,000 samples, 8 kernels of size 9, batch gd): core {ms:.1f} ms "
             "an epoch with history; its speed relative to each anchor, median [min–max] of 5 rounds:"]
    if torch is None:
        lines.append("  PyTorch: not installed — torch columns skipped (pip install torch to compare)")
        return lines
    for key, label in (("torch64", "PyTorch float64, 1 thread"), ("torch32", "PyTorch float32, 1 thread")):
        lines.append(f"  vs {label:52s} {ratio_text(times, 'core', key, (epochs, epochs))}")
    small = Trainer(net.copy(), X[:200], y[:200])
    small.run(3)
    ref = TorchNet(torch, X[:200], y[:200], net, torch.float64)
    ref.run(3)
    lines.append("  same network, 200 samples, 3 epochs: max |θ_core − θ_torch64| = "
                 f"{np.max(np.abs(small.net.theta - ref.theta())):.1e}")
    return lines


def main() -> list[str]:
    with threadpool_limits(1):
        _torch()
        lines = [threads_line()]
        lines += bench_experiment2()
        lines += bench_stops()
        lines += bench_scaled()
        lines.append(threads_line() + " (after)")
    return lines


if __name__ == "__main__":
    for line in main():
        print(line, flush=True)
