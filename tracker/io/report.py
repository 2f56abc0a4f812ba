"""The annual "Volymutveckling" table of an årsredovisning: this year against last year.

Rows are the measures the catalog chooses for the report (report_name / report_order) that the
unit's enheter report with data in either year (or every report row with `rows="all"`), in
report order. Each year value follows the measure's kind through core.yearview / core.stats; the
report compares the two whole years as entered and marks a year with missing months. A series
break between the two years makes the percent "ej jämförbart"; its note is printed once under the
table and referenced by number from every row it concerns.

The table is written by the report formats of the registry (tracker.io.formats: report_table,
report_md, report_csv, report_xlsx).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tracker.core.catalog import Measure, SeriesBreak
from tracker.core.errors import InputError
from tracker.core.masking import Dependent, mask_text, suppress
from tracker.core.periods import Month, Span, whole_year
from tracker.core.presentation import NOT_COMPARABLE, TARGET_WORD, format_summary, format_target, summary_decimals
from tracker.core.stats import Summary, TargetStatus
from tracker.core.swedish import format_number, format_percent, format_points, month_name
from tracker.core.units import Unit
from tracker.core.yearview import all_breaks, measure_comparison
from tracker.io.export_data import NOT_AVAILABLE
from tracker.io.export_masking import masking_note

TITLE = "Volymutveckling"
COL_NAME = "Volymmått"
COL_CHANGE = "Förändring"
COL_CHANGE_PCT = "Förändring %"
COL_TARGET, COL_STATUS = TARGET_WORD, "Status"
SUMS_NOT_COMPARED = "Åren har olika många rapporterade månader, så summorna jämförs inte."
ROW_CHOICES = ("data", "all")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def note_mark(number: int) -> str:
    """The reference to note `number` as written after a row name: "¹", "¹²"."""
    return str(number).translate(_SUPERSCRIPT)


@dataclass(frozen=True)
class ReportRow:
    """One line of the Volymutveckling table."""

    measure: Measure
    name: str
    current: Summary
    previous: Summary
    change: float | None
    change_pct: float | None
    breaks: tuple[SeriesBreak, ...]
    unavailable: str | None = None
    notes: tuple[str, ...] = ()
    goal: float | None = None  # the riktvärde in effect for the unit and year
    target: TargetStatus | None = None  # how the year (or the months so far) stands against it

    @property
    def comparable(self) -> bool:
        return not self.breaks


@dataclass(frozen=True)
class Report:
    """The whole table for one unit and year, with the masking decided for publication."""

    unit: Unit
    year: int
    rows: tuple[ReportRow, ...]
    mask_below: int | None = None
    masked: dict = field(default_factory=dict)  # (row index, "cur"|"prev"|"change"|"pct") -> state
    created: str = ""
    # the months compared: the whole year, or January up to a month (a delårsrapport)
    span: Span | None = None
    # True when the span was cut at the year's last reported month rather than asked for
    cut_at_last_reported: bool = False

    @property
    def period(self) -> Span:
        return self.span or whole_year(self.year)

    @property
    def has_targets(self) -> bool:
        """True when a row has a riktvärde: the table then gets the columns Riktvärde and Status."""
        return any(row.goal is not None for row in self.rows)

    @property
    def headers(self) -> list[str]:
        span = self.period
        heads = [COL_NAME, f"Utfall {span.label}", f"Utfall {span.shifted(-1).label}", COL_CHANGE, COL_CHANGE_PCT]
        return heads + [COL_TARGET, COL_STATUS] if self.has_targets else heads

    def footnotes(self) -> tuple[list[str], list[list[int]]]:
        """The distinct notes in order of first use, and for each row the numbers of its notes.

        A note shared by several rows (one break note for two rows) is printed once.
        """
        texts: list[str] = []
        refs: list[list[int]] = []
        for row in self.rows:
            mine: list[int] = []
            for text in row_notes(row):
                if text not in texts:
                    texts.append(text)
                number = texts.index(text) + 1
                if number not in mine:
                    mine.append(number)
            refs.append(mine)
        return texts, refs

    def notes(self) -> list[str]:
        """The lines printed under the table: numbered notes, then how cells are masked."""
        texts, _ = self.footnotes()
        out = [f"{note_mark(i)} {text}" for i, text in enumerate(texts, start=1)]
        if not self.rows:
            out.append(
                f"Inga rapportrader har värden för {self.year} eller {self.year - 1} hos {self.unit.name}. "
                "Ange --rows all för att visa alla rader."
            )
        if self.mask_below:
            out.append(masking_note(self.mask_below))
        return out

    def marked_name(self, index: int) -> str:
        """A row's name with the numbers of its notes ("Vårddygn ¹ ²")."""
        _, refs = self.footnotes()
        return " ".join([self.rows[index].name, *(note_mark(n) for n in sorted(refs[index]))])


