"""What comes in as text: no personal data, no control characters, bounded lengths.

The database holds aggregate counts only, so every free text (names, comments, reasons) is
refused when it holds something shaped like a personnummer.
"""

from __future__ import annotations

import re
import unicodedata

from tracker.core.errors import InputError
from tracker.core.swedish import format_number

MAX_COMMENT_LENGTH = 500
MAX_REASON_LENGTH = 500
MAX_NAME_LENGTH = 120

# patterns as text: re compiles each on first use (and keeps it), not at every start
# YYMMDD-XXXX or YYYYMMDDXXXX, with any dash, "+" (over 100 years old), an underscore,
# whitespace (a line break too) or nothing between. Digits on either side would make it part
# of a longer number, which is not this shape.
_PERSONNUMMER_RE = r"(?<!\d)(?:\d{2})?\d{6}\s*[-+_\u2010-\u2015\u2212]?\s*\d{4}(?!\d)"
# Bidirectional overrides reorder what is shown, so they hide text as well as control characters do.
# Control characters, Unicode's own line and paragraph separators, and lone surrogates.
_CONTROL_CATEGORIES = {"Cc", "Zl", "Zp", "Cs"}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def find_personnummer(text: str) -> str | None:
    """The first thing in the text shaped like a personnummer (or samordningsnummer), or None.

    Every match of the shape counts, valid date and check digit or not: a note that merely
    looks like one is refused too, because a mistyped personnummer still identifies a person.
    """
    match = re.search(_PERSONNUMMER_RE, text)
    return match.group(0) if match else None


def masked(found: str) -> str:
    """The match with its last four digits hidden, so the refusal does not repeat it."""
    return found[:-4] + "XXXX"


def check_comment_text(text: str) -> str:
    """A comment's text, stripped, or a Swedish InputError saying why it cannot be kept."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise InputError("Kommentaren är tom. Skriv en kort anteckning, t.ex. ”Nytt verksamhetssystem från mars”.")
    # control characters, length and personnummer: the one check every free text goes through
    return _check_text(cleaned, "Kommentaren", MAX_COMMENT_LENGTH)


def _control_character(text: str) -> str | None:
    for ch in text:
        if unicodedata.category(ch) in _CONTROL_CATEGORIES or ch in _BIDI_CONTROLS:
            return ch
    return None


def printable(text: str) -> str:
    """Text safe to echo in a message: control characters shown as escapes, never sent raw to a terminal."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(text))


def _check_text(text: str, what: str, limit: int) -> str:
    found = _control_character(text)
    if found:
        raise InputError(
            f"{what} innehåller ett styrtecken (U+{ord(found):04X}). Skriv bara vanlig text, utan radbrytningar "
            "eller tabbar."
        )
    if len(text) > limit:
        raise InputError(
            f"{what} har {format_number(len(text))} tecken; högst {format_number(limit)} tecken går. Korta ner texten."
        )
    pnr = find_personnummer(text)
    if pnr:
        raise InputError(
            f"{what} innehåller något som ser ut som ett personnummer (”{masked(pnr)}”). Databasen får bara "
            "innehålla sammanräknade antal, inga uppgifter om enskilda personer; skriv texten utan personnummer."
        )
    return text


def check_name(text: str, what: str = "Namnet") -> str:
    """A name (of a unit, measure, section or report row), stripped, or a Swedish InputError.

    Names are one line: control characters are refused, not folded, and at most 120 characters.
    """
    pnr = find_personnummer(str(text))
    if pnr:  # checked before the control characters, so a split personnummer is named as such
        _check_text(" ".join(str(text).split()), what, MAX_NAME_LENGTH)
    return _check_text(str(text).strip(), what, MAX_NAME_LENGTH)


def check_free_text(text: str | None, what: str, limit: int = MAX_REASON_LENGTH) -> str | None:
    """A reason or description with its whitespace folded to single spaces, or a Swedish InputError."""
    if text is None:
        return None
    return _check_text(" ".join(str(text).split()), what, limit) or None
