"""What a 1D trainer allocates, computed from its numbers before building it.

A network of 10,000 inputs on 3000 samples needs 3.4 GB (the convolution's window buffers alone
are N·positions·k). ``trainer_bytes`` adds up the arrays ``Network``, ``BatchPass``, ``History``,
the optimiser and dropout make, so ``Trainer`` refuses a size it could not hold, and a workspace
file declaring one is refused before any of it is allocated (core/workspace/sizes.py).
"""

from __future__ import annotations

from core.chapter.batch_pass import SMALL_ELEMENTS, TILE_ELEMENTS
from core.chapter.history import BUDGET_BYTES, KEEP_ALL
from core.i18n import N_

MAX_PARAMS = 10_000_000
MAX_TRAINER_BYTES = 2 * 2**30  # what a trainer may allocate: room to spare on an 8 GB laptop
_SGD_BYTES_PER_SAMPLE = 4096  # sgd keeps one small BatchPass per sample (~3 KB measured)


def shape_sizes(shape: dict) -> dict[str, int]:
    """Feature-map length, feature-map nodes and parameter count of a checked network shape."""
    n, k, nk, s, p, no = (shape[key] for key in ("n_inputs", "kernel_size", "n_kernels", "stride",
                                                  "padding", "n_outputs"))
    if k > n + 2 * p:
        raise ValueError(N_("workspace", "the network's kernel ({k}) is larger than its "
                                         "padded input ({n} inputs + 2·{p} padding)").format(
            k=k, n=n, p=p))
    if shape["output"] == "softmax" and no < 2:
        raise ValueError(N_("workspace", "a softmax output needs at least 2 output nodes"))
    if shape["output"] == "linear" and no != 1:
        raise ValueError(N_("workspace", "a linear output has exactly one node"))
    npos = (n + 2 * p - k) // s + 1
    F = nk * npos
    P = nk * (k + 1) + no * (F + 1)
    if P > MAX_PARAMS:
        raise ValueError(N_("workspace", "the network has {P:,} parameters, more than this "
                                         "app trains ({MAX_PARAMS:,})").format(
            P=P, MAX_PARAMS=MAX_PARAMS))
    return {"npos": npos, "F": F, "P": P}


def history_max_rows(P: int, N: int) -> int:
    """How many rows ``History`` keeps for P parameters and N samples (its own formula)."""
    return max(16, min(2 * KEEP_ALL, BUDGET_BYTES // (8 * (2 + P + N))))


def trainer_bytes(shape: dict, N: int, mode: str, dropout: float) -> int:
    """Roughly what ``Trainer(Network(**shape), X, y)`` allocates for N samples, in bytes.

    The sum of the arrays the network, its ``BatchPass`` buffers, the history, the optimiser
    and dropout make (plus sgd's per-sample buffers and the names' strings), so a file whose
    numbers would exhaust memory is refused before any of it is allocated.
    """
    z = shape_sizes(shape)
    n, k, p, no = shape["n_inputs"], shape["kernel_size"], shape["padding"], shape["n_outputs"]
    npos, F, P = z["npos"], z["F"], z["P"]
    nk = shape["n_kernels"]
    data = N * (n + 1)
    if N * F <= SMALL_ELEMENTS:  # the small layout: whole-batch buffers of every kind
        batch = (N * (n + 2 * p) + 2 * N * npos * (k + 1) + N * npos * nk + N * (F + 1) + 2 * N * F
                 + 4 * N * no)
    else:  # the tiled layout: the windows once, per-sample outputs, cache-sized tiles (measured:
        # 1.29 GB peak for 1,000,000 × 32 in batch mode, which this counts as 1.93 GB)
        batch = N * (n + 2 * p) + N * npos * (k + 1) + 6 * N * no + 8 * TILE_ELEMENTS
    values = 2 * data + batch + 10 * P + 2 * N
    if mode == "sgd":
        values += batch
    elif mode == "minibatch":
        values += batch  # a batch's buffers, built per batch
    if dropout:
        values += 2 * N * F
    hist_rows = min(history_max_rows(P, N), 1024) + 16
    values += max(hist_rows * (2 + P + N), BUDGET_BYTES // 8)
    names = n + nk * k + F + no * F + 3 * P  # Python strings of ~60 bytes (names, index dict)
    extra = _SGD_BYTES_PER_SAMPLE * N if mode == "sgd" else 0
    return 8 * values + 60 * names + extra
