"""Opening a database file: pragmas for sharing, migrations, and refusing newer versions."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.core.errors import DatabaseBusy, DatabaseError
from tracker.store.files import create_database_file, refuse_network_filesystem, refuse_unusable_file
from tracker.store.identity import current_login

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000
# The migrations (tracker.store.schema) by name, in order; a test keeps the two lists equal.
# Look-ups compare a database with this list without importing the migration machinery.
MIGRATION_NAMES = ("m001_initial", "m002_reporting")
MIGRATIONS_TABLE = "_sqlite_migrations"


class Reader:
    """Just enough of sqlite_utils.Database to read through the store: look-ups start faster
    without importing sqlite_utils. Writing through a Reader is a programming error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params=None) -> sqlite3.Cursor:
        return self.conn.execute(sql, params or [])

    def query(self, sql: str, params=None):
        cursor = self.conn.execute(sql, params or [])
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    def close(self) -> None:
        self.conn.close()


def open_reader(path: str | Path) -> Reader | None:
    """A Reader on a database that is fully migrated by this version, or None (use connect)."""
    path = Path(path)
    if not path.is_file():
        return None
    # the same refusals as connect(): a look-up is no exception
    refuse_network_filesystem(path)
    refuse_unusable_file(path, current_login())
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        applied = tuple(
            name
            for (name,) in conn.execute(
                f"select name from {MIGRATIONS_TABLE} where migration_set = 'tracker' order by rowid"
            )
        )
    except sqlite3.Error:
        return None  # not migrated, or not ours: connect() and migrate() say what is wrong
    if applied != MIGRATION_NAMES:
        conn.close()
        return None
    return Reader(conn)


def connect(path: str | Path | None) -> Database:
    """Open (or create) a database with WAL, a busy timeout and foreign keys; None is in memory."""
    from sqlite_utils import Database

    if path is None or str(path) == ":memory:":
        db = Database(memory=True, execute_plugins=False)
    else:
        path = Path(path)
        if path.exists() and path.is_dir():
            raise DatabaseError(f"”{path}” är en mapp. Ange en databasfil, t.ex. db/tracker.db.")
        if not path.parent.exists():
            raise DatabaseError(
                f"Mappen ”{path.parent}” finns inte. Skapa den först eller ange en annan sökväg med --db."
            )
        refuse_network_filesystem(path)
        refuse_unusable_file(path, current_login())
        if not path.exists():
            create_database_file(path)
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
            db = Database(conn, execute_plugins=False)
            db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"”{path}” går inte att öppna som databas ({exc}).") from None
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def check_version(db: Database) -> None:
    """Refuse a database written by a newer program, or a file that is not ours."""
    from tracker.store.schema import migrations

    try:
        tables = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"Filen är ingen SQLite-databas som tracker kan läsa ({exc}).") from None
    if tables and migrations.migrations_table not in tables:
        raise DatabaseError(
            "Filen är en SQLite-databas men inte en tracker-databas. Ange en annan fil med --db."
        )
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise DatabaseError(
            "Databasen är skapad av en nyare version av tracker och kan inte öppnas med den här "
            "versionen. Uppdatera programmet."
        )


def migrate(db: Database) -> bool:
    """Apply pending migrations; True if the database was new."""
    from tracker.store.schema import migrations

    check_version(db)
    was_new = not migrations.applied(db)
    migrations.apply(db)
    return was_new


@contextmanager
def write_transaction(db: Database):
    """A transaction that takes the write lock at once, so read-check-write cannot race."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        raise DatabaseBusy(
            "Databasen är upptagen: någon annan sparar just nu, t.ex. en import av en stor fil, och blev inte "
            "klar medan vi väntade. Ingenting sparades; försök igen om en stund."
        ) from None
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    else:
        db.conn.commit()
