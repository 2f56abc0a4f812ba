"""The monthly reporting round: status per enhet and month, and the unlikely-jump rule."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.core.swedish import format_number, format_percent

SAKNAS, PABORJAD, KLAR, LAST, STANGD = "saknas", "påbörjad", "klar", "låst", "stängd"
STATUSES = (SAKNAS, PABORJAD, KLAR, LAST, STANGD)
STATUS_LABELS = {SAKNAS: "Saknas", PABORJAD: "Påbörjad", KLAR: "Klar", LAST: "Låst", STANGD: "Stängd"}
# Symbols beside the words so the status never depends on colour alone.
STATUS_SYMBOLS = {SAKNAS: "–", PABORJAD: "◐", KLAR: "✓", LAST: "■", STANGD: "×"}

DEFAULT_JUMP_PCT = 50.0
DEFAULT_JUMP_ABS = 10.0
JUMP_QUESTION = "Stämmer det?"


def month_status(value_count: int, reported: bool, locked: bool) -> str:
    """Status of one enhet's month: låst beats klar beats påbörjad beats saknas."""
    if locked:
        return LAST
    if reported:
        return KLAR
    if value_count > 0:
        return PABORJAD
    return SAKNAS


def status_grid(
    enheter: list[str],
    months: list[Month],
    counts: dict[tuple[str, Month], int],
    reported: set[tuple[str, Month]],
    locked: set[tuple[str, Month]],
    closed: dict[str, Month] | None = None,
) -> dict[str, dict[Month, str]]:
    """Status of every enhet × month from value counts and the reported and locked sets.

    From an enhet's closing month (in `closed`) on it is stängd: no longer expected to report.
    """
    closed = closed or {}
    return {
        unit: {
            m: STANGD
            if unit in closed and m >= closed[unit]
            else month_status(counts.get((unit, m), 0), (unit, m) in reported, (unit, m) in locked)
            for m in months
        }
        for unit in enheter
    }


def expected_enheter(grid: dict[str, dict[Month, str]], month: Month) -> list[str]:
    """Enheter expected to report the month (all but the closed)."""
    return [unit for unit, row in grid.items() if row.get(month) != STANGD]


def missing_enheter(grid: dict[str, dict[Month, str]], month: Month) -> list[str]:
    """Enheter whose month is neither reported nor locked (saknas or påbörjad)."""
    return [unit for unit, row in grid.items() if row.get(month) in (SAKNAS, PABORJAD)]


@dataclass(frozen=True)
class JumpRule:
    """A value is an unlikely jump when it differs from last year by more than both limits."""

    pct: float = DEFAULT_JUMP_PCT  # percent of last year's value
    abs: float = DEFAULT_JUMP_ABS  # in the measure's own unit

    def is_jump(self, value: float | None, last_year: float | None) -> bool:
        """True when the value is far from the same month last year (nothing to compare: False)."""
        if value is None or last_year is None:
            return False
        diff = abs(value - last_year)
        if diff <= self.abs:
            return False
        if last_year == 0:
            # Any change from zero is infinitely many percent; the absolute limit decides.
            return True
        return diff / abs(last_year) * 100 > self.pct

    def message(self, value: float, last_year: float) -> str:
        """The question the form asks about an unlikely jump."""
        change = value - last_year
        pct = f", {format_percent(change / last_year, signed=True)}" if last_year else ""
        return (
            f"{format_number(value)} ligger långt från samma månad förra året "
            f"({format_number(last_year)}; {format_number(change, signed=True)}{pct}). {JUMP_QUESTION}"
        )


def _parse_limit(text: str | None, default: float, key: str) -> float:
    if text is None or not str(text).strip():
        return default
    cleaned = str(text).strip().rstrip("%").strip().replace(",", ".").replace(" ", "")
    try:
        value = float(cleaned)
    except ValueError:
        value = -1.0
    if value < 0:
        raise InputError(
            f"Inställningen {key} är ”{text}”, men måste vara ett tal 0 eller större, t.ex. "
            f"{format_number(default)}."
        )
    return value


def jump_rule_from_settings(pct_text: str | None, abs_text: str | None) -> JumpRule:
    """The jump rule from the settings jump_pct (percent) and jump_abs; unset means the default."""
    return JumpRule(
        pct=_parse_limit(pct_text, DEFAULT_JUMP_PCT, "jump_pct"),
        abs=_parse_limit(abs_text, DEFAULT_JUMP_ABS, "jump_abs"),
    )
