"""Modal dialogs of the grid: unit picker, measure jump, year prompt, help and edit conflicts."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, Tree
from textual.widgets.option_list import Option

from tracker.core.errors import TrackerError
from tracker.core.periods import parse_year
from tracker.core.units import UnitTree


class UnitPicker(ModalScreen[str | None]):
    """The unit tree; Enter picks a unit (avdelning and förvaltning show the roll-up)."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", key_display="Esc", id="picker.cancel")]

    def __init__(self, tree: UnitTree, current: str) -> None:
        super().__init__()
        self.units = tree
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Byt enhet", classes="dialog-title")
            yield Label("Välj med ↑↓ och Enter. Avdelning och förvaltning visar summan av enheterna under.",
                        classes="dialog-help")
            tree: Tree[str] = Tree("Enheter", id="unit-tree")
            tree.show_root = False
            tree.guide_depth = 3
            nodes = {}
            cursor_node = None
            for _depth, unit in self.units.walk():
                parent = nodes.get(unit.parent, tree.root)
                label = Text(unit.name)
                label.append(f"  {unit.level_name.lower()} · {unit.code}", style="dim")
                if unit.is_enhet:
                    node = parent.add_leaf(label, data=unit.code)
                else:
                    node = parent.add(label, data=unit.code, expand=True)
                nodes[unit.code] = node
                if unit.code == self.current:
                    cursor_node = node
            self._cursor_node = cursor_node
            yield tree

    def on_mount(self) -> None:
        tree = self.query_one(Tree)
        tree.focus()
        if self._cursor_node is not None:
            tree.move_cursor(self._cursor_node)

    @on(Tree.NodeSelected)
    def _picked(self, event: Tree.NodeSelected) -> None:
        event.stop()
        self.dismiss(event.node.data)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MeasureJump(ModalScreen[int | None]):
    """Type part of a measure's name; Enter jumps to the highlighted match."""

    BINDINGS = [
        Binding("escape", "cancel", "Avbryt", key_display="Esc", id="jump.cancel"),
        Binding("down", "down", "Nästa", show=False, id="jump.down"),
        Binding("up", "up", "Föregående", show=False, id="jump.up"),
    ]

    def __init__(self, entries: list[tuple[int, str]]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Gå till mått", classes="dialog-title")
            yield Input(placeholder="Skriv en del av namnet eller koden", id="jump-input")
            yield OptionList(*self._options(""), id="jump-list")

    def _options(self, text: str) -> list[Option]:
        folded = text.casefold().strip()
        return [Option(label, id=str(index)) for index, label in self.entries if folded in label.casefold()]

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Submitted)
    def _submit(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(int(options.get_option_at_index(options.highlighted).id))
        else:
            self.notify("Inget mått matchar. Prova en kortare del av namnet.", severity="warning")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
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
        self.dismiss(None)


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
