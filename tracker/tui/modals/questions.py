"""Questions that wait for an answer: yes or no, a line of text, a year."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tracker.core.errors import TrackerError
from tracker.core.periods import parse_year


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; dismisses True for Ja and False for Nej or Esc."""

    BINDINGS = [
        Binding("j,y", "answer(True)", "Ja", key_display="j", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Nej", key_display="n", id="confirm.no"),
    ]

    def __init__(self, question: str, *, default_yes: bool = False) -> None:
        super().__init__()
        self.question = question
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-question", id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
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

    BINDINGS = [Binding("escape", "cancel", "Avbryt", key_display="Esc", id="prompt.cancel")]

    def __init__(self, question: str, placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-question", id="prompt-question")
            yield Input(placeholder=self.placeholder, id="prompt-input")
            yield Label("Enter sparar, Esc avbryter.", classes="dialog-help", id="prompt-help")

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


class YearPrompt(ModalScreen[int | None]):
    """Ask for a year."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", key_display="Esc", id="year.cancel")]

    def __init__(self, year: int) -> None:
        super().__init__()
        self.year = year

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small"):
            yield Label("Byt år", classes="dialog-title")
            yield Input(str(self.year), placeholder="ÅÅÅÅ, t.ex. 2023", id="year-input")
            yield Static("", id="year-error", classes="dialog-error")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(parse_year(event.value.strip()))
        except TrackerError as exc:
            self.query_one("#year-error", Static).update(str(exc))

    def action_cancel(self) -> None:
        """Close without a year."""
        self.dismiss(None)
