"""Opening a database file: pragmas for sharing, migrations, and refusing newer versions."""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from tracker.core.errors import DatabaseError, NotPermitted, TrackerError
from tracker.store.files import create_database_file, refuse_network_filesystem, refuse_unusable_file
from tracker.store.identity import current_login

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000
# The migrations (tracker.store.schema) by name, in order; a test keeps the two lists equal.
# Look-ups compare a database with this list without importing the migration machinery.
MIGRATION_NAMES = (
    "m001_initial", "m002_reporting", "m003_audit_log", "m004_measure_names", "m005_unit_history",
    "m007_targets", "m008_narrow_log", "m009_value_index_with_values",
)
MIGRATIONS_TABLE = "_sqlite_migrations"


class Reader:
    """Just enough of sqlite_utils.Database to read through the store: look-ups start faster
    without importing sqlite_utils. Writing through a Reader is a programming error."""

    def __init__(self, conn: sqlite3.Connection, read_only: bool = False) -> None:
        self.conn = conn
        self.read_only = read_only  # the file may not be written by this user (as connect() says)

    def execute(self, sql: str, params=None) -> sqlite3.Cursor:
        return self.conn.execute(sql, params or [])

    def query(self, sql: str, params=None):
        """Rows that read by column name, as sqlite_utils' query gives them (sqlite3.Row: made in C)."""
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params or [])

    def close(self) -> None:
        self.conn.close()


class MigratedDatabase(Reader):
    """A database this version has fully migrated, opened for reading and writing without importing
    sqlite_utils (a fifth of the grid's start): SQL runs on the connection, and sqlite_utils'
    Database over the same connection is made the first time a write asks for its table API
    (db["table"].insert, atomic, ...)."""

    def __getattr__(self, name: str):
        # only for what Reader lacks: sqlite_utils' Database has the rest
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._database(), name)

    def __getitem__(self, table: str):
        return self._database()[table]

    def _database(self) -> Database:
        found = self.__dict__.get("_full")
        if found is None:
            from sqlite_utils import Database

            found = self.__dict__["_full"] = Database(self.conn, execute_plugins=False)
        return found


def open_reader(path: str | Path, *, write: bool = False) -> Reader | None:
    """A Reader on a database that is fully migrated by this version, or None (use connect).

    With `write`, a MigratedDatabase with the settings connect() gives a connection (WAL, foreign
    keys), read-only as connect() opens it when the user may not write the file."""
    path = Path(path)
    if not path.is_file():
        return None
    # the same refusals as connect(): a look-up is no exception
    refuse_network_filesystem(path)
    refuse_unusable_file(path, current_login())
    read_only = not _writable(path)
    conn = None
    try:
        if write and read_only:
            conn = _open_read_only(path)
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        applied = tuple(
            name
            for (name,) in conn.execute(
                f"select name from {MIGRATIONS_TABLE} where migration_set = 'tracker' order by rowid"
            )
        )
    except (sqlite3.Error, DatabaseError):
        if conn is not None:
            conn.close()
        return None  # not migrated, or not ours: connect() and migrate() say what is wrong
    if sorted(applied) != sorted(MIGRATION_NAMES):  # every one applied, in whatever order, and no other
        conn.close()
        return None
    if not write:
        return Reader(conn, read_only=read_only)
    try:
        if not read_only:
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error:
        conn.close()
        return None  # connect() says what is wrong
    return MigratedDatabase(conn, read_only=read_only)


SQLITE_HEADER = b"SQLite format 3\x00"


