"""The audit log on the command line: reading it, checking the file, and backing it up."""

from __future__ import annotations

import argparse
import sys

from tracker.cli.common import add_db_option, add_format_option, console, open_store, plain_number, print_json
from tracker.core.periods import parse_day
from tracker.core.swedish import format_number

CHECK_FAILED = 4


def register(subparsers) -> None:
    """Add log, check and backup."""
    p = subparsers.add_parser("log", help="loggen över alla ändringar")
    add_db_option(p)
    p.add_argument("--since", metavar="DATUM", help="från och med den här dagen, ÅÅÅÅ-MM-DD")
    p.add_argument("--unit", metavar="ENHET", help="bara ändringar för enheten (och enheterna under den)")
    add_format_option(p)
    p.set_defaults(func=cmd_log)

    p = subparsers.add_parser("check", help="kontrollera att databasen och loggen inte ändrats utanför programmet")
    add_db_option(p)
    add_format_option(p)
    p.set_defaults(func=cmd_check)

    p = subparsers.add_parser("backup", help="säkerhetskopiera databasen till en ny fil (går medan andra skriver)")
    add_db_option(p)
    p.add_argument("file", metavar="FIL", help="den nya filen")
    p.set_defaults(func=cmd_backup)


def _entry_json(e) -> dict:
    return {
        "id": e.id,
        "at": e.at,
        "login": e.login,
        "source": e.source,
        "action": e.action,
        "unit": e.unit,
        "measure": e.measure,
        "part": e.part or None,
        "period": e.period,
        "old": plain_number(e.old),
        "new": plain_number(e.new),
        "reason": e.reason,
        "file": e.file,
        "detail": e.detail,
    }


def _what(e) -> str:
    if e.action == "value":
        old = "tomt" if e.old is None else format_number(e.old)
        new = "tomt" if e.new is None else format_number(e.new)
        return f"{old} → {new}"
    return e.detail or ""


def cmd_log(args: argparse.Namespace) -> int:
    since = parse_day(args.since) if args.since else None
    with open_store(args) as store:
        entries = store.log_entries(since=since, unit=args.unit)
    if args.format == "json":
        print_json([_entry_json(e) for e in entries])
        return 0
    out = console()
    if not entries:
        out.print("Loggen har inga ändringar för det valda urvalet.")
        return 0
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for heading in ("Nr", "Tid", "Inloggning", "Händelse", "Enhet", "Mått", "Period", "Ändring", "Orsak", "Fil"):
        table.add_column(heading)
    for e in entries:
        measure = f"{e.measure} ({e.part})" if e.part else (e.measure or "")
        table.add_row(
            str(e.id),
            e.at,
            e.login,
            e.action_name,
            e.unit or "",
            measure,
            e.period or "",
            _what(e),
            e.reason or "",
            e.file or "",
        )
    out.print(table)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        problems = store.verify()
        entries = store.log_size()
    if args.format == "json":
        print_json({"ok": not problems, "entries": entries, "problems": problems})
    elif problems:
        for line in problems:
            sys.stdout.write(f"{line}\n")
        sys.stdout.write(f"Kontrollen hittade {format_number(len(problems))} problem.\n")
    else:
        sys.stdout.write(
            f"Allt stämmer: loggens {format_number(entries)} poster hänger ihop, varje värde är det senast loggade, "
            "och SQLite hittar inga fel i filen.\n"
        )
    return CHECK_FAILED if problems else 0


def cmd_backup(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        target = store.backup(args.file)
    sys.stdout.write(f"Säkerhetskopian är sparad i ”{target}”. Återställ genom att kopiera tillbaka filen.\n")
    return 0
