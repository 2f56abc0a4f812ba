"""Who may change what: roles, the enheter a login may change, and locked months.

With no users registered the program runs in single-user mode and everyone may do everything
(locks still need a reason to change). Once users exist, an admin may do everything, a rapportör
changes only their own enheter (an avdelning given as a unit means every enhet under it), and a
läsare, or a login that is not registered, changes nothing.

The Store holds one Access and every write method of the Store asks it, as the first step inside
its transaction, whether the current login may make the change (`require_admin`, `require_enhet`,
`require_cells`, `require_month_mark`). Such methods are marked `@write_method`; a test proves that each
refuses a läsare and an unknown login, and that no method writes without the mark.
"""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

from typing import TYPE_CHECKING, NamedTuple

from tracker.core.errors import NotPermitted, ReasonRequired
from tracker.core.periods import Month

if TYPE_CHECKING:
    from tracker.store.store import Store

ADMIN, RAPPORTOR, LASARE = "admin", "rapportor", "lasare"
ROLES = (ADMIN, RAPPORTOR, LASARE)
ROLE_NAMES = {ADMIN: "administratör", RAPPORTOR: "rapportör", LASARE: "läsare"}


def write_method(method):
    """Mark a Store method that changes the database: it starts, inside its transaction, with a
    check by the store's Access (tests/store/test_every_write_is_checked.py holds every one)."""
    method.store_write = True
    return method


def lock_period_text(period: Month | int) -> str:
    """The month whose lock governs a period: an annual value belongs to its year's December."""
    return str(period) if isinstance(period, Month) else f"{period:04d}-12"


class User(NamedTuple):
    """A registered login, its role and (for a rapportör) the units it reports for."""

    login: str
    role: str
    units: tuple[str, ...] = ()

    @property
    def role_name(self) -> str:
        return ROLE_NAMES[self.role]


def _period_label(period: Month | int) -> str:
    """"Mars 2023", or "År 2023" for an annual value; capitalised to start a sentence."""
    text = period.label() if isinstance(period, Month) else f"år {period}"
    return text[:1].upper() + text[1:]


NOT_GIVEN = object()  # unit_refusal without editable_enheter() at hand


