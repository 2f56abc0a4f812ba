"""Period summaries by kind, comparisons with the same months last year, trends and targets.

Series are plain dicts: month → value for monthly kinds, year → value for annual measures.
Missing is absent from the dict; 0 is a value.
"""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

from typing import NamedTuple

from tracker.core.catalog import Measure, SeriesBreak
from tracker.core.periods import Month, Span, whole_year
from tracker.core.swedish import month_name

UNCHANGED_BELOW = 0.015  # a change under 1,5 % counts as unchanged
TARGET_NEAR = 0.95
ARROWS = {"up": "↗", "down": "↘", "flat": "→"}
JUDGEMENT_TEXT = {"better": "förbättrats", "unchanged": "oförändrat", "worse": "försämrats"}
TARGET_TEXT = {"reached": "uppnått", "near": "nära", "missed": "ej uppnått"}
TARGET_SYMBOL = {"reached": "✓", "near": "≈", "missed": "✗"}
NOT_SUMMABLE = (
    "Unika individer kan inte summeras över enheter: samma person kan finnas i flera enheter."
)


class Summary(NamedTuple):
    """The value of a period by the measure's kind, with how many months it rests on."""

    value: float | None
    label: str
    months_reported: int
    months_expected: int
    latest: tuple[Month, float] | None = None
    unavailable: str | None = None
    per: str = "mån"  # what months_expected counts: "mån", or "kv" for quarterly measures

    @property
    def complete(self) -> bool:
        return self.months_reported >= self.months_expected

    @property
    def coverage(self) -> str:
        """"9 av 12 mån" when incomplete, else empty."""
        if self.complete or self.months_expected <= 1 and self.months_reported == 0:
            return ""
        return f"{self.months_reported} av {self.months_expected} {self.per}"


class Trend(NamedTuple):
    """Direction of a change and, for measures with a polarity, whether it is better or worse."""

    direction: str  # up | down | flat
    judgement: str | None  # better | unchanged | worse; None for neutral measures

    @property
    def arrow(self) -> str:
        return ARROWS[self.direction]

    @property
    def text(self) -> str:
        return JUDGEMENT_TEXT.get(self.judgement, "") if self.judgement else ""

    def __str__(self) -> str:
        return f"{self.arrow} {self.text}".strip()


class TargetStatus(NamedTuple):
    """How an outcome stands against its riktvärde."""

    target: float
    fulfilment: float
    level: str  # reached | near | missed
    prorated: bool = False

    @property
    def text(self) -> str:
        return TARGET_TEXT[self.level]

    @property
    def symbol(self) -> str:
        return TARGET_SYMBOL[self.level]

    def __str__(self) -> str:
        return f"{self.symbol} {self.text}"

    def to_dict(self) -> dict:
        """The status for JSON: level, its Swedish word, fulfilment and the value compared with."""
        return {
            "status": self.level,
            "text": self.text,
            "fulfilment": self.fulfilment if self.fulfilment != float("inf") else None,
            "compared_with": self.target,
            "prorated": self.prorated,
        }


class Comparison(NamedTuple):
    """This period against the same months of the previous year."""

    current: Summary
    previous: Summary
    months: tuple[Month, ...]
    change: float | None
    change_pct: float | None
    comparable: bool
    note: str | None
    trend: Trend | None
    target: TargetStatus | None
    points: bool = False  # change is in procentenheter (ratios)


def _expected_months(measure: Measure, months: list[Month]) -> list[Month]:
    return measure.months_taking_values(months)


