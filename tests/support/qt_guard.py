"""Widgets only from the GUI thread: wrap widget methods and record every call made from another thread.

Why: Qt's widgets are not thread-safe. PySide6 runs a plain Python callable (a lambda, a bound
method of a non-QObject) connected to a worker's signal *in the worker's thread*, so
``worker.progress.connect(lambda d, t: bar.setValue(d))`` touches the bar from the training
thread — undefined behaviour that usually works, until it crashes. Qt itself checks almost none
of this, so the suite does: :func:`install` replaces the methods below (on every class that
defines them itself, so ``QDialog.setVisible`` is covered as well as ``QWidget.setVisible``) by
wrappers that compare ``QThread.currentThread()`` with the application's thread and record a
:class:`Violation` (method, caller's file:line, thread) when they differ. The call itself still
happens: the guard observes, it does not change behaviour. tests/conftest.py fails a GUI test
that recorded any.

Only calls made from Python are seen (Qt's C++ calling its own methods is not, and needs not be).
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from dataclasses import dataclass, field

#: (module, base class, methods): each method is wrapped on every subclass of the base in that
#: module that defines it itself.
TARGETS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("QtWidgets", "QWidget", (
        "setWindowTitle", "setWindowModified", "setVisible", "show", "hide", "close", "setEnabled",
        "setDisabled", "setToolTip", "setStatusTip", "update", "repaint", "resize", "move", "setGeometry",
        "setStyleSheet", "setFocus", "raise_", "lower", "setFixedSize", "setMinimumSize", "setMaximumSize",
        "adjustSize", "setCursor", "setPalette", "setFont")),
    ("QtWidgets", "QLabel", ("setText", "setPixmap", "setNum", "clear")),
    ("QtWidgets", "QAbstractButton", ("setText", "setChecked", "setIcon", "click", "toggle")),
    ("QtWidgets", "QProgressBar", ("setValue", "setRange", "setMinimum", "setMaximum", "setFormat", "reset")),
    ("QtWidgets", "QAbstractSlider", ("setValue", "setRange")),
    ("QtWidgets", "QAbstractSpinBox", ("setValue", "setRange", "setMinimum", "setMaximum", "clear")),
    ("QtWidgets", "QLineEdit", ("setText", "clear")),
    ("QtWidgets", "QPlainTextEdit", ("setPlainText", "appendPlainText", "clear")),
    ("QtWidgets", "QTextEdit", ("setPlainText", "setHtml", "setText", "append", "clear")),
    ("QtWidgets", "QComboBox", ("setCurrentIndex", "setCurrentText", "addItem", "addItems", "clear")),
    ("QtWidgets", "QStatusBar", ("showMessage", "clearMessage")),
    ("QtWidgets", "QTabWidget", ("setCurrentIndex", "setTabText", "setTabEnabled", "setTabVisible")),
    ("QtWidgets", "QStackedWidget", ("setCurrentIndex", "setCurrentWidget")),
    ("QtWidgets", "QGraphicsItem", ("setVisible", "show", "hide", "setPos", "update")),
    ("QtGui", "QAction", ("setEnabled", "setChecked", "setText", "setVisible", "setToolTip", "trigger",
                          "setShortcut")),
)
#: pyqtgraph's drawing calls (its items are QGraphicsObjects, drawn by the GUI thread's scene).
PYQTGRAPH_TARGETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("PlotDataItem", ("setData", "clear")), ("PlotCurveItem", ("setData", "clear")),
    ("ScatterPlotItem", ("setData", "clear")), ("ImageItem", ("setImage",)), ("TextItem", ("setText",)),
    ("InfiniteLine", ("setValue",)), ("BarGraphItem", ("setOpts",)),
)

_HERE = os.path.abspath(__file__)


@dataclass(frozen=True)
class Violation:
    """A widget method called off the GUI thread."""

    method: str  # e.g. "QWidget.setWindowTitle"
    caller: str  # "path/to/file.py:87" — the first frame outside this module
    thread: str  # the calling thread's name
    stack: tuple[str, ...] = field(default=(), compare=False)  # the last frames, for the report

    def __str__(self) -> str:
        return f"{self.method} called from thread {self.thread!r} at {self.caller}"


class ThreadGuard:
    """Installs the wrappers once; collects violations until :meth:`take` is called."""

    def __init__(self) -> None:
        self._originals: list[tuple[type, str, object]] = []
        self._lock = threading.Lock()
        self._violations: list[Violation] = []
        self._gui_ident: int | None = None  # the Python id of the application's thread, once seen
        self._local = threading.local()  # per thread: inside a guarded call (only the outer one counts)
        self.installed = False

    # ------------------------------------------------------------ install / uninstall
    def install(self) -> None:
        """Wrap every target method (idempotent). Call before widgets are made, on the GUI thread."""
        if self.installed:
            return
        from PySide6 import QtGui, QtWidgets

        modules = {"QtWidgets": QtWidgets, "QtGui": QtGui}
        for module_name, base_name, names in TARGETS:
            module = modules[module_name]
            base = getattr(module, base_name)
            for cls in _classes(module, base):
                for name in names:
                    if name in cls.__dict__:
                        self._wrap(cls, name, f"{cls.__name__}.{name}")
        try:
            import pyqtgraph as pg
        except ImportError:  # pragma: no cover - pyqtgraph is a dependency
            pg = None
        if pg is not None:
            for cls_name, names in PYQTGRAPH_TARGETS:
                cls = getattr(pg, cls_name, None)
                for name in names:
                    if cls is not None and name in cls.__dict__:
                        self._wrap(cls, name, f"pyqtgraph.{cls_name}.{name}")
        self.installed = True

    def uninstall(self) -> None:
        for cls, name, original in reversed(self._originals):
            setattr(cls, name, original)
        self._originals.clear()
        self.installed = False

    def _wrap(self, cls: type, name: str, label: str) -> None:
        original = cls.__dict__[name]
        if isinstance(original, (staticmethod, classmethod)) or not callable(original):
            return
        guard = self
        local = self._local

        def guarded(self_, *args, **kwargs):
            if getattr(local, "inside", False):  # e.g. hide() calling the wrapped setVisible back
                return original(self_, *args, **kwargs)
            guard._check(label)
            local.inside = True
            try:
                return original(self_, *args, **kwargs)
            finally:
                local.inside = False

        guarded.__name__ = name
        guarded.__qualname__ = f"{cls.__name__}.{name}"
        guarded.__doc__ = getattr(original, "__doc__", None)
        guarded.__wrapped__ = original
        setattr(cls, name, guarded)
        self._originals.append((cls, name, original))

    # ------------------------------------------------------------ the check
    def _is_gui_thread(self) -> bool:
        """``QThread.currentThread() is app.thread()``, asked of Qt until the GUI thread has called
        once; from then on the same answer from its Python thread id, so a worker thread asks Qt
        nothing (a guarded call may come from a widget's destructor run there, see docs/testing.md)."""
        if self._gui_ident is not None:
            return threading.get_ident() == self._gui_ident
        from PySide6.QtCore import QCoreApplication, QThread

        app = QCoreApplication.instance()
        if app is None:  # no application yet: nothing can be drawn, nothing to check
            return True
        if QThread.currentThread() is app.thread():
            self._gui_ident = threading.get_ident()
            return True
        return False

    def _check(self, label: str) -> None:
        if self._is_gui_thread():
            return
        frames = [f for f in traceback.extract_stack(sys._getframe(2), limit=12)
                  if os.path.abspath(f.filename) != _HERE]
        caller = f"{_short(frames[-1].filename)}:{frames[-1].lineno}" if frames else "?"
        stack = tuple(f"{_short(f.filename)}:{f.lineno} in {f.name}" for f in frames[-6:])
        v = Violation(label, caller, threading.current_thread().name, stack)
        with self._lock:
            self._violations.append(v)

    def take(self) -> list[Violation]:
        """The violations recorded since the last call (and forget them)."""
        with self._lock:
            out, self._violations = self._violations, []
        return out


def _classes(module, base: type) -> list[type]:
    """Every subclass of ``base`` in ``module``. ``getattr``, not ``vars``: PySide6 creates its
    classes lazily, on first access, so the module's dict may hold placeholders until then."""
    out = []
    for name in dir(module):
        value = getattr(module, name, None)
        if isinstance(value, type) and issubclass(value, base):
            out.append(value)
    return out


def _short(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive (Windows)
        return path
    return path if rel.startswith("..") else rel


def describe(violations: list[Violation]) -> str:
    """One failure message: each distinct (method, caller) once, with a count and its stack."""
    seen: dict[tuple[str, str], list[Violation]] = {}
    for v in violations:
        seen.setdefault((v.method, v.caller), []).append(v)
    lines = [f"{len(violations)} widget call(s) off the GUI thread (Qt widgets are GUI-thread only; "
             "connect worker signals to a slot of a QObject living on the GUI thread):"]
    for (_method, _caller), group in seen.items():
        v = group[0]
        lines.append(f"  {v} ({len(group)}×)")
        lines += [f"      {frame}" for frame in v.stack]
    return "\n".join(lines)


#: The one guard of a test run (tests/conftest.py installs it).
GUARD = ThreadGuard()
