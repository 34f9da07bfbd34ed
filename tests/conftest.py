"""Shared test set-up: run Qt headless. Must run before any Qt import, hence at import time."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property-based tests draw the same examples on every CI run: a failure there is
# reproducible, never a coin toss. Locally they explore new examples each run.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
