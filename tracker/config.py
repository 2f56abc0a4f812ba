"""The configuration in effect: the system file, the user's file, TRACKER_DB and --db, each value with its source.

Shared by the command line and the grid, and free of Textual so look-ups stay fast.
"""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from platformdirs import user_config_path

from tracker.core.errors import InputError
from tracker.core.toml_text import load_toml

ENV_DB = "TRACKER_DB"
SYSTEM_CONFIG = Path("/etc/tracker/tracker.toml")
CONFIG_NAME = "tracker.toml"
_CHECKOUT_DB_DIR = Path(__file__).resolve().parents[1] / "db"

# The keys a config file may hold, with what `tracker config` calls them.
KEYS = {"database": "databas", "unit": "enhet", "theme": "tema", "keymap": "tangentfil"}
PATH_KEYS = ("database", "keymap")
DEFAULT_SOURCE = "standard"


class Setting(NamedTuple):
    """One value in effect and where it came from (a file's path, TRACKER_DB, a flag or "standard")."""

    key: str
    value: str | None
    source: str


class Config(NamedTuple):
    """The settings in effect and the config files looked at, in the order they were read."""

    database: Setting
    unit: Setting
    theme: Setting
    keymap: Setting
    files: tuple[tuple[Path, bool], ...]

    @property
    def database_path(self) -> Path:
        return Path(self.database.value)

    def settings(self) -> list[Setting]:
        return [self.database, self.unit, self.theme, self.keymap]


def system_config_path() -> Path:
    """/etc/tracker/tracker.toml: written by whoever runs the host."""
    return SYSTEM_CONFIG


def user_config_file() -> Path:
    """The user's own file in the platform's config folder (~/.config/tracker/tracker.toml on Linux)."""
    return user_config_path("tracker") / CONFIG_NAME


def default_db_path() -> Path:
    """db/tracker.db in the checkout (or the current folder when installed elsewhere)."""
    folder = _CHECKOUT_DB_DIR if _CHECKOUT_DB_DIR.is_dir() else Path.cwd() / "db"
    return folder / "tracker.db"


def chosen_database(config: Config) -> Path:
    """The database the settings name; the default's folder (db/) is made, so that init can create it."""
    path = config.database_path
    if path == default_db_path():
        path.parent.mkdir(parents=True, exist_ok=True)
    return path


def read_config_file(path: Path) -> dict[str, str]:
    """The settings in one file, by key; a missing file is empty, anything malformed is refused."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except PermissionError:
        raise InputError(
            f"Inställningsfilen ”{path}” går inte att läsa: du saknar behörighet. Ge filen läsrätt, eller "
            "kontrollera att HOME pekar på din egen hemmapp."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Inställningsfilen ”{path}” går inte att läsa ({exc.__class__.__name__}).") from None
    accepted = ", ".join(KEYS)
    data = load_toml(text, f"Inställningsfilen ”{path}”", f"Nycklar som används: {accepted}.")
    settings = {}
    for key, value in data.items():
        if key not in KEYS:
            raise InputError(
                f"Inställningsfilen ”{path}” har nyckeln ”{key}”, som inte används. Nycklar som används: {accepted}."
            )
        if not isinstance(value, str) or not value.strip():
            raise InputError(f'Inställningsfilen ”{path}”: {key} ska vara en text inom citattecken, t.ex. {key} = "…".')
        settings[key] = value.strip()
    for key in PATH_KEYS:
        if key in settings:
            # a relative path is relative to the file that names it, not to wherever the user stands
            settings[key] = str((path.parent / Path(settings[key]).expanduser()).resolve())
    return settings


def load_config(
    db_flag: str | None = None, unit_flag: str | None = None, environ: Mapping[str, str] | None = None
) -> Config:
    """The settings in effect: system file < user file < TRACKER_DB < --db (and --unit for the unit)."""
    environ = os.environ if environ is None else environ
    values: dict[str, Setting] = {key: Setting(key, None, DEFAULT_SOURCE) for key in KEYS}
    values["database"] = Setting("database", str(default_db_path()), DEFAULT_SOURCE)
    files = []
    for path in (system_config_path(), user_config_file()):
        found = read_config_file(path)
        files.append((path, path.is_file()))
        for key, value in found.items():
            values[key] = Setting(key, value, str(path))
    if environ.get(ENV_DB):
        values["database"] = Setting("database", str(Path(environ[ENV_DB]).expanduser()), ENV_DB)
    if db_flag:
        values["database"] = Setting("database", str(Path(db_flag).expanduser()), "--db")
    if unit_flag:
        values["unit"] = Setting("unit", unit_flag, "--unit")
    return Config(values["database"], values["unit"], values["theme"], values["keymap"], tuple(files))
