"""An edit conflict: someone else changed the cell after it was read."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ConflictScreen(ModalScreen[str]):
    """Someone else changed the cell: keep their value or write ours over it."""

    BINDINGS = [
        Binding("escape", "theirs", "Behåll deras", key_display="Esc", id="conflict.theirs"),
        Binding("left,right", "switch", "Byt knapp", show=False, id="conflict.switch"),
    ]

    def __init__(self, what: str, theirs: str, mine: str) -> None:
        super().__init__()
        self.what, self.theirs, self.mine = what, theirs, mine

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Någon annan har ändrat värdet", classes="dialog-title")
            yield Static(
                f"{self.what} ändrades av någon annan efter att du läste det.\n"
                f"Deras värde: {self.theirs}\nDitt värde:  {self.mine}\n"
                "Ingenting är sparat ännu. Vilket värde ska gälla?",
                id="conflict-text",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"Behåll deras ({self.theirs})", id="theirs", variant="primary")
                yield Button(f"Skriv mitt ({self.mine})", id="mine", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#theirs", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_theirs(self) -> None:
        self.dismiss("theirs")

    def action_switch(self) -> None:
        self.focus_next()