def row_notes(row: ReportRow) -> list[str]:
    """What is said about one row under the table: its breaks first, as in the årsredovisning."""
    out = [b.note or f"Serieavbrott från {b.start.label()}." for b in row.breaks]
    if row.unavailable:
        out.append(row.unavailable)
    return out + list(row.notes)


def report_measures(store, unit: Unit, year: int, rows: str = "data") -> list[Measure]:
    """The report's rows for a unit, in report order.

    By default the report measures that the unit's enheter report and hold values for in the
    year or the year before (a derived row counts when what it is computed from has values);
    with rows="all" every report measure of the catalog.
    """
    if rows not in ROW_CHOICES:
        raise InputError(f"”{rows}” är inget val för raderna. Ange data (standard) eller all.")
    catalog, units = store.catalog, store.units
    enheter = [u.code for u in units.enheter_under(unit.code)]
    with_values = store.measures_with_values(enheter, [year - 1, year])
    if rows == "all":
        chosen = [m for m in catalog.measures if m.report_name and (not m.retired or m.code in with_values)]
    else:
        reported = units.measures_under(unit.code)
        chosen = [
            m for m in catalog.measures
            if m.report_name and m.code in reported and with_values.intersection(catalog.with_dependencies([m.code]))
        ]
    return sorted(chosen, key=lambda m: (m.report_order if m.report_order is not None else 10_000, m.position))


def _scope_for(store, unit: Unit, years: list[int], cache: dict):
    if unit.code not in cache:
        cache[unit.code] = store.scope(unit.code, years)
    return cache[unit.code]


def build_row(
    store, unit: Unit, measure: Measure, year: int, cache: dict | None = None, span: Span | None = None
) -> ReportRow:
    """Values and change of one measure: the span (default the whole year) against the same months a year before.

    Flows are summed and stocks averaged over the span's months, in both years alike.
    """
    catalog = store.catalog_for(unit.code)  # with the riktvärden in effect for the unit
    measure = catalog.get(measure.code)
    cache = {} if cache is None else cache
    span = span or whole_year(year)
    scope = _scope_for(store, unit, [year - 1, year], cache)
    current_cmp = measure_comparison(catalog, scope, measure, span)
    previous_cmp = measure_comparison(catalog, scope, measure, span.shifted(-1))
    current, previous = current_cmp.current, previous_cmp.current
    name = measure.report_name_in(year)  # an earlier year keeps the row name it had
    unavailable = current.unavailable
    if unavailable:
        return ReportRow(measure, name, current, previous, None, None, (), unavailable)
    crossing = tuple(
        b for b in all_breaks(catalog, measure) if Month(year - 1, 1) < b.start <= Month(year, span.last)
    )
    notes: list[str] = []
    for summary, yr in ((current, year), (previous, year - 1)):
        if summary.value is not None and summary.coverage:
            notes.append(f"{yr} har värden för {summary.coverage.replace(' mån', ' månader')}.")
    change = change_pct = None
    if current.value is not None and previous.value is not None:
        sums = measure.kind in ("flow", "ratio")
        if sums and current.months_reported != previous.months_reported:
            notes.append(SUMS_NOT_COMPARED)
        else:
            # across a break the difference is shown as in the grid; the percent says "ej jämförbart"
            change = current.value - previous.value
            if not crossing and not measure.is_ratio and previous.value != 0:
                change_pct = change / abs(previous.value)
    return ReportRow(
        measure, name, current, previous, change, change_pct, crossing, None, tuple(notes),
        measure.target(year), current_cmp.target,
    )


def last_reported_month(scope, measures: list[Measure], year: int) -> Month | None:
    """The latest month of the year holding a value of any of the measures in the scope."""
    codes = {c for m in measures for c in (m.code, *m.sum_of, m.numerator or "", m.denominator or "")}
    months = [p for (code, _part, p) in scope.values if isinstance(p, Month) and p.year == year and code in codes]
    return max(months, default=None)


def report_span(year: int, through: Month | None, last_reported: Month | None) -> tuple[Span, bool]:
    """The months a report compares, and whether they were cut at the last reported month.

    With `through`, January up to that month. Without it, the whole year, unless the year has
    values only up to an earlier month: then January up to that month, as a delårsrapport.
    """
    if through is not None:
        if through.year != year:
            raise InputError(
                f"--through {through} ligger inte i rapportens år {year}. Ange en månad i {year}, t.ex. {year}-08."
            )
        return (whole_year(year) if through.month == 12 else Span(year, 1, through.month, "ytd")), False
    if last_reported is None or last_reported.month == 12:
        return whole_year(year), False
    return Span(year, 1, last_reported.month, "ytd"), True


