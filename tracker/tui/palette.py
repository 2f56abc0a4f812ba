"""The command palette (ctrl+p) in Swedish: the app's commands, with the keys the keymap gave them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from rich.align import Align
from rich.text import Text
from textual.actions import parse
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from tracker.tui.key_names import binding_display
from tracker.tui.keymap import by_id

NO_MATCHES = "Inga träffar"


class SwedishCommandPalette(CommandPalette):
    """The command palette, saying "Inga träffar" instead of Textual's English."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual writes "No matches found" inside this method and offers no setting for it: the
        # same steps with the Swedish words (guarded by a test that searches for nothing).
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)


def palette_commands(app: App, keymap: dict[str, str]) -> Iterable[SystemCommand]:
    """The app's commands for the palette: each binding's description, its explanation and its key."""
    offers = getattr(app, "offers", lambda _action: True)
    for bindings in by_id(type(app).BINDINGS, keymap).values():
        binding = bindings[0]
        _namespace, name, params = parse(binding.action)
        if binding.system or binding.action == "command_palette" or not offers(name):
            continue
        # the method itself, as a key would call it: the palette's choice is not hidden by the
        # state the palette was opened in
        yield SystemCommand(binding.description, f"{binding.tooltip} ({binding_display(binding)})",
                            partial(getattr(app, f"action_{name}"), *params))
