"""Keeping the unit tree and each enhet's measure set in the database."""

from __future__ import annotations

import re

from tracker.core.errors import InputError
from tracker.core.privacy import check_name, printable
from tracker.core.units import LEVEL_NAMES, Unit, UnitTree, child_level
from tracker.store.database import write_transaction

UNITS_ACTION = "ändra enheterna och deras mått"
_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class UnitsStore:
    """Mixin for Store: units and their measure sets."""

    _units: UnitTree | None = None

    @property
    def units(self) -> UnitTree:
        """The unit tree (cached until it changes)."""
        if self._units is None:
            measure_sets: dict[str, list[str]] = {}
            for r in self.db.query(
                "select um.unit, um.measure from unit_measure um join measure m on m.code = um.measure "
                "order by m.position"
            ):
                measure_sets.setdefault(r["unit"], []).append(r["measure"])
            self._units = UnitTree(
                [
                    Unit(r["code"], r["name"], r["level"], r["parent"], tuple(measure_sets.get(r["code"], ())), r["position"])
                    for r in self.db.query("select * from unit order by position")
                ]
            )
        return self._units

    def resolve_measure_set(self, spec: str | None) -> list[str]:
        """Turn "all" or "code,code" into measure codes (derived rows bring what they need)."""
        catalog = self.catalog
        if spec is None or spec.strip().lower() in ("all", "alla"):
            return [m.code for m in catalog.measures if not m.retired]
        codes = [c.strip() for c in spec.split(",") if c.strip()]
        if not codes:
            raise InputError("Listan över mått är tom. Ange all eller koder åtskilda med komma, t.ex. bou.akt,vux.akt.")
        resolved = [catalog.find(c).code for c in codes]
        return catalog.with_dependencies(resolved)

    def add_unit(self, code: str, name: str, parent: str | None = None, measures: str | None = None) -> Unit:
        """Add a unit under a parent; an enhet gets a measure set ("all" by default)."""
        self.require_admin(UNITS_ACTION)
        code, name = code.strip(), name.strip()
        if not _CODE_RE.match(code):
            raise InputError(
                f"”{printable(code)}” är ingen giltig enhetskod. Använd bokstäver, siffror, punkt, bindestreck "
                "eller understreck, t.ex. IFO.BOU.MOTT."
            )
        if not name:
            raise InputError("Enheten behöver ett namn, t.ex. ”Mottagning barn och unga”.")
        name = check_name(name, "Enhetens namn")
        tree = self.units
        if code in tree:
            raise InputError(f"Enhetskoden ”{code}” finns redan. Välj en annan kod.")
        parent_unit = tree.find(parent) if parent else None
        if parent_unit is None and tree.roots():
            raise InputError(
                f"Det finns redan en förvaltning ({tree.roots()[0].code}). Ange var enheten hör hemma med --parent."
            )
        level = child_level(parent_unit)
        if measures is not None and level != "enhet":
            raise InputError(
                f"Bara enheter rapporterar mått; en ny {LEVEL_NAMES[level].lower()} tar inte --measures."
            )
        codes = self.resolve_measure_set(measures) if level == "enhet" else []
        position = len(tree.units)
        with write_transaction(self.db):
            self.db["unit"].insert(
                {"code": code, "name": name, "level": level, "parent": parent_unit.code if parent_unit else None,
                 "position": position}
            )
            self.db["unit_measure"].insert_all([{"unit": code, "measure": c} for c in codes])
            self._log_event("unit_add", unit=code, detail=f"”{name}” under {parent_unit.code if parent_unit else '–'}.")
        self._units = None
        return self.units.get(code)

    def change_unit_measures(self, unit: str, add: str | None = None, remove: str | None = None) -> Unit:
        """Add measures to, or remove them from, an enhet's set; stored values are kept."""
        self.require_admin(UNITS_ACTION)
        target = self.units.find(unit)
        if not target.is_enhet:
            raise InputError(
                f"”{target.name}” är en {target.level_name.lower()}; bara enheter rapporterar mått."
            )
        adding = self.resolve_measure_set(add) if add else []
        removing = [self.catalog.find(c.strip()).code for c in (remove or "").split(",") if c.strip()]
        with write_transaction(self.db):
            added = [c for c in adding if c not in target.measures]
            for code in added:
                self.db["unit_measure"].insert({"unit": target.code, "measure": code})
            removed = [c for c in removing if c in target.measures]
            for code in removed:
                self.db.execute("delete from unit_measure where unit = ? and measure = ?", [target.code, code])
            if added or removed:
                self._log_event(
                    "unit_measures", unit=target.code,
                    detail=f"Tillagda: {', '.join(added) or 'inga'}. Borttagna: {', '.join(removed) or 'inga'}.",
                )
        self._units = None
        return self.units.get(target.code)