def _writable(path: Path) -> bool:
    # WAL needs to create -wal and -shm beside the file, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; immutable when the folder does not allow SQLite's shared-memory file."""
    uri = f"file:{quote(str(path.resolve()))}"
    for mode in ("?mode=ro", "?mode=ro&immutable=1"):
        conn = sqlite3.connect(uri + mode, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("select count(*) from sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
    raise DatabaseError(f"”{path}” är skrivskyddad och går inte heller att läsa.")


def connect(path: str | Path | None) -> Database:
    """Open (or create) a database with WAL, a busy timeout and foreign keys; None is in memory.

    A file that is not a tracker database is refused before anything is written to it. A file
    (or folder) the user may not write is opened read-only; `db.read_only` then says so.
    """
    from sqlite_utils import Database

    read_only = False
    if path is None or str(path) == ":memory:":
        db = Database(memory=True, execute_plugins=False)
    else:
        path = Path(path)
        if path.exists() and path.is_dir():
            raise DatabaseError(f"”{path}” är en mapp. Ange en databasfil, t.ex. db/tracker.db.")
        if not path.parent.exists():
            raise DatabaseError(
                f"Mappen ”{path.parent}” finns inte. Skapa den först eller ange en annan sökväg.", argument="db"
            )
        refuse_network_filesystem(path)
        refuse_unusable_file(path, current_login())
        if path.exists() and path.stat().st_size > 0:
            with path.open("rb") as fh:
                if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                    raise DatabaseError(
                        f"”{path}” är ingen SQLite-databas och därmed ingen tracker-databas.", argument="db", given=True
                    )
        read_only = path.exists() and not _writable(path)
        if not path.exists():
            create_database_file(path)
        try:
            conn = _open_read_only(path) if read_only else sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
            db = Database(conn, execute_plugins=False)
            check_version(db)
            if not read_only:
                db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc) or read_only:
                raise DatabaseError(f"”{path}” går inte att öppna som databas ({exc}).") from None
            db.close()
            read_only = True
            db = Database(_open_read_only(path), execute_plugins=False)
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"”{path}” går inte att öppna som databas ({exc}).") from None
    db.read_only = read_only
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def check_version(db: Database) -> None:
    """Refuse a database written by a newer program, a file that is not ours, or one without its version."""
    from tracker.store.schema import migrations

    try:
        tables = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"Filen är ingen SQLite-databas som tracker kan läsa ({exc}).") from None
    if tables and migrations.migrations_table not in tables:
        raise DatabaseError(
            "Filen är en SQLite-databas men inte en tracker-databas.", argument="db", given=True
        )
    applied = migrations.applied(db)
    if not applied and tables - {migrations.migrations_table}:
        raise DatabaseError(
            "Databasen saknar uppgiften om vilken version den har (tabellen _sqlite_migrations är tom), så tracker "
            "ändrar den inte. Återställ den från en säkerhetskopia (tracker backup)."
        )
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in applied if m.name not in known]
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
    if getattr(db, "read_only", False):
        if list(migrations.pending(db)):
            raise DatabaseError(
                "Databasen är skrivskyddad och behöver uppdateras till den här versionen av tracker. "
                "Be den som äger filen att öppna den en gång med skrivrätt."
            )
        return False
    try:
        with write_lock_errors():
            migrations.apply(db)
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"Databasen kunde inte uppdateras ({exc}). Ingenting ändrades.") from None
    return was_new


def lock_error(exc: sqlite3.OperationalError) -> TrackerError | None:
    """A Swedish error for SQLite's own refusals to write: a locked or a read-only database."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return DatabaseError(
            "Databasen är upptagen: någon annan sparar just nu (t.ex. en import av en stor fil) och blev inte "
            f"klar på {BUSY_TIMEOUT_MS // 1000} sekunder. Ingenting sparades; försök igen om en stund."
        )
    if "readonly" in text:
        return read_only_error()
    return None


RESTORE_HINT = "Återställ filen från en säkerhetskopia (den som `tracker backup` skrev)."


def damage_error(exc: sqlite3.Error) -> TrackerError | None:
    """A Swedish error for a database changed or damaged outside the program: a table or column
    that this version's schema has is gone, or the file itself is broken."""
    text = str(exc)
    missing = None
    for english, swedish in (("no such table: ", "tabellen"), ("no such column: ", "kolumnen")):
        if text.startswith(english):
            missing = f"{swedish} ”{text[len(english):]}”"
    if " has no column named " in text:  # "table value has no column named revision"
        table, column = text.removeprefix("table ").split(" has no column named ", 1)
        missing = f"kolumnen ”{column}” i tabellen ”{table}”"
    if missing is not None:
        return DatabaseError(f"Databasen saknar {missing}: den har ändrats utanför programmet. {RESTORE_HINT}")
    if "malformed" in text:
        return DatabaseError(f"Databasfilen är skadad (SQLite: ”database disk image is malformed”). {RESTORE_HINT}")
    return None


def sqlite_error(exc: Exception) -> TrackerError | None:
    """SQLite's refusal as a Swedish error (a locked or read-only database, a damaged one), or None."""
    if isinstance(exc, sqlite3.OperationalError):
        found = lock_error(exc)
        if found is not None:
            return found
    return damage_error(exc) if isinstance(exc, sqlite3.DatabaseError) else None


def read_only_notice(path) -> str:
    """What a program that only reads says on opening a database this user may only read."""
    return f"”{path}” är skrivskyddad för dig och öppnades bara för läsning."


def read_only_error() -> NotPermitted:
    """The refusal of a write to a database this user may only read."""
    return NotPermitted("Databasen är skrivskyddad för dig och öppnades bara för läsning. Ingenting sparades.")


@contextmanager
def write_lock_errors():
    """Turn SQLite's "database is locked" and "readonly database" into Swedish errors."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        translated = lock_error(exc)
        if translated is None:
            raise
        raise translated from None


@contextmanager
def write_transaction(db: Database):
    """A transaction that takes the write lock at once, so read-check-write cannot race."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    if getattr(db, "read_only", False):
        # before any check inside the transaction: asking for a --reason or --force first would
        # only lead to this refusal after the user gave them
        raise read_only_error()
    with write_lock_errors():
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.conn.rollback()
            raise
        else:
            db.conn.commit()
