"""Swedish number and month formatting and parsing, independent of the machine's locale."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from tracker.core.errors import InputError

MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
MONTH_SHORT = ("jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")

MINUS = "\u2212"
MISSING = "–"
# patterns as text: re compiles each on first use (and keeps it), not at every start
# Spaces people paste as thousands separators: plain, no-break, narrow no-break, thin.
_SPACES = r"[ \u00a0\u202f\u2009]"
COUNT_HINT = "Värdet måste vara ett heltal 0 eller större, t.ex. 12 eller 1 234."


_EXACT = 2**53  # whole floats below this are exact integers


def _round(value: float, decimals: int) -> Decimal:
    # Half-up, as people round by hand; Python's round() is half-to-even.
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def default_decimals(value: float) -> int:
    """Decimals a value is shown with: none for whole numbers and for 100 or more, else one."""
    if float(value).is_integer() or abs(value) >= 100:
        return 0
    return 1


def format_number(value: float | int | None, decimals: int | None = None, signed: bool = False) -> str:
    """Format like "30 323", "43,5" or "−3,5"; None is shown as the missing dash."""
    if value is None:
        return MISSING
    # a grid formats thousands of cells per year shown, and values repeat (typed: 5 and 5.0 are
    # kept apart, as are subclasses of float)
    return _format_number(value, decimals, signed)


@lru_cache(maxsize=8192, typed=True)
def _format_number(value: float | int, decimals: int | None, signed: bool) -> str:
    if (decimals is None or decimals == 0) and (type(value) is int or (type(value) is float and value.is_integer())):
        # a whole number (most values are counts): the same text as below, without Decimal's rounding
        if -_EXACT < value < _EXACT:
            whole = int(value)
            text = f"{abs(whole):,}".replace(",", " ")
            if whole < 0:
                return MINUS + text
            return "+" + text if signed and whole > 0 else text
    if decimals is None:
        decimals = default_decimals(value)
    rounded = _round(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)
    negative = rounded < 0
    text = f"{abs(rounded):,.{decimals}f}".replace(",", " ").replace(".", ",")
    if negative:
        return MINUS + text
    if signed and rounded > 0:
        return "+" + text
    return text


def format_percent(fraction: float | None, decimals: int = 1, signed: bool = False) -> str:
    """Format a fraction as a Swedish percentage: 0.0391 -> "3,9 %"."""
    if fraction is None:
        return MISSING
    return format_number(fraction * 100, decimals, signed=signed) + " %"


def format_points(fraction_diff: float | None, decimals: int = 1) -> str:
    """A difference between two fractions in procentenheter: 0.05 -> "+5,0 p.e."."""
    if fraction_diff is None:
        return MISSING
    return format_number(fraction_diff * 100, decimals, signed=True) + " p.e."


def parse_count(text: str) -> int:
    """Parse a count typed by a person ("1 234", "12") into an int; anything else is refused."""
    cleaned = re.sub(_SPACES, "", str(text).strip())
    if cleaned.startswith(("-", MINUS)) and cleaned[1:].isdigit():
        raise InputError(f"Negativa värden går inte att ange ({text.strip()}). {COUNT_HINT}")
    if not cleaned.isdigit() or not cleaned.isascii():
        shown = text.strip() or "tomt"
        raise InputError(f"”{shown}” är inget giltigt värde. {COUNT_HINT}")
    return int(cleaned)


_DECIMAL_NUMBER = r"^(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:,(\d+))?$"


def parse_decimal(text: str) -> float | None:
    """A number 0 or more written the Swedish way ("10 500", "92,5", "1 234,75"), or None when the
    text is not one: the caller says what it wanted. A point is no decimal mark here ("10.500" is
    ten thousand five hundred in some hands and ten and a half in others)."""
    match = re.match(_DECIMAL_NUMBER, str(text).strip())
    if not match:
        return None
    whole = int(re.sub(_SPACES, "", match[1]))
    return whole + (int(match[2]) / 10 ** len(match[2]) if match[2] else 0)


def month_name(month: int, short: bool = False) -> str:
    """Swedish name of month 1–12, in lower case as Swedish writes it."""
    return (MONTH_SHORT if short else MONTH_NAMES)[month - 1]


def join_or(texts: list[str]) -> str:
    """Alternatives as Swedish lists them: "a", "a eller b", "a, b eller c"."""
    if len(texts) <= 1:
        return "".join(texts)
    return f"{', '.join(texts[:-1])} eller {texts[-1]}"
