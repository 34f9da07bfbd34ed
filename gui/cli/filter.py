"""The headless ``filter`` command: run the image lab's pipeline on a file and save the result.

    cnn-visualiser filter brick.png --kernel sobel-x --pool max:2:2 --out edges.png

It runs the same steps as the Image lab tab (``gui.image_lab.pipeline``), so a
teacher can script figures. Needs no QApplication: QImageReader and QImage work
without one (checked). Every expected failure (bad file, bad option, cannot write)
ends with ONE line on stderr starting "error: " and exit status 2; no traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gui.cli.args import PROG, OneLineParser, fail, finite_float, one_line, whole_number
from gui.image_lab.limits import LARGE_SIDE
from gui.image_lab.options import ACTIVATIONS, CUSTOM, KERNEL_NAMES, PAD_MODES, POOL_OPS

if TYPE_CHECKING:  # the filtering code is imported when the command runs, not to build the parser
    from gui.image_lab.pipeline import PipelineSettings


class _FilterArgumentError(ValueError):
    """A command-line value that argparse accepted but the pipeline cannot use."""


def parse_pool(text: str) -> tuple[str, int, int]:
    """Parse "--pool OP[:SIZE[:STRIDE]]", e.g. "max:2:2" or "avg:3" (stride defaults to size)."""
    parts = text.split(":")
    op = parts[0].strip().lower()
    if op not in POOL_OPS or len(parts) > 3:
        raise argparse.ArgumentTypeError(
            f"expected OP[:SIZE[:STRIDE]] with OP one of {', '.join(POOL_OPS)}, got {text!r}")
    try:
        size = int(parts[1]) if len(parts) > 1 else 2
        stride = int(parts[2]) if len(parts) > 2 else size
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"pool size and stride must be whole numbers: {text!r}") from None
    if size < 1 or stride < 1:
        raise argparse.ArgumentTypeError(f"pool size and stride must be at least 1: {text!r}")
    return op, size, stride


def add_filter_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the ``filter`` sub-command on ``subparsers`` and return its parser."""
    p = subparsers.add_parser(
        "filter",
        help="filter an image with conv kernels (and pooling) and save the maps",
        description="Run the Image lab's conv → activation → pool → depth-pool pipeline on "
                    "an image, headless, and write the last stage as PNG (normalised for "
                    "viewing) or .npy (exact float32 values).",
    )
    p.add_argument("image", type=Path, help="image file (PNG, JPEG, BMP, GIF, TIFF, WebP…)")
    p.add_argument("--kernel", action="append", metavar="NAME", dest="kernels",
                   help=f"library kernel, repeatable: {', '.join(KERNEL_NAMES)}; "
                        f"or '{CUSTOM}' with --custom")
    p.add_argument("--custom", metavar="GRID", default="",
                   help="a k×k kernel as text, rows separated by ';' or newlines, e.g. "
                        "--custom='-1 0 1; -2 0 2; -1 0 1' (write it with '=' when it starts "
                        "with a minus)")
    p.add_argument("--kernel-size", type=whole_number(1), default=3, metavar="K",
                   help="size (odd) of identity, box, gaussian and random; the others are 3×3")
    p.add_argument("--seed", type=int, default=0, help="seed of the 'random' kernel")
    p.add_argument("--padding", type=whole_number(0), default=None, metavar="P",
                   help="padding on every side; default (k−1)/2 for the layer's kernel size k "
                        "('same' size at stride 1)")
    p.add_argument("--pad-mode", choices=PAD_MODES, default="zeros")
    p.add_argument("--pad-value", type=finite_float, default=0.0, help="value for --pad-mode constant")
    p.add_argument("--stride", type=whole_number(1), default=1, metavar="S")
    p.add_argument("--bias", type=finite_float, default=0.0, metavar="B")
    p.add_argument("--activation", choices=ACTIVATIONS, default="none")
    p.add_argument("--greyscale", action="store_true",
                   help="convert an RGB image to grey first (else a kernel spans R, G and B)")
    p.add_argument("--pool", type=parse_pool, default=None, metavar="OP:SIZE:STRIDE",
                   help="pooling after the conv layer, e.g. max:2:2 or avg:3:1")
    p.add_argument("--depth-pool", choices=POOL_OPS, default=None,
                   help="combine the kernels' maps into one by max or avg")
    p.add_argument("--max-side", type=whole_number(1), default=None, metavar="PX",
                   help=f"downscale images larger than this on a side (e.g. {LARGE_SIDE})")
    p.add_argument("--out", type=Path, required=True, metavar="OUT.png|OUT.npy",
                   help=".npy keeps exact float32 values, (H, W) for one map or (H, W, n_k); .png "
                        "shows the maps "
                        "side by side, min→black, max→white")
    p.set_defaults(func=run_filter)
    return p


