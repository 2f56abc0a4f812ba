"""Riktvärden in the database: setting and removing them (admin only, logged), and handing out the
catalog with the targets in effect for a unit, which is how they reach core.stats.compare."""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

from typing import NamedTuple

from tracker.core.catalog import Catalog, Measure
from tracker.core.errors import InputError
from tracker.core.periods import check_year, parse_year
from tracker.core.presentation import format_target
from tracker.core.targets import (
    GENERAL,
    Target,
    check_target_value,
    parse_target,
    target_refusal,
    targets_in_effect,
    winning_target,
)
from tracker.core.units import Unit
from tracker.store.access import write_method
from tracker.store.database import write_transaction

TARGETS_ACTION = "sätta eller ta bort riktvärden"
GENERAL_NAME = "hela förvaltningen"


class TargetChange(NamedTuple):
    """What set_target did: the stored target before and after (None when there was or is none)."""

    measure: Measure
    year: int
    unit: Unit | None  # None: the general target (the whole förvaltning)
    old: Target | None
    new: Target | None

    @property
    def changed(self) -> bool:
        return self.old != self.new


class TargetsStore:
    """Part of Store: the target table."""

    def targets(self, year: int | None = None) -> list[Target]:
        """The stored riktvärden (of one year, or all), by year, measure and unit."""
        sql = "select measure, year, unit, value from target"
        params: list = []
        if year is not None:
            sql += " where year = ?"
            params.append(year)
        return [Target(*row) for row in self.db.execute(sql + " order by year, measure, unit", params).fetchall()]

    def catalog_for(self, unit: str | None = None) -> Catalog:
        """The catalog whose measures carry the riktvärden in effect for a unit (default: the
        förvaltning), by core.targets: what every view of that unit computes its comparisons with."""
        catalog = self.catalog
        cache = getattr(self, "_catalogs_for", None)
        if cache is None or cache[0] is not catalog:
            cache = self._catalogs_for = (catalog, {}, self.targets())
        _catalog, made, targets = cache
        key = unit or GENERAL
        if key not in made:
            path = self._target_path(unit)
            with_targets = {t.measure for t in targets}
            made[key] = Catalog(
                catalog.sections,
                [
                    m._replace(targets=targets_in_effect(m, path, targets)) if m.code in with_targets else m
                    for m in catalog.measures
                ],
            )
        return made[key]

    def target_source(self, measure: Measure, year: int, unit: str | None = None) -> Target | None:
        """The stored riktvärde that is in effect for a unit, so a view can say where it comes from."""
        return winning_target(measure, year, self._target_path(unit), self.targets(year))

    def _target_path(self, unit: str | None) -> list[str]:
        return [u.code for u in self.units.path(unit)] if unit else []

    @write_method
    def set_target(self, measure: str, year, value, unit: str | None = None) -> TargetChange:
        """Set, change or (value None, "" or "-") remove a riktvärde for a measure and year, for the
        whole förvaltning or for one unit; admin only, logged. Text is read by core.targets.parse_target
        ("90 %", "10 500"); a number is taken as stored (a fraction for a percent ratio)."""
        with write_transaction(self.db):
            self.access.require_admin(TARGETS_ACTION)
            change = self._target_change(measure, year, value, unit)
            if change.changed:
                self._write_target(change)
        if change.changed:
            self._catalogs_for = None
        return change

    def _target_change(self, measure: str, year, value, unit: str | None) -> TargetChange:
        """What setting the target would change, with every input checked."""
        found = self.catalog.find(measure)
        year = parse_year(year) if isinstance(year, str) else check_year(year)
        value = parse_target(value, found) if isinstance(value, str) else value
        if value is not None:
            value = check_target_value(found, value)
            refusal = target_refusal(found)
            if refusal:
                raise InputError(refusal)
        target_unit = self._target_unit(found, unit)
        code = target_unit.code if target_unit else GENERAL
        stored = {(t.measure, t.unit): t for t in self.targets(year)}
        old = stored.get((found.code, code))
        new = None if value is None else Target(found.code, year, code, value)
        return TargetChange(found, year, target_unit, old, new)

    def _write_target(self, change: TargetChange) -> None:
        """Store or delete the target and log it; inside set_target's transaction."""
        found, year, old, new = change.measure, change.year, change.old, change.new
        code = change.unit.code if change.unit else GENERAL
        where = f"{change.unit.name} ({change.unit.code})" if change.unit else GENERAL_NAME
        if new is None:
            self.db.execute("delete from target where measure = ? and year = ? and unit = ?", [found.code, year, code])
            detail = f"Riktvärde {year} för {where} borttaget (var {format_target(found, old.value)})."
        else:
            self.db["target"].upsert(
                {"measure": found.code, "year": year, "unit": code, "value": new.value},
                pk=("measure", "year", "unit"),
            )
            before = f" (tidigare {format_target(found, old.value)})" if old else ""
            detail = f"Riktvärde {year} för {where}: {format_target(found, new.value)}{before}."
        self._log_event(
            "target_set" if new else "target_remove",
            measure=found.code, unit=code or None, period=str(year), detail=detail,
        )

    def _target_unit(self, measure: Measure, unit: str | None) -> Unit | None:
        """The unit a target is stored for: None for the förvaltning (no unit, or the top of the tree)."""
        if not unit:
            return None
        found = self.units.find(unit)
        if found.parent is None:
            return None
        if measure.code not in self.units.measures_under(found.code):
            raise InputError(
                f"”{found.name}” rapporterar inte ”{measure.name}”, så ett riktvärde för den skulle aldrig visas. "
                "Ange en enhet eller avdelning som rapporterar måttet, eller ingen enhet för hela förvaltningen.",
                argument="unit", given=True,
            )
        return found

    def _store_catalog_targets(self, measures: list[Measure]) -> list[Target]:
        """Keep the targets a catalog declares (`targets = { 2025 = 90 }`) as general targets, where
        none is stored for that measure and year; call inside the catalog's write transaction."""
        stored = {(t.measure, t.year) for t in self.targets() if t.general}
        added = [
            Target(m.code, year, GENERAL, value)
            for m in measures for year, value in m.targets if (m.code, year) not in stored
        ]
        self.db["target"].insert_all(
            [{"measure": t.measure, "year": t.year, "unit": t.unit, "value": t.value} for t in added],
            pk=("measure", "year", "unit"),
        )
        self._catalogs_for = None
        return added

    def unit_target_count(self, unit: str) -> int:
        """How many riktvärden are stored for a unit (a unit with targets is not removed)."""
        return self.db.execute("select count(*) from target where unit = ?", [unit]).fetchone()[0]
