"""The trainer's hot loops for batch mode: time-boxed blocks of epochs, stops and divergence inside.

``run_fused`` writes the chapter's own configuration (batch gd, one sigmoid kernel, linear
output, the small layout) out as in-place NumPy calls on views prepared once; ``run_batch`` is
one ``BatchPass`` training pass and one optimiser step per epoch for any other batch-mode
configuration. Both work on a ``core.chapter.trainer.Trainer`` (passed as ``t``) and give
bit-identical results to ``Trainer.step_epoch``'s readable path.

What the loops guarantee, and how:

* **Time boxes by measured epoch time.** A call with a deadline runs blocks of epochs sized to
  half the time left at the measured seconds per epoch (``t._epoch_s``), so it ends near its
  deadline whatever the size; when not even one epoch fits, the epoch is trained tile by tile
  (``BatchPass.advance``) and picked up again by the next call, so no call overruns its budget
  by more than about a tile.
* **Stops without a per-epoch cost.** Losses come out of each block as a vector; ``loss_below``
  is checked on it, and a callback with ``first_stop`` (``core.chapter.stops``) sees the whole
  block at once. When one fires inside a block, the block is rolled back and exactly the epochs
  up to the stop are replayed (training is deterministic), as the divergence rollback does.
* **Divergence leaves the last finite state.** Each block of ``run_batch`` starts from a
  checkpoint (parameters, optimiser moments, the dropout stream, the history's length); an
  epoch whose loss or parameters become non-finite rolls the block back to it and the good
  epochs before are replayed, so the trainer is left exactly as after the last finite epoch.
  ``run_fused`` checks a block at its end and replays a bad one through ``run_batch``.
* **The history's big copies wait.** Growing or thinning the history, and the first write to
  its fresh rows (``History.prefault``), never land in the middle of a time-boxed call.
* **One BLAS thread** while training a shape too large for the small layout (``blas_one_thread``):
  the tiles' matrix products are thin, where OpenBLAS's second thread costs more than it gives,
  and the window's GUI thread needs the other core.
"""

from __future__ import annotations

import math
import time

import numpy as np

from core.chapter.stops import Block

clock = time.perf_counter  # the loops' clock; tests substitute a fake one
MAX_BLOCK = 64  # epochs per block at most in the general loop (a block is a checkpoint's reach)
# The fused loop's blocks: each costs ~15 µs of Python around its epochs (the plan, the losses,
# the history's rows), 3 % of 64 chapter-sized epochs; 256 measured 1.05× the minimal NumPy
# loop against 1.02× at 64 (9 interleaved rounds), 1024 no better. A deadline still sizes them.
FUSED_BLOCK = 256
PARTIAL = object()  # an epoch left part-way at a deadline (picked up by the next call)


def _block_size(t, remaining: int, deadline: float | None, progressed: bool, cap: int = MAX_BLOCK) -> int:
    """Epochs to run next: all (≤ ``cap``) without a deadline, else half the time left's worth."""
    if deadline is None:
        return min(cap, remaining)
    est = t._epoch_s
    if est is None:
        return 1
    b = int(0.5 * (deadline - clock()) / est)
    if b >= 1:
        return min(b, cap, remaining)
    return 0 if progressed else 1


def _measure(t, seconds: float, epochs: int) -> None:
    per = seconds / epochs
    t._epoch_s = per if t._epoch_s is None else 0.5 * (t._epoch_s + per)


def _earliest(loss_hit: int | None, stop, t, block: Block | None) -> tuple[int, str | None] | None:
    """The first stop in a block: the loss below ε (index, None) or the callback's (index, reason)."""
    hit = stop.first_stop(t, block) if stop is not None and block is not None else None
    if hit is not None and (loss_hit is None or hit[0] < loss_hit):
        return hit[0], hit[1] if isinstance(hit[1], str) else None
    return (loss_hit, None) if loss_hit is not None else None


