"""Values: reading a scope, validated writes with revisions, and the change log.

The module is long because reads and writes share the one value table and its filters: the
scope and roll-up reads (summed by SQLite), the checks every write passes, the bulk write of an
import, and the log a cell's history is read from."""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from tracker.core.catalog import PART_NAMES, Measure
from tracker.core.entry import check_entry_period, check_stored_value, plausibility_refusal, references
from tracker.core.errors import ConflictError, InputError, PartRefused
from tracker.core.periods import Month, parse_period, year_months
from tracker.core.privacy import check_free_text
from tracker.core.scope import Key, Scope, check_value, roll_up, rolled_up
from tracker.core.swedish import format_number
from tracker.core.units import Unit
from tracker.core.yearview import row_readonly_reason
from tracker.store.access import write_method
from tracker.store.audit_log import ENTRIES, entry_columns, seal, seal_values
from tracker.store.database import write_transaction

if TYPE_CHECKING:
    from tracker.core.drilldown import Below

SOURCES = ("cli", "tui", "import", "demo")
BULK_CACHE_SIZE = -64 * 1024  # PRAGMA cache_size during a bulk write (negative counts KiB): 64 MB


def period_text(period: Month | int) -> str:
    """How a period is stored: "YYYY-MM" or "YYYY"."""
    return str(period)


def period_from_text(text: str) -> Month | int:
    """A stored period as a Month or a year (shared objects: periods are immutable)."""
    return _cached_period(text)


class ValueWrite(NamedTuple):
    """A value to write (None clears it); expected_revision guards against lost updates."""

    unit: str
    measure: str
    part: str
    period: Month | int
    value: float | None
    expected_revision: int | None = None


class Change(NamedTuple):
    """What a write did to one cell."""

    unit: str
    measure: str
    part: str
    period: Month | int
    old: float | None
    new: float | None
    revision: int


class ChangeRecord(NamedTuple):
    """One line of a cell's history."""

    at: str
    login: str
    source: str
    old: float | None
    new: float | None
    reason: str | None
    file: str | None


# A bulk write's values, copied from the block of log entries it has just sealed (ids ?1–?2).
# A value's revision counts its cell's changes in the log (see revisions), this one included: 1 in
# an enhet that had no value logged before the write (its units are bound from ?3 on).
_UPSERT_FROM_LOG = (
    "insert into value (unit, measure, part, period, value, revision) "
    "select c.unit, c.measure, c.part, c.period, c.new_value, case when c.unit in ({fresh}) then 1 else "
    "(select count(*) from change_log l where l.action = 'value' and l.unit = c.unit and l.measure = c.measure "
    "and l.part = c.part and l.period = c.period) end "
    "from change_log c where c.id between ?1 and ?2 and c.new_value is not null order by c.id "
    "on conflict (unit, measure, part, period) do update set value = excluded.value, revision = excluded.revision"
)
_DELETE_FROM_LOG = (
    "delete from value where (unit, measure, part, period) in (select unit, measure, part, period "
    "from change_log where id between ? and ? and new_value is null)"
)


# A ChangeRecord's columns over audit_log.ENTRIES.
_RECORD_COLUMNS = entry_columns("at", "login", "source", "old_value", "new_value", "reason", "file")


class StaleState(Exception):
    """The database changed after a bulk write was checked; check again."""


@lru_cache(maxsize=8192)
def _cached_period(text: str) -> Month | int:
    return parse_period(text)


def _years_filter(years: list[int], column: str = "period") -> tuple[str, list]:
    """A where-clause fragment for periods in the years: ranges of consecutive years, so the
    (unit, period) index serves ("2023" and "2023-01" … "2023-12" sort between "2023" and "2023-99")."""
    if not years:
        return "", []
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and runs[-1][1] == y - 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    ranges = " or ".join(f"{column} between ? and ?" for _ in runs)
    params: list = []
    for first, last in runs:
        params += [f"{first:04d}", f"{last:04d}-99"]
    return f" and ({ranges})", params


