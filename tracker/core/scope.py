"""The values of one scope (an enhet, or a roll-up of several) and the series derived from them.

Values are keyed (measure code, part, period): part is "" for an unsplit row, period is a Month
for monthly kinds and an int year for annual measures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from tracker.core.catalog import Catalog, Measure
from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.core.swedish import format_number

Key = tuple[str, str, "Month | int"]


class Scope:
    """Values of one enhet or a roll-up; `rollup` is True above enhet level.

    A plain class, not a dataclass: defined at every start (see core.catalog.Catalog).
    """

    def __init__(
        self,
        values: dict[Key, float],
        rollup: bool = False,
        units: int = 1,
        annual_ok: frozenset = frozenset(),
        partial: dict | None = None,
    ) -> None:
        self.values = values
        self.rollup = rollup
        self.units = units
        # annual measures a roll-up may show after all: reported by a single enhet below it
        self.annual_ok = annual_ok
        # roll-up months summed without every enhet that reports the row: (code, part) -> {month: [enheter]}
        self.partial = {} if partial is None else partial
        index: dict[tuple[str, str], dict] = defaultdict(dict)
        for (code, part, period), value in values.items():
            index[(code, part)][period] = value
        self._index: dict[tuple[str, str], dict] = dict(index)

    def _fields(self) -> tuple:
        return (self.values, self.rollup, self.units, self.annual_ok, self.partial)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Scope:
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        return "Scope(values={!r}, rollup={!r}, units={!r}, annual_ok={!r}, partial={!r})".format(*self._fields())

    def raw(self, code: str, part: str = "") -> dict:
        """The stored series of one (measure, part)."""
        return self._index.get((code, part), {})


def roll_up(
    scopes: dict[str, dict[Key, float]],
    single_annual: dict[str, dict[Key, float]] | None = None,
    reports: dict[str, set[str]] | None = None,
) -> Scope:
    """Sum enheter month by month; annual values are left out (they are not summable).

    `scopes` maps each enhet to its values. `single_annual` maps an annual measure reported by
    only one enhet below to that enhet's values: nobody can be counted twice there, so the
    roll-up shows them. With `reports` (enhet -> the measures it reports), a month that lacks an
    enhet which reports the row and has values for it in these years is recorded in `partial`.
    """
    total: dict[Key, float] = defaultdict(float)
    present: dict[Key, list[str]] = defaultdict(list)
    for enhet, values in scopes.items():
        for key, value in values.items():
            if isinstance(key[2], Month):
                total[key] += value
                present[key].append(enhet)
    return rolled_up(dict(total), present, single_annual or {}, reports, len(scopes))


def rolled_up(
    total: dict[Key, float],
    present: dict[Key, list[str]],
    single_annual: dict[str, dict[Key, float]],
    reports: dict[str, set[str]] | None,
    units: int,
) -> Scope:
    """The roll-up Scope from month sums already made (by roll_up, or by the database).

    `present` maps each summed key to the enheter that had a value for it (keys with the same
    enheter may share one collection, which is never changed); the other arguments
    are those of roll_up, and `units` is how many enheter were summed.
    """
    total = dict(total)
    for values in single_annual.values():
        total.update({k: v for k, v in values.items() if not isinstance(k[2], Month)})
    partial: dict = {}
    if reports is not None:
        # A row's months mostly share one list of enheter (the store gives the same object for
        # the same list), so each distinct list is compared once, not once per month.
        lists: dict[tuple[str, str], dict[int, Collection[str]]] = defaultdict(dict)
        for key, enheter in present.items():
            lists[(key[0], key[1])].setdefault(id(enheter), enheter)
        missing_in: dict[tuple[str, str], dict[int, list[str]]] = {}
        for row, distinct in lists.items():
            seen = set().union(*distinct.values())
            # the enheter that report the row and have values for it in these years
            active = {e for e in seen if row[0] in reports.get(e, ())}
            missing = {ident: sorted(active.difference(enheter)) for ident, enheter in distinct.items()}
            if any(missing.values()):
                missing_in[row] = missing
        for key, enheter in present.items():
            missing = missing_in.get((key[0], key[1]))
            if missing is not None and missing[id(enheter)]:
                partial.setdefault((key[0], key[1]), {})[key[2]] = list(missing[id(enheter)])
    return Scope(total, rollup=True, units=units, annual_ok=frozenset(single_annual), partial=partial)


def partial_months(catalog: Catalog, scope: Scope, measure: Measure, part: str = "") -> dict:
    """Roll-up months of a row (and of the rows it is derived from) that lack an enhet."""
    codes = catalog.with_dependencies([measure.code])
    found: dict = {}
    for (code, row_part), months in scope.partial.items():
        if code in codes and (not part or row_part == part):
            for month, enheter in months.items():
                found.setdefault(month, set()).update(enheter)
    return found


def part_total(parts: list[dict]) -> dict:
    """Total of a split row: only months where every part is present (a half-entered split is missing)."""
    if not parts:
        return {}
    common = set(parts[0])
    for p in parts[1:]:
        common &= set(p)
    return {period: sum(p[period] for p in parts) for period in common}


def series(catalog: Catalog, scope: Scope, measure: Measure, part: str | None = None) -> dict:
    """The series of a measure's total (or one part) in a scope; derived rows are computed."""
    if part:
        return scope.raw(measure.code, part)
    if measure.sum_of:
        out: dict = defaultdict(float)
        for code in measure.sum_of:
            for period, value in series(catalog, scope, catalog.get(code)).items():
                out[period] += value
        return dict(out)
    if measure.is_ratio:
        num = series(catalog, scope, catalog.get(measure.numerator))
        den = series(catalog, scope, catalog.get(measure.denominator))
        return {p: num[p] / den[p] for p in num if p in den and den[p]}
    if measure.parts:
        return part_total([scope.raw(measure.code, p) for p in measure.parts])
    return scope.raw(measure.code)


