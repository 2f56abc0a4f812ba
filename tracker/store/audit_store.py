"""The audit log of every change, its verification (`tracker check`) and online backups."""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

import sqlite3
from datetime import date
from pathlib import Path
from typing import NamedTuple

from tracker.core.errors import DatabaseError, InputError
from tracker.core.swedish import format_number
from tracker.store.audit_log import (
    ENTRIES,
    HEAD_SETTING,
    LOG_COLUMNS,
    SEALED_COLUMNS,
    block_hash,
    entry_columns,
    entry_hash,
    head_text,
    seal,
)
from tracker.store.files import create_database_file
from tracker.store.locks_store import now_text

# What each kind of entry is called where the user reads the log.
ACTION_NAMES = {
    "value": "värde",
    "lock": "låsning",
    "unlock": "upplåsning",
    "reported": "rapporterad",
    "unreported": "rapportering ångrad",
    "measures_import": "egna mått",
    "measure_rename": "namnbyte",
    "measure_retire": "mått avvecklat",
    "measure_restore": "mått återinfört",
    "measure_break": "seriebrott",
    "measure_break_remove": "seriebrott borttaget",
    "target_set": "riktvärde",
    "target_remove": "riktvärde borttaget",
    "unit_add": "ny enhet",
    "unit_measures": "enhetens mått",
    "unit_rename": "enhet bytt namn",
    "unit_move": "enhet flyttad",
    "unit_close": "enhet stängd",
    "unit_reopen": "enhet öppnad igen",
    "unit_remove": "enhet borttagen",
    "user_add": "användare",
    "user_remove": "användare borttagen",
    "comment": "kommentar",
}


class LogEntry(NamedTuple):
    """One entry of the audit log."""

    id: int
    at: str
    login: str
    source: str | None
    action: str
    unit: str | None
    measure: str | None
    part: str | None
    period: str | None
    old: float | None
    new: float | None
    reason: str | None
    file: str | None
    detail: str | None

    @property
    def action_name(self) -> str:
        return ACTION_NAMES.get(self.action, self.action)


def _cell_name(unit: str, measure: str, part: str, period: str) -> str:
    return f"{unit} · {measure}{' · ' + part if part else ''} · {period}"


def _shown(value: float | None) -> str:
    return "tomt" if value is None else format_number(value)


