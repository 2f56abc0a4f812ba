"""Opening the full-screen grid; the only place the command line imports Textual."""

from __future__ import annotations

import argparse
import os
import sys


def open_grid(args: argparse.Namespace) -> int:
    """Open the månadsstatistik grid on the chosen database: --db/TRACKER_DB/config file, --unit, --year, --month."""
    import gc
    from pathlib import Path

    from tracker.cli.common import require_database
    from tracker.config import DEFAULT_SOURCE, chosen_database, load_config
    from tracker.core.periods import parse_month_number, parse_year

    config = load_config(getattr(args, "db", None), getattr(args, "unit", None))
    path = chosen_database(config)
    require_database(path)
    # under `tracker serve` the app talks to a browser through pipes, with Textual's web driver
    if not sys.stdout.isatty() and not os.environ.get("TEXTUAL_DRIVER"):
        sys.stderr.write(
            f"tracker: månadsstatistiken behöver en terminal. Databasen är {path}; "
            "använd t.ex. `tracker show MÅTT` i skript.\n"
        )
        return 2
    year = parse_year(args.year) if getattr(args, "year", None) else None
    month = parse_month_number(getattr(args, "month", None))
    from tracker.tui.launch import run_app

    gc.enable()  # the grid runs for hours: the entry point's pause of the collector ends here (entry.run)
    unit, theme, keymap = config.unit, config.theme, config.keymap
    return run_app(
        path, year=year, month=month, unit=unit.value,
        # a unit from a config file is a preference, not an order: another database (the demo) may lack it
        unit_from=unit.source if unit.source != "--unit" else None,
        theme=theme.value if theme.source != DEFAULT_SOURCE else None, theme_from=theme.source,
        keymap=Path(keymap.value) if keymap.source != DEFAULT_SOURCE else None, keymap_from=keymap.source,
    )


def serve_grid(args: argparse.Namespace) -> int:
    """`tracker serve`: the grid in a browser, for the login that starts it."""
    import gc

    gc.enable()  # a server runs for days (see entry.run)
    from tracker.cli.common import db_path, open_store
    from tracker.core.errors import InputError
    from tracker.store.identity import current_login
    from tracker.tui.serve import GridServer, check_can_listen, exposure_warning

    if not 1 <= args.port <= 65535:
        raise InputError(f"Porten {args.port} finns inte. Ange ett tal 1–65535, t.ex. --port 8000.")
    # refuse a missing or unusable database, an unknown unit or a taken port now: not in every browser tab
    path = db_path(args)
    with open_store(args) as store:
        if args.unit:
            store.units.find(args.unit)
    problem = check_can_listen(args.host, args.port)
    if problem:
        raise InputError(problem)
    login = current_login()
    warning = exposure_warning(args.host, args.port, login)

    def announce() -> None:
        shown = f"[{args.host}]" if ":" in args.host else args.host
        print(f"Månadsstatistiken för {path} visas på http://{shown}:{args.port}/ som {login}.")
        if warning:
            print(warning)
        print("Avsluta med ctrl+c.", flush=True)

    # only a --unit given here is passed on: each session reads the config files itself
    GridServer(path, args.unit, args.host, args.port, announce).serve()
    return 0