def settings_from_args(args: argparse.Namespace) -> PipelineSettings:
    """Turn parsed options into the lab's PipelineSettings (raises ValueError if inconsistent)."""
    from gui.image_lab.pipeline import PipelineSettings, build_kernels

    kernels = tuple(args.kernels or ())
    if not kernels and args.custom:
        kernels = (CUSTOM,)
    if not kernels:
        raise _FilterArgumentError("give at least one --kernel NAME (or --custom GRID)")
    unknown = [k for k in kernels if k not in KERNEL_NAMES and k != CUSTOM]
    if unknown:
        raise _FilterArgumentError(
            f"unknown kernel {unknown[0]!r}; choose from {', '.join(KERNEL_NAMES)}")
    if CUSTOM in kernels and not args.custom:
        raise _FilterArgumentError("--kernel custom needs --custom 'GRID'")
    if args.custom and CUSTOM not in kernels:
        kernels = kernels + (CUSTOM,)
    if args.out.suffix.lower() not in (".png", ".npy"):
        raise _FilterArgumentError(f"--out must end in .png or .npy, got {args.out.name!r}")
    pool_op, pool_size, pool_stride = args.pool if args.pool else (None, 2, 2)
    settings = PipelineSettings(
        kernels=kernels, custom_text=args.custom,
        kernel_size=args.kernel_size, seed=args.seed, padding=args.padding or 0,
        pad_mode=args.pad_mode, pad_value=args.pad_value, stride=args.stride, bias=args.bias,
        activation=args.activation, greyscale_first=args.greyscale, pool_op=pool_op,
        pool_size=pool_size, pool_stride=pool_stride, depth_pool_op=args.depth_pool,
    )
    if args.padding is None:  # 'same' padding for the layer's actual kernel size
        k = build_kernels(settings)[0].weights.shape[0]
        settings = settings.with_(padding=(k - 1) // 2)
    return settings


def run_filter(args: argparse.Namespace) -> int:
    """Run the ``filter`` command; return the exit status (0, or 2 after one "error: " line)."""
    from gui.image_lab.image_io import ImageLoadError, load_image, save_maps_png, save_npy
    from gui.image_lab.pipeline import run_pipeline

    try:
        settings = settings_from_args(args)
        loaded = load_image(args.image, max_side=args.max_side)
        result = run_pipeline(loaded.array, settings)
        out = result.final()
        if out.ndim == 3 and out.shape[2] == 1:  # one map: (H, W), as conv2d gives one kernel
            out = out[..., 0]
        if args.out.suffix.lower() == ".npy":
            save_npy(out, args.out)
        else:
            save_maps_png(out, args.out)
    except (ImageLoadError, ValueError, OSError) as exc:
        return fail(one_line(exc))
    except MemoryError:
        return fail("not enough memory for these settings (try a smaller image, kernel or padding)")
    names = "+".join(k.name for k in result.kernels)
    steps = [f"conv[{names}]"]
    if "pool" in result.stages:
        steps.append(f"{settings.pool_op}-pool {settings.pool_size}/{settings.pool_stride}")
    if "depth" in result.stages:
        steps.append(f"depth-{settings.depth_pool_op}")
    print(f"{loaded.name} {tuple(loaded.array.shape)} → {' → '.join(steps)} → "
          f"{tuple(out.shape)} → {args.out} ({result.elapsed_ms:.0f} ms)")
    if loaded.note:  # what the loader did (alpha, downscaling…): a remark, not the summary
        print(f"note: {loaded.note}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry with only this command (``python -m gui.cli.filter filter IMAGE …``)."""
    parser = OneLineParser(prog=PROG)
    sub = parser.add_subparsers(dest="command", required=True)
    add_filter_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


__all__ = ["add_filter_parser", "main", "parse_pool", "run_filter", "settings_from_args"]


if __name__ == "__main__":
    sys.exit(main())

