"""The unit tree: förvaltning → avdelning → enhet, and which measures each enhet reports."""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

from typing import NamedTuple

from tracker.core.errors import InputError
from tracker.core.lookup import find_or_refuse
from tracker.core.periods import Month

LEVELS = ("forvaltning", "avdelning", "enhet")
LEVEL_NAMES = {"forvaltning": "Förvaltning", "avdelning": "Avdelning", "enhet": "Enhet"}


class Unit(NamedTuple):
    """One node of the unit tree. Only enheter enter values; the levels above are sums."""

    code: str
    name: str
    level: str
    parent: str | None = None
    measures: tuple[str, ...] = ()
    position: int = 0
    # the first month the unit no longer reports (None while open)
    closed_from: Month | None = None

    @property
    def is_enhet(self) -> bool:
        return self.level == "enhet"

    def is_closed_in(self, month: Month) -> bool:
        """True when the unit is closed in the month (it reports no longer)."""
        return self.closed_from is not None and month >= self.closed_from

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]


class Move(NamedTuple):
    """A unit changed parent: from `start` on it rolls up to `new`, before that to `old`."""

    start: Month
    old: str | None
    new: str | None


class UnitTree:
    """All units, with lookups by code or name and the enheter below any node.

    A plain class, not a dataclass: every command defines it at start (see Catalog).
    """

    def __init__(self, units: list[Unit], moves: dict[str, list[Move]] | None = None) -> None:
        self.units = units
        # each unit's moves, oldest first; a unit never moved rolls up to its `parent` in every month
        self.moves: dict[str, list[Move]] = {} if moves is None else moves
        self._by_code: dict[str, Unit] = {u.code: u for u in units}

    def __eq__(self, other: object) -> bool:
        if type(other) is not UnitTree:
            return NotImplemented
        return (self.units, self.moves) == (other.units, other.moves)

    def __repr__(self) -> str:
        return f"UnitTree(units={self.units!r}, moves={self.moves!r})"

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def __bool__(self) -> bool:
        return bool(self.units)

    def get(self, code: str) -> Unit:
        return self._by_code[code]

    def find(self, key: str, suggest: bool = True) -> Unit:
        """A unit named by code or exact name (case-insensitive), or a Swedish error saying (with
        `suggest`) what it most likely meant."""
        return find_or_refuse(self._by_code, self.units, key, "Enheten", "`tracker units` listar alla enheter", suggest)

    def find_or_top(self, key: str | None) -> Unit:
        """The unit named by `key`, or without one the top of the tree; a Swedish error when there is none."""
        if key:
            return self.find(key)
        top = self.top()
        if top is None:
            raise InputError("Databasen har inga enheter ännu. Skapa dem med `tracker init` eller `tracker units add`.")
        return top

    def children(self, code: str | None) -> list[Unit]:
        return sorted((u for u in self.units if u.parent == code), key=lambda u: u.position)

    def roots(self) -> list[Unit]:
        return self.children(None)

    def top(self) -> Unit | None:
        """The root of the tree (the first, if there are several)."""
        roots = self.roots()
        return roots[0] if roots else None

    def enheter_under(self, code: str) -> list[Unit]:
        """The enheter at or below a unit, in tree order."""
        unit = self.get(code)
        if unit.is_enhet:
            return [unit]
        out: list[Unit] = []
        for child in self.children(code):
            out.extend(self.enheter_under(child.code))
        return out

    def parent_at(self, code: str, month: Month) -> str | None:
        """The unit's parent in a month, from its moves (earlier months keep the earlier parent)."""
        moves = self.moves.get(code)
        if not moves:
            return self.get(code).parent
        parent = moves[0].old
        for move in moves:
            if month >= move.start:
                parent = move.new
        return parent

    def members(self, code: str, months: list[Month]) -> dict[str, set[Month]]:
        """The enheter that roll up into a unit, each with the months (of those given) it does so."""
        out: dict[str, set[Month]] = {}
        for unit in self.units:
            if not unit.is_enhet:
                continue
            for month in months:
                current: str | None = unit.code
                while current is not None and current != code:
                    current = self.parent_at(current, month) if current in self._by_code else None
                if current == code:
                    out.setdefault(unit.code, set()).add(month)
        return out

    def child_towards(self, code: str, enhet: str, month: Month) -> str | None:
        """The unit directly under `code` through which an enhet rolls up into it in a month (the
        enhet itself when it sits right under it), or None when it does not roll up there."""
        current: str | None = enhet
        while current is not None and current in self._by_code:
            parent = self.parent_at(current, month)
            if parent == code:
                return current
            current = parent
        return None

    def walk(self) -> list[tuple[int, Unit]]:
        """Every unit with its depth, in tree order."""
        out: list[tuple[int, Unit]] = []

        def visit(unit: Unit, depth: int) -> None:
            out.append((depth, unit))
            for child in self.children(unit.code):
                visit(child, depth + 1)

        for root in self.roots():
            visit(root, 0)
        return out

    def first_enhet(self) -> Unit | None:
        for _, unit in self.walk():
            if unit.is_enhet:
                return unit
        return None

    def measures_under(self, code: str) -> set[str]:
        """Every measure any enhet at or below the unit reports."""
        found: set[str] = set()
        for enhet in self.enheter_under(code):
            found.update(enhet.measures)
        return found

    def path(self, code: str) -> list[Unit]:
        """The unit and its ancestors, top first."""
        chain = []
        current: str | None = code
        while current is not None:
            unit = self.get(current)
            chain.append(unit)
            current = unit.parent
        return list(reversed(chain))


def child_level(parent: Unit | None) -> str:
    """The level a new unit gets under a parent."""
    if parent is None:
        return "forvaltning"
    if parent.level == "enhet":
        raise InputError(
            f"”{parent.code}” är en enhet och kan inte ha underenheter. "
            "Ange en förvaltning eller avdelning som förälder."
        )
    return LEVELS[LEVELS.index(parent.level) + 1]
