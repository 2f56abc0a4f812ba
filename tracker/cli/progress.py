"""A progress bar on stderr for long imports, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tracker.core.swedish import format_number

Report = Callable[[str, int, int], None]


@contextmanager
def progress_bar(stream=None) -> Iterator[Report | None]:
    """Yield a report(label, done, total) that draws a rich progress bar, or None when `stream`
    (standard error by default) is not a terminal: scripts and logs get no bar characters."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[shown]}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task("", total=None, shown="")

        def report(label: str, done: int, total: int) -> None:
            shown = f"{format_number(done)} av {format_number(total)}" if total > 1 else ""
            new_stage = bar.tasks[0].description != label
            # a stage without a count (saving) pulses instead of standing still at zero
            bar.update(task, description=label, completed=done, total=total if total > 1 else None, shown=shown)
            if new_stage:
                bar.refresh()  # a new stage shows at once, not at the next tick

        yield report
