"""A keymap file: other keys for the grid's commands, checked before the grid opens.

The file is TOML, one line per command: its binding id and the key (or keys, comma-separated),
e.g. `"app.pick-unit" = "e"`. Only the app's commands can move; the grid's own keys (digits,
arrows, Enter, Del, Esc …) stay, since typing a value depends on them.
"""

from __future__ import annotations

from pathlib import Path

from textual.keys import Keys

from tracker.core.errors import InputError
from tracker.core.toml_text import load_toml

EXAMPLE = '"app.pick-unit" = "e"'
_KEY_NAMES = frozenset(k.value for k in Keys)


def remappable_bindings() -> dict:
    """The app's bindings that a keymap may move, by id."""
    from tracker.tui.app import TrackerApp

    return {b.id: b for b in TrackerApp.BINDINGS if b.id and not b.system}


def grid_keys() -> frozenset[str]:
    """Keys the grid handles itself, which no command may take."""
    from tracker.tui.grid import DIRECT_KEYS, GridView

    keys = {k.strip() for b in GridView.BINDINGS for k in b.key.split(",")}
    return frozenset(keys | set(DIRECT_KEYS) | {"minus", "tab", "shift+tab", "backspace"})


def _valid_key(key: str) -> bool:
    return (len(key) == 1 and key.isprintable() and not key.isspace()) or key in _KEY_NAMES


def load_keymap(path: Path, source: str) -> dict[str, str]:
    """Read and check a keymap file named by `source`; returns binding id → keys for App.set_keymap."""
    where = f"Tangentfilen ”{path}” (från {source})"
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise InputError(f"{where} finns inte. Ändra keymap i inställningsfilen eller ta bort raden.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{where} går inte att läsa ({exc.__class__.__name__}).") from None
    data = load_toml(text, where, f"Skriv en rad per kommando, t.ex. {EXAMPLE}.")
    bindings = remappable_bindings()
    reserved = grid_keys()
    keymap: dict[str, str] = {}
    for binding_id, value in data.items():
        if binding_id not in bindings:
            raise InputError(
                f"{where}: ”{binding_id}” är inget kommando som kan få en annan tangent. "
                f"Välj bland: {', '.join(bindings)}."
            )
        keys = [k.strip() for k in value.split(",")] if isinstance(value, str) else []
        if not keys or not all(keys):
            raise InputError(f"{where}: {binding_id} ska vara en tangent inom citattecken, t.ex. {EXAMPLE}.")
        for key in keys:
            if not _valid_key(key):
                raise InputError(f"{where}: ”{key}” är ingen tangent. Skriv t.ex. e, ctrl+e eller f6.")
            if key in reserved:
                raise InputError(f"{where}: ”{key}” används av rutnätet och kan inte ges till {binding_id}.")
        keymap[binding_id] = ",".join(keys)
    # every command must still have keys of its own, so that no key does two things
    owner: dict[str, str] = {}
    for binding_id, binding in bindings.items():
        for key in keymap.get(binding_id, binding.key).split(","):
            key = key.strip()
            if key in owner:
                raise InputError(f"{where}: tangenten ”{key}” skulle gälla både {owner[key]} och {binding_id}.")
            owner[key] = binding_id
    return keymap
