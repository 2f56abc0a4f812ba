"""Users and roles: who may change which enheter, and the write hook that enforces it with locks.

With no users registered the program runs in single-user mode and everyone may do everything
(locks still need a reason to change). Once users exist, an admin may do everything, a rapportör
changes only their own enheter (an avdelning given as a unit means every enhet under it), and a
läsare, or a login that is not registered, changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.errors import InputError, NotPermitted, ReasonRequired
from tracker.core.periods import Month
from tracker.core.privacy import printable
from tracker.store.database import write_transaction
from tracker.store.locks_store import lock_period_text

ADMIN, RAPPORTOR, LASARE = "admin", "rapportor", "lasare"
ROLES = (ADMIN, RAPPORTOR, LASARE)
ROLE_NAMES = {ADMIN: "administratör", RAPPORTOR: "rapportör", LASARE: "läsare"}
_LOGIN_RE = re.compile(r"^[^\s,]+$")


@dataclass(frozen=True)
class User:
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


class AccessStore:
    """Mixin for Store: the user registry and permission checks. Must precede ValuesStore."""

    # -- the registry ------------------------------------------------------------------------

    def users(self) -> list[User]:
        """Every registered user, by login."""
        units: dict[str, list[str]] = {}
        for login, unit in self.db.execute("select login, unit from user_unit order by login, unit").fetchall():
            units.setdefault(login, []).append(unit)
        return [
            User(login, role, tuple(units.get(login, ())))
            for login, role in self.db.execute("select login, role from app_user order by login").fetchall()
        ]

    @property
    def single_user(self) -> bool:
        """True while no users are registered: everything is allowed."""
        return self.db.execute("select count(*) from app_user").fetchone()[0] == 0

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

    def require_admin(self, action: str) -> None:
        """Refuse an admin-only action (e.g. "låsa månader") for anyone but an admin."""
        if self.is_admin:
            return
        raise NotPermitted(
            f"Bara en administratör kan {action}. Du är inloggad som ”{self.login}” "
            f"({self._role_description()})."
        )

    def _role_description(self) -> str:
        found = self.user()
        if found is None:
            return "inte registrerad, och räknas därför som läsare"
        return found.role_name

    def add_user(self, login: str, role: str, units: list[str] | None = None) -> User:
        """Register a login (or change its role and units); admin only once users exist."""
        login = (login or "").strip()
        if not _LOGIN_RE.match(login) or not login.isprintable():
            raise InputError(
                f"”{printable(login)}” är ingen giltig inloggning. Ange användarens inloggningsnamn i datorn, t.ex. ec.barn."
            )
        if role not in ROLES:
            raise InputError(f"Rollen ”{role}” finns inte. Välj admin, rapportor eller lasare.")
        self.require_admin("hantera användare")
        codes: list[str] = []
        for given in units or []:
            code = self.units.find(given).code
            if code not in codes:
                codes.append(code)
        if role == RAPPORTOR and not codes:
            raise InputError(
                "En rapportör behöver minst en enhet att rapportera för. Ange --units, t.ex. --units IFO.BOU.MOTT."
            )
        if role != RAPPORTOR and codes:
            raise InputError(
                f"Bara rapportörer har egna enheter; en {ROLE_NAMES[role]} tar inte --units."
            )
        existing = {u.login: u for u in self.users()}
        if not existing and role != ADMIN:
            raise InputError(
                "Den första användaren måste vara administratör, annars kan ingen hantera användare och "
                f"låsningar efteråt. Lägg först till dig själv: tracker users add {self.login} --role admin."
            )
        admins = [u for u in existing.values() if u.role == ADMIN]
        if login in existing and existing[login].role == ADMIN and role != ADMIN and len(admins) == 1:
            raise InputError(
                f"”{login}” är den enda administratören. Lägg till en annan administratör innan rollen ändras."
            )
        with write_transaction(self.db):
            self.db["app_user"].upsert({"login": login, "role": role}, pk="login")
            self.db.execute("delete from user_unit where login = ?", [login])
            self.db["user_unit"].insert_all([{"login": login, "unit": c} for c in codes])
            units_text = f", enheter {', '.join(codes)}" if codes else ""
            self._log_event("user_add", detail=f"{login}: {ROLE_NAMES[role]}{units_text}.")
        return self.user(login)

    def remove_user(self, login: str) -> User:
        """Remove a registered login; the last admin goes only when no other users remain."""
        self.require_admin("hantera användare")
        login = (login or "").strip()
        existing = {u.login: u for u in self.users()}
        if login not in existing:
            raise InputError(
                f"Användaren ”{login}” finns inte. `tracker users list` visar de registrerade användarna."
            )
        removed = existing[login]
        admins = [u for u in existing.values() if u.role == ADMIN]
        if removed.role == ADMIN and len(admins) == 1 and len(existing) > 1:
            raise InputError(
                f"”{login}” är den enda administratören och det finns andra användare. Lägg till en annan "
                "administratör först, eller ta bort de andra användarna."
            )
        with write_transaction(self.db):
            self.db.execute("delete from user_unit where login = ?", [login])
            self.db.execute("delete from app_user where login = ?", [login])
            self._log_event("user_remove", detail=f"{login} ({removed.role_name}).")
        return removed

    # -- checks ------------------------------------------------------------------------------

    def editable_enheter(self) -> set[str] | None:
        """Enheter the current login may change; None means every enhet (admin, single-user)."""
        role = self.current_role
        if role == ADMIN:
            return None
        if role == LASARE:
            return set()
        found = self.user()
        out: set[str] = set()
        for code in found.units if found else ():
            if code in self.units:
                out.update(u.code for u in self.units.enheter_under(code))
        return out

    _ALL = object()

    def unit_refusal(self, unit: str, allowed=_ALL) -> str | None:
        """Why the current login may not change an enhet's values, or None when it may.

        `allowed` is editable_enheter() when the caller has it already."""
        if allowed is AccessStore._ALL:
            allowed = self.editable_enheter()
        if allowed is None or unit in allowed:
            return None
        name = self.units.get(unit).name if unit in self.units else unit
        if self.current_role == LASARE:
            return (
                f"Du ({self.login}) är {self._role_description()} och kan inte ändra värden. "
                "Be en administratör ge dig rollen rapportör för din enhet."
            )
        mine = ", ".join(sorted(self.user().units)) or "inga"
        return (
            f"Du ({self.login}) är rapportör för {mine} och kan inte ändra ”{name}”. "
            "Be en administratör lägga till enheten för dig."
        )

    def require_some_enhet(self) -> None:
        """Refuse a login that may change no enhet at all (a läsare, an unregistered login, a
        rapportör without units) before a whole file is read for writing."""
        if self.editable_enheter() != set():
            return
        raise NotPermitted(
            f"Du (”{self.login}”) kan inte ändra värden för någon enhet ({self._role_description()}). "
            "Be en administratör ge dig rollen rapportör för din enhet."
        )

    def check_unit_access(self, unit: str) -> None:
        """Raise NotPermitted when the current login may not change the enhet."""
        refusal = self.unit_refusal(unit)
        if refusal:
            raise NotPermitted(refusal)

    def lock_refusal(self, unit: str, period: Month | int, reason: str | None) -> str | None:
        """Why a locked month cannot be changed with this reason by this login, or None."""
        if not self.is_locked(unit, period):
            return None
        return self._locked_refusal(unit, period, reason, self.is_admin)

    def _locked_refusal(self, unit: str, period: Month | int, reason: str | None, is_admin: bool) -> str | None:
        name = self.units.get(unit).name if unit in self.units else unit
        where = f"{_period_label(period)} är låst för ”{name}”"
        if not is_admin:
            return f"{where}. Bara en administratör kan ändra en låst månad; kontakta en administratör."
        if not (reason or "").strip():
            return f"{where}. En ändring kräver en orsak, som sparas i historiken."
        return None

    def write_refusals(self, cells: list[tuple[str, Month | int]], reason: str | None) -> dict[tuple, NotPermitted]:
        """For (enhet, period) pairs, why the current login may not change each one; refused pairs only.

        The same verdicts as check_permitted gives one cell at a time, with the role looked up once
        and the locks read in one query, for a write of many cells.
        """
        allowed = self.editable_enheter()
        is_admin = self.is_admin
        pairs = list(dict.fromkeys(cells))
        units = sorted({unit for unit, _period in pairs})
        locked = {
            tuple(row)
            for row in self.db.execute(
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

    def _before_write(self, cells: list[tuple[str, str, str, Month | int]], reason: str | None) -> None:
        """Refuse the whole write when any cell's enhet or lock forbids it; nothing is written."""
        refused = self.write_refusals([(unit, period) for unit, _m, _p, period in cells], reason)
        if refused:
            raise next(iter(refused.values()))
