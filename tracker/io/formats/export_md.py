"""The Markdown of an export: every sheet as a table, with notes and comments under it."""

from __future__ import annotations

from tracker.core.masking import mask_text
from tracker.core.periods import Month
from tracker.core.presentation import (
    NOT_COMPARABLE,
    format_change,
    format_change_pct,
    format_summary,
    format_trend,
    format_value,
    summary_heading,
)
from tracker.core.swedish import month_name
from tracker.core.yearview import Row
from tracker.io.export_data import MONTH_COLS, NOT_AVAILABLE, Export, UnitSheet, comment_summary, row_label
from tracker.io.export_masking import masking_note
from tracker.io.formats.heads import (
    HEAD_CHANGE,
    HEAD_CHANGE_PCT,
    HEAD_CURRENT,
    HEAD_MEASURE,
    HEAD_PREVIOUS,
    HEAD_SUMMARY,
    HEAD_TREND,
)


def row_texts(export: Export, sheet: UnitSheet, row: Row) -> list[str]:
    """The row as Swedish text: label, 12 months, summary heading, values, change, trend."""
    m, c = row.measure, row.comparison
    u = sheet.unit.code

    def shown(col, text: str) -> str:
        state = export.state(u, row, col)
        return mask_text(state, export.mask_below) if state else text

    months = ["" if m.is_annual else shown(i, format_value(m, row.months.get(Month(export.year, i))))
              for i in MONTH_COLS]
    if c.current.unavailable:
        return [row_label(row), *months, "", NOT_AVAILABLE, NOT_AVAILABLE, "", "", ""]
    pct = format_change_pct(c)
    return [
        row_label(row),
        *months,
        summary_heading(c),
        shown("cur", format_summary(m, c.current.value)),
        shown("prev", format_summary(m, c.previous.value)),
        shown("change", format_change(m, c)),
        pct if pct == NOT_COMPARABLE else shown("pct", pct),
        shown("trend", format_trend(c)),
    ]


def text_headers() -> list[str]:
    return [HEAD_MEASURE, *(month_name(i, True) for i in MONTH_COLS), HEAD_SUMMARY, HEAD_CURRENT,
            HEAD_PREVIOUS, HEAD_CHANGE, HEAD_CHANGE_PCT, HEAD_TREND]


def sheet_heading(sheet: UnitSheet, year: int) -> str:
    kind = "" if sheet.unit.is_enhet else " (summering av enheterna under)"
    return f"{sheet.unit.name} ({sheet.unit.code}) · {year}{kind}"


def _row_notes(sheet: UnitSheet) -> list[str]:
    notes = []
    for row in sheet.rows:
        c = row.comparison
        note = c.current.unavailable or c.note
        if note and not row.part:
            notes.append(f"{row.measure.name}: {note}")
    return notes


def _esc(text: str) -> str:
    return text.replace("|", "\\|")


def render(export: Export) -> str:
    """Every sheet as a Markdown table, with notes under it."""
    out = [f"# Månadsstatistik {export.year}", "", f"Exporterad {export.created}."]
    if export.mask_below:
        out += ["", masking_note(export.mask_below)]
    for sheet in export.sheets:
        out += ["", f"## {sheet_heading(sheet, export.year)}", ""]
        if not sheet.rows:
            out.append("Enheten har inga mått.")
            continue
        out += _table(export, sheet)
    return "\n".join(out) + "\n"


def _table(export: Export, sheet: UnitSheet) -> list[str]:
    """A sheet's table, its notes and its comments."""
    heads = text_headers()
    out = ["| " + " | ".join(heads) + " |"]
    out.append("|" + "|".join([":---"] + ["---:"] * (len(heads) - 2) + [":---"]) + "|")
    for row in sheet.rows:
        cells = row_texts(export, sheet, row)
        # Markdown drops leading spaces; no-break spaces keep the parts indented
        cells[0] = "\u00a0\u00a0\u00a0\u00a0" * row.depth + cells[0]
        out.append("| " + " | ".join(_esc(t) for t in cells) + " |")
    notes = _row_notes(sheet)
    if notes:
        out.append("")
        out += [f"- {_esc(n)}" for n in notes]
    comments = [f"{row_label(row)}, {text}" for row in sheet.rows if (text := comment_summary(sheet, row))]
    comments += sheet.month_comments()
    if comments:
        out += ["", "Kommentarer:", ""]
        out += [f"- {_esc(c)}" for c in comments]
    return out
