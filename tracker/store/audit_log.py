"""The audit log's hash chain: one entry per change, each sealed with the previous entry's hash.

Kept apart from the Store so the migration that seals an existing log uses the very same rule.
"""

from __future__ import annotations

import json

# The columns an entry's hash covers, in order; id is included so a removed entry leaves a gap.
SEALED_COLUMNS = (
    "id",
    "at",
    "login",
    "source",
    "action",
    "unit",
    "measure",
    "part",
    "period",
    "old_value",
    "new_value",
    "reason",
    "file",
    "detail",
)
LOG_COLUMNS = (*SEALED_COLUMNS, "prev_hash", "hash")
HEAD_SETTING = "log_head"
GENESIS = ""
# The columns every entry of a block shares (one login, one moment, one source, reason and file).
# They are stored once, on the entry that seals the block; the block's other entries store them
# as null ("narrow" entries, told by a null `at`, which a full entry always has) and are read
# with the sealing entry's (see ENTRIES). An import of 291 200 values stores them once.
SHARED_COLUMNS = ("at", "login", "source", "reason", "file")
_SHARED_AT = tuple(SEALED_COLUMNS.index(c) for c in SHARED_COLUMNS)


# The log as read: every entry with its shared columns, a narrow entry's from the entry that seals
# its block (the first entry after it with a hash; the partial index idx_change_log_sealed finds it).
ENTRIES = (
    "change_log c left join change_log b on c.at is null and b.id = "
    "(select min(s.id) from change_log s where s.hash is not null and s.id > c.id)"
)


def entry_columns(*columns: str) -> str:
    """The select list of log columns over ENTRIES, a shared column as the entry's block has it."""
    return ", ".join(
        f"(case when c.at is null then b.{name} else c.{name} end)" if name in SHARED_COLUMNS else f"c.{name}"
        for name in columns
    )


def _canonical(value):
    # Values are stored as REAL: 11 and 11.0 must seal alike before and after the round trip.
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


# json.dumps(..., ensure_ascii=False) builds a new encoder on every call; one does the same work
_encode = json.JSONEncoder(ensure_ascii=False).encode
_PLAIN = (str, float, type(None))  # values _canonical returns unchanged


def entry_hash(entry: dict, prev_hash: str) -> str:
    """The hash of one entry's sealed content chained to the previous entry's hash."""
    return _values_hash([entry.get(c) for c in SEALED_COLUMNS], prev_hash)


def _values_hash(values: list, prev_hash: str) -> str:
    # the sealed columns' values in order; a bulk import seals hundreds of thousands of them
    import hashlib  # here: look-ups read the log but never seal, and hashlib starts OpenSSL

    content = _encode([v if type(v) in _PLAIN else float(v) if type(v) is int else _canonical(v) for v in values])
    return hashlib.sha256(f"{prev_hash}\x1f{content}".encode()).hexdigest()


def head_text(entry_id: int, digest: str) -> str:
    """How the last entry is remembered in the settings, so a removed last entry shows."""
    return f"{entry_id}:{digest}"


# Columns stored as REAL: a value bound as 11 reads back as 11.0, so a block seals it as a float.
_REAL_COLUMNS = frozenset({"old_value", "new_value"})
_REAL_AT = tuple(i for i, c in enumerate(SEALED_COLUMNS) if c in _REAL_COLUMNS)


def block_hash(rows: list[tuple], prev_hash: str) -> str:
    """The hash of a block of consecutive entries (their sealed columns as read back from the
    database, in id order) chained to the hash before the block.

    A bulk write seals its entries as one block: repr of the rows is computed in C, so hundreds
    of thousands of entries seal in a fraction of the time a hash per entry takes, and changing,
    removing or adding any entry of the block still changes the hash.
    """
    import hashlib

    return hashlib.sha256(f"{prev_hash}\x1e{rows!r}".encode()).hexdigest()


def _block_row(row: list) -> tuple:
    # each value as the database gives it back: REAL columns as floats, the others as text
    for i in range(1, len(row)):
        value = row[i]
        if value is None:
            continue
        if i in _REAL_AT:
            if type(value) is not float:
                row[i] = float(value)
        elif type(value) is not str:
            row[i] = str(value)
    return tuple(row)


def _chain_end(db) -> tuple[int, str]:
    last = db.execute("select id, hash from change_log order by id desc limit 1").fetchone()
    return (last[0] + 1, last[1] or GENESIS) if last else (1, GENESIS)