def ratio_parts(catalog: Catalog, scope: Scope, measure: Measure) -> tuple[dict, dict]:
    """Numerator and denominator series of a ratio."""
    return (
        series(catalog, scope, catalog.get(measure.numerator)),
        series(catalog, scope, catalog.get(measure.denominator)),
    )


def check_value(
    catalog: Catalog, scope: Scope, measure: Measure, part: str, period: Month | int, value: float | None
) -> None:
    """Refuse a value that breaks a varav rule once written into the scope.

    A varav row may not exceed its parent, and a parent (or a part of it) may not drop below
    one of its varav rows.
    """
    if value is None:
        return
    checks = []
    if measure.varav_of:
        checks.append((measure, catalog.get(measure.varav_of)))
    for child in catalog.varav_children(measure.code):
        checks.append((child, measure))
    if not checks:
        return
    # Only this period of the rows compared (and what they are computed from) matters, so the
    # trial holds just those values, not a copy of the whole scope.
    trial: dict[Key, float] = {}
    for code in catalog.with_dependencies({m.code for pair in checks for m in pair}):
        for row_part in (*catalog.get(code).parts, ""):
            found = scope.raw(code, row_part).get(period)
            if found is not None:
                trial[(code, row_part, period)] = found
    trial[(measure.code, part, period)] = value
    after = Scope(trial)
    for child, parent in checks:
        child_value = series(catalog, after, child).get(period)
        parent_value = series(catalog, after, parent).get(period)
        if child_value is None or parent_value is None or child_value <= parent_value:
            continue
        if child is measure:
            raise InputError(
                f"”{child.name}” ({format_number(child_value)}) kan inte vara större än "
                f"”{parent.name}” ({format_number(parent_value)}) samma månad. "
                f"Ange högst {format_number(parent_value)}, eller ändra först ”{parent.name}”."
            )
        parent_text = f"”{parent.name}” ({format_number(parent_value)})"
        cause = f"Med ”{measure.label(part)}” blir {parent_text}" if part else f"{parent_text} blir"
        raise InputError(
            f"{cause} mindre än varav-raden ”{child.name}” ({format_number(child_value)}) samma månad, "
            f"men en varav-rad kan inte vara större än raden den ingår i. Ändra först ”{child.name}”, "
            f"eller ange {'ett värde som ger ' if part else ''}minst {format_number(child_value)}."
        )
