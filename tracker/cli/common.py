"""What every command shares: choosing the database, opening it, and printing."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from tracker.config import ENV_DB, chosen_database, load_config
from tracker.core.errors import InputError


def db_path(args: argparse.Namespace) -> Path:
    """--db, then TRACKER_DB, then the user's and the system's config file, then the default."""
    return chosen_database(load_config(getattr(args, "db", None)))


def require_database(path: Path) -> None:
    """Refuse a path where no database exists (a mistyped --db must not create a new one)."""
    if not path.exists():
        raise InputError(
            f"Databasen ”{path}” finns inte. Skapa den med `tracker init --db {path}` (eller `tracker demo` "
            "för exempeldata), eller ange en befintlig databas med --db."
        )


def open_store(args: argparse.Namespace, must_exist: bool = True, for_reading: bool = False):
    """Open the chosen database; every command but init and demo refuses a path with no database.

    `for_reading` is for commands that only read: they start faster (Store.open_for_reading)."""
    from tracker.store.store import Store

    path = db_path(args)
    if must_exist:
        require_database(path)
    store = Store.open_for_reading(path) if for_reading else Store.open(path)
    if store.read_only and for_reading:
        # a command that may write says so when it is refused (read_only_error), not twice
        from tracker.store.database import read_only_notice

        sys.stderr.write(f"tracker: {read_only_notice(path)}\n")
    return store


# --year of a look-up: without it, the year the grid opens on
YEAR_HELP = "år (standard: året för månaden som rapporteras, i januari alltså förra året)"


def reported_month():
    """The month whose figures are being reported now (the last completed one), as the grid chooses."""
    from tracker.core.periods import last_completed_month

    return last_completed_month(date.today())


def reported_year() -> int:
    """The year of reported_month(): in January still last year."""
    return reported_month().year


def chosen_year(args: argparse.Namespace) -> int:
    """--year, else reported_year()."""
    from tracker.core.periods import parse_year

    return parse_year(args.year) if getattr(args, "year", None) else reported_year()


def add_db_option(parser: argparse.ArgumentParser, suppress: bool = True) -> None:
    parser.add_argument(
        "--db",
        metavar="SÖKVÄG",
        default=argparse.SUPPRESS if suppress else None,
        help=f"databasfil (annars ${ENV_DB}, annars inställningsfilen, annars db/tracker.db)",
    )


def add_unit_option(parser: argparse.ArgumentParser) -> None:
    """--unit for a look-up that reads any unit, a roll-up included."""
    parser.add_argument("--unit", metavar="ENHET", help="enhet, avdelning eller förvaltning (standard: toppen)")


def add_part_option(parser: argparse.ArgumentParser) -> None:
    """--part: one part of a measure split by sex."""
    parser.add_argument("--part", metavar="DEL", help="F/P (flickor/pojkar) eller K/M (kvinnor/män) för en del av måttet")


def add_write_options(parser: argparse.ArgumentParser) -> None:
    """--reason and --force of a command that writes values (set, import)."""
    parser.add_argument("--reason", metavar="TEXT", help="orsak (krävs för att ändra en låst månad, administratör)")
    parser.add_argument("--force", action="store_true", help="spara även värden som ser osannolika ut")


def add_format_option(parser: argparse.ArgumentParser, choices=("table", "json")) -> None:
    parser.add_argument("--format", choices=choices, default="table", help="utdataformat (standard: table)")


def plain_number(value):
    """A number for JSON: whole floats become ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def comparison_json(measure, comparison, goal: float | None) -> dict:
    """The fields every JSON look-up gives for a comparison: change, trend, riktvärde and status, note."""
    return {
        "change": plain_number(comparison.change),
        "change_pct": comparison.change_pct,
        "change_unit": "procentenheter" if comparison.points and measure.is_percent else measure.unit,
        "comparable": comparison.comparable,
        "trend": comparison.trend.direction if comparison.trend else None,
        "judgement": comparison.trend.judgement if comparison.trend else None,
        "target": plain_number(goal),
        "target_status": comparison.target.to_dict() if comparison.target else None,
        "note": comparison.note,
    }


def print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def console():
    """A rich console for tables (respects NO_COLOR and pipes)."""
    import os

    from rich.console import Console

    # Piped output must not be squeezed to 80 columns: tables are read by scripts and people alike.
    width = None if sys.stdout.isatty() else 400
    # NO_COLOR means no escape sequences at all, so bold and italic go too (rich keeps them)
    plain = {"color_system": None} if os.environ.get("NO_COLOR") else {}
    return Console(highlight=False, emoji=False, width=width, soft_wrap=True, **plain)


def color_wanted() -> bool:
    """Colour on standard out: never with NO_COLOR set (https://no-color.org), always with
    FORCE_COLOR, otherwise on a terminal only; as rich decides for the tables."""
    import os

    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def output_width(default: int = 100) -> int:
    """The columns to draw in: COLUMNS, else the terminal's, else `default` (piped to a file)."""
    import shutil

    return max(40, min(250, shutil.get_terminal_size((default, 24)).columns))
