"""The Volymutveckling table as an xlsx sheet: numbers as numbers with Swedish-style formats."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tracker.core.masking import mask_text
from tracker.core.presentation import NOT_COMPARABLE
from tracker.io.export_data import NOT_AVAILABLE
from tracker.io.report import TITLE, Report, ReportRow, heading, target_text
from tracker.io.safe_cells import save_workbook
from tracker.io.xlsx_charts import add_report_charts
from tracker.io.xlsx_style import SIGNED_PERCENT_FORMAT, sheet_title, signed_format, value_format

FIRST_ROW = 6  # the row of the column heads


def save(report: Report, path: Path, login: str = "") -> Path:
    """The table as an xlsx sheet: numbers as numbers with Swedish-style formats, notes under it."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(TITLE)
    _write_header(ws, report)
    for i, row in enumerate(report.rows):
        _write_row(ws, FIRST_ROW + 1 + i, report, i, row)
    r = FIRST_ROW + len(report.rows) + 2
    for note in report.notes():
        ws.cell(r, 1, note)
        r += 1
    add_report_charts(ws, report, FIRST_ROW)
    ws.column_dimensions["A"].width = max((len(row.name) for row in report.rows), default=20) + 4
    for letter in "BCDEFG"[: len(report.headers) - 1]:
        ws.column_dimensions[letter].width = 16
    path = Path(path)
    save_workbook(wb, path)
    return path


def _write_header(ws, report: Report) -> None:
    """The title, what the table is of, and the column heads."""
    ws["A1"] = heading(report)
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"], ws["B2"], ws["C2"] = "Enhet", report.unit.name, report.unit.code
    ws["A3"], ws["B3"] = "År", report.year
    ws["A4"], ws["B4"] = "Skapad", report.created
    for col, head in enumerate(report.headers, start=1):
        cell = ws.cell(FIRST_ROW, col, head)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="left" if col == 1 else "right")


def _write_row(ws, r: int, report: Report, i: int, row: ReportRow) -> None:
    """One row: the name with its note marks, then the two years, the change and the percent."""
    ws.cell(r, 1, report.marked_name(i))
    m = row.measure
    change = row.change * 100 if m.is_percent and row.change is not None else row.change
    for col, key, value in (
        (2, "cur", row.current.value),
        (3, "prev", row.previous.value),
        (4, "change", change),
        (5, "pct", row.change_pct),
    ):
        cell = ws.cell(r, col)
        state = report.masked.get((i, key))
        if row.unavailable:
            cell.value = NOT_AVAILABLE if col in (2, 3) else None
        elif key == "pct" and not row.comparable:
            cell.value = NOT_COMPARABLE
        elif state:
            cell.value = mask_text(state, report.mask_below)
        elif value is not None:
            cell.value = value
            if key == "change":
                cell.number_format = signed_format(m, value)
            elif key == "pct":
                cell.number_format = SIGNED_PERCENT_FORMAT
            else:
                cell.number_format = value_format(m, value, summary=True)
        cell.alignment = Alignment(horizontal="right")
    if report.has_targets and row.goal is not None:
        ws.cell(r, 6, row.goal).number_format = value_format(m, row.goal)
        ws.cell(r, 7, target_text(report, i) or None)
