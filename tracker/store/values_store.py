"""Values: reading a scope, validated writes with revisions, and the change log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tracker.core.catalog import PART_NAMES, Measure
from tracker.core.errors import ConflictError, InputError
from tracker.core.periods import Month, parse_period, year_months
from tracker.core.privacy import check_free_text
from tracker.core.scope import Key, Scope, check_value, roll_up
from tracker.core.swedish import COUNT_HINT, format_number
from tracker.core.units import Unit
from tracker.core.yearview import check_period, row_readonly_reason
from tracker.store.audit_log import seal
from tracker.store.database import write_transaction

SOURCES = ("cli", "tui", "import", "demo")


def period_text(period: Month | int) -> str:
    """How a period is stored: "YYYY-MM" or "YYYY"."""
    return str(period)


def period_from_text(text: str) -> Month | int:
    return parse_period(text)


@dataclass(frozen=True)
class ValueWrite:
    """A value to write (None clears it); expected_revision guards against lost updates."""

    unit: str
    measure: str
    part: str
    period: Month | int
    value: float | None
    expected_revision: int | None = None


@dataclass(frozen=True)
class Change:
    """What a write did to one cell."""

    unit: str
    measure: str
    part: str
    period: Month | int
    old: float | None
    new: float | None
    revision: int


@dataclass(frozen=True)
class ChangeRecord:
    """One line of a cell's history."""

    at: str
    login: str
    source: str
    old: float | None
    new: float | None
    reason: str | None
    file: str | None


def _member_in(months: set[Month], period: Month | int) -> bool:
    """Whether a value's period belongs to the roll-up: an annual value goes where its December does."""
    return (period if isinstance(period, Month) else Month(period, 12)) in months


def _year_of(period: Month | int) -> int:
    return period.year if isinstance(period, Month) else period


