"""Scrolling a settings panel with the wheel scrolls it; a combo box or spin box passed over keeps its
value until the learner has clicked (or tabbed) into it (gui/widgets/wheel_guard.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QScrollArea

from gui.image_lab.lab import ImageLab
from tests.support.window import make_window

pytestmark = pytest.mark.timeout(60)


def wheel(widget, steps: int = -3) -> None:
    """``steps`` notches of the wheel over the middle of ``widget`` (negative: towards the user)."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    for _ in range(abs(steps)):
        event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(), QPoint(0, 120 if steps > 0 else -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)


def value(field):
    return field.currentIndex() if isinstance(field, QComboBox) else field.value()


@pytest.fixture
def lab(qtbot):
    w = ImageLab()
    w.show_dialogs = False
    qtbot.addWidget(w)
    w.resize(1280, 600)  # short enough that the settings scroll
    w.show()
    assert w.wait_idle(10000)
    yield w
    w.shutdown()


def test_the_wheel_over_the_lab_padding_mode_scrolls_the_settings_not_the_mode(qtbot, lab):
    scroll = lab.findChild(QScrollArea, "labControlsScroll")
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the settings must be taller than their pane for this test"
    mode = lab.controls.pad_mode
    before, settings = mode.currentIndex(), lab.settings()
    wheel(mode, -3)
    assert mode.currentIndex() == before and lab.settings() == settings
    assert bar.value() > 0  # the panel scrolled instead
    mode.setFocus()
    qtbot.waitUntil(mode.hasFocus, timeout=2000)
    wheel(mode, -1)
    assert mode.currentIndex() == before + 1  # focused, the field takes the wheel as usual


def test_every_field_of_the_settings_panels_waits_for_focus(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, size=(1280, 720))
    panels = [w.network.experiment_panel, w.network.shape_editor, w.network.stop_panel]
    fields = [f for p in panels for kind in (QComboBox, QAbstractSpinBox) for f in p.findChildren(kind)
              if f.isEnabled() and f.parentWidget() is not None]
    assert len(fields) >= 8
    for field in fields:
        assert field.focusPolicy() != Qt.FocusPolicy.WheelFocus, field.objectName()
        before = value(field)
        wheel(field, 2)
        wheel(field, -1)
        assert value(field) == before, f"{field.objectName()} turned under the wheel without focus"
