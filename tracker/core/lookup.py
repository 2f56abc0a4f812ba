"""Finding what a user named: a measure or a unit, by its code or its exact name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

from tracker.core.errors import InputError
from tracker.core.privacy import printable
from tracker.core.swedish import join_or


class Named(Protocol):
    code: str
    name: str


T = TypeVar("T", bound=Named)


def find_or_refuse(
    by_code: Mapping[str, T], items: Iterable[T], key: str, what: str, listing: str, suggest: bool = True
) -> T:
    """find_named, or an InputError naming what was not found ("Måttet ”x” finns inte."), with
    (when `suggest`) what it most likely meant and where the user can list them all."""
    found = find_named(by_code, items, key)
    if found is not None:
        return found
    meant = did_you_mean(items, key) if suggest else ""
    raise InputError(f"{what} ”{printable(key.strip())}” finns inte.{meant} Ange en kod eller ett exakt namn; {listing}.")


def find_named(by_code: Mapping[str, T], items: Iterable[T], key: str) -> T | None:
    """The item with `key` as its code, else the one whose code or name it is, ignoring case; None if none."""
    key = key.strip()
    if key in by_code:
        return by_code[key]
    folded = key.casefold()
    for item in items:
        if item.code.casefold() == folded or item.name.casefold() == folded:
            return item
    return None


CLOSE = 0.75  # how alike (difflib's ratio) a text must be to a code or name to be suggested


def closest_named(items: Iterable[T], key: str, most: int = 3) -> list[T]:
    """What a mistyped `key` (ignoring case) most likely meant, at most `most`, in the items' order:
    those whose code or name it begins, else those nearest in spelling (near ties all kept), else
    none. What "Menade du …?" offers."""
    from difflib import SequenceMatcher  # only when a name was not found

    folded = key.strip().casefold()
    if not folded:
        return []
    items = list(items)
    if len(folded) >= 3:
        begun = [i for i in items if i.code.casefold().startswith(folded) or i.name.casefold().startswith(folded)]
        if begun:
            return begun[:most]
    # as difflib.get_close_matches does: the cheap upper bounds first, so a file full of garbage
    # codes is refused about as fast as before suggestions were made
    matcher = SequenceMatcher()
    matcher.set_seq2(folded)
    scored = []
    for item in items:
        score = 0.0
        for text in (item.code, item.name):
            matcher.set_seq1(text.casefold())
            if matcher.real_quick_ratio() >= CLOSE and matcher.quick_ratio() >= CLOSE:
                score = max(score, matcher.ratio())
        if score >= CLOSE:
            scored.append((score, item))
    best = max((score for score, _ in scored), default=0)
    return [item for score, item in scored if score >= best - 0.02][:most]


def did_you_mean(items: Iterable[T], key: str) -> str:
    """ " Menade du ”bou.akt” (Aktualiseringar …)?" for a mistyped code or name, or ""."""
    found = closest_named(items, key)
    if not found:
        return ""
    return f" Menade du {join_or([f'”{printable(i.code)}” ({printable(i.name)})' for i in found])}?"