def build_report(
    store,
    year: int,
    unit_key: str | None = None,
    mask_below: int | None = None,
    through: Month | None = None,
    rows: str = "data",
) -> Report:
    """The Volymutveckling table for a unit (default: the top of the tree) and a year (or January–`through`)."""
    if unit_key:
        unit = store.units.find(unit_key)
    else:
        unit = store.units.top()
        if unit is None:
            raise InputError("Databasen har inga enheter ännu. Skapa dem med `tracker init` eller `tracker units add`.")
    measures = report_measures(store, unit, year, rows)
    if not measures and not any(m.report_name for m in store.catalog.measures):
        raise InputError(
            f"Inga mått är valda för rapporten hos ”{unit.name}”. Ett mått kommer med i Volymutveckling "
            "när dess rad i katalogfilen har ett rapportnamn och en plats i rapporten "
            "(nycklarna ”report_name” och ”report_order”)."
        )
    # the report reads only its own measures (and what they are computed from)
    cache: dict = {unit.code: store.scope(unit.code, [year - 1, year], measures=[m.code for m in measures])}
    last = None if through else last_reported_month(cache[unit.code], measures, year)
    span, cut = report_span(year, through, last)
    built = tuple(build_row(store, unit, m, year, cache, span) for m in measures)
    masked = _mask(built, mask_below) if mask_below else {}
    created = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    return Report(unit, year, built, mask_below, masked, created, span, cut)


def _mask(rows: tuple[ReportRow, ...], threshold: int) -> dict:
    values, counts, dependents = {}, [], []
    for i, row in enumerate(rows):
        values[(i, "cur")] = row.current.value
        values[(i, "prev")] = row.previous.value
        values[(i, "change")] = row.change
        values[(i, "pct")] = row.change_pct
        if not row.measure.is_ratio:
            counts += [(i, "cur"), (i, "prev")]
        # a change and a percent give away a masked year value when the other year is shown
        dependents.append(Dependent(((i, "change"), (i, "pct")), ((i, "cur"), (i, "prev"))))
    return suppress(values, threshold, counts=counts, dependents=dependents)


# -- formatting -----------------------------------------------------------------------------------


def row_texts(report: Report, index: int) -> list[str]:
    """The cells of one row as Swedish text ("30 323", "+12,4 %", "ej jämförbart", "<5")."""
    row = report.rows[index]
    m = row.measure

    def shown(col: str, text: str) -> str:
        state = report.masked.get((index, col))
        return mask_text(state, report.mask_below) if state else text

    name = report.marked_name(index)
    goal = [format_target(m, row.goal) if row.goal is not None else "", target_text(report, index)]
    extra = goal if report.has_targets else []
    if row.unavailable:
        return [name, NOT_AVAILABLE, NOT_AVAILABLE, "", "", *extra]
    cur = format_summary(m, row.current.value)
    if row.current.value is not None and row.current.coverage:
        cur += f" ({row.current.coverage})"
    prev = format_summary(m, row.previous.value)
    if row.previous.value is not None and row.previous.coverage:
        prev += f" ({row.previous.coverage})"
    if row.change is None:
        change = ""
    elif m.is_percent:
        change = format_points(row.change)
    else:
        change = format_number(row.change, summary_decimals(m), signed=True)
    if not row.comparable:
        pct = NOT_COMPARABLE
    else:
        pct = "" if row.change_pct is None else format_percent(row.change_pct, signed=True)
    return [
        name,
        shown("cur", cur),
        shown("prev", prev),
        shown("change", change),
        pct if pct == NOT_COMPARABLE else shown("pct", pct),
        *extra,
    ]


def target_text(report: Report, index: int, symbol: bool = True) -> str:
    """A row's status against its riktvärde ("✓ uppnått"); masked with the outcome it gives away."""
    row = report.rows[index]
    if row.target is None:
        return ""
    state = report.masked.get((index, "cur"))
    if state:
        return mask_text(state, report.mask_below)
    return str(row.target) if symbol else row.target.text


def heading(report: Report) -> str:
    """"Volymutveckling 2023 · Individ- och familjeomsorgen", or the months of a delårsrapport."""
    span = report.period
    if span.kind == "year":
        return f"{TITLE} {report.year} · {report.unit.name}"
    compared = f"{span.label} jämfört med {span.shifted(-1).label}"
    if report.cut_at_last_reported:
        compared += f", t.o.m. senast rapporterade månad ({month_name(span.last)})"
    return f"{TITLE} {compared} · {report.unit.name}"
