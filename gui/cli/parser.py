"""The whole command line: the window's options and the headless subcommands, and the dispatcher.

``main(argv)`` is the program (``main.py`` and the ``cnn-visualiser`` script call it). Each
subcommand registers itself (``add_*_parser``) and sets ``func``; nothing that needs Qt is
imported before a command that needs it runs.
"""

from __future__ import annotations

import argparse
import sys

from gui.cli.args import PROG, CliError, OneLineParser, guarded
from gui.cli.screenshot import add_screenshot_options, run_screenshot
from gui.cli.train import add_train_parser
from gui.cli.train_cnn import add_train_cnn_parser


def build_parser() -> argparse.ArgumentParser:
    """The command line: window options at the top, and the headless commands."""
    p = OneLineParser(
        prog=PROG,
        description="CNN Visualiser: watch the chapter's hand-made CNN learn, step by step.",
        epilog="Commands: train (the 1D network, headless), train-cnn (the image CNN on the digits "
        "or a folder of images, headless), filter (image-lab filters). With no command the window opens.",
    )
    add_screenshot_options(p)
    p.add_argument("--workspace", metavar="FILE", help="open a saved workspace in the window")
    sub = p.add_subparsers(dest="command", metavar="{train,train-cnn,filter}")
    add_train_parser(sub)
    add_train_cnn_parser(sub)
    try:
        from gui.cli.filter import add_filter_parser
    except ImportError:  # no Qt installed: the headless trainer still works
        pass
    else:
        add_filter_parser(sub)
    return p


def _open_window(args: argparse.Namespace) -> int:
    if args.workspace:  # refuse a bad file before any window opens
        from core.workspace import WorkspaceError, load_workspace

        try:
            load_workspace(args.workspace)
        except WorkspaceError as exc:
            raise CliError(str(exc)) from None
    from gui.window.app import run_gui

    return run_gui([sys.argv[0]], workspace=args.workspace)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    if getattr(args, "lang", None):  # before any window or QApplication exists (gui/window/app.py)
        from gui.window.language import set_launch_language

        set_launch_language(args.lang)
    if getattr(args, "func", None) is not None:
        return guarded(lambda: args.func(args))
    if args.screenshot:
        return guarded(lambda: run_screenshot(args))
    return guarded(lambda: _open_window(args))
