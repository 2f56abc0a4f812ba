"""The Store: one open tracker database, returning core objects. Nothing above it writes SQL.

Store is one class whose methods are written in one module per area (catalog, units, users,
locks, reporting, comments, audit, values); no area overrides another's methods, so the order
of the bases means nothing. The access rules are not an area but a collaborator: `store.access`
(tracker.store.access.Access), which every write method asks as the first step inside its
transaction.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.core.catalog import Catalog, standard_catalog
from tracker.core.errors import NotPermitted
from tracker.core.periods import Month
from tracker.store.access import NOT_GIVEN, Access, User, write_method
from tracker.store.audit_store import AuditStore
from tracker.store.catalog_store import CatalogStore
from tracker.store.comments_store import CommentsStore
from tracker.store.database import (
    Reader,
    connect,
    migrate,
    open_reader,
    read_only_error,
    read_only_notice,
    write_transaction,
)
from tracker.store.identity import current_login
from tracker.store.locks_store import LocksStore
from tracker.store.reporting_store import ReportingStore
from tracker.store.targets_store import TargetsStore
from tracker.store.units_store import UnitsStore
from tracker.store.users_store import UsersStore
from tracker.store.values_store import ValuesStore

if TYPE_CHECKING:
    from sqlite_utils import Database


SETTINGS_ACTION = "ändra inställningarna"


class Store(
    CatalogStore, TargetsStore, UnitsStore, UsersStore, LocksStore, ReportingStore, CommentsStore, AuditStore,
    ValuesStore,
):
    """An open database. Use `Store.open(path)`; `Store.open(None)` is in memory (for tests)."""

    def __init__(
        self,
        db: Database | Reader,
        login: str | None = None,
        created: bool = False,
        path: Path | None = None,
        today: date | None = None,
    ):
        self.db = db
        self.path = path
        self.login = login or current_login()
        self.created = created
        self._today = today
        self.access = Access(self)

    @property
    def today(self) -> date:
        """The date writes are judged by (no value after the current month); fixed in tests."""
        return self._today or date.today()

    @classmethod
    def open(cls, path: str | Path | None, *, login: str | None = None, catalog: Catalog | None = None) -> Store:
        """Open a database, creating it with the standard catalog when new, migrating when old."""
        if path is not None and str(path) != ":memory:":
            # up to date: opened without the migration machinery (the grid starts faster)
            store = cls._open_up_to_date(path, login, write=True)
            if store is not None:
                return store
        db = connect(path)
        try:
            created = migrate(db)
            file = None if path is None or str(path) == ":memory:" else Path(path)
            store = cls(db, login=login, created=created, path=file)
            if created or not store.catalog.measures:
                store.install_catalog(catalog or standard_catalog())
                store.created = True
        except BaseException:
            db.close()
            raise
        return store

    @classmethod
    def open_for_reading(cls, path: str | Path, *, login: str | None = None) -> Store:
        """Open a database for look-ups: without the migration machinery when it is up to date
        (the look-up starts faster); any other database is opened as Store.open does."""
        return cls._open_up_to_date(path, login, write=False) or cls.open(path, login=login)

    @classmethod
    def _open_up_to_date(cls, path: str | Path, login: str | None, write: bool) -> Store | None:
        """The store on a database this version has fully migrated and that has a catalog, opened
        without the migration machinery (see open_reader); None for any other file."""
        db = open_reader(path, write=write)
        if db is None:
            return None
        store = cls(db, login=login, path=Path(path))
        if store.catalog.measures:
            return store
        db.close()
        return None

    @property
    def read_only(self) -> bool:
        """True when the file (or its folder) may not be written: the database was opened for reading."""
        return getattr(self.db, "read_only", False)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A stored setting, or the default."""
        row = self.db.execute("select value from setting where key = ?", [key]).fetchone()
        return row[0] if row else default

    @write_method
    def set_setting(self, key: str, value: str) -> None:
        """Store a setting (admin only once users exist)."""
        with write_transaction(self.db):
            self.access.require_admin(SETTINGS_ACTION)
            self.db["setting"].upsert({"key": key, "value": value}, pk="key")

    @property
    def demo_label(self) -> str | None:
        """The label of a demo database, None for real data."""
        return self.get_setting("demo")

    def invalidate(self) -> None:
        """Forget cached catalog and units, e.g. after another process changed them."""
        self._catalog = None
        self._units = None
        self._catalogs_for = None

    def write_lock(self):
        """Hold the database's write lock for a block of checks and writes (a transaction)."""
        return write_transaction(self.db)

    def refresh(self) -> None:
        """Forget cached catalog and units only if the database changed since they were read
        (another connection committed, or this one wrote): a cheap invalidate for every switch."""
        stamp = (self.data_version(), self.db.conn.total_changes)
        if getattr(self, "_refresh_stamp", None) != stamp:
            self._refresh_stamp = stamp
            self.invalidate()

    # -- access: the questions callers ask before they write (the rules live in self.access) ----

    def users(self) -> list[User]:
        """Every registered user, by login."""
        return self.access.users()

    def user(self, login: str | None = None) -> User | None:
        """The registered user for a login (default: the current one), or None."""
        return self.access.user(login)

    @property
    def single_user(self) -> bool:
        """True while no users are registered: everything is allowed."""
        return self.access.single_user

    @property
    def current_role(self) -> str:
        """The current login's role; admin in single-user mode, läsare when not registered."""
        return self.access.current_role

    @property
    def is_admin(self) -> bool:
        return self.access.is_admin

    def require_admin(self, action: str) -> None:
        """Refuse an admin-only action (e.g. "låsa månader") for anyone but an admin."""
        self.access.require_admin(action)

    def editable_enheter(self) -> set[str] | None:
        """Enheter the current login may change; None means every enhet (admin, single-user)."""
        return self.access.editable_enheter()

    def unit_refusal(self, unit: str, allowed=NOT_GIVEN) -> str | None:
        """Why the current login may not change an enhet's values, or None when it may.

        `allowed` is editable_enheter() when the caller has it already."""
        return self.access.unit_refusal(unit, allowed)

    def write_refusal(self, unit: str) -> str | None:
        """Why the current login may not change an enhet's values here, or None: the file is read-only
        for them, or their role does not reach the enhet. Asked before a value is typed."""
        if self.read_only:
            return read_only_notice(self.path)
        return self.access.unit_refusal(unit)

    def check_unit_access(self, unit: str) -> None:
        """Raise NotPermitted when the current login may not change the enhet."""
        self.access.require_enhet(unit)

    def require_writable(self) -> None:
        """Refuse at once to write to a database this user may only read: before a command asks
        for a --reason or --force that could not help."""
        if self.read_only:
            raise read_only_error()

    def require_some_enhet(self) -> None:
        """Refuse a database this user may only read, or a login that may change no enhet at all,
        before a whole file is read for writing."""
        self.require_writable()
        self.access.require_some_enhet()

    def lock_refusal(self, unit: str, period: Month | int, reason: str | None) -> str | None:
        """Why a locked month cannot be changed with this reason by this login, or None."""
        return self.access.lock_refusal(unit, period, reason)

    def write_refusals(self, cells: list[tuple[str, Month | int]], reason: str | None) -> dict[tuple, NotPermitted]:
        """For (enhet, period) pairs, why the current login may not change each one; refused pairs only."""
        return self.access.write_refusals(cells, reason)
