"""The monthly reporting round: status per enhet and month, and the unlikely-jump rule."""

from __future__ import annotations

from tracker.core.catalog import Catalog, Measure
from tracker.core.entry import DEFAULT_JUMP_ABS, DEFAULT_JUMP_PCT, JumpRule
from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.core.scope import Scope
from tracker.core.swedish import format_number
from tracker.core.units import Unit
from tracker.core.yearview import row_readonly_reason

SAKNAS, PABORJAD, KLAR, LAST, STANGD = "saknas", "påbörjad", "klar", "låst", "stängd"
STATUSES = (SAKNAS, PABORJAD, KLAR, LAST, STANGD)
STATUS_LABELS = {SAKNAS: "Saknas", PABORJAD: "Påbörjad", KLAR: "Klar", LAST: "Låst", STANGD: "Stängd"}
# Symbols beside the words so the status never depends on colour alone.
STATUS_SYMBOLS = {SAKNAS: "–", PABORJAD: "◐", KLAR: "✓", LAST: "■", STANGD: "×"}



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


def status_summary(
    grid: dict[str, dict[Month, str]], names: dict[str, str], month: Month, name_missing: bool = True
) -> str:
    """One line on a month's round: how many enheter are klar, and (unless `name_missing` is False,
    for a view that lists them itself) which are not ("Inte klara")."""
    missing = missing_enheter(grid, month)
    done = sum(1 for e in grid if grid[e][month] in (KLAR, LAST))
    locked = sum(1 for e in grid if grid[e][month] == LAST)
    expected = len(expected_enheter(grid, month))
    noun = "enhet" if expected == 1 else "enheter"
    # the adjective agrees with its count: "klar 1 av 1 enhet, 1 låst", "klara 4 av 6 enheter, 2 låsta"
    text = f"{month.label().capitalize()}: {'klar' if done == 1 else 'klara'} {done} av {expected} {noun}"
    if locked:
        text += f", {locked} {'låst' if locked == 1 else 'låsta'}"
    if missing and name_missing:
        return text + ". Inte klara: " + ", ".join(names[code] for code in grid if code in missing) + "."
    return text + "."


def entered_rows(catalog: Catalog, unit: Unit, month: Month) -> list[tuple[Measure, list[str]]]:
    """The measures an enhet enters for a month, in catalog order, with the parts to enter.

    Derived rows (ratios, sums), retired measures, annual measures (entered per year) and
    quarterly measures outside a quarter's last month are left out.
    """
    out = []
    for measure in catalog.measures:
        if measure.code not in unit.measures or not measure.takes_value_in(month):
            continue
        parts = list(measure.parts) or [""]
        if any(row_readonly_reason(catalog, Scope({}), measure, p) for p in parts):
            continue
        out.append((measure, list(measure.parts)))
    return out


def missing_entries(catalog: Catalog, unit: Unit, month: Month, values: dict) -> list[str]:
    """Names of the entries (a measure, or one of its parts) the enhet's month has no value for."""
    out = []
    for measure, parts in entered_rows(catalog, unit, month):
        for part in parts or [""]:
            if values.get((measure.code, part, month)) is None:
                out.append(measure.label(part))
    return out


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
