"""Months, years and the spans statistics are computed over (year to date, tertial, quarter)."""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

import re
from datetime import date
from typing import NamedTuple

from tracker.core.errors import InputError
from tracker.core.swedish import MONTH_NAMES, MONTH_SHORT, month_name

MIN_YEAR, MAX_YEAR = 1990, 2100
# patterns as text: re compiles each on first use (and keeps it), not at every start
_MONTH_RE = r"^(\d{4})-(\d{2})$"
_YEAR_RE = r"^(\d{4})$"


class Month(NamedTuple):
    """A calendar month; its text form is "YYYY-MM".

    A named tuple: months key most dictionaries of values (a year's grid looks them up hundreds
    of thousands of times, an import millions), and a tuple hashes, compares and orders in C.
    """

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def label(self, short: bool = False) -> str:
        """Swedish label such as "mars 2023"."""
        return f"{month_name(self.month, short)} {self.year}"

    def previous(self) -> "Month":
        """The month before this one."""
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def next(self) -> "Month":
        """The month after this one."""
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def same_month_last_year(self) -> "Month":
        """The same month one year earlier."""
        return Month(self.year - 1, self.month)

    @property
    def quarter(self) -> int:
        """Quarter 1–4 the month belongs to."""
        return (self.month - 1) // 3 + 1

    @property
    def tertial(self) -> int:
        """Tertial 1–3 (jan–apr, maj–aug, sep–dec)."""
        return (self.month - 1) // 4 + 1

    @property
    def is_quarter_end(self) -> bool:
        """True for March, June, September and December."""
        return self.month % 3 == 0


def period_label(period: Month | int) -> str:
    """A value's period as the user reads it: "mars 2023" for a month, "2023" for a year."""
    return period.label() if isinstance(period, Month) else str(period)


def last_completed_month(today: date) -> Month:
    """The month before today's: the month whose figures are normally being entered."""
    return Month(today.year, today.month).previous()


def parse_month_number(text: str | int | None) -> int | None:
    """A month of the year as 1–12 or a Swedish month name ("mars", "mar"); None when not given."""
    if text is None or text == "":
        return None
    raw = str(text).strip().casefold()
    if raw.isdigit() and 1 <= int(raw) <= 12:
        return int(raw)
    for i, (name, short) in enumerate(zip(MONTH_NAMES, MONTH_SHORT, strict=True), start=1):
        if raw in (name, short) or (len(raw) >= 3 and name.startswith(raw)):
            return i
    raise InputError(f"Månaden ”{text}” finns inte. Ange 1–12 eller ett månadsnamn, t.ex. 3 eller mars.")


def parse_month(text: str) -> Month:
    """Parse "YYYY-MM"; anything else is refused with a Swedish message."""
    match = re.match(_MONTH_RE, text.strip())
    if not match:
        raise InputError(f"”{text}” är ingen giltig månad. Ange månaden som ÅÅÅÅ-MM, t.ex. 2023-03.")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise InputError(f"”{text}” är ingen giltig månad: månaden måste vara 01–12, t.ex. 2023-03.")
    check_year(year, text)
    return Month(year, month)


def parse_year(text: str | int) -> int:
    """Parse a four-digit year."""
    match = re.match(_YEAR_RE, str(text).strip())
    if not match:
        raise InputError(f"”{text}” är inget giltigt år. Ange året med fyra siffror, t.ex. 2023.")
    return check_year(int(match[1]), str(text))


def check_year(year: int, shown: str | None = None) -> int:
    """Refuse years outside the range the program handles."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(f"”{shown or year}” ligger utanför de år som går att ange ({MIN_YEAR}–{MAX_YEAR}).")
    return year


def parse_period(text: str) -> Month | int:
    """Parse a period: "YYYY-MM" gives a Month, "YYYY" a year."""
    stripped = str(text).strip()
    if re.match(_YEAR_RE, stripped):
        return parse_year(stripped)
    if re.match(_MONTH_RE, stripped):
        return parse_month(stripped)
    raise InputError(
        f"”{text}” är ingen giltig period. Ange en månad som ÅÅÅÅ-MM (t.ex. 2023-03) "
        "eller ett år som ÅÅÅÅ för årsmått."
    )


def year_months(year: int) -> list[Month]:
    """The twelve months of a year."""
    return [Month(year, m) for m in range(1, 13)]


class Span(NamedTuple):
    """A run of months within one year that a summary covers."""

    year: int
    first: int
    last: int
    kind: str = "year"  # year | ytd | tertial | quarter | month

    @property
    def months(self) -> list[Month]:
        """The months of the span, in order."""
        return [Month(self.year, m) for m in range(self.first, self.last + 1)]

    def shifted(self, years: int = -1) -> "Span":
        """The same months in another year."""
        return Span(self.year + years, self.first, self.last, self.kind)

    @property
    def label(self) -> str:
        """Swedish label: "2023", "jan–mars 2023", "T2 2023", "kv 3 2023", "mars 2023"."""
        if self.kind == "year":
            return str(self.year)
        if self.kind == "tertial":
            return f"T{(self.first - 1) // 4 + 1} {self.year}"
        if self.kind == "quarter":
            return f"kv {(self.first - 1) // 3 + 1} {self.year}"
        if self.first == self.last:
            return f"{month_name(self.first)} {self.year}"
        return f"{month_name(self.first, True)}–{month_name(self.last, True)} {self.year}"


def whole_year(year: int) -> Span:
    """January to December."""
    return Span(year, 1, 12, "year")


def year_to_date(month: Month) -> Span:
    """January up to and including the given month."""
    return Span(month.year, 1, month.month, "ytd")


def tertial(year: int, number: int) -> Span:
    """T1 jan–apr, T2 maj–aug, T3 sep–dec."""
    if number not in (1, 2, 3):
        raise InputError(f"Tertial {number} finns inte. Ange 1, 2 eller 3.")
    return Span(year, 4 * number - 3, 4 * number, "tertial")


def quarter(year: int, number: int) -> Span:
    """Quarter 1–4."""
    if number not in (1, 2, 3, 4):
        raise InputError(f"Kvartal {number} finns inte. Ange 1, 2, 3 eller 4.")
    return Span(year, 3 * number - 2, 3 * number, "quarter")


def single_month(month: Month) -> Span:
    """One month."""
    return Span(month.year, month.month, month.month, "month")


def parse_day(text: str) -> date:
    """A calendar day written YYYY-MM-DD, or a Swedish InputError saying so."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"”{text}” är inget datum. Ange ett datum som ÅÅÅÅ-MM-DD, t.ex. 2023-03-01.") from None
