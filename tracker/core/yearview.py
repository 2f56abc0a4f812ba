"""Rows of a unit's year as every view shows them: the grid, `tracker show`, reports and exports."""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

from datetime import date
from typing import NamedTuple

from tracker.core.catalog import PART_NAMES, Catalog, Measure, SeriesBreak
from tracker.core.entry import future_refusal
from tracker.core.periods import Month, Span, whole_year, year_months
from tracker.core.scope import Scope, partial_months, ratio_parts, series
from tracker.core.stats import NOT_SUMMABLE, Comparison, compare
from tracker.core.swedish import month_name

ROLLUP_READONLY = "Summering av enheterna under – ändra värdena i respektive enhet."
RETIRED_READONLY = "Måttet är avvecklat och tas inte längre emot; historiken visas."


class Row(NamedTuple):
    """One line of a year view: a measure's total, or one of its parts."""

    measure: Measure
    part: str
    depth: int
    months: dict[Month, float]
    comparison: Comparison
    readonly_reason: str | None

    @property
    def label(self) -> str:
        return self.measure.row_label(self.part)

    @property
    def key(self) -> tuple[str, str]:
        return (self.measure.code, self.part)

    @property
    def is_part(self) -> bool:
        return bool(self.part)


def all_breaks(catalog: Catalog, measure: Measure) -> list[SeriesBreak]:
    """The measure's breaks and those of every row it is computed from."""
    codes = catalog.with_dependencies([measure.code])
    found = {b for code in codes for b in catalog.get(code).breaks}
    return sorted(found, key=lambda b: b.start)


def row_readonly_reason(catalog: Catalog, scope: Scope, measure: Measure, part: str) -> str | None:
    """Why a whole row cannot be edited, or None when its cells take values."""
    if scope.rollup:
        return ROLLUP_READONLY
    if measure.retired:
        return RETIRED_READONLY
    if measure.is_ratio:
        num, den = catalog.get(measure.numerator), catalog.get(measure.denominator)
        return f"Andelen räknas fram: ”{num.name}” delat med ”{den.name}”."
    if measure.sum_of:
        return "Summan räknas fram ur raderna " + ", ".join(
            f"”{catalog.get(c).name}”" for c in measure.sum_of
        ) + "."
    if measure.parts and not part:
        names = " och ".join(PART_NAMES[p] for p in measure.parts)
        return f"Totalen räknas fram ur {names}; ändra delarna."
    return None


def cell_readonly_reason(row: Row, period: Month | int, today: date) -> str | None:
    """Why a cell of a row (a month, or the year of an annual row) cannot be edited, or None."""
    if row.readonly_reason:
        return row.readonly_reason
    return row.measure.no_value_reason(period) or future_refusal(period, today)


def measure_comparison(
    catalog: Catalog, scope: Scope, measure: Measure, span: Span, part: str = ""
) -> Comparison:
    """The comparison of one measure (or part) in a scope over a span."""
    if measure.is_annual and scope.rollup and measure.code not in scope.annual_ok:
        return compare(measure, {}, span, unavailable=NOT_SUMMABLE)
    breaks = all_breaks(catalog, measure)
    if measure.is_ratio:
        num, den = ratio_parts(catalog, scope, measure)
        comparison = compare(measure, num, span, denominator=den, breaks=breaks)
    else:
        comparison = compare(measure, series(catalog, scope, measure, part or None), span, breaks=breaks)
    return _with_partial_note(catalog, scope, measure, part, span, comparison)


def _with_partial_note(catalog: Catalog, scope: Scope, measure: Measure, part: str, span: Span,
                       comparison: Comparison) -> Comparison:
    """Say which roll-up months lack an enhet: such a sum is lower than the real total."""
    if not scope.partial:
        return comparison
    gaps = partial_months(catalog, scope, measure, part)
    months = sorted(m for m in gaps if m in span.months or m in span.shifted(-1).months)
    if not months:
        return comparison
    names = ", ".join(month_name(m.month, True) + (f" {m.year}" if m.year != span.year else "") for m in months)
    note = f"Alla enheter har inte rapporterat {names}; summan för de månaderna är ofullständig."
    return comparison._replace(note=" ".join(x for x in (comparison.note, note) if x))


def ordered_measures(catalog: Catalog, codes) -> list[Measure]:
    """Measures in catalog order, with what derived rows need; retired ones only if they have data."""
    wanted = set(catalog.with_dependencies(codes))
    return [m for m in catalog.measures if m.code in wanted]


def build_rows(
    catalog: Catalog, scope: Scope, codes, year: int, span: Span | None = None
) -> list[Row]:
    """The rows of a year view for the given measure codes (and the rows they derive from).

    Retired measures appear only when the scope holds values for them in the year shown.
    """
    span = span or whole_year(year)
    months = year_months(year)
    rows: list[Row] = []
    for measure in shown_measures(catalog, scope, codes, year):
        keys = [""] + list(measure.parts)
        for part in keys:
            values = series(catalog, scope, measure, part or None)
            shown = {} if measure.is_annual else {m: values[m] for m in months if m in values}
            rows.append(
                Row(
                    measure=measure,
                    part=part,
                    depth=catalog.depth(measure, part),
                    months=shown,
                    comparison=measure_comparison(catalog, scope, measure, span, part),
                    readonly_reason=row_readonly_reason(catalog, scope, measure, part),
                )
            )
    return rows


def shown_measures(catalog: Catalog, scope: Scope, codes, year: int) -> list[Measure]:
    """The measures build_rows makes rows for (each gives its total row, then one per part)."""
    return [
        m for m in ordered_measures(catalog, codes) if not m.retired or _has_data(scope, m, year)
    ]


def _has_data(scope: Scope, measure: Measure, year: int) -> bool:
    for (code, _part, period), _value in scope.values.items():
        if code == measure.code and (period.year if isinstance(period, Month) else period) in (year, year - 1):
            return True
    return False
