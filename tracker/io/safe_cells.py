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

    def writerows(self, rows) -> None:
        """Many rows, every field neutralised; a text met before is not checked again (an export's
        tens of thousands of rows repeat a few hundred codes and periods). Only text can be a
        formula (see neutralised), so other values go as they are."""
        seen: dict[str, str] = {}
        out = []
        for row in rows:
            fields = []
            for v in row:
                if type(v) is str:
                    safe = seen.get(v)
                    if safe is None:
                        safe = seen[v] = neutralised(v)
                    v = safe
                fields.append(v)
            out.append(fields)
        self._writer.writerows(out)


def save_workbook(wb, path) -> None:
    """Save a workbook with every text cell stored as text, whatever it starts with."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    wb.save(path)
