"""What the grid shows, as plain data: lines, cell texts and read-only reasons (no Textual here).

All numbers and words come from core.yearview and core.presentation; this module only decides
which text goes into which column, so the widget can diff old and new lines and repaint only
the lines that changed. It is long because every column's text and every reason a cell is
read-only are decided in one place, for the grid and its status line alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from tracker.core.catalog import Catalog
from tracker.core.periods import Month, Span, whole_year, year_months
from tracker.core.presentation import (
    COMMENT_MARK,
    NOT_COMPARABLE,
    PARTIAL_MARK,
    PERIOD_MARK,
    THOUSANDS,
    format_change,
    format_summary,
    format_thousands,
    format_trend,
    format_value,
    in_thousands,
    summary_heading,
    target_line,
)
from tracker.core.scope import Scope, partial_months, series
from tracker.core.stats import Comparison
from tracker.core.swedish import format_number, month_name
from tracker.core.units import Unit
from tracker.core.yearview import Row, build_rows, cell_readonly_reason

MONTH_COLUMNS = 12
# Column indexes after the twelve months.
COL_KIND, COL_CURRENT, COL_PREVIOUS, COL_CHANGE, COL_PCT, COL_TREND = range(12, 18)
COLUMN_COUNT = 18
# Shown in the narrow layout only, where the months scroll: the cursor's month a year earlier.
COL_LAST_YEAR = COLUMN_COUNT

SUMMARY_READONLY = "Periodvärdet räknas fram ur månaderna enligt måttets typ; ändra en månad."
COMPARISON_READONLY = "Jämförelsen med samma period föregående år räknas fram; ändra en månad."
KIND_READONLY = "Visar hur periodvärdet räknas fram; inget att ändra här."
SECTION_READONLY = "Rubrikrad för en grupp av mått; flytta till ett mått för att ändra."

# Short words for the kind column; the full wording is in the status line.
SHORT_KIND = {"Vid periodens slut": "Slut", "Kvartal": "Kv."}


@dataclass(frozen=True)
class Line:
    """One line of the grid: a section heading (row is None) or a measure row."""

    label: str
    depth: int
    cells: tuple[str, ...]
    row: Row | None = None
    section: bool = False

    @property
    def key(self) -> tuple:
        return ("section", self.label) if self.row is None else self.row.key


@dataclass
class GridData:
    """A unit's year as the grid shows it."""

    unit: Unit
    year: int
    lines: list[Line]
    revisions: dict = field(default_factory=dict)
    last_changes: dict = field(default_factory=dict)
    rollup: bool = False
    comments: set = field(default_factory=set)  # (measure, part, period text) with a comment
    locked: set = field(default_factory=set)  # locked months of the enhet
    scope: Scope | None = None  # the values the lines were computed from
    partial: dict = field(default_factory=dict)  # row key -> {month: enheter missing} in a roll-up
    today: date = field(default_factory=date.today)  # no cell after the current month takes a value
    refusal: str | None = None  # why this login may not change the enhet's values (store.write_refusal)

    def row_lines(self) -> list[int]:
        """Indexes of the lines that are measure rows (where the cursor may stand)."""
        return [i for i, line in enumerate(self.lines) if line.row is not None]

    def find_row(self, code: str, part: str = "") -> int | None:
        for i, line in enumerate(self.lines):
            if line.row is not None and line.row.key == (code, part):
                return i
        return None


def column_headers(year: int, today: date) -> list[str]:
    """Headings of the 18 data columns."""
    months = [month_name(m, True) for m in range(1, 13)]
    current = "Hittills" if year >= today.year else f"År {year}"
    # narrow headings, so that the comparison fits beside twelve months at 160 columns; the help
    # and the status line say what they mean
    return months + ["Typ", current, "Fg år", "±", "%", "Trend"]


def last_year_header(month: Month) -> str:
    """The heading of the narrow layout's column of the same month last year: "nov 2025"."""
    return f"{month_name(month.month, True)} {month.year - 1}"


def last_year_text(catalog: Catalog, scope: Scope | None, row: Row, month: Month) -> str:
    """A row's value the same month last year, as its month cells are written."""
    if scope is None or not row.measure.takes_value_in(month):
        return ""
    values = series(catalog, scope, row.measure, row.part or None)
    return month_text(row.measure, values.get(month.same_month_last_year()))


