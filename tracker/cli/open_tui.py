"""Opening the full-screen grid; the only place the command line imports Textual."""

from __future__ import annotations

import argparse
import sys


def open_grid(args: argparse.Namespace) -> int:
    """Open the månadsstatistik grid on the chosen database."""
    from tracker.cli.common import db_path, require_database

    path = db_path(args)
    require_database(path)
    if not sys.stdout.isatty():
        sys.stderr.write(
            f"tracker: månadsstatistiken behöver en terminal. Databasen är {path}; "
            "använd t.ex. `tracker show MÅTT` i skript.\n"
        )
        return 2
    from tracker.tui.app import run_app

    return run_app(args)
