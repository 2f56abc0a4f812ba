"""Exporting a unit's year: xlsx (the grid, one sheet per unit), CSV in long format, Markdown.

The xlsx holds the grid as people read it (months as columns, parts indented, the period
summary and the comparison with last year), with numbers stored as numbers. It also carries the
codes (unit, measure, part) so that `tracker import` can read it back exactly. The long CSV has
one row per stored value. With a masking threshold, small values and the cells that would give
them away are masked the same way in every format (see core.masking).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tracker.core.catalog import PART_NAMES
from tracker.core.errors import InputError
from tracker.core.masking import Dependent, Relation, check_threshold, mask_text, suppress
from tracker.core.periods import Month
from tracker.core.presentation import (
    NOT_COMPARABLE,
    format_change,
    format_change_pct,
    format_trend,
    format_value,
    summary_heading,
)
from tracker.core.scope import Scope
from tracker.core.swedish import month_name
from tracker.core.units import Unit
from tracker.core.yearview import Row, build_rows, ordered_measures, shown_measures
from tracker.io.safe_cells import SafeCsvWriter, save_workbook

FORMATS = ("xlsx", "csv", "md")
MONTH_COLS = tuple(range(1, 13))
SUMMARY_COLS = ("cur", "prev", "change", "pct", "trend")
# Column heads of the grid export (Swedish, as on screen); import finds columns by these names.
HEAD_MEASURE, HEAD_CODE, HEAD_PART = "Mått", "Kod", "Del"
HEAD_SUMMARY = "Beräkning"
HEAD_CURRENT, HEAD_PREVIOUS = "Hittills i år", "Fg år"
HEAD_CHANGE, HEAD_CHANGE_PCT, HEAD_TREND, HEAD_NOTE = "Förändring", "Förändring %", "Trend", "Kommentar"
LABEL_UNIT, LABEL_UNIT_CODE, LABEL_YEAR, LABEL_EXPORTED, LABEL_MASKING = (
    "Enhet", "Enhetskod", "År", "Exporterad", "Maskering",
)
CSV_FIELDS = ("unit", "measure", "part", "period", "value")
NOT_AVAILABLE = "ej tillgängligt"


@dataclass
class UnitSheet:
    """The grid of one unit: an enhet's own values or a roll-up of the units below."""

    unit: Unit
    rows: list[Row]
    stored: dict = field(default_factory=dict)  # enhet only: (measure, part, period) -> value
    comments: list = field(default_factory=list)  # enhet only: the year's comments, oldest first
    measures: list = field(default_factory=list)  # the measures of the rows, in order (rows may be left out)

    def cell_comments(self, row: Row) -> dict[str, list[str]]:
        """The comments on a row's cells: period text -> "text (login, date)"."""
        out: dict[str, list[str]] = {}
        for c in self.comments:
            if (c.measure, c.part) == (row.measure.code, row.part):
                out.setdefault(c.period, []).append(_comment_text(c))
        return out

    def month_comments(self) -> list[str]:
        """Comments on the enhet's months as a whole: "mars 2026: text (login, date)"."""
        return [f"{_period_label(c.period)}: {_comment_text(c)}" for c in self.comments if not c.measure]


def _comment_text(c) -> str:
    return f"{c.text} ({c.login}, {c.at[:10]})"


def _period_label(text: str) -> str:
    return Month(int(text[:4]), int(text[5:7])).label() if len(text) == 7 else text


def comment_summary(sheet: UnitSheet, row: Row) -> str:
    """A row's cell comments in one line: "mars: text (login, date); apr: …"."""
    parts = []
    for period, texts in sorted(sheet.cell_comments(row).items()):
        when = month_name(int(period[5:7]), True) if len(period) == 7 else period
        parts += [f"{when}: {t}" for t in texts]
    return "; ".join(parts)


@dataclass
class Export:
    """Everything an export writes, with the masking decided once for all formats."""

    year: int
    created: str
    sheets: list[UnitSheet]
    mask_below: int | None = None
    masked: dict = field(default_factory=dict)  # (unit, measure, part, col) -> state
    section_names: dict = field(default_factory=dict)

    def state(self, unit: str, row: Row, col) -> str | None:
        return self.masked.get((unit, row.measure.code, row.part, col))

    def masking_note(self) -> str:
        from tracker.io.report import masking_note

        return masking_note(self.mask_below) if self.mask_below else ""


