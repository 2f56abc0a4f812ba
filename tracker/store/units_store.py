"""Keeping the unit tree and each enhet's measure set in the database."""

from __future__ import annotations

import re

from tracker.core.errors import InputError
from tracker.core.periods import Month, parse_month
from tracker.core.privacy import check_name, printable
from tracker.core.units import LEVEL_NAMES, Move, Unit, UnitTree, child_level
from tracker.store.access import write_method
from tracker.store.database import write_transaction

UNITS_ACTION = "ändra enheterna och deras mått"
# patterns as text: re compiles each on first use (and keeps it), not at every start
_CODE_RE = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


class UnitsStore:
    """Part of Store: units and their measure sets."""

    _units: UnitTree | None = None

    @property
    def units(self) -> UnitTree:
        """The unit tree (cached until it changes)."""
        if self._units is None:
            # A förvaltning's measure sets are thousands of rows, read at every start: one row per
            # unit (codes joined by a control character, which no code may hold) costs a third of
            # one per measure. Catalog order is applied here rather than by a join and a sort in
            # SQLite, which cost more than the reading (the catalog is read anyway).
            position = {m.code: m.position for m in self.catalog.measures}
            measure_sets: dict[str, list[str]] = {}
            for unit, joined in self.db.execute(
                "select unit, group_concat(measure, char(31)) from unit_measure group by unit"
            ):
                # a code missing from the measure table is dropped, as the join with it would
                found = [code for code in joined.split("\x1f") if code in position]
                found.sort(key=position.__getitem__)
                measure_sets[unit] = found
            moves: dict[str, list[Move]] = {}
            for unit, start, old_parent, new_parent in self.db.execute(
                "select unit, start, old_parent, new_parent from unit_move order by unit, start, id"
            ):
                moves.setdefault(unit, []).append(Move(parse_month(start), old_parent, new_parent))
            self._units = UnitTree(
                [
                    Unit(code, name, level, parent, tuple(measure_sets.get(code, ())), position,
                         parse_month(closed_from) if closed_from else None)
                    for code, name, level, parent, position, closed_from in self.db.execute(
                        "select code, name, level, parent, position, closed_from from unit order by position"
                    )
                ],
                moves,
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

    @write_method
    def add_unit(self, code: str, name: str, parent: str | None = None, measures: str | None = None) -> Unit:
        """Add a unit under a parent; an enhet gets a measure set ("all" by default)."""
        with write_transaction(self.db):
            self.access.require_admin(UNITS_ACTION)
            code, name, parent_unit, level = self._checked_new_unit(code, name, parent, measures)
            codes = self.resolve_measure_set(measures) if level == "enhet" else []
            self.db["unit"].insert(
                {"code": code, "name": name, "level": level, "parent": parent_unit.code if parent_unit else None,
                 "position": len(self.units.units)}
            )
            self.db["unit_measure"].insert_all([{"unit": code, "measure": c} for c in codes])
            self._log_event("unit_add", unit=code, detail=f"”{name}” under {parent_unit.code if parent_unit else '–'}.")
        self._units = None
        return self.units.get(code)

    def _checked_new_unit(
        self, code: str, name: str, parent: str | None, measures: str | None
    ) -> tuple[str, str, Unit | None, str]:
        """A new unit's code, name, parent and level, or the refusal of one of them."""
        code, name = code.strip(), name.strip()
        if not re.match(_CODE_RE, code):
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
                f"Det finns redan en förvaltning ({tree.roots()[0].code}); en ny enhet hör hemma under den "
                "eller under en avdelning.",
                argument="parent",
            )
        level = child_level(parent_unit)
        if measures is not None and level != "enhet":
            raise InputError(
                f"Bara enheter rapporterar mått; en ny {LEVEL_NAMES[level].lower()} får inga.",
                argument="measures", given=True,
            )
        return code, name, parent_unit, level

    @write_method
    def change_unit_measures(self, unit: str, add: str | None = None, remove: str | None = None) -> Unit:
        """Add measures to, or remove them from, an enhet's set; stored values are kept."""
        with write_transaction(self.db):
            self.access.require_admin(UNITS_ACTION)
            target = self.units.find(unit)
            if not target.is_enhet:
                raise InputError(
                    f"”{target.name}” är en {target.level_name.lower()}; bara enheter rapporterar mått."
                )
            adding = self.resolve_measure_set(add) if add else []
            removing = [self.catalog.find(c.strip()).code for c in (remove or "").split(",") if c.strip()]
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

    # -- units over time ------------------------------------------------------------------------

    @write_method
    def rename_unit(self, unit: str, name: str) -> Unit:
        """Give a unit a new name; its code, values and history stay."""
        with write_transaction(self.db):
            self.access.require_admin(UNITS_ACTION)
            target = self.units.find(unit)
            name = check_name(name.strip(), "Enhetens namn") if name.strip() else ""
            if not name:
                raise InputError("Enheten behöver ett namn, t.ex. ”Mottagning barn och unga”.")
            if name == target.name:
                raise InputError(f"”{target.code}” heter redan ”{name}”. Ange ett annat namn.")
            self.db.execute("update unit set name = ? where code = ?", [name, target.code])
            self._log_event("unit_rename", unit=target.code, detail=f"”{target.name}” → ”{name}”.")
        self._units = None
        return self.units.get(target.code)

    @write_method
    def move_unit(self, unit: str, new_parent: str, start: Month) -> Unit:
        """Let a unit roll up to another parent from a month on; earlier months keep the old parent."""
        with write_transaction(self.db):
            self.access.require_admin(UNITS_ACTION)
            tree = self.units
            target, parent = tree.find(unit), tree.find(new_parent)
            if target.parent is None:
                raise InputError(f"”{target.name}” är förvaltningen och kan inte flyttas. Ange en avdelning eller enhet.")
            if parent.level == "enhet" or child_level(parent) != target.level:
                above = LEVEL_NAMES[target.level]
                raise InputError(
                    f"En {above.lower()} kan inte ligga under ”{parent.name}” ({parent.level_name.lower()}). "
                    f"Ange en {'avdelning' if target.is_enhet else 'förvaltning'}."
                )
            moves = tree.moves.get(target.code, [])
            if moves and start <= moves[-1].start:
                raise InputError(
                    f"”{target.name}” flyttades senast från {moves[-1].start}; en ny flytt måste gälla från en "
                    f"senare månad, t.ex. {moves[-1].start.next()}."
                )
            if parent.code == tree.parent_at(target.code, start):
                raise InputError(f"”{target.name}” hör redan till ”{parent.name}” från {start}. Ange en annan förälder.")
            old = target.parent
            self.db["unit_move"].insert(
                {"unit": target.code, "start": str(start), "old_parent": old, "new_parent": parent.code}
            )
            self.db.execute("update unit set parent = ? where code = ?", [parent.code, target.code])
            self._log_event("unit_move", unit=target.code, period=str(start), detail=f"{old} → {parent.code}.")
        self._units = None
        return self.units.get(target.code)

    @write_method
    def close_unit(self, unit: str, start: Month) -> Unit:
        """Close an enhet from a month: it reports no longer, and its history stays in every roll-up."""
        with write_transaction(self.db):
            self.access.require_admin(UNITS_ACTION)
            target = self.units.find(unit)
            if not target.is_enhet:
                raise InputError(
                    f"”{target.name}” är en {target.level_name.lower()}; stäng enheterna under den en och en."
                )
            if target.closed_from is not None:
                raise InputError(
                    f"”{target.name}” är redan stängd från {target.closed_from}. "
                    "Öppna den med `tracker units reopen` först om månaden ska ändras."
                )
            later = self.db.execute(
                "select min(period) from value where unit = ? and length(period) = 7 and period >= ?",
                [target.code, str(start)],
            ).fetchone()[0]
            if later:
                raise InputError(
                    f"”{target.name}” har värden för {later}. Stäng enheten från en månad efter dess sista värden, "
                    "eller ta bort de värdena först."
                )
            self.db.execute("update unit set closed_from = ? where code = ?", [str(start), target.code])
            self._log_event("unit_close", unit=target.code, period=str(start), detail=f"Stängd från {start}.")
        self._units = None
        return self.units.get(target.code)

    @write_method
    def reopen_unit(self, unit: str) -> Unit:
        """Open a closed enhet again, so it reports from its closing month on."""
        with write_transaction(self.db):
            self.access.require_admin(UNITS_ACTION)
            target = self.units.find(unit)
            if target.closed_from is None:
                raise InputError(f"”{target.name}” är inte stängd. `tracker units` visar vilka enheter som är stängda.")
            self.db.execute("update unit set closed_from = null where code = ?", [target.code])
            self._log_event("unit_reopen", unit=target.code, detail=f"Öppnad igen (var stängd från {target.closed_from}).")
        self._units = None
        return self.units.get(target.code)

    @write_method
    def remove_unit(self, unit: str) -> Unit:
        """Remove a unit that has never held anything (e.g. the example tree); others are closed instead."""
        with write_transaction(self.db):
            self.access.require_admin(UNITS_ACTION)
            target = self.units.find(unit)
            self._check_removable(target)
            self.db.execute("delete from unit_measure where unit = ?", [target.code])
            self.db.execute("delete from unit where code = ?", [target.code])
            self._log_event("unit_remove", unit=target.code, detail=f"”{target.name}” borttagen.")
        self._units = None
        return target

    def _check_removable(self, target: Unit) -> None:
        """Refuse to remove a unit with units under it, with any history, or given to a user."""
        children = self.units.children(target.code)
        if children:
            raise InputError(
                f"”{target.name}” har {len(children)} enheter under sig ({children[0].code} …). "
                "Ta bort eller flytta dem först."
            )
        code = target.code
        history = self.db.execute(
            "select (select count(*) from value where unit = :u)"
            " + (select count(*) from change_log where unit = :u and action = 'value')"
            " + (select count(*) from comment where unit = :u)"
            " + (select count(*) from month_report where unit = :u)"
            " + (select count(*) from month_lock where unit = :u)"
            " + (select count(*) from unit_move where unit = :u or old_parent = :u or new_parent = :u)",
            {"u": code},
        ).fetchone()[0]
        if history:
            raise InputError(
                f"”{target.name}” har värden eller historik och kan inte tas bort. Stäng den i stället med "
                f"`tracker units close {code} ÅÅÅÅ-MM`, så finns historiken kvar i rapporterna."
            )
        if self.unit_target_count(code):
            raise InputError(
                f"”{target.name}” har riktvärden. Ta bort dem först; `tracker targets list` visar dem, och ett "
                "riktvärde tas bort genom att sättas till -."
            )
        users = [r[0] for r in self.db.execute("select login from user_unit where unit = ?", [code]).fetchall()]
        if users:
            raise InputError(
                f"”{target.name}” är tilldelad användaren {users[0]}. Ta bort tilldelningen först "
                "genom att ge användaren andra enheter."
            )
