"""The overview a förvaltningschef reads on Monday morning, for a nämnd handout: the key rows for a
month and for the year so far against the same period last year, with trend and riktvärde, and the
enheter that have not reported the month.

Pure: `build_overview` takes the catalog (with the riktvärden in effect for the unit), the scope
and the reporting round's status grid; `overview_headers` and `overview_cells` give the Swedish
texts every output (and a TUI Översikt screen) shows. tracker.io.overview reads the store for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.core.catalog import Catalog, Measure
from tracker.core.periods import Month, single_month, year_to_date
from tracker.core.presentation import (
    TARGET_WORD,
    format_change,
    format_change_pct,
    format_summary,
    format_target,
    format_value,
)
from tracker.core.reporting import expected_enheter, missing_enheter, status_summary
from tracker.core.scope import Scope
from tracker.core.stats import Comparison
from tracker.core.units import Unit
from tracker.core.yearview import measure_comparison

TITLE = "Översikt"
HEAD_MEASURE, HEAD_KIND, HEAD_YTD, HEAD_PREVIOUS = "Mått", "Typ", "Hittills i år", "Fg år"
HEAD_CHANGE, HEAD_CHANGE_PCT, HEAD_TREND, HEAD_STATUS = "Förändring", "Förändring %", "Trend", "Status"
KIND_WORDS = {"Vid periodens slut": "Vid slut"}


@dataclass(frozen=True)
class OverviewRow:
    """One key row: the month against the same month last year, and the year to date against the
    same months last year (whose change, trend and riktvärde status the row shows)."""

    measure: Measure
    month: Comparison
    year_to_date: Comparison
    goal: float | None  # the riktvärde in effect for the unit and year


@dataclass(frozen=True)
class Overview:
    """The overview of a unit for a month."""

    unit: Unit
    month: Month
    rows: tuple[OverviewRow, ...]
    key_rows: bool  # False: the unit reports no key row, so its own measures are shown
    expected: tuple[Unit, ...]  # the enheter expected to report the month
    not_reported: tuple[tuple[Unit, str], ...]  # those whose month is saknas or påbörjad, with the status
    reporting_line: str  # "Oktober 2026: klara 4 av 6 enheter."
    caption: str | None = None  # e.g. the demo database's label

    @property
    def done(self) -> int:
        return len(self.expected) - len(self.not_reported)

    @property
    def heading(self) -> str:
        return f"{TITLE} {self.month.label()} · {self.unit.name}"

    @property
    def compared(self) -> str:
        """What the year-to-date columns compare: "jan–okt 2026 mot jan–okt 2025"."""
        span = year_to_date(self.month)
        return f"{HEAD_YTD}: {span.label} jämfört med {span.shifted(-1).label}"


def overview_measures(catalog: Catalog, reported: set[str]) -> tuple[list[Measure], bool]:
    """The rows: the catalog's key rows (`key = true`) the unit reports, in catalog order, and True;
    or, when it reports none, its own monthly measures without varav rows, and False."""
    key = [m for m in catalog.measures if m.key and m.code in reported and not m.retired]
    if key:
        return key, True
    own = [
        m for m in catalog.measures
        if m.code in reported and not m.retired and not m.varav_of and not m.is_annual
    ]
    return own, False


def build_overview(
    catalog: Catalog,
    scope: Scope,
    unit: Unit,
    measures: list[Measure],
    month: Month,
    grid: dict[str, dict[Month, str]],
    enheter: list[Unit],
    key_rows: bool = True,
    caption: str | None = None,
) -> Overview:
    """The overview of `unit` for `month` from a scope holding that year and the year before.

    `grid` is the reporting round's status of the enheter under the unit (core.reporting.status_grid)
    and `enheter` those enheter; the catalog is the one with the unit's riktvärden (Store.catalog_for).
    """
    rows = tuple(
        OverviewRow(
            m,
            _month_comparison(catalog, scope, m, month),
            measure_comparison(catalog, scope, m, year_to_date(month)),
            m.target(month.year),
        )
        for m in measures
    )
    by_code = {u.code: u for u in enheter}
    rows_grid = {code: row for code, row in grid.items() if code in by_code}
    expected = tuple(by_code[c] for c in expected_enheter(rows_grid, month))
    missing = tuple((by_code[c], rows_grid[c][month]) for c in missing_enheter(rows_grid, month))
    # the enheter not reported are listed with their status by every view, so the line counts only
    line = status_summary(rows_grid, {u.code: u.name for u in enheter}, month, name_missing=False) if rows_grid else ""
    return Overview(unit, month, rows, key_rows, expected, missing, line, caption)


def _month_comparison(catalog: Catalog, scope: Scope, measure: Measure, month: Month) -> Comparison:
    """The month against the same month last year. A comparison takes last year only over the months
    this year has, so a month not reported yet would hide last year's value: that is shown anyway."""
    comparison = measure_comparison(catalog, scope, measure, single_month(month))
    if comparison.current.value is None and comparison.previous.value is None:
        last_year = measure_comparison(catalog, scope, measure, single_month(month.same_month_last_year()))
        comparison = comparison._replace(previous=last_year.current)
    return comparison


def overview_headers(overview: Overview) -> list[str]:
    """The column heads: the month and the same month last year, then the year to date."""
    month = overview.month
    return [
        HEAD_MEASURE, month.label(short=True), month.same_month_last_year().label(short=True), HEAD_KIND, HEAD_YTD,
        HEAD_PREVIOUS, HEAD_CHANGE, HEAD_CHANGE_PCT, HEAD_TREND, TARGET_WORD, HEAD_STATUS,
    ]


def overview_cells(row: OverviewRow) -> list[str]:
    """A row as Swedish text, one per heading of overview_headers."""
    m, ytd = row.measure, row.year_to_date
    kind = ytd.current.label  # a year with a missing month says so under the table (overview_notes)
    return [
        m.name,
        format_value(m, row.month.current.value),
        format_value(m, row.month.previous.value),
        KIND_WORDS.get(kind, kind),
        format_summary(m, ytd.current.value),
        format_summary(m, ytd.previous.value),
        format_change(m, ytd),
        format_change_pct(ytd),
        str(ytd.trend) if ytd.trend else "",
        format_target(m, row.goal) if row.goal is not None else "",
        str(ytd.target) if ytd.target else "",
    ]


def overview_notes(overview: Overview) -> list[str]:
    """What is said under the table: each row's comparison note, and why the rows are what they are."""
    notes = []
    if not overview.key_rows:
        notes.append(f"{overview.unit.name} rapporterar inga av förvaltningens nyckeltal; här visas enhetens egna mått.")
    for row in overview.rows:
        current = row.year_to_date.current
        if current.value is not None and current.coverage:
            notes.append(f"{row.measure.name}: hittills i år finns värden för {current.coverage.replace(' mån', ' månader')}.")
        if row.year_to_date.note:
            notes.append(f"{row.measure.name}: {row.year_to_date.note}")
    if any(row.year_to_date.target and row.year_to_date.target.prorated for row in overview.rows):
        notes.append(
            "Riktvärden för flöden gäller helåret; hittills i år jämförs med årets riktvärde för lika många månader."
        )
    return notes

