"""The equations panel: the active step-through sub-step's equation, with the core's numbers.

It only draws what ``core.chapter.stepthrough`` formatted (``SubStep`` lines, or the
``summary_lines`` of a snapshot when not stepping); changing the precision
re-renders the stored numbers, nothing is recomputed here.

While training streams frames in (``set_streaming(True)``, the window does it while playing)
the live summary is re-rendered at most ``STREAM_HZ`` times a second, the newest snapshot
winning: text that changes 30 times a second cannot be read anyway (a learner reads it when
paused), and building it plus ``setHtml`` plus the text layout cost ~5 ms of the GUI thread
a frame (bench/bench_gui.py). The title is a ``TextLine``, not a QLabel, so a new title
does not re-lay out the window; unchanged HTML is not set again.
"""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from core.chapter.stepthrough import SubStep, summary_lines
from core.formatting import epoch_text, fmt
from gui.widgets.i18n import say, say_substep_lines
from gui.widgets.palette import theme_for
from gui.widgets.text_line import TextLine

EVERY_LINE_KINDS = ("update", "grad_dense", "delta_out")  # sub-steps where every line is a result
STREAM_HZ = 5.0  # live summaries re-rendered at most this often a second while frames stream in


class EquationsPanel(QWidget):
    """Title, equation lines in a monospace font with the result emphasised, and "step i of n"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("equationsPanel")
        self._precision = 4
        self._net = None
        self._substep: tuple[SubStep, int | None, int | None] | None = None
        self._snap = None
        self._html = ""
        self.streaming = False  # frames stream in (playing): throttle live summaries to STREAM_HZ
        self.max_rate = STREAM_HZ
        self._last_render = -1e9
        self._deferred = None  # the newest live snapshot not rendered yet (streaming)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._render_deferred)

        self.title = TextLine("")
        self.title.setObjectName("equationsTitle")
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.title.setFont(f)
        self.title.setFixedHeight(self.title.fontMetrics().height() + 2)
        self.indicator = QLabel("")
        self.indicator.setObjectName("equationsStepIndicator")
        self.indicator.setToolTip(self.tr("Which click of the step-through this equation is."))
        self.browser = QTextBrowser()
        self.browser.setObjectName("equationsText")
        self.browser.setOpenLinks(False)
        self.browser.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
        self.browser.setToolTip(self.tr("The equation of the highlighted part of the network, with the live "
                                        "numbers."))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), 10.5))
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.browser.setFont(mono)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.indicator)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(2)
        lay.addLayout(head)
        lay.addWidget(self.browser, 1)
        self.setMinimumHeight(120)

    # --------------------------------------------------------------- API
    def set_network(self, net) -> None:
        """The network whose snapshots ``show_snapshot`` will summarise (its names and activation)."""
        self._net = net

    def set_streaming(self, on: bool) -> None:
        """Frames stream in (True) or have stopped (False: what is waiting is shown now)."""
        self.streaming = bool(on)
        if not on:
            self._render_deferred()

    def set_precision(self, digits: int) -> None:
        """Significant figures shown; re-renders the current content from its stored numbers."""
        self._precision = max(1, min(int(digits), 12))
        if self._substep is not None:
            self.show_substep(*self._substep)
        elif self._snap is not None:
            self.show_snapshot(self._snap)

    def show_moment(self, m) -> None:
        """The displayed moment: its sub-step while stepping, else the shown sample's forward pass."""
        if bool(m.playing) != self.streaming:
            self.set_streaming(bool(m.playing))
        sub = m.current_substep
        if sub is not None:
            self.show_substep(sub, m.substep, len(m.step.substeps), m.epoch, m.position_text())
        elif m.snapshot is not None:
            self.show_snapshot(m.snapshot)

    def show_substep(self, substep: SubStep, index: int | None = None, total: int | None = None,
                     epoch: int | None = None, where: str = "") -> None:
        """Show one sub-step of the step-through; ``index`` is 0-based, shown as "step i of n"."""
        self._substep = (substep, index, total, epoch, where)
        self._snap = None
        self._deferred = None
        self._timer.stop()
        title = say(substep.title)
        self.title.setText(title if epoch is None else self.tr("{title} — epoch {epoch}").format(
            title=title, epoch=epoch_text(epoch)))
        if where:
            self.indicator.setText(where)
        else:
            self.indicator.setText(self.tr("step {0} of {1}").format(index + 1, total)
                                   if index is not None and total else "")
        self._set_lines(say_substep_lines(substep, self._precision), substep.kind in EVERY_LINE_KINDS)

    def flush(self) -> None:
        """Show a summary still waiting for its turn now (screenshots, tests)."""
        self._render_deferred()

    def show_snapshot(self, snap) -> None:
        """A summary of the displayed sample's forward pass and loss (when not stepping).

        While streaming, a live snapshot that comes less than 1 / ``max_rate`` s after the last
        one shown waits (replaced by newer ones) and is shown when its turn comes.
        """
        if self.streaming and self.max_rate and getattr(snap, "live", True) and self._substep is None:
            wait = self._last_render + 1.0 / self.max_rate - time.perf_counter()
            if wait > 0:
                self._deferred = snap
                if not self._timer.isActive():
                    self._timer.start(max(1, int(wait * 1000) + 1))
                return
        self._deferred = None
        self._timer.stop()
        self._last_render = time.perf_counter()
        self._snap = snap
        self._substep = None
        live = "" if getattr(snap, "live", True) else self.tr(" (recorded)")
        self.title.setText(self.tr("Forward pass of sample {0} — epoch {1}{live}").format(
            snap.sample + 1, epoch_text(snap.epoch), live=live))
        if self.indicator.text():
            self.indicator.setText("")
        if self._net is None:
            lines = [self.tr("loss = {0}").format(fmt(snap.loss, self._precision))]
        else:
            lines = [say(line) for line in summary_lines(self._net, snap, self._precision)]
        self._set_lines(lines, every_line=True)

    def _render_deferred(self) -> None:
        snap, self._deferred = self._deferred, None
        if snap is not None:
            self._last_render = -1e9
            self.show_snapshot(snap)

    def text(self) -> str:
        """The plain text shown: title, indicator and equation lines (for tests)."""
        parts = [self.title.text()]
        if self.indicator.text():
            parts.append(self.indicator.text())
        parts.append(self.browser.toPlainText())
        return "\n".join(parts)

    # ----------------------------------------------------------- drawing
    def _set_lines(self, lines: list[str], every_line: bool = False) -> None:
        """Lines as HTML with results bold and coloured: the last line's, or every line's when each
        line is its own result (the update, the dense gradients, the summary)."""
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        accent = theme_for(dark).accent  # ≥ 4.5:1 on the panel's background, light or dark

        def esc(text: str) -> str:
            return html.escape(text).replace(" ", "&nbsp;")

        rows = []
        for i, line in enumerate(lines):
            if (every_line or i == len(lines) - 1) and " = " in line:
                head, _, result = line.rpartition(" = ")
                tail = ""
                if "   (" in result:  # a trailing remark after the value
                    result, _, tail = result.partition("   (")
                    tail = "   (" + tail
                rows.append(f"{esc(head)} = <b style='color:{accent}'>{esc(result)}</b>{esc(tail)}")
            else:
                rows.append(esc(line))
        text = "<div style='line-height:135%'>" + "<br>".join(rows) + "</div>"
        if text != self._html:
            self._html = text
            self.browser.setHtml(text)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Re-colour the results when the theme changes."""
        from PySide6.QtCore import QEvent

        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._html = ""
            if self._substep is not None:
                self.show_substep(*self._substep)
            elif self._snap is not None:
                self.show_snapshot(self._snap)
        super().changeEvent(event)
