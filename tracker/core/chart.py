"""The data of a chart of one measure: each year month by month as a line, and the year values as bars.

Pure: which series and years, the values in the unit plotted, the Swedish labels, ticks and
notes. Drawing them is tracker.io.chart_drawing.draw_chart, shared by `tracker chart` and the TUI.
Missing months are gaps, never zeros; the year values follow the measure's kind (sum for flows,
mean or year end for stocks, Σ/Σ for ratios, the entered value for annual measures).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tracker.core.catalog import PART_NAMES, Catalog, Measure
from tracker.core.errors import InputError
from tracker.core.periods import Month, whole_year, year_months
from tracker.core.presentation import THOUSANDS, format_summary, format_target, format_thousands, in_thousands
from tracker.core.scope import Scope, partial_months, series
from tracker.core.stats import NOT_SUMMABLE, break_note, summarize
from tracker.core.swedish import MONTH_SHORT, format_number
from tracker.core.yearview import all_breaks

DEFAULT_YEARS = 5
MAX_YEARS = 15
YEAR_WORDS = {"Summa": "Summa", "Snitt": "Snitt", "Vid periodens slut": "Vid årets slut", "Kvartal": "Vid årets slut",
              "År": "Värde", "Andel": "Andel (Σ/Σ)", "Kvot": "Kvot (Σ/Σ)"}


@dataclass(frozen=True)
class YearLine:
    """One year month by month, in the unit plotted; None where a month has no value."""

    year: int
    values: tuple[float | None, ...]
    current: bool
    months: tuple[int, ...] = tuple(range(1, 13))  # the months the measure's kind has a value for

    def segments(self) -> list[list[tuple[int, float]]]:
        """Runs of (month, value) without a missing month between them: each is drawn as one line,
        so a gap stays a gap."""
        runs: list[list[tuple[int, float]]] = []
        current: list[tuple[int, float]] = []
        for month in self.months:
            value = self.values[month - 1]
            if value is None:
                if current:
                    runs.append(current)
                current = []
            else:
                current.append((month, value))
        if current:
            runs.append(current)
        return runs


@dataclass(frozen=True)
class YearBar:
    """One year's value by the measure's kind, in the unit plotted, with its Swedish text."""

    year: int
    value: float | None
    text: str
    coverage: str  # "11 av 12 mån" for an incomplete year, else ""
    current: bool


@dataclass(frozen=True)
class ChartData:
    """Everything a chart shows; values are in `value_unit` (percent for andelar, tkr for kronor)."""

    measure: Measure
    part: str
    unit_name: str
    years: tuple[int, ...]
    value_unit: str
    heading: str  # the measure (and part) and the unit, over the whole chart
    title: str  # over the months, short enough for a narrow plot: "Ärenden per månad, 2022–2026"
    bars_title: str  # over the year values
    lines: tuple[YearLine, ...]  # oldest first; empty for annual measures
    bars: tuple[YearBar, ...]
    month_labels: tuple[str, ...]
    line_ticks: tuple[tuple[float, str], ...]
    bar_ticks: tuple[tuple[float, str], ...]
    notes: tuple[str, ...]
    # the riktvärde of the last year where it reads against each month (a level, not a flow's year sum)
    month_target: float | None = None
    bar_target: float | None = None  # the last year's riktvärde against its year value

    @property
    def has_months(self) -> bool:
        return bool(self.lines)


def check_years(text: str | int | None) -> int:
    """The number of years a chart shows: 1 to MAX_YEARS (default DEFAULT_YEARS)."""
    if text is None:
        return DEFAULT_YEARS
    raw = str(text).strip()
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_YEARS:
        raise InputError(
            f"”{raw}” är inget giltigt antal år. Ange ett heltal från 1 till {MAX_YEARS}, t.ex. --years 5."
        )
    return int(raw)


def check_part(measure: Measure, part: str | None) -> str:
    """A part of a split measure (F/P, K/M), or "" for the total; anything else is refused."""
    part = (part or "").strip().upper()
    if not part:
        return ""
    if not measure.parts:
        raise InputError(f"”{measure.name}” är inte uppdelat i delar; ange måttet utan --part.")
    if part not in measure.parts:
        allowed = " eller ".join(f"{p} ({PART_NAMES[p]})" for p in measure.parts)
        raise InputError(f"Delen ”{part}” finns inte för ”{measure.name}”. Ange {allowed}.")
    return part


def _scale(measure: Measure) -> tuple[float, str]:
    if measure.is_percent:
        return 100.0, "%"
    if in_thousands(measure):
        return 0.001, THOUSANDS[measure.unit]
    return 1.0, measure.unit


def nice_ticks(low: float, high: float, count: int = 6, suffix: str = "") -> tuple[tuple[float, str], ...]:
    """About `count` round tick values from at or below `low` to at or above `high`, labelled the
    Swedish way ("1 200", "82,5 %")."""
    if high <= low:
        low, high = max(0.0, low - 1), high + 1
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)
    decimals = 0
    while decimals < 3 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-9:
        decimals += 1
    # the first and last tick bracket the values, so an axis from the first to the last shows them all
    start = math.floor(low / step + 1e-9) * step
    end = math.ceil(high / step - 1e-9) * step
    ticks = []
    value = start
    while value <= end + step * 1e-9:
        ticks.append((round(value, 6), format_number(value, decimals) + suffix))
        value += step
    return tuple(ticks)


def chart_data(
    catalog: Catalog, scope: Scope, measure: Measure, last_year: int, years: int = DEFAULT_YEARS,
    part: str = "", unit_name: str = "",
) -> ChartData:
    """A chart of a measure (or one part) in a scope for the `years` years up to `last_year`.

    `catalog` is the one the scope's unit is shown with (Store.catalog_for), so that its riktvärden
    are those in effect there; `scope` must hold the years shown.
    """
    shown = tuple(range(last_year - years + 1, last_year + 1))
    factor, value_unit = _scale(measure)
    name = measure.label(part)
    notes: list[str] = []

    if measure.is_ratio:
        num = series(catalog, scope, catalog.get(measure.numerator))
        den = series(catalog, scope, catalog.get(measure.denominator))
        values = series(catalog, scope, measure)
    else:
        num, den = series(catalog, scope, measure, part or None), None
        values = num

    lines: list[YearLine] = []
    if not measure.is_annual:
        for year in shown:
            taken = tuple(m.month for m in year_months(year) if measure.takes_value_in(m))
            row = tuple(
                values[m] * factor if m in values else None for m in year_months(year)
            )
            lines.append(YearLine(year, row, year == last_year, taken))

    bars: list[YearBar] = []
    unavailable = measure.is_annual and scope.rollup and measure.code not in scope.annual_ok
    if unavailable:
        notes.append(NOT_SUMMABLE)
    for year in shown:
        summary = summarize(measure, num, whole_year(year), denominator=den)
        value = None if unavailable else summary.value
        coverage = summary.coverage if value is not None else ""
        if coverage and year != last_year:
            notes.append(f"{year} har värden för {coverage.replace(' mån', ' månader')}.")
        text = format_thousands(measure, value) if in_thousands(measure) else format_summary(measure, value)
        bars.append(YearBar(year, None if value is None else value * factor, text, coverage, year == last_year))

    first, last = Month(shown[0], 1), Month(last_year, 12)
    for brk in all_breaks(catalog, measure):
        if first < brk.start <= last:
            notes.append(break_note([brk]) + " Åren före och efter jämförs inte rakt av.")
    if scope.partial:
        gaps = [m for m in partial_months(catalog, scope, measure, part) if m.year in shown]
        if gaps:
            notes.append(
                f"Alla enheter har inte rapporterat {len(gaps)} av månaderna; summan för dem är ofullständig."
            )

    # a level (a stock, an andel, a kvot) is held against its riktvärde month by month; a flow's or an
    # annual measure's riktvärde is a year's value, drawn over the year bars
    goal = measure.target(last_year) if not part else None
    scaled = goal * factor if goal is not None else None
    level = (measure.kind == "stock" or measure.is_ratio) and not measure.is_annual
    if goal is not None:
        where = "i diagrammet per månad" if level else "över staplarna"
        notes.append(f"Riktvärde {last_year}: {format_target(measure, goal)} (den vågräta linjen {where}).")

    label = measure.summary_label
    current = bars[-1]
    so_far = f" ({current.coverage})" if current.coverage else ""
    amount = f"{current.text} {value_unit}" if current.value is not None and not measure.is_percent else current.text
    bars_title = f"{YEAR_WORDS.get(label, label)} per år · {last_year}: {amount.strip()}{so_far}"
    heading = " · ".join(x for x in (name, unit_name) if x)
    per = "per år" if measure.is_annual else "per kvartal" if measure.kind == "quarterly" else "per månad"
    title = f"{'procent' if measure.is_percent else value_unit} {per}, {shown[0]}–{last_year}".strip()
    title = title[0].upper() + title[1:]

    suffix = " %" if measure.is_percent else ""
    month_target = scaled if level else None
    bar_target = None if level else scaled
    points = [v for line in lines for v in line.values if v is not None]
    points += [month_target] if month_target is not None else []
    line_ticks = nice_ticks(min(points), max(points), suffix=suffix) if points else ()
    heights = [b.value for b in bars if b.value is not None] + ([bar_target] if bar_target is not None else [])
    bar_ticks = nice_ticks(0, max(heights), suffix=suffix) if heights else ()
    return ChartData(
        measure=measure, part=part, unit_name=unit_name, years=shown, value_unit=value_unit,
        heading=heading, title=title, bars_title=bars_title, lines=tuple(lines), bars=tuple(bars),
        month_labels=MONTH_SHORT, line_ticks=line_ticks, bar_ticks=bar_ticks, notes=tuple(notes),
        month_target=month_target, bar_target=bar_target,
    )


def has_values(chart: ChartData) -> bool:
    """True when the chart has anything to draw."""
    return any(b.value is not None for b in chart.bars) or any(
        v is not None for line in chart.lines for v in line.values
    )