def _values_filter(years: list[int], codes: list[str] | None) -> tuple[str, list]:
    """The where-clause fragment for values in the years, of the measures `codes` (None: all).

    The (unit, period) range of the covering index (m009) serves a few measures as well as all:
    without table statistics SQLite would otherwise search it by unit alone, every year of every
    measure (ten times as slow for one measure of a roll-up; see tests/store/test_rollup_sql.py)."""
    where, params = _years_filter(years, "period")
    if codes is not None:
        where += " and measure in (" + ",".join("?" for _ in codes) + ")"
        params.extend(codes)
    return where, params


def _month_sums_query(units: list[str], month: Month, codes: list[str] | None) -> tuple[str, list]:
    """The query summing one month of a roll-up: the enheter counted in that month, by measure and part.

    A month at a time, not a year: each query sorts one month's values into groups, and a year
    of twelve such sorts takes two thirds of the time of one sort of the whole year. An enhet
    moved in or out during the year is simply among the units of its months there, so a move
    never rewrites the months before it. The covering index (m009) serves it by unit and period.
    """
    sql = (
        "select measure, part, sum(value), group_concat(unit, char(31)) from value "
        f"where unit in ({','.join('?' for _ in units)}) and period = ?"
    )
    params: list = [*units, str(month)]
    if codes is not None:
        sql += " and measure in (" + ",".join("?" for _ in codes) + ")"
        params.extend(codes)
    return sql + " group by measure, part", params


def single_reporter(tree, members: dict[str, set[Month]], measure: str, year: int) -> str | None:
    """The one enhet of a roll-up's members that reports an annual measure in a year (an annual value
    goes where the enhet's December does), else None: only then can the roll-up show the value, since
    nobody is counted twice."""
    reporting = [
        code for code, months in members.items() if Month(year, 12) in months and measure in tree.get(code).measures
    ]
    return reporting[0] if len(reporting) == 1 else None


def check_open(unit: Unit, period: Month | int) -> None:
    """Refuse a period from the enhet's closing month on (an annual value: a year it was closed all of)."""
    first = period if isinstance(period, Month) else Month(period, 1)
    if unit.is_closed_in(first):
        raise InputError(
            f"”{unit.name}” är stängd från {unit.closed_from} och tar inga värden därefter. "
            f"Ange en månad före {unit.closed_from}, eller öppna enheten igen med `tracker units reopen`."
        )


def _check_revision(measure: Measure, w: ValueWrite, old: float | None, revision: int) -> None:
    """Refuse a write made against an older revision of its cell than the stored one."""
    if w.expected_revision is not None and w.expected_revision != revision:
        shown = format_number(old) if old is not None else "tomt"
        raise ConflictError(
            f"Någon annan har ändrat ”{measure.name}” för {w.period} sedan du läste det; "
            f"värdet är nu {shown}. Ingenting sparades.",
            current_value=old,
            current_revision=revision,
        )


def _year_of(period: Month | int) -> int:
    return period.year if isinstance(period, Month) else period


