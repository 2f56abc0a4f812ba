"""What is behind a roll-up cell: the units right under it, each with its value, its share of the
total and the same period a year earlier; a missing report is shown as missing, never as 0.

Pure: `breakdown` takes the roll-up's scope and one scope per unit below it (the store's
`breakdown_scopes` counts each enhet in the months it rolls up through that unit), so the values
of a month add up to the roll-up's month. `breakdown_headers` and `breakdown_cells` give the
Swedish texts the TUI shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from tracker.core.catalog import Catalog, Measure
from tracker.core.periods import Month, Span, whole_year
from tracker.core.presentation import format_difference, format_summary, format_value
from tracker.core.scope import Scope, partial_months, ratio_parts, series
from tracker.core.stats import NOT_SUMMABLE, break_note, previous_months, summarize
from tracker.core.swedish import format_number, format_percent
from tracker.core.units import LEVEL_NAMES, Unit, UnitTree
from tracker.core.yearview import all_breaks, measure_comparison

# The columns of the grid a roll-up cell can be drilled into.
MONTH, CURRENT, PREVIOUS = "month", "current", "previous"

MISSING_STATE = "saknas"  # the unit reports the measure but has no value for the period
CLOSED_STATE = "stängd"
NOT_MEMBER_STATE = "ingick inte"  # the unit did not roll up into this one then
NOT_SUMMABLE_STATE = "går inte att summera"

def ratio_note(measure: Measure) -> str:
    """What a ratio's rows show, for an andel (percent) or a kvot (kronor per hushåll)."""
    word, plural = ("andel", "andelar") if measure.is_percent else ("kvot", "kvoter")
    return (
        f"{word.capitalize()}en per rad är radens täljare delad med dess nämnare, och totalen är summan av "
        f"täljarna delad med summan av nämnarna (inte ett snitt av radernas {plural}). En {word} har ingen "
        "andel av totalen, så den kolumnen visas inte."
    )
ANNUAL_NOTE = "Här visas varje enhets eget värde; de läggs inte ihop."


class Below(NamedTuple):
    """A unit right under the roll-up, its values as counted in the roll-up, and the months it rolls
    up into it (an annual value counts with the enhet's December)."""

    unit: Unit
    scope: Scope
    months: frozenset


@dataclass(frozen=True)
class Cell:
    """The roll-up cell drilled into: a month of the grid's year, or its Hittills or Fg år."""

    measure: Measure
    part: str
    year: int
    column: str  # MONTH, CURRENT or PREVIOUS
    month: Month | None = None  # for MONTH


class Period(NamedTuple):
    """The months a value is taken over (none for an annual measure), its year and its label."""

    months: tuple[Month, ...]
    year: int
    label: str