# --------------------------------------------------------------------------- the general loop
def _batch_epoch(t, prow: np.ndarray | None, deadline: float | None, strict: bool = False):
    """One batch-mode epoch, or the part of it before ``deadline``.

    Returns the epoch's loss, PARTIAL, or the cause of a divergence — then the state is partly
    updated and the caller rolls it back (``run_batch``: to its block's checkpoint).
    """
    ws, theta = t._ws_all, t.net.theta
    s = t._partial
    if s is None:
        drop = t.drop_rng.bit_generator.state if deadline is not None and t.dropout else None
        t._epoch_mask = mask = t._draw_mask()
        s = ws.start(theta, mask)
        s.drop_before, s.spent = drop, 0.0  # so a split epoch can be undone, and timed whole
    if not ws.advance(s, deadline, clock):
        t._partial = s
        return PARTIAL
    t._partial = None
    N = t.N
    loss = s.loss / N
    Y = s.Y
    if not (math.isfinite(loss) and math.isfinite(float(Y.sum()))):
        return "loss-nan" if math.isnan(loss) else "loss-inf"
    if prow is not None:
        np.copyto(prow, theta)
    preds = Y[np.arange(N), t._labels] if t._labels is not None else Y[:, 0]
    t.history.record(t.epoch + 1, theta, preds, loss, None if s.eval_loss is None else s.eval_loss / N)
    if t.lr_decay != 1.0:
        t.opt.lr = t.lr
    t.opt.step(theta, s.G, N)
    t.epoch += 1
    if not math.isfinite(float(theta.sum())):
        return "weight-nan" if np.isnan(theta).any() else "weight-inf"
    if strict and not t._ck_block.moments_finite():
        return "weight-inf"
    return loss


def run_batch(t, n: int, loss_below: float | None = None, stop=None, deadline: float | None = None,
              strict: bool = False) -> int:
    """Batch mode, any configuration: ``n`` epochs (or until a stop, divergence or ``deadline``).

    ``stop``: a callback; with ``first_stop`` it is asked once per block, else after every epoch.
    Every block starts from a checkpoint; a divergence or a stop inside it rolls back to it and
    replays exactly the good epochs (``strict``: the optimiser's moments are checked every epoch).
    """
    blockwise = stop is not None and hasattr(stop, "first_stop")
    ck = t._ck_block
    theta, hist = t.net.theta, t.history
    P = theta.size
    ran = 0
    progressed = False
    while ran < n:
        B = _block_size(t, n - ran, deadline, progressed)
        if B == 0:
            break
        est = t._epoch_s
        # an epoch may stop part-way only when it cannot fit anyway (then it is the call's first)
        partial_ok = deadline is not None and (
            est is None or (not progressed and est > (deadline - clock()) / 2))
        e0 = t.epoch + 1
        if progressed and deadline is not None and hist.needs_room(e0, B):
            break  # growing or thinning the history copies up to its budget: first thing next call
        hist.room_for(e0, B)
        if deadline is not None:
            hist.prefault(2 * B)
        ck.capture(t)
        resumed = t._partial
        if resumed is not None:
            ck.drop = resumed.drop_before  # the split epoch's mask was drawn in an earlier call
        SP = t._scratch(B, P)
        losses = np.empty(B)
        done, why, loss_hit, verdict = 0, None, None, None
        t0 = mark = clock()
        all_kept = e0 + B - 1 <= hist.keep_all
        while done < B:
            # the parameters an epoch used: kept by the history, else here (stops, last update)
            prow = SP[done] if blockwise or not (all_kept or hist.wants(e0 + done)) else None
            res = _batch_epoch(t, prow, deadline if partial_ok else None, strict)
            if res is PARTIAL or isinstance(res, str):
                why = res
                break
            mark = clock()
            losses[done] = res
            done += 1
            if loss_below is not None and res < loss_below:
                loss_hit = done - 1
                break
            if stop is not None and not blockwise:
                verdict = stop(t)
                if verdict:
                    break
        progressed = True
        if why is PARTIAL:
            t._partial.spent += clock() - mark
        if done:
            _measure(t, mark - t0 + (resumed.spent if resumed is not None else 0.0), done)
        ran += done
        if verdict:
            if isinstance(verdict, str):
                t.stopped_reason = verdict
            _set_last(t, SP, done)
            break
        if done and not isinstance(why, str) and not ck.moments_finite():
            ck.restore(t)  # an optimiser moment overflowed: find the epoch it did
            t._partial = None
            return ran - done + run_batch(t, done, loss_below, stop, None, strict=True)
        block = None
        if blockwise and done:
            block = Block(np.arange(e0, e0 + done), losses[:done], SP[:done], theta)
        first = _earliest(loss_hit, stop if blockwise else None, t, block)
        if first is None and not isinstance(why, str):
            _set_last(t, SP, done)
            if why is PARTIAL or (deadline is not None and clock() > deadline):
                break
            continue
        # a stop, or a divergence: keep the good epochs before it, by replaying them
        keep = done if first is None else first[0] + 1
        if keep < done or isinstance(why, str):
            t._partial = None
            ck.restore(t)
            ran -= done
            if keep:
                ran += run_batch(t, keep)  # sets the last update
        else:
            _set_last(t, SP, done)
        if first is not None:
            t._stopped(first[1], loss_below)
        else:
            t._diverge(why)
        break
    return ran


