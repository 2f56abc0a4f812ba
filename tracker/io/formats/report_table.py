"""The Volymutveckling table for the terminal (and as plain text in a file)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from tracker.io.report import Report, heading, row_texts

FILE_WIDTH = 160  # columns of the table when written to a file


def show(report: Report, console) -> None:
    """Print the table to a rich console, notes under it."""
    table = Table(title=heading(report), title_justify="left", header_style="bold", box=None, pad_edge=False)
    for i, head in enumerate(report.headers):
        table.add_column(head, justify="left" if i == 0 else "right")
    for i in range(len(report.rows)):
        table.add_row(*row_texts(report, i))
    console.print(table)
    for note in report.notes():
        console.print(note, markup=False)


def render(report: Report) -> str:
    """The table as plain text, as a file gets it."""
    buf = io.StringIO()
    show(report, Console(file=buf, width=FILE_WIDTH, highlight=False, color_system=None))
    return buf.getvalue()
