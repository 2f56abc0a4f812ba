"""The xlsx of an export: one sheet per unit, the grid as people read it with numbers as numbers,
and the codes (unit, measure, part) that let `tracker import` read it back exactly."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment as XlsxComment
from openpyxl.styles import Alignment, Font, PatternFill

from tracker.core.masking import mask_text
from tracker.core.periods import Month
from tracker.core.presentation import NOT_COMPARABLE, format_trend, summary_heading
from tracker.core.swedish import month_name
from tracker.core.yearview import Row
from tracker.io.export_data import (
    MONTH_COLS,
    NOT_AVAILABLE,
    Export,
    UnitSheet,
    comment_summary,
    plain_number,
    row_label,
)
from tracker.io.export_masking import masking_note
from tracker.io.formats.heads import (
    HEAD_CHANGE,
    HEAD_CHANGE_PCT,
    HEAD_CODE,
    HEAD_CURRENT,
    HEAD_MEASURE,
    HEAD_NOTE,
    HEAD_PART,
    HEAD_PREVIOUS,
    HEAD_SUMMARY,
    HEAD_TREND,
    LABEL_EXPORTED,
    LABEL_MASKING,
    LABEL_UNIT,
    LABEL_UNIT_CODE,
    LABEL_YEAR,
    SNAPSHOT_HEADS,
    SNAPSHOT_SHEET,
)
from tracker.io.safe_cells import save_workbook
from tracker.io.xlsx_charts import add_month_charts
from tracker.io.xlsx_style import SIGNED_PERCENT_FORMAT, sheet_title, signed_format, value_format

HEADER_ROW = 8  # the row with the column heads; values follow below it
HEADS = (HEAD_MEASURE, HEAD_CODE, HEAD_PART, *(month_name(i, True) for i in MONTH_COLS), HEAD_SUMMARY,
         HEAD_CURRENT, HEAD_PREVIOUS, HEAD_CHANGE, HEAD_CHANGE_PCT, HEAD_TREND, HEAD_NOTE)
COL_OF = {h: i + 1 for i, h in enumerate(HEADS)}
WIDTHS = ((HEAD_SUMMARY, 20), (HEAD_CURRENT, 13), (HEAD_PREVIOUS, 11), (HEAD_CHANGE, 12), (HEAD_CHANGE_PCT, 14),
          (HEAD_TREND, 16), (HEAD_NOTE, 60))
BOLD = Font(bold=True)
SECTION_FILL = PatternFill("solid", fgColor="E7ECF2")


def computed_cells(export: Export):
    """(unit, measure, part, period, value) of every computed, unmasked cell with a value."""
    for sheet in export.sheets:
        u = sheet.unit.code
        for row in sheet.rows:
            if not row.readonly_reason:
                continue
            if row.measure.is_annual:
                continue  # a roll-up shows no annual value, and an enhet's is entered
            for i in MONTH_COLS:
                value = row.months.get(Month(export.year, i))
                if value is not None and not export.state(u, row, i):
                    yield (u, row.measure.code, row.part, str(Month(export.year, i)), value)


def save(export: Export, path: Path, login: str = "") -> Path:
    """One sheet per unit: a header (unit, year, export time), then the grid with numbers as numbers."""
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for sheet in export.sheets:
        ws = wb.create_sheet(sheet_title(sheet.unit.name, taken))
        _write_header(ws, export, sheet, login)
        r = _write_rows(ws, export, sheet)
        _write_month_comments(ws, sheet, r)
        add_month_charts(ws, [m for m in sheet.measures if m.code in export.charts], HEADER_ROW,
                         f"{sheet.unit.name} {export.year}")
        _set_layout(ws)
    snap = wb.create_sheet(SNAPSHOT_SHEET)
    snap.sheet_state = "hidden"
    snap.append(SNAPSHOT_HEADS)
    for cells in computed_cells(export):
        snap.append(cells)
    path = Path(path)
    save_workbook(wb, path)
    return path


def _write_header(ws, export: Export, sheet: UnitSheet, login: str) -> None:
    """The sheet's title, the lines saying what it holds, and the column heads."""
    ws["A1"] = f"Månadsstatistik {export.year} · {sheet.unit.name}"
    ws["A1"].font = Font(bold=True, size=13)
    info = [
        (LABEL_UNIT, f"{sheet.unit.name}" + ("" if sheet.unit.is_enhet else " (summering av enheterna under)")),
        (LABEL_UNIT_CODE, sheet.unit.code),
        (LABEL_YEAR, export.year),
        (LABEL_EXPORTED, f"{export.created}" + (f" av {login}" if login else "")),
    ]
    if export.mask_below:
        info.append((LABEL_MASKING, masking_note(export.mask_below)))
    for r, (label, value) in enumerate(info, start=2):
        ws.cell(r, 1, label).font = BOLD
        ws.cell(r, 2, value).alignment = Alignment(horizontal="left")
    for col, head in enumerate(HEADS, start=1):
        cell = ws.cell(HEADER_ROW, col, head)
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="left" if col <= 3 or head in (HEAD_TREND, HEAD_NOTE) else "right")


