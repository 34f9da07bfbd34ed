"""``wrap_words``: a label's word wrap switched only when it changes.

The hover panes show prose (wrapped to the pane) and tables of numbers (never broken: they scroll
sideways) in turn, on every mouse move; ``QLabel.setWordWrap`` re-measures the text even when the
setting stays, so the panes ask it only when it differs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def wrap_words(label: QLabel, on: bool) -> None:
    """Word wrap on or off for ``label``, touching it only when that changes."""
    if label.wordWrap() != on:
        label.setWordWrap(on)


__all__ = ["wrap_words"]