def _set_last(t, SP: np.ndarray, done: int) -> None:
    """The last update of a block: the parameters now minus those its last epoch started from."""
    if not done:
        return
    h = t.history
    before = h.param_matrix[-1] if h.n and int(h.epochs[-1]) == t.epoch else SP[done - 1]
    t._last_delta = t.net.theta - before


# --------------------------------------------------------------------------- the chapter's loop
def fused_ok(t, stop=None) -> bool:
    """Whether ``run_fused`` can run this configuration (the chapter's: batch gd, one sigmoid kernel)."""
    net = t.net
    return (
        t.mode == "batch"
        and t.optimizer_name == "gd"
        and t.dropout == 0.0
        and net.n_kernels == 1
        and net.output == "linear"
        and net.activation.name == "sigmoid"
        and t._ws_all.small
        and (stop is None or hasattr(stop, "first_stop"))
        and t._partial is None
    )


def run_fused(t, n: int, loss_below: float | None = None, stop=None, deadline: float | None = None) -> int:
    """The chapter's own configuration (batch gd, one sigmoid kernel, linear output) fused.

    The same arithmetic as ``BatchPass.train_pass`` + ``GD.step``, written out as in-place
    ``np.dot`` and ufunc calls on views prepared once, because at the chapter's size each
    NumPy call's overhead, not the arithmetic, sets the speed. ŷ goes straight into the history
    rows (or, for epochs the thinned history skips, into scratch rows); each epoch keeps its
    step, and the parameters every epoch used are rebuilt from the steps at the block's end, as
    are the block's losses from those ŷ; there the block is also checked for non-finite values
    and stop conditions.
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
    dot, exp, add, sub, mul, copyto = np.dot, np.exp, np.add, np.subtract, np.multiply, np.copyto
    isfinite = math.isfinite
    lr0, decay = t.lr0, t.lr_decay
    ytarget = t.y
    bufs = ws.__dict__.get("_fused_bufs")
    if bufs is None:  # made once per batch: a run(1) call should cost one epoch, not allocations
        bufs = ws._fused_bufs = (
            np.ones_like(A),  # array operands: NumPy converts a scalar on every call
            np.empty((FUSED_BLOCK, N, 1)),  # ŷ of epochs the history does not keep
            np.empty((FUSED_BLOCK + 1, theta.size)),  # the block's start, then each epoch's step
            np.empty((FUSED_BLOCK, N)),  # a block's errors
        )
    ones, SY, steps_out, err = bufs
    start = steps_out[0]  # the parameters at the block's start
    rec = np.reciprocal
    accumulate = np.subtract.accumulate
    SP = t._scratch(FUSED_BLOCK + 1, theta.size)  # each epoch's parameters, rebuilt at the block's end
    ran = 0
    progressed = False
    while ran < n:
        B = _block_size(t, n - ran, deadline, progressed, FUSED_BLOCK)
        if B == 0:
            break
        e0 = t.epoch + 1
        if progressed and deadline is not None and hist.needs_room(e0, B):
            break  # growing or thinning the history copies up to its budget: first thing next call
        progressed = True
        hist.room_for(e0, B)  # may thin the history: rows are counted after it
        if deadline is not None:
            hist.prefault(2 * B)
        n0 = hist.n
        Hp, Hy = hist._params, hist._preds
        Hy3 = Hy.reshape(Hy.shape[0], N, 1)  # each row as an (N, 1) output for ŷ
        # Per epoch: where its ŷ and parameters go, and its step size η·decay^(epoch−1)/N as an
        # array (NumPy converts a scalar operand on every call).
        steps = np.repeat((lr0 * decay ** np.arange(t.epoch, t.epoch + B) / N)[:, None], theta.size, axis=1)
        kept = list(range(B)) if e0 + B - 1 <= hist.keep_all else [
            i for i, e in enumerate(range(e0, e0 + B)) if hist.wants(e)]
        skipped = [i for i in range(B) if i not in kept] if len(kept) < B else []
        yrows = list(SY[:B])
        for r, i in enumerate(kept):
            yrows[i] = Hy3[n0 + r]
        plan = list(zip(yrows, steps_out[1: B + 1], steps, strict=True))
        copyto(start, theta)
        t0 = clock()
        for Yr, Sr, scale in plan:
            dot(negX, convT, Z)  # −z
            exp(Zr, A)
            add(A, ones, A)
            rec(A, A)  # C = 1/(1 + e^(−z))
            dot(A1, denseT, Yr)  # ŷ = Σ λ·C + b12, straight into the history row
            sub(Yr, yv, E)  # δ12 = ŷ − y
            dot(ET, A1, Gd)  # ∂P/∂λ = Σ C·δ12, ∂P/∂b12 = Σ δ12
            mul(E, Wd, D)
            sub(ones, A, T)
            mul(T, A, T)
            mul(D, T, D)  # δ9… = C(1 − C)·λ·δ12
            dot(DT, Xw1, Gc)  # ∂P/∂K = Σ I·δ, ∂P/∂b_conv = Σ δ
            mul(G, scale, Sr)  # the step, kept: the epoch's parameters are rebuilt from the steps
            sub(theta, Sr, theta)
        # Row i: the parameters epoch i used — θ₀ − s₁ − … − sᵢ, the very subtractions the loop
        # made, in its order (an accumulate is sequential), so the same bits as copying θ each
        # epoch, for one call per block instead of one per epoch.
        accumulate(steps_out[: B + 1], 0, None, SP[: B + 1])
        rows = slice(n0, n0 + len(kept))
        Hp[rows] = SP[kept] if skipped else SP[:B]
        if skipped:
            err[kept] = Hy[rows]
            err[skipped] = SY[skipped, :, 0]
            np.subtract(err[:B], ytarget, out=err[:B])
            e = err[:B]
        else:
            e = Hy[rows] - ytarget
        losses = 0.5 * np.einsum("ij,ij->i", e, e) / N  # as BatchPass's small layout: same bits
        if not (isfinite(float(losses.sum())) and isfinite(float(theta.sum()))):
            # Roll back to the block's first epoch and replay it epoch by epoch.
            theta[:] = start
            return ran + run_batch(t, B, loss_below, stop, None)
        hist._loss[rows] = losses[kept]
        hist._epochs[rows] = [e0 + i for i in kept]
        hist.n = n0 + len(kept)
        t.epoch += B
        t.opt.t += B
        last_B = B
        ran += B
        _measure(t, clock() - t0, B)
        loss_hit = None
        if loss_below is not None:
            below = np.flatnonzero(losses < loss_below)
            loss_hit = int(below[0]) if below.size else None
        block = None
        if stop is not None:
            block = Block(np.arange(e0, e0 + B), losses, SP[:B].copy(), theta)
        first = _earliest(loss_hit, stop, t, block)
        if first is not None:
            i, reason = first
            if i < B - 1:  # back to the block's start; replay up to the stop
                theta[:] = start
                hist.n, t.epoch, t.opt.t = n0, e0 - 1, t.opt.t - B
                ran += run_fused(t, i + 1) - B
                t._stopped(reason, loss_below)
                return ran  # the replay set the last update
            t._stopped(reason, loss_below)
            break
        if deadline is not None and clock() > deadline:
            break
    if ran:
        _set_last(t, SP, last_B)
    return ran