def period_end(lines: list[Line]) -> Month | None:
    """The last month the period values of the view run to: the latest month any row compares."""
    end = None
    for line in lines:
        months = line.row.comparison.months if line.row is not None else ()
        if months and (end is None or months[-1] > end):
            end = months[-1]
    return end


def column_months(row: Row, end: Month) -> list[Month]:
    """The months of a column's period (January to `end`) that the row's kind takes values in."""
    return [Month(end.year, m) for m in row.measure.kind_info.months if m <= end.month]


def short_period(row: Row, end: Month | None) -> bool:
    """Whether a row's period value rests on other months than its column's (jan–okt beside
    jan–nov, or a month missing between): its Hittills and Fg år cells are marked."""
    months = row.comparison.months
    if end is None or not months or row.measure.is_annual:
        return False
    return list(months) != column_months(row, end)


def period_note(row: Row, end: Month) -> str:
    """The status line's words for a marked period value: which months it rests on."""
    months = row.comparison.months
    column = Span(end.year, 1, end.month, "ytd").label
    missing = [m for m in column_months(row, end) if m not in months]
    if months and months == tuple(column_months(row, end)[: len(months)]):
        own = Span(end.year, 1, months[-1].month, "ytd").label
        return f"{PERIOD_MARK} Periodvärdet avser {own}, kolumnen i övrigt {column}."
    names = ", ".join(month_name(m.month, True) for m in missing)
    return f"{PERIOD_MARK} Periodvärdet saknar {names}; kolumnen i övrigt avser {column}."


# A qualifier after the last comma up to this long ("…, SoL", "…, tkr") is kept when a label is cut;
# a longer one (", vid kvartalets slut") is cut with the rest, so the start of the name stays.
QUALIFIER = 8


