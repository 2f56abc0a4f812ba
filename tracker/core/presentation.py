"""Turning values and comparisons into the Swedish text every view shows."""

from __future__ import annotations

from tracker.core.catalog import Measure
from tracker.core.stats import Comparison
from tracker.core.swedish import MISSING, format_number, format_percent, format_points

TARGET_WORD = "Riktvärde"

NOT_COMPARABLE = "ej jämförbart"
# After a value in the grid and beside a field in the form; the help and the status line explain them.
COMMENT_MARK = "*"  # the cell has a comment
PARTIAL_MARK = "~"  # a roll-up value that lacks an enhet's report
PERIOD_MARK = "°"  # a period value over fewer months than the others in its column (jan–okt beside jan–nov)
# Where a change came from, as the history lists it.
SOURCE_NAMES = {"cli": "kommandoraden", "tui": "programfönstret", "import": "import", "demo": "demodata"}


def source_name(source: str, file: str | None = None) -> str:
    """Where a change came from, with the file of an import: "import (mars.csv)"."""
    return SOURCE_NAMES.get(source, source) + (f" ({file})" if file else "")


def format_value(measure: Measure, value: float | None) -> str:
    """A value as the measure shows it: "30 323", "60,0 %" for a percent ratio, one decimal for a
    kvot on every row ("10 682,4", "7,6"), so that rows of a kind read alike."""
    if value is None:
        return MISSING
    if measure.is_percent:
        return format_percent(value)
    if measure.is_ratio:
        return format_number(value, 1)
    return format_number(value)


# Units whose sums run into millions: the grid shows them in thousands so that twelve months, the
# summaries and the comparison fit side by side; the full figure is in the status line.
THOUSANDS = {"kr": "tkr"}


def in_thousands(measure: Measure) -> bool:
    """True when the grid shows this measure's values in thousands (kronor)."""
    return measure.unit in THOUSANDS


def format_thousands(measure: Measure, value: float | None, signed: bool = False) -> str:
    """A value in thousands: whole for sums (4 569 803 -> "4 570"), one decimal for a kvot such as
    kronor per hushåll (10 682 -> "10,7")."""
    return MISSING if value is None else format_number(value / 1000, 1 if measure.is_ratio else 0, signed=signed)


def summary_decimals(measure: Measure) -> int | None:
    """Decimals of a period value and its change: one for a mean and a kvot on every row, so that
    rows of a kind read alike ("500,0" beside "46,4"); None (as entered) for sums and end values."""
    if measure.is_percent:
        return None  # percent and procentenheter carry their own decimal
    if measure.is_ratio or (measure.kind == "stock" and measure.stock_summary != "last"):
        return 1
    return None


def format_summary(measure: Measure, value: float | None) -> str:
    """A period value (Hittills, Fg år) with its kind's decimals."""
    decimals = summary_decimals(measure)
    if value is None or decimals is None:
        return format_value(measure, value)
    return format_number(value, decimals)


def format_change(measure: Measure, comparison: Comparison) -> str:
    """The absolute change: "+78", "−3,5", "+5,0 p.e." for percent ratios; blank when none."""
    return format_difference(measure, comparison.change)


def format_difference(measure: Measure, change: float | None) -> str:
    """A difference between two period values as format_change writes it; blank when None."""
    if change is None:
        return ""
    if measure.is_percent:
        return format_points(change)
    return format_number(change, summary_decimals(measure), signed=True)


def format_change_pct(comparison: Comparison) -> str:
    """The relative change ("+19,0 %"), "ej jämförbart" across a series break, else blank."""
    if not comparison.comparable:
        return NOT_COMPARABLE
    if comparison.change_pct is None:
        return ""
    return format_percent(comparison.change_pct, signed=True)


def format_trend(comparison: Comparison, short: bool = False) -> str:
    """Arrow and judgement, plus target status: "↗ försämrats", "→ oförändrat · ✓ uppnått"; `short`
    gives the status as its symbol only ("→ oförändrat ✓"), where the words are said beside it."""
    parts = []
    if comparison.trend is not None:
        parts.append(str(comparison.trend))
    if comparison.target is not None:
        parts.append(comparison.target.symbol if short else str(comparison.target))
    return (" " if short else " · ").join(parts)


def summary_heading(comparison: Comparison) -> str:
    """"Summa", "Snitt (9 av 12 mån)" …"""
    current = comparison.current
    coverage = current.coverage
    return f"{current.label} ({coverage})" if coverage else current.label


def format_target(measure: Measure, value: float | None) -> str:
    """A riktvärde as it was typed: "90,0 %", "1 200", or a kvot with its decimals ("10 500,50")."""
    if value is not None and measure.is_ratio and not measure.is_percent:
        return format_number(value, None if float(value).is_integer() else 2)
    return format_value(measure, value)


def format_fulfilment(comparison: Comparison) -> str:
    """"måluppfyllelse 102 %" (riktvärde / utfall for lower-is-better measures); blank without a status."""
    status = comparison.target
    if status is None or status.fulfilment == float("inf"):
        return ""
    return f"måluppfyllelse {format_percent(status.fulfilment, 0)}"


def target_line(measure: Measure, comparison: Comparison, year: int) -> str:
    """The riktvärde and how the period stands against it, in one line, or blank without a riktvärde:
    "Riktvärde 2025: 90,0 % · ✓ uppnått (måluppfyllelse 102 %)"; a flow's part of the year is said."""
    goal = measure.target(year)
    if goal is None:
        return ""
    text = f"{TARGET_WORD} {year}: {format_target(measure, goal)}"
    status = comparison.target
    if status is None:
        return text + (" (går inte att bedöma här)" if comparison.current.unavailable else " (inget utfall ännu)")
    if status.prorated:
        current = comparison.current
        text += f" för året, {format_value(measure, status.target)} för {current.months_reported} mån"
    fulfilment = format_fulfilment(comparison)
    return f"{text} · {status}" + (f" ({fulfilment})" if fulfilment else "")
