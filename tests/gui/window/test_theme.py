"""View → Theme: System / Light / Dark applied live, remembered, and every text colour actually used
reads at WCAG AA contrast (≥ 4.5:1) on the background it is drawn on (issue 11, item 6)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from gui.widgets.palette import LINE_CONTRAST, TEXT_CONTRAST, contrast
from gui.window.theme import apply_theme_choice
from tests.support.window import idle, make_window

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    idle(qtbot, w)
    yield w
    apply_theme_choice("system")
    w.close()


def _hex(c) -> str:
    return c.name()


def used_text_colours(w) -> list[tuple[str, str, str]]:
    """(where, text colour, background colour) for the texts a learner reads, as drawn now."""
    out = []
    d = w.diagram
    bg = _hex(d.canvas.backgroundBrush().color())
    for name, box in d.bias_boxes.items():
        fill = box.brush().color()
        back = _hex(fill) if fill.alpha() > 200 else bg
        out.append((f"diagram {name}", _hex(box.text_item.brush().color()), back))
    for name, node in d.nodes.items():
        out.append((f"diagram value {name}", _hex(node.value_label.text_item.brush().color()), bg))
    p = w.plots
    pbg = p.theme.background
    for plot in p.plots:
        out.append(("plot axis", _hex(plot.getAxis("left").textPen().color()), pbg))
    for colour in re.findall(r"color:(#[0-9a-fA-F]{6})'>(?!━|╍|┅)", p.pred_plot.titleLabel.text):
        out.append(("plot legend text", colour, pbg))
    html = w.equations.browser.toHtml()
    base = _hex(w.equations.browser.palette().color(QPalette.ColorRole.Base))
    for colour in set(re.findall(r"color:(#[0-9a-fA-F]{6})", html)):
        out.append(("formula result", colour, base))
    pal = w.palette()
    out.append(("window text", _hex(pal.color(QPalette.ColorRole.WindowText)),
                _hex(pal.color(QPalette.ColorRole.Window))))
    w.show_message("a test error", error=True)
    m = re.search(r"color: (#[0-9a-fA-F]{6})", w.message_label.styleSheet())
    out.append(("status error", m.group(1), _hex(pal.color(QPalette.ColorRole.Window))))
    return out


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_every_text_colour_reads_at_aa_contrast(qtbot, window, choice):
    w = window
    w.theme.choose(choice)
    QApplication.processEvents()
    w.actions_.step_sample.trigger()  # a formula with its result coloured
    idle(qtbot, w)
    dark = w.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert dark == (choice == "dark")
    low = [(where, fg, bg, round(contrast(fg, bg), 2)) for where, fg, bg in used_text_colours(w)
           if contrast(fg, bg) < TEXT_CONTRAST]
    assert not low, low
    for curve in w.plots._pred_curves + list(w.plots._param_curves.values()):
        fg = curve.opts["pen"].color().name()
        assert contrast(fg, w.plots.theme.background) >= LINE_CONTRAST, fg


def test_the_choice_is_remembered_and_system_gives_the_desktop_back(qtbot, window, tmp_path):
    w = window
    start = QApplication.palette().color(QPalette.ColorRole.Window).name()
    w.theme.choose("dark")
    QApplication.processEvents()  # Qt hands the new palette to the widgets through its event queue
    assert w.settings.value("view/theme") == "dark"
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert w.plots.layout_widget.backgroundBrush().color().lightness() < 128  # applied live
    w.theme.choose("system")
    QApplication.processEvents()
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == start
    assert w.actions_.theme_actions["system"].isChecked()
