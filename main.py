"""CNN Visualiser — entry point (the ``cnn-visualiser`` command).

    python main.py                       open the window
    python main.py --screenshot F.png    render the window to a PNG without a display
    python main.py train …               train the chapter's 1D network headless
    python main.py filter IMAGE …        run the image lab's filters headless

Bad arguments or data print one line on stderr and exit with status 2. The commands live in
``gui/cli/`` (one module each); this file only dispatches.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line (see ``gui.cli.parser``); returns the exit status."""
    from gui.cli.parser import main as run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
