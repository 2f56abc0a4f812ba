"""Översikt: a unit's key rows for a month and the year so far against last year and the riktvärde,
with the enheter that have not reported; the same rows and texts as `tracker overview`."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from tracker.core.overview import Overview, overview_cells, overview_headers, overview_notes
from tracker.core.periods import MIN_YEAR, Month
from tracker.core.stats import TARGET_SYMBOL, TARGET_TEXT
from tracker.io.overview import REPORTING_HEADING, not_reported_lines, read_overview, row_lines
from tracker.tui.keybar import KeyBar
from tracker.tui.modals import UnitPicker
from tracker.tui.model import shorten_label

MONTHS = Binding.Group("Byt månad")
# Which columns of overview_headers stay when the screen is narrow, most wanted first: the name,
# the month, the year so far with its trend and riktvärde status, then the comparisons. The
# columns left out are in the line under the table for the row under the cursor.
PRIORITY = (0, 1, 4, 8, 10, 2, 5, 7, 9, 6, 3)
LEFT_COLUMNS = (0, 3, 8, 10)
NAME_MIN = 20
PADDING = 2  # DataTable's cell padding, both sides together


def fitting_columns(heads: list[str], cells: list[list[str]], width: int) -> tuple[list[int], int]:
    """The columns (in their order) that fit in `width` by PRIORITY, and the width left for the name."""
    widths = [max(len(t) for t in (head, *(row[i] for row in cells))) + PADDING for i, head in enumerate(heads)]
    room = width - NAME_MIN - PADDING - 2  # the scrollbar and a margin
    shown = [0]
    for i in PRIORITY[1:]:
        if widths[i] <= room:
            shown.append(i)
            room -= widths[i]
    return sorted(shown), NAME_MIN + room


class OverviewScreen(Screen[tuple[str, str, Month] | None]):
    """The overview of a unit for a month; dismisses with (unit, measure, month) to open in the grid."""

    BINDINGS = [
        Binding("escape", "close", "Tillbaka", key_display="Esc", tooltip="Tillbaka till rutnätet", id="overview.close"),
        Binding("enter", "open", "Öppna i rutnätet", tooltip="Visa måttet i rutnätet, vid månaden",
                id="overview.open"),
        Binding("left_square_bracket", "month(-1)", "Föregående månad", tooltip="Visa månaden innan",
                id="overview.previous-month", group=MONTHS),
        Binding("right_square_bracket", "month(1)", "Nästa månad", tooltip="Visa månaden efter",
                id="overview.next-month", group=MONTHS),
        Binding("u", "pick_unit", "Byt enhet", tooltip="Översikten för en annan enhet, avdelning eller förvaltning",
                id="overview.pick-unit"),
    ]
    HELP_KEYS = [
        ("Trend", "Hittills i år mot samma månader föregående år: pil och förbättrats/oförändrat/försämrats"),
        ("Status", "Hittills i år mot riktvärdet: "
         + ", ".join(f"{TARGET_SYMBOL[level]} {text}" for level, text in TARGET_TEXT.items())),
        ("Raden under", "Den markerade raden i sin helhet, med kolumnerna som inte får plats"),
    ]

    def __init__(self, store, unit_code: str, month: Month, today: date | None = None) -> None:
        super().__init__()
        self.store = store
        self.unit_code = unit_code
        self.month = month
        self.today = today or date.today()
        self.overview: Overview | None = None
        self._shown: tuple[list[int], int] | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="overview-title")
        yield DataTable(id="overview-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="overview-detail")
        with VerticalScroll(id="overview-notes"):
            yield Static("", id="overview-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        if self.overview is not None and self._columns(event.size.width) != self._shown:
            self._fill_table(event.size.width)

    # -- data --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the overview of the unit and month and show it."""
        self.overview = read_overview(self.store, self.unit_code, self.month, today=self.today)
        ov = self.overview
        title = Text(ov.heading, style="bold")
        if ov.caption:
            title.append(f"  ·  {ov.caption}", style="italic")
        self.query_one("#overview-title", Label).update(title)
        self._fill_table(self.app.size.width)
        lines = []
        if ov.reporting_line:
            # first: who has not reported is what is acted on, and a short screen shows it still
            lines += [f"{REPORTING_HEADING} · {ov.reporting_line}", *(f"  {line}" for line in not_reported_lines(ov)), ""]
        lines += [ov.compared + ".", *overview_notes(ov)]
        self.query_one("#overview-text", Static).update(Text("\n".join(lines)))
        self._show_detail()

    def _columns(self, width: int) -> tuple[list[int], int]:
        ov = self.overview
        return fitting_columns(overview_headers(ov), [overview_cells(row) for row in ov.rows], width)

    def _fill_table(self, width: int) -> None:
        ov = self.overview
        heads = overview_headers(ov)
        cells = [overview_cells(row) for row in ov.rows]
        # only when the columns change: a table filled twice before it is drawn keeps the first widths
        self._shown = self._columns(width)
        shown, name_width = self._shown
        table = self.query_one("#overview-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        for i in shown:
            table.add_column(Text(heads[i], justify="left" if i in LEFT_COLUMNS else "right"), key=str(i))
        for row, texts in zip(ov.rows, cells, strict=True):
            table.add_row(
                *[Text(shorten_label(texts[i], name_width) if i == 0 else texts[i],
                       justify="left" if i in LEFT_COLUMNS else "right") for i in shown],
                key=row.measure.code,
            )
        if ov.rows:
            table.move_cursor(row=min(cursor, len(ov.rows) - 1))

    def _show_detail(self) -> None:
        """The row under the cursor in full, with the columns a narrow screen leaves out."""
        detail = self.query_one("#overview-detail", Static)
        row = self._cursor_row()
        if row is None:
            detail.update(Text("Enheten har inga mått att visa för månaden."))
            return
        name, *rest = row_lines(overview_headers(self.overview), overview_cells(row))
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(name, style="bold")
        for line in rest:
            text.append("\n" + line)
        detail.update(text)

    def _cursor_row(self):
        if self.overview is None or not self.overview.rows:
            return None
        table = self.query_one("#overview-table", DataTable)
        return self.overview.rows[min(table.cursor_row, len(self.overview.rows) - 1)]

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        if self.overview is not None:
            self._show_detail()

    @on(DataTable.RowSelected)
    def _chosen(self) -> None:
        self.action_open()

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The next month is offered up to the current one, as `tracker overview` takes."""
        if action == "month" and parameters:
            step = int(parameters[0])
            target = self._stepped(step)
            return target is not None
        return True

    def _stepped(self, step: int) -> Month | None:
        month = self.month.next() if step > 0 else self.month.previous()
        if month > Month(self.today.year, self.today.month) or month.year < MIN_YEAR:
            return None
        return month

    def action_month(self, step: int) -> None:
        """Show the month before or after."""
        month = self._stepped(step)
        if month is not None:
            self.month = month
            self.reload()
            self.refresh_bindings()

    def action_pick_unit(self) -> None:
        """The overview of another unit."""

        def chosen(code: str | None) -> None:
            if code is not None and code != self.unit_code:
                self.unit_code = code
                self.reload()

        self.app.push_screen(UnitPicker(self.store.units, self.unit_code), chosen)

    def action_open(self) -> None:
        """Open the grid at the row's measure and the overview's month."""
        row = self._cursor_row()
        if row is not None:
            self.dismiss((self.overview.unit.code, row.measure.code, self.month))

    def action_close(self) -> None:
        """Back to the grid."""
        self.dismiss(None)

