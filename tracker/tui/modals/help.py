"""The help (F1): every key of the grid and the app, as the keymap left them, and the grid's marks."""

from __future__ import annotations

from rich.text import Text
from textual.actions import parse
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tracker.core.presentation import COMMENT_MARK, PARTIAL_MARK
from tracker.core.stats import TARGET_SYMBOL, TARGET_TEXT
from tracker.tui.key_names import key_display
from tracker.tui.keymap import by_id

HelpRow = tuple[str, str, str]  # keys, what they do, and a longer explanation (may be empty)


def help_rows(app: App, keymap: dict[str, str]) -> list[HelpRow]:
    """The rows of the grid's help: one per command (keys of a group or of one action together), then the marks."""
    from tracker.tui.grid import GridView

    commands = by_id([*GridView.BINDINGS, *type(app).BINDINGS], keymap)
    rows = command_rows(commands)

    def keys_of(binding_id: str) -> str:
        return " / ".join(key_display(b.key) for b in commands[binding_id])

    rows += [
        (f"{keys_of('grid.up')} {keys_of('grid.down')}", "Under en ändring: spara och gå till raden ovanför/nedanför", ""),
        ("Mus", "Klicka för att flytta, dubbelklicka för att ändra", ""),
        (COMMENT_MARK, f"Efter ett värde: cellen har en kommentar (se Historik, {keys_of('app.history')})", ""),
        (PARTIAL_MARK, "Efter en summering: någon enhet har inte rapporterat månaden", ""),
        ("± och %", "Förändringen mot samma period föregående år, i måttets enhet och i procent", ""),
        ("tkr", "Kronor visas i tusental; hela beloppet står på raden under rutnätet", ""),
        (" ".join(TARGET_SYMBOL.values()), "I Trend: riktvärdet " + " / ".join(TARGET_TEXT.values())
         + " (orden står under rutnätet när markören är till höger om månaderna)", ""),
    ]
    return rows


def screen_help_rows(bindings, keymap: dict[str, str], notes: list[HelpRow] = ()) -> list[HelpRow]:
    """The help of a full screen: its own commands, those of the app that stay active over it, and
    `notes` (what its marks and columns mean)."""
    from tracker.tui.keymap import over_screens

    return command_rows(by_id([*bindings, *over_screens()], keymap)) + list(notes)


def command_rows(commands: dict[str, list[Binding]]) -> list[HelpRow]:
    """One help row per command of some bindings by id (keymap.by_id): a group's keys, or one
    action's keys, together."""
    # one row per group of keys ("↑ ↓ ← →") or per action ("Enter / F2")
    entries: dict[str, tuple[list[str], str, str, str]] = {}  # name → keys, joiner, description, detail
    for bindings in commands.values():
        first = bindings[0]
        if first.system or not first.description:
            continue  # a key without a description is listed with another (1–9 under 0–9)
        if first.group:
            entry = (first.group.description, ([], " ", first.group.description, ""))
        else:
            entry = (parse(first.action)[1], ([], " / ", first.description, first.tooltip))
        keys = entries.setdefault(*entry)[0]
        for binding in bindings:
            shown = binding.key_display or key_display(binding.key)
            if shown not in keys:
                keys.append(shown)
    return [(joiner.join(keys), description, detail) for keys, joiner, description, detail in entries.values()]


class HelpScreen(ModalScreen[None]):
    """Every key of the grid with its Swedish description."""

    BINDINGS = [
        Binding("escape,f1,q", "close", "Stäng", key_display="Esc", id="help.close"),
    ]

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        key_width = max(len(k) for k, _, _ in self.rows) + 2
        # the explanations line up after the longest command that has one
        name_width = max((len(d) for _, d, detail in self.rows if detail), default=0) + 2
        text = Text()
        for key, description, detail in self.rows:
            text.append(key.ljust(key_width), style="bold")
            if detail:
                text.append(description.ljust(name_width))
                text.append(detail, style="dim")
            else:
                text.append(description)
            text.append("\n")
        with Vertical(classes="dialog wide"):
            yield Label("Hjälp – tangenter", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(text, id="help-text")
            yield Label("Esc eller F1 stänger.", classes="dialog-help")

    def action_close(self) -> None:
        """Back to the grid."""
        self.dismiss(None)
