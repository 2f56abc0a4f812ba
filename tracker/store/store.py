"""The Store: one open tracker database, returning core objects. Nothing above it writes SQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlite_utils import Database

from tracker.core.catalog import Catalog, standard_catalog
from tracker.store.access_store import AccessStore
from tracker.store.audit_store import AuditStore
from tracker.store.catalog_store import CatalogStore
from tracker.store.comments_store import CommentsStore
from tracker.store.database import connect, migrate, write_transaction
from tracker.store.identity import current_login
from tracker.store.locks_store import LocksStore
from tracker.store.reporting_store import ReportingStore
from tracker.store.units_store import UnitsStore
from tracker.store.values_store import ValuesStore


# AccessStore precedes ValuesStore so its _before_write (roles and locks) overrides the empty hook.
class Store(
    CatalogStore, UnitsStore, AccessStore, LocksStore, ReportingStore, CommentsStore, AuditStore, ValuesStore
):
    """An open database. Use `Store.open(path)`; `Store.open(None)` is in memory (for tests)."""

    def __init__(
        self,
        db: Database,
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

    @property
    def today(self) -> date:
        """The date writes are judged by (no value after the current month); fixed in tests."""
        return self._today or date.today()

    @classmethod
    def open(cls, path: str | Path | None, *, login: str | None = None, catalog: Catalog | None = None) -> Store:
        """Open a database, creating it with the standard catalog when new, migrating when old."""
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

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        with write_transaction(self.db):
            self.db["setting"].upsert({"key": key, "value": value}, pk="key")

    @property
    def demo_label(self) -> str | None:
        """The label of a demo database, None for real data."""
        return self.get_setting("demo")

    def invalidate(self) -> None:
        """Forget cached catalog and units, e.g. after another process changed them."""
        self._catalog = None
        self._units = None
