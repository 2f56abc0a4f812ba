"""The Volymutveckling table as CSV with plain numbers (as the published reference file)."""

from __future__ import annotations

import io

from tracker.core.masking import mask_text
from tracker.core.presentation import NOT_COMPARABLE
from tracker.io.report import Report, ReportRow, row_notes, target_text
from tracker.io.safe_cells import SafeCsvWriter


def _plain(value: float | None, decimals: int = 1):
    if value is None:
        return ""
    rounded = round(value, decimals)
    return int(rounded) if float(rounded).is_integer() else rounded


def render(report: Report) -> str:
    """The table as CSV with plain numbers (as the reference file), one note column per row."""
    buf = io.StringIO()
    writer = SafeCsvWriter(buf, lineterminator="\n")
    writer.writerow([*report.headers, "Not"])
    for i, row in enumerate(report.rows):
        extra = _target_cells(report, i, row)
        if row.unavailable:
            writer.writerow([row.name, "", "", "", "", *extra, row.unavailable])
            continue
        writer.writerow([row.name, *_cells(report, i, row), *extra, " ".join(row_notes(row))])
    return buf.getvalue()


def _target_cells(report: Report, i: int, row: ReportRow) -> list:
    """Riktvärde and status when the report has targets (a percent target in percent units)."""
    if not report.has_targets:
        return []
    goal = row.goal * 100 if row.measure.is_percent and row.goal is not None else row.goal
    return [_plain(goal, 2), target_text(report, i, symbol=False)]


def _cells(report: Report, i: int, row: ReportRow) -> list:
    """A row's values, change and percent: a percent measure in percent units, masked cells as masked."""
    def cell(col: str, value, decimals: int = 1):
        state = report.masked.get((i, col))
        return mask_text(state, report.mask_below) if state else _plain(value, decimals)

    def scaled(value):
        return value * 100 if row.measure.is_percent and value is not None else value

    cur = cell("cur", scaled(row.current.value))
    prev = cell("prev", scaled(row.previous.value))
    change = cell("change", scaled(row.change))
    if not row.comparable:
        pct = NOT_COMPARABLE
    else:
        pct = cell("pct", None if row.change_pct is None else row.change_pct * 100)
    return [cur, prev, change, pct]
