"""Comments: short notes on a cell or on an enhet's month, never holding personal data."""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

from typing import NamedTuple

from tracker.core.catalog import PART_NAMES
from tracker.core.errors import InputError, PartRefused
from tracker.core.periods import Month
from tracker.core.privacy import check_comment_text
from tracker.core.units import Unit
from tracker.store.access import write_method
from tracker.store.database import write_transaction
from tracker.store.locks_store import now_text


class Comment(NamedTuple):
    """One note; measure is "" when it is about the enhet's whole month."""

    id: int
    unit: str
    measure: str
    part: str
    period: str
    text: str
    login: str
    at: str


_COLUMNS = "id, unit, measure, part, period, text, login, at"


class CommentsStore:
    """Part of Store: adding and reading comments."""

    @write_method
    def add_comment(
        self, unit: str, period: Month | int, text: str, measure: str | None = None, part: str = ""
    ) -> Comment:
        """Add a note on a cell (measure given) or on the enhet's month; refuses personnummer.

        Who may change an enhet's values may comment on it; a locked month may still get a
        comment, because a note explains the figures without changing them.
        """
        enhet = self.units.find(unit)
        part = (part or "").strip().upper()
        with write_transaction(self.db):
            self.access.require_enhet(enhet.code)
            cleaned = check_comment_text(text)
            code = self._comment_target(enhet, period, measure, part)
            row = {"unit": enhet.code, "measure": code, "part": part, "period": str(period), "text": cleaned,
                   "login": self.login, "at": now_text()}
            new_id = self.db["comment"].insert(row).last_pk
            self._log_event(
                "comment", unit=enhet.code, measure=code or None, period=str(period), detail=cleaned, at=row["at"]
            )
        return Comment(new_id, **row)

    def _comment_target(self, enhet: Unit, period: Month | int, measure: str | None, part: str) -> str:
        """The measure code a comment is on ("" for the enhet's month), or why it cannot be there."""
        if not enhet.is_enhet:
            raise InputError(
                f"”{enhet.name}” är en {enhet.level_name.lower()}. Kommentarer skrivs på en enhet; ange en av enheterna under den."
            )
        if not measure:
            if part:
                raise InputError("En del gäller en cell; ange också måttet.", argument="measure")
            if not isinstance(period, Month):
                raise InputError(f"En kommentar till enhetens månad behöver en månad ÅÅÅÅ-MM, t.ex. {period}-01.")
            return ""
        m = self.catalog.find(measure)
        if m.code not in enhet.measures:
            raise InputError(f"Enheten ”{enhet.name}” rapporterar inte måttet ”{m.name}”.")
        if part and part not in m.parts:
            if not m.parts:
                raise PartRefused(f"Delen ”{part}” finns inte för ”{m.name}”; måttet är inte uppdelat.", split=False)
            allowed = " eller ".join(f"{p} ({PART_NAMES[p]})" for p in m.parts)
            raise InputError(f"Delen ”{part}” finns inte för ”{m.name}”. Ange {allowed}.")
        if m.is_annual and isinstance(period, Month):
            raise InputError(f"”{m.name}” är ett årsmått; ange perioden som ÅÅÅÅ, t.ex. {period.year}.")
        if not m.is_annual and not isinstance(period, Month):
            raise InputError(f"”{m.name}” anges per månad; ange perioden som ÅÅÅÅ-MM, t.ex. {period}-01.")
        return m.code

    def comments(self, unit: str, measure: str, part: str, period: Month | int) -> list[Comment]:
        """The comments on one cell, oldest first (measure "" gives the month's own comments)."""
        return [
            Comment(*r)
            for r in self.db.execute(
                f"select {_COLUMNS} from comment where unit = ? and measure = ? and part = ? and period = ? order by id",
                [unit, measure, part, str(period)],
            ).fetchall()
        ]

    def month_comments(self, unit: str, period: Month | int) -> list[Comment]:
        """Every comment of an enhet's month (cells and the month itself), oldest first."""
        return [
            Comment(*r)
            for r in self.db.execute(
                f"select {_COLUMNS} from comment where unit = ? and period = ? order by id", [unit, str(period)]
            ).fetchall()
        ]

    def comments_in_year(self, unit: str, year: int) -> list[Comment]:
        """Every comment of an enhet in a year (cells and months), oldest first, for exports."""
        return [
            Comment(*r)
            for r in self.db.execute(
                f"select {_COLUMNS} from comment where unit = ? and substr(period, 1, 4) = ? order by id",
                [unit, str(year)],
            ).fetchall()
        ]

    def commented_cells(self, unit: str, year: int) -> set[tuple[str, str, str]]:
        """(measure, part, period text) of every commented cell of an enhet in a year, for markers."""
        return {
            (m, p, per)
            for m, p, per in self.db.execute(
                "select distinct measure, part, period from comment where unit = ? and substr(period, 1, 4) = ?",
                [unit, str(year)],
            ).fetchall()
        }
