"""The trainer's options checked before anything is built, each refusal a sentence a learner reads.

The window's fields, the command line and a workspace file all reach ``Trainer`` with values a
person typed; a wrong one must say which option and what it got, not fail deep in NumPy.
"""

from __future__ import annotations

import math

from core.i18n import N_
from core.optimizers import OPTIMIZERS

__all__ = ["MAX_LR", "MODES", "check_options"]

MODES = ("batch", "sgd", "minibatch")
MAX_LR = 1e6


def check_options(N: int, lr, mode: str, optimizer: str, batch_size, betas, lr_decay: float,
                  dropout) -> tuple[float, int, tuple]:
    """``(lr, batch_size, betas)`` as the trainer uses them; ValueError names a wrong option."""
    try:
        lr = float(lr)
    except (TypeError, ValueError):
        raise ValueError(N_("trainer", "lr must be a number, got {lr!r}").format(lr=lr)) from None
    if not (math.isfinite(lr) and 0 < lr <= MAX_LR):
        raise ValueError(N_("trainer", "lr must be a positive number no larger than "
                                       "{MAX_LR:g}, got {lr}").format(
            MAX_LR=MAX_LR, lr=lr))
    if mode not in MODES:
        raise ValueError(N_("trainer", "mode must be one of {0}; got {mode!r}").format(
            ', '.join(MODES), mode=mode))
    if optimizer not in OPTIMIZERS:
        raise ValueError(N_("trainer", "optimizer must be one of {0}; got {optimizer!r}").format(
            ', '.join(OPTIMIZERS), optimizer=optimizer))
    if not (math.isfinite(lr_decay) and 0 < lr_decay <= 1):
        raise ValueError(N_("trainer", "lr_decay must be in (0, 1], got {lr_decay}").format(
            lr_decay=lr_decay))
    if not (isinstance(dropout, int | float) and 0 <= dropout < 1):
        raise ValueError(N_("trainer", "dropout must be a probability in [0, 1), got "
                                       "{dropout!r}").format(
            dropout=dropout))
    if mode == "batch":
        batch_size = N
    elif mode == "sgd":
        batch_size = 1
    elif batch_size is None or not 1 <= int(batch_size) <= N:
        raise ValueError(N_("trainer", "batch_size must be between 1 and {N} for minibatch "
                                       "mode").format(
            N=N))
    try:
        betas = tuple(betas)
    except TypeError:
        raise ValueError(N_("trainer", "betas must be two numbers (β1, β2), got {betas!r}").format(
            betas=betas)) from None
    return lr, int(batch_size), betas