class AuditStore:
    """Part of Store: appending to the audit log, reading it, checking it, backing up."""

    def _log_event(
        self,
        action: str,
        *,
        unit: str | None = None,
        period: str | None = None,
        measure: str | None = None,
        reason: str | None = None,
        detail: str | None = None,
        source: str = "cli",
        at: str | None = None,
    ) -> None:
        """Append one non-value change to the audit log; call inside the change's transaction."""
        seal(
            self.db,
            [
                {
                    "at": at or now_text(),
                    "login": self.login,
                    "source": source,
                    "action": action,
                    "unit": unit,
                    "measure": measure,
                    "period": period,
                    "reason": reason,
                    "detail": detail,
                }
            ],
        )

    def log_entries(self, since: date | None = None, unit: str | None = None) -> list[LogEntry]:
        """The audit log oldest first, from a day on and for a unit (and the enheter under it)."""
        sql = f"select {entry_columns(*SEALED_COLUMNS)} from {ENTRIES} where 1=1"
        params: list = []
        if since is not None:
            sql += f" and substr({entry_columns('at')}, 1, 10) >= ?"
            params.append(since.isoformat())
        if unit is not None:
            found = self.units.find(unit)
            codes = [found.code, *(u.code for u in self.units.enheter_under(found.code))]
            codes = list(dict.fromkeys(codes))
            sql += f" and c.unit in ({','.join('?' for _ in codes)})"
            params.extend(codes)
        rows = self.db.execute(sql + " order by c.id", params).fetchall()
        return [
            LogEntry(r[0], r[1], r[2], r[3], r[4] or "value", r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13])
            for r in rows
        ]

    def log_size(self) -> int:
        """How many entries the audit log holds."""
        return self.db.execute("select count(*) from change_log").fetchone()[0]

    # -- verification ------------------------------------------------------------------------

    def verify(self) -> list[str]:
        """Every problem found in the file, one Swedish line each; empty when all holds.

        Checks the log's hash chain and its last entry, that every stored value is the last
        logged value of its cell, and SQLite's own integrity and foreign-key checks.
        """
        problems = self._verify_integrity()
        if problems:
            return problems  # a damaged file cannot be read reliably for the other checks
        problems += self._verify_chain()
        problems += self._verify_continuity()
        problems += self._verify_values()
        return problems

    def _verify_integrity(self) -> list[str]:
        rows = [r[0] for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        problems = [f"SQLite hittar ett fel i filen: {r}" for r in rows if r != "ok"]
        for table, rowid, parent, _fk in self.db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"Rad {rowid} i tabellen {table} pekar på något som saknas i {parent}.")
        return problems

    def _verify_chain(self) -> list[str]:
        problems: list[str] = []
        prev_id, prev_hash = 0, ""
        block: list[tuple] = []  # entries without a hash of their own, sealed by the next one with a hash
        width = len(SEALED_COLUMNS)
        for row in self.db.execute(f"select {', '.join(LOG_COLUMNS)} from change_log order by id"):
            entry_id, entry_prev, digest = row[0], row[width], row[width + 1]
            gap = entry_id != prev_id + 1
            if gap:
                gone = f"{prev_id + 1}" if entry_id == prev_id + 2 else f"{prev_id + 1}–{entry_id - 1}"
                problems.append(f"Loggpost {gone} saknas: den har tagits bort ur loggen.")
            prev_id = entry_id
            if digest is None and entry_prev is None:
                block.append(row[:width])
                continue
            if entry_prev != prev_hash and not (gap and not block):
                problems.append(f"Loggpost {entry_id} hänger inte ihop med posten före: loggen har ändrats.")
            if block:
                block.append(row[:width])
                if block_hash(block, entry_prev or "") != digest:
                    problems.append(
                        f"Loggposterna {block[0][0]}–{entry_id} har ändrats efter att de skrevs ({row[1]})."
                    )
                block = []
            elif entry_hash(dict(zip(SEALED_COLUMNS, row, strict=False)), entry_prev or "") != digest:
                problems.append(f"Loggpost {entry_id} har ändrats efter att den skrevs ({row[1]}).")
            prev_hash = digest
        if block:
            problems.append(
                f"Loggposterna {block[0][0]}–{block[-1][0]} saknar sigill: loggens slut har ändrats utanför programmet."
            )
        return problems + self._verify_head(prev_id, prev_hash)

    def _verify_head(self, last_id: int, last_hash: str) -> list[str]:
        head = self.get_setting(HEAD_SETTING)
        if head == (head_text(last_id, last_hash) if last_id else None):
            return []
        known = head.split(":", 1)[0] if head else "ingen"
        return [
            f"Loggens sista post är {last_id or 'ingen'} men databasen minns post {known} som den sista: "
            "poster i slutet av loggen har tagits bort eller lagts till utanför programmet."
        ]

    def quick_check(self) -> list[str]:
        """The cheap part of `verify`, for opening the grid: the log's last entry and every stored value."""
        last = self.db.execute("select id, hash from change_log order by id desc limit 1").fetchone()
        return self._verify_head(*(last or (0, ""))) + self._verify_values()

    def _verify_continuity(self) -> list[str]:
        """Each value entry starts from the value the cell's previous entry left.

        A value changed outside the program and then overwritten through it leaves a value
        entry whose "from" is not what the log last wrote: the change shows even afterwards.
        """
        rows = self.db.execute(
            """
            select id, unit, measure, part, period, old_value, previous from (
                select id, unit, measure, part, period, old_value,
                       lag(new_value) over (partition by unit, measure, part, period order by id) as previous
                from change_log where action = 'value'
            ) where old_value is not previous
            order by id
            """
        ).fetchall()
        return [
            f"Loggpost {entry_id} ändrar {_cell_name(u, m, p, per)} från {_shown(old)}, men loggen lämnade "
            f"värdet {_shown(prev)}: det ändrades utanför programmet innan posten skrevs."
            for entry_id, u, m, p, per, old, prev in rows
        ]

    def _verify_values(self) -> list[str]:
        rows = self.db.execute(
            """
            with last as (
                select unit, measure, part, period, max(id) as id from change_log
                where action = 'value' group by unit, measure, part, period
            )
            select l.unit, l.measure, l.part, l.period, v.value, c.new_value
            from last l join change_log c on c.id = l.id
            left join value v on v.unit = l.unit and v.measure = l.measure and v.part = l.part
                and v.period = l.period
            where v.value is not c.new_value
            union all
            select v.unit, v.measure, v.part, v.period, v.value, null from value v
            where not exists (
                select 1 from change_log c where c.action = 'value' and c.unit = v.unit
                and c.measure = v.measure and c.part = v.part and c.period = v.period
            )
            order by 1, 2, 3, 4
            """
        ).fetchall()
        return [
            f"Värdet för {_cell_name(u, m, p, per)} är {_shown(stored)} i databasen men {_shown(logged)} "
            "enligt loggen: det har ändrats utanför programmet."
            for u, m, p, per, stored, logged in rows
        ]

    # -- backup ------------------------------------------------------------------------------

    def backup(self, target: str | Path) -> Path:
        """Copy the database with SQLite's online backup API: consistent while others write."""
        target = Path(target).expanduser()
        if target.exists():
            raise InputError(f"”{target}” finns redan. Ange ett nytt filnamn, så skrivs ingenting över.")
        if not target.parent.is_dir():
            raise InputError(f"Mappen ”{target.parent}” finns inte. Skapa den först eller ange en annan sökväg.")
        try:
            create_database_file(target)  # the copy is as private as the database (0660)
            dest = sqlite3.connect(str(target))
            try:
                self.db.conn.backup(dest)
                # One self-contained file: restoring is copying it back.
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
        except (sqlite3.Error, OSError) as exc:
            target.unlink(missing_ok=True)
            raise DatabaseError(f"Säkerhetskopian kunde inte skrivas till ”{target}” ({exc}).") from None
        return target
