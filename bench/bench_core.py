"""Benchmark the core trainer (not a test): figures side by side with their anchors.

1. Experiment 2 (the chapter's 10 images, batch gd) in epochs per second *with*
   history recording, beside (a) a plain scalar-Python transcription of the
   chapter's loop and (b) a plain vectorised NumPy loop without history.
   Target: ≥ 100,000 epochs/s on one core.
2. A scaled case — 256 inputs, 10,000 samples, 8 kernels of size 9 — in ms per
   epoch, beside PyTorch CPU on the same network (float64, one thread) when
   torch is installed. Target: no slower than PyTorch.

Run: ``python bench/bench_core.py`` (or ``make bench``). Timings are medians of
repeats, measured in one process so the ratios are fair on a noisy machine.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core for both NumPy and PyTorch: a fair comparison

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core import Network, Trainer, chapter_dataset  # noqa: E402


def scalar_chapter_loop(X, y, epochs: int) -> list[float]:
    """The chapter's arithmetic in plain Python floats: per-image forward, backward, averaged update."""
    p = Network().get_params()
    k6, k7, k8, bc = p["K6"], p["K7"], p["K8"], p["b_conv"]
    l9, l10, l11, b12 = p["w9_12"], p["w10_12"], p["w11_12"], p["b12"]
    lr, n = 0.2, len(y)
    rows = [list(map(float, r)) for r in X]
    ys = list(map(float, y))
    hist = []
    for _ in range(epochs):
        hist.append((k6, k7, k8, bc, l9, l10, l11, b12))
        s = [0.0] * 8
        for (i1, i2, i3, i4, i5), t in zip(rows, ys, strict=True):
            c9 = 1 / (1 + math.exp(-(i1 * k6 + i2 * k7 + i3 * k8 + bc)))
            c10 = 1 / (1 + math.exp(-(i2 * k6 + i3 * k7 + i4 * k8 + bc)))
            c11 = 1 / (1 + math.exp(-(i3 * k6 + i4 * k7 + i5 * k8 + bc)))
            o12 = l9 * c9 + l10 * c10 + l11 * c11 + b12
            d12 = o12 - t
            d9 = c9 * (1 - c9) * l9 * d12
            d10 = c10 * (1 - c10) * l10 * d12
            d11 = c11 * (1 - c11) * l11 * d12
            s[0] += lr * (i1 * d9 + i2 * d10 + i3 * d11)
            s[1] += lr * (i2 * d9 + i3 * d10 + i4 * d11)
            s[2] += lr * (i3 * d9 + i4 * d10 + i5 * d11)
            s[3] += lr * (d9 + d10 + d11)
            s[4] += lr * c9 * d12
            s[5] += lr * c10 * d12
            s[6] += lr * c11 * d12
            s[7] += lr * d12
        k6 -= s[0] / n
        k7 -= s[1] / n
        k8 -= s[2] / n
        bc -= s[3] / n
        l9 -= s[4] / n
        l10 -= s[5] / n
        l11 -= s[6] / n
        b12 -= s[7] / n
    return [k6, k7, k8, bc, l9, l10, l11, b12]


def plain_numpy_loop(X, y, epochs: int) -> np.ndarray:
    """A straightforward vectorised NumPy loop over the batch, no history."""
    p = Network().get_params()
    K = np.array([p["K6"], p["K7"], p["K8"]])
    bc = p["b_conv"]
    L = np.array([p["w9_12"], p["w10_12"], p["w11_12"]])
    b12 = p["b12"]
    W = np.stack([X[:, j:j + 3] for j in range(3)], axis=1)  # (N, 3 positions, 3 taps)
    n = len(y)
    for _ in range(epochs):
        C = 1 / (1 + np.exp(-(W @ K + bc)))
        o = C @ L + b12
        d12 = o - y
        d = C * (1 - C) * L * d12[:, None]
        K = K - 0.2 * np.einsum("npk,np->k", W, d) / n
        bc = bc - 0.2 * d.sum() / n
        L = L - 0.2 * (C * d12[:, None]).sum(0) / n
        b12 = b12 - 0.2 * d12.sum() / n
    return K


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_experiment2(repeats: int = 5) -> list[str]:
    X, y = chapter_dataset()
    n_core, n_scalar, n_plain = 100_000, 10_000, 20_000

    def core_run():
        t = Trainer(Network(), X, y)
        t.run(n_core)
        assert t.history.n == n_core

    # Interleave the three so a busy moment on the shared machine hits them all alike.
    tc, ts, tp = [], [], []
    for _ in range(repeats):
        tc.append(_median_time(core_run, 1))
        ts.append(_median_time(lambda: scalar_chapter_loop(X, y, n_scalar), 1))
        tp.append(_median_time(lambda: plain_numpy_loop(X, y, n_plain), 1))
    t_core, t_scalar, t_plain = statistics.median(tc), statistics.median(ts), statistics.median(tp)
    core_eps = n_core / t_core
    scalar_eps = n_scalar / t_scalar
    plain_eps = n_plain / t_plain
    # The scalar loop is the chapter's arithmetic: check the core agrees with it.
    t = Trainer(Network(), X, y)
    t.run(1000)
    ref = scalar_chapter_loop(X, y, 1000)
    agree = float(np.max(np.abs(t.net.theta - np.array(
        [ref[0], ref[1], ref[2], ref[3], ref[4], ref[5], ref[6], ref[7]]))))
    return [
        "Experiment 2 (10 images, batch gd), epochs per second, median of "
        f"{repeats} runs:",
        f"  core Trainer.run, with history      {core_eps:>10,.0f} epochs/s   (target ≥ 100,000)",
        f"  scalar Python (chapter's loop)      {scalar_eps:>10,.0f} epochs/s   "
        f"core is {core_eps / scalar_eps:.1f}× faster",
        f"  plain vectorised NumPy, no history  {plain_eps:>10,.0f} epochs/s   "
        f"core is {core_eps / plain_eps:.2f}× faster",
        f"  core vs scalar loop after 1000 epochs: max |Δθ| = {agree:.1e}",
    ]


