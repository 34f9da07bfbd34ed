"""``PaintPacer``: the image-CNN tab tells its worker a frame is drawn only once the window has PAINTED it.

Why: the worker holds training while a frame is "pending" (gui/training/runner.py), so the
GUI thread has the GIL to itself while it draws. Drawing a frame has two parts: the views'
``show_*`` calls, which only make images and call ``update()``, and the paint, which Qt runs
later from a posted ``UpdateRequest`` — posted at *low* priority, so a ``QTimer.singleShot(0)``
queued after the views ran fires BEFORE the paint. Releasing the worker there let it train
through every paint, and the paint's many Python callbacks (pyqtgraph's axes, the tile grids)
each waited for the GIL: measured 100–250 ms GUI stalls at flat out (bench/bench_image_cnn_gui.py).

So ``drawn()`` arms the pacer; the next ``UpdateRequest`` or ``Paint`` of the tab's window
queues the release, which runs once that paint has finished. A fallback timer releases it
anyway when no paint comes (nothing changed on screen, a hidden window), so training never
stalls. The same idea as the Network tab's (MainWindow.eventFilter), for a tab that may live
in any window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 100  # release the worker after this long even when no paint came
PAINTS = (QEvent.Type.UpdateRequest, QEvent.Type.Paint)


class PaintPacer(QObject):
    """Calls ``release()`` once the window showing ``widget`` has painted (or after FALLBACK_MS)."""

    def __init__(self, widget: QWidget, release: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._release = release
        self._window: QWidget | None = None
        self.waiting = False
        self.released_by_paint = 0  # how often a paint released the worker (the fallback: the rest)
        self.released = 0
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._finish)

    def drawn(self) -> None:
        """The views have drawn the frame: release the worker after the paint that shows it."""
        if not self._widget.isVisible():
            self.waiting = False
            self._count_and_release(False)
            return
        window = self._widget.window()
        if window is not self._window:
            if self._window is not None:
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window
        self.waiting = True
        self._fallback.start(FALLBACK_MS)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self.waiting and event.type() in PAINTS:
            QTimer.singleShot(0, self._painted)  # runs once this event (the paint) has been handled
        return False

    def _painted(self) -> None:
        if self.waiting:
            self._finish(by_paint=True)

    def _finish(self, by_paint: bool = False) -> None:
        if not self.waiting:
            return
        self.waiting = False
        self._fallback.stop()
        self._count_and_release(by_paint)

    def _count_and_release(self, by_paint: bool) -> None:
        self.released += 1
        self.released_by_paint += int(by_paint)
        self._release()


__all__ = ["FALLBACK_MS", "PaintPacer"]
