"""A training pass over a tiled batch, in progress: ``Sweep`` holds it, ``advance_sweep`` runs its tiles.

For data sets too large for one time-boxed call, a pass over the tiles of a ``BatchPass`` can
stop between tiles at a deadline and be picked up by the next call (core/chapter/fused_loop.py),
so no call overruns its budget by more than about a tile. The arithmetic is ``BatchPass``'s.
"""

from __future__ import annotations

from typing import Any

import numpy as np

# A diverged network's sigmoid units sit far out (|z| in the thousands: at 100 × 1024 × 4 after one
# epoch at η = 0.05, e^(−z) overflowed for every unit), and there NumPy leaves its vector loops —
# measured on 32 K float64 values: exp 10–25× slower from x = 708 up and where it overflows, 18×
# where it underflows to 0, 140× where its result is subnormal; a product with subnormal numbers
# (σ′·λ·δ of a unit at z ≈ −650) 40×. A sweep whose parameters keep |z| ≤ EXP_SAFE
# (|z| ≤ Σ|K|·max|x| + |b|) runs the plain three calls; one that cannot clips first
# (``sigmoid_saturating``), which holds σ at 1/(1 + e^EXP_SAFE) ≈ 7e-218 below z = −EXP_SAFE. (A
# product σ′·λ·δ can still be subnormal where |λ·δ| < 1e-91; the clip keeps only σ and σ′ normal.)
EXP_SAFE = 500.0


class Sweep:
    """One training pass in progress: its parameters, the tiles done, and the sums so far."""

    def __init__(self, ws: Any, theta, mask, grad: bool, Y, E, G) -> None:
        """``ws``: the tiled ``core.chapter.batch_pass.BatchPass`` the pass runs on."""
        self.mask = mask
        self.grad = grad
        self.Y, self.E, self.G = Y, E, G  # predictions (softmax: probabilities), δ_out, Σ gradient
        self.next = 0  # tiles done
        self.loss = 0.0  # Σ of the samples' (training) losses so far
        self.eval_loss: float | None = 0.0 if mask is not None else None
        if theta is None:
            return
        self.theta = theta.copy()  # the parameters this pass uses, whatever happens to theta meanwhile
        net, F = ws.net, ws.F
        conv = theta[: ws._nconv].reshape(net.n_kernels, -1)
        reach = np.abs(conv[:, :-1]).sum(axis=1) * ws.x_max + np.abs(conv[:, -1])
        self.saturating = bool(ws._sigmoid and not np.all(reach <= EXP_SAFE))  # NaN: the careful way
        self.C = np.ascontiguousarray(-conv.T if ws._sigmoid else conv.T)  # (k+1, nk): −z for sigmoid
        if ws._tap_major:
            self.C = np.ascontiguousarray(self.C[:, 0])  # (k+1,)
        self.dense = ws._dense(theta)
        self.W = np.ascontiguousarray(self.dense[:, :F])  # (no, F), internal order
        self.WT = np.ascontiguousarray(self.W.T)
        self.bo = self.dense[:, F].copy()
        self.gw = np.zeros((net.n_outputs, F))
        self.gc = np.zeros((net.n_kernels, net.kernel_size + 1))
        self.gb = np.zeros(net.n_outputs)