def shorten_label(text: str, width: int) -> str:
    """Fit a label into `width` characters; a short qualifier after the last comma ("…, SoL")
    is kept, since that is what tells otherwise alike rows apart."""
    if len(text) <= width:
        return text
    cut = text.rfind(", ")
    suffix = text[cut:] if cut > 0 else ""
    if suffix and len(suffix) <= min(QUALIFIER, width // 2):
        return text[: width - 1 - len(suffix)].rstrip() + "…" + suffix
    return text[: width - 1].rstrip() + "…"


def month_text(measure, value) -> str:
    """A month cell: percent ratios without the sign (the row's unit says %), kronor in thousands
    (the row's label says tkr), to keep months narrow."""
    if measure.is_percent and value is not None:
        return format_number(value * 100, 1)
    if in_thousands(measure):
        return format_thousands(measure, value)
    return format_value(measure, value)


def line_label(row: Row) -> str:
    """A row's label in the grid: with the unit when its values are shown in thousands."""
    # after a comma, so that shortening a long label keeps it
    return f"{row.label}, {THOUSANDS[row.measure.unit]}" if in_thousands(row.measure) else row.label


def make_line(row: Row, year: int, comments: set | frozenset = frozenset(), partial: dict | None = None) -> Line:
    """The grid line of a measure row."""
    return Line(line_label(row), row.depth, row_cells(row, year, comments, partial), row=row)


def edit_text(line: Line, column: int, year: int) -> str:
    """What editing a cell starts from: its value as typed (in kronor where the grid shows tkr)."""
    row = line.row
    if row is not None and column < MONTH_COLUMNS and in_thousands(row.measure):
        value = row.months.get(Month(year, column + 1))
        return "" if value is None else format_number(value)
    text = line.cells[column] if column < len(line.cells) else ""
    return "" if text == "–" else text


def row_cells(
    row: Row, year: int, comments: set | frozenset = frozenset(), partial: dict | None = None
) -> tuple[str, ...]:
    """The 18 texts of a measure row; cells with a comment, or an incomplete roll-up, get a marker."""
    measure, comparison = row.measure, row.comparison
    partial = partial or {}

    # the periods (as text) of this row that have a comment: most rows have none
    commented = {p for code, part, p in comments if code == measure.code and part == row.part} if comments else ()

    def mark(period) -> str:
        if period in partial:
            return PARTIAL_MARK
        return COMMENT_MARK if commented and str(period) in commented else ""

    cells: list[str] = []
    months = year_months(year)
    taking = set(measure.months_taking_values(months))
    values = row.months
    for month in months:
        if month not in taking:
            # no value is ever entered here, so a dash ("missing") would mislead
            cells.append("")
        else:
            cells.append(month_text(measure, values.get(month)) + mark(month))
    label = comparison.current.label
    cells.append(SHORT_KIND.get(label, label))
    year_mark = mark(year) if measure.is_annual else ""
    if in_thousands(measure):
        cells.append(format_thousands(measure, comparison.current.value) + year_mark)
        cells.append(format_thousands(measure, comparison.previous.value))
        cells.append("" if comparison.change is None else format_thousands(measure, comparison.change, signed=True))
    else:
        cells.append(format_summary(measure, comparison.current.value) + year_mark)
        cells.append(format_summary(measure, comparison.previous.value))
        cells.append(format_change(measure, comparison))
    cells.append(pct_text(comparison))
    cells.append(trend_text(comparison))
    return tuple(cells)


def pct_text(comparison: Comparison) -> str:
    """The % column: the relative change without the sign its heading gives ("+19,0"); blank across
    a series break, where the Trend column says ej jämförbart."""
    if not comparison.comparable or comparison.change_pct is None:
        return ""
    return format_number(comparison.change_pct * 100, 1, signed=True)


def trend_text(comparison: Comparison) -> str:
    """The Trend column: arrow and judgement with the target's symbol ("↘ försämrats ✗"), whose
    words are in the status line (describe_cell), so that the columns fit at 160; "ej jämförbart"
    across a series break."""
    if not comparison.comparable:
        target = f" {comparison.target.symbol}" if comparison.target is not None else ""
        return NOT_COMPARABLE + target
    return format_trend(comparison, short=True)


def unit_codes(units, unit: Unit) -> list[str]:
    """The measures a unit's grid shows: its own, or every measure reported below it."""
    if unit.is_enhet:
        return list(unit.measures)
    return sorted(units.measures_under(unit.code))


def load_grid(
    store, unit_code: str, year: int, previous: GridData | None = None, change=None, today: date | None = None
) -> GridData:
    """Read a unit's year (and the year before, for comparisons) from the store.

    After our own save pass the grid as it was (`previous`) and the store's `change`: then only
    the rows that change with it (the row, its parts total, derived rows) are recomputed from the
    scope updated in memory, and revisions and last changes are carried over; re-reading and
    recomputing the whole year would be most of the cost of an edit.
    """
    catalog: Catalog = store.catalog_for(unit_code)  # with the riktvärden in effect for the unit
    unit = store.units.get(unit_code)
    if previous is not None and change is not None and (previous.unit.code, previous.year) == (unit.code, year):
        return _after_change(catalog, previous, change)
    scope = store.scope(unit.code, [year - 1, year])
    comments = store.commented_cells(unit.code, year) if unit.is_enhet else set()
    locked = {m for _u, m in store.locked_months([unit.code], year)} if unit.is_enhet else set()
    rows = build_rows(catalog, scope, unit_codes(store.units, unit), year, whole_year(year))
    partial = {
        row.key: gaps for row in rows if scope.partial and (gaps := partial_months(catalog, scope, row.measure, row.part))
    }
    lines: list[Line] = []
    section = None
    for row in rows:
        if row.measure.section != section:
            section = row.measure.section
            lines.append(Line(catalog.section_name(section).upper(), 0, (), section=True))
        lines.append(make_line(row, year, comments, partial.get(row.key)))
    revisions, changes = store.year_log(unit.code, year) if unit.is_enhet else ({}, {})
    refusal = store.write_refusal(unit.code) if unit.is_enhet else None
    return GridData(unit, year, lines, revisions, changes, rollup=not unit.is_enhet, comments=comments,
                    locked=locked, scope=scope, partial=partial, today=today or date.today(), refusal=refusal)


class KeptGrids:
    """The grids last shown, kept while the database is unchanged, so that switching back to a
    unit or year shown before shows it without reading and formatting it anew.

    Whatever commits to the database (this connection or another) drops them all, so a kept grid
    is what load_grid would build now; a grid is never changed in place once kept.
    """

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._stamp: tuple | None = None
        self._grids: dict[tuple, GridData] = {}

    def load(self, store, unit_code: str, year: int, today: date) -> GridData:
        """load_grid(store, unit_code, year, today=today), or the same grid kept from before."""
        stamp = (store.data_version(), store.db.conn.total_changes)
        if stamp != self._stamp:
            self._stamp, self._grids = stamp, {}
        key = (unit_code, year, today)
        data = self._grids.pop(key, None)
        if data is None:
            data = load_grid(store, unit_code, year, today=today)
        self._grids[key] = data  # the most recently shown last
        while len(self._grids) > self.size:
            del self._grids[next(iter(self._grids))]
        return data


def _after_change(catalog: Catalog, previous: GridData, change) -> GridData:
    values = dict(previous.scope.values)
    key = (change.measure, change.part, change.period)
    if change.new is None:
        values.pop(key, None)
    else:
        values[key] = change.new
    scope = Scope(values)
    affected = catalog.affected_by(change.measure)
    fresh = {row.key: row for row in build_rows(catalog, scope, affected, previous.year, whole_year(previous.year))}
    lines = []
    for line in previous.lines:
        row = fresh.get(line.row.key) if line.row is not None and line.row.measure.code in affected else None
        if row is not None:
            line = make_line(row, previous.year, previous.comments)
        lines.append(line)
    return replace(previous, lines=lines, revisions=dict(previous.revisions),
                   last_changes=dict(previous.last_changes), scope=scope)


def column_period(row: Row, column: int, year: int) -> Month | int | None:
    """The period a cell stores: a month, the year for an annual row's period value, else None."""
    if column < MONTH_COLUMNS:
        return Month(year, column + 1)
    if column == COL_CURRENT and row.measure.is_annual:
        return year
    return None


def readonly_reason(line: Line, column: int, year: int, today: date) -> str | None:
    """Why a cell cannot be edited (Swedish), or None when it takes a value."""
    row = line.row
    if row is None:
        return SECTION_READONLY
    if column < MONTH_COLUMNS:
        return cell_readonly_reason(row, Month(year, column + 1), today)
    if column == COL_CURRENT and row.measure.is_annual:
        return cell_readonly_reason(row, year, today)
    if column == COL_KIND:
        return KIND_READONLY
    if column == COL_CURRENT:
        return row.readonly_reason or SUMMARY_READONLY
    return COMPARISON_READONLY


def first_editable_line(data: GridData, column: int) -> int | None:
    """The first row whose cell in the column takes a value (or the first row at all)."""
    rows = data.row_lines()
    for i in rows:
        if readonly_reason(data.lines[i], column, data.year, data.today) is None:
            return i
    return rows[0] if rows else None


def describe_cell(
    line: Line, column: int, year: int, end: Month | None = None, hidden: frozenset[int] | set[int] = frozenset()
) -> list[str]:
    """The status lines for a cell: name, kind and unit; definition; coverage and notes.

    `end` is the last month of the period columns (period_end), for the note on a row whose
    period is shorter; `hidden` the comparison columns the layout leaves out, said here instead."""
    row = line.row
    if row is None:
        return [line.label.capitalize(), "", ""]
    m = row.measure
    first = " · ".join(x for x in (m.label(row.part), m.describe_kind(), m.unit) if x)
    second = m.definition
    notes = []
    comparison = row.comparison
    if column >= COL_KIND:
        unit = f" {m.unit}" if in_thousands(m) and comparison.current.value is not None else ""
        notes.append(f"{summary_heading(comparison)}: {format_summary(m, comparison.current.value)}{unit}.")
    elif in_thousands(m) and (value := row.months.get(Month(year, column + 1))) is not None:
        notes.append(f"{month_name(column + 1).capitalize()}: {format_value(m, value)} {m.unit} (visas i tkr).")
    unseen = [
        text.format(line.cells[c])
        for c, text in ((COL_PREVIOUS, "Fg år {}"), (COL_PCT, "Förändring {} %"), (COL_TREND, "Trend {}"))
        if c in hidden and line.cells[c]
    ]
    if unseen:
        notes.append(" · ".join(unseen) + ".")
    if column >= COL_KIND and end is not None and short_period(row, end):
        notes.append(period_note(row, end))
    if column >= COL_KIND and (goal := target_line(m, comparison, year)):
        notes.append(goal + ".")
    if comparison.note:
        notes.append(comparison.note)
    return [first, second, " ".join(notes)]
