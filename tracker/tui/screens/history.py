"""Historik: every change of one cell, with who, when, old → new, source and reason, and its comments."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from tracker.core.catalog import PART_NAMES
from tracker.core.errors import TrackerError
from tracker.core.periods import Month, period_label
from tracker.core.presentation import format_value, source_name
from tracker.tui.key_names import key_display
from tracker.tui.keybar import KeyBar
from tracker.tui.modals import TextPrompt


def _time(at: str) -> str:
    return at[:16].replace("T", " ")


class HistoryScreen(Screen[None]):
    """The history and comments of one cell (part "" for an unsplit row or a split row's total)."""

    BINDINGS = [
        Binding("escape", "close", "Tillbaka", id="history.close"),
        Binding("k,f4", "comment", "Kommentar", tooltip="Skriv en kommentar till cellen; den sparas direkt",
                id="history.comment"),
    ]
    # The keys the list handles itself, for the help (F1).
    HELP_KEYS = [
        (f"↑ ↓ {key_display('pageup')} {key_display('pagedown')}", "Bläddra bland ändringarna"),
    ]

    def __init__(self, store, unit: str, measure: str, part: str, period: Month | int) -> None:
        super().__init__()
        self.store = store
        self.unit = store.units.find(unit)
        self.measure = store.catalog.find(measure)
        self.part = (part or "").upper()
        self.period = period

    @property
    def parts(self) -> list[str]:
        """The parts whose changes are shown: the given one, or every part of a split row's total."""
        return [self.part] if self.part else [""] + list(self.measure.parts)

    def compose(self) -> ComposeResult:
        when = period_label(self.period)
        part = f" · {PART_NAMES[self.part]}" if self.part else ""
        yield Label(f"Historik · {self.unit.name} · {self.measure.name}{part} · {when}", id="history-title")
        with VerticalScroll():
            yield Static("", id="history-lock")
            yield Label("Ändringar", classes="heading")
            yield DataTable(id="history-changes", cursor_type="row", zebra_stripes=True)
            yield Label("Kommentarer", classes="heading")
            yield Static("", id="history-comments")
            yield Static("", id="history-message")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#history-changes", DataTable)
        columns = ["Tid", "Vem"]
        if len(self.parts) > 1:
            columns.append("Del")
        table.add_columns(*columns, "Från", "Till", "Källa", "Orsak")
        self.refresh_history()
        table.focus()

    def refresh_history(self) -> None:
        """Reload changes, comments and lock events from the store."""
        store, unit, measure = self.store, self.unit.code, self.measure
        changes = []
        for part in self.parts:
            for r in store.history(unit, measure.code, part, self.period):
                changes.append((r.at, part, r))
        changes.sort(key=lambda c: c[0])
        table = self.query_one("#history-changes", DataTable)
        table.clear()
        for _at, part, r in changes:
            cells = [_time(r.at), r.login]
            if len(self.parts) > 1:
                cells.append(PART_NAMES.get(part, "Totalt"))
            cells += [format_value(measure, r.old), format_value(measure, r.new), source_name(r.source, r.file),
                      r.reason or ""]
            table.add_row(*cells)
        if not changes:
            table.add_row("Inga ändringar", *[""] * (len(table.columns) - 1))

        lines = []
        for part in self.parts:
            for c in store.comments(unit, measure.code, part, self.period):
                where = f" ({PART_NAMES[part].lower()})" if part else ""
                lines.append(f"{_time(c.at)} {c.login}{where}: {c.text}")
        for c in store.comments(unit, "", "", self.period):
            lines.append(f"{_time(c.at)} {c.login} (hela månaden): {c.text}")
        self.query_one("#history-comments", Static).update(
            Text("\n".join(lines) if lines else "Inga kommentarer. Tryck k för att skriva en.")
        )

        events = store.lock_history(unit, self.period)
        lock_lines = []
        if store.is_locked(unit, self.period):
            lock_lines.append("Månaden är låst.")
        for e in events:
            what = "låste" if e.action == "lock" else "låste upp"
            lock_lines.append(f"{_time(e.at)} {e.login} {what}" + (f" – {e.reason}" if e.reason else ""))
        self.query_one("#history-lock", Static).update(Text("\n".join(lock_lines)))

    def action_close(self) -> None:
        """Back to where the history was opened."""
        self.dismiss(None)

    def action_comment(self) -> None:
        """Write a short comment on this cell."""

        def got_text(text: str | None) -> None:
            if not text:
                return
            message = self.query_one("#history-message", Static)
            try:
                self.store.add_comment(self.unit.code, self.period, text, measure=self.measure.code, part=self.part)
            except TrackerError as exc:
                message.update(Text(str(exc)))
                message.add_class("-error")
                return
            message.update("Kommentaren sparades i cellens historik.")
            message.remove_class("-error")
            self.refresh_history()

        self.app.push_screen(TextPrompt("Kommentar till cellen (inga personuppgifter):"), got_text)