def advance_sweep(self, s: Sweep, deadline: float | None = None, clock=None) -> bool:
    """Run tiles of ``s`` on ``self`` (a tiled ``BatchPass``) until complete (True) or ``clock()`` passes
    ``deadline`` (False).

    At least one tile runs per call, so every call makes progress.
    """
    if self.small or s.next >= len(self.tiles):
        return True
    net, F, P = self.net, self.F, self.net.n_positions
    C, W, WT, bo, dense, mask = s.C, s.W, s.WT, s.bo, s.dense, s.mask
    one_out = W.shape[0] == 1
    w1 = W[0]
    grad = s.grad
    tiles = self.tiles
    tap = self._tap_major
    while s.next < len(tiles):
        lo, hi = tiles[s.next]
        R = hi - lo
        Z = self._Zt[: R * P]
        A = self._At[:R]
        if tap:
            Xt = self.XwT[:, lo * P: hi * P]
            np.dot(C, Xt, out=Z[:, 0])  # Σ_i (−)K_i·tap_i + (−)b_conv, over long rows
        else:
            Xt = self.Xw1[lo * P: hi * P]
            np.matmul(Xt, C, out=Z)
        Zr = Z.reshape(R, F)
        if self._sigmoid and s.saturating:
            sigmoid_saturating(Zr, A)
        elif self._sigmoid:
            np.exp(Zr, out=A)
            np.add(A, 1.0, out=A)
            np.divide(1.0, A, out=A)  # 1/(1 + e^(−z)): bit for bit what reciprocal gives
        else:
            A[...] = net.activation.f(Zr)
        Am = A
        if mask is not None:
            m = mask[lo:hi][:, self._perm]
            Am = self._Mt[:R]
            np.multiply(A, m, out=Am)
            s.eval_loss += self._eval_rows(A, dense, lo, hi)
        Y, E = s.Y[lo:hi], s.E[lo:hi]
        if one_out:
            np.dot(Am, w1, out=Y[:, 0])
        else:
            np.matmul(Am, WT, out=Y)
        Y += bo
        s.loss += self._output(Y, E, lo, hi)
        s.next += 1
        if grad:
            D, T = self._Dt[:R], self._Tt[:R]
            if one_out:
                np.dot(E[:, 0], Am, out=self._gw[0])
                np.multiply(E, W, out=D)  # δ_out·λ, the outer product ((R, 1) × (1, F))
            else:
                np.matmul(E.T, Am, out=self._gw)
                np.matmul(E, W, out=D)
            s.gw += self._gw
            s.gb += E.sum(axis=0)
            if self._sigmoid:
                np.subtract(1.0, A, out=T)
                np.multiply(T, A, out=T)  # σ′ = C(1 − C)
            else:
                T[...] = net.activation.df(Zr, A)
            np.multiply(D, T, out=D)
            if mask is not None:
                np.multiply(D, m, out=D)
            if tap:
                np.dot(Xt, D.reshape(R * P), out=self._gc[0])  # Σ δ·tap_i (and Σ δ for b_conv)
            else:
                np.matmul(D.reshape(R * P, -1).T, Xt, out=self._gc)  # Σ δ·window, Σ δ
            s.gc += self._gc
        if deadline is not None and s.next < len(tiles) and clock() > deadline:
            return False
    if grad:
        G_conv = s.G[: self._nconv].reshape(s.gc.shape)
        G_dense = s.G[self._nconv:].reshape(W.shape[0], F + 1)
        G_conv[...] = s.gc
        G_dense[:, F] = s.gb
        if self._identity_perm:
            G_dense[:, :F] = s.gw
        else:
            G_dense[:, self._perm] = s.gw
    return True


def sigmoid_saturating(negz: np.ndarray, out: np.ndarray) -> None:
    """out = 1/(1 + e^(−z)) from ``negz`` = −z, with every e^x, σ and σ′ kept in the normal range.

    −z is clipped to [−40, ``EXP_SAFE``] first. Below −40, e^(−z) < 2⁻⁵⁷ and 1 + e^(−z) rounds to 1
    either way: the same σ = 1. Above ``EXP_SAFE`` (z < −500), σ stays at 1/(1 + e^500) ≈ 7.1e-218
    where the plain calls give e^z, smaller still (subnormal from z ≈ −708, 0 from −745): the only
    difference, under 1e-217, and one clip more than the plain three calls. NaN stays NaN.
    """
    np.clip(negz, -40.0, EXP_SAFE, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=out)
    np.divide(1.0, out, out=out)