def _write_rows(ws, export: Export, sheet: UnitSheet) -> int:
    """The grid's rows under the heads, a section row before each section; returns the next free row."""
    r = HEADER_ROW + 1
    section = None
    for row in sheet.rows:
        if row.measure.section != section:
            section = row.measure.section
            name = export.section_names.get(section, section)
            ws.cell(r, 1, name.upper()).font = BOLD
            for col in range(1, len(HEADS) + 1):
                ws.cell(r, col).fill = SECTION_FILL
            r += 1
        _write_row(ws, r, export, sheet, row)
        r += 1
    return r


def _write_row(ws, r: int, export: Export, sheet: UnitSheet, row: Row) -> None:
    """One row: its label and codes, the months (with their comments), then the comparison."""
    m = row.measure
    label = ws.cell(r, 1, row_label(row))
    label.alignment = Alignment(indent=2 * row.depth)
    if row.depth == 0:
        label.font = BOLD
    ws.cell(r, COL_OF[HEAD_CODE], m.code)
    ws.cell(r, COL_OF[HEAD_PART], row.part or None)
    u = sheet.unit.code
    cell_comments = sheet.cell_comments(row)
    for i in MONTH_COLS:
        value = row.months.get(Month(export.year, i))
        _put(ws.cell(r, 3 + i), value, export.state(u, row, i), export.mask_below, value_format(m, value or 0))
        texts = cell_comments.get(str(Month(export.year, i)))
        if texts:
            ws.cell(r, 3 + i).comment = XlsxComment("\n".join(texts), "tracker")
    if row.comparison.current.unavailable:
        ws.cell(r, COL_OF[HEAD_CURRENT], NOT_AVAILABLE)
        ws.cell(r, COL_OF[HEAD_PREVIOUS], NOT_AVAILABLE)
        ws.cell(r, COL_OF[HEAD_NOTE], row.comparison.current.unavailable)
        return
    _write_comparison(ws, r, export, sheet, row)


def _write_comparison(ws, r: int, export: Export, sheet: UnitSheet, row: Row) -> None:
    """A row's period summary against last year: values, change, percent, trend and note."""
    m, c, u = row.measure, row.comparison, sheet.unit.code
    ws.cell(r, COL_OF[HEAD_SUMMARY], summary_heading(c))
    for head, col, value in (
        (HEAD_CURRENT, "cur", c.current.value),
        (HEAD_PREVIOUS, "prev", c.previous.value),
    ):
        _put(ws.cell(r, COL_OF[head]), value, export.state(u, row, col), export.mask_below,
             value_format(m, value or 0, summary=True))
    change = c.change * 100 if m.is_percent and c.change is not None else c.change
    _put(ws.cell(r, COL_OF[HEAD_CHANGE]), change, export.state(u, row, "change"), export.mask_below,
         signed_format(m, change))
    pct_cell = ws.cell(r, COL_OF[HEAD_CHANGE_PCT])
    if not c.comparable:
        pct_cell.value = NOT_COMPARABLE
        pct_cell.alignment = Alignment(horizontal="right")
    else:
        _put(pct_cell, c.change_pct, export.state(u, row, "pct"), export.mask_below, SIGNED_PERCENT_FORMAT)
    trend = format_trend(c)
    state = export.state(u, row, "trend")
    ws.cell(r, COL_OF[HEAD_TREND], mask_text(state, export.mask_below) if state else (trend or None))
    note = " ".join(x for x in (c.note if not row.part else None, comment_summary(sheet, row)) if x)
    if note:
        ws.cell(r, COL_OF[HEAD_NOTE], note)


def _write_month_comments(ws, sheet: UnitSheet, r: int) -> None:
    """The comments on the enhet's months as a whole, under the grid."""
    month_notes = sheet.month_comments()
    if month_notes:
        r += 1
        ws.cell(r, 1, "Kommentarer om månaderna").font = BOLD
        for text in month_notes:
            r += 1
            ws.cell(r, 1, text)


def _set_layout(ws) -> None:
    """Frozen heads and label column, and column widths that fit the grid."""
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 5
    for i in range(4, 4 + 12):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = 9
    for head, width in WIDTHS:
        ws.column_dimensions[ws.cell(1, COL_OF[head]).column_letter].width = width


def _put(cell, value, state, threshold, number_format: str) -> None:
    if state:
        cell.value = mask_text(state, threshold)
        cell.alignment = Alignment(horizontal="right")
    elif value is not None:
        cell.value = plain_number(value)
        cell.number_format = number_format
