"""``cnn-visualiser train``: the chapter's 1D network trained headless, with a summary of its numbers.

Defaults are the chapter's (experiment 1, η 0.2, batch gradient descent, seed 13); the output
prints each parameter in the last recorded epoch (the chapter's figures) and after the last update.
Imports no Qt.
"""

from __future__ import annotations

import argparse

from gui.cli.args import CliError, finite_float, whole_number

TRAIN_DEFAULTS = {"experiment": "1", "lr": 0.2, "mode": "batch", "optimizer": "gd", "seed": 13,
                  "activation": "sigmoid", "init": "chapter", "dropout": 0.0}
SETTING_OPTIONS = ("experiment", "data", "lr", "mode", "batch_size", "optimizer", "seed",
                   "activation", "init", "dropout")


def add_train_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``train`` on the subcommand table and return its parser."""
    from core import ACTIVATIONS, MODES, OPTIMIZERS
    from core.chapter.network import INITS

    t = sub.add_parser("train", help="train the chapter's 1D network headless and print a summary")
    t.add_argument("--experiment", choices=["1", "2"], default=None,
                   help="1: the chapter's single sample; 2: its ten images (default 1)")
    t.add_argument("--data", metavar="FILE.csv",
                   help="train on a CSV file instead (each row: values, then the label)")
    t.add_argument("--epochs", type=whole_number(), default=1000, help="epochs to run (default 1000)")
    t.add_argument("--lr", type=finite_float, default=None, help="learning rate η (default 0.2)")
    t.add_argument("--mode", choices=MODES, default=None, help="when to update (default batch)")
    t.add_argument("--batch-size", type=whole_number(1), default=None,
                   help="samples per update (minibatch mode only)")
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
    t.add_argument("--dropout", type=finite_float, default=None,
                   help="drop each feature-map node with this probability while training (default 0)")
    t.set_defaults(func=run_train)
    return t


def _check_combinations(args: argparse.Namespace) -> None:
    """Refuse options that would otherwise be silently ignored."""
    if args.data and args.experiment is not None:
        raise CliError("--data and --experiment cannot be combined (the CSV file is the data)")
    if args.batch_size is not None and (args.mode or "batch") != "minibatch":
        mode = args.mode or "batch"
        when = "once per epoch" if mode == "batch" else "after every sample"
        raise CliError(f"--batch-size applies to --mode minibatch only (mode {mode} updates {when})")


def _build_trainer(args: argparse.Namespace):
    """A fresh trainer from the command-line options (their defaults are the chapter's)."""
    from core import DataError, Network, Trainer, chapter_dataset, experiment1, load_dataset_csv

    _check_combinations(args)
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


def _resume(args: argparse.Namespace):
    from core.workspace import WorkspaceError, load_workspace

    given = [f"--{k.replace('_', '-')}" for k in SETTING_OPTIONS if getattr(args, k) is not None]
    if given:
        raise CliError(f"{', '.join(given)} cannot be combined with --workspace "
                       "(the workspace fixes the network, data and settings)")
    try:
        trainer = load_workspace(args.workspace).trainer
    except WorkspaceError as exc:
        raise CliError(str(exc)) from None
    s = trainer.settings()
    args.lr, args.mode, args.optimizer = s["lr"], s["mode"], s["optimizer"]
    return trainer, f"{args.workspace} (resumed at epoch {trainer.epoch})"


def run_train(args: argparse.Namespace) -> int:
    """Train as the options say and print a summary: epochs, loss, parameters, stop reason."""
    trainer, source = _resume(args) if args.workspace else _build_trainer(args)
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
