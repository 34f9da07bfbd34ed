"""Driving the real main window in tests: a private window, waiting until it is idle, and the one
question every consistency test asks — does every view show the core's numbers of the displayed moment?
"""

from __future__ import annotations

import gc
import re

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from core.formatting import MINUS, epoch_text, fmt
from gui import MainWindow
from gui.network.diagram.text import display_name


def make_window(qtbot, tmp_path, size=(1366, 768), name="settings.ini") -> MainWindow:
    """A shown MainWindow with private settings, the chapter's experiment 1 drawn.

    First collects the garbage here, on the GUI thread: a hypothesis test makes a window per
    example, and a window closed by the previous example and left in a reference cycle was
    otherwise collected by this window's training thread (seen once in 20 GUI runs: 12
    ``setVisible`` calls off the GUI thread, from inside ``Trainer.__init__``)."""
    gc.collect()
    settings = QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, restore=False, load_image=False)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.frames_drawn > 0 and w.moment.moment.snapshot is not None, timeout=5000)
    w.network.shape_editor.confirm_discard = lambda: True  # tests answer "discard" themselves
    return w


def open_with_settings(qtbot, settings: QSettings, restore: bool = True,
                       load_image: bool = False) -> MainWindow:
    """A shown MainWindow on ``settings`` (restoring them, as a launch does), its worker ready."""
    w = MainWindow(settings=settings, restore=restore, load_image=load_image)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.frames_drawn > 0 and w.worker.worker.trainer is not None, timeout=5000)
    return w


def run_now(qtbot, w: MainWindow, n: int) -> None:
    """Train n epochs in the worker and wait until the window shows them."""
    target = w.worker.worker.trainer.epoch + n
    w.worker.run_epochs_now(n)
    qtbot.waitUntil(lambda: w.epoch_label.text() == f"Epoch {target:,}", timeout=10000)


def idle(qtbot, w: MainWindow, timeout: int = 10000) -> None:
    """Wait until the worker has handled every command sent so far and the views have drawn it.

    The worker answers ``ping`` after every earlier command (its queue is in order), and its
    answers reach the GUI thread in the order they were sent, so once ``pong`` is here every
    frame before it has been drawn; ``flush`` draws what a throttle was holding back.
    """
    worker = w.worker.worker

    def busy() -> bool:
        return worker.playing or worker._run_left > 0

    def round_trip() -> None:
        got: list[int] = []
        w.worker.pong.connect(got.append)  # connected before the ping that makes it fire
        token = w.worker.ping()
        try:
            qtbot.waitUntil(lambda: token in got, timeout=timeout)
        finally:
            w.worker.pong.disconnect(got.append)

    # A run ends by setting its counter to 0 and *then* sending its last frame, so "not busy"
    # seen from here is only settled by one more round trip after it.
    for _ in range(100):
        round_trip()
        if not busy():
            round_trip()
            if not busy():
                break
        qtbot.waitUntil(lambda: not busy(), timeout=timeout)  # Run N or Play: until it ends
    w.flush()


def label(w: MainWindow, object_name: str) -> str:
    return w.findChild(QLabel, object_name).text()


def expected_moment(w: MainWindow) -> dict:
    """What the core says the displayed moment is: its epoch, parameters, node values and loss.

    Read from the worker's trainer, which is idle after ``idle`` (never while it trains).
    """
    t = w.worker.worker.trainer
    m = w.moment.moment
    live = True
    if m.stepping:
        sf = m.step
        upd = sf.step.get("update")
        if upd is not None and m.substep >= sf.update_index:
            params, epoch = t.net.get_params(), t.epoch
        else:
            params = dict(upd["before"]) if upd is not None else t.net.get_params()
            epoch = int(sf.step["epoch"]) - 1
    elif not m.live:
        live = False
        row = t.history.row_for_epoch(m.epoch + 1)
        epoch = int(t.history.epochs[row]) - 1
        params = dict(zip(t.net.param_names(), map(float, t.history.param_matrix[row]), strict=True))
    else:
        params, epoch = t.net.get_params(), t.epoch
    net = t.net.copy()
    net.set_params(params)
    sample = m.sample
    mask = t.mask_for(sample) if live else None
    forward = net.forward(t.X[sample], mask)
    loss = net.loss(t.X, t.y)  # the mean over the data set, without dropout
    return {"epoch": epoch, "params": params, "forward": forward, "loss": loss, "live": live,
            "net": net, "sample": sample}


def _plain(text: str) -> str:
    return text.replace(MINUS, "-")


def inconsistencies(w: MainWindow) -> list[str]:
    """Every place where the window disagrees with the core's displayed moment (empty: none)."""
    exp = expected_moment(w)
    p = w.status.precision
    m = w.moment.moment
    problems = []
    if m.epoch != exp["epoch"]:
        problems.append(f"moment epoch {m.epoch} != core {exp['epoch']}")
    want_epoch = f"Epoch {epoch_text(exp['epoch'])}" + ("" if exp["live"] else " (recorded)")
    if label(w, "epochLabel") != want_epoch:
        problems.append(f"status epoch {label(w, 'epochLabel')!r} != {want_epoch!r}")
    want_loss = f"Mean loss {fmt(exp['loss'], p)}"
    if label(w, "lossLabel") != want_loss:
        problems.append(f"status loss {label(w, 'lossLabel')!r} != {want_loss!r}")
    d = w.diagram
    for name, value in exp["params"].items():
        text = d.label_text(name)
        want = f"{display_name(name)} {fmt(value, p)}"
        if text and text != want:
            problems.append(f"diagram {name}: {text!r} != {want!r}")
    net = exp["net"]
    fw = exp["forward"]
    for node in net.fmap_flat:
        text = d.label_text(node)
        if text and not text.startswith(fmt(fw[node], p)):
            problems.append(f"diagram {node}: {text!r} does not show {fmt(fw[node], p)}")
    for node in net.output_names:
        text = d.label_text(node)
        if text and fmt(fw[node], p) not in text:
            problems.append(f"diagram {node}: {text!r} does not show {fmt(fw[node], p)}")
    eq = w.equations.text()
    title = eq.splitlines()[0] if eq else ""
    if f"epoch {epoch_text(exp['epoch'])}" not in title:
        problems.append(f"formula title {title!r} names another epoch than {exp['epoch']}")
    epochs_named = {int(n.replace(",", "")) for n in re.findall(r"epoch ([\d,]+)", _plain(eq))}
    if epochs_named - {exp["epoch"]}:
        problems.append(f"formulas name epochs {sorted(epochs_named)} besides {exp['epoch']}")
    if not m.stepping and f"mean loss over the data set = {fmt(exp['loss'], p)}" not in eq:
        problems.append("formulas' mean loss differs from the core's")
    if w.plots.cursor_epoch() != exp["epoch"]:
        problems.append(f"plot cursor at {w.plots.cursor_epoch()} != {exp['epoch']}")
    note = w.plots.epoch_note.text()
    if not note.startswith(f"epoch {epoch_text(exp['epoch'])} "):
        problems.append(f"plot note {note!r}")
    return problems
