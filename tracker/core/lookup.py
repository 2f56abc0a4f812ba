"""Finding what a user named: a measure or a unit, by its code or its exact name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar


class Named(Protocol):
    code: str
    name: str


T = TypeVar("T", bound=Named)


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