class Access:
    """The access rules of one open database for the store's current login.

    Reads the user registry and the locks from the store's connection each time it is asked, so
    a check made inside a write transaction is judged on what other writers left behind.
    """

    def __init__(self, store: "Store"):
        self._store = store

    @property
    def _db(self):
        return self._store.db

    @property
    def login(self) -> str:
        return self._store.login

    # -- the registry ------------------------------------------------------------------------

    def users(self) -> list[User]:
        """Every registered user, by login."""
        units: dict[str, list[str]] = {}
        for login, unit in self._db.execute("select login, unit from user_unit order by login, unit").fetchall():
            units.setdefault(login, []).append(unit)
        return [
            User(login, role, tuple(units.get(login, ())))
            for login, role in self._db.execute("select login, role from app_user order by login").fetchall()
        ]

    @property
    def single_user(self) -> bool:
        """True while no users are registered: everything is allowed."""
        return self._db.execute("select count(*) from app_user").fetchone()[0] == 0

    def user(self, login: str | None = None) -> User | None:
        """The registered user for a login (default: the current one), or None."""
        login = login or self.login
        for u in self.users():
            if u.login == login:
                return u
        return None

    @property
    def current_role(self) -> str:
        """The current login's role; admin in single-user mode, läsare when not registered."""
        if self.single_user:
            return ADMIN
        found = self.user()
        return found.role if found else LASARE

    @property
    def is_admin(self) -> bool:
        return self.current_role == ADMIN

    def role_description(self) -> str:
        """The current login's role as a reader is told it ("läsare", "inte registrerad, …")."""
        found = self.user()
        if found is None:
            return "inte registrerad, och räknas därför som läsare"
        return found.role_name

    # -- verdicts ----------------------------------------------------------------------------

    def editable_enheter(self) -> set[str] | None:
        """Enheter the current login may change; None means every enhet (admin, single-user)."""
        role = self.current_role
        if role == ADMIN:
            return None
        if role == LASARE:
            return set()
        found = self.user()
        units = self._store.units
        out: set[str] = set()
        for code in found.units if found else ():
            if code in units:
                out.update(u.code for u in units.enheter_under(code))
        return out

    def unit_refusal(self, unit: str, allowed=NOT_GIVEN) -> str | None:
        """Why the current login may not change an enhet's values, or None when it may.

        `allowed` is editable_enheter() when the caller has it already."""
        if allowed is NOT_GIVEN:
            allowed = self.editable_enheter()
        if allowed is None or unit in allowed:
            return None
        units = self._store.units
        name = units.get(unit).name if unit in units else unit
        if self.current_role == LASARE:
            return (
                f"Du ({self.login}) är {self.role_description()} och kan inte ändra värden. "
                "Be en administratör ge dig rollen rapportör för din enhet."
            )
        mine = ", ".join(sorted(self.user().units)) or "inga"
        return (
            f"Du ({self.login}) är rapportör för {mine} och kan inte ändra ”{name}”. "
            "Be en administratör lägga till enheten för dig."
        )

    def is_locked(self, unit: str, period: Month | int) -> bool:
        """True when the enhet's month (for an annual value: the year's December) is locked."""
        row = self._db.execute(
            "select 1 from month_lock where unit = ? and period = ?", [unit, lock_period_text(period)]
        ).fetchone()
        return row is not None

    def lock_refusal(self, unit: str, period: Month | int, reason: str | None) -> str | None:
        """Why a locked month cannot be changed with this reason by this login, or None."""
        if not self.is_locked(unit, period):
            return None
        return self._locked_refusal(unit, period, reason, self.is_admin)

    def _locked_refusal(self, unit: str, period: Month | int, reason: str | None, is_admin: bool) -> str | None:
        units = self._store.units
        name = units.get(unit).name if unit in units else unit
        where = f"{_period_label(period)} är låst för ”{name}”"
        if not is_admin:
            return f"{where}. Bara en administratör kan ändra en låst månad; kontakta en administratör."
        if not (reason or "").strip():
            return f"{where}. En ändring kräver en orsak, som sparas i historiken."
        return None

    def write_refusals(self, cells: list[tuple[str, Month | int]], reason: str | None) -> dict[tuple, NotPermitted]:
        """For (enhet, period) pairs, why the current login may not change each one; refused pairs only.

        The same verdicts as require_cells gives, with the role looked up once and the locks read
        in one query, for a write (or the plan of an import) of many cells.
        """
        allowed = self.editable_enheter()
        is_admin = self.is_admin
        pairs = list(dict.fromkeys(cells))
        units = sorted({unit for unit, _period in pairs})
        locked = {
            tuple(row)
            for row in self._db.execute(
                f"select unit, period from month_lock where unit in ({','.join('?' for _ in units)})", units
            ).fetchall()
        }
        refused: dict[tuple, NotPermitted] = {}
        for unit, period in pairs:
            refusal = self.unit_refusal(unit, allowed)
            if refusal is None and (unit, lock_period_text(period)) in locked:
                refusal = self._locked_refusal(unit, period, reason, is_admin)
            if refusal:
                # an admin gets past a lock with a reason: a typed refusal, so each interface can ask for one
                needs_reason = is_admin and (unit, lock_period_text(period)) in locked
                refused[(unit, period)] = (ReasonRequired if needs_reason else NotPermitted)(refusal)
        return refused

    # -- the checks every write makes ----------------------------------------------------------

    def require_admin(self, action: str) -> None:
        """Refuse an admin-only action (e.g. "låsa månader") for anyone but an admin."""
        if self.is_admin:
            return
        raise NotPermitted(
            f"Bara en administratör kan {action}. Du är inloggad som ”{self.login}” "
            f"({self.role_description()})."
        )

    def require_enhet(self, unit: str) -> None:
        """Refuse a change to an enhet (its values, its comments) the current login may not change."""
        refusal = self.unit_refusal(unit)
        if refusal:
            raise NotPermitted(refusal)

    def require_some_enhet(self) -> None:
        """Refuse a login that may change no enhet at all (a läsare, an unregistered login, a
        rapportör without units) before a whole file is read for writing."""
        if self.editable_enheter() != set():
            return
        raise NotPermitted(
            f"Du (”{self.login}”) kan inte ändra värden för någon enhet ({self.role_description()}). "
            "Be en administratör ge dig rollen rapportör för din enhet."
        )

    def require_cells(self, cells: list[tuple[str, Month | int]], reason: str | None) -> None:
        """Refuse a write of values when any (enhet, period) is not the login's to change, or is
        locked (an admin gets past a lock with a reason); nothing is written."""
        refused = self.write_refusals(cells, reason)
        if refused:
            raise next(iter(refused.values()))

    def require_month_mark(self, unit: str, month: Month, name: str) -> None:
        """Refuse marking an enhet's month klar to a login that may not change the enhet, or, when
        the month is locked, to anyone but an admin."""
        self.require_enhet(unit)
        if self.is_locked(unit, month) and not self.is_admin:
            raise NotPermitted(
                f"{month.label().capitalize()} är låst för ”{name}”. Bara en administratör kan ändra en låst månad."
            )
