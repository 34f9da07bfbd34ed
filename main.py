"""CNN Visualiser — entry point.

    python main.py                       open the window
    python main.py --screenshot F.png    render the window to a PNG without a display
    python main.py train …               train headless and print a summary
    python main.py filter IMAGE …        run the image lab's filters headless

Bad arguments or data print one line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import math
import sys

EXIT_USAGE = 2
MAX_COUNT = 10**9  # epochs or batch sizes beyond this are typos (a billion epochs is hours already)


class CliError(Exception):
    """A user mistake on the command line: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line ("error: …") and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"error: {message} (try --help)\n")


def _positive_int(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if v < 0:
        raise argparse.ArgumentTypeError(f"{v} is negative")
    if v > MAX_COUNT:
        raise argparse.ArgumentTypeError(f"{v} is more than {MAX_COUNT:,}")
    return v


def _finite_float(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(v):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return v


def build_parser() -> argparse.ArgumentParser:
    """The command line: window options at the top, and the headless commands."""
    from core import ACTIVATIONS, MODES, OPTIMIZERS
    from core.chapter.network import INITS

    p = _Parser(
        prog="python main.py",
        description="CNN Visualiser: watch the chapter's hand-made CNN learn, step by step.",
        epilog="Commands: train (headless training), filter (image-lab filters). "
        "With no command the window opens.",
    )
    p.add_argument("--screenshot", metavar="FILE", help="render the window to a PNG and exit")
    p.add_argument("--epochs", type=_positive_int, default=0,
                   help="epochs to train before the screenshot (default 0)")
    p.add_argument("--experiment", choices=["1", "2"], default="1",
                   help="the chapter's experiment to show (default 1)")
    p.add_argument("--workspace", metavar="FILE", help="open a saved workspace in the window")
    sub = p.add_subparsers(dest="command", metavar="{train,filter}")

    t = sub.add_parser("train", help="train headless and print a summary")
    t.error = p.error  # type: ignore[method-assign]
    t.add_argument("--experiment", choices=["1", "2"], default=None,
                   help="1: the chapter's single sample; 2: its ten images (default 1)")
    t.add_argument("--data", metavar="FILE.csv",
                   help="train on a CSV file instead (each row: values, then the label)")
    t.add_argument("--epochs", type=_positive_int, default=1000, help="epochs to run (default 1000)")
    t.add_argument("--lr", type=_finite_float, default=None, help="learning rate η (default 0.2)")
    t.add_argument("--mode", choices=MODES, default=None, help="when to update (default batch)")
    t.add_argument("--batch-size", type=_positive_int, default=None,
                   help="samples per update in minibatch mode")
    t.add_argument("--optimizer", choices=OPTIMIZERS, default=None, help="default gd (the chapter's)")
    t.add_argument("--seed", type=int, default=None, help="initialisation seed (default 13, the chapter's)")
    t.add_argument("--activation", choices=list(ACTIVATIONS), default=None,
                   help="feature-map activation (default sigmoid)")
    t.add_argument("--init", choices=INITS, default=None, help="initialiser (default chapter)")
    t.add_argument("--csv", metavar="OUT", help="write the history as CSV "
                   "(epoch, every parameter, loss, yhat_0…)")
    t.add_argument("--workspace", metavar="FILE", help="resume the run saved in a workspace file "
                   "(its network, data and settings; only --epochs applies)")
    t.add_argument("--save-workspace", metavar="FILE", help="save the run to a workspace file at the end")
    t.add_argument("--dropout", type=_finite_float, default=None,
                   help="drop each feature-map node with this probability while training (default 0)")
    try:
        from gui.cli.filter import add_filter_parser
    except ImportError:  # the image lab is optional for the headless trainer
        pass
    else:
        add_filter_parser(sub)
        f = sub.choices.get("filter")
        if f is not None:
            f.error = p.error  # type: ignore[method-assign]
    return p


TRAIN_DEFAULTS = {"experiment": "1", "lr": 0.2, "mode": "batch", "optimizer": "gd", "seed": 13,
                  "activation": "sigmoid", "init": "chapter", "dropout": 0.0}
SETTING_OPTIONS = ("experiment", "data", "lr", "mode", "batch_size", "optimizer", "seed",
                   "activation", "init", "dropout")


def _build_trainer(args: argparse.Namespace):
    """A fresh trainer from the command-line options (their defaults are the chapter's)."""
    from core import DataError, Network, Trainer, chapter_dataset, experiment1, load_dataset_csv

    for key, value in TRAIN_DEFAULTS.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.data:
        try:
            X, y = load_dataset_csv(args.data)
        except DataError as exc:
            raise CliError(str(exc)) from None
        source = args.data
    elif args.experiment == "2":
        X, y = chapter_dataset()
        source = "experiment 2 (the chapter's ten images)"
    else:
        X, y = experiment1()
        source = "experiment 1 (the chapter's single sample)"
    try:
        net = Network(n_inputs=X.shape[1], activation=args.activation, init=args.init,
                      seed=args.seed, kernel_size=min(3, X.shape[1]))
        trainer = Trainer(net, X, y, lr=args.lr, mode=args.mode, optimizer=args.optimizer,
                          batch_size=args.batch_size, dropout=args.dropout)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return trainer, source


def run_train(args: argparse.Namespace) -> int:
    """Train as the options say and print a summary: epochs, loss, parameters, stop reason."""
    if args.workspace:
        from core.workspace import WorkspaceError, load_workspace

        given = [f"--{k.replace('_', '-')}" for k in SETTING_OPTIONS if getattr(args, k) is not None]
        if given:
            raise CliError(f"{', '.join(given)} cannot be combined with --workspace "
                           "(the workspace fixes the network, data and settings)")
        try:
            trainer = load_workspace(args.workspace).trainer
        except WorkspaceError as exc:
            raise CliError(str(exc)) from None
        source = f"{args.workspace} (resumed at epoch {trainer.epoch})"
        s = trainer.settings()
        args.lr, args.mode, args.optimizer = s["lr"], s["mode"], s["optimizer"]
    else:
        trainer, source = _build_trainer(args)
    net = trainer.net
    X, y = trainer.X, trainer.y
    ran = trainer.run(args.epochs)
    loss = trainer.current_loss()
    print(f"Trained on {source}: {len(y)} sample(s), {X.shape[1]} inputs")
    print(f"epochs run: {ran}  (lr {args.lr:g}, mode {args.mode}, optimizer {args.optimizer})")
    h = trainer.history
    if h.n:
        last = int(h.epochs[-1])
        print(f"loss in epoch {last}: {float(h.loss[-1])!r}   after the last update: {loss!r}")
        print(f"  {'parameter':>9}  {'in epoch ' + str(last) + ' (chapter)':>26}  {'after last update':>24}")
        for i, (name, value) in enumerate(net.get_params().items()):
            print(f"  {name:>9}  {float(h.param_matrix[-1, i])!r:>26}  {value!r:>24}")
    else:
        print(f"loss: {loss!r}")
        for name, value in net.get_params().items():
            print(f"  {name:>9} = {value!r}")
    if trainer.stopped_reason:
        print(f"stopped: {trainer.stopped_reason}")
    if args.csv:
        try:
            trainer.history.to_csv(args.csv)
        except OSError as exc:
            raise CliError(f"cannot write {args.csv}: {exc.strerror or exc}") from None
        print(f"history written to {args.csv} ({trainer.history.n} rows)")
    if args.save_workspace:
        from core.workspace import save_workspace

        try:
            save_workspace(args.save_workspace, trainer, experiment={"source": source})
        except OSError as exc:
            raise CliError(f"cannot write {args.save_workspace}: {exc.strerror or exc}") from None
        print(f"workspace saved to {args.save_workspace}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "train":
            return run_train(args)
        if args.command == "filter":
            from gui.cli.filter import run_filter

            return run_filter(args)
        if args.screenshot:
            from gui.window.app import render_screenshot

            render_screenshot(args.screenshot, epochs=args.epochs, experiment=int(args.experiment))
            print(f"screenshot written to {args.screenshot}")
            return 0
        if args.workspace:  # refuse a bad file before any window opens
            from core.workspace import WorkspaceError, load_workspace

            try:
                load_workspace(args.workspace)
            except WorkspaceError as exc:
                raise CliError(str(exc)) from None
        from gui.window.app import run_gui

        return run_gui([sys.argv[0]], workspace=args.workspace)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