def default_filename(unit_code: str, year: int, fmt: str) -> str:
    """"tracker-IFO.BOU-2023.xlsx"."""
    return f"tracker-{unit_code}-{year}.{fmt}"


def units_in_export(store, unit: Unit) -> list[Unit]:
    """The unit and every unit below it, in tree order (one sheet each)."""
    out: list[Unit] = []

    def visit(u: Unit) -> None:
        out.append(u)
        for child in store.units.children(u.code):
            visit(child)

    visit(unit)
    return out


def build_export(
    store, unit_code: str, year: int, mask_below: int | None = None, with_rows: bool = True
) -> Export:
    """Collect the rows of the unit and the units below it, and decide what to mask.

    Without `with_rows` the sheets hold the stored values and the order of their measures but
    no rows: enough for the long CSV, which writes stored values only, and much quicker.
    """
    unit = store.units.find(unit_code)
    catalog = store.catalog
    sheets: list[UnitSheet] = []
    rows_needed = with_rows or bool(mask_below)
    in_export = units_in_export(store, unit)
    # without rows, the year's values of every enhet come in one read
    year_values = {} if rows_needed else store.unit_values([u.code for u in in_export if u.is_enhet], [year])
    for u in in_export:
        codes = list(u.measures) if u.is_enhet else sorted(store.units.measures_under(u.code))
        if rows_needed or any(m.retired for m in ordered_measures(catalog, codes)):
            scope = store.scope(u.code, [year - 1, year])
            stored = {
                key: value for key, value in scope.values.items()
                if (key[2].year if isinstance(key[2], Month) else key[2]) == year
            } if u.is_enhet else {}
        else:
            # no rows to compute and no retired measure whose data decides its place: no scope needed
            scope = Scope({}, rollup=not u.is_enhet)
            stored = year_values.get(u.code, {})
        rows = build_rows(store.catalog_for(u.code), scope, codes, year) if rows_needed else []
        comments = store.comments_in_year(u.code, year) if u.is_enhet else []
        sheets.append(UnitSheet(u, rows, stored, comments, shown_measures(catalog, scope, codes, year)))
    created = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    export = Export(year, created, sheets, mask_below)
    export.section_names = {s.code: s.name for s in catalog.sections}
    if mask_below:
        check_threshold(mask_below)
        export.masked = _decide_masking(store, export, mask_below)
    return export


# -- masking -----------------------------------------------------------------------------------


def cell_value(row: Row, col, year: int):
    """The number behind one cell of a row (None when missing or not a number)."""
    if isinstance(col, int):
        return row.months.get(Month(year, col))
    c = row.comparison
    if col == "cur":
        return c.current.value
    if col == "prev":
        return c.previous.value
    if col == "change":
        return c.change
    if col == "pct":
        return c.change_pct
    if col == "trend":
        return 1 if c.trend is not None or c.target is not None else None
    raise KeyError(col)


