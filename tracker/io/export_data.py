"""What an export of a unit's year holds: one sheet per unit, its rows, stored values and comments.

Gathered once and written by every format (tracker.io.formats); the masking of small numbers is
decided over it by tracker.io.export_masking.
"""

from __future__ import annotations

from datetime import datetime

from tracker.core.catalog import PART_NAMES
from tracker.core.periods import Month
from tracker.core.scope import Scope
from tracker.core.swedish import month_name
from tracker.core.units import Unit
from tracker.core.yearview import Row, build_rows, ordered_measures, shown_measures

MONTH_COLS = tuple(range(1, 13))
SUMMARY_COLS = ("cur", "prev", "change", "pct", "trend")
NOT_AVAILABLE = "ej tillgängligt"


class UnitSheet:
    """The grid of one unit: an enhet's own values or a roll-up of the units below.

    Plain classes here, not dataclasses: an export would import and build them at every start.
    """

    def __init__(self, unit: Unit, rows: list[Row], stored: dict | None = None, comments: list | None = None,
                 measures: list | None = None) -> None:
        self.unit = unit
        self.rows = rows
        self.stored = {} if stored is None else stored  # enhet only: (measure, part, period) -> value
        self.comments = [] if comments is None else comments  # enhet only: the year's comments, oldest first
        # the measures of the rows, in order (rows may be left out)
        self.measures = [] if measures is None else measures

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


def row_label(row: Row) -> str:
    """A row's first cell: the measure's name, or the part's name for a part row."""
    return PART_NAMES[row.part] if row.part else row.measure.name


class Export:
    """Everything an export writes, with the masking decided once for all formats."""

    def __init__(self, year: int, created: str, sheets: list[UnitSheet], mask_below: int | None = None) -> None:
        self.year = year
        self.created = created
        self.sheets = sheets
        self.mask_below = mask_below
        self.masked: dict = {}  # (unit, measure, part, col) -> state
        self.section_names: dict = {}
        self.charts: tuple[str, ...] = ()  # measure codes drawn as a chart under each xlsx sheet

    def state(self, unit: str, row: Row, col) -> str | None:
        return self.masked.get((unit, row.measure.code, row.part, col))


def units_in_export(store, unit: Unit) -> list[Unit]:
    """The unit and every unit below it, in tree order (one sheet each)."""
    out: list[Unit] = []

    def visit(u: Unit) -> None:
        out.append(u)
        for child in store.units.children(u.code):
            visit(child)

    visit(unit)
    return out


def gather_export(store, unit_code: str, year: int, mask_below: int | None, with_rows: bool) -> Export:
    """The sheets of the unit and the units below it, not yet masked (see export.build_export)."""
    unit = store.units.find(unit_code)
    rows_needed = with_rows or bool(mask_below)
    in_export = units_in_export(store, unit)
    # without rows, the year's values of every enhet come in one read
    year_values = {} if rows_needed else store.unit_values([u.code for u in in_export if u.is_enhet], [year])
    sheets = [_sheet(store, u, year, rows_needed, year_values) for u in in_export]
    created = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    export = Export(year, created, sheets, mask_below)
    export.section_names = {s.code: s.name for s in store.catalog.sections}
    return export


def _sheet(store, u: Unit, year: int, rows_needed: bool, year_values: dict) -> UnitSheet:
    catalog = store.catalog
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
    return UnitSheet(u, rows, stored, comments, shown_measures(catalog, scope, codes, year))


def plain_number(value):
    """A whole float as an int (11.0 → 11), so files show 11 where the grid does."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
