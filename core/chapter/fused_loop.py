"""The trainer's hot loops: the chapter's batch mode, and its own configuration fused.

``run_batch`` is one forward/backward/update per epoch on ``BatchPass`` buffers (any shape,
optimiser or dropout in batch mode); ``run_fused`` writes the chapter's configuration out as
in-place NumPy calls on views prepared once. Both work on a ``core.chapter.trainer.Trainer``
(passed as ``t``) and give bit-identical results to ``Trainer.step_sample``'s readable path.
"""

from __future__ import annotations

import math
import time

import numpy as np


def run_batch(t, n: int, loss_below: float | None, deadline: float | None) -> int:
    """The hot loop of the chapter's batch mode: one forward/backward/update per epoch."""
    ws, theta, opt, hist, prev = t._ws_all, t.net.theta, t.opt, t.history, t._prev
    N = t.N
    forward, loss_sum, backward, step = ws.forward, ws.loss_sum, ws.backward, opt.step
    softmax = t.net.output == "softmax"
    if softmax:
        rows = np.arange(N)
        labels = t.y.astype(int)
    perf = time.perf_counter
    decay = t.lr_decay != 1.0
    isfinite = math.isfinite
    ran = 0
    while ran < n:
        e = t.epoch + 1
        t._epoch_mask = mask = t._draw_mask()
        Y = forward(theta, mask)
        ls = loss_sum()
        if not isfinite(ls) or not isfinite(Y.sum()):
            t._diverge("the loss became infinite or not a number")
            break
        preds = Y[rows, labels] if softmax else Y[:, 0]
        hist.record(e, theta, preds, ls / N)
        backward(theta)
        np.copyto(prev, theta)
        if decay:
            opt.lr = t.lr0 * t.lr_decay ** t.epoch
        step(theta, ws.G, N)
        t.epoch = e
        ran += 1
        if not isfinite(theta.sum()):
            theta[:] = prev
            t.epoch -= 1
            hist.truncate(hist.n - 1)
            t._diverge("a weight became infinite or not a number")
            ran -= 1
            break
        if loss_below is not None and ls / N < loss_below:
            t._stop_loss(loss_below)
            break
        if deadline is not None and (ran & 15) == 0 and perf() > deadline:
            break
    if ran:
        t._last_delta = theta - prev
        t._update_last()
    return ran

def fused_ok(t) -> bool:
    """Whether ``run_fused`` can run this configuration (the chapter's: batch gd, one sigmoid kernel)."""
    net = t.net
    return (
        t.mode == "batch"
        and t.optimizer_name == "gd"
        and t.dropout == 0.0
        and net.n_kernels == 1
        and net.output == "linear"
        and net.activation.name == "sigmoid"
    )

def run_fused(t, n: int, deadline: float | None) -> int:
    """The chapter's own configuration (batch gd, one sigmoid kernel, linear output) fused.

    The same arithmetic as ``BatchPass.forward/backward`` + ``GD.step``, written out as
    in-place ``np.dot`` and ufunc calls on views prepared once, because at the chapter's
    size each NumPy call's overhead, not the arithmetic, sets the speed. Losses are
    computed for a block of epochs at once from the recorded predictions, and the
    block is checked for non-finite values at its end; a bad block is rolled back and
    replayed epoch by epoch by ``run_batch`` so the stop lands on the exact epoch.
    """
    ws, theta, hist, N = t._ws_all, t.net.theta, t.history, t.N
    nconv = ws._nconv
    F = ws.A.shape[1]
    convT = theta[:nconv].reshape(1, -1).T
    dense = theta[nconv:].reshape(1, F + 1)
    denseT, Wd = dense.T, dense[:, :F]
    Z, A, A1, E, ET, D, DT, T = ws.Z, ws.A, ws.A1, ws.E, ws.ET, ws.D, ws.DT, ws.T
    Gd, Gc, G = ws.G_dense, ws.G_conv, ws.G
    Zr, negX, Xw1, yv = Z.reshape(N, F), ws.negXw1, ws.Xw1, ws.y
    # Output arrays are passed positionally: NumPy parses them a little faster than out=.
    dot, exp, add, sub, mul = np.dot, np.exp, np.add, np.subtract, np.multiply
    isfinite, perf = math.isfinite, time.perf_counter
    lr0, decay, inv_n = t.lr0, t.lr_decay, 1.0 / N  # inv_n only scales losses
    ytarget = t.y
    ones = np.ones_like(A)  # array operands: NumPy converts a scalar on every call
    rec = np.reciprocal
    Yscratch = ws.Y  # ŷ of an epoch the thinned history does not keep
    start = np.empty_like(theta)
    ran = 0
    while ran < n:
        e0 = t.epoch + 1
        n0 = hist.n
        block = min(64, n - ran)
        kept = [e for e in range(e0, e0 + block) if hist.wants(e)]
        if n0 + len(kept) > hist._epochs.shape[0]:
            hist._make_room()  # grows the buffer, or thins it and doubles the grid step
            continue
        Hp, Hy = hist._params, hist._preds
        Hy3 = Hy.reshape(Hy.shape[0], N, 1)  # each row as an (N, 1) output for ŷ
        # Per epoch: where its ŷ goes, which history row (or −1) keeps its parameters, and
        # its step size η·decay^(epoch−1)/N as an array (one row per epoch of the block).
        steps = np.repeat((lr0 * decay ** np.arange(t.epoch, t.epoch + block) / N)[:, None],
                          theta.size, axis=1)
        plan, r = [], n0
        for i, e in enumerate(range(e0, e0 + block)):
            if r < n0 + len(kept) and kept[r - n0] == e:
                plan.append((Hy3[r], r, steps[i]))
                r += 1
            else:
                plan.append((Yscratch, -1, steps[i]))
        np.copyto(start, theta)
        for Yr, row, scale in plan:
            dot(negX, convT, Z)  # −z
            exp(Zr, A)
            add(A, ones, A)
            rec(A, A)  # C = 1/(1 + e^(−z))
            dot(A1, denseT, Yr)  # ŷ = Σ λ·C + b12, straight into the history row
            if row >= 0:
                Hp[row] = theta
            sub(Yr, yv, E)  # δ12 = ŷ − y
            dot(ET, A1, Gd)  # ∂P/∂λ = Σ C·δ12, ∂P/∂b12 = Σ δ12
            mul(E, Wd, D)
            sub(ones, A, T)
            mul(T, A, T)
            mul(D, T, D)  # δ9… = C(1 − C)·λ·δ12
            dot(DT, Xw1, Gc)  # ∂P/∂K = Σ I·δ, ∂P/∂b_conv = Σ δ
            mul(G, scale, G)
            sub(theta, G, theta)
        rows = slice(n0, n0 + len(kept))
        err = Hy[rows] - ytarget
        losses = 0.5 * np.einsum("ij,ij->i", err, err) * inv_n
        if not (isfinite(float(losses.sum())) and isfinite(float(theta.sum()))
                and isfinite(float(Hp[rows].sum())) and isfinite(float(Yscratch.sum()))):
            # Roll back to the block's first epoch and replay it epoch by epoch.
            theta[:] = start
            return ran + run_batch(t, block, None, None)
        hist._loss[rows] = losses
        hist._epochs[rows] = kept
        hist.n = n0 + len(kept)
        t.epoch += block
        ran += block
        if deadline is not None and perf() > deadline:
            break
    if ran:
        t._last_delta = -G
        t._update_last()
    return ran
