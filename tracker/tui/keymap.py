"""A keymap file: other keys for the program's commands, checked before the grid opens.

The file is TOML, one line per command: its binding id and the key (or keys, comma-separated),
e.g. `"app.pick-unit" = "e"`. Every screen's commands can move, and so can the grid's cursor,
F2 and Delete keys. The keys that type a value and finish it (digits, minus, Enter, Tab, Esc,
Backspace) stay; a screen's widgets keep their own keys (a table's arrows, a field's letters).

Textual applies the keymap to every binding with that id (App.set_keymap); the grid, which
dispatches its keys itself, reads the same keymap through `keyed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingsMap, BindingType
from textual.keys import Keys, key_to_character

from tracker.core.errors import InputError
from tracker.core.toml_text import load_toml

EXAMPLE = '"app.pick-unit" = "e"'
_KEY_NAMES = frozenset(k.value for k in Keys)


def normalised(keys: str) -> list[str]:
    """Keys as Textual names them in key events: "[" is "left_square_bracket", "e" stays "e"."""
    return [b.key for b in Binding.make_bindings([Binding(keys, "")])]


def keyed(bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> BindingsMap:
    """The bindings by key after a keymap moved some of them (what Textual does for the footer)."""
    table = BindingsMap(bindings)
    if keymap:
        table.apply_keymap(dict(keymap))
    return table


def by_id(bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> dict[str, list[Binding]]:
    """Each binding id with its bindings (one per key) after the keymap, in declaration order."""
    found: dict[str, list[Binding]] = {}
    for _key, binding in keyed(bindings, keymap):
        found.setdefault(binding.id or binding.action, []).append(binding)
    order = {b.id or b.action: i for i, b in enumerate(Binding.make_bindings(bindings))}
    return dict(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))


@dataclass(frozen=True)
class KeyScope:
    """The commands active together on one screen, and the keys its widgets keep for themselves."""

    name: str  # for messages and the help's title: "rutnätet", "Rapportera månad"
    bindings: tuple[Binding, ...]
    kept: frozenset[str]  # keys no command may take here
    types_text: bool = False  # a text field has focus: printable keys are typed, not commands
    screen: type | None = None  # the screen the commands are active on (None: the grid's)


def _keys_of(*widget_bindings: Iterable[BindingType]) -> frozenset[str]:
    return frozenset(b.key for bindings in widget_bindings for b in Binding.make_bindings(bindings))


def scopes() -> list[KeyScope]:
    """Every screen's commands, with the app's commands that stay active over it."""
    from textual.widgets import Button, DataTable, Input, OptionList, Tree

    from tracker.tui import modals, screens
    from tracker.tui.app import TrackerApp
    from tracker.tui.grid import TYPING_KEYS, GridView

    commands = [b for b in TrackerApp.BINDINGS if not b.system]
    everywhere = tuple(b for b in commands if b.priority)  # the palette and quitting, over modals too
    over_screens = everywhere + tuple(b for b in commands if b.action == "help")
    field = _keys_of(Input.BINDINGS) | {"enter", "tab", "shift+tab", "backspace"}
    table = _keys_of(DataTable.BINDINGS)
    return [
        KeyScope("rutnätet", (*commands, *GridView.BINDINGS), TYPING_KEYS),
        KeyScope("Rapportera månad", (*over_screens, *screens.ReportMonthScreen.BINDINGS), field, types_text=True,
                 screen=screens.ReportMonthScreen),
        KeyScope("Historik", (*over_screens, *screens.HistoryScreen.BINDINGS), table, screen=screens.HistoryScreen),
        KeyScope("Inrapportering", (*over_screens, *screens.StatusScreen.BINDINGS), table,
                 screen=screens.StatusScreen),
        KeyScope("Diagram", (*over_screens, *screens.ChartScreen.BINDINGS), frozenset(), screen=screens.ChartScreen),
        KeyScope("Bakom summan", (*over_screens, *screens.DrillDownScreen.BINDINGS), table,
                 screen=screens.DrillDownScreen),
        KeyScope("Översikt", (*over_screens, *screens.OverviewScreen.BINDINGS), table, screen=screens.OverviewScreen),
        KeyScope("Byt enhet", (*everywhere, *modals.UnitPicker.BINDINGS), _keys_of(Tree.BINDINGS),
                 screen=modals.UnitPicker),
        KeyScope("Gå till mått", (*everywhere, *modals.MeasureJump.BINDINGS), field | _keys_of(OptionList.BINDINGS),
                 types_text=True, screen=modals.MeasureJump),
        KeyScope("Byt år", (*everywhere, *modals.YearPrompt.BINDINGS), field, types_text=True,
                 screen=modals.YearPrompt),
        KeyScope("frågor med text", (*everywhere, *modals.TextPrompt.BINDINGS), field, types_text=True,
                 screen=modals.TextPrompt),
        KeyScope("frågor med ja och nej", (*everywhere, *modals.ConfirmScreen.BINDINGS), _keys_of(Button.BINDINGS),
                 screen=modals.ConfirmScreen),
        KeyScope("ändringskonflikter", (*everywhere, *modals.ConflictScreen.BINDINGS), _keys_of(Button.BINDINGS),
                 screen=modals.ConflictScreen),
        KeyScope("hjälpen", (*everywhere, *modals.HelpScreen.BINDINGS), frozenset(), screen=modals.HelpScreen),
    ]


def scope_of(screen: object) -> KeyScope:
    """The commands of the screen shown (the grid's for the app's own screen)."""
    found = scopes()
    for scope in found:
        if scope.screen is not None and isinstance(screen, scope.screen):
            return scope
    return found[0]


def movable_bindings() -> dict[str, Binding]:
    """The bindings a keymap may move, by id: every command whose keys no widget keeps for itself."""
    found: dict[str, Binding] = {}
    for scope in scopes():
        for binding in scope.bindings:
            if binding.id and not binding.system and not set(normalised(binding.key)) & scope.kept:
                found.setdefault(binding.id, binding)
    return found


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
    movable = movable_bindings()
    keymap: dict[str, str] = {}
    written: dict[str, str] = {}  # each normalised key as the file wrote it, for messages
    for binding_id, value in data.items():
        if binding_id not in movable:
            raise InputError(
                f"{where}: ”{binding_id}” är inget kommando som kan få en annan tangent. "
                f"Välj bland: {', '.join(movable)}."
            )
        keys = [k.strip() for k in value.split(",")] if isinstance(value, str) else []
        if not keys or not all(keys):
            raise InputError(f"{where}: {binding_id} ska vara en tangent inom citattecken, t.ex. {EXAMPLE}.")
        for key in keys:
            if not _valid_key(key):
                raise InputError(f"{where}: ”{key}” är ingen tangent. Skriv t.ex. e, ctrl+e eller f6.")
            written[normalised(key)[0]] = key
        keymap[binding_id] = ",".join(normalised(",".join(keys)))
    for scope in scopes():
        _check_scope(scope, keymap, written, where)
    return keymap


def _check_scope(scope: KeyScope, keymap: dict[str, str], written: dict[str, str], where: str) -> None:
    """Refuse a moved key that the screen's widgets keep, or that another command of the screen has."""
    owner: dict[str, str] = {}
    for binding in scope.bindings:
        if not binding.id or binding.system or binding.id in owner.values():
            continue
        moved = binding.id in keymap
        for key in keymap[binding.id].split(",") if moved else normalised(binding.key):
            shown = written.get(key, key)
            if moved and key in scope.kept:
                raise InputError(f"{where}: ”{shown}” används av {scope.name} och kan inte ges till {binding.id}.")
            if moved and scope.types_text and key_to_character(key) is not None:
                raise InputError(
                    f"{where}: ”{shown}” skrivs i fälten i {scope.name} och kan inte ges till {binding.id}. "
                    "Välj en tangent med ctrl eller en F-tangent, t.ex. ctrl+e eller f6."
                )
            other = owner.get(key)
            if other is not None and other != binding.id and (moved or other in keymap):
                raise InputError(f"{where}: tangenten ”{shown}” skulle gälla både {other} och {binding.id}.")
            owner.setdefault(key, binding.id)