class ValuesStore:
    """Part of Store: values, revisions and the change log."""

    def _rows_for(self, unit_codes: list[str], years: list[int], period: str | None = None):
        if not unit_codes:
            return []
        marks = ",".join("?" for _ in unit_codes)
        sql = f"select unit, measure, part, period, value from value where unit in ({marks})"
        params: list = list(unit_codes)
        if period is not None:
            sql += " and period = ?"
            params.append(period)
        elif years:
            where, more = _years_filter(years)
            sql += where
            params.extend(more)
        return self.db.execute(sql, params)

    def measures_with_values(self, unit_codes: list[str], years: list[int]) -> set[str]:
        """Codes of the measures the given enheter hold any value for in the given years."""
        if not unit_codes or not years:
            return set()
        units = ",".join("?" for _ in unit_codes)
        # period ranges, not substr(period): the (unit, period) index then reads only those years
        where, params = _years_filter(years)
        rows = self.db.execute(f"select distinct measure from value where unit in ({units}){where}", [*unit_codes, *params])
        return {r[0] for r in rows}

    def unit_values(self, unit_codes: list[str], years: list[int]) -> dict[str, dict[Key, float]]:
        """Values of each enhet for the given years."""
        out: dict[str, dict[Key, float]] = {code: {} for code in unit_codes}
        periods: dict = {}  # an export reads tens of thousands of values and a few hundred periods
        at, values = None, None
        for unit, measure, part, text, value in self._rows_for(unit_codes, years):
            if unit != at:  # rows come by unit (the index)
                at, values = unit, out[unit]
            period = periods.get(text)
            if period is None:
                period = periods[text] = period_from_text(text)
            values[(measure, part, period)] = value
        return out

    def scope(self, unit: str, years: list[int], measures: list[str] | None = None) -> Scope:
        """The values of a unit for some years: an enhet's own, or the roll-up of those below.

        A roll-up is summed by SQLite; it equals core.scope.roll_up over the enheter's values.
        With `measures`, only those measures (and the rows they are computed from) are read.
        """
        target = self.units.get(unit)
        codes = None if measures is None else self.catalog.with_dependencies(measures)
        if target.is_enhet:
            where, params = _values_filter(years, codes)
            rows = self.db.execute(
                f"select measure, part, period, value from value where unit = ?{where}", [unit, *params]
            ).fetchall()
            return Scope({(m, p, period_from_text(per)): v for m, p, per, v in rows})
        # Membership is month by month: an enhet moved elsewhere counts here only before its move.
        tree = self.units
        totals: dict[Key, float] = {}
        present: dict[Key, tuple[str, ...]] = {}
        single: dict[str, dict[Key, float]] = {}
        counted: set[str] = set()
        for year in sorted(set(years)):
            members = tree.members(unit, year_months(year))
            counted.update(members)
            year_totals, year_present, year_single = self._year_sums(unit, members, year, codes)
            totals.update(year_totals)
            present.update(year_present)
            for code, values in year_single.items():
                single.setdefault(code, {}).update(values)
        enheter = [u for u in tree.units if u.code in counted]
        reports = {u.code: set(u.measures) for u in enheter}
        return rolled_up(totals, present, single, reports, len(enheter))

    def _year_sums(
        self, unit: str, members: dict[str, set[Month]], year: int, codes: list[str] | None
    ) -> tuple[dict, dict, dict]:
        """One year of a roll-up as SQLite sums it: month totals, the enheter behind each, and the
        annual values of measures a single enhet reports.

        Kept until the database changes (another connection commits, or this one writes), so
        switching back and forth between years reads each year once; the sums of a year depend on
        that year's values only, so the cached parts are what a full recompute would give.
        """
        stamp = (self.data_version(), self.db.conn.total_changes)
        if getattr(self, "_sums_stamp", None) != stamp:
            self._sums_stamp, self._sums = stamp, {}
        key = (unit, year, None if codes is None else tuple(codes))
        if key in self._sums:
            return self._sums[key]
        months_of: dict[Month, list[str]] = {}
        for code, months in members.items():
            for month in months:
                months_of.setdefault(month, []).append(code)
        totals: dict[Key, float] = {}
        present: dict[Key, tuple[str, ...]] = {}
        # most months have the same enheter behind them: one tuple for each distinct list
        lists: dict[str, tuple[str, ...]] = {}
        for month in sorted(months_of):
            sql, params = _month_sums_query(sorted(months_of[month]), month, codes)
            for measure, part, total, units in self.db.execute(sql, params):
                key_ = (measure, part, month)
                totals[key_] = total
                found = lists.get(units)
                if found is None:
                    found = lists[units] = tuple(units.split("\x1f"))
                present[key_] = found
        # annual values are not summable, unless a single enhet below reports the measure
        single: dict[str, dict[Key, float]] = {}
        where, params = _years_filter([year])
        for measure in self.catalog.measures:
            if not measure.is_annual or (codes is not None and measure.code not in codes):
                continue
            reporting = single_reporter(self.units, members, measure.code, year)
            if reporting is not None:
                rows = self.db.execute(
                    f"select part, period, value from value where unit = ? and measure = ?{where}",
                    [reporting, measure.code, *params],
                ).fetchall()
                single[measure.code] = {(measure.code, p, period_from_text(per)): v for p, per, v in rows}
        self._sums[key] = (totals, present, single)
        return self._sums[key]

    def breakdown_scopes(self, unit: str, years: list[int], measures: list[str], enheter: bool = False) -> "list[Below]":
        """A read: each unit right under a roll-up (with `enheter`, each enhet under it), with its values
        of the measures as the roll-up counts them, that is an enhet's values only in the months it
        rolls up into `unit`, and through that unit; so month by month they add up to scope(unit).

        Units are in tree order; one that has moved away comes after those under the unit now.
        """
        # here, not at the top: the drill-down's dataclasses cost more to define than a look-up's query
        from tracker.core.drilldown import Below

        tree = self.units
        codes = self.catalog.with_dependencies(measures)
        members = tree.members(unit, [m for y in sorted(set(years)) for m in year_months(y)])
        via: dict[tuple[str, Month], str] = {}
        months_of: dict[str, set[Month]] = {}
        for enhet, in_months in members.items():
            for month in in_months:
                child = enhet if enheter else tree.child_towards(unit, enhet, month)
                via[(enhet, month)] = child
                months_of.setdefault(child, set()).add(month)
        grouped: dict[str, dict[str, dict[Key, float]]] = {}
        if members:
            where, params = _values_filter(years, codes)
            marks = ",".join("?" for _ in members)
            rows = self.db.execute(
                f"select unit, measure, part, period, value from value where unit in ({marks}){where}",
                [*members, *params],
            )
            for enhet, measure, part, text, value in rows:
                period = period_from_text(text)
                # an annual value goes where the enhet's December does
                child = via.get((enhet, period if type(period) is Month else Month(period, 12)))
                if child is not None:
                    grouped.setdefault(child, {}).setdefault(enhet, {})[(measure, part, period)] = value
        shown = tree.enheter_under(unit) if enheter else tree.children(unit)
        listed = {u.code for u in shown}
        shown += [u for u in tree.units if u.code in months_of and u.code not in listed]
        found = []
        for child in shown:
            values = grouped.get(child.code, {})
            if child.is_enhet:
                scope = Scope(values.get(child.code, {}))
            else:
                child_members = {e: {m for m in ms if via.get((e, m)) == child.code} for e, ms in members.items()}
                child_members = {e: ms for e, ms in child_members.items() if ms}
                single: dict[str, dict[Key, float]] = {}
                for code in codes:
                    if not self.catalog.get(code).is_annual:
                        continue
                    for year in years:
                        reporting = single_reporter(tree, child_members, code, year)
                        if reporting is not None:
                            single.setdefault(code, {}).update(
                                {k: v for k, v in values.get(reporting, {}).items() if k[0] == code and k[2] == year}
                            )
                reports = {e: set(tree.get(e).measures) for e in child_members}
                scope = roll_up({e: values.get(e, {}) for e in child_members}, single, reports)
            found.append(Below(child, scope, frozenset(months_of.get(child.code, ()))))
        return found

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

    def reference_values(self, unit: str, measure: str, part: str, period: Month | int) -> tuple:
        """The values a new value is judged against: last month and the same month last year."""
        return tuple(
            None if ref is None else self.cell(unit, measure, part, ref)[0] for ref in references(period)
        )

    def plausibility_refusal(self, unit: str, measure: Measure, part: str, period: Month | int, value) -> str | None:
        """Why a value looks implausible for its cell (the jump rule), or None."""
        previous, last_year = self.reference_values(unit, measure.code, part, period)
        return plausibility_refusal(self.jump_rule(), value, previous, last_year, annual=measure.is_annual)

    # -- validation -------------------------------------------------------------------------

    def check_target(self, unit: Unit, measure: Measure, part: str, period: Month | int, value) -> None:
        """Refuse a value this cell cannot take (wrong unit, part, period or value); writes nothing."""
        self.check_row(unit, measure, part)
        check_open(unit, period)
        check_entry_period(measure, period, self.today)
        check_stored_value(value, measure)

    def check_row(self, unit: Unit, measure: Measure, part: str) -> None:
        """Refuse a row no value can be entered in: a roll-up, a measure the enhet does not report,
        a wrong part, a computed row. The first step of check_target."""
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
        if part and not measure.parts:
            raise PartRefused(f"Måttet ”{measure.name}” är inte uppdelat; ange värdet utan del.", split=False)
        if measure.parts and part not in measure.parts:
            allowed = " eller ".join(f"{p} ({PART_NAMES[p]})" for p in measure.parts)
            if not part:
                raise PartRefused(f"”{measure.name}” anges per del: ange {allowed}. Totalen räknas fram ur delarna.")
            raise PartRefused(f"Delen ”{part}” finns inte för ”{measure.name}”. Ange {allowed}.")
        reason = row_readonly_reason(self.catalog, Scope({}), measure, part)
        if reason:
            raise InputError(f"”{measure.name}” kan inte ändras: {reason}")

    def check_permitted(self, cells: list[tuple[str, str, str, Month | int]], reason: str | None = None) -> None:
        """Refuse cells this login may not change (role, locked month without a reason); writes nothing."""
        self.access.require_cells([(unit, period) for unit, _m, _p, period in cells], reason)

    # -- writes ------------------------------------------------------------------------------

    @write_method
    def set_values(
        self,
        writes: list[ValueWrite],
        *,
        source: str,
        reason: str | None = None,
        file: str | None = None,
    ) -> list[Change]:
        """Check and write values in one transaction; all or nothing.

        Every check (role, lock, target, revision, varav) runs inside the write transaction, so
        a write that waited for another writer is judged on what that writer left behind.
        Unchanged values are skipped, so writing the same values twice changes nothing.
        """
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r}")
        reason = check_free_text(reason, "Orsaken")
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        with write_transaction(self.db):
            resolved = [(self.units.find(w.unit), self.catalog.find(w.measure), w) for w in writes]
            self.access.require_cells([(unit.code, w.period) for unit, _m, w in resolved], reason)
            for unit, measure, w in resolved:
                self.check_target(unit, measure, w.part, w.period, w.value)
            changes, log, touched = self._apply_writes(resolved, now, source, reason, file)
            # varav rules are checked on the final state, so a batch may raise a parent and its varav together
            for unit, measure, w in resolved:
                values = {k: v for k, v in touched[(unit.code, period_text(w.period))].items() if v is not None}
                check_value(self.catalog, Scope(values), measure, w.part, w.period, w.value)
            seal(self.db, log)
            self._withdraw_reported({(c.unit, c.period) for c in changes if c.new is None and type(c.period) is Month},
                                    source)
        return changes

    def _apply_writes(
        self, resolved: list[tuple[Unit, Measure, ValueWrite]], now: str, source: str, reason: str | None,
        file: str | None,
    ) -> tuple[list[Change], list[dict], dict[tuple[str, str], dict[Key, float]]]:
        """The writing step of set_values: each changed cell written, with its log entry; and every
        touched (enhet, period) as it is after the writes, for the varav check."""
        changes: list[Change] = []
        log: list[dict] = []
        touched: dict[tuple[str, str], dict[Key, float]] = {}
        for unit, measure, w in resolved:
            old, rev = self.cell(unit.code, measure.code, w.part, w.period)
            _check_revision(measure, w, old, rev)
            key = (unit.code, period_text(w.period))
            if key not in touched:
                touched[key] = {
                    (m, p, period_from_text(per)): v
                    for _u, m, p, per, v in self._rows_for([unit.code], [], period_text(w.period))
                }
            touched[key][(measure.code, w.part, w.period)] = w.value
            if old == w.value:
                continue
            self._write_cell(unit.code, measure.code, w, rev + 1)
            log.append(
                {"at": now, "login": self.login, "source": source, "action": "value", "unit": unit.code,
                 "measure": measure.code, "part": w.part, "period": period_text(w.period), "old_value": old,
                 "new_value": w.value, "reason": reason, "file": file}
            )
            changes.append(Change(unit.code, measure.code, w.part, w.period, old, w.value, rev + 1))
        return changes, log, touched

    def _write_cell(self, unit: str, measure: str, w: ValueWrite, revision: int) -> None:
        """Store one cell's new value (None deletes it) at its new revision."""
        if w.value is None:
            self.db.execute(
                "delete from value where unit=? and measure=? and part=? and period=?",
                [unit, measure, w.part, period_text(w.period)],
            )
        else:
            self.db.execute(
                "insert into value (unit, measure, part, period, value, revision) values (?,?,?,?,?,?) "
                "on conflict (unit, measure, part, period) do update set value=excluded.value, "
                "revision=excluded.revision",
                [unit, measure, w.part, period_text(w.period), w.value, revision],
            )

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the database."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    @write_method
    def write_checked(
        self,
        cells: list[tuple[str, str, str, Month | int, float | None, float | None]],
        *,
        version: int,
        source: str,
        reason: str | None = None,
        file: str | None = None,
    ) -> None:
        """Write cells (unit, measure, part, period, old, new) that were checked, with their old values,
        against the database as it was at `version` (from data_version), in one short transaction.

        Raises StaleState, writing nothing, when another connection has committed since: the check
        must then be made again. This is the bulk path of an import; set_values checks one by one.
        """
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r}")
        reason = check_free_text(reason, "Orsaken")
        if not cells:
            return
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        texts: dict = {}

        def text_of(period) -> str:
            text = texts.get(period)
            if text is None:
                text = texts[period] = period_text(period)
            return text

        with write_transaction(self.db):
            self.access.require_cells([(c[0], c[3]) for c in cells], reason)
            if self.data_version() != version:
                raise StaleState()
            conn = self.db.conn
            units = sorted({c[0] for c in cells})
            fresh = [
                unit for unit in units
                if conn.execute("select 1 from change_log where unit = ? and action = 'value' limit 1", [unit]).fetchone()
                is None
            ]
            # Set-based: the log entries are bound once, in the order given, and SQL copies the
            # values from them. A larger page cache for this transaction keeps the indexes that a
            # whole file's cells land all over in memory (it changes nothing of what is written).
            entries = [
                (unit, measure, part, text_of(period), None if old is None else float(old),
                 None if new is None else float(new))
                for unit, measure, part, period, old, new in cells
            ]
            cache = conn.execute("pragma cache_size").fetchone()[0]
            conn.execute(f"pragma cache_size={BULK_CACHE_SIZE}")
            try:
                first, last = seal_values(self.db, entries, now, self.login, source, reason, file)
                conn.execute(_DELETE_FROM_LOG, [first, last])
                marks = ",".join(f"?{n}" for n in range(3, 3 + len(fresh)))
                conn.execute(_UPSERT_FROM_LOG.format(fresh=marks), [first, last, *fresh])
            finally:
                conn.execute(f"pragma cache_size={int(cache)}")
            self._withdraw_reported({(c[0], c[3]) for c in cells if c[5] is None and type(c[3]) is Month}, source)

    @write_method
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
                f"select {_RECORD_COLUMNS} from {ENTRIES} "
                "where c.action='value' and c.unit=? and c.measure=? and c.part=? and c.period=? order by c.id",
                [unit, measure, part, period_text(period)],
            ).fetchall()
        ]

    def last_changes(self, unit: str, year: int) -> dict[Key, ChangeRecord]:
        """The latest change of every cell of an enhet in a year (for the grid's status line)."""
        return self.year_log(unit, year)[1]

    def year_log(self, unit: str, year: int) -> tuple[dict[Key, int], dict[Key, ChangeRecord]]:
        """The revision (see revisions) and the latest change of every cell of an enhet in a year,
        from one read of the change log: what the grid needs when it shows a year."""
        revisions: dict[Key, int] = {}
        latest: dict[Key, ChangeRecord] = {}
        where, params = _years_filter([year], "c.period")  # a range the index's entries are tested by
        for r in self.db.execute(
            f"select c.measure, c.part, c.period, {_RECORD_COLUMNS} "
            f"from {ENTRIES} where c.action='value' and c.unit=?{where} order by c.id",
            [unit, *params],
        ).fetchall():
            key = (r[0], r[1], period_from_text(r[2]))
            revisions[key] = revisions.get(key, 0) + 1
            latest[key] = ChangeRecord(*r[3:])
        return revisions, latest