class ValuesStore:
    """Mixin for Store: values, revisions and the change log."""

    def _rows_for(self, unit_codes: list[str], years: list[int], period: str | None = None):
        if not unit_codes:
            return []
        marks = ",".join("?" for _ in unit_codes)
        sql = f"select unit, measure, part, period, value, revision from value where unit in ({marks})"
        params: list = list(unit_codes)
        if period is not None:
            sql += " and period = ?"
            params.append(period)
        elif years:
            sql += " and substr(period, 1, 4) in (" + ",".join("?" for _ in years) + ")"
            params.extend(str(y) for y in years)
        return self.db.execute(sql, params).fetchall()

    def unit_values(self, unit_codes: list[str], years: list[int]) -> dict[str, dict[Key, float]]:
        """Values of each enhet for the given years."""
        out: dict[str, dict[Key, float]] = {code: {} for code in unit_codes}
        for unit, measure, part, period, value, _rev in self._rows_for(unit_codes, years):
            out[unit][(measure, part, period_from_text(period))] = value
        return out

    def scope(self, unit: str, years: list[int]) -> Scope:
        """The values of a unit for some years: an enhet's own, or the roll-up of those below."""
        target = self.units.get(unit)
        if target.is_enhet:
            return Scope(self.unit_values([unit], years)[unit])
        # Membership is month by month: an enhet moved elsewhere counts here only before its move.
        members = self.units.members(unit, [m for y in years for m in year_months(y)])
        enheter = [u for u in self.units.units if u.code in members]
        values = {
            code: {k: v for k, v in found.items() if _member_in(members[code], k[2])}
            for code, found in self.unit_values(list(members), years).items()
        }
        single = {}
        for measure in self.catalog.measures:
            reporting = [u.code for u in enheter if measure.code in u.measures]
            if measure.is_annual and len(reporting) == 1:
                single[measure.code] = {k: v for k, v in values[reporting[0]].items() if k[0] == measure.code}
        reports = {u.code: set(u.measures) for u in enheter}
        return roll_up(values, single, reports)

    def revisions(self, unit: str, years: list[int]) -> dict[Key, int]:
        """Revision of every cell of an enhet in the given years that has ever been written.

        A revision counts the cell's changes in the log, so it keeps rising when a value is
        cleared and entered again: a writer holding an old revision is always caught.
        """
        marks = ",".join("?" for _ in years)
        rows = self.db.execute(
            "select measure, part, period, count(*) from change_log where action = 'value' and unit = ? "
            f"and substr(period, 1, 4) in ({marks}) group by measure, part, period",
            [unit, *(str(y) for y in years)],
        ).fetchall()
        return {(measure, part, period_from_text(period)): rev for measure, part, period, rev in rows}

    def cell(self, unit: str, measure: str, part: str, period: Month | int) -> tuple[float | None, int]:
        """The stored value and revision of one cell; the value is None when missing."""
        row = self.db.execute(
            "select value from value where unit=? and measure=? and part=? and period=?",
            [unit, measure, part, period_text(period)],
        ).fetchone()
        revision = self.db.execute(
            "select count(*) from change_log where action='value' and unit=? and measure=? and part=? and period=?",
            [unit, measure, part, period_text(period)],
        ).fetchone()[0]
        return (row[0] if row else None, revision)

    # -- validation -------------------------------------------------------------------------

    def check_target(self, unit: Unit, measure: Measure, part: str, period: Month | int, value) -> None:
        """Refuse a value this cell cannot take (wrong unit, part, period or value); writes nothing."""
        if not unit.is_enhet:
            raise InputError(
                f"”{unit.name}” är en {unit.level_name.lower()}; där visas summan av enheterna under. "
                "Ange värdet för en enhet."
            )
        if measure.code not in unit.measures:
            raise InputError(
                f"Enheten ”{unit.name}” rapporterar inte måttet ”{measure.name}”. "
                "Lägg till måttet för enheten eller välj en enhet som rapporterar det."
            )
        first = period if isinstance(period, Month) else Month(period, 1)
        if unit.is_closed_in(first):
            raise InputError(
                f"”{unit.name}” är stängd från {unit.closed_from} och tar inga värden därefter. "
                f"Ange en månad före {unit.closed_from}, eller öppna enheten igen med `tracker units reopen`."
            )
        if part and not measure.parts:
            raise InputError(f"Måttet ”{measure.name}” är inte uppdelat; ange det utan --part.")
        if measure.parts and part not in measure.parts:
            allowed = " eller ".join(f"{p} ({PART_NAMES[p]})" for p in measure.parts)
            if not part:
                raise InputError(
                    f"”{measure.name}” anges per del: ange --part {allowed}. Totalen räknas fram ur delarna."
                )
            raise InputError(f"Delen ”{part}” finns inte för ”{measure.name}”. Ange {allowed}.")
        reason = row_readonly_reason(self.catalog, Scope({}), measure, part)
        if reason:
            raise InputError(f"”{measure.name}” kan inte ändras: {reason}")
        check_period(measure, period)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value != int(value):
                raise InputError(f"”{format_number(value) if isinstance(value, (int, float)) else value}”: {COUNT_HINT}")

    def check_permitted(self, cells: list[tuple[str, str, str, Month | int]], reason: str | None = None) -> None:
        """Refuse cells this login may not change (role, locked month without a reason); writes nothing."""
        self._before_write(cells, reason)

    # -- writes ------------------------------------------------------------------------------

    def set_values(
        self,
        writes: list[ValueWrite],
        *,
        source: str,
        reason: str | None = None,
        file: str | None = None,
    ) -> list[Change]:
        """Validate and write values in one transaction; all or nothing.

        Unchanged values are skipped, so writing the same values twice changes nothing.
        """
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r}")
        reason = check_free_text(reason, "Orsaken")
        catalog, units = self.catalog, self.units
        resolved = []
        for w in writes:
            unit = units.find(w.unit)
            measure = catalog.find(w.measure)
            self.check_target(unit, measure, w.part, w.period, w.value)
            resolved.append((unit, measure, w))
        self._before_write([(u.code, m.code, w.part, w.period) for u, m, w in resolved], reason)
        changes: list[Change] = []
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        with write_transaction(self.db):
            touched: dict[tuple[str, str], dict[Key, float]] = {}
            log: list[dict] = []
            for unit, measure, w in resolved:
                old, rev = self.cell(unit.code, measure.code, w.part, w.period)
                if w.expected_revision is not None and w.expected_revision != rev:
                    shown = format_number(old) if old is not None else "tomt"
                    raise ConflictError(
                        f"Någon annan har ändrat ”{measure.name}” för {w.period} sedan du läste det; "
                        f"värdet är nu {shown}. Ingenting sparades.",
                        current_value=old,
                        current_revision=rev,
                    )
                key = (unit.code, period_text(w.period))
                if key not in touched:
                    touched[key] = {
                        (m, p, period_from_text(per)): v
                        for _u, m, p, per, v, _r in self._rows_for([unit.code], [], period_text(w.period))
                    }
                touched[key][(measure.code, w.part, w.period)] = w.value
                if old == w.value:
                    continue
                if w.value is None:
                    self.db.execute(
                        "delete from value where unit=? and measure=? and part=? and period=?",
                        [unit.code, measure.code, w.part, period_text(w.period)],
                    )
                else:
                    self.db.execute(
                        "insert into value (unit, measure, part, period, value, revision) values (?,?,?,?,?,?) "
                        "on conflict (unit, measure, part, period) do update set value=excluded.value, "
                        "revision=excluded.revision",
                        [unit.code, measure.code, w.part, period_text(w.period), w.value, rev + 1],
                    )
                log.append(
                    {"at": now, "login": self.login, "source": source, "action": "value", "unit": unit.code,
                     "measure": measure.code, "part": w.part, "period": period_text(w.period), "old_value": old,
                     "new_value": w.value, "reason": reason, "file": file}
                )
                changes.append(Change(unit.code, measure.code, w.part, w.period, old, w.value, rev + 1))
            # varav rules are checked on the final state, so a batch may raise a parent and its varav together
            for unit, measure, w in resolved:
                values = {k: v for k, v in touched[(unit.code, period_text(w.period))].items() if v is not None}
                check_value(catalog, Scope(values), measure, w.part, w.period, w.value)
            seal(self.db, log)
        return changes

    def _before_write(self, cells: list[tuple[str, str, str, Month | int]], reason: str | None) -> None:
        """Refuse writes the user may not make; with no users registered everything is allowed."""

    def set_value(
        self,
        unit: str,
        measure: str,
        period: Month | int,
        value: float | None,
        *,
        part: str = "",
        source: str,
        expected_revision: int | None = None,
        reason: str | None = None,
    ) -> Change | None:
        """Write one value (None clears it); returns the change, or None when nothing changed."""
        changes = self.set_values(
            [ValueWrite(unit, measure, part, period, value, expected_revision)], source=source, reason=reason
        )
        return changes[0] if changes else None

    # -- history -----------------------------------------------------------------------------

    def history(self, unit: str, measure: str, part: str, period: Month | int) -> list[ChangeRecord]:
        """Every change of one cell, oldest first."""
        return [
            ChangeRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6])
            for r in self.db.execute(
                "select at, login, source, old_value, new_value, reason, file from change_log "
                "where action='value' and unit=? and measure=? and part=? and period=? order by id",
                [unit, measure, part, period_text(period)],
            ).fetchall()
        ]

    def last_changes(self, unit: str, year: int) -> dict[Key, ChangeRecord]:
        """The latest change of every cell of an enhet in a year (for the grid's status line)."""
        out: dict[Key, ChangeRecord] = {}
        for r in self.db.execute(
            "select measure, part, period, at, login, source, old_value, new_value, reason, file "
            "from change_log where action='value' and unit=? and substr(period, 1, 4)=? order by id",
            [unit, str(year)],
        ).fetchall():
            out[(r[0], r[1], period_from_text(r[2]))] = ChangeRecord(*r[3:])
        return out
