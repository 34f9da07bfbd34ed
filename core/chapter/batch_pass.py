"""``BatchPass``: the network's forward and backward pass for a whole batch, as in-place NumPy calls.

The same arithmetic as ``Network.forward``/``backward`` (the readable per-sample path the
step-through shows), laid out as a few matrix products over buffers prepared once. Two layouts,
chosen by size, because what sets the speed differs:

* **small** (the chapter's size, up to ``SMALL_ELEMENTS`` feature-map values): each NumPy call's
  overhead dominates, so the biases ride along as a ones column in the windows and activations
  and a step is ~15 calls (``core.chapter.fused_loop.run_fused`` writes exactly these out);
* **tiled** (anything larger): memory traffic dominates, so the batch is swept in tiles of
  ``TILE_ELEMENTS`` feature-map values whose activations stay in the CPU cache, every
  element-wise call works on a contiguous array, and each tile's forward *and* backward run
  back to back (``train_pass``; ``start``/``advance`` split a pass over several calls). The
  dense bias is added on its own; the conv bias still rides as a ones column of the windows,
  where BLAS reads it for free. With one kernel the windows are stored tap by tap, (k+1, N·P),
  so the conv and its gradient are matrix–vector products over long rows: BLAS is slow at
  an (N·P, 4) × (4, 1) product.

Softmax losses are computed by log-sum-exp (``softmax_loss``), exact at any logit gap.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from core.chapter.sweep import Sweep, advance_sweep
from core.cpu_cache import l2_bytes, large_l2
from core.i18n import N_

SMALL_ELEMENTS = 2048  # N × feature-map nodes up to which the small layout is used
DEFAULT_TILE = 65536  # feature-map values per tile where the L2 is unknown or small (512 KB a buffer)


def tile_elements(l2: int | None) -> int:
    """Feature-map values per tile for an L2 of ``l2`` bytes: a tile's five buffers (z, activations,
    mask, δ, f′) should stay in it. Where it is 2 MiB or more, L2 / 64 values (five float64 buffers
    then fill 62 % of it), at most ``DEFAULT_TILE``. Measured on a 2 MiB L2 (``bench_scale`` shapes,
    one thread, 5 interleaved rounds): 32 K values took 0.90–0.97× the time of 64 K at seven shapes
    from 100 × 256 × 4 to 10,000 × 256 × 4; 128 K took 0.98–1.11×."""
    return min(DEFAULT_TILE, l2 // 64) if large_l2(l2) else DEFAULT_TILE


TILE_ELEMENTS = tile_elements(l2_bytes())  # cache-resident, few calls


def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, shifted by each row's maximum so large logits do not overflow."""
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_loss(Z: np.ndarray, labels: np.ndarray, P: np.ndarray | None = None) -> np.ndarray:
    """Each row's cross-entropy −log softmax(z)_label by log-sum-exp, optionally its probabilities.

    With m the row's largest logit, −log p_y = log(1 + Σ_{j≠argmax} e^(z_j − m)) − (z_y − m):
    no exponential overflows and ``log1p`` keeps the loss of a confidently right answer exact
    (e^(−gap)) instead of rounding it to 0; a gap of 10,000 costs exactly 10,000.
    ``P`` (same shape as ``Z``) receives the probabilities when given.
    """
    rows = np.arange(Z.shape[0])
    top = np.argmax(Z, axis=1)
    S = Z - Z[rows, top][:, None]  # z − m: the largest entry is exactly 0
    E = np.exp(S)
    E[rows, top] = 0.0
    rest = E.sum(axis=1)  # Σ over the other classes of e^(z_j − m)
    E[rows, top] = 1.0
    if P is not None:
        np.divide(E, (1.0 + rest)[:, None], out=P)
    return np.log1p(rest) - S[rows, labels]


def check_label(y, n: int) -> int:
    """A class label as an int, refusing non-integers and labels outside 0…n−1."""
    v = float(y)
    if v != round(v) or not 0 <= v < n:
        raise ValueError(N_("network", "label must be an integer 0…{0}, got {y!r}").format(n - 1, y=y))
    return int(v)