_INSERT = f"insert into change_log ({', '.join(LOG_COLUMNS)}) values ({','.join('?' for _ in LOG_COLUMNS)})"


def _remember_head(db, last_id: int, digest: str) -> None:
    db.execute(
        "insert into setting (key, value) values (?, ?) on conflict (key) do update set value = excluded.value",
        [HEAD_SETTING, head_text(last_id, digest)],
    )


def seal(db, entries: list[dict]) -> int:
    """Give entries consecutive ids and store them in the hash chain after the current last entry;
    returns how many were stored.

    One entry is sealed with a hash of its own; several as one block (see seal_block). Must run
    inside a write transaction, so no other writer can append in between.
    """
    return seal_block(db, [_block_row([None, *(e.get(c) for c in SEALED_COLUMNS[1:])])[1:] for e in entries])


def seal_block(db, rows: list[tuple]) -> int:
    """Store entries (tuples of the sealed columns after id, each value as the database gives it
    back: see _block_row) as one block after the current last entry; returns how many were stored.

    Only the block's last entry carries a hash (over the whole block, see block_hash), the others
    none, so that a bulk import pays for one hash. Must run inside a write transaction.
    """
    if not rows:
        return 0
    next_id, prev = _chain_end(db)
    rows = _narrowed([(next_id + offset, *row) for offset, row in enumerate(rows)])
    # a single entry is sealed with a hash of its own, as every entry was before blocks
    digest = _values_hash(list(rows[0]), prev) if len(rows) == 1 else block_hash(rows, prev)
    db.conn.executemany(_INSERT, [(*row, None, None) for row in rows[:-1]])
    db.conn.execute(_INSERT, (*rows[-1], prev, digest))
    _remember_head(db, rows[-1][0], digest)
    return len(rows)


def _narrowed(rows: list[tuple]) -> list[tuple]:
    """The rows of a block as stored: each entry before the last that shares all SHARED_COLUMNS
    with the last one stores them as null (see SHARED_COLUMNS)."""
    if len(rows) < 2:
        return rows
    last = rows[-1]
    shared = [last[i] for i in _SHARED_AT]
    out = []
    for row in rows[:-1]:
        if [row[i] for i in _SHARED_AT] == shared:
            row = list(row)
            for i in _SHARED_AT:
                row[i] = None
            row = tuple(row)
        out.append(row)
    out.append(last)
    return out


_NARROW_INSERT = (
    "insert into change_log (id, action, unit, measure, part, period, old_value, new_value) "
    "values (?, 'value', ?, ?, ?, ?, ?, ?)"
)


def seal_values(db, cells: list[tuple], at: str, login: str, source: str, reason: str | None,
                file: str | None) -> tuple[int, int]:
    """Store value entries (unit, measure, part, period text, old, new: REAL values as floats) as
    one sealed block after the current last entry; returns the block's first and last id.

    The same block seal_block stores from the full entries, bound as narrow rows: the shared
    columns go on the last entry only. Must run inside a write transaction.
    """
    next_id, prev = _chain_end(db)
    last_id = next_id + len(cells) - 1
    rows = [(next_id + offset, None, None, None, "value", *cell, None, None, None) for offset, cell in enumerate(cells)]
    rows[-1] = (last_id, at, login, source, "value", *cells[-1], reason, file, None)
    if len(rows) == 1:
        seal_block(db, [rows[0][1:]])  # a single entry is sealed with a hash of its own
        return next_id, last_id
    digest = block_hash(rows, prev)
    db.conn.executemany(_NARROW_INSERT, [(row[0], *row[5:11]) for row in rows[:-1]])
    db.conn.execute(_INSERT, (*rows[-1], prev, digest))
    _remember_head(db, last_id, digest)
    return next_id, last_id


def reseal_all(db) -> None:
    """Seal every entry of an existing log in id order (used once, when the chain is introduced)."""
    rows = db.execute(f"select {', '.join(SEALED_COLUMNS)} from change_log order by id").fetchall()
    prev = GENESIS
    updates = []
    for values in rows:
        entry = dict(zip(SEALED_COLUMNS, values, strict=True))
        digest = entry_hash(entry, prev)
        updates.append((prev, digest, entry["id"]))
        prev = digest
    db.conn.executemany("update change_log set prev_hash = ?, hash = ? where id = ?", updates)
    if rows:
        db.execute(
            "insert into setting (key, value) values (?, ?) on conflict (key) do update set value = excluded.value",
            [HEAD_SETTING, head_text(rows[-1][0], prev)],
        )
