"""The entry rule: what a typed value means, which periods take one, and when it is implausible.

Every way in (the grid, Rapportera månad, `tracker set`, `tracker import`) uses these functions,
so the same text is accepted or refused the same way everywhere and is never silently changed.
Which months a kind of measure takes at all is the Measure's to say (core/kinds.py); this module
adds that no period after today's takes a value.
"""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

import re
from datetime import date
from typing import NamedTuple

from tracker.core.catalog import Measure
from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.core.swedish import COUNT_HINT, format_number

# Far above any real count or amount, and below 2**63, so SQLite stores every accepted value exactly.
MAX_VALUE = 10**12
# What clears a cell to missing: nothing, or a dash (hyphen, en dash, em dash, minus sign).
CLEAR_TEXTS = frozenset({"", "-", "–", "—", "\u2212"})
_SPACE_CLASS = "[ \u00a0\u202f\u2009]"
# patterns as text: re compiles each on first use (and keeps it), not at every start
_GROUPED = rf"^\d{{1,3}}(?:{_SPACE_CLASS}\d{{3}})+$"
_PLAIN = r"^\d+$"
_SIGNED = rf"^[-\u2212–+]\s*[\d{_SPACE_CLASS[1:-1]}]+(?:[.,]\d+)?$"
_DECIMAL = rf"^[\d{_SPACE_CLASS[1:-1]}]*[.,]\d*$"


class EntryRefused(InputError):
    """Typed text that is not a value the program stores; the message says what would be."""


def _hint(measure: Measure | None) -> str:
    if measure is not None and measure.unit == "kr":
        return "Ange hela kronor, 0 eller mer, t.ex. 12 500 eller 1 234 567."
    return COUNT_HINT


def parse_entry(raw, measure: Measure | None = None) -> int | None:
    """Typed text (or a number read from a file) as the value to store; None clears the cell.

    Accepted: a whole number 0 to 10^12, digits alone or grouped in threes with spaces
    ("1 234", also no-break and thin spaces). Empty or a dash clears. Everything else is
    refused with the reason: minus, decimals, text, other groupings, too large.
    """
    hint = _hint(measure)
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise EntryRefused(f"”{raw}” är inget giltigt värde. {hint}")
    if isinstance(raw, (int, float)):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise EntryRefused(f"”{raw}” är inget giltigt värde. {hint}")
        if raw < 0:
            raise EntryRefused(f"Negativa värden går inte att ange ({format_number(raw)}). {hint}")
        if raw != int(raw):
            raise EntryRefused(f"”{format_number(raw, 2)}” är inget heltal; decimaler tas inte emot. {hint}")
        return _within_max(int(raw), format_number(raw), hint)
    text = str(raw).strip()
    if text in CLEAR_TEXTS:
        return None
    shown = text if len(text) <= 30 else text[:29] + "…"
    if not text.isascii() and any(c.isdigit() and not c.isascii() for c in text):
        raise EntryRefused(f"”{shown}” innehåller andra siffror än 0–9. {hint}")
    if re.match(_SIGNED, text):
        if text[0] == "+":
            raise EntryRefused(f"”{shown}”: skriv talet utan plustecken. {hint}")
        raise EntryRefused(f"Negativa värden går inte att ange ({shown}). {hint}")
    if re.match(_DECIMAL, text) and any(c.isdigit() for c in text):
        raise EntryRefused(f"”{shown}” har decimaler eller punkt/komma; bara heltal tas emot. {hint}")
    if re.match(_PLAIN, text) or re.match(_GROUPED, text):
        digits = re.sub(_SPACE_CLASS, "", text)
        return _within_max(int(digits), shown, hint)
    if re.fullmatch(rf"[\d{_SPACE_CLASS[1:-1]}]+", text):
        raise EntryRefused(f"”{shown}” är fel grupperat; skriv siffror i tregrupper, t.ex. 1 234. {hint}")
    raise EntryRefused(f"”{shown}” är inget giltigt värde. {hint}")


def _within_max(value: int, shown: str, hint: str) -> int:
    if value > MAX_VALUE:
        raise EntryRefused(
            f"”{shown}” är större än det högsta värde som går att ange ({format_number(MAX_VALUE)}). {hint}"
        )
    return value


