"""Every picture in the README, rendered from the app itself offscreen (``make screenshots``).

Docs never drift from the product: each picture is one row of ``SHOTS`` below — what to show
and how to get there — and this script builds the real window offscreen, drives it there and
saves ``widget.grab()``. Adding a picture is adding one row.

    python docs/screenshots.py                  every picture (and the desktop icons)
    python docs/screenshots.py window_dark.png  only the ones named
    python docs/screenshots.py --list           the table
    python docs/screenshots.py --desktop        docs/desktop_start.png: the installed app started from
                                                its desktop entry on a virtual X11 desktop (needs Debian's
                                                xvfb, xdotool and imagemagick; openbox and tint2 if present)

Each picture renders in its own process, so one picture's theme, settings or half-finished
worker never leak into the next. Nothing here needs a display or a CJK font.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ICON_SVG = ROOT / "resources" / "icon.svg"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (48, 64, 128, 256)  # the Makefile's install-desktop copies these into hicolor/NxN/apps


@dataclass(frozen=True)
class Shot:
    """One picture: where it goes and what the window shows in it.

    Applied in this order: window ``size`` and ``theme``; the Experiment panel's ``experiment``
    (and extra ``config`` fields); the Shape editor's ``shape``; ``epochs`` of training; the
    image lab's ``lab`` settings; then ``actions``; then the ``tabs`` named (by their titles) are
    selected, and ``grab`` ("window" or "lab") is saved.

    frames: the epochs are trained in this many runs, each drawn (as Play does); views that
    catch up a little per frame (the accuracy curve) need several.
    actions: "step N" (N presses of Step sample), "hover STAGE MAP Y X" (the pointer over pixel
    (Y, X) of map MAP of an image-lab stage), "split NAME A B …" (the splitter objectName NAME's
    panes in proportions A : B : …, as a learner drags them), "cnn-train N" (Play on the CNN tab
    until its epoch limit N stops it), "cnn-draw" (a 7 drawn on its canvas with the mouse),
    "cnn-step K I J" (validation image 5 stepped through, and the weight-sharing sum of kernel
    weight conv1.W[K, I, J] shown), "cnn-folder" (a generated folder of circles, squares and
    triangles with one damaged file, opened at 16×16).
    lab: "image" (a bundled sample's file name) and any PipelineSettings field.
    lang: the window's language ("en" or "zh_CN"), as ``--lang`` sets it for one launch.
    """

    file: str
    experiment: str = "1"
    epochs: int = 0
    frames: int = 1
    size: tuple[int, int] = (1600, 900)
    theme: str = "light"
    tabs: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    grab: str = "window"
    config: dict = field(default_factory=dict)
    shape: dict = field(default_factory=dict)
    lab: dict = field(default_factory=dict)
    lang: str = "en"


SHOTS: tuple[Shot, ...] = (
    Shot("window_stepthrough.png", experiment="2", epochs=20, actions=("step 12",)),
    Shot("window_fresh.png"),
    Shot("window_exp2_1000.png", experiment="2", epochs=1000),
    Shot("window_two_kernels.png", experiment="2", shape={"n_kernels": 2}, epochs=300, tabs=("Shape",)),
    Shot("window_classification.png", experiment="classes", epochs=300, frames=30, tabs=("Classification",)),
    Shot("window_gradcheck.png", experiment="2", epochs=20, tabs=("Gradient check", "Activation explorer"),
         actions=("step 1", "split centreSplitter 60 40", "split topSplitter 45 55")),
    Shot("lab_brick_sobel.png", grab="lab", tabs=("Image lab",), actions=("hover conv 0 276 181",),
         lab={"image": "brick.png", "kernels": ("sobel-x",), "pool_op": "max"}),
    Shot("lab_cat_three_kernels.png", grab="lab", tabs=("Image lab",), actions=("hover conv 1 101 168",),
         lab={"image": "chelsea.png", "kernels": ("gaussian", "sobel-x", "sobel-y"), "activation": "relu",
              "pool_op": "max", "depth_pool_op": "max"}),
    Shot("window_dark.png", experiment="2", epochs=200, theme="dark"),
    # The gallery: the same two moments at the three common screen sizes, light and dark.
    *(Shot(f"gallery_network_{w}x{h}_{theme}.png", experiment="2", epochs=300, size=(w, h), theme=theme,
           actions=("step 7",))
      for (w, h) in ((1280, 720), (1366, 768), (1920, 1080)) for theme in ("light", "dark")),
    *(Shot(f"gallery_two_kernels_{w}x{h}_{theme}.png", experiment="2", shape={"n_kernels": 2}, epochs=300,
           size=(w, h), theme=theme, tabs=("Shape",))
      for (w, h) in ((1280, 720), (1366, 768), (1920, 1080)) for theme in ("light", "dark")),
    *(Shot(f"gallery_lab_{w}x{h}_{theme}.png", size=(w, h), theme=theme, tabs=("Image lab",),
           actions=("hover conv 1 101 168",),
           lab={"image": "chelsea.png", "kernels": ("gaussian", "sobel-x", "sobel-y"), "activation": "relu",
                "pool_op": "max", "depth_pool_op": "max"})
      for (w, h) in ((1280, 720), (1366, 768), (1920, 1080)) for theme in ("light", "dark")),
    *(Shot(f"gallery_cnn_{w}x{h}_{theme}.png", size=(w, h), theme=theme, tabs=("CNN on images",),
           actions=("cnn-train 3",))
      for (w, h) in ((1280, 720), (1366, 768), (1920, 1080)) for theme in ("light", "dark")),
    # The 简体中文 window (docs/translation.md).
    *(Shot(f"zh_window_{theme}.png", experiment="2", epochs=300, size=(1366, 768), theme=theme, lang="zh_CN",
           actions=("step 5",)) for theme in ("light", "dark")),
    *(Shot(f"zh_lab_{theme}.png", size=(1366, 768), theme=theme, lang="zh_CN", tabs=("图像实验室",),
           actions=("hover conv 0 276 181",),
           lab={"image": "brick.png", "kernels": ("sobel-x", "sobel-y"), "pool_op": "max"})
      for theme in ("light", "dark")),
    Shot("cnn_fresh.png", size=(1366, 768), tabs=("CNN on images",)),
    Shot("cnn_folder.png", size=(1366, 768), tabs=("CNN on images", "Data set"),
         actions=("cnn-folder", "cnn-train 40")),
    Shot("cnn_drawn.png", size=(1366, 768), tabs=("CNN on images", "Draw a digit"),
         actions=("cnn-train 3", "cnn-draw")),
    Shot("cnn_stepthrough.png", size=(1366, 768), tabs=("CNN on images", "Step-through"),
         actions=("cnn-train 3", "cnn-step 0 1 1")),
)


# ---------------------------------------------------------------------------- driving the window
def _wait(condition, what: str, timeout_s: float = 15.0) -> None:
    from gui.window.screenshot import wait_until

    if not wait_until(condition, timeout_s):
        raise RuntimeError(f"timed out waiting for {what}")


def _apply_experiment(window, shot: Shot) -> None:
    if shot.experiment in ("1", "2") and not shot.config:
        return  # build_window_offscreen applied it
    old = window.beyond.net
    window.experiment_panel.set_config({"experiment": shot.experiment, **shot.config})
    if not window.experiment_panel.apply():
        raise RuntimeError(f"{shot.file}: the Experiment panel refused {shot.experiment!r}, {shot.config}")
    _wait(lambda: window.beyond.net is not old and window.diagram.snap is not None, "the new experiment")


def _apply_shape(window, shot: Shot) -> None:
    if not shot.shape:
        return
    editor = window.beyond.shape_editor
    old = window.beyond.net
    editor.set_shape({**editor.shape(), **shot.shape})
    if not editor.apply():
        raise RuntimeError(f"{shot.file}: the Shape editor refused {shot.shape}: {editor.error()}")
    _wait(lambda: window.beyond.net is not old and window.diagram.snap is not None
          and window.diagram.snap.params.keys() == set(window.beyond.net.param_names()), "the new shape")


def _apply_lab(window, shot: Shot) -> None:
    if not shot.lab:
        return
    from gui.image_lab.lab import sample_path

    lab = window.image_lab
    settings = dict(shot.lab)
    image = settings.pop("image", None)
    if image and not lab.load_file(sample_path(image)):
        raise RuntimeError(f"{shot.file}: the lab could not open {image}: {lab.last_error}")
    lab.set_settings(lab.settings().with_(**settings))
    if not lab.wait_idle(15000):
        raise RuntimeError(f"{shot.file}: the lab did not finish filtering")


def _step(window, n: int) -> None:
    for i in range(n):
        window.step_sample()
        _wait(lambda i=i: window.stepping and window.moment.moment.substep == i, f"sub-step {i + 1}")


def _hover(window, stage: str, index: int, y: int, x: int) -> None:
    lab = window.image_lab
    lab.view.pixelHovered.emit(stage, index, y, x)  # what the pointer over that pixel sends
    if not lab.hover_label.text():
        raise RuntimeError(f"nothing shown for {stage} map {index} pixel ({y}, {x})")


def _split(window, name: str, parts: list[int]) -> None:
    from PySide6.QtWidgets import QSplitter

    splitter = window.findChild(QSplitter, name)
    if splitter is None or splitter.count() != len(parts):
        raise RuntimeError(f"no splitter {name!r} with {len(parts)} panes")
    total = sum(splitter.sizes())
    splitter.setSizes([total * p // sum(parts) for p in parts])


def _train(window, epochs: int, frames: int) -> None:
    from gui.window.screenshot import train_and_draw

    done = 0
    for i in range(1, max(1, frames) + 1):
        target = epochs * i // max(1, frames)
        train_and_draw(window, target - done)
        done = target


def _select_tabs(window, titles: tuple[str, ...]) -> None:
    from PySide6.QtWidgets import QTabWidget

    for title in titles:
        for tabs in window.findChildren(QTabWidget):
            index = next((i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == title), -1)
            if index >= 0:
                tabs.setTabVisible(index, True)
                tabs.setCurrentIndex(index)
                break
        else:
            raise RuntimeError(f"no tab titled {title!r}")


def _cnn_train(window, epochs: int) -> None:
    """Play the CNN tab for ``epochs`` epochs (its epoch limit) and wait until it stopped and drew."""
    tab = window.image_cnn
    tab.bar.epoch_limit.setValue(epochs)
    worker = tab.handle.worker
    tab.bar.play.trigger()

    def done() -> bool:
        snap = tab.moment.moment.snapshot
        return not worker.playing and snap is not None and snap.epoch >= epochs

    _wait(done, "the CNN tab's training", 120.0)


def _cnn_draw(window) -> None:
    """Draw a 7 on the CNN tab's canvas with the mouse, as a learner does (it is classified live)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    canvas = window.image_cnn.canvas
    draw, _ = canvas._areas()
    x0, y0, w, h = draw.x(), draw.y(), draw.width(), draw.height()
    stroke = [(0.2, 0.2), (0.5, 0.2), (0.8, 0.2), (0.7, 0.4), (0.6, 0.6), (0.5, 0.8), (0.45, 0.9)]
    points = [QPoint(int(x0 + fx * w), int(y0 + fy * h)) for fx, fy in stroke]
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=points[0])
    for a, b in zip(points, points[1:], strict=False):
        for t in (0.25, 0.5, 0.75, 1.0):
            QTest.mouseMove(canvas, QPoint(int(a.x() + t * (b.x() - a.x())),
                                           int(a.y() + t * (b.y() - a.y()))))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=points[-1])
    if not len(window.image_cnn.probabilities.probabilities):
        raise RuntimeError("the drawn digit was not classified")


