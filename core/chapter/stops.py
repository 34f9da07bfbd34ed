"""Stop conditions a learner can set: an epoch, a loss, a weight crossing a value.

``StopConditions`` is called after every epoch (``Trainer.run(callback=...)``) and
returns the sentence the status bar shows when one fires, or None. Divergence
(a non-finite value) always stops the trainer by itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
class StopConditions:
    """Which conditions are armed; ``check(trainer)`` says which one fired, if any."""

    at_epoch: int | None = None  # stop when this many epochs are complete
    loss_below: float | None = None  # stop when the epoch's loss falls below ε
    weight: str | None = None  # stop when this parameter …
    weight_value: float = 0.0  # … crosses this value (in either direction)
    _previous: float | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.at_epoch is not None and self.at_epoch < 0:
            raise ValueError(f"the stop epoch must be ≥ 0, got {self.at_epoch}")
        if self.loss_below is not None and not (self.loss_below > 0 and math.isfinite(self.loss_below)):
            raise ValueError(f"ε must be a positive number, got {self.loss_below}")
        if not math.isfinite(self.weight_value):
            raise ValueError("the weight's threshold must be a finite number")

    def arm(self, trainer) -> None:
        """Remember the weight's current value (call before a run), checking the name."""
        if self.weight is not None:
            self._previous = trainer.net.get_params()[trainer.net.param_names()[
                trainer.net.param_index(self.weight)]]

    def check(self, trainer) -> str | None:
        """The reason to stop after the epoch just completed, or None to go on."""
        if self.at_epoch is not None and trainer.epoch >= self.at_epoch:
            return f"Stopped at epoch {trainer.epoch}: reached the stop epoch {self.at_epoch}."
        if self.loss_below is not None and trainer.history.n:
            loss = float(trainer.history.loss[-1])
            if loss < self.loss_below:
                return (f"Stopped at epoch {trainer.epoch}: the loss {loss:.3g} fell below "
                        f"ε = {self.loss_below:g}.")
        if self.weight is not None:
            now = trainer.net.get_params()[self.weight]
            before = self._previous
            self._previous = now
            v = self.weight_value
            if before is not None and (before - v) * (now - v) <= 0 and before != now:
                return (f"Stopped at epoch {trainer.epoch}: {self.weight} crossed {v:g} "
                        f"({before:.4g} → {now:.4g}).")
        return None

    def __call__(self, trainer) -> str | None:
        return self.check(trainer)