class Measured(NamedTuple):
    """A value over a period, with the numerator and denominator of a ratio and its coverage."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    coverage: str = ""
    unavailable: bool = False


@dataclass(frozen=True)
class BreakdownRow:
    """One unit below (or the total): its value, the same period a year earlier, and its share."""

    unit: Unit
    now: Measured
    before: Measured
    share: float | None
    change: float | None
    state: str  # "" or one of the *_STATE words, shown instead of a value
    note: str  # coverage, the enheter missing within an avdelning


@dataclass(frozen=True)
class Breakdown:
    """The units behind one roll-up cell."""

    cell: Cell
    unit: Unit
    now: Period
    before: Period
    rows: tuple[BreakdownRow, ...]
    total: BreakdownRow
    shares: bool  # False for ratios and annual measures: a share of them means nothing
    notes: tuple[str, ...]

    @property
    def level_word(self) -> str:
        """"Enhet", "Avdelning", or both when the rows are of either level."""
        levels = {row.unit.level for row in self.rows} or {"enhet"}
        return LEVEL_NAMES[levels.pop()] if len(levels) == 1 else "Enhet eller avdelning"

    @property
    def heading(self) -> str:
        """"Aktualiseringar barn och unga 0–17 år · okt 2026 · Individ- och familjeomsorgen"."""
        return f"{self.cell.measure.label(self.cell.part)} · {self.now.label} · {self.unit.name}"


def _months_label(months: tuple[Month, ...], year: int) -> str:
    if not months:
        return str(year)
    if len(months) == 1:
        return months[0].label(short=True)
    first, last = months[0].month, months[-1].month
    return Span(year, first, last, "year" if (first, last) == (1, 12) else "ytd").label


def cell_periods(catalog: Catalog, rollup: Scope, cell: Cell) -> tuple[Period, Period]:
    """The period of the cell and the same period a year earlier, as the grid computes them: a month
    and the same month last year; Hittills over the months the roll-up has values for and last year's
    same months; Fg år those months of last year and the year before."""
    m = cell.measure
    if m.is_annual:
        year = cell.year - (1 if cell.column == PREVIOUS else 0)
        return Period((), year, str(year)), Period((), year - 1, str(year - 1))
    if cell.column == MONTH:
        now: tuple[Month, ...] = (cell.month,)
    else:
        compared = measure_comparison(catalog, rollup, m, whole_year(cell.year), cell.part).months
        if m.uses_last_value:
            compared = compared[-1:]  # the period's value is its last month's: end against end
        now = tuple(compared if cell.column == CURRENT else previous_months(m, compared))
    before = tuple(previous_months(m, now))
    year = cell.year - (1 if cell.column == PREVIOUS else 0)
    return Period(now, year, _months_label(now, year)), Period(before, year - 1, _months_label(before, year - 1))


def measured(catalog: Catalog, scope: Scope, measure: Measure, part: str, period: Period) -> Measured:
    """A measure's value (or a part's) in a scope over a period, by the measure's kind."""
    if measure.is_annual:
        if scope.rollup and measure.code not in scope.annual_ok:
            return Measured(None, unavailable=True)
        summary = summarize(measure, series(catalog, scope, measure, part or None), whole_year(period.year))
        return Measured(summary.value)
    span = whole_year(period.year)
    months = list(period.months)
    if not measure.is_ratio:
        summary = summarize(measure, series(catalog, scope, measure, part or None), span, months=months)
        return Measured(summary.value, coverage=summary.coverage if len(months) > 1 else "")
    num, den = ratio_parts(catalog, scope, measure)
    summary = summarize(measure, num, span, den, months=months)
    present = [x for x in months if x in num and x in den]
    numerator = sum(num[x] for x in present) if present else None
    denominator = sum(den[x] for x in present) if present else None
    return Measured(summary.value, numerator, denominator, summary.coverage if len(months) > 1 else "")


def _reports(tree: UnitTree, unit: Unit, measure: Measure) -> bool:
    return measure.code in (unit.measures if unit.is_enhet else tree.measures_under(unit.code))


def _member_months(period: Period) -> list[Month]:
    return list(period.months) if period.months else [Month(period.year, 12)]