class BatchPass:
    """Buffers for one fixed batch so a training step is a few in-place NumPy calls.

    After ``forward`` (and ``backward``) or ``train_pass``, ``Y`` holds the predictions (softmax:
    the probabilities), ``E`` the output errors δ (ŷ − y, or p − onehot), ``loss_sum()`` the
    summed loss and ``G`` the *summed* (not mean) gradient over the batch, laid out like
    ``theta``. With a dropout ``mask`` the loss and gradient are the masked (training) ones;
    ``eval_loss_sum()`` is then the loss of the same parameters with every node kept.
    """

    def __init__(self, net: Any, X: np.ndarray, y: np.ndarray) -> None:
        """``net``: the ``core.chapter.network.Network`` whose shape the buffers follow."""
        self.net = net
        N, k, nk, P = X.shape[0], net.kernel_size, net.n_kernels, net.n_positions
        no, F = net.n_outputs, nk * P
        self.N, self.F = N, F
        # several kernels: the small layout's per-epoch permutations cost more than tiles from ~1000 on
        self.small = N * F <= (SMALL_ELEMENTS if nk == 1 else SMALL_ELEMENTS // 2)
        # One kernel at scale: the windows tap by tap, (k+1, N·P), so the conv and its gradient are
        # matrix–vector products over long contiguous rows (a (N·P, 4) × (4, 1) product is slow).
        self._tap_major = not self.small and nk == 1
        self.softmax = net.output == "softmax"
        if self._tap_major:
            self.XwT = np.empty((k + 1, N * P))  # row i: tap i of every window; then the 1s
        else:
            self.Xw1 = np.empty((N * P, k + 1))  # (N·P, k+1): each window and a 1 for the bias
        if self.softmax:
            self.onehot = np.zeros((N, no))
        self._fill(X, y)
        self.Y = np.empty((N, no))
        self.E = np.empty((N, no))
        self.G = np.empty_like(net.theta)
        self._nconv = nk * (k + 1)
        self.G_conv = self.G[: self._nconv].reshape(nk, k + 1)
        self.G_dense = self.G[self._nconv:].reshape(no, F + 1)
        # Column permutation between the public (kernel, position) order of feature-map nodes
        # and the internal (position, kernel) order the conv matmul produces.
        self._perm = np.arange(F).reshape(nk, P).T.ravel()  # internal f' -> public f
        self._identity_perm = nk == 1
        self._sigmoid = net.activation.name == "sigmoid"
        self._mask: np.ndarray | None = None
        self._loss = 0.0
        self._eval_loss: float | None = None
        if self.small:
            self._init_small()
        else:
            self._init_tiled()

    def _fill(self, X: np.ndarray, y: np.ndarray) -> None:
        """Copy the batch's windows and targets into the buffers (made for N samples)."""
        net, N = self.net, self.N
        k, P, p, s = net.kernel_size, net.n_positions, net.padding, net.stride
        Xp = X if p == 0 else np.pad(X, ((0, 0), (p, p)))
        if self._tap_major:
            win = self.XwT.reshape(k + 1, N, P)
            for i in range(k):
                win[i] = Xp[:, i: i + s * (P - 1) + 1: s]
            win[k] = 1.0
        else:
            win = self.Xw1.reshape(N, P, k + 1)
            # every window as a strided view of the (padded) rows, copied once into place
            win[:, :, :k] = np.lib.stride_tricks.sliding_window_view(Xp, k, axis=1)[:, ::s][:, :P]
            win[:, :, k] = 1.0
        # max |x| (NaN passes through, no copy of the batch): bounds |z| for a tiled ``Sweep``; the
        # small layout never reads it, and refills per sample or mini-batch in sgd: not measured there
        self.x_max = float(np.maximum(Xp.max(), -Xp.min())) if Xp.size and not self.small else 0.0
        self.y = y.reshape(N, 1) if not self.softmax else y
        if self.softmax:
            self.labels = y.astype(int)
            self.onehot[...] = 0.0
            self.onehot[np.arange(N), self.labels] = 1.0
        if self.__dict__.get("negXw1") is not None:
            np.negative(self.Xw1, out=self.negXw1)

    def refill(self, X: np.ndarray, y: np.ndarray) -> BatchPass:
        """The same pass for another batch of as many samples (validated data): no new buffers.

        SGD and mini-batches on large data sets step through many batches; building a pass
        for each would cost more than the step.
        """
        if X.shape[0] != self.N:
            raise ValueError(f"refill needs {self.N} samples, got {X.shape[0]}")
        self._fill(X, y)
        return self

    # ------------------------------------------------------------ shared pieces
    def _dense(self, theta: np.ndarray) -> np.ndarray:
        """Dense weights and bias as (no, F+1), columns in the internal feature-map order."""
        d = theta[self._nconv:].reshape(self.net.n_outputs, -1)
        if self._identity_perm:
            return d
        F = self.F
        return np.concatenate([d[:, :F][:, self._perm], d[:, F:]], axis=1)

    def _output(self, Y: np.ndarray, E: np.ndarray, lo: int, hi: int) -> float:
        """Errors δ of rows lo:hi into ``E`` (Y → probabilities for softmax); their summed loss."""
        if self.softmax:
            loss = softmax_loss(Y, self.labels[lo:hi], P=Y)
            np.subtract(Y, self.onehot[lo:hi], out=E)
            return float(loss.sum())
        np.subtract(Y, self.y[lo:hi], out=E)
        e = E.reshape(-1)
        return 0.5 * float(np.dot(e, e))

    def _eval_rows(self, A: np.ndarray, dense: np.ndarray, lo: int, hi: int) -> float:
        """Summed loss of rows lo:hi with unmasked activations ``A`` (the evaluation loss)."""
        F = self.F
        if self.softmax:
            Z = A @ dense[:, :F].T + dense[:, F]
            return float(softmax_loss(Z, self.labels[lo:hi]).sum())
        e = A @ dense[0, :F]  # ŷ with every node kept …
        e += dense[0, F] - self.y[lo:hi, 0]  # … minus y
        return 0.5 * float(np.dot(e, e))

    def forward(self, theta: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Compute predictions ``Y`` (and errors ``E``) for the batch with parameters ``theta``.

        ``mask`` (N, F) in the public feature-map order (kernel after kernel) multiplies each
        feature-map value on its way to the outputs — dropout's 0 or 1/(1 − p).
        """
        if self.small:
            self._forward_small(theta, mask)
        else:
            self._sweep(theta, mask, grad=False)
        return self.Y

    def backward(self, theta: np.ndarray) -> np.ndarray:
        """Summed gradient over the batch into ``G`` (after ``forward`` with the same ``theta``)."""
        if self.small:
            return self._backward_small(theta)
        self._sweep(theta, self._mask_public, grad=True)
        return self.G

    def train_pass(self, theta: np.ndarray, mask: np.ndarray | None = None) -> float:
        """``forward`` and ``backward`` in one sweep; returns the summed (training) loss."""
        if self.small:
            self._forward_small(theta, mask)
            self._loss = self._loss_small()
            if mask is not None:
                self._eval_loss = self._eval_rows(self._Araw, self._dense(theta), 0, self.N)
            self._backward_small(theta)
        else:
            self._sweep(theta, mask, grad=True)
        return self._loss

    def loss_sum(self) -> float:
        """Σ over the batch of each sample's loss, after ``forward`` (masked with a dropout mask)."""
        if self.small:
            self._loss = self._loss_small()
        return self._loss

    def eval_loss_sum(self) -> float | None:
        """After a masked ``train_pass``: Σ of each sample's loss with every node kept (else None)."""
        return self._eval_loss

    # ------------------------------------------------------------ small layout
    def _init_small(self) -> None:
        N, F, nk = self.N, self.F, self.net.n_kernels
        self._small_sweep = Sweep(self, None, None, True, self.Y, self.E, self.G)  # reused: done at once
        self._small_sweep.next = 1
        self.negXw1 = -self.Xw1  # −windows, so ``exp(−z)`` needs no extra call
        self.Z = np.empty((N * self.net.n_positions, nk))  # −z for sigmoid, z otherwise
        self.A1 = np.ones((N, F + 1))  # activations in (position, kernel) order, then a 1
        self.A = self.A1[:, :F]
        self.T = np.empty((N, F))
        self.ET = self.E.T
        self.D = np.empty((N, F))  # δ of feature-map nodes, (position, kernel) order
        self.DT = self.D.reshape(N * self.net.n_positions, nk).T

    def _forward_small(self, theta: np.ndarray, mask: np.ndarray | None) -> None:
        net = self.net
        convT = theta[: self._nconv].reshape(net.n_kernels, -1).T
        N, F = self.N, self.F
        Zr = self.Z.reshape(N, F)
        if self._sigmoid:
            np.matmul(self.negXw1, convT, out=self.Z)  # −z, exactly
            np.exp(Zr, out=self.A)
            self.A += 1.0
            np.reciprocal(self.A, out=self.A)  # 1/(1 + e^(−z)), the same rounding as 1.0/x
        else:
            np.matmul(self.Xw1, convT, out=self.Z)
            self.A[...] = net.activation.f(Zr)
        self._eval_loss = None
        if mask is None:
            self._mask = None
        else:
            self._mask = mask[:, self._perm]  # internal (position, kernel) order
            self._Araw = self.A.copy()
            self.A *= self._mask
        np.matmul(self.A1, self._dense(theta).T, out=self.Y)
        if self.softmax:
            self._loss = float(softmax_loss(self.Y, self.labels, P=self.Y).sum())
            np.subtract(self.Y, self.onehot, out=self.E)
        else:
            np.subtract(self.Y, self.y, out=self.E)

    def _loss_small(self) -> float:
        if self.softmax:
            return self._loss
        # ½Σe² by einsum, as ``run_fused`` computes a block's losses: the same bits either way
        return float(0.5 * np.einsum("ij,ij->i", self.ET, self.ET)[0])

    def _backward_small(self, theta: np.ndarray) -> np.ndarray:
        net = self.net
        dense = self._dense(theta)
        F = self.F
        np.matmul(self.ET, self.A1, out=self.G_dense)
        if self.E.shape[1] == 1:
            np.multiply(self.E, dense[:, :F], out=self.D)  # δ12·λ: an outer product, no BLAS call
        else:
            np.matmul(self.E, np.ascontiguousarray(dense[:, :F]), out=self.D)
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

    # ------------------------------------------------------------ tiled layout
    def _init_tiled(self) -> None:
        F, nk, P, no = self.F, self.net.n_kernels, self.net.n_positions, self.net.n_outputs
        R = max(1, min(self.N, TILE_ELEMENTS // F))
        self.rows_per_tile = R
        self.tiles = [(lo, min(lo + R, self.N)) for lo in range(0, self.N, R)]
        self._Zt = np.empty((R * P, nk))  # −z (sigmoid) or z of one tile, (position, kernel) order
        self._At = np.empty((R, F))  # activations of one tile
        self._Mt = np.empty((R, F))  # masked activations (dropout)
        self._Dt = np.empty((R, F))  # δ of one tile's feature-map nodes
        self._Tt = np.empty((R, F))  # f′ of one tile
        self._gc = np.empty((nk, self.net.kernel_size + 1))
        self._gw = np.empty((no, F))
        self._mask_public: np.ndarray | None = None

    def _sweep(self, theta: np.ndarray, mask: np.ndarray | None, grad: bool) -> None:
        """A whole pass over the tiles into ``Y``, ``E``, the loss and (with ``grad``) ``G``."""
        self._mask_public = mask
        s = Sweep(self, theta, mask, grad, self.Y, self.E, self.G)
        self.advance(s)
        self._loss, self._eval_loss = s.loss, s.eval_loss

    def start(self, theta: np.ndarray, mask: np.ndarray | None = None) -> Sweep:
        """A training pass (forward and backward) to run with ``advance``, possibly over several calls.

        The small layout runs it at once here, into this pass's own ``Y``/``G``; a tiled pass keeps
        its own outputs, so other uses of this ``BatchPass`` (a snapshot) may come in between.
        """
        if self.small:
            s = self._small_sweep
            s.mask = mask
            s.loss = self.train_pass(theta, mask)
            s.eval_loss = self._eval_loss
            return s
        bufs = self.__dict__.get("_sweep_bufs")
        if bufs is None:  # one pass is under way at a time: its outputs are made once
            N, no = self.Y.shape
            bufs = self._sweep_bufs = (np.empty((N, no)), np.empty((N, no)), np.empty_like(self.G))
        return Sweep(self, theta, mask, True, *bufs)

    def advance(self, s: Sweep, deadline: float | None = None, clock=None) -> bool:
        """Run tiles of ``s`` until it is complete (True) or ``clock()`` passes ``deadline`` (False).

        At least one tile runs per call, so every call makes progress (core/chapter/sweep.py).
        """
        return advance_sweep(self, s, deadline, clock)