def _decide_masking(store, export: Export, threshold: int) -> dict:
    year = export.year
    values: dict = {}
    counts: list = []
    relations: list[Relation] = []
    dependents: list[Dependent] = []
    in_export = {s.unit.code for s in export.sheets}
    for sheet in export.sheets:
        u = sheet.unit.code
        present = {(r.measure.code, r.part) for r in sheet.rows}

        def key(code, part, col, u=u):
            return (u, code, part, col)

        for row in sheet.rows:
            m = row.measure
            for col in MONTH_COLS + SUMMARY_COLS:
                values[key(m.code, row.part, col)] = cell_value(row, col, year)
            if not m.is_ratio:
                counts += [key(m.code, row.part, col) for col in (*MONTH_COLS, "cur", "prev")]
            dependents.append(
                Dependent(
                    tuple(key(m.code, row.part, c) for c in ("change", "pct", "trend")),
                    (key(m.code, row.part, "cur"), key(m.code, row.part, "prev")),
                )
            )
            compared = row.comparison.months
            if m.is_annual or m.is_ratio or not compared:
                pass
            elif m.kind == "flow" or (m.kind == "stock" and m.stock_summary == "mean"):
                # the period value is the sum (or the sum over n months) of the months shown
                cells = [key(m.code, row.part, mo.month) for mo in compared]
                relations.append(Relation((*cells, key(m.code, row.part, "cur"))))
            else:
                last = compared[-1].month
                relations.append(Relation((key(m.code, row.part, last), key(m.code, row.part, "cur"))))
            cols = (*MONTH_COLS, "cur", "prev")
            if m.parts and not row.part:
                for col in cols:
                    relations.append(Relation((key(m.code, "", col), *(key(m.code, p, col) for p in m.parts))))
            if m.sum_of and not row.part:
                for col in cols:
                    members = [key(c, "", col) for c in m.sum_of if (c, "") in present]
                    # hide the derived sum rather than another row, which would spread into its parts
                    total = key(m.code, "", col)
                    relations.append(Relation((total, *members), prefer=(total,)))
            if m.is_ratio:
                for col in cols:
                    ratio = key(m.code, "", col)
                    relations.append(
                        Relation((key(m.numerator, "", col), key(m.denominator, "", col), ratio), prefer=(ratio,))
                    )
        # a roll-up is the sum of the units directly below it
        if not sheet.unit.is_enhet:
            children = [c.code for c in store.units.children(u) if c.code in in_export]
            for row in sheet.rows:
                if row.measure.is_annual or row.measure.is_ratio:
                    continue
                for col in (*MONTH_COLS, "cur", "prev"):
                    relations.append(
                        Relation(
                            (key(row.measure.code, row.part, col),
                             *((c, row.measure.code, row.part, col) for c in children))
                        )
                    )
    return suppress(values, threshold, counts=counts, relations=relations, dependents=dependents)


# -- text cells --------------------------------------------------------------------------------


def row_label(row: Row) -> str:
    return PART_NAMES[row.part] if row.part else row.measure.name


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
        shown("cur", format_value(m, c.current.value)),
        shown("prev", format_value(m, c.previous.value)),
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


def render_markdown(export: Export) -> str:
    """Every sheet as a Markdown table, with notes under it."""
    def esc(text: str) -> str:
        return text.replace("|", "\\|")

    out = [f"# Månadsstatistik {export.year}", "", f"Exporterad {export.created}."]
    if export.mask_below:
        out += ["", export.masking_note()]
    heads = text_headers()
    for sheet in export.sheets:
        out += ["", f"## {sheet_heading(sheet, export.year)}", ""]
        if not sheet.rows:
            out.append("Enheten har inga mått.")
            continue
        out.append("| " + " | ".join(heads) + " |")
        out.append("|" + "|".join([":---"] + ["---:"] * (len(heads) - 2) + [":---"]) + "|")
        for row in sheet.rows:
            cells = row_texts(export, sheet, row)
            # Markdown drops leading spaces; no-break spaces keep the parts indented
            cells[0] = "\u00a0\u00a0\u00a0\u00a0" * row.depth + cells[0]
            out.append("| " + " | ".join(esc(t) for t in cells) + " |")
        notes = _row_notes(sheet)
        if notes:
            out.append("")
            out += [f"- {esc(n)}" for n in notes]
        comments = [f"{row_label(row)}, {text}" for row in sheet.rows if (text := comment_summary(sheet, row))]
        comments += sheet.month_comments()
        if comments:
            out += ["", "Kommentarer:", ""]
            out += [f"- {esc(c)}" for c in comments]
    return "\n".join(out) + "\n"


