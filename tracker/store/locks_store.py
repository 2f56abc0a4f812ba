"""Month locks: once a month is reported an admin locks it, and later changes need a reason."""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

from datetime import datetime
from typing import NamedTuple

from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.core.privacy import check_free_text
from tracker.store.access import lock_period_text, write_method
from tracker.store.audit_log import ENTRIES, entry_columns
from tracker.store.database import write_transaction


def now_text() -> str:
    """The local time as stored in logs."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


class LockResult(NamedTuple):
    """What a lock or unlock did, per enhet code."""

    month: Month
    changed: list[str]  # locked (or unlocked) now
    unchanged: list[str]  # already locked (or not locked)
    not_reported: list[str]  # locked although not marked reported


class LockEvent(NamedTuple):
    """One lock or unlock in the log."""

    at: str
    login: str
    action: str  # "lock" | "unlock"
    unit: str
    period: str
    reason: str | None


class LocksStore:
    """Part of Store: locking and unlocking enheter's months, with a log."""

    def _lock_targets(self, unit: str | None) -> list[str]:
        if unit is None:
            top = self.units.top()
            if top is None:
                raise InputError("Databasen har inga enheter ännu. Skapa dem med `tracker init` eller `tracker units add`.")
            return [u.code for _d, u in self.units.walk() if u.is_enhet]
        return [u.code for u in self.units.enheter_under(self.units.find(unit).code)]

    def is_locked(self, unit: str, period: Month | int) -> bool:
        """True when the enhet's month (for an annual value: the year's December) is locked."""
        return self.access.is_locked(unit, period)

    def locked_months(self, units: list[str], year: int) -> set[tuple[str, Month]]:
        """The (enhet, month) pairs locked in a year."""
        if not units:
            return set()
        marks = ",".join("?" for _ in units)
        rows = self.db.execute(
            f"select unit, period from month_lock where unit in ({marks}) and substr(period, 1, 4) = ?",
            [*units, str(year)],
        ).fetchall()
        return {(u, Month(int(p[:4]), int(p[5:7]))) for u, p in rows}

    @write_method
    def lock_month(self, month: Month, unit: str | None = None) -> LockResult:
        """Lock a month for one enhet, the enheter under a unit, or every enhet (admin only)."""
        result = LockResult(month, [], [], [])
        now = now_text()
        with write_transaction(self.db):
            self.access.require_admin("låsa månader")
            targets = self._lock_targets(unit)
            reported = self.reported_months(targets, month.year)
            for code in targets:
                if self.is_locked(code, month):
                    result.unchanged.append(code)
                    continue
                self.db["month_lock"].insert(
                    {"unit": code, "period": str(month), "locked_by": self.login, "locked_at": now}
                )
                self._log_lock("lock", code, month, None, now)
                result.changed.append(code)
                # a closed enhet is not expected to report, so it is not named as late
                if (code, month) not in reported and not self.units.get(code).is_closed_in(month):
                    result.not_reported.append(code)
        return result

    @write_method
    def unlock_month(self, month: Month, reason: str, unit: str | None = None) -> LockResult:
        """Unlock a month (admin only, with a reason that goes into the lock log)."""
        result = LockResult(month, [], [], [])
        now = now_text()
        with write_transaction(self.db):
            self.access.require_admin("låsa upp månader")
            reason = check_free_text(reason, "Orsaken") or ""
            if not reason:
                raise InputError("Ange varför månaden låses upp; orsaken sparas i historiken.", argument="reason")
            for code in self._lock_targets(unit):
                if not self.is_locked(code, month):
                    result.unchanged.append(code)
                    continue
                self.db.execute("delete from month_lock where unit = ? and period = ?", [code, str(month)])
                self._log_lock("unlock", code, month, reason, now)
                result.changed.append(code)
            if not result.changed:
                raise InputError(f"{month.label().capitalize()} är inte låst för någon av de valda enheterna.")
        return result

    def _log_lock(self, action: str, unit: str, month: Month, reason: str | None, at: str) -> None:
        self._log_event(action, unit=unit, period=str(month), reason=reason, at=at)

    def lock_history(self, unit: str, period: Month | int) -> list[LockEvent]:
        """Every lock and unlock of an enhet's month, oldest first."""
        return [
            LockEvent(*r)
            for r in self.db.execute(
                f"select {entry_columns('at', 'login', 'action', 'unit', 'period', 'reason')} from {ENTRIES} "
                "where c.action in ('lock', 'unlock') and c.unit = ? and c.period = ? order by c.id",
                [unit, lock_period_text(period)],
            ).fetchall()
        ]
