"""Exports: PNG and SVG of a view, atomic, with clear errors."""

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage

from core import Network, Trainer, chapter_dataset
from gui.window.export import ExportError, export_history_csv, export_view


@pytest.fixture
def plot(qtbot):
    w = pg.GraphicsLayoutWidget()
    qtbot.addWidget(w)
    p = w.addPlot(title="loss")
    p.plot([1, 2, 3], [3, 1, 2], name="loss")
    w.addPlot()  # an empty plot: pyqtgraph's SVG exporter fails on it; the fallback must not
    w.resize(400, 200)
    w.show()
    return w


@pytest.mark.timeout(30)
def test_png_export_is_a_real_image_at_twice_the_size(plot, tmp_path):
    out = export_view(plot, tmp_path / "p.png")
    img = QImage(str(out))
    assert not img.isNull() and img.width() >= 700


@pytest.mark.timeout(30)
def test_svg_export_even_with_an_empty_plot(plot, tmp_path):
    out = export_view(plot, tmp_path / "p.svg")
    text = out.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text


@pytest.mark.timeout(30)
def test_bad_export_targets(plot, tmp_path):
    with pytest.raises(ExportError, match="png or .svg"):
        export_view(plot, tmp_path / "p.jpg")
    with pytest.raises(ExportError):
        export_view(plot, tmp_path / "no" / "such" / "dir.png")
    assert list(tmp_path.iterdir()) == []


def test_history_csv(tmp_path):
    X, y = chapter_dataset()
    t = Trainer(Network(), X, y)
    t.run(3)
    out = export_history_csv(t.history, tmp_path / "h.csv")
    assert out.read_text().splitlines()[0].startswith("epoch,K6,K7,K8,b_conv")
    with pytest.raises(ExportError):
        export_history_csv(t.history, tmp_path / "missing" / "h.csv")
