"""The monthly reporting round: status per enhet and month, and the unlikely-jump rule."""

from __future__ import annotations

from tracker.core.entry import DEFAULT_JUMP_ABS, DEFAULT_JUMP_PCT, JumpRule
from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.core.swedish import format_number

SAKNAS, PABORJAD, KLAR, LAST = "saknas", "påbörjad", "klar", "låst"
STATUSES = (SAKNAS, PABORJAD, KLAR, LAST)
STATUS_LABELS = {SAKNAS: "Saknas", PABORJAD: "Påbörjad", KLAR: "Klar", LAST: "Låst"}
# Symbols beside the words so the status never depends on colour alone.
STATUS_SYMBOLS = {SAKNAS: "–", PABORJAD: "◐", KLAR: "✓", LAST: "■"}



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
) -> dict[str, dict[Month, str]]:
    """Status of every enhet × month from value counts and the reported and locked sets."""
    return {
        unit: {
            m: month_status(counts.get((unit, m), 0), (unit, m) in reported, (unit, m) in locked)
            for m in months
        }
        for unit in enheter
    }


def missing_enheter(grid: dict[str, dict[Month, str]], month: Month) -> list[str]:
    """Enheter whose month is neither reported nor locked (saknas or påbörjad)."""
    return [unit for unit, row in grid.items() if row.get(month) in (SAKNAS, PABORJAD)]


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
