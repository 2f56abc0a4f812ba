"""Riktvärden: what a typed target means, which targets a measure may have, and which one applies
to a unit.

A target is set per measure and year, for the whole förvaltning (the general target, unit "") or
for one unit. The target in effect for a unit:

- its own target wins;
- for a ratio (an andel such as "Andel förhandsbedömningar inom 14 dagar", or a kvot such as
  kronor per hushåll) the level does not change what the target means, so a unit without its own
  gets the nearest one above it: its avdelning's, then the general one;
- for a count (flow, stock, quarterly, annual) a target is a volume for the unit it was set for:
  the general target applies to the förvaltning (the top of the tree) only, and an avdelning shows
  only a target set for the avdelning itself (its enheter's targets are not summed).

Values are kept as the statistics use them: percent ratios as fractions (90 % is 0.9), everything
else in the measure's own unit. How the outcome stands against the target is core.stats.target_status.
"""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

import re
from typing import NamedTuple

from tracker.core.catalog import Measure
from tracker.core.entry import CLEAR_TEXTS, MAX_VALUE, EntryRefused, parse_entry
from tracker.core.errors import InputError
from tracker.core.swedish import MINUS, format_number, parse_decimal

GENERAL = ""  # the unit of a target for the whole förvaltning
# patterns as text: re compiles each on first use (and keeps it), not at every start
_PERCENT_SIGN = r"\s*%$"


class Target(NamedTuple):
    """One stored riktvärde: a measure's target for a year, for a unit or (unit "") the förvaltning."""

    measure: str
    year: int
    unit: str
    value: float

    @property
    def general(self) -> bool:
        return self.unit == GENERAL


def target_refusal(measure: Measure) -> str | None:
    """Why a measure can have no riktvärde at all, or None when it can."""
    if measure.retired:
        return f"”{measure.name}” är avvecklat och tas inte längre emot; ett riktvärde kan inte sättas för det."
    if measure.polarity == "neutral":
        return (
            f"”{measure.name}” är ett neutralt mått (varken högre eller lägre är bättre), så ett utfall kan inte "
            "bedömas mot ett riktvärde. Riktvärden sätts på mått där högre eller lägre är bättre, t.ex. "
            "bou.fhb.andel14 eller bou.vd.fh."
        )
    return None


def value_hint(measure: Measure) -> str:
    """What a riktvärde for the measure is typed as, in one sentence."""
    if measure.is_percent:
        return "Ange riktvärdet i procent, 0–100, t.ex. 90 eller 92,5 %."
    if measure.is_ratio:
        unit = f" {measure.unit}" if measure.unit else ""
        return f"Ange riktvärdet som ett tal 0 eller större, med decimalkomma, t.ex. 10 500{unit} eller 10 500,50."
    unit = f" {measure.unit}" if measure.unit else ""
    return f"Ange riktvärdet i hela{unit}, 0 eller fler, t.ex. 1 200."


def parse_target(text: str, measure: Measure) -> float | None:
    """A riktvärde typed as the user sees the measure, as the statistics keep it; None clears it.

    Percent ratios take "90", "90 %" or "92,5" (stored as 0.9 and 0.925), kvoter a Swedish
    decimal number ("10 500", "10 500,50"), every other kind a whole number in the measure's unit
    ("1 200"). A trailing unit ("dygn", "kr") may be typed. Empty or a dash clears the target.
    """
    raw = str(text).strip()
    if raw in CLEAR_TEXTS:
        return None
    hint = value_hint(measure)
    shown = raw if len(raw) <= 30 else raw[:29] + "…"
    body = raw
    if measure.is_percent:
        body = re.sub(_PERCENT_SIGN, "", body)
    elif measure.unit and body.casefold().endswith(measure.unit.casefold()):
        body = body[: -len(measure.unit)].rstrip()
    if body[:1] in ("-", MINUS, "–") and body[1:].strip():
        raise InputError(f"Ett riktvärde kan inte vara negativt ({shown}). {hint}")
    if measure.is_ratio:
        number = parse_decimal(body)
        if number is None and measure.is_percent and re.fullmatch(r"\d+\.\d+", body):
            number = float(body)  # 92.5 can only mean one thing for a percent
        if number is None:
            raise InputError(f"”{shown}” är inget giltigt riktvärde. {hint}")
        value = number / 100 if measure.is_percent else number
    else:
        try:
            value = parse_entry(body, measure)
        except EntryRefused:
            raise InputError(f"”{shown}” är inget giltigt riktvärde. {hint}") from None
        if value is None:
            raise InputError(f"”{shown}” är inget giltigt riktvärde. {hint}")
    check_target_value(measure, value)
    return value


def check_target_value(measure: Measure, value) -> float:
    """Refuse a riktvärde no person could have typed for the measure (negative, over 100 %, not a number)."""
    hint = value_hint(measure)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise InputError(f"”{value}” är inget giltigt riktvärde. {hint}")
    if value < 0:
        raise InputError(f"Ett riktvärde kan inte vara negativt ({format_number(value)}). {hint}")
    if measure.is_percent and value > 1:
        raise InputError(
            f"”{format_number(value * 100)} %” är mer än 100 %: en andel kan inte bli större än helheten. {hint}"
        )
    if value > MAX_VALUE:
        raise InputError(f"”{format_number(value)}” är större än det högsta värde som går att ange. {hint}")
    if not measure.is_ratio and value != int(value):
        raise InputError(f"”{format_number(value, 2)}” är inget heltal. {hint}")
    return float(value)


def winning_target(measure: Measure, year: int, path: list[str], targets: list[Target]) -> Target | None:
    """The riktvärde in effect for a measure and year at a unit, by the rules in the module docstring.

    `path` is the unit's code with its ancestors', top first (empty: the förvaltning itself);
    `targets` are the stored ones, any measure and year.
    """
    unit = path[-1] if path else GENERAL
    at_top = len(path) <= 1
    best: tuple[int, Target] | None = None
    for t in targets:
        if t.measure != measure.code or t.year != year:
            continue
        if t.unit == unit or (t.general and at_top):
            rank = 0
        elif measure.is_ratio and t.unit in path:
            rank = len(path) - path.index(t.unit)  # the nearer the ancestor, the lower the rank
        elif measure.is_ratio and t.general:
            rank = len(path) + 1
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, t)
    return best[1] if best else None


def targets_in_effect(measure: Measure, path: list[str], targets: list[Target]) -> tuple[tuple[int, float], ...]:
    """The (year, value) pairs in effect for a measure at a unit: what Measure.targets holds."""
    years = sorted({t.year for t in targets if t.measure == measure.code})
    found = ((year, winning_target(measure, year, path, targets)) for year in years)
    return tuple((year, t.value) for year, t in found if t is not None)
