"""A bench's result lines: ``bench/run_all.py`` prints what ``main()`` returns, while a bench run on
its own (``python bench/NAME.py``) prints each line as it comes (``echo``)."""

from __future__ import annotations


class Lines(list):
    """The lines said so far; ``say`` adds one (and prints it at once when ``echo``)."""

    def __init__(self, echo: bool) -> None:
        super().__init__()
        self.echo = echo

    def say(self, line: str = "", **_print_options) -> None:
        self.append(line)
        if self.echo:
            print(line, flush=True)
