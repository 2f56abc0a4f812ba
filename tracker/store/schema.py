"""The database schema as an ordered list of migrations (sqlite-utils Migrations).

Append new migrations at the end; never change one that has shipped.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("tracker")


@migrations()
def m001_initial(db: Database) -> None:
    db["section"].create({"code": str, "name": str, "position": int}, pk="code")
    db["measure"].create(
        {
            "code": str,
            "name": str,
            "section": str,
            "kind": str,
            "unit": str,
            "polarity": str,
            "definition": str,
            "parts": str,
            "varav_of": str,
            "stock_summary": str,
            "numerator": str,
            "denominator": str,
            "sum_of": str,  # JSON list
            "report_name": str,
            "report_order": int,
            "breaks": str,  # JSON list of {"from": "YYYY-MM", "note": str}
            "targets": str,  # JSON object year -> value
            "retired": int,
            "own": int,
            "position": int,
        },
        pk="code",
        foreign_keys=[("section", "section", "code")],
    )
    db["unit"].create(
        {"code": str, "name": str, "level": str, "parent": str, "position": int},
        pk="code",
        foreign_keys=[("parent", "unit", "code")],
    )
    db["unit_measure"].create(
        {"unit": str, "measure": str},
        pk=("unit", "measure"),
        foreign_keys=[("unit", "unit", "code"), ("measure", "measure", "code")],
    )
    # One value per (unit, measure, part, period); a missing value has no row.
    # period is "YYYY-MM", or "YYYY" for annual measures; part is "" for unsplit rows.
    db["value"].create(
        {"unit": str, "measure": str, "part": str, "period": str, "value": float, "revision": int},
        pk=("unit", "measure", "part", "period"),
        not_null={"value", "revision"},
        foreign_keys=[("unit", "unit", "code"), ("measure", "measure", "code")],
    )
    db["value"].create_index(["unit", "period"])
    db["change_log"].create(
        {
            "id": int,
            "at": str,
            "login": str,
            "source": str,
            "unit": str,
            "measure": str,
            "part": str,
            "period": str,
            "old_value": float,
            "new_value": float,
            "reason": str,
            "file": str,
        },
        pk="id",
    )
    db["change_log"].create_index(["unit", "measure", "part", "period"])
    db["setting"].create({"key": str, "value": str}, pk="key")


@migrations()
def m002_reporting(db: Database) -> None:
    # if_not_exists: a database whose migration record was lost must still open.
    # Users and roles: with no rows the program runs in single-user mode.
    db["app_user"].create({"login": str, "role": str}, pk="login", not_null={"role"}, if_not_exists=True)
    db["user_unit"].create(
        {"login": str, "unit": str},
        pk=("login", "unit"),
        if_not_exists=True,
        foreign_keys=[("login", "app_user", "login"), ("unit", "unit", "code")],
    )
    # A locked enhet×month can only be changed by an admin who gives a reason.
    db["month_lock"].create(
        {"unit": str, "period": str, "locked_by": str, "locked_at": str},
        pk=("unit", "period"),
        if_not_exists=True,
        foreign_keys=[("unit", "unit", "code")],
    )
    # Lock and unlock events are kept, like value changes, so a late correction can be traced.
    db["lock_log"].create(
        {"id": int, "at": str, "login": str, "action": str, "unit": str, "period": str, "reason": str},
        pk="id",
        if_not_exists=True,
    )
    db["lock_log"].create_index(["unit", "period"], if_not_exists=True)
    db["month_report"].create(
        {"unit": str, "period": str, "status": str, "login": str, "at": str},
        pk=("unit", "period"),
        if_not_exists=True,
        foreign_keys=[("unit", "unit", "code")],
    )
    # measure is "" for a comment on the enhet's whole month; part is "" for unsplit rows.
    db["comment"].create(
        {"id": int, "unit": str, "measure": str, "part": str, "period": str, "text": str, "login": str, "at": str},
        pk="id",
        not_null={"text"},
        if_not_exists=True,
    )
    db["comment"].create_index(["unit", "period"], if_not_exists=True)


@migrations()
def m003_audit_log(db: Database) -> None:
    # change_log becomes the one audit log of every change: values as before, and every other
    # change (locks, reported marks, catalog, units, users, imports) as an action with a detail.
    from tracker.store.audit_log import reseal_all

    log = db["change_log"]
    for column in ("action", "detail", "prev_hash", "hash"):
        if column not in log.columns_dict:
            log.add_column(column, str)
    db.execute("update change_log set action = 'value' where action is null")
    log.create_index(["at"], if_not_exists=True)
    if "lock_log" in db.table_names():
        db.execute(
            "insert into change_log (at, login, source, action, unit, period, reason) "
            "select at, login, 'cli', action, unit, period, reason from lock_log order by id"
        )
        db["lock_log"].drop()
    reseal_all(db)


@migrations()
def m004_measure_names(db: Database) -> None:
    # A measure's names per period: from_year 0 holds the names before the first dated rename.
    # A measure renamed only for all years has no rows; its names are those on the measure row.
    db["measure_name"].create(
        {"measure": str, "from_year": int, "name": str, "report_name": str},
        pk=("measure", "from_year"),
        not_null={"name"},
        foreign_keys=[("measure", "measure", "code")],
        if_not_exists=True,
    )


@migrations()
def m005_unit_history(db: Database) -> None:
    # Units change over the years: a closed enhet keeps its history, and a move only changes
    # where the enhet rolls up from its first month on, so earlier roll-ups stay as they were.
    unit = db["unit"]
    if "closed_from" not in unit.columns_dict:
        unit.add_column("closed_from", str)
    db["unit_move"].create(
        {"id": int, "unit": str, "start": str, "old_parent": str, "new_parent": str},
        pk="id",
        if_not_exists=True,
        foreign_keys=[("unit", "unit", "code")],
    )
    db["unit_move"].create_index(["unit", "start"], if_not_exists=True)


@migrations()
def m007_targets(db: Database) -> None:
    # Riktvärden per measure, year and unit ("" for the whole förvaltning): set, changed and removed
    # by an admin, logged, and resolved per unit (core.targets). Targets a catalog declared on the
    # measure row move here as general targets; the row's targets column is no longer read.
    import json

    from tracker.core.catalog import standard_catalog

    db["target"].create(
        {"measure": str, "year": int, "unit": str, "value": float},
        pk=("measure", "year", "unit"),
        not_null={"value"},
        foreign_keys=[("measure", "measure", "code")],
        if_not_exists=True,
    )
    db["target"].create_index(["year"], if_not_exists=True)
    rows = []
    for code, text in db.execute("select code, targets from measure").fetchall():
        for year, value in json.loads(text or "{}").items():
            rows.append({"measure": code, "year": int(year), "unit": "", "value": float(value)})
    db["target"].insert_all(rows, pk=("measure", "year", "unit"), ignore=True)
    db.execute("update measure set targets = '{}'")
    # The overview's key rows, declared `key = true` in the catalog; a database made before this
    # version gets the standard catalog's.
    measure = db["measure"]
    if "key" not in measure.columns_dict:
        measure.add_column("key", int)
        keys = [m.code for m in standard_catalog().measures if m.key]
        db.execute(f"update measure set key = 1 where code in ({','.join('?' for _ in keys)})", keys)


@migrations()
def m008_narrow_log(db: Database) -> None:
    # The entries of a block share login, time, source, reason and file; new blocks store them
    # once, on the entry that seals the block (tracker.store.audit_log.SHARED_COLUMNS), which a
    # partial index finds. Entries already stored stay as they are: their hashes cover them so.
    # No query can use the index on `at` (the log is read by cell, by id, or whole), and every
    # value written kept it up to date.
    db.execute("drop index if exists idx_change_log_at")
    db.execute("create index if not exists idx_change_log_sealed on change_log (id) where hash is not null")


@migrations()
def m009_value_index_with_values(db: Database) -> None:
    # A roll-up's year is summed from the (unit, period) index: about 29 000 values for the
    # förvaltning. With measure, part and value in the index too, SQLite sums from the index
    # alone instead of looking up every row in the table, a fifth less time per year not read
    # (the index still serves everything the one on (unit, period) did). An import writes it at
    # the same speed: measured with 291 200 values, 1,9 s either way.
    db.execute("create index if not exists idx_value_unit_period_values on value (unit, period, measure, part, value)")
    db.execute("drop index if exists idx_value_unit_period")
