"""``BatchPass``: the network's forward and backward pass for a whole batch, as in-place NumPy calls.

The same arithmetic as ``Network.forward``/``backward`` (the readable per-sample path the
step-through shows), laid out as a few matrix products over buffers prepared once, because
at the chapter's size each NumPy call's overhead, not the arithmetic, sets the speed.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, shifted by each row's maximum so large logits do not overflow."""
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def check_label(y, n: int) -> int:
    """A class label as an int, refusing non-integers and labels outside 0…n−1."""
    v = float(y)
    if v != round(v) or not 0 <= v < n:
        raise ValueError(f"label must be an integer 0…{n - 1}, got {y!r}")
    return int(v)


class BatchPass:
    """Buffers for one fixed batch so a training step is a few in-place NumPy calls.

    The convolution is one matmul of the batch's windows (a ones column appended
    for the bias, and negated so ``exp(−z)`` needs no extra call) with the
    kernels; the dense layer is one matmul with a ones column for the bias. The
    sums are exactly the chapter's; only their summation order is BLAS's.
    After ``forward`` and ``backward``, ``G`` holds the *summed* (not mean)
    gradient over the batch, laid out like ``theta``.
    """

    def __init__(self, net: Any, X: np.ndarray, y: np.ndarray) -> None:
        """``net``: the ``core.chapter.network.Network`` whose shape the buffers follow."""
        self.net = net
        N, k, nk, P = X.shape[0], net.kernel_size, net.n_kernels, net.n_positions
        no, F = net.n_outputs, nk * P
        self.N = N
        p = net.padding
        Xp = np.zeros((N, net.n_inputs + 2 * p))
        Xp[:, p: p + net.n_inputs] = X
        win = np.ones((N * P, k + 1))
        win[:, :k] = Xp[:, net._window].reshape(N * P, k)
        self.Xw1 = win  # (N·P, k+1): each window and a 1 for the bias
        self.negXw1 = -win
        self.y = y.reshape(N, 1) if net.output == "linear" else y
        if net.output == "softmax":
            self.onehot = np.zeros((N, no))
            self.onehot[np.arange(N), y.astype(int)] = 1.0
        self.Z = np.empty((N * P, nk))  # −z for sigmoid, z otherwise; rows (sample, position)
        self.A1 = np.ones((N, F + 1))  # activations in (position, kernel) order, then a 1
        self.A = self.A1[:, :F]
        self.T = np.empty((N, F))
        self.Y = np.empty((N, no))
        self.E = np.empty((N, no))
        self.ET = self.E.T
        self.D = np.empty((N, F))  # δ of feature-map nodes, (position, kernel) order
        self.DT = self.D.reshape(N * P, nk).T
        self.G = np.empty_like(net.theta)
        self._ss = np.empty((1, 1))  # Σ e² lands here (linear output)
        nconv = nk * (k + 1)
        self.G_conv = self.G[:nconv].reshape(nk, k + 1)
        self.G_dense = self.G[nconv:].reshape(no, F + 1)
        # Column permutation between the public (kernel, position) order of feature-map
        # nodes and the internal (position, kernel) order the conv matmul produces.
        perm = np.arange(F).reshape(nk, P).T.ravel()  # internal f' -> public f
        self._perm = perm
        self._sigmoid = net.activation.name == "sigmoid"
        self._mask: np.ndarray | None = None
        self._nconv = nconv
        # W with columns in internal order, rebuilt per pass as a view-free gather only when nk>1
        self._identity_perm = nk == 1

    def _dense(self, theta: np.ndarray) -> np.ndarray:
        """Dense weights and bias as (no, F+1), columns in the internal feature-map order."""
        d = theta[self._nconv:].reshape(self.net.n_outputs, -1)
        if self._identity_perm:
            return d
        F = d.shape[1] - 1
        return np.concatenate([d[:, :F][:, self._perm], d[:, F:]], axis=1)

    def forward(self, theta: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Compute predictions ``Y`` (and errors ``E``) for the batch with parameters ``theta``.

        ``mask`` (N, F) in the public feature-map order (kernel after kernel) multiplies each
        feature-map value on its way to the outputs — dropout's 0 or 1/(1 − p).
        """
        net = self.net
        convT = theta[: self._nconv].reshape(net.n_kernels, -1).T
        N, F = self.A.shape
        Zr = self.Z.reshape(N, F)
        if self._sigmoid:
            np.matmul(self.negXw1, convT, out=self.Z)  # −z, exactly
            np.exp(Zr, out=self.A)
            self.A += 1.0
            np.reciprocal(self.A, out=self.A)  # 1/(1 + e^(−z)), the same rounding as 1.0/x
        else:
            np.matmul(self.Xw1, convT, out=self.Z)
            self.A[...] = net.activation.f(Zr)
        if mask is None:
            self._mask = None
        else:
            self._mask = mask[:, self._perm]  # internal (position, kernel) order
            self._Araw = self.A.copy()
            self.A *= self._mask
        dense = self._dense(theta)
        np.matmul(self.A1, dense.T, out=self.Y)
        if net.output == "softmax":
            self.Y -= self.Y.max(axis=1, keepdims=True)
            np.exp(self.Y, out=self.Y)
            self.Y /= self.Y.sum(axis=1, keepdims=True)
            np.subtract(self.Y, self.onehot, out=self.E)
        else:
            np.subtract(self.Y, self.y, out=self.E)
        return self.Y

    def loss_sum(self) -> float:
        """Σ over the batch of each sample's loss, after ``forward``."""
        if self.net.output == "softmax":
            p = self.Y[np.arange(self.N), self.y.astype(int)]
            return float(-np.log(np.maximum(p, 1e-300)).sum())
        np.matmul(self.ET, self.E, out=self._ss)
        return 0.5 * float(self._ss[0, 0])

    def backward(self, theta: np.ndarray) -> np.ndarray:
        """Summed gradient over the batch into ``G`` (after ``forward`` with the same ``theta``)."""
        net = self.net
        dense = self._dense(theta)
        F = self.A.shape[1]
        np.matmul(self.ET, self.A1, out=self.G_dense)
        np.matmul(self.E, dense[:, :F], out=self.D)
        A = self.A if self._mask is None else self._Araw
        if self._sigmoid:
            np.subtract(1.0, A, out=self.T)
            self.T *= A
        else:
            Zr = self.Z.reshape(self.N, F)
            self.T[...] = net.activation.df(Zr, A)
        self.D *= self.T
        if self._mask is not None:
            self.D *= self._mask
        np.matmul(self.DT, self.Xw1, out=self.G_conv)
        if not self._identity_perm:
            internal = self.G_dense[:, :F].copy()
            self.G_dense[:, self._perm] = internal
        return self.G
