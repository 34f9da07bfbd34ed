"""The CNN tab's learning curves on the smallest screen: labels apart, both plots on one epoch scale."""

from __future__ import annotations

import pyqtgraph as pg
import pytest

from tests.gui.image_cnn.cnn_support import idle, make_tab
from tests.gui.network.test_plot_ticks import drawn_labels

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_the_curves_labels_never_overlap_and_an_epoch_stands_at_one_x(qtbot, size):
    tab = make_tab(qtbot, size=size)
    try:
        tab.handle.run_epochs_now(3)
        idle(qtbot, tab)
        loss, acc = tab.curves.plots
        for plot in (loss, acc):
            labels = drawn_labels(plot.getAxis("left"))
            assert labels, "no value labelled"
            rects = sorted((r for r, _ in labels), key=lambda r: r.top())
            for above, below in zip(rects, rects[1:], strict=False):
                assert above.bottom() <= below.top() + 0.5, [t for _, t in labels]
        # one "epoch" title, under the lower plot: the loss plot keeps its height for the curves
        assert not loss.getAxis("bottom").labelText and acc.getAxis("bottom").labelText == "epoch"
        for epoch in (0, 1, 3):
            xs = [p.getViewBox().mapViewToScene(pg.Point(epoch, 0)).x() for p in (loss, acc)]
            assert abs(xs[0] - xs[1]) < 1.0, f"epoch {epoch} at x {xs}"
    finally:
        tab.shutdown()
