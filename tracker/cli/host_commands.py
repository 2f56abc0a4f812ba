"""`tracker config` and `tracker serve`: running the program on a shared host."""

from __future__ import annotations

import argparse

from tracker.cli.common import add_db_option, add_format_option, console, print_json
from tracker.config import KEYS, load_config

# What an unset value means, in the words `tracker config` uses.
UNSET = {
    "unit": "– (den första enheten i databasen)",
    "theme": "– (programmets standardtema)",
    "keymap": "– (programmets tangenter, se F1)",
}


def register(subparsers) -> None:
    p = subparsers.add_parser("config", help="visa inställningarna som gäller och var varje värde kommer ifrån")
    add_db_option(p)
    p.add_argument("--unit", metavar="ENHET", help="visa som om rutnätet öppnades med --unit")
    add_format_option(p)
    p.set_defaults(func=cmd_config)

    p = subparsers.add_parser(
        "serve",
        help="visa månadsstatistiken i en webbläsare, som den inloggning som startar servern",
    )
    add_db_option(p)
    p.add_argument("--host", metavar="ADRESS", default="127.0.0.1", help="adress att lyssna på (standard: 127.0.0.1)")
    p.add_argument("--port", metavar="PORT", type=int, default=8000, help="port att lyssna på (standard: 8000)")
    p.add_argument("--unit", metavar="ENHET", help="öppna rutnätet på den här enheten")
    p.set_defaults(func=cmd_serve)


def cmd_config(args: argparse.Namespace) -> int:
    config = load_config(getattr(args, "db", None), getattr(args, "unit", None))
    if args.format == "json":
        print_json(
            {
                "settings": {s.key: {"value": s.value, "source": s.source} for s in config.settings()},
                "files": [{"path": str(path), "exists": exists} for path, exists in config.files],
            }
        )
        return 0
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    table.add_column("Inställning")
    table.add_column("Värde")
    table.add_column("Källa")
    for setting in config.settings():
        shown = setting.value if setting.value is not None else UNSET[setting.key]
        table.add_row(f"{KEYS[setting.key]} ({setting.key})", shown, setting.source)
    out = console()
    out.print(table)
    out.print("\nInställningsfiler, i den ordning de läses (en senare vinner; sedan TRACKER_DB och --db):")
    for path, exists in config.files:
        out.print(f"  {path}  ({'läst' if exists else 'finns inte'})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from tracker.cli.open_tui import serve_grid

    return serve_grid(args)
