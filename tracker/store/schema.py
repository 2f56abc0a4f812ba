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
