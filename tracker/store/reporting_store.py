"""Rapportera månad: marking an enhet's month reported, and the Inrapportering status grid."""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

from typing import NamedTuple

from tracker.core.errors import InputError, MonthIncomplete, NotPermitted
from tracker.core.periods import Month, year_months
from tracker.core.reporting import JumpRule, jump_rule_from_settings, missing_entries, status_grid
from tracker.core.units import Unit
from tracker.store.access import write_method
from tracker.store.database import write_transaction
from tracker.store.locks_store import now_text


class StatusView(NamedTuple):
    """The Inrapportering grid of some enheter for a year."""

    year: int
    enheter: list[Unit]
    months: list[Month]
    grid: dict[str, dict[Month, str]]


class ReportingStore:
    """Part of Store: the reported mark and the status of each enhet's months."""

    def _enhet(self, unit: str) -> Unit:
        found = self.units.find(unit)
        if not found.is_enhet:
            raise InputError(
                f"”{found.name}” är en {found.level_name.lower()}. En månad rapporteras per enhet; "
                "ange en av enheterna under den."
            )
        return found

    def missing_values(self, unit: str, month: Month) -> list[str]:
        """Names of the measures (and parts) the enhet enters that have no value for the month."""
        enhet = self._enhet(unit)
        values = self.unit_values([enhet.code], [month.year])[enhet.code]
        return missing_entries(self.catalog, enhet, month, values)

    @write_method
    def mark_reported(self, unit: str, month: Month, *, force: bool = False) -> bool:
        """Mark an enhet's month as reported (klar); False when it already was.

        The month must hold at least one value: missing is not zero, so an enhet with nothing
        to report enters 0s rather than an empty month. Unless `force`, every measure the
        enhet enters must have a value, or MonthIncomplete names the missing ones.
        """
        enhet = self._enhet(unit)
        with write_transaction(self.db):
            self.access.require_month_mark(enhet.code, month, enhet.name)
            if self.month_value_count(enhet, month) == 0:
                raise InputError(
                    f"”{enhet.name}” har inga värden för {month.label()}. Ange värdena först "
                    "(0 där inget hänt; tomt betyder att värdet saknas)."
                )
            if self.is_reported(enhet.code, month):
                return False
            missing = self.missing_values(enhet.code, month)
            if missing and not force:
                raise MonthIncomplete(
                    f"”{enhet.name}” saknar värden för {month.label()} i {len(missing)} mått: "
                    f"{', '.join(missing)}. Ange dem (0 där inget hänt) innan månaden markeras klar.",
                    missing,
                )
            self.db["month_report"].upsert(
                {"unit": enhet.code, "period": str(month), "status": "reported", "login": self.login,
                 "at": now_text()},
                pk=("unit", "period"),
            )
            self._log_event("reported", unit=enhet.code, period=str(month))
        return True

    @write_method
    def unmark_reported(self, unit: str, month: Month) -> bool:
        """Take back the reported mark (e.g. to correct before the lock); False when not marked."""
        with write_transaction(self.db):
            self.access.require_admin("ta tillbaka en rapporterad månad")
            enhet = self._enhet(unit)
            if self.is_locked(enhet.code, month):
                raise NotPermitted(
                    f"{month.label().capitalize()} är låst för ”{enhet.name}”. Lås upp månaden först (tracker unlock)."
                )
            cursor = self.db.execute(
                "delete from month_report where unit = ? and period = ?", [enhet.code, str(month)]
            )
            if cursor.rowcount > 0:
                self._log_event("unreported", unit=enhet.code, period=str(month))
        return cursor.rowcount > 0

    def _withdraw_reported(self, cleared: set[tuple[str, Month]], source: str) -> None:
        """Take back the reported mark of months a write has just removed values from: a month marked
        klar must not be missing values. Runs inside that write's transaction; each is logged."""
        for unit, month in sorted(cleared, key=lambda c: (c[0], c[1].year, c[1].month)):
            gone = self.db.execute("delete from month_report where unit = ? and period = ?", [unit, str(month)])
            if gone.rowcount > 0:
                self._log_event(
                    "unreported",
                    unit=unit,
                    period=str(month),
                    source=source,
                    detail="Ett värde togs bort ur månaden, så den är inte längre markerad klar.",
                )

    def is_reported(self, unit: str, month: Month) -> bool:
        """True when the enhet's month is marked reported."""
        return self.db.execute(
            "select 1 from month_report where unit = ? and period = ?", [unit, str(month)]
        ).fetchone() is not None

    def reported_months(self, units: list[str], year: int) -> set[tuple[str, Month]]:
        """The (enhet, month) pairs marked reported in a year."""
        if not units:
            return set()
        marks = ",".join("?" for _ in units)
        rows = self.db.execute(
            f"select unit, period from month_report where unit in ({marks}) and substr(period, 1, 4) = ?",
            [*units, str(year)],
        ).fetchall()
        return {(u, Month(int(p[:4]), int(p[5:7]))) for u, p in rows}

    def month_value_count(self, enhet: Unit, month: Month) -> int:
        """How many values of the enhet's own measures its month holds."""
        return self._value_counts([enhet], month.year).get((enhet.code, month), 0)

    def _value_counts(self, enheter: list[Unit], year: int) -> dict[tuple[str, Month], int]:
        counts: dict[tuple[str, Month], int] = {}
        for enhet in enheter:
            if not enhet.measures:
                continue
            marks = ",".join("?" for _ in enhet.measures)
            # Only monthly periods ("YYYY-MM"); annual values do not make a month påbörjad.
            for period, n in self.db.execute(
                f"select period, count(*) from value where unit = ? and measure in ({marks}) "
                "and period like ? group by period",
                [enhet.code, *enhet.measures, f"{year:04d}-__"],
            ).fetchall():
                counts[(enhet.code, Month(int(period[:4]), int(period[5:7])))] = n
        return counts

    def reporting_status(self, year: int, unit: str | None = None) -> StatusView:
        """Saknas / påbörjad / klar / låst for every enhet at or under a unit (default: all)."""
        if unit is None:
            enheter = [u for _d, u in self.units.walk() if u.is_enhet]
        else:
            enheter = self.units.enheter_under(self.units.find(unit).code)
        # An enhet closed before the year began has nothing to report in it.
        enheter = [u for u in enheter if u.closed_from is None or u.closed_from.year >= year]
        codes = [u.code for u in enheter]
        months = year_months(year)
        grid = status_grid(
            codes, months, self._value_counts(enheter, year),
            self.reported_months(codes, year), self.locked_months(codes, year),
            {u.code: u.closed_from for u in enheter if u.closed_from is not None},
        )
        return StatusView(year, enheter, months, grid)

    def jump_rule(self) -> JumpRule:
        """The unlikely-jump rule from the settings jump_pct and jump_abs (or the defaults)."""
        return jump_rule_from_settings(self.get_setting("jump_pct"), self.get_setting("jump_abs"))
