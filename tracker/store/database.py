"""Opening a database file: pragmas for sharing, migrations, and refusing newer versions."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from tracker.core.errors import DatabaseBusy, DatabaseError
from tracker.store.schema import migrations

BUSY_TIMEOUT_MS = 5000


def connect(path: str | Path | None) -> Database:
    """Open (or create) a database with WAL, a busy timeout and foreign keys; None is in memory."""
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