def _shapes_folder(root: Path, per_class: int = 100, side: int = 32) -> Path:
    """A learner's own data set: circles, squares and triangles drawn at random places and
    sizes (one sub-folder per class), plus one damaged file the tab must skip and name."""
    import random

    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPolygonF

    rng = random.Random(7)
    for kind in ("circle", "square", "triangle"):
        (root / kind).mkdir(parents=True)
        for i in range(per_class):
            img = QImage(side, side, QImage.Format.Format_RGB32)
            img.fill(QColor(245, 245, 240))
            p = QPainter(img)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(QColor(rng.randint(20, 120), rng.randint(20, 120), rng.randint(60, 200))))
            r = rng.uniform(0.22, 0.38) * side
            cx, cy = rng.uniform(r, side - r), rng.uniform(r, side - r)
            if kind == "circle":
                p.drawEllipse(QPointF(cx, cy), r, r)
            elif kind == "square":
                p.drawRect(int(cx - r), int(cy - r), int(2 * r), int(2 * r))
            else:
                corners = [QPointF(cx, cy - r), QPointF(cx - r, cy + r), QPointF(cx + r, cy + r)]
                p.drawPolygon(QPolygonF(corners))
            p.end()
            img.save(str(root / kind / f"{kind}_{i:03d}.png"))
    (root / "square" / "damaged.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    return root


def _cnn_folder(window) -> None:
    """Open a generated folder of shapes (16×16) on the CNN tab, as Open image folder… does."""
    import tempfile

    tab = window.image_cnn
    folder = _shapes_folder(Path(tempfile.mkdtemp(prefix="cnnviz-shapes-")) / "shapes")
    tab.bar.size.setValue(16)
    tab.open_folder(folder)
    def read() -> bool:  # the new network (three classes) is built and drawn
        snap = tab.moment.moment.snapshot
        return snap is not None and snap.model.layers[-1] == "dense:3"

    _wait(read, "the folder to be read", 60.0)


def _cnn_step(window, kernel: int, i: int, j: int) -> None:
    """Step validation image 5 through the CNN and show the weight-sharing sum of conv1.W[kernel, i, j]."""
    tab = window.image_cnn
    tab.feature_maps.pick("validation", 4)
    tab.stepthrough.start_button.click()
    _wait(lambda: tab.moment.moment.stepping, "the CNN step-through")
    while tab.stepthrough.next_button.isEnabled():  # forward, backward, to the gradients
        tab.stepthrough.next_button.click()
    tab.filters.weightPicked.emit("conv1.W", (kernel, i, j, 0))
    if not tab.stepthrough.terms_text.toPlainText():
        raise RuntimeError("no gradient terms shown")


def _run_actions(window, shot: Shot) -> None:
    for action in shot.actions:
        verb, *args = action.split()
        if verb == "step":
            _step(window, int(args[0]))
        elif verb == "hover":
            _hover(window, args[0], *(int(a) for a in args[1:]))
        elif verb == "split":
            _split(window, args[0], [int(a) for a in args[1:]])
        elif verb == "cnn-train":
            _cnn_train(window, int(args[0]))
        elif verb == "cnn-draw":
            _cnn_draw(window)
        elif verb == "cnn-step":
            _cnn_step(window, *(int(a) for a in args))
        elif verb == "cnn-folder":
            _cnn_folder(window)
        else:
            raise ValueError(f"{shot.file}: unknown action {action!r} "
                             "(step, hover, split, cnn-train, cnn-draw, cnn-step, cnn-folder)")


def render(shot: Shot, out_dir: Path) -> Path:
    """Render ``shot`` into ``out_dir`` (in this process) and return the file written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from gui.window.app import application, dark_palette, use_palette
    from gui.window.language import set_launch_language
    from gui.window.screenshot import build_window_offscreen, settle

    set_launch_language(shot.lang)  # before the QApplication exists, as --lang does
    app = application()
    if shot.theme == "dark":
        app.setStyle("Fusion")
        use_palette(app, dark_palette())
    elif shot.theme != "light":
        raise ValueError(f"{shot.file}: theme must be light or dark, not {shot.theme!r}")
    start = int(shot.experiment) if shot.experiment in ("1", "2") else 1
    window = build_window_offscreen(start, size=shot.size)
    try:
        _apply_experiment(window, shot)
        _apply_shape(window, shot)
        _train(window, shot.epochs, shot.frames)
        _apply_lab(window, shot)
        _select_tabs(window, shot.tabs)
        settle(window, 200)
        _run_actions(window, shot)
        settle(window, 300)
        widget = {"window": window, "lab": window.image_lab}[shot.grab]
        path = out_dir / shot.file
        if not widget.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path
    finally:
        window.close()
        window.shutdown()
        window.deleteLater()
        QApplication.processEvents()


def render_icons(svg: Path = ICON_SVG, out_dir: Path = ICONS, sizes=ICON_SIZES) -> list[Path]:
    """The app icon as PNGs (``cnn-visualiser-N.png``) for desktops that want a bitmap (hicolor NxN)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    # A QApplication, not a QGuiApplication: whatever runs next in this process (the screenshots,
    # a test) may build widgets, and Qt aborts on a widget under a QGuiApplication.
    _app = QApplication.instance() or QApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG Qt can draw")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for n in sizes:
        image = QImage(n, n, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out_dir / f"cnn-visualiser-{n}.png"
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written


def desktop_start(out: Path, venv: Path) -> Path:
    """The desktop entry ``make install-desktop`` writes, started as a launcher would, on Xvfb.

    ``venv`` holds the installed ``cnn-visualiser`` (a wheel installed there, or this checkout's
    .venv); the entry goes to a temporary XDG_DATA_HOME, so the user's menu is not touched.
    """
    import shlex
    import shutil
    import tempfile

    for tool in ("Xvfb", "xdotool", "import"):
        if not shutil.which(tool):
            raise SystemExit(f"--desktop needs {tool}: apt-get install xvfb xdotool imagemagick")
    tmp = Path(tempfile.mkdtemp(prefix="cnnvis-desktop-"))
    env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data"), "HOME": str(tmp / "home"), "DISPLAY": ":77"}
    env.pop("QT_QPA_PLATFORM", None)
    subprocess.run(["make", "--no-print-directory", "-o", f"{venv}/.installed", f"VENV={venv}",
                    "install-desktop"], cwd=ROOT, env=env, check=True)
    entry = (tmp / "data" / "applications" / "cnn-visualiser.desktop").read_text(encoding="utf-8")
    argv = shlex.split(next(line[5:] for line in entry.splitlines() if line.startswith("Exec=")))
    started = [subprocess.Popen(["Xvfb", ":77", "-screen", "0", "1680x1050x24", "-nolisten", "tcp"],
                                stderr=subprocess.DEVNULL)]
    try:
        time.sleep(1)
        for extra in ("openbox", "tint2"):  # a title bar and a task bar show the icon
            if shutil.which(extra):
                started.append(subprocess.Popen([extra], env=env, stderr=subprocess.DEVNULL))
        started.append(subprocess.Popen(argv, env=env, cwd=tmp))
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "CNN Visualiser"],
                       env=env, check=True, timeout=60, stdout=subprocess.DEVNULL)
        time.sleep(4)  # the first frame, the plots and the task bar's icon
        subprocess.run(["import", "-window", "root", str(out)], env=env, check=True)
        return out
    finally:
        for p in reversed(started):
            p.terminate()
            p.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("names", nargs="*", help="file names from the table (default: all, and the icons)")
    p.add_argument("--out", type=Path, default=DOCS, help="folder to write to (default docs/)")
    p.add_argument("--list", action="store_true", help="print the table and exit")
    p.add_argument("--desktop", action="store_true", help="docs/desktop_start.png on Xvfb (see above)")
    p.add_argument("--venv", type=Path, default=Path(sys.prefix),
                   help="with --desktop: the environment the app is installed in (default: this one)")
    p.add_argument("--one", help=argparse.SUPPRESS)  # render one shot in this process
    args = p.parse_args(argv)
    by_name = {s.file: s for s in SHOTS}
    if args.list:
        for s in SHOTS:
            print(s)
        return 0
    if args.desktop:
        print(desktop_start(args.out / "desktop_start.png", args.venv.resolve()))
        return 0
    if args.one:
        print(render(by_name[args.one], args.out))
        return 0
    unknown = [n for n in args.names if n not in by_name]
    if unknown:
        p.error(f"not in the table: {', '.join(unknown)} (see --list)")
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name in args.names or list(by_name):
        t0 = time.monotonic()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        r = subprocess.run([sys.executable, __file__, "--one", name, "--out", str(args.out)], env=env,
                           capture_output=True, text=True, check=False)
        if r.returncode:
            failed += 1
            print(f"FAILED {name}:\n{r.stderr.strip()}", file=sys.stderr)
        else:
            print(f"{r.stdout.strip()}  ({time.monotonic() - t0:.1f} s)")
    if not args.names:
        for path in render_icons():
            print(path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # run as a script from a checkout: import core/gui from here
    sys.exit(main())
