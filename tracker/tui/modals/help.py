"""The help (F1): the keys of the screen it is opened from, as the keymap left them, and its marks.

Each screen's commands come from its bindings (keymap.scope_of); the keys its widgets handle
themselves (Tab in a form, the arrows of a table) and the marks it shows come from the screen's
HELP_KEYS, or for the grid from grid_rows below.
"""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.actions import parse
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tracker.core.presentation import COMMENT_MARK, PARTIAL_MARK, PERIOD_MARK
from tracker.core.stats import TARGET_SYMBOL, TARGET_TEXT
from tracker.tui.key_names import key_display, keys_display
from tracker.tui.keymap import by_id, scope_of

HelpRow = tuple[str, str, str]  # keys, what they do, and a longer explanation (may be empty)
DIALOG_WIDTH, DIALOG_HEIGHT = 84, 0.9  # .dialog.wide's width and .dialog's max-height in tracker.tcss
# Rows of the dialog around the help's text: border, title, closing line.
_CHROME = 6


def help_title(app: App, screen=None) -> str:
    """The help's title, naming the screen it explains."""
    scope = scope_of(app.screen if screen is None else screen)
    return f"Hjälp – {scope.name[:1].upper()}{scope.name[1:]}"


def help_rows(app: App, keymap: dict[str, str], screen=None) -> list[HelpRow]:
    """The rows of the help of a screen (default: the one shown): one per command (keys of a
    group or of one action together), the screen's own commands before the app's, then the keys
    its widgets handle and the marks it shows."""
    screen = app.screen if screen is None else screen
    scope = scope_of(screen)
    commands = by_id(scope.bindings, keymap)
    offers = getattr(app, "offers", lambda _action: True)
    # one row per group of keys ("↑ ↓ ← →") or per action ("Enter / F2")
    entries: dict[str, tuple[list[str], str, str, str]] = {}  # name → keys, joiner, description, detail
    for binding_id, bindings in sorted(commands.items(), key=lambda item: item[0].startswith("app.")):
        first = bindings[0]
        if first.system or not first.description:
            continue  # a key without a description is listed with another (1–9 under 0–9)
        if binding_id.startswith("app.") and not offers(parse(first.action)[1]):
            continue  # not offered here (Rapportera månad on a roll-up)
        if first.group:
            entry = (first.group.description, ([], " ", first.group.description, ""))
        else:
            entry = (parse(first.action)[1], ([], " / ", first.description, first.tooltip))
        keys = entries.setdefault(*entry)[0]
        for binding in bindings:
            shown = binding.key_display or key_display(binding.key)
            if shown not in keys:
                keys.append(shown)
    rows = [(joiner.join(keys), description, detail) for keys, joiner, description, detail in entries.values()]
    if scope.screen is None:
        return rows + grid_rows(commands)
    return rows + [(keys, description, "") for keys, description in getattr(scope.screen, "HELP_KEYS", ())]


def grid_rows(commands: dict[str, list[Binding]]) -> list[HelpRow]:
    """The grid's keys that only apply while editing, the mouse, and what its marks and columns mean."""

    def keys_of(binding_id: str) -> str:
        return keys_display(commands[binding_id])

    return [
        (f"{keys_of('grid.up')} {keys_of('grid.down')}", "Under en ändring: spara och gå till raden ovanför/nedanför", ""),
        ("Mus", "Klicka för att flytta, dubbelklicka för att ändra", ""),
        (COMMENT_MARK, f"Efter ett värde: cellen har en kommentar (se Historik, {keys_of('app.history')})", ""),
        (PARTIAL_MARK, "Efter en summering: någon enhet har inte rapporterat månaden", ""),
        (PERIOD_MARK, "Efter Hittills och Fg år: radens period är kortare än kolumnens (raden under rutnätet "
                      "säger vilka månader)", ""),
        ("Hittills", "Periodvärdet i år enligt Typ: summa, snitt, andel, kvot eller värdet vid periodens slut", ""),
        ("Fg år", "Samma period föregående år, över samma månader som Hittills", ""),
        ("± och %", "Förändringen mot samma period föregående år, i måttets enhet och i procent", ""),
        ("tkr", "Kronor visas i tusental; hela beloppet står på raden under rutnätet", ""),
        (" ".join(TARGET_SYMBOL.values()), "I Trend: riktvärdet " + " / ".join(TARGET_TEXT.values())
         + " (orden står under rutnätet när markören är till höger om månaderna)", ""),
        ("‹ ›", "Fler månader åt vänster eller höger: flytta markören dit", ""),
        ("Smalt fönster", "Under 100 kolumner visas markörens månad och samma månad föregående år, Hittills och "
                          "förändringen; flytta markören för fler månader", ""),
    ]


