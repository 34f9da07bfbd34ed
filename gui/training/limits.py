"""The epoch limit: where playing and Run N stop, and the sentence that says so."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.formatting import epoch_text

translate = QCoreApplication.translate

DEFAULT_EPOCH_LIMIT = 1000  # the chapter trains 1000 epochs
NO_LIMIT = 2**62  # an epoch limit of 0 means "no limit" (the experiment panel says so)


def limit_from(value) -> int:
    """The epoch limit from a setting: None → the chapter's 1000, 0 → no limit; ValueError below 0."""
    if value is None:
        return DEFAULT_EPOCH_LIMIT
    n = int(value)
    if n < 0:
        raise ValueError(translate("Limits", "the epoch limit must be 0 (no limit) or more, got "
                                             "{n}").format(
            n=n))
    return NO_LIMIT if n == 0 else n


def epoch_limit_message(limit: int) -> str:
    """The status-bar sentence shown when playing reaches the epoch limit."""
    return translate("Limits", "Reached the epoch limit ({0}).").format(epoch_text(limit))
