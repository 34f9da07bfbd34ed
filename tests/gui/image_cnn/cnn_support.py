"""Driving the image-CNN tab in tests: a shown tab, waiting until its worker is idle, pixels of a view."""

from __future__ import annotations

import gc

import numpy as np

from gui.image_cnn.tab import ImageCnnTab


def make_tab(qtbot, size=(1366, 768)) -> ImageCnnTab:
    # An earlier test's widgets (pyqtgraph's parentless menus sit in reference cycles) must be
    # collected here, on the GUI thread, not by a collection the worker's allocations trigger.
    gc.collect()
    tab = ImageCnnTab()
    qtbot.addWidget(tab)
    tab.resize(*size)
    tab.show()
    qtbot.waitExposed(tab)
    qtbot.waitUntil(lambda: tab.moment.moment.snapshot is not None, timeout=10000)
    return tab


def idle(qtbot, tab: ImageCnnTab, timeout: int = 20000) -> None:
    """Every command sent so far has been handled and its answers drawn (the worker answers pings in
    order, and its signals reach the GUI thread in the order they were sent)."""
    worker = tab.handle.worker
    for _ in range(100):
        _round_trip(qtbot, tab, timeout)
        if not (worker.playing or worker._run_left > 0 or worker._reader is not None):
            return
        qtbot.waitUntil(lambda: not (worker.playing or worker._reader is not None), timeout=timeout)


def _round_trip(qtbot, tab: ImageCnnTab, timeout: int) -> None:
    got: list[int] = []
    tab.handle.pong.connect(got.append)  # connected before the ping that answers
    token = tab.handle.ping()
    try:
        qtbot.waitUntil(lambda: token in got, timeout=timeout)
    finally:
        tab.handle.pong.disconnect(got.append)


def pixels(widget) -> np.ndarray:
    """The widget as drawn, as an (H, W, 4) array."""
    img = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_RGBA8888)
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.bytesPerLine() * img.height())
    return buf.reshape(img.height(), img.bytesPerLine())[:, : 4 * img.width()].reshape(
        img.height(), img.width(), 4).copy()
