"""``cnn-visualiser --screenshot FILE``: the window rendered offscreen to a PNG (docs, CI, bug reports)."""

from __future__ import annotations

import argparse
import os

from gui.cli.args import CliError, whole_number


def add_screenshot_options(p: argparse.ArgumentParser) -> None:
    """The window's own options: what to show, and where to render it instead of opening it."""
    p.add_argument("--screenshot", metavar="FILE", help="render the window to a PNG and exit")
    p.add_argument("--epochs", type=whole_number(), default=0,
                   help="epochs to train before the screenshot (default 0)")
    p.add_argument("--experiment", choices=["1", "2"], default="1",
                   help="the chapter's experiment to show (default 1)")
    p.add_argument("--lang", choices=["en", "zh_CN"], default=None,
                   help="the window's language for this launch: en (English) or zh_CN (简体中文); "
                   "default: View → Language's choice, else the desktop's")


def run_screenshot(args: argparse.Namespace) -> int:
    """Render the window at the chosen state; an unwritable path is one line, status 2."""
    path = os.path.abspath(args.screenshot)
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        raise CliError(f"cannot write {args.screenshot}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise CliError(f"cannot write {args.screenshot}: permission denied")
    from gui.window.screenshot import render_screenshot

    try:
        render_screenshot(path, epochs=args.epochs, experiment=int(args.experiment))
    except OSError as exc:
        raise CliError(f"cannot write {args.screenshot}: {exc.strerror or exc}") from None
    print(f"screenshot written to {args.screenshot}")
    return 0
