"""Keeping personal data out of free text: the database holds aggregate counts only."""

from __future__ import annotations

import re

from tracker.core.errors import InputError

MAX_COMMENT_LENGTH = 500

# YYMMDD-XXXX or YYYYMMDDXXXX, with "-", "+" (over 100 years old), a space or nothing between.
# Digits on either side would make it part of a longer number, which is not this shape.
_PERSONNUMMER_RE = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)")


def find_personnummer(text: str) -> str | None:
    """The first thing in the text shaped like a personnummer (or samordningsnummer), or None.

    Every match of the shape counts, valid date and check digit or not: a note that merely
    looks like one is refused too, because a mistyped personnummer still identifies a person.
    """
    match = _PERSONNUMMER_RE.search(text)
    return match.group(0) if match else None


def masked(found: str) -> str:
    """The match with its last four digits hidden, so the refusal does not repeat it."""
    return found[:-4] + "XXXX"


def check_comment_text(text: str) -> str:
    """A comment's text, stripped, or a Swedish InputError saying why it cannot be kept."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise InputError("Kommentaren är tom. Skriv en kort anteckning, t.ex. ”Nytt verksamhetssystem från mars”.")
    if len(cleaned) > MAX_COMMENT_LENGTH:
        raise InputError(
            f"Kommentaren är {len(cleaned)} tecken lång. En kommentar är en kort anteckning på högst "
            f"{MAX_COMMENT_LENGTH} tecken; korta ner den."
        )
    found = find_personnummer(cleaned)
    if found:
        raise InputError(
            f"Kommentaren innehåller något som ser ut som ett personnummer (”{masked(found)}”). "
            "Databasen får bara innehålla sammanräknade antal, inga uppgifter om enskilda personer; "
            "skriv kommentaren utan personnummer."
        )
    return cleaned
