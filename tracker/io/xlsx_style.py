"""Number formats and names shared by the xlsx files the program writes.

xlsx stores number formats in the file's own invariant syntax: "#,##0" is what Swedish Excel
shows (and writes) as "# ##0", with a space between thousands, and "0.0 %" is shown as "0,0 %".
Writing the Swedish spelling literally would make Excel print the space as text, so the
invariant codes are the Swedish formats.
"""

from __future__ import annotations

import re

from tracker.core.presentation import summary_decimals

COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0 %"
SIGNED_PERCENT_FORMAT = '+0.0 %;"\u2212"0.0 %;0.0 %'
SIGNED_COUNT_FORMAT = '+#,##0;"\u2212"#,##0;0'
SIGNED_DECIMAL_FORMAT = '+#,##0.0;"\u2212"#,##0.0;0'
SIGNED_POINTS_FORMAT = '+0.0" p.e.";"\u2212"0.0" p.e.";0.0" p.e."'
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def signed_format(measure, value: float | None = None) -> str:
    """Format of a change of a period value: procentenheter for percent ratios, one decimal for
    means and kvoter (as every view writes them, core.presentation.summary_decimals), else a count."""
    if measure.is_percent:
        return SIGNED_POINTS_FORMAT
    if summary_decimals(measure) or (value is not None and not float(value).is_integer()):
        return SIGNED_DECIMAL_FORMAT
    return SIGNED_COUNT_FORMAT


def value_format(measure, value: float, summary: bool = False) -> str:
    """Format of a value: percent for percent ratios, one decimal for kvoter and, as a period
    value (`summary`), for means; a count otherwise."""
    if measure.is_percent:
        return PERCENT_FORMAT
    if measure.is_ratio or (summary and summary_decimals(measure)) or not float(value).is_integer():
        return DECIMAL_FORMAT
    return COUNT_FORMAT


def sheet_title(text: str, taken: set[str] | None = None) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("-", text).strip() or "Blad"
    base = base[:31]
    taken = taken if taken is not None else set()
    name, n = base, 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name
