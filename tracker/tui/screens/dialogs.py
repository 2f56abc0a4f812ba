"""Small modal questions the reporting screens ask: yes/no and a line of text."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

_DIALOG_CSS = """
{name} {{
    align: center middle;
    background: $background 60%;
}}
{name} > Vertical {{
    width: 72;
    height: auto;
    padding: 1 2;
    border: thick $primary;
    background: $surface;
}}
{name} .question {{
    width: 100%;
    margin-bottom: 1;
}}
{name} Horizontal {{
    height: auto;
    align-horizontal: right;
}}
{name} Button {{
    margin-left: 2;
}}
"""


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; dismisses True for Ja and False for Nej or Esc."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="ConfirmScreen")
    BINDINGS = [
        Binding("j,y", "answer(True)", "Ja", key_display="j", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Nej", key_display="n", id="confirm.no"),
    ]

    def __init__(self, question: str, *, default_yes: bool = False) -> None:
        super().__init__()
        self.question = question
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="question", id="confirm-question")
            with Horizontal():
                yield Button("Ja (j)", id="yes", variant="primary" if self.default_yes else "default")
                yield Button("Nej (n)", id="no", variant="default" if self.default_yes else "primary")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class TextPrompt(ModalScreen[str | None]):
    """Asks for one line of text; Enter gives the text (never empty), Esc gives None."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="TextPrompt")
    BINDINGS = [Binding("escape", "cancel", "Avbryt", key_display="Esc", id="prompt.cancel")]

    def __init__(self, question: str, placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="question", id="prompt-question")
            yield Input(placeholder=self.placeholder, id="prompt-input")
            yield Label("Enter sparar, Esc avbryter.", id="prompt-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.query_one("#prompt-help", Label).update("Skriv något först, eller tryck Esc för att avbryta.")
            self.app.bell()
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
