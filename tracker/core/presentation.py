"""Turning values and comparisons into the Swedish text every view shows."""

from __future__ import annotations

from tracker.core.catalog import Measure
from tracker.core.stats import Comparison
from tracker.core.swedish import MISSING, format_number, format_percent, format_points

NOT_COMPARABLE = "ej jämförbart"
# After a value in the grid and beside a field in the form; the help and the status line explain them.
COMMENT_MARK = "*"  # the cell has a comment
PARTIAL_MARK = "~"  # a roll-up value that lacks an enhet's report
# Where a change came from, as the history lists it.
SOURCE_NAMES = {"cli": "kommandoraden", "tui": "programfönstret", "import": "import", "demo": "demodata"}


def source_name(source: str, file: str | None = None) -> str:
    """Where a change came from, with the file of an import: "import (mars.csv)"."""
    return SOURCE_NAMES.get(source, source) + (f" ({file})" if file else "")


def format_value(measure: Measure, value: float | None) -> str:
    """A value as the measure shows it: "30 323", "43,5", or "60,0 %" for a percent ratio."""
    if value is None:
        return MISSING
    if measure.is_percent:
        return format_percent(value)
    if measure.is_ratio:
        return format_number(value, 0 if abs(value) >= 100 else 1)
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
    if comparison.change is None:
        return ""
    if measure.is_percent:
        return format_points(comparison.change)
    return format_number(comparison.change, summary_decimals(measure), signed=True)


def format_change_pct(comparison: Comparison) -> str:
    """The relative change ("+19,0 %"), "ej jämförbart" across a series break, else blank."""
    if not comparison.comparable:
        return NOT_COMPARABLE
    if comparison.change_pct is None:
        return ""
    return format_percent(comparison.change_pct, signed=True)


def format_trend(comparison: Comparison) -> str:
    """Arrow and judgement, plus target status: "↗ försämrats", "→ oförändrat · ✓ uppnått"."""
    parts = []
    if comparison.trend is not None:
        parts.append(str(comparison.trend))
    if comparison.target is not None:
        parts.append(str(comparison.target))
    return " · ".join(parts)


def summary_heading(comparison: Comparison) -> str:
    """"Summa", "Snitt (9 av 12 mån)" …"""
    current = comparison.current
    coverage = current.coverage
    return f"{current.label} ({coverage})" if coverage else current.label
