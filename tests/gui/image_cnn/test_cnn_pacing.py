"""Fast enough to watch, without lying: every view draws the same moment in every frame, the worker
is released only once the window has painted a frame, and frames are spaced by what they cost.

Behaviour only: the timings themselves are bench/bench_image_cnn_gui.py's business.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from gui.image_cnn.curves import accuracy_text
from gui.image_cnn.pacing import PaintPacer
from gui.image_cnn.worker import GUI_SHARE, ImageCnnWorker
from tests.gui.image_cnn.cnn_support import idle, make_tab

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def tab(qtbot):
    t = make_tab(qtbot)
    yield t
    t.shutdown()


class Seen(QObject):
    """What every view shows right after the tab has drawn a moment (connected after the tab)."""

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.rows: list[tuple] = []

    @Slot(object)
    def look(self, m) -> None:
        s, t = m.snapshot, self.tab
        if s is None or not m.playing:
            return
        self.rows.append((
            s.epoch, s.steps,
            t.curves.accuracy_label.text() == accuracy_text(s),
            t.curves.cursor_epoch() == s.epoch,
            np.array_equal(t.confusion.matrix, s.confusion),
            np.array_equal(t.filters.kernels["conv1.W"], s.model.params["conv1.W"]),
            t.feature_maps.model is s.model,
            t.status.text() == t.status_text(m),
        ))


def test_while_playing_every_view_shows_the_same_moment_in_every_frame(qtbot, tab):
    seen = Seen(tab)
    tab.moment.changed.connect(seen.look)  # after the tab's own slot: the views have drawn
    tab.bar.epoch_limit.setValue(0)
    tab.bar.play.trigger()
    qtbot.waitUntil(lambda: len({r[0] for r in seen.rows}) >= 4, timeout=20000)
    tab.bar.play.trigger()
    idle(qtbot, tab)
    assert len(seen.rows) >= 4
    for row in seen.rows:  # accuracy label, cursor, confusion, kernels, feature maps, status line
        assert all(row[2:]), row


def test_a_frame_is_released_only_after_the_window_has_painted_it(qtbot):
    painted: list[int] = []
    released: list[int] = []

    class Canvas(QWidget):
        def paintEvent(self, event) -> None:  # noqa: N802
            painted.append(len(painted))

    w = Canvas()
    qtbot.addWidget(w)
    w.resize(100, 100)
    w.show()
    qtbot.waitExposed(w)
    pacer = PaintPacer(w, lambda: released.append(len(painted)))
    for _ in range(3):
        before, n = len(painted), len(released)
        w.update()  # what the views do while drawing a frame
        pacer.drawn()
        assert len(released) == n and pacer.waiting  # not before the paint has happened
        qtbot.waitUntil(lambda: not pacer.waiting, timeout=3000)
        assert released[-1] > before  # released once the paint had run
    assert pacer.released == pacer.released_by_paint == 3


def test_a_hidden_view_releases_its_frame_at_once(qtbot):
    released: list[bool] = []
    w = QWidget()
    qtbot.addWidget(w)
    pacer = PaintPacer(w, lambda: released.append(True))
    pacer.drawn()
    assert released == [True] and not pacer.waiting


def test_without_any_paint_the_fallback_releases_the_frame(qtbot):
    released: list[bool] = []
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(50)  # not synchronisation: let the first paint pass, so no paint is due
    pacer = PaintPacer(w, lambda: released.append(True))
    pacer.drawn()  # nothing changed: no paint will come
    qtbot.waitUntil(lambda: released == [True], timeout=3000)
    assert pacer.released_by_paint == 0


@pytest.mark.parametrize("gui_s", [0.005, 0.03, 0.12])
def test_frames_are_spaced_so_drawing_them_takes_at_most_its_share(qtbot, gui_s):
    w = ImageCnnWorker()
    w.configure({})
    w.playing = True
    for i in range(20):  # frames the GUI takes gui_s to draw and paint
        t0 = 100.0 + i
        w._sent(t0)
        w.frame_pending = False  # the window has painted it
        w._note_gui_cost(t0 + gui_s)
    assert w.gui_cost == pytest.approx(gui_s)
    interval = w._frame_interval()
    assert interval >= 1 / w.max_fps
    assert (w._frame_cost + w.gui_cost) / interval <= GUI_SHARE + 1e-9


def test_a_frame_sent_while_paused_does_not_count_as_drawing_time(qtbot):
    w = ImageCnnWorker()
    w.configure({})  # sends a frame while not playing
    w.frame_pending = False
    w.playing = True
    w._note_gui_cost(w._last_emit + 0.8)  # Play pressed 0.8 s later
    assert w.gui_cost == 0.0
