"""Allow `python -m tracker`."""

from tracker.cli.entry import run

run()
