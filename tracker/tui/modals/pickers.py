"""Pickers over the grid: the unit tree, and a measure found by part of its name."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Tree
from textual.widgets.option_list import Option

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
