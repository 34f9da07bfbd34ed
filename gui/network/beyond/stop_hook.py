"""The stop panel's conditions as the trainer's callback, remembering which one fired."""

from __future__ import annotations

from core.chapter.stops import StopConditions


class StopHook:
    """The stop panel's conditions as ``Trainer.run``'s callback; remembers which one fired.

    ``StopConditions`` compares a weight with its value after the previous epoch it saw; when
    epochs passed unseen (a step, a reset, a new trainer) it takes the value the last epoch
    started from out of the history instead, so a crossing in that epoch is still caught.
    """

    def __init__(self, cond: StopConditions) -> None:
        self.cond = cond
        self.fired: str | None = None
        self._trainer = None
        self._seen = -1

    def __call__(self, trainer) -> str | None:
        cond = self.cond
        try:
            if cond.weight is not None and (trainer is not self._trainer or self._seen != trainer.epoch - 1):
                h = trainer.history
                if h.n and int(h.epochs[-1]) == trainer.epoch:  # row e: the parameters used in epoch e
                    cond._previous = float(h.param_matrix[-1][trainer.net.param_index(cond.weight)])
                else:
                    cond.arm(trainer)
            self._trainer, self._seen = trainer, trainer.epoch
            verdict = cond.check(trainer)
        except (KeyError, ValueError, IndexError):  # the weight is not in this network
            cond.weight = None
            return None
        if verdict:
            self.fired = verdict
        return verdict

    def take(self) -> str | None:
        """The sentence of the condition that fired (once), for the status bar."""
        reason, self.fired = self.fired, None
        return reason