def _hanging(text: str, width: int, indent: int) -> str:
    """Text wrapped to a column `width` wide whose further lines start `indent` in."""
    lines = textwrap.wrap(text, max(12, width)) or [""]
    return ("\n" + " " * indent).join(lines)


class HelpScreen(ModalScreen[None]):
    """The keys of one screen with their Swedish descriptions; it scrolls when taller than the terminal."""

    BINDINGS = [
        Binding("escape,f1,q", "close", "Stäng", key_display="Esc", id="help.close"),
        # the text scrolls with these whatever has focus
        Binding("pageup", "scroll('page_up')", "", show=False),
        Binding("pagedown", "scroll('page_down')", "", show=False),
        Binding("home", "scroll('home')", "", show=False),
        Binding("end", "scroll('end')", "", show=False),
        Binding("up", "scroll('up')", "", show=False),
        Binding("down", "scroll('down')", "", show=False),
    ]

    def __init__(self, rows: list[HelpRow], title: str = "Hjälp") -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="help-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(self._text(self._text_width()), id="help-text")
            yield Label(self._closing_line(), classes="dialog-help", id="help-closing")

    def _text_width(self) -> int:
        """The width the text has inside the dialog (its border, padding and scrollbar taken off)."""
        screen = self.app.size.width or 100
        return min(DIALOG_WIDTH, int(screen * 0.95)) - 7  # max-width 95 %

    def _text(self, width: int) -> Text:
        """The rows in columns: keys, what they do, the explanation; a long text goes on under its own column."""
        key_width = max(len(k) for k, _, _ in self.rows) + 2
        # the explanations line up after the longest command that has one
        name_width = max((len(d) for _, d, detail in self.rows if detail), default=0) + 2
        text = Text()
        for i, (key, description, detail) in enumerate(self.rows):
            if i:
                text.append("\n")
            text.append(key.ljust(key_width), style="bold")
            if detail:
                text.append(description.ljust(name_width))
                indent = key_width + name_width
                text.append(_hanging(detail, width - indent, indent), style="dim")
            else:
                text.append(_hanging(description, width - key_width, key_width))
        return text

    def _closing_line(self) -> str:
        keys = " ".join(key_display(k) for k in ("pageup", "pagedown", "home", "end"))
        return f"Esc eller F1 stänger. {keys} och ↑ ↓ bläddrar."

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self.query_one("#help-text", Static).update(self._text(self._text_width()))
        self._fit()

    def _fit(self) -> None:
        # The text scrolls inside a dialog no taller than the terminal: a scroll area allowed more
        # lines than the screen has left would be cut off by it, and could not scroll to its end.
        room = max(3, int(self.size.height * DIALOG_HEIGHT) - _CHROME)
        self.query_one("#help-scroll", VerticalScroll).styles.max_height = room

    def action_scroll(self, how: str) -> None:
        """Scroll the text: a page, a line, or to the start or end."""
        scroll = self.query_one("#help-scroll", VerticalScroll)
        {
            "page_up": scroll.scroll_page_up, "page_down": scroll.scroll_page_down,
            "home": scroll.scroll_home, "end": scroll.scroll_end,
            "up": scroll.scroll_up, "down": scroll.scroll_down,
        }[how](animate=False)

    def action_close(self) -> None:
        """Back to the screen the help was opened from."""
        self.dismiss(None)
