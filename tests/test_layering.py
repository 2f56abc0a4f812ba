"""The layering of design.md: core is pure, look-ups never load Textual, only store writes SQL."""

import ast
import subprocess
import sys
from pathlib import Path

from tests.support import process_env

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"


def _fresh_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run code in a new interpreter (what it imports is the point), with its own empty config."""
    env = process_env(XDG_CONFIG_HOME=str(tmp_path / "config"))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


def test_core_and_show_do_not_import_textual(tmp_path):
    code = (
        "import sys, tracker.core.stats, tracker.core.yearview, tracker.core.catalog\n"
        "from tracker.cli.main import main\n"
        f"main(['init', '--db', r'{tmp_path / 't.db'}'])\n"
        f"main(['show', 'bou.akt', '--db', r'{tmp_path / 't.db'}', '--format', 'json'])\n"
        "main(['units', '--db', r'" + str(tmp_path / "t.db") + "'])\n"
        "main(['config'])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = _fresh_python(code, tmp_path)
    assert result.returncode == 0, result.stderr


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_each_layer_imports_only_layers_below():
    forbidden = {
        "core": ("tracker.store", "tracker.io", "tracker.cli", "tracker.tui", "textual", "sqlite3", "sqlite_utils"),
        "store": ("tracker.io", "tracker.cli", "tracker.tui", "textual"),
        "io": ("tracker.cli", "tracker.tui", "textual"),
        "cli": ("tracker.tui", "textual"),
        "tui": ("tracker.cli",),
    }
    problems = []
    for layer, banned in forbidden.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                if name.startswith(banned) and path.name != "open_tui.py":
                    problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not problems, problems


def test_no_sql_above_the_store():
    problems = []
    for layer in ("core", "io", "cli", "tui"):
        for path in (PACKAGE / layer).rglob("*.py"):
            text = path.read_text("utf-8").lower()
            if ".execute(" in text or "db.query(" in text:
                problems.append(str(path.relative_to(PACKAGE)))
    assert not problems, problems


def _on_a_new_database(tmp_path: Path, lines: list[str]) -> subprocess.CompletedProcess:
    """Run the lines (DB stands for the database's path) in a new interpreter, on a database that
    `tracker init` has just made; fails with its error output if the code fails."""
    from tracker.cli.main import main

    db = tmp_path / "t.db"
    assert main(["init", "--db", str(db)]) == 0
    result = _fresh_python("\n".join(line.replace("DB", f"r'{db}'") for line in lines), tmp_path)
    assert result.returncode == 0, result.stderr
    return result


def test_show_on_an_up_to_date_database_does_not_load_the_migration_machinery(tmp_path):
    result = _on_a_new_database(tmp_path, [
        "import sys",
        "from tracker.cli.main import main",
        "main(['show', 'bou.akt', '--unit', 'IFO.BOU.MOTT', '--year', '2023', '--db', DB])",
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils was imported'",
        # what only writes, sealing and the TUI's drill-down need stays out of a look-up's start
        "for name in ('hashlib', 'tracker.core.drilldown', 'tomllib'):",
        "    assert name not in sys.modules, f'{name} was imported'",
    ])
    assert "Aktualiseringar barn och unga" in result.stdout


def test_set_and_the_grid_on_an_up_to_date_database_start_without_the_migration_machinery(tmp_path):
    _on_a_new_database(tmp_path, [
        "import sys",
        "from tracker.cli.main import main",
        "assert main(['set', 'IFO.BOU.MOTT', 'bou.akt', '2023-03', '12', '--db', DB]) == 0",
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils was imported by set'",
        "from tracker.store.store import Store",
        "store = Store.open(DB)",
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils was imported by Store.open'",
        # the grid's start reads neither the drill-down nor the migrations
        "import tracker.tui.app",
        "assert 'tracker.core.drilldown' not in sys.modules and 'sqlite_utils' not in sys.modules",
        # a write through sqlite_utils' table API brings it in, on the same connection
        "store.set_setting('app.theme', 'textual-light')",
        "assert 'sqlite_utils' in sys.modules and store.get_setting('app.theme') == 'textual-light'",
    ])


def test_the_read_path_knows_every_migration_by_name():
    from tracker.store.database import MIGRATION_NAMES
    from tracker.store.schema import migrations

    assert MIGRATION_NAMES == tuple(m.name for m in migrations._migrations)
