"""Registering logins and their roles; the rules they give live in store.access."""

from __future__ import annotations

import re

from tracker.core.errors import InputError
from tracker.core.privacy import printable
from tracker.store.access import ADMIN, RAPPORTOR, ROLE_NAMES, ROLES, User, write_method
from tracker.store.database import write_transaction

USERS_ACTION = "hantera användare"
# patterns as text: re compiles each on first use (and keeps it), not at every start
_LOGIN_RE = r"^[^\s,]+$"


class UsersStore:
    """Part of Store: adding and removing registered users."""

    @write_method
    def add_user(self, login: str, role: str, units: list[str] | None = None) -> User:
        """Register a login (or change its role and units); admin only once users exist."""
        login = (login or "").strip()
        with write_transaction(self.db):
            self.access.require_admin(USERS_ACTION)
            codes = self._checked_user(login, role, units)
            self.db["app_user"].upsert({"login": login, "role": role}, pk="login")
            self.db.execute("delete from user_unit where login = ?", [login])
            self.db["user_unit"].insert_all([{"login": login, "unit": c} for c in codes])
            units_text = f", enheter {', '.join(codes)}" if codes else ""
            self._log_event("user_add", detail=f"{login}: {ROLE_NAMES[role]}{units_text}.")
        return self.user(login)

    def _checked_user(self, login: str, role: str, units: list[str] | None) -> list[str]:
        """The codes of a new user's units, or the refusal of its login, role or units."""
        if not re.match(_LOGIN_RE, login) or not login.isprintable():
            raise InputError(
                f"”{printable(login)}” är ingen giltig inloggning. Ange användarens inloggningsnamn i datorn, t.ex. ec.barn."
            )
        if role not in ROLES:
            raise InputError(f"Rollen ”{role}” finns inte. Välj admin, rapportor eller lasare.")
        codes: list[str] = []
        for given in units or []:
            code = self.units.find(given).code
            if code not in codes:
                codes.append(code)
        if role == RAPPORTOR and not codes:
            raise InputError("En rapportör behöver minst en enhet att rapportera för.", argument="units")
        if role != RAPPORTOR and codes:
            raise InputError(
                f"Bara rapportörer har egna enheter; en {ROLE_NAMES[role]} har inga.", argument="units", given=True
            )
        existing = {u.login: u for u in self.users()}
        if not existing and role != ADMIN:
            raise InputError(
                "Den första användaren måste vara administratör, annars kan ingen hantera användare och "
                "låsningar efteråt. Lägg först till dig själv som administratör.",
                argument="role", given=True, value=self.login,
            )
        admins = [u for u in existing.values() if u.role == ADMIN]
        if login in existing and existing[login].role == ADMIN and role != ADMIN and len(admins) == 1:
            raise InputError(
                f"”{login}” är den enda administratören. Lägg till en annan administratör innan rollen ändras."
            )
        return codes

    @write_method
    def remove_user(self, login: str) -> User:
        """Remove a registered login; the last admin goes only when no other users remain."""
        login = (login or "").strip()
        with write_transaction(self.db):
            self.access.require_admin(USERS_ACTION)
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
            self.db.execute("delete from user_unit where login = ?", [login])
            self.db.execute("delete from app_user where login = ?", [login])
            self._log_event("user_remove", detail=f"{login} ({removed.role_name}).")
        return removed
