"""Shared test set-up: run Qt headless. Must run before any Qt import, hence at import time."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
