"""Entry point of the `tracker` command: parses arguments and dispatches to the command modules."""

from __future__ import annotations

import os
import sqlite3
import sys

from tracker.cli import (
    audit_commands,
    catalog_commands,
    host_commands,
    io_commands,
    reporting_commands,
    setup_commands,
    value_commands,
)
from tracker.cli.common import add_db_option
from tracker.cli.parser import Parser
from tracker.core.errors import MonthIncomplete, PartRefused, ReasonRequired, TrackerError
from tracker.store.database import lock_error

# Each module adds its sub-commands with register(subparsers).
COMMAND_MODULES = [
    setup_commands, catalog_commands, value_commands, reporting_commands, io_commands, host_commands, audit_commands
]


def build_parser() -> Parser:
    parser = Parser(
        prog="tracker",
        description=(
            "Månadsstatistik för individ- och familjeomsorgen. Utan kommando öppnas "
            "månadsstatistiken (rutnätet) för databasen."
        ),
    )
    add_db_option(parser, suppress=False)
    parser.add_argument("--unit", metavar="ENHET", help="öppna på den här enheten (kod eller namn)")
    parser.add_argument("--year", metavar="ÅR", help="öppna på det här året, t.ex. 2023")
    parser.add_argument("--month", metavar="MÅNAD", help="öppna på den här månaden (1–12)")
    subparsers = parser.add_subparsers(dest="command", title="kommandon", metavar="KOMMANDO", parser_class=Parser)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    parser.set_defaults(func=None)
    return parser


def cli_advice(exc: TrackerError) -> str:
    """What the command line adds to a store refusal: the option that gets past it."""
    if isinstance(exc, ReasonRequired):
        return ' Ange en orsak med --reason, t.ex. --reason "Rättelse efter revision".'
    if isinstance(exc, PartRefused):
        return " Delen anges med --part." if exc.split else " Ta bort --part."
    if isinstance(exc, MonthIncomplete):
        return " Ange --force för att markera månaden klar ändå."
    return ""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        # --help and bad usage end in argparse's exit; a caller in the same process gets the code too
        return exc.code if isinstance(exc.code, int) else 0
    try:
        if args.func is None:
            from tracker.cli.open_tui import open_grid

            return open_grid(args) or 0
        return args.func(args) or 0
    except TrackerError as exc:
        sys.stderr.write(f"tracker: {exc}{cli_advice(exc)}\n")
        return exc.exit_code
    except PermissionError as exc:
        # usually a shared database the login is not (yet) in the group for
        from tracker.store.files import permission_problem
        from tracker.store.identity import current_login

        sys.stderr.write(f"tracker: {permission_problem(exc.filename or '?', current_login())}\n")
        return 3
    except KeyboardInterrupt:
        sys.stderr.write("tracker: avbrutet.\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never show a traceback to the user
        translated = lock_error(exc) if isinstance(exc, sqlite3.OperationalError) else None
        if translated is not None:
            sys.stderr.write(f"tracker: {translated}\n")
            return translated.exit_code
        if os.environ.get("TRACKER_DEBUG"):
            raise
        sys.stderr.write(
            f"tracker: ett oväntat fel inträffade ({type(exc).__name__}: {exc}). Ingenting sparades i den "
            "pågående ändringen. Kör med TRACKER_DEBUG=1 för detaljer.\n"
        )
        return 1
