"""The training plots' curves and legends, built once per network: bounded whatever its size.

A plain mixin of ``TrainingPlots`` (gui/network/plots/training_plots.py), which provides the plots,
the theme and the targets. At most ``frames.MAX_CURVES`` prediction curves and, per plot,
``frames.MAX_PARAM_CURVES`` weights; beyond that the first half of them plus a dotted min–max
band of all, and the legend says so. Colours come from the one palette (gui/widgets/palette.py):
image i and weight K6 have the same colour here as in the data preview and the diagram.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from core.chapter.stepthrough import screen_name
from gui.network.plots.items import GLYPHS, pen
from gui.widgets.palette import image_colour, kernel_style, tap_colour, weight_colour

translate = QCoreApplication.translate

MAX_LEGEND = 8  # more entries than this: a one-line note instead of a legend entry per curve
LEGEND_PER_LINE = 4  # legend entries on one line of a plot's title


class CurveBuilder:
    """Builds the curves and legends (see the module docstring)."""

    def _build_curves(self) -> None:
        from gui.training.frames import MAX_CURVES, MAX_PARAM_CURVES

        net, th = self._net, self.theme
        for plot, cursor in zip(self.plots, self.cursors, strict=True):
            for item in list(plot.listDataItems()):
                plot.removeItem(item)
            for item in list(plot.items):
                if isinstance(item, pg.InfiniteLine) and item is not cursor:
                    plot.removeItem(item)
        n = len(self._targets)
        shown = min(n, MAX_CURVES)
        softmax = net.output == "softmax"
        self._pred_curves, self._target_lines = [], []
        for i in range(shown):
            col = image_colour(i, n, th)
            self._pred_curves.append(self.pred_plot.plot(pen=pen(col)))
            t = 1.0 if softmax else float(self._targets[i])
            line = pg.InfiniteLine(pos=t, angle=0, pen=pen(col, "dash", 1.5))
            line.setToolTip(translate("CurveBuilder", "image {0}: target {t:g}").format(i + 1, t=t))
            self.pred_plot.addItem(line)
            self._target_lines.append(line)
        what = "p(label)" if softmax else "ŷ"
        if n == 1:
            target = translate("CurveBuilder", "target y")
            self._set_legend(self.pred_plot, [(th.text, GLYPHS["solid"], what),
                                              (th.text, GLYPHS["dash"], target)])
        elif n <= MAX_LEGEND:
            image = translate("CurveBuilder", "image {0}")
            entries = [(image_colour(i, n, th), GLYPHS["solid"], image.format(i + 1)) for i in range(n)]
            self._set_legend(self.pred_plot, entries, translate("CurveBuilder", "(dashed: its label)"))
        else:
            self._set_legend(self.pred_plot, [], translate("CurveBuilder", "{what} of images 1–{shown} "
                                                                           "of {n:,} — one colour each; "
                                                                           "dashed: its label").format(
                what=what, shown=shown, n=n))
        self.pred_plot.setLabel("left", what)
        self._param_curves, self._bands = {}, {}
        k = net.kernel_size
        kernel = [(name, tap_colour(i, th), kernel_style(c)) for c, row in enumerate(net.kernel_names)
                  for i, name in enumerate(row)]
        kbias = [(name, th.text, kernel_style(c)) for c, name in enumerate(net.conv_bias_names)]
        self._build_group(self.kernel_plot, "kernel", kernel, kbias, MAX_PARAM_CURVES,
                          translate("CurveBuilder", "{0} kernels of {k}").format(
                              net.n_kernels, k=k) if net.n_kernels > 1 else "")
        dense = [n_ for row in net.output_weight_names for n_ in row]
        dense_specs = [(name, weight_colour(j, len(dense), th), "solid") for j, name in enumerate(dense)]
        dbias = [(name, th.text, "solid" if len(net.output_bias_names) == 1 else "dot")
                 for name in net.output_bias_names]
        self._build_group(self.dense_plot, "dense", dense_specs, dbias, MAX_PARAM_CURVES, "")
        self._loss_curve = self.loss_plot.plot(pen=pen(th.text))
        self._train_loss_curve = self.loss_plot.plot(pen=pen(th.dim_text, "dash"))
        mean = translate("CurveBuilder", "mean loss over the data set")
        self._set_legend(self.loss_plot, [(th.text, GLYPHS["solid"], mean)])
        self.loss_plot.setLabel("left", translate("CurveBuilder", "loss (cross-entropy)") if softmax
                                else translate("CurveBuilder", "loss"))
        self._fit_axis_titles()

    def _build_group(self, plot, group: str, weights: list, biases: list, limit: int, note: str) -> None:
        th = self.theme
        drawn = weights if len(weights) <= limit else weights[: limit // 2]
        entries = []
        for name, col, style in drawn:
            self._param_curves[name] = plot.plot(pen=pen(col, style))
            entries.append((col, GLYPHS[style], screen_name(name)))
        if len(drawn) < len(weights):
            lo = plot.plot(pen=pen(th.dim_text, "dot", 1.5))
            hi = plot.plot(pen=pen(th.dim_text, "dot", 1.5))
            self._bands[group] = (lo, hi)
            band = translate("CurveBuilder", "min–max of all {0}").format(len(weights))
            entries.append((th.dim_text, GLYPHS["dot"], band))
        for name, col, style in biases:
            self._param_curves[name] = plot.plot(pen=pen(col, style))
            entries.append((col, GLYPHS[style], name))
        if len(entries) <= MAX_LEGEND:
            self._set_legend(plot, entries, note)
        else:
            first, last = screen_name(weights[0][0]), screen_name(weights[-1][0])
            kinds = (translate("CurveBuilder", "colour by place in the kernel, line "
                                               "style by kernel") if group == "kernel"
                     else translate("CurveBuilder", "one colour each"))
            hidden = len(weights) - len(drawn)
            extra = translate("CurveBuilder", "; {hidden} more as a min–max band").format(
                hidden=hidden) if hidden else ""
            if len(biases) == 1:
                text = translate("CurveBuilder", "{n} weights {first}…{last}: {kinds}{extra}; biases in the "
                                 "text colour")
            else:
                text = translate("CurveBuilder", "{n} weights {first}…{last}: {kinds}{extra}; biases in "
                                 "text-coloured lines")
            self._set_legend(plot, [], text.format(n=len(weights), first=first, last=last, kinds=kinds,
                                                   extra=extra))

    def _set_legend(self, plot: pg.PlotItem, entries: list[tuple[str, str, str]], note: str = "") -> None:
        """A one-line legend in the plot's title: (colour, line glyph, name) per entry, then a note."""
        th = self.theme
        self._legends[id(plot)] = [n for _, _, n in entries]
        self._legend_specs[id(plot)] = (entries, note)
        parts = [f"<span style='color:{col}; font-weight:bold'>{glyph}</span>&nbsp;"
                 f"<span style='color:{th.text}'>{n}</span>" for col, glyph, n in entries]
        # At most LEGEND_PER_LINE entries a line: the title's width is the plot's minimum width,
        # and one line of eight entries (two kernels) pushed the plots past a 1280-px window.
        lines = ["&nbsp;&nbsp; ".join(parts[i:i + LEGEND_PER_LINE])
                 for i in range(0, len(parts), LEGEND_PER_LINE)]
        if note:
            lines.append(f"<span style='color:{th.text}'>{note}</span>")
        plot.setTitle("<br>".join(lines) if len(parts) > LEGEND_PER_LINE else "&nbsp;&nbsp; ".join(lines),
                      size="8pt")
        height = max(30, int(plot.titleLabel.item.boundingRect().height()) + 2)  # pyqtgraph fixes 30 px
        plot.titleLabel.setMaximumHeight(height)
        plot.layout.setRowFixedHeight(0, height)

    def legend_entries(self, index: int) -> list[str]:
        """The names in plot ``index``'s legend (0 prediction, 1 kernel, 2 output weights, 3 loss)."""
        return list(self._legends.get(id(self.plots[index]), []))

    def legend_text(self, index: int) -> str:
        """The legend's words, note included (for tests: what a learner reads above the plot)."""
        entries, note = self._legend_specs.get(id(self.plots[index]), ([], ""))
        return "  ".join([n for _, _, n in entries] + ([note] if note else []))

