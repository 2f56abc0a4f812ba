"""Entry point of the `tracker` command: parses arguments and dispatches to the command modules."""

from __future__ import annotations

import os
import sys
from importlib import import_module

from tracker.cli.common import add_db_option
from tracker.cli.parser import Parser
from tracker.core.errors import MonthIncomplete, PartRefused, ReasonRequired, TrackerError
from tracker.store.database import sqlite_error

# Each module (in tracker.cli) adds its sub-commands with register(subparsers), in this order.
COMMAND_MODULES = [
    "setup_commands", "catalog_commands", "value_commands", "target_commands", "reading_commands",
    "reporting_commands", "io_commands", "host_commands", "audit_commands",
]
# The module of each command: a command imports only its own module, so a look-up starts faster
# than when every command's imports are loaded. A test keeps this equal to what the modules register.
COMMAND_MODULE = {
    **dict.fromkeys(("init", "demo", "units"), "setup_commands"),
    "measures": "catalog_commands",
    **dict.fromkeys(("set", "show"), "value_commands"),
    "targets": "target_commands",
    **dict.fromkeys(("chart", "overview"), "reading_commands"),
    **dict.fromkeys(
        ("users", "status", "lock", "unlock", "history", "comment", "report-month"), "reporting_commands"
    ),
    **dict.fromkeys(("report", "export", "import"), "io_commands"),
    **dict.fromkeys(("config", "serve"), "host_commands"),
    **dict.fromkeys(("log", "check", "backup"), "audit_commands"),
}
# The options before the command that take a value (see build_parser).
TOP_OPTIONS = ("--db", "--unit", "--year", "--month")


def command_module(argv: list[str]) -> str | None:
    """The module of the command argv names, or None (no command, an unknown one, or top-level help)."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word in TOP_OPTIONS:
            i += 2
            continue
        if word.startswith("-"):
            if word.split("=", 1)[0] not in TOP_OPTIONS:
                return None  # -h, --help or a mistyped option: the whole parser answers
            i += 1
            continue
        return COMMAND_MODULE.get(word)
    return None


def build_parser(only: str | None = None) -> Parser:
    """The command line's parser, with every command, or only those of the module `only`."""
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
    for name in COMMAND_MODULES if only is None else [only]:
        import_module(f"tracker.cli.{name}").register(subparsers)
    parser.set_defaults(func=None)
    return parser


# What the command line adds to a refusal about an argument of a store call: the option that
# gives it. Keyed by (argument, given): given is True when the option was given and does not apply.
# {value} is the refusal's value (see core.errors.TrackerError).
OPTION_ADVICE = {
    ("units", False): " Ange --units, t.ex. --units IFO.BOU.MOTT.",
    ("units", True): " Ta bort --units.",
    ("role", True): " Lägg till dig med: tracker users add {value} --role admin.",
    ("parent", False): " Ange var enheten hör hemma med --parent.",
    ("measures", True): " Ta bort --measures.",
    ("measure", False): " Ange måttet med --measure.",
    ("reason", False): ' Ange orsaken med --reason, t.ex. --reason "Rättelse av mars".',
    ("db", False): " Ange en annan sökväg med --db.",
    ("db", True): " Ange en annan fil med --db.",
    ("unit", True): " Ändra --unit, eller utelämna --unit för hela förvaltningen.",
}


def cli_advice(exc: TrackerError) -> str:
    """What the command line adds to a store refusal: the option that gets past it."""
    if isinstance(exc, ReasonRequired):
        return ' Ange en orsak med --reason, t.ex. --reason "Rättelse efter revision".'
    if isinstance(exc, PartRefused):
        return " Delen anges med --part." if exc.split else " Ta bort --part."
    if isinstance(exc, MonthIncomplete):
        return " Ange --force för att markera månaden klar ändå."
    advice = OPTION_ADVICE.get((exc.argument, exc.given), "") if exc.argument else ""
    return advice.format(value=exc.value)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(command_module(words))
    try:
        args = parser.parse_args(words)
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
        translated = sqlite_error(exc)
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
