"""``cnn-visualiser train-cnn``: the image CNN (``core.image_cnn``) trained headless, one line per epoch.

    cnn-visualiser train-cnn --layers "conv:8:3:1:1,relu,maxpool:2,dense:10" --epochs 15
    cnn-visualiser train-cnn --data my_photos/ --size 28 --epochs 20 --save-workspace run.cnnviz
    cnn-visualiser train-cnn --workspace run.cnnviz --epochs 5

Each epoch prints its training loss, training accuracy and validation accuracy; on a terminal
a progress bar shows the batches of the epoch under way (never when the output goes to a file
or a pipe). A bad layer spec, folder or file is one "error: " line and exit status 2. Imports
no Qt unless ``--data`` is a folder (decoding images needs Qt's image reader).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gui.cli.args import CliError, finite_float, whole_number

DEFAULT_LAYERS = "conv:8:3:1:1,relu,maxpool:2,dense:10"
DEFAULTS = {"optimizer": "adam", "lr": 0.01, "batch_size": 32, "seed": 0}
SETTING_OPTIONS = ("layers", "data", "size", "colour", "optimizer", "lr", "batch_size", "seed")
BAR_WIDTH = 30


def add_train_cnn_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``train-cnn`` on the subcommand table and return its parser."""
    from core.optimizers import OPTIMIZERS

    t = sub.add_parser("train-cnn", help="train the image CNN on the digits or a folder of images, headless")
    t.add_argument("--layers", default=None, metavar="SPEC",
                   help=f'comma-separated layers (default "{DEFAULT_LAYERS}")')
    t.add_argument("--epochs", type=whole_number(), default=15, help="epochs to run (default 15)")
    t.add_argument("--data", default=None, metavar="digits|FOLDER",
                   help="the bundled 8×8 digits (default) or a folder with one sub-folder per class")
    t.add_argument("--size", type=whole_number(4, 256), default=None,
                   help="side in pixels a folder's images are resized to (default 28)")
    t.add_argument("--colour", choices=("auto", "grey", "rgb"), default=None,
                   help="a folder's images as greyscale or RGB (default auto: RGB if any has colour)")
    t.add_argument("--optimizer", choices=OPTIMIZERS, default=None, help="default adam")
    t.add_argument("--lr", type=finite_float, default=None, help="learning rate η (default 0.01)")
    t.add_argument("--batch-size", type=whole_number(1), default=None, help="images per step (default 32)")
    t.add_argument("--seed", type=whole_number(), default=None,
                   help="initialisation and shuffling seed (default 0)")
    t.add_argument("--workspace", metavar="FILE",
                   help="resume the run saved in a workspace file (only --epochs applies)")
    t.add_argument("--save-workspace", metavar="FILE", help="save the run to a workspace file at the end")
    t.set_defaults(func=run_train_cnn)
    return t


def _data(args: argparse.Namespace):
    """(X, y, class names, description, extra) for --data."""
    from core.image_cnn import DIGIT_CLASSES, digits

    if args.data in (None, "digits"):
        if args.size is not None or args.colour is not None:
            raise CliError("--size and --colour apply to a folder of images only (the digits are 8×8)")
        X, y = digits()
        return X, y, DIGIT_CLASSES, "the 8×8 digits", {"data": "digits"}
    folder = Path(args.data)
    if not folder.is_dir():
        raise CliError(f"--data {args.data}: not a folder (give 'digits' or a folder with one "
                       "sub-folder per class)")
    from gui.image_cnn.folder import read_folder  # Qt's image reader: only now

    size = 28 if args.size is None else args.size
    try:
        dataset, reader = read_folder(folder, size, args.colour or "auto")
    except ValueError as exc:
        raise CliError(f"--data {args.data}: {exc}") from None
    summary = reader.summary(dataset)
    extra = {"data": "folder", "folder": str(folder.resolve()), "size": size, "colour": args.colour or "auto"}
    return dataset.X, dataset.y, dataset.class_names, f"{folder.name}: {summary}", extra


