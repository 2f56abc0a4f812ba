"""The `tracker` command's entry point: the command line with the cycle collector off."""

import gc


def run() -> None:
    """Run the command line as the `tracker` command (and `python -m tracker`) does, and exit.

    A command allocates a few hundred thousand objects while it starts and answers, and forms
    almost no reference cycles: Python's cycle collector would walk them over and over, a tenth
    of a look-up's time. Reference counting still frees everything. The grid and `tracker serve`,
    which run for hours, turn the collector back on (tracker.cli.open_tui).
    """
    gc.disable()
    from tracker.cli.main import main

    raise SystemExit(main())