def summarize(
    measure: Measure,
    series: dict,
    span: Span,
    denominator: dict | None = None,
    months: list[Month] | None = None,
) -> Summary:
    """Summarise a series over a span (or over the given months) by the measure's kind.

    For a ratio, `series` is the numerator and `denominator` the denominator series.
    """
    label = measure.summary_label
    if measure.kind == "annual":
        value = series.get(span.year)
        return Summary(value, label, int(value is not None), 1)
    wanted = _expected_months(measure, months if months is not None else span.months)
    if measure.kind == "ratio":
        den = denominator or {}
        present = [m for m in wanted if m in series and m in den]
        total_den = sum(den[m] for m in present)
        value = sum(series[m] for m in present) / total_den if present and total_den else None
        latest = None
        if present and den[present[-1]]:
            latest = (present[-1], series[present[-1]] / den[present[-1]])
        return Summary(value, label, len(present), len(wanted), latest)
    per = measure.kind_info.per
    present = [m for m in wanted if m in series]
    latest = (present[-1], series[present[-1]]) if present else None
    if not present:
        value = None
    elif measure.kind == "flow":
        value = sum(series[m] for m in present)
    elif measure.uses_last_value:
        value = series[present[-1]]
    else:
        value = sum(series[m] for m in present) / len(present)
    return Summary(value, label, len(present), len(wanted), latest, per=per)


def trend(measure: Measure, current: float, previous: float) -> Trend:
    """Arrow and judgement: under 1,5 % change is unchanged; polarity decides better or worse."""
    if previous == 0:
        relative = 0.0 if current == 0 else float("inf") if current > 0 else float("-inf")
    else:
        relative = (current - previous) / abs(previous)
    if abs(relative) < UNCHANGED_BELOW:
        direction = "flat"
    else:
        direction = "up" if relative > 0 else "down"
    if measure.polarity == "neutral":
        return Trend(direction, None)
    if direction == "flat":
        return Trend(direction, "unchanged")
    better = (direction == "up") == (measure.polarity == "higher")
    return Trend(direction, "better" if better else "worse")


def target_status(measure: Measure, outcome: float, target: float, prorated: bool = False) -> TargetStatus:
    """Fulfilment of a riktvärde: ≥ 100 % uppnått, 95–100 % nära, under 95 % ej uppnått.

    For lower-is-better measures fulfilment is riktvärde / utfall.
    """
    if measure.polarity == "lower":
        fulfilment = float("inf") if outcome == 0 else target / outcome
    else:
        fulfilment = float("inf") if target == 0 else outcome / target
    if fulfilment >= 1:
        level = "reached"
    elif fulfilment >= TARGET_NEAR:
        level = "near"
    else:
        level = "missed"
    return TargetStatus(target, fulfilment, level, prorated)


def break_note(breaks: list[SeriesBreak]) -> str:
    """The notes of series breaks as one text: "Serieavbrott från januari 2023: …"."""
    return " ".join(f"Serieavbrott från {b.start.label()}: {b.note}".strip() for b in breaks)


def _missing_note(missing: list[Month]) -> str:
    names = ", ".join(month_name(m.month, True) for m in missing)
    return f"Fg år saknar värde för {names}."


def compare(
    measure: Measure,
    series: dict,
    span: Span,
    denominator: dict | None = None,
    breaks: list[SeriesBreak] | None = None,
    unavailable: str | None = None,
) -> Comparison:
    """Compare a span with the same months of the year before.

    Only the months that have a value this year are compared, so a year in progress is set
    against the same months last year, never against a whole previous year.
    `breaks` defaults to the measure's own; pass the breaks of a ratio's parts too.
    """
    if unavailable:
        empty = Summary(None, measure.summary_label, 0, 0, unavailable=unavailable)
        return Comparison(empty, empty, (), None, None, False, unavailable, None, None)
    breaks = list(measure.breaks if breaks is None else breaks)
    current, previous, compared, crossing = _summaries(measure, series, span, denominator or {}, breaks)
    comparable = not crossing
    note_parts = [break_note(crossing)] if crossing else []
    change, change_pct, trend_value, notes = _change(measure, series, current, previous, compared, comparable)
    return Comparison(
        current=current,
        previous=previous,
        months=compared,
        change=change,
        change_pct=change_pct,
        comparable=comparable,
        note=" ".join(note_parts + notes) or None,
        trend=trend_value,
        target=_target(measure, span, current),
        points=measure.kind == "ratio",
    )