def _plain(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def render_csv(export: Export) -> str:
    """Long format: one row per stored value of every enhet in the export (unit, measure, part, period, value)."""
    buf = io.StringIO()
    writer = SafeCsvWriter(buf, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    catalog_order: dict[str, int] = {}
    for sheet in export.sheets:
        i = 0  # the index of the measure's first row in the sheet (a total, then its parts)
        for measure in sheet.measures:
            catalog_order.setdefault(measure.code, i)
            i += 1 + len(measure.parts)
    for sheet in export.sheets:
        if not sheet.unit.is_enhet:
            continue
        u = sheet.unit.code

        def order(item):
            (code, part, period), _v = item
            month = period.month if isinstance(period, Month) else 0
            return (catalog_order.get(code, 10_000), code, part, month)

        for (code, part, period), value in sorted(sheet.stored.items(), key=order):
            col = period.month if isinstance(period, Month) else "cur"
            state = export.masked.get((u, code, part, col))
            shown = mask_text(state, export.mask_below) if state else _plain(value)
            writer.writerow([u, code, part, str(period), shown])
    return buf.getvalue()


def render_text(store, unit_code: str, year: int, fmt: str, mask_below: int | None = None) -> str:
    """The CSV or Markdown export as text (for standard output)."""
    if fmt == "csv":
        return render_csv(build_export(store, unit_code, year, mask_below, with_rows=False))
    export = build_export(store, unit_code, year, mask_below)
    if fmt == "md":
        return render_markdown(export)
    raise ValueError(f"not a text format: {fmt}")


# -- xlsx ----------------------------------------------------------------------------------------

HEADER_ROW = 8  # the row with the column heads; values follow below it
# A hidden sheet keeps the computed cells as exported, so import can tell a total a person
# edited from one that is merely out of date because a part was edited (or already imported).
SNAPSHOT_SHEET = "tracker-beräknat"
SNAPSHOT_HEADS = ("unit", "measure", "part", "period", "value")


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


def xlsx_headers() -> list[str]:
    return [HEAD_MEASURE, HEAD_CODE, HEAD_PART, *(month_name(i, True) for i in MONTH_COLS), HEAD_SUMMARY,
            HEAD_CURRENT, HEAD_PREVIOUS, HEAD_CHANGE, HEAD_CHANGE_PCT, HEAD_TREND, HEAD_NOTE]


def write_xlsx(export: Export, path: Path, login: str = "", charts: tuple[str, ...] = ()) -> Path:
    """One sheet per unit: a header (unit, year, export time), then the grid with numbers as numbers;
    with `charts` (measure codes) a chart of those rows' months under each sheet's table."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment as XlsxComment
    from openpyxl.styles import Alignment, Font, PatternFill

    from tracker.io.xlsx_charts import add_month_charts
    from tracker.io.xlsx_style import SIGNED_PERCENT_FORMAT, sheet_title, signed_format, value_format

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    heads = xlsx_headers()
    col_of = {h: i + 1 for i, h in enumerate(heads)}
    bold = Font(bold=True)
    section_fill = PatternFill("solid", fgColor="E7ECF2")
    for sheet in export.sheets:
        ws = wb.create_sheet(sheet_title(sheet.unit.name, taken))
        ws["A1"] = f"Månadsstatistik {export.year} · {sheet.unit.name}"
        ws["A1"].font = Font(bold=True, size=13)
        info = [
            (LABEL_UNIT, f"{sheet.unit.name}" + ("" if sheet.unit.is_enhet else " (summering av enheterna under)")),
            (LABEL_UNIT_CODE, sheet.unit.code),
            (LABEL_YEAR, export.year),
            (LABEL_EXPORTED, f"{export.created}" + (f" av {login}" if login else "")),
        ]
        if export.mask_below:
            info.append((LABEL_MASKING, export.masking_note()))
        for r, (label, value) in enumerate(info, start=2):
            ws.cell(r, 1, label).font = bold
            ws.cell(r, 2, value).alignment = Alignment(horizontal="left")
        for col, head in enumerate(heads, start=1):
            cell = ws.cell(HEADER_ROW, col, head)
            cell.font = bold
            cell.alignment = Alignment(horizontal="left" if col <= 3 or head in (HEAD_TREND, HEAD_NOTE) else "right")
        r = HEADER_ROW + 1
        section = None
        for row in sheet.rows:
            m, c = row.measure, row.comparison
            if m.section != section:
                section = m.section
                name = export.section_names.get(m.section, m.section)
                cell = ws.cell(r, 1, name.upper())
                cell.font = bold
                for col in range(1, len(heads) + 1):
                    ws.cell(r, col).fill = section_fill
                r += 1
            label = ws.cell(r, 1, row_label(row))
            label.alignment = Alignment(indent=2 * row.depth)
            if row.depth == 0:
                label.font = bold
            ws.cell(r, col_of[HEAD_CODE], m.code)
            ws.cell(r, col_of[HEAD_PART], row.part or None)
            u = sheet.unit.code
            cell_comments = sheet.cell_comments(row)
            for i in MONTH_COLS:
                value = row.months.get(Month(export.year, i))
                _put(ws.cell(r, 3 + i), value, export.state(u, row, i), export.mask_below, value_format(m, value or 0))
                texts = cell_comments.get(str(Month(export.year, i)))
                if texts:
                    ws.cell(r, 3 + i).comment = XlsxComment("\n".join(texts), "tracker")
            if c.current.unavailable:
                ws.cell(r, col_of[HEAD_CURRENT], NOT_AVAILABLE)
                ws.cell(r, col_of[HEAD_PREVIOUS], NOT_AVAILABLE)
                ws.cell(r, col_of[HEAD_NOTE], c.current.unavailable)
                r += 1
                continue
            ws.cell(r, col_of[HEAD_SUMMARY], summary_heading(c))
            for head, col, value in (
                (HEAD_CURRENT, "cur", c.current.value),
                (HEAD_PREVIOUS, "prev", c.previous.value),
            ):
                _put(ws.cell(r, col_of[head]), value, export.state(u, row, col), export.mask_below,
                     value_format(m, value or 0))
            change = c.change * 100 if m.is_percent and c.change is not None else c.change
            _put(ws.cell(r, col_of[HEAD_CHANGE]), change, export.state(u, row, "change"), export.mask_below,
                 signed_format(m, change))
            pct_cell = ws.cell(r, col_of[HEAD_CHANGE_PCT])
            if not c.comparable:
                pct_cell.value = NOT_COMPARABLE
                pct_cell.alignment = Alignment(horizontal="right")
            else:
                _put(pct_cell, c.change_pct, export.state(u, row, "pct"), export.mask_below, SIGNED_PERCENT_FORMAT)
            trend = format_trend(c)
            state = export.state(u, row, "trend")
            ws.cell(r, col_of[HEAD_TREND], mask_text(state, export.mask_below) if state else (trend or None))
            note = " ".join(x for x in (c.note if not row.part else None, comment_summary(sheet, row)) if x)
            if note:
                ws.cell(r, col_of[HEAD_NOTE], note)
            r += 1
        month_notes = sheet.month_comments()
        if month_notes:
            r += 1
            ws.cell(r, 1, "Kommentarer om månaderna").font = bold
            for text in month_notes:
                r += 1
                ws.cell(r, 1, text)
        add_month_charts(ws, [m for m in sheet.measures if m.code in charts], HEADER_ROW, f"{sheet.unit.name} {export.year}")
        ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
        ws.column_dimensions["A"].width = 48
        ws.column_dimensions["B"].width = 18
        ws.column_dimensions["C"].width = 5
        for i in range(4, 4 + 12):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = 9
        for head, width in ((HEAD_SUMMARY, 20), (HEAD_CURRENT, 13), (HEAD_PREVIOUS, 11), (HEAD_CHANGE, 12),
                            (HEAD_CHANGE_PCT, 14), (HEAD_TREND, 16), (HEAD_NOTE, 60)):
            ws.column_dimensions[ws.cell(1, col_of[head]).column_letter].width = width
    snap = wb.create_sheet(SNAPSHOT_SHEET)
    snap.sheet_state = "hidden"
    snap.append(SNAPSHOT_HEADS)
    for cells in computed_cells(export):
        snap.append(cells)
    path = Path(path)
    save_workbook(wb, path)
    return path


def _put(cell, value, state, threshold, number_format: str) -> None:
    from openpyxl.styles import Alignment

    if state:
        cell.value = mask_text(state, threshold)
        cell.alignment = Alignment(horizontal="right")
    elif value is not None:
        cell.value = _plain(value)
        cell.number_format = number_format


def export_unit_year(
    store,
    unit_code: str,
    year: int,
    fmt: str = "xlsx",
    out: Path | None = None,
    mask_below: int | None = None,
    charts: tuple[str, ...] = (),
) -> Path:
    """Write a unit's year as xlsx, csv or md and return the file's path (xlsx with `charts`, see write_xlsx).

    Without `out` the file is named tracker-<unit>-<year>.<ext> in the current folder. A unit
    above enhet level gets its roll-up and every unit below it (one sheet each in xlsx).
    """
    if fmt not in FORMATS:
        raise InputError(f"Formatet ”{fmt}” finns inte för export. Välj xlsx, csv eller md.")
    unit = store.units.find(unit_code)
    path = Path(out) if out is not None else Path.cwd() / default_filename(unit.code, year, fmt)
    export = build_export(store, unit.code, year, mask_below, with_rows=fmt != "csv")
    if fmt == "xlsx":
        return write_xlsx(export, path, store.login, charts)
    text = render_csv(export) if fmt == "csv" else render_markdown(export)
    path.write_text(text, encoding="utf-8")
    return path
