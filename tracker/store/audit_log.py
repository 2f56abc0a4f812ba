"""The audit log's hash chain: one entry per change, each sealed with the previous entry's hash.

Kept apart from the Store so the migration that seals an existing log uses the very same rule.
"""

from __future__ import annotations

import hashlib
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
    content = _encode([v if type(v) in _PLAIN else float(v) if type(v) is int else _canonical(v) for v in values])
    return hashlib.sha256(f"{prev_hash}\x1f{content}".encode()).hexdigest()


def head_text(entry_id: int, digest: str) -> str:
    """How the last entry is remembered in the settings, so a removed last entry shows."""
    return f"{entry_id}:{digest}"


def seal(db, entries: list[dict]) -> int:
    """Give entries consecutive ids and chained hashes after the current last entry, and store them;
    returns how many were stored.

    Must run inside a write transaction, so no other writer can append in between. One
    executemany keeps a bulk import as fast as before.
    """
    if not entries:
        return 0
    last = db.execute("select id, hash from change_log order by id desc limit 1").fetchone()
    next_id, prev = (last[0] + 1, last[1] or GENESIS) if last else (1, GENESIS)
    rows = []
    for entry in entries:
        values = [entry.get(c) for c in SEALED_COLUMNS]
        values[0] = next_id  # SEALED_COLUMNS starts with id
        digest = _values_hash(values, prev)
        rows.append((*values, prev, digest))
        prev = digest
        next_id += 1
    marks = ",".join("?" for _ in LOG_COLUMNS)
    db.conn.executemany(f"insert into change_log ({', '.join(LOG_COLUMNS)}) values ({marks})", rows)
    db.execute(
        "insert into setting (key, value) values (?, ?) on conflict (key) do update set value = excluded.value",
        [HEAD_SETTING, head_text(rows[-1][0], rows[-1][-1])],
    )
    return len(rows)


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
