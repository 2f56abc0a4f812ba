"""Text that a spreadsheet would run as a formula is written as text: in xlsx and in CSV.

A name such as =HYPERLINK(...) must reach the reader's spreadsheet as the text it is, never
as a live formula. Numbers are untouched.
"""

from __future__ import annotations

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A CSV field: text a spreadsheet would run gets a leading apostrophe; other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer whose rows are neutralised field by field."""

    def __init__(self, buf, **kwargs):
        self._writer = csv.writer(buf, **kwargs)

    def writerow(self, row) -> None:
        self._writer.writerow([neutralised(v) for v in row])


def save_workbook(wb, path) -> None:
    """Save a workbook with every text cell stored as text, whatever it starts with."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    wb.save(path)
