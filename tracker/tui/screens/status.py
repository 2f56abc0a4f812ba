"""Inrapportering: which enheter have reported which months (saknas / påbörjad / klar / låst)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from tracker.core.errors import TrackerError
from tracker.core.periods import MAX_YEAR, MIN_YEAR, Month, last_completed_month
from tracker.core.reporting import STATUS_LABELS, STATUS_SYMBOLS, STATUSES, status_summary
from tracker.core.swedish import month_name
from tracker.tui.key_names import key_display
from tracker.tui.keybar import KeyBar
from tracker.tui.modals import TextPrompt
from tracker.tui.watch import WATCH_SECONDS, SavesWatch

# Status words are styled with theme-independent rich styles only as emphasis; the word and
# symbol carry the meaning, so nothing depends on colour.
_STYLES = {"saknas": "dim", "påbörjad": "", "klar": "bold", "låst": "bold", "stängd": "dim"}


YEARS = Binding.Group("Byt år")
# The widest status cell ("◐ påbörjad"), so every month column has one width whatever it holds.
CELL_WIDTH = max(len(f"{STATUS_SYMBOLS[s]} {s}") for s in STATUSES)
# The unit names may take this much of a narrow terminal; longer ones end in "…".
NAME_SHARE = 0.3


def status_cell(status: str) -> Text:
    """A grid cell: symbol and word, e.g. "✓ klar"."""
    return Text(f"{STATUS_SYMBOLS[status]} {status}", style=_STYLES[status])


def name_cell(name: str, width: int) -> Text:
    """An enhet's name cut to the column's width."""
    return Text(name if len(name) <= width else name[: width - 1] + "…")


class StatusTable(DataTable):
    """The months scroll sideways a whole month at a time, so none shows half its text ("r" of "✓ klar")."""

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        super()._scroll_cursor_into_view(animate=False)
        step = CELL_WIDTH + 2 * self.cell_padding
        snapped = -(-int(self.scroll_x) // step) * step
        if snapped != self.scroll_x:
            self.scroll_to(x=min(snapped, self.max_scroll_x), animate=False, force=True)


class StatusScreen(Screen[None]):
    """The Inrapportering grid: enheter at or under a unit (all when None) × the year's months."""

    BINDINGS = [
        Binding("escape", "close", "Tillbaka", id="status.close"),
        Binding("r", "report", "Rapportera månad", tooltip="Öppna formuläret för enheten och månaden",
                id="status.report"),
        Binding("l", "lock", "Lås månaden", tooltip="Lås markörens månad för enheterna (administratör)",
                id="status.lock"),
        Binding("u", "unlock", "Lås upp", tooltip="Lås upp månaden, med en orsak (administratör)",
                id="status.unlock"),
        Binding("left_square_bracket", "year(-1)", "Föregående år", id="status.previous-year", group=YEARS),
        Binding("right_square_bracket", "year(1)", "Nästa år", id="status.next-year", group=YEARS),
    ]
    # The keys the table handles itself, and the symbols, for the help (F1).
    HELP_KEYS = [
        ("↑ ↓ ← →", "Flytta markören mellan enheter och månader"),
        (key_display("enter"), "Rapportera månad för enheten och månaden under markören"),
        *((STATUS_SYMBOLS[s], STATUS_LABELS[s]) for s in STATUSES),
    ]

    def __init__(self, store, year: int, unit_code: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.year = year
        self.unit = store.units.find(unit_code) if unit_code else None
        self.view = None
        self._shown_name_width = 0

    def compose(self) -> ComposeResult:
        yield Label("", id="status-title")
        # the unit's name stays in view when the months scroll sideways
        yield StatusTable(id="status-grid", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield Static("", id="status-summary")
        yield Static("", id="status-message")
        yield Label(
            "  ".join(f"{STATUS_SYMBOLS[s]} {STATUS_LABELS[s].lower()}" for s in STATUSES), id="status-legend"
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload(initial=True)
        self.query_one(DataTable).focus()
        self._watch = SavesWatch(self.store)
        self.set_interval(WATCH_SECONDS, self._show_others_changes)

    def _show_others_changes(self) -> None:
        """Show the enheter others have reported since the screen was read (on the 3rd of the
        month a controller watches it fill); when another screen is on top, at the first look after."""
        if self.app.screen is self and self._watch.changed():
            self.store.refresh()
            self.reload()

    # -- data --------------------------------------------------------------------------------

    def reload(self, initial: bool = False) -> None:
        """Read the statuses again and redraw, keeping the cursor where it was."""
        table = self.query_one("#status-grid", DataTable)
        cursor = table.cursor_coordinate
        self.view = self.store.reporting_status(self.year, self.unit.code if self.unit else None)
        where = f" · {self.unit.name}" if self.unit else ""
        self.query_one("#status-title", Label).update(f"Inrapportering {self.year}{where}")
        table.clear(columns=True)
        # Widths are given, not measured from the cells: the table measures them only when idle,
        # which a screen under another (the form, Historik) is not, and then showed "✓ k".
        name_width = self._shown_name_width = self._name_width()
        table.add_column("Enhet", key="unit", width=name_width)
        for m in self.view.months:
            table.add_column(month_name(m.month, True), key=str(m), width=CELL_WIDTH)
        for enhet in self.view.enheter:
            row = self.view.grid[enhet.code]
            table.add_row(name_cell(enhet.name, name_width), *[status_cell(row[m]) for m in self.view.months],
                          key=enhet.code)
        if initial:
            table.move_cursor(row=0, column=self._default_month().month)
        else:
            table.move_cursor(row=cursor.row, column=cursor.column)
        self._summarise()

    def _name_width(self) -> int:
        """The names' column: as wide as the longest name, within a share of a narrow terminal; where
        the months scroll, wide enough that the months beside it are whole ones."""
        longest = max((len(e.name) for e in self.view.enheter), default=len("Enhet"))
        width = self.app.size.width or 160
        name = max(len("Enhet"), min(longest, max(16, int(width * NAME_SHARE))))
        padding = 2 * self.query_one("#status-grid", DataTable).cell_padding
        step = CELL_WIDTH + padding
        room = width - 1 - name - padding  # less the vertical scrollbar, when there is one
        if room < step * len(self.view.months):
            name += room % step
        return name

    def on_resize(self) -> None:
        if self.view is not None and self._name_width() != self._shown_name_width:
            self.reload()

    def _default_month(self) -> Month:
        """The latest month anyone has started, else the month being reported now (last month)."""
        started = [m for m in self.view.months if any(self.view.grid[e][m] != "saknas" for e in self.view.grid)]
        if started:
            return started[-1]
        current = last_completed_month(getattr(self.app, "today", None) or date.today())
        return current if current.year == self.year else Month(self.year, 1)

    def cursor_month(self) -> Month:
        """The month of the cursor's column (January when on the name column)."""
        column = self.query_one("#status-grid", DataTable).cursor_coordinate.column
        return Month(self.year, max(column, 1))

    def cursor_unit(self) -> str | None:
        """The enhet of the cursor's row."""
        if not self.view or not self.view.enheter:
            return None
        row = self.query_one("#status-grid", DataTable).cursor_coordinate.row
        return self.view.enheter[min(row, len(self.view.enheter) - 1)].code

    def _summarise(self) -> None:
        month = self.cursor_month()
        grid = self.view.grid
        text = status_summary(grid, {u.code: u.name for u in self.view.enheter}, month)
        self.query_one("#status-summary", Static).update(Text(text))

    def _message(self, text: str, error: bool = False) -> None:
        message = self.query_one("#status-message", Static)
        message.update(Text(text))
        message.set_class(error, "-error")

    # -- events and actions ------------------------------------------------------------------

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        if self.view is not None:
            self._summarise()

    @on(DataTable.CellSelected)
    def _selected(self) -> None:
        self.action_report()

    def action_report(self) -> None:
        """Open Rapportera månad for the enhet and month under the cursor."""
        unit = self.cursor_unit()
        if unit is None:
            return
        from tracker.tui.screens.report_month import ReportMonthScreen

        self.app.push_screen(ReportMonthScreen(self.store, unit, self.cursor_month()), lambda _saved: self.reload())

    def action_lock(self) -> None:
        """Lock the cursor's month for every enhet shown (admin only)."""
        month = self.cursor_month()
        try:
            result = self.store.lock_month(month, self.unit.code if self.unit else None)
        except TrackerError as exc:
            self._message(str(exc), error=True)
            self.app.bell()
            return
        names = {u.code: u.name for u in self.view.enheter}
        count = "1 enhet" if len(result.changed) == 1 else f"{len(result.changed)} enheter"
        text = f"Låste {month.label()} för {count}."
        if not result.changed:
            text = f"{month.label().capitalize()} var redan låst för alla enheter."
        if result.not_reported:
            text += " Obs, hade inte rapporterat: " + ", ".join(names[c] for c in result.not_reported) + "."
        self._message(text)
        self.reload()

    def action_unlock(self) -> None:
        """Unlock the cursor's month for every enhet shown (admin only, with a reason for the log)."""
        month = self.cursor_month()

        def answered(reason: str | None) -> None:
            if not (reason or "").strip():
                self._message(f"{month.label().capitalize()} är fortfarande låst: ingen orsak angavs.")
                return
            try:
                result = self.store.unlock_month(month, reason.strip(), self.unit.code if self.unit else None)
            except TrackerError as exc:
                self._message(str(exc), error=True)
                self.app.bell()
                return
            count = "1 enhet" if len(result.changed) == 1 else f"{len(result.changed)} enheter"
            if result.changed:
                self._message(f"Låste upp {month.label()} för {count}.")
            else:
                self._message(f"{month.label().capitalize()} var inte låst.")
            self.reload()

        self.app.push_screen(
            TextPrompt(f"Varför låses {month.label()} upp? (orsaken sparas i historiken)", "t.ex. Rättelse efter revision"),
            answered,
        )

    def action_year(self, step: int) -> None:
        """Show the previous or next year."""
        year = self.year + step
        if MIN_YEAR <= year <= MAX_YEAR:
            self.year = year
            self.reload()

    def action_close(self) -> None:
        """Back to where the status was opened."""
        self.dismiss(None)
