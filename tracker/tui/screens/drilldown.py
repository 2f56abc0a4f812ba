"""Bakom summan: the units behind one cell of a roll-up's grid, with their values, shares and the
same period a year earlier; Enter opens a unit's grid at the same cell."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from tracker.core.drilldown import (
    CURRENT,
    MONTH,
    PREVIOUS,
    Breakdown,
    Cell,
    breakdown,
    breakdown_cells,
    breakdown_headers,
    total_name,
)
from tracker.core.entry import future_refusal
from tracker.core.periods import Month
from tracker.core.yearview import Row
from tracker.tui.keybar import KeyBar
from tracker.tui.model import COL_CURRENT, COL_PREVIOUS, MONTH_COLUMNS

TOTAL_KEY = "--total--"
NOT_A_CELL = "Bakom summan visas för en månad, Hittills och Fg år; flytta markören dit."


def drill_cell(row: Row, column: int, year: int, today: date) -> Cell | str:
    """The cell of a roll-up's grid to drill into, or why that column has nothing behind it."""
    measure = row.measure
    if column < MONTH_COLUMNS:
        month = Month(year, column + 1)
        reason = measure.no_value_reason(month) or future_refusal(month, today)
        return reason if reason else Cell(measure, row.part, year, MONTH, month)
    if column == COL_CURRENT:
        return Cell(measure, row.part, year, CURRENT)
    if column == COL_PREVIOUS:
        return Cell(measure, row.part, year, PREVIOUS)
    return NOT_A_CELL


def read_breakdown(store, unit_code: str, cell: Cell, enheter: bool = False) -> Breakdown:
    """The breakdown of a roll-up's cell read from the store (the cell's year and the two before,
    which the Fg år column of a Fg år cell needs); annual measures list the enheter, the only level
    that holds their values."""
    catalog = store.catalog_for(unit_code)
    measure = catalog.get(cell.measure.code)
    cell = Cell(measure, cell.part, cell.year, cell.column, cell.month)
    years = [cell.year - 2, cell.year - 1, cell.year]
    rollup = store.scope(unit_code, years, measures=[measure.code])
    below = store.breakdown_scopes(unit_code, years, [measure.code], enheter=enheter or measure.is_annual)
    return breakdown(catalog, store.units, store.units.get(unit_code), rollup, below, cell)


class DrillDownScreen(Screen[str | None]):
    """The units behind a roll-up cell; dismisses with the code of the unit to open, or None."""

    BINDINGS = [
        Binding("escape", "close", "Tillbaka", key_display="Esc", tooltip="Tillbaka till rutnätet",
                id="drill.close"),
        Binding("enter", "open", "Öppna", tooltip="Öppna radens rutnät vid samma cell", id="drill.open"),
        Binding("e", "toggle_enheter", "Enheter/avdelningar", tooltip="Enheterna i stället för avdelningarna, eller tvärtom",
                id="drill.enheter"),
        Binding("s", "toggle_sort", "Sortera", tooltip="Största värdet först, eller trädets ordning",
                id="drill.sort"),
    ]
    HELP_KEYS = [
        ("saknas", "Enheten rapporterar måttet men har inget värde för perioden (inte 0)"),
        ("Andel", "Radens del av totalen (visas inte för andelar och unika individer)"),
    ]

    def __init__(self, store, unit_code: str, cell: Cell, enheter: bool = False, by_value: bool = False,
                 selected: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.unit = store.units.get(unit_code)
        self.cell = cell
        self.enheter = enheter
        self.by_value = by_value  # the rows by value, largest first, rather than in tree order
        self.selected = selected
        self.breakdown: Breakdown | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="drill-title")
        yield Label("", id="drill-what")
        yield DataTable(id="drill-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="drill-notes")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(DataTable).focus()

    @property
    def has_avdelningar(self) -> bool:
        """Whether the unit has avdelningar under it, so that listing its enheter instead means something."""
        return any(not u.is_enhet for u in self.store.units.children(self.unit.code))

    def reload(self) -> None:
        """Read the breakdown and show it, with the cursor on the selected unit."""
        self.breakdown = read_breakdown(self.store, self.unit.code, self.cell, self.enheter)
        self._show()

    def _show(self) -> None:
        b = self.breakdown
        self.query_one("#drill-title", Label).update(Text(f"Bakom summan · {b.heading}", style="bold"))
        self.query_one("#drill-what", Label).update(Text(self._what(b)))
        table = self.query_one("#drill-table", DataTable)
        table.clear(columns=True)
        heads = breakdown_headers(b)
        for i, head in enumerate(heads):
            table.add_column(Text(head, justify="left" if i in (0, len(heads) - 1) else "right"), key=str(i))
        # the total first, held at the top, so that a long list scrolls under it
        total = breakdown_cells(b, b.total, total_name(b.unit))
        table.add_row(*self._cells(total, b.total.state, bold=True), key=TOTAL_KEY)
        table.fixed_rows = 1
        rows = list(b.rows)
        if self.by_value:
            # a missing value last, not as the smallest
            rows.sort(key=lambda r: (r.now.value is None, -(r.now.value or 0)))
        for row in rows:
            table.add_row(*self._cells(breakdown_cells(b, row), row.state), key=row.unit.code)
        codes = [row.unit.code for row in rows]
        table.move_cursor(row=1 + codes.index(self.selected) if self.selected in codes else min(1, len(rows)))
        self.query_one("#drill-notes", Static).update(Text("\n".join(b.notes)))
        self.refresh_bindings()

    def _what(self, b: Breakdown) -> str:
        level = b.level_word.lower().replace("enhet", "enheterna").replace("avdelning", "avdelningarna")
        share = " med andel av totalen" if b.shares else ""
        period = "månad" if len(b.now.months) == 1 else "period"
        return (
            f"{level.capitalize()} under {b.unit.name}, {b.now.label}{share}, mot samma {period} föregående år "
            f"({b.before.label}). Enter öppnar radens rutnät."
        )

    @staticmethod
    def _cells(texts: list[str], state: str, bold: bool = False) -> list[Text]:
        last = len(texts) - 1
        out = []
        for i, text in enumerate(texts):
            style = "bold" if bold else ""
            if i and state and text == state:
                style += " italic"  # a word where a number would be: not to be read as a value
            out.append(Text(text, style=style.strip(), justify="left" if i in (0, last) else "right"))
        return out

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Listing the enheter instead is offered where there are avdelningar between."""
        if action == "toggle_enheter":
            return self.has_avdelningar and not self.cell.measure.is_annual
        return True

    def selected_code(self) -> str | None:
        """The unit of the cursor's row, or None on the total row."""
        table = self.query_one("#drill-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key == TOTAL_KEY else key

    @on(DataTable.RowSelected)
    def _chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Open the grid of the unit under the cursor at the same cell."""
        code = self.selected_code()
        if code is None:
            self.notify(f"Det är totalen för {self.unit.name}; välj en rad ovanför.", title="Bakom summan")
            return
        self.dismiss(code)

    def action_toggle_enheter(self) -> None:
        """List the enheter instead of the avdelningar, or the other way round."""
        self.selected = self.selected_code()
        self.enheter = not self.enheter
        self.reload()

    def action_toggle_sort(self) -> None:
        """Sort the rows by value, largest first, or back in the tree's order."""
        self.selected = None  # to the top of the new order: the largest first
        self.by_value = not self.by_value
        self._show()

    def action_close(self) -> None:
        """Back to the grid."""
        self.dismiss(None)

