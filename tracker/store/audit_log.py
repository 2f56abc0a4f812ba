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


def entry_hash(entry: dict, prev_hash: str) -> str:
    """The hash of one entry's sealed content chained to the previous entry's hash."""
    content = json.dumps([_canonical(entry.get(c)) for c in SEALED_COLUMNS], ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}\x1f{content}".encode()).hexdigest()


def head_text(entry_id: int, digest: str) -> str:
    """How the last entry is remembered in the settings, so a removed last entry shows."""
    return f"{entry_id}:{digest}"


def seal(db, entries: list[dict]) -> list[dict]:
    """Give entries consecutive ids and chained hashes after the current last entry, and store them.

    Must run inside a write transaction, so no other writer can append in between. One
    executemany keeps a bulk import as fast as before.
    """
    if not entries:
        return []
    last = db.execute("select id, hash from change_log order by id desc limit 1").fetchone()
    next_id, prev = (last[0] + 1, last[1] or GENESIS) if last else (1, GENESIS)
    sealed = []
    for entry in entries:
        row = {c: entry.get(c) for c in SEALED_COLUMNS}
        row["id"] = next_id
        row["prev_hash"] = prev
        row["hash"] = prev = entry_hash(row, row["prev_hash"])
        sealed.append(row)
        next_id += 1
    marks = ",".join("?" for _ in LOG_COLUMNS)
    db.conn.executemany(
        f"insert into change_log ({', '.join(LOG_COLUMNS)}) values ({marks})",
        [[r[c] for c in LOG_COLUMNS] for r in sealed],
    )
    db.execute(
        "insert into setting (key, value) values (?, ?) on conflict (key) do update set value = excluded.value",
        [HEAD_SETTING, head_text(sealed[-1]["id"], sealed[-1]["hash"])],
    )
    return sealed


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