def previous_months(measure: Measure, compared) -> list[Month]:
    """The months of last year a period's value is compared with: the same months, or for a
    measure whose value is the last month's, the same last month (end vs end)."""
    months = [m.same_month_last_year() for m in compared]
    # end vs end: the same last month, not an earlier one that happens to exist
    return months[-1:] if measure.uses_last_value else months


def _summaries(
    measure: Measure, series: dict, span: Span, den: dict, breaks: list[SeriesBreak]
) -> tuple[Summary, Summary, tuple[Month, ...], list[SeriesBreak]]:
    """The span's summary and last year's over the same months, the months compared, and the
    series breaks between the two."""
    prev_span = span.shifted(-1)
    if measure.kind == "annual":
        current = summarize(measure, series, span)
        previous = summarize(measure, series, prev_span)
        crossing = [b for b in breaks if Month(span.year - 1, 1) < b.start <= Month(span.year, 12)]
        return current, previous, (), crossing
    wanted = _expected_months(measure, span.months)
    if measure.kind == "ratio":
        compared = tuple(m for m in wanted if m in series and m in den)
    else:
        compared = tuple(m for m in wanted if m in series)
    current = summarize(measure, series, span, den, list(compared))
    current = current._replace(months_reported=len(compared), months_expected=len(wanted))
    prev_months = previous_months(measure, compared)
    previous = summarize(measure, series, prev_span, den, prev_months)
    crossing = [b for b in breaks if prev_months[0] < b.start <= compared[-1]] if compared else []
    return current, previous, compared, crossing


def _change(
    measure: Measure, series: dict, current: Summary, previous: Summary, compared: tuple[Month, ...],
    comparable: bool,
) -> tuple[float | None, float | None, Trend | None, list[str]]:
    """The change, its percent and trend, and the notes on months missing last year."""
    notes: list[str] = []
    change = change_pct = trend_value = None
    if current.value is not None and previous.value is not None:
        incomplete_prev = measure.kind != "annual" and previous.months_reported < len(
            [m for m in compared if not measure.uses_last_value or m == compared[-1]]
        )
        if incomplete_prev:
            wanted_prev = [m.same_month_last_year() for m in compared]
            notes.append(_missing_note([m for m in wanted_prev if m not in series]))
        # sums over different month sets say nothing; a mean over fewer months still does
        sums_mismatch = incomplete_prev and measure.kind in ("flow", "ratio")
        if not sums_mismatch:
            # across a break the raw difference is still shown, but no percent and no judgement
            change = current.value - previous.value
            if comparable:
                if measure.kind != "ratio" and previous.value != 0:
                    change_pct = change / abs(previous.value)
                trend_value = trend(measure, current.value, previous.value)
    elif current.value is not None and measure.kind != "annual" and compared:
        notes.append(_missing_note([m.same_month_last_year() for m in compared]))
    return change, change_pct, trend_value, notes


def _target(measure: Measure, span: Span, current: Summary) -> TargetStatus | None:
    """How the span's value stands against the year's riktvärde (prorated for a flow in progress)."""
    goal = measure.target(span.year)
    if goal is None or current.value is None:
        return None
    # a flow's riktvärde is for the whole year: the months so far (of a year-to-date span too)
    # are held against their share of it
    year_months_expected = len(_expected_months(measure, whole_year(span.year).months))
    prorated = measure.kind == "flow" and current.months_reported < year_months_expected
    goal_now = goal * current.months_reported / year_months_expected if prorated else goal
    return target_status(measure, current.value, goal_now, prorated)


def year_comparison(measure: Measure, series: dict, year: int, **kwargs) -> Comparison:
    """Compare a whole year (or the year so far) with the same months of the year before."""
    return compare(measure, series, whole_year(year), **kwargs)
