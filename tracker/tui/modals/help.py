"""The help: every key that applies in the grid, with its Swedish description."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class HelpScreen(ModalScreen[None]):
    """Every key of the grid with its Swedish description."""

    BINDINGS = [
        Binding("escape,f1,q", "close", "Stäng", key_display="Esc", id="help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max(len(k) for k, _ in self.rows) + 2
        text = Text()
        for key, description in self.rows:
            text.append(key.ljust(width), style="bold")
            text.append(description + "\n")
        with Vertical(classes="dialog wide"):
            yield Label("Hjälp – tangenter", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(text, id="help-text")
            yield Label("Esc eller F1 stänger.", classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