def check_stored_value(value, measure: Measure | None = None) -> None:
    """Refuse a value a program hands the store that the entry rule would not give (e.g. 1.5 or -3)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise EntryRefused(f"”{value}” är inget giltigt värde. {_hint(measure)}")
    parse_entry(value, measure)


# -- which periods take a value ---------------------------------------------------------------


def future_refusal(period: Month | int, today: date) -> str | None:
    """Why a period cannot take a value yet: a month after the current one, a year not begun."""
    current = Month(today.year, today.month)
    if isinstance(period, Month) and period > current:
        return (
            f"{period.label().capitalize()} har inte kommit än; värden anges för {current.label()} och "
            "tidigare månader."
        )
    if not isinstance(period, Month) and period > today.year:
        return f"År {period} har inte börjat än; årsvärden anges för {today.year} och tidigare år."
    return None


def period_refusal(measure: Measure, period: Month | int, today: date) -> str | None:
    """Why the measure takes no value for the period (kind, or not yet come), or None."""
    return measure.kind_refusal(period) or future_refusal(period, today)


def check_entry_period(measure: Measure, period: Month | int, today: date) -> None:
    """Raise EntryRefused when the measure takes no value for the period."""
    refusal = period_refusal(measure, period, today)
    if refusal:
        raise EntryRefused(refusal)


# -- plausibility -----------------------------------------------------------------------------

DEFAULT_JUMP_PCT = 50.0
DEFAULT_JUMP_ABS = 10.0
JUMP_QUESTION = "Stämmer det?"


def references(period: Month | int) -> tuple[Month | int, Month | int | None]:
    """What a value is compared with: last month and the same month last year (a year: last year)."""
    if isinstance(period, Month):
        return period.previous(), period.same_month_last_year()
    return period - 1, None


class JumpRule(NamedTuple):
    """The plausibility rule a unit head can follow by hand.

    A value is implausible when it differs from last month's value AND from the same month last
    year by more than `abs` (in the measure's own unit) and more than `pct` percent of that
    value. A value with nothing to compare with is plausible. Annual values compare with the
    year before. Defaults: 50 % and 10 (settings jump_pct and jump_abs).
    """

    pct: float = DEFAULT_JUMP_PCT  # percent of the compared value
    abs: float = DEFAULT_JUMP_ABS  # in the measure's own unit

    def is_jump(self, value: float | None, reference: float | None) -> bool:
        """True when the value is far from one reference value (nothing to compare: False)."""
        if value is None or reference is None:
            return False
        diff = abs(value - reference)
        if diff <= self.abs:
            return False
        if reference == 0:
            # Any change from zero is infinitely many percent; the absolute limit decides.
            return True
        return diff / abs(reference) * 100 > self.pct

    def implausible(self, value: float | None, previous: float | None, last_year: float | None) -> bool:
        """True when the value is far from every reference that exists (none: plausible)."""
        known = [r for r in (previous, last_year) if r is not None]
        return value is not None and bool(known) and all(self.is_jump(value, r) for r in known)

    def implausible_among(self, triples: list[tuple]) -> list[int]:
        """The positions of the (value, previous, last_year) triples that `implausible` is True
        for, judged in one pass: an import asks about hundreds of thousands of values at once."""
        is_jump = self.is_jump
        return [
            i
            for i, (value, previous, last_year) in enumerate(triples)
            if value is not None
            and (previous is not None or last_year is not None)
            and (previous is None or is_jump(value, previous))
            and (last_year is None or is_jump(value, last_year))
        ]

    def explain(self, value: float, previous: float | None, last_year: float | None, annual: bool = False) -> str:
        """Why a value is implausible and what was expected, as one sentence (no question)."""
        seen = []
        if previous is not None:
            seen.append(f"{'förra året' if annual else 'förra månaden'} {format_number(previous)}")
        if last_year is not None:
            seen.append(f"samma månad förra året {format_number(last_year)}")
        return (
            f"{format_number(value)} ligger långt från tidigare värden ({', '.join(seen)}); väntat är högst "
            f"{format_number(self.abs)} eller {format_number(self.pct)} % ifrån något av dem."
        )


def plausibility_refusal(
    rule: JumpRule, value: float | None, previous: float | None, last_year: float | None, annual: bool = False
) -> str | None:
    """The explanation when the value is implausible against its references, else None."""
    if not rule.implausible(value, previous, last_year):
        return None
    return rule.explain(value, previous, last_year, annual)