def breakdown(
    catalog: Catalog, tree: UnitTree, unit: Unit, rollup: Scope, below: list[Below], cell: Cell
) -> Breakdown:
    """The units under a roll-up `unit` behind one of its cells.

    `rollup` is the roll-up's scope (Store.scope) and `below` the units right under it with their
    scopes (Store.breakdown_scopes), for the cell's year and the two before; `catalog` is the one
    the roll-up is shown with (Store.catalog_for). Units that neither report the measure nor have a
    value for it are left out and named in a note.
    """
    m, part = cell.measure, cell.part
    now, before = cell_periods(catalog, rollup, cell)
    shares = not m.is_ratio and not m.is_annual
    breaks = all_breaks(catalog, m)
    crossing = [b for b in breaks if now.months and before.months and before.months[0] < b.start <= now.months[-1]]
    if m.is_annual:
        crossing = [b for b in breaks if Month(before.year, 1) < b.start <= Month(now.year, 12)]

    total_now = measured(catalog, rollup, m, part, now)

    def row(target: Unit, scope: Scope, in_months: frozenset | None) -> BreakdownRow:
        a = measured(catalog, scope, m, part, now)
        b = measured(catalog, scope, m, part, before)
        state = ""
        if a.value is None:
            first = _member_months(now)[0]
            if in_months is not None and not in_months.intersection(_member_months(now)):
                state = NOT_MEMBER_STATE
            elif a.unavailable:
                state = NOT_SUMMABLE_STATE
            elif target.is_enhet and target.is_closed_in(first):
                state = CLOSED_STATE
            else:
                state = MISSING_STATE
        notes = [a.coverage] if a.coverage and a.value is not None else []
        gaps = partial_months(catalog, scope, m, part) if scope.partial else {}
        absent = sorted({code for month in now.months for code in gaps.get(month, ())})
        if absent and a.value is not None:
            names = ", ".join(tree.get(c).name for c in absent if c in tree)
            notes.append(f"ofullständig: {names} saknas")
        share = None
        if shares and a.value is not None and total_now.value:
            share = a.value / total_now.value
        change = None
        if a.value is not None and b.value is not None and not crossing:
            change = a.value - b.value
        return BreakdownRow(target, a, b, share, change, state, "; ".join(notes))

    rows: list[BreakdownRow] = []
    left_out: list[str] = []
    for item in below:
        listed = row(item.unit, item.scope, item.months)
        has_value = listed.now.value is not None or listed.before.value is not None
        if not has_value and not _reports(tree, item.unit, m):
            left_out.append(item.unit.name)
            continue
        rows.append(listed)
    total = row(unit, rollup, None)

    notes: list[str] = []
    if m.is_ratio:
        notes.append(ratio_note(m))
    if m.is_annual and total_now.unavailable:
        notes.append(f"{NOT_SUMMABLE} {ANNUAL_NOTE}")
    missing = [r.unit.name for r in rows if r.state == MISSING_STATE]
    if missing:
        lacking = " Totalen saknar deras värden." if total_now.value is not None else ""
        notes.append(f"Har inte rapporterat {now.label}: {', '.join(missing)}.{lacking}")
    if shares and total_now.value is not None and not missing:
        added = sum(r.now.value for r in rows if r.now.value is not None)
        if abs(added - total_now.value) > 1e-6 * max(1.0, abs(total_now.value)):
            notes.append(
                f"Raderna blir tillsammans {format_summary(m, added)}, inte {format_summary(m, total_now.value)}: "
                "alla har inte värden för samma månader."
            )
    if crossing:
        notes.append(break_note(crossing) + " Förändringen visas inte, eftersom perioderna inte är jämförbara.")
    if left_out:
        notes.append(f"Rapporterar inte måttet: {', '.join(left_out)}.")
    return Breakdown(cell, unit, now, before, tuple(rows), total, shares, tuple(notes))


# -- texts ----------------------------------------------------------------------------------------

HEAD_SHARE, HEAD_CHANGE, HEAD_NOTE = "Andel", "Förändring", "Anmärkning"
HEAD_NUMERATOR, HEAD_DENOMINATOR = "Täljare", "Nämnare"


def breakdown_headers(b: Breakdown) -> list[str]:
    """The column heads: the unit, the cell's period (for a ratio after its numerator and
    denominator), its share, the same period a year earlier, the change and a note."""
    if b.cell.measure.is_ratio:
        return [b.level_word, HEAD_NUMERATOR, HEAD_DENOMINATOR, b.now.label, b.before.label, HEAD_CHANGE, HEAD_NOTE]
    heads = [b.level_word, b.now.label]
    if b.shares:
        heads.append(HEAD_SHARE)
    return heads + [b.before.label, HEAD_CHANGE, HEAD_NOTE]


def total_name(unit: Unit) -> str:
    """The total row's name: "Hela förvaltningen", "Hela avdelningen"."""
    return f"Hela {unit.level_name.lower()}en"


def breakdown_cells(b: Breakdown, row: BreakdownRow, name: str | None = None) -> list[str]:
    """A row as Swedish text, one per heading of breakdown_headers; `name` replaces the unit's name."""
    m = b.cell.measure
    single = len(b.now.months) <= 1

    def value(v: float | None) -> str:
        return format_value(m, v) if single else format_summary(m, v)

    now = row.state or value(row.now.value)
    before = value(row.before.value) if row.before.value is not None or not row.before.unavailable else ""
    cells = [name or row.unit.name]
    if m.is_ratio:
        cells += [format_number(row.now.numerator), format_number(row.now.denominator), now]
    else:
        cells.append(now)
        if b.shares:
            cells.append(format_percent(row.share) if row.share is not None else "")
    return cells + [before, format_difference(m, row.change), row.note]