def _build(args: argparse.Namespace):
    from core.image_cnn import ImageCNN, ImageTrainer, train_val_split

    for key, value in DEFAULTS.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    X, y, names, source, extra = _data(args)
    layers = args.layers if args.layers is not None else DEFAULT_LAYERS
    try:
        model = ImageCNN(X.shape[1:], layers, seed=args.seed)
    except ValueError as exc:
        raise CliError(f"--layers: {exc}") from None
    if model.n_classes != len(names):
        raise CliError(f"--layers: the last layer {model.layers[-1]!r} must have one output per class "
                       f"({len(names)}: write 'dense:{len(names)}')")
    try:
        X_tr, y_tr, X_val, y_val = train_val_split(X, y)
        trainer = ImageTrainer(model, X_tr, y_tr, X_val, y_val, optimizer=args.optimizer, lr=args.lr,
                               batch_size=args.batch_size, seed=args.seed)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return trainer, tuple(names), source, extra


def _resume(args: argparse.Namespace):
    from core.workspace import WorkspaceError
    from core.workspace.image_cnn import load_image_cnn_workspace

    given = [f"--{k.replace('_', '-')}" for k in SETTING_OPTIONS if getattr(args, k) is not None]
    if given:
        raise CliError(f"{', '.join(given)} cannot be combined with --workspace "
                       "(the workspace fixes the network, data and settings)")
    try:
        ws = load_image_cnn_workspace(args.workspace)
    except WorkspaceError as exc:
        raise CliError(str(exc)) from None
    t = ws.trainer
    where = f"epoch {t.epoch}" + (f", batch {t.batch}" if t.batch else "")
    return t, ws.class_names, f"{args.workspace} (resumed at {where})", ws.extra


def _bar(done: int, total: int, epoch: int, epochs_total: int) -> str:
    filled = BAR_WIDTH * done // max(1, total)
    return f"\r[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] epoch {epoch}/{epochs_total} batch {done}/{total}"


def _train_epoch(trainer, number: int, total: int, tty: bool) -> None:
    """One epoch (or the rest of one already begun), with a progress bar on a terminal."""
    if not tty:
        trainer.run(1)
        return
    target = trainer.epoch + 1
    per = trainer.batches_per_epoch
    while trainer.epoch < target and not trainer.diverged:
        trainer.step_batches(max(1, per // BAR_WIDTH), until_epoch=target)
        done = per if trainer.epoch >= target else trainer.batch
        sys.stdout.write(_bar(done, per, number, total))
        sys.stdout.flush()
    sys.stdout.write("\r" + " " * (BAR_WIDTH + 40) + "\r")


def run_train_cnn(args: argparse.Namespace) -> int:
    """Train as the options say, printing one line per epoch; save a workspace if asked."""
    trainer, names, source, extra = _resume(args) if args.workspace else _build(args)
    s, model = trainer.settings, trainer.model
    n_val = 0 if trainer.X_val is None else len(trainer.X_val)
    h, w, c = model.input_shape
    print(f"Training on {source}")
    print(f"  {trainer.n_train} training and {n_val} validation images of {h}×{w}×{c}, {len(names)} classes")
    print(f"  layers {', '.join(model.layers)} ({model.n_params:,} parameters); {s['optimizer']}, "
          f"lr {s['lr']:g}, batch size {s['batch_size']}, seed {s['seed']}")
    tty = sys.stdout.isatty()
    for i in range(1, args.epochs + 1):
        if trainer.diverged:
            break
        _train_epoch(trainer, i, args.epochs, tty)
        if trainer.diverged:
            break
        hist = trainer.history
        print(f"epoch {trainer.epoch:>4}  train loss {hist['train_loss'][-1]:.4f}  "
              f"train acc {100 * hist['train_acc'][-1]:5.1f}%  val acc {100 * hist['val_acc'][-1]:5.1f}%",
              flush=True)
    if trainer.diverged:
        print(f"stopped: the loss became infinite or NaN at epoch {trainer.epoch + 1} (training diverged); "
              "try a smaller --lr")
    if args.save_workspace:
        from core.workspace import WorkspaceError
        from core.workspace.image_cnn import save_image_cnn_workspace

        try:
            save_image_cnn_workspace(args.save_workspace, trainer, extra, class_names=names)
        except OSError as exc:
            raise CliError(f"cannot write {args.save_workspace}: {exc.strerror or exc}") from None
        except WorkspaceError as exc:
            raise CliError(str(exc)) from None
        print(f"workspace saved to {args.save_workspace}")
    return 0