def _torch_ms_per_epoch(X, y, net: Network, epochs: int, check: bool = False):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    dt = torch.float64
    Xt = torch.tensor(X, dtype=dt).unsqueeze(1)  # (N, 1, n)
    yt = torch.tensor(y, dtype=dt)
    K, bc, W, bo = net.unpack()
    conv = torch.nn.Conv1d(1, net.n_kernels, net.kernel_size, stride=net.stride,
                           padding=net.padding, dtype=dt)
    dense = torch.nn.Linear(net.n_kernels * net.n_positions, 1, dtype=dt)
    with torch.no_grad():
        conv.weight.copy_(torch.tensor(K).unsqueeze(1))
        conv.bias.copy_(torch.tensor(bc))
        dense.weight.copy_(torch.tensor(W))
        dense.bias.copy_(torch.tensor(bo))
    opt = torch.optim.SGD(list(conv.parameters()) + list(dense.parameters()), lr=0.2)

    def epoch():
        opt.zero_grad()
        a = torch.sigmoid(conv(Xt)).flatten(1)  # (N, kernel, position) → kernel after kernel
        out = dense(a).squeeze(1)
        loss = 0.5 * ((out - yt) ** 2).mean()
        loss.backward()
        opt.step()
        return float(loss.detach())

    if check:  # the same network: PyTorch's parameters after a few epochs equal the core's
        for _ in range(3):
            epoch()
        with torch.no_grad():
            theta = np.concatenate([np.concatenate([conv.weight[:, 0].numpy(),
                                                    conv.bias.numpy()[:, None]], 1).ravel(),
                                    dense.weight.numpy().ravel(), dense.bias.numpy()])
        return theta
    epoch()
    t = _median_time(lambda: [epoch() for _ in range(epochs)], 3)
    return 1000 * t / epochs


def bench_scaled(epochs: int = 5) -> list[str]:
    rng = np.random.default_rng(0)
    N, n = 10_000, 256
    X = rng.normal(size=(N, n))
    y = rng.normal(size=N)
    net = Network(n_inputs=n, kernel_size=9, n_kernels=8, init="xavier", seed=1)
    torch_ms = _torch_ms_per_epoch(X, y, net.copy(), epochs)
    small = Network(n_inputs=n, kernel_size=9, n_kernels=8, init="xavier", seed=1)
    torch_theta = _torch_ms_per_epoch(X[:200], y[:200], small.copy(), 0, check=True)
    t = Trainer(net, X, y)
    t.run(1)
    core_ms = 1000 * _median_time(lambda: t.run(epochs), 3) / epochs
    lines = ["Scaled case (256 inputs, 10,000 samples, 8 kernels of size 9, batch gd), ms per epoch:",
             f"  core Trainer.run (float64, with history)   {core_ms:8.1f} ms"]
    if torch_ms is None:
        lines.append("  PyTorch CPU: not installed (pip install torch==2.13.0 to compare)")
    else:
        lines.append(f"  PyTorch CPU (float64, 1 thread)            {torch_ms:8.1f} ms   "
                     f"core/PyTorch time = {core_ms / torch_ms:.2f}")
        ts = Trainer(small, X[:200], y[:200])
        ts.run(3)
        lines.append("  same network, 200 samples, 3 epochs: max |θ_core − θ_torch| = "
                     f"{np.max(np.abs(ts.net.theta - torch_theta)):.1e}")
    return lines


def main() -> list[str]:
    lines = [f"threads: OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}"]
    lines += bench_experiment2()
    lines += bench_scaled()
    return lines


if __name__ == "__main__":
    for line in main():
        print(line)
