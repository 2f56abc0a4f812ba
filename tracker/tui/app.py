"""The Textual app: the månadsstatistik grid of one unit and year, read and edited in place.

The module is long because the app holds one state (the unit, the year, the loaded grid) that
every part changes: loading, the title and status lines, saving a cell with its questions (an
unlikely value, a locked month, someone else's change) and the commands. Opening the app
(launch), the command palette, key names and the help live in modules of their own.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from tracker.core.entry import JUMP_QUESTION, parse_entry
from tracker.core.errors import ConflictError, NotPermitted, ReasonRequired, TrackerError
from tracker.core.periods import Month, last_completed_month, period_label
from tracker.core.presentation import COMMENT_MARK, PARTIAL_MARK, format_value
from tracker.core.scope import Scope, check_value
from tracker.core.swedish import format_number
from tracker.store.database import read_only_notice
from tracker.store.store import Store
from tracker.store.values_store import Change, ChangeRecord
from tracker.tui import STYLESHEET
from tracker.tui.grid import GridView
from tracker.tui.key_names import binding_display
from tracker.tui.keybar import InfoLine, KeyBar
from tracker.tui.keymap import by_id
from tracker.tui.modals import (
    ConfirmScreen,
    ConflictScreen,
    HelpScreen,
    MeasureJump,
    TextPrompt,
    UnitPicker,
    YearPrompt,
)
from tracker.tui.modals.help import help_rows, help_title
from tracker.tui.model import (
    MONTH_COLUMNS,
    GridData,
    KeptGrids,
    column_headers,
    column_period,
    describe_cell,
    first_editable_line,
    load_grid,
    readonly_reason,
)
from tracker.tui.palette import SwedishCommandPalette, palette_commands
from tracker.tui.watch import WATCH_SECONDS, SavesWatch

YEARS = Binding.Group("Byt år")
# Actions that act on the grid: hidden while a cell is edited or another screen is on top.
GRID_ACTIONS = frozenset({
    "previous_year", "next_year", "pick_unit", "goto_measure", "choose_year", "export",
    "report_month", "reporting_status", "history", "reload", "chart", "drill_down", "overview", "back",
})
# Commands about one enhet's cells: not offered (footer, help, palette) on a roll-up, where the
# key says why instead.
ENHET_ACTIONS = frozenset({"report_month", "history"})

if TYPE_CHECKING:  # the drill-down is read when Bakom summan first opens, not at start
    from tracker.core.drilldown import Cell


class Trail(NamedTuple):
    """A step from a roll-up's cell to a unit behind it, to go back along (Esc)."""

    unit: str  # the roll-up
    year: int
    key: tuple[str, str]  # the row
    column: int
    cell: Cell
    enheter: bool  # the breakdown listed the enheter rather than the avdelningar
    by_value: bool  # and sorted by value
    to_unit: str  # the unit opened


class TrackerApp(App):
    """The grid of one unit's year. Pass a Store; unit, year, month and today are optional."""

    CSS_PATH = STYLESHEET
    TITLE = "Månadsstatistik"
    ENABLE_COMMAND_PALETTE = True

    # The tooltip explains a command in the palette and the help; the footer shows the description.
    BINDINGS = [
        # first, so that the footer shows it first where it applies (after Enter in Bakom summan)
        Binding("escape", "back", "Tillbaka", key_display="Esc",
                tooltip="Till summeringen du kom ifrån (Bakom summan)", id="app.back"),
        Binding("[", "previous_year", "Föregående år", tooltip="Visa året innan", id="app.previous-year",
                group=YEARS),
        Binding("]", "next_year", "Nästa år", tooltip="Visa året efter", id="app.next-year", group=YEARS),
        Binding("y", "choose_year", "Välj år", show=False, tooltip="Skriv in ett år", id="app.choose-year"),
        Binding("u", "pick_unit", "Byt enhet", tooltip="Välj enhet, avdelning eller förvaltning", id="app.pick-unit"),
        Binding("g,slash", "goto_measure", "Gå till mått", tooltip="Sök ett mått på namn eller kod",
                id="app.goto-measure"),
        Binding("r", "report_month", "Rapportera månad", tooltip="Fyll i enhetens månad i ett formulär",
                id="app.report-month"),
        Binding("i", "reporting_status", "Inrapportering", tooltip="Vilka enheter har rapporterat vilka månader",
                id="app.reporting-status"),
        Binding("h", "history", "Historik", tooltip="Alla ändringar och kommentarer för cellen", id="app.history"),
        Binding("f5,ctrl+r", "reload", "Uppdatera", tooltip="Läs om värdena från databasen", id="app.reload"),
        # after the keys a unit head needs every month, so that a narrow footer cuts these first
        Binding("c", "chart", "Diagram", tooltip="Raden de senaste fem åren, per månad och per år",
                id="app.chart"),
        Binding("d", "drill_down", "Bakom summan",
                tooltip="Enheterna bakom en summerad cell (Enter i en summering)",
                id="app.drill-down"),
        Binding("o", "overview", "Översikt", tooltip="Månadens nyckeltal mot fg år och riktvärde",
                id="app.overview"),
        Binding("ctrl+e", "export", "Exportera", show=False, tooltip="Exportera enhetens år till en fil",
                id="app.export"),
        Binding("f1", "help", "Hjälp", tooltip="Visa alla tangenter", id="app.help"),
        Binding("ctrl+q", "quit", "Avsluta", tooltip="Stäng programmet", id="app.quit", priority=True),
        Binding("ctrl+p", "command_palette", "Kommandon", tooltip="Sök bland kommandona", id="app.palette",
                priority=True),
        Binding("ctrl+c", "help_quit", "Avsluta?", show=False, system=True, id="app.help-quit"),
    ]

    def __init__(
        self,
        store,
        unit: str | None = None,
        year: int | None = None,
        month: int | None = None,
        today: date | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today or date.today()
        self._kept_grids = KeptGrids()
        default = last_completed_month(self.today)
        tree = store.units
        if unit is None:
            first = tree.first_enhet() or tree.top()
            unit = first.code if first else None
        else:
            unit = tree.find(unit).code
        self.unit_code = unit
        self.year = year if year is not None else default.year
        if month is None:
            month = default.month if self.year == default.year else (12 if self.year < default.year else 1)
        self.start_month = month
        self.notice = notice
        self.data: GridData | None = None
        self.keymap: dict[str, str] = {}
        self._trail: list[Trail] = []

    def use_keymap(self, keymap: dict[str, str]) -> None:
        """Move commands to other keys (binding id → keys), as read from a keymap file: for Textual's
        bindings (footer, screens) and for the grid, which resolves its keys itself."""
        self.keymap = dict(keymap)
        self.set_keymap(keymap)
        if self.is_running:
            self.grid.use_keymap(self.keymap)

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield InfoLine(id="title")
        yield InfoLine(id="demo")
        yield GridView(column_headers(self.year, self.today), submit=self.submit, clear=self.clear,
                       keymap=self.keymap, catalog=lambda: self.store.catalog, id="grid")
        yield InfoLine(id="message")
        yield InfoLine(id="status")
        yield KeyBar(id="keys")

    def _check_file(self) -> None:
        with Store.open_for_reading(self.store.path, login=self.store.login) as reader:
            problems = reader.quick_check()
        self.call_from_thread(self._warn_of_file_problems, problems)

    def _warn_of_file_problems(self, problems: list[str]) -> None:
        if problems:
            self._warnings.append(
                f"Databasen har ändrats utanför programmet ({format_number(len(problems))} problem). Kör tracker check för detaljer."
            )
            self._show_warnings()

    def _show_warnings(self) -> None:
        bar = self.query_one("#demo", InfoLine)
        bar.display = bool(self._warnings)
        if self._warnings:
            bar.update(Text("  ·  ".join(f"⚠ {w}" for w in self._warnings)))

    @property
    def grid(self) -> GridView:
        return self.query_one("#grid", GridView)

    def on_load(self) -> None:
        # The cycle collector would walk the whole start-up heap (Textual's widgets, the catalog,
        # the first grid) about once while the grid opens: a tenth of the start. It pauses until
        # the first paint. (Freezing what start-up made out of later collections was tried: with
        # so few objects left to count, full collections then ran far more often and a save took
        # a sixth longer.)
        self._paused_collector = gc.isenabled()
        gc.disable()
        self.call_after_refresh(self._started)

    def _started(self) -> None:
        if self._paused_collector:
            self._paused_collector = False
            gc.enable()

    def on_unmount(self) -> None:
        self._started()  # an app closed before its first paint leaves the collector as it found it

    def on_mount(self) -> None:
        self._warnings = [self.store.demo_label] if self.store.demo_label else []
        if self.store.read_only:
            self._warnings.append(read_only_notice(self.store.path))
        self._show_warnings()
        if self.store.path is None:
            self._warn_of_file_problems(self.store.quick_check())
        else:
            # Comparing every stored value with the log takes seconds on a förvaltning's ten years:
            # done after the first paint on a connection of its own in a thread, so the grid opens at once.
            self.call_after_refresh(self.run_worker, self._check_file, thread=True, group="file-check",
                                    exit_on_error=False)
        if self.unit_code is None:
            self._say("Det finns inga enheter i databasen. Lägg till en med `tracker units add KOD NAMN`.", "error")
            return
        self._load(keep_cursor=False)
        column = self.start_month - 1
        line = first_editable_line(self.data, column)
        if line is not None:
            self.grid.move_to(line, column)
        self.grid.focus()
        if self.notice:
            self._say(self.notice, "notice")
        self._watch = SavesWatch(self.store)
        self.set_interval(WATCH_SECONDS, self._show_others_changes)

    # -- loading ----------------------------------------------------------------------------

    def _show_others_changes(self) -> None:
        """Show what other people have saved since the grid was read: at once when nobody types
        here and the grid is the screen shown, else at the first look after that."""
        if self.data is None or len(self.screen_stack) > 1 or self.grid.editing or not self._watch.changed():
            return
        self.store.refresh()
        self._load()

    def _load(self, keep_cursor: bool = True, change: Change | None = None) -> None:
        """Read the unit's year from the store and show it; after our own save, pass the change."""
        if change is None:
            self.data = self._kept_grids.load(self.store, self.unit_code, self.year, self.today)
        else:
            # after our own save: the grid as it was, with what the save changed
            self.data = load_grid(self.store, self.unit_code, self.year, self.data, change, today=self.today)
        if change is not None:
            key = (change.measure, change.part, change.period)
            self.data.revisions[key] = change.revision
            now = datetime.now().astimezone().isoformat(timespec="seconds")
            self.data.last_changes[key] = ChangeRecord(now, self.store.login, "tui", change.old, change.new,
                                                       None, None)
        grid = self.grid
        headers = column_headers(self.year, self.today)
        if headers != grid.headers:
            grid.headers = headers
            keep_cursor = False
        grid.set_data(self.data, keep_cursor=keep_cursor)
        self._update_title()

    def _switch(self, unit: str | None = None, year: int | None = None) -> None:
        """Show another unit or year, picking up other processes' changes on the way."""
        grid = self.grid
        line = grid.current_line
        key = line.row.key if line is not None and line.row is not None else None
        column = grid.cursor_column
        if unit is not None:
            self.unit_code = unit
        if year is not None:
            self.year = year
        reporting = last_completed_month(self.today)
        if column < MONTH_COLUMNS and self.year == reporting.year and column + 1 > reporting.month:
            # a month that has not been reported yet takes no value: go to the one being reported
            column = reporting.month - 1
        self.store.refresh()
        # the keys offered depend on the unit (a roll-up or an enhet, the way back) and on an edit:
        # a year switch without an edit leaves them as they are
        keys_change = unit is not None or grid.edit is not None
        grid.edit = None
        self._load(keep_cursor=False)
        target = self.data.find_row(*key) if key else None
        if target is None:
            target = first_editable_line(self.data, min(column, MONTH_COLUMNS - 1))
        if target is not None:
            grid.move_to(target, column)
        if keys_change:
            self.refresh_bindings()
        self._say("")

    def _update_title(self) -> None:
        unit = self.store.units.get(self.unit_code)
        path = [u.name for u in reversed(self.store.units.path(unit.code)[:-1])]
        title = Text()
        # the year first: at 80 columns the unit path is what gets cut off
        title.append(f" År {self.year} ◂[ ]▸ │ ")
        title.append(unit.name, style="bold")
        title.append(f" ({unit.level_name.lower()}")
        title.append(", summering – skrivskyddad)" if not unit.is_enhet else ")")
        if path:
            title.append(" · " + " · ".join(path))
        if self.store.path is not None:
            # which file is open matters on a shared host, where several may exist side by side
            title.append(f" │ Databas: {self.store.path}")
        self.query_one("#title", InfoLine).update(title)

    # -- status -----------------------------------------------------------------------------

    def _say(self, message: str, kind: str = "info") -> None:
        """Show a one-line message under the grid (refusals, saves, notices)."""
        bar = self.query_one("#message", InfoLine)
        bar.set_classes(f"-{kind}")
        bar.update(Text(message))

    @on(GridView.CursorMoved)
    def _show_cell(self) -> None:
        grid = self.grid
        line = grid.current_line
        if line is None or self.data is None:
            self.query_one("#status", InfoLine).update("")
            return
        first, second, third = describe_cell(line, grid.cursor_column, self.year, grid.end, grid.hidden)
        extra = []
        if line.row is not None:
            period = column_period(line.row, grid.cursor_column, self.year)
            if period is not None:
                change = self.data.last_changes.get((line.row.measure.code, line.row.part, period))
                if change is not None:
                    extra.append(f"Senast ändrad {change.at[:10]} {change.at[11:16]} av {change.login}.")
                if (line.row.measure.code, line.row.part, str(period)) in self.data.comments:
                    extra.append(f"{COMMENT_MARK} Cellen har en kommentar (h visar den).")
                missing = self.data.partial.get(line.row.key, {}).get(period)
                if missing:
                    names = ", ".join(self.store.units.get(c).name for c in sorted(missing) if c in self.store.units)
                    extra.append(f"{PARTIAL_MARK} Ofullständig summa: {names} har inte rapporterat.")
                if isinstance(period, Month) and period in self.data.locked:
                    extra.append("Månaden är låst: bara en administratör kan ändra, med en orsak.")
            reason = readonly_reason(line, grid.cursor_column, self.year, self.today)
            if reason and grid.cursor_column < MONTH_COLUMNS and period is None:
                extra.append(reason)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(first, style="bold")
        text.append("\n" + (second or "–"))
        text.append("\n" + " ".join(x for x in [third, *extra] if x))
        self.query_one("#status", InfoLine).update(text)

    # -- editing ----------------------------------------------------------------------------

    @on(GridView.Refused)
    def _refused(self, event: GridView.Refused) -> None:
        hint = ""
        if self.data is not None and self.data.rollup:
            hint = f" Enter eller {self.key_of('drill_down')} visar enheterna bakom summan."
        self._say(f"Kan inte ändras: {event.reason}{hint}", "error")

    def key_of(self, action: str) -> str:
        """The key of an app command as the keymap left it, as the footer shows it."""
        for bindings in by_id(type(self).BINDINGS, self.keymap).values():
            if bindings[0].action == action:
                return binding_display(bindings[0])
        return ""

    @on(GridView.Dismissed)
    def _dismissed(self, event: GridView.Dismissed) -> None:
        # the grid takes Esc first (it cancels an edit); without one, Esc goes back along the
        # drill-down trail where there is one, else it clears the message line
        if not event.cancelled and self.check_action("back", ()):
            self.action_back()
        else:
            self._say("")

    def submit(self, index: int, column: int, typed: str, move: int = 1) -> None:
        """Save what was typed into a cell; on success close the editor and move on."""
        grid = self.grid
        try:
            value = parse_entry(typed, self.data.lines[index].row.measure)
        except TrackerError as exc:
            grid.set_edit_error(str(exc))
            self._say(str(exc), "error")
            return
        # one repaint for the save, the closed editor and the move to the next row
        with self.batch_update():
            if self._write(index, column, value, grid_edit=True):
                grid.stop_edit()
                self._after_save(index, column, move)

    def clear(self, index: int, column: int) -> None:
        """Clear a cell to missing."""
        self._write(index, column, None)

    def _write(self, index: int, column: int, value: int | None, grid_edit: bool = False,
               expected: int | None = None, reason: str | None = None, confirmed: bool = False) -> bool:
        """Write one cell through the store; show refusals and conflicts; True when written."""
        line = self.data.lines[index]
        row = line.row
        period = column_period(row, column, self.year)
        if period is None:
            return False
        key = (row.measure.code, row.part, period)
        if expected is None:
            expected = self.data.revisions.get(key, 0)
        old = row.months.get(period) if isinstance(period, Month) else row.comparison.current.value
        if not confirmed and value is not None and value != old:
            # a value that will be refused anyway (role, varav over its parent) is not asked about first
            values = {**self.data.scope.values, key: value}
            try:
                refusal = self.store.write_refusal(self.unit_code)
                if refusal:
                    raise NotPermitted(refusal)
                check_value(self.store.catalog, Scope(values), row.measure, row.part, period, value)
            except TrackerError as exc:
                if grid_edit:
                    self.grid.set_edit_error(str(exc))
                self._say(str(exc), "error")
                return False
            doubt = self.store.plausibility_refusal(self.unit_code, row.measure, row.part, period, value)
            if doubt:
                self._ask_plausible(index, column, value, grid_edit, expected, reason, doubt)
                return False
        try:
            change = self.store.set_value(
                self.unit_code, row.measure.code, period, value, part=row.part, source="tui",
                expected_revision=expected, reason=reason,
            )
        except ConflictError as exc:
            self._conflict(index, column, value, exc)
            return False
        except ReasonRequired:
            self._ask_reason(index, column, value, grid_edit, expected, period)
            return False
        except TrackerError as exc:
            if grid_edit:
                self.grid.set_edit_error(str(exc))
            self._say(str(exc), "error")
            return False
        if change is not None:
            self._load(change=change)
        when = period_label(period)
        self._say(
            f"Sparat: {row.measure.label(row.part)} · {when}: {format_value(row.measure, old)} → "
            f"{format_value(row.measure, value)}.",
            "ok",
        )
        return True

    def _ask_plausible(self, index: int, column: int, value: int, grid_edit: bool, expected: int | None,
                       reason: str | None, doubt: str) -> None:
        """An implausible value is saved only after the user says it is right, as in the form."""

        def answered(yes: bool | None) -> None:
            if not yes:
                self._say("Ingenting sparades; rätta värdet eller bekräfta det.", "info")
                return
            if self._write(index, column, value, grid_edit, expected, reason=reason, confirmed=True) and grid_edit:
                self.grid.stop_edit()
                self._after_save(index, column, 1)

        row = self.data.lines[index].row
        label = row.measure.label(row.part)  # "…, flickor", not the bare part name of the grid's line
        self.push_screen(ConfirmScreen(f"{label}: {doubt} {JUMP_QUESTION}", default_yes=True), answered)

    def _ask_reason(self, index: int, column: int, value: int | None, grid_edit: bool, expected: int | None,
                    period: Month | int) -> None:
        """A locked period: an admin may change it after giving a reason, which goes into the log."""
        when = period.label().capitalize() if isinstance(period, Month) else f"År {period}"

        def answered(text: str | None) -> None:
            if not (text or "").strip():
                self._say(f"{when} är låst; ingenting ändrades utan en orsak.", "info")
                return
            written = self._write(index, column, value, grid_edit, expected, reason=text.strip(), confirmed=True)
            if written and grid_edit:
                self.grid.stop_edit()
                self._after_save(index, column, 1)

        question = f"{when} är låst. Varför ändras värdet? (orsaken sparas i historiken)"
        self.push_screen(TextPrompt(question, "t.ex. Rättelse efter revision"), answered)

    def _after_save(self, index: int, column: int, move: int) -> None:
        """Move on to the next row that takes a value in the same column, as in a spreadsheet."""
        if not move:
            return
        lines = self.data.lines
        i = index + move
        while 0 <= i < len(lines):
            if readonly_reason(lines[i], column, self.year, self.today) is None:
                self.grid.move_to(i, column)
                return
            i += move

    def _conflict(self, index: int, column: int, value: int | None, exc: ConflictError) -> None:
        row = self.data.lines[index].row
        period = column_period(row, column, self.year)
        when = period_label(period)
        what = f"”{row.measure.label(row.part)}” för {when}"
        theirs = format_value(row.measure, exc.current_value)
        mine = format_value(row.measure, value)

        def decided(choice: str | None) -> None:
            self.grid.stop_edit()
            if choice == "mine":
                self._write(index, column, value, expected=exc.current_revision)
            else:
                self.store.invalidate()
                self._load()
                self._say(f"Behöll det andra värdet ({theirs}) för {what}.", "info")

        self.push_screen(ConflictScreen(what, theirs, mine), decided)

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a cell is edited, keys that leave the grid are hidden."""
        if action in GRID_ACTIONS:
            if len(self.screen_stack) > 1:
                return False  # another screen is on top: its own keys apply, not the grid's
            try:
                editing = self.grid.editing
            except Exception:  # the grid is not mounted (another screen is on top)
                return True
            if editing:
                return False
            if action == "drill_down":
                return self.data is not None and self.data.rollup  # an enhet's cells have nothing behind them
            if action == "back":
                return self._can_go_back()
        return True

    def offers(self, action: str) -> bool:
        """Whether the footer, the help and the palette offer a command for the unit shown."""
        return not (action in ENHET_ACTIONS and self.data is not None and self.data.rollup)

    def action_previous_year(self) -> None:
        self._switch(year=self.year - 1)

    def action_next_year(self) -> None:
        self._switch(year=self.year + 1)

    def action_choose_year(self) -> None:
        def chosen(year: int | None) -> None:
            if year is not None:
                self._switch(year=year)

        self.push_screen(YearPrompt(self.year), chosen)

    def action_pick_unit(self) -> None:
        def chosen(code: str | None) -> None:
            if code is not None:
                self._trail.clear()  # a unit chosen by hand ends the way back through Bakom summan
                self._switch(unit=code)

        self.store.invalidate()
        self.push_screen(UnitPicker(self.store.units, self.unit_code), chosen)

    def action_goto_measure(self) -> None:
        if self.data is None:
            return
        entries = []
        for i, line in enumerate(self.data.lines):
            if line.row is not None:
                entries.append((i, f"{line.row.measure.label(line.row.part)}  ({line.row.measure.code})"))

        def chosen(index: int | None) -> None:
            if index is not None:
                self.grid.move_to(index)

        self.push_screen(MeasureJump(entries), chosen)

    def _current_month(self) -> Month:
        """The month under the cursor, or the month the grid opened on when outside the months."""
        column = self.grid.cursor_column
        return Month(self.year, column + 1 if column < MONTH_COLUMNS else self.start_month)

    def action_report_month(self) -> None:
        from tracker.tui.screens import ReportMonthScreen

        unit = self.store.units.get(self.unit_code)
        if not unit.is_enhet:
            self._say(
                f"Rapportera månad görs per enhet; ”{unit.name}” är en {unit.level_name.lower()}. "
                f"Byt enhet med {self.key_of('pick_unit')}.",
                "error",
            )
            return

        def done(saved: bool | None) -> None:
            self.store.invalidate()
            self._load()
            if saved:
                self._say(f"{self._current_month().label().capitalize()} är rapporterad för {unit.name}.", "ok")

        try:
            screen = ReportMonthScreen(self.store, unit.code, self._current_month())
        except TrackerError as exc:
            self._say(str(exc), "error")
            return
        self.push_screen(screen, done)

    def action_reporting_status(self) -> None:
        from tracker.tui.screens import StatusScreen

        def done(_result) -> None:
            self.store.invalidate()
            self._load()

        self.push_screen(StatusScreen(self.store, self.year, self.unit_code), done)

    def action_history(self) -> None:
        from tracker.tui.screens import HistoryScreen

        line = self.grid.current_line
        unit = self.store.units.get(self.unit_code)
        if line is None or line.row is None:
            self._say("Flytta markören till ett mått för att se dess historik.", "info")
            return
        period = column_period(line.row, self.grid.cursor_column, self.year)
        if period is None:
            self._say("Historik finns för månadsceller (och årsvärdet för årsmått); flytta till en månad.", "info")
            return
        if not unit.is_enhet:
            self._say(f"Historiken förs per enhet; byt till en enhet med {self.key_of('pick_unit')} för att se den.", "info")
            return

        def done(_result) -> None:
            self.store.invalidate()
            self._load()

        self.push_screen(HistoryScreen(self.store, unit.code, line.row.measure.code, line.row.part, period), done)

    def action_chart(self) -> None:
        from tracker.tui.screens.chart import ChartScreen, read_chart

        line = self.grid.current_line
        if line is None or line.row is None:
            self._say("Flytta markören till ett mått för att se dess diagram.", "info")
            return
        row = line.row
        self.push_screen(ChartScreen(read_chart(self.store, self.unit_code, row.measure.code, row.part, self.year)))

    def action_drill_down(self) -> None:
        self._drill(self.grid.cursor_line, self.grid.cursor_column)

    @on(GridView.RollupCellChosen)
    def _rollup_cell_chosen(self, event: GridView.RollupCellChosen) -> None:
        self._drill(event.line, event.column)

    def _drill(self, index: int, column: int) -> None:
        """Bakom summan of a roll-up's cell; choosing a unit there opens its grid at the same cell."""
        from tracker.tui.screens.drilldown import drill_cell

        unit = self.store.units.get(self.unit_code)
        if unit.is_enhet:
            self._say(
                f"Bakom summan visas för en avdelning eller förvaltning; ”{unit.name}” är en enhet. "
                f"Byt enhet med {self.key_of('pick_unit')}.",
                "info",
            )
            return
        line = self.data.lines[index] if self.data is not None and 0 <= index < len(self.data.lines) else None
        if line is None or line.row is None:
            self._say("Flytta markören till ett mått för att se enheterna bakom det.", "info")
            return
        cell = drill_cell(line.row, column, self.year, self.today)
        if isinstance(cell, str):
            self._say(cell, "info")
            return
        self._open_drill(cell, line.row.key, column)

    def _open_drill(self, cell, key: tuple[str, str], column: int, enheter: bool = False, by_value: bool = False,
                    selected: str | None = None) -> None:
        from tracker.tui.screens.drilldown import DrillDownScreen

        screen = DrillDownScreen(self.store, self.unit_code, cell, enheter=enheter, by_value=by_value, selected=selected)

        def chosen(code: str | None) -> None:
            if code is None:
                return
            self._trail.append(Trail(self.unit_code, self.year, key, column, cell, screen.enheter, screen.by_value, code))
            back = self.store.units.get(self.unit_code).name
            self._switch(unit=code)
            index = self.data.find_row(*key)  # the cell drilled, wherever keys typed since moved the cursor
            if index is not None:
                self.grid.move_to(index, column)
            self._say(f"Esc går tillbaka till {back}.", "info")

        self.push_screen(screen, chosen)

    def _can_go_back(self) -> bool:
        """Whether the unit shown was opened from Bakom summan, so Esc can go back to its list."""
        return bool(self._trail) and self._trail[-1].to_unit == self.unit_code

    def action_back(self) -> None:
        if not self._can_go_back():
            self._say("Det finns ingen summering att gå tillbaka till.", "info")
            return
        step = self._trail.pop()
        self._switch(unit=step.unit, year=step.year)
        index = self.data.find_row(*step.key)
        if index is not None:
            self.grid.move_to(index, step.column)
        self._open_drill(step.cell, step.key, step.column, step.enheter, step.by_value, step.to_unit)

    def action_overview(self) -> None:
        from tracker.tui.screens.overview import OverviewScreen

        reporting = last_completed_month(self.today)
        month = reporting if self.year >= reporting.year else Month(self.year, 12)

        def chosen(choice: tuple[str, str, Month] | None) -> None:
            if choice is None:
                return
            unit, code, at = choice
            if (unit, at.year) != (self.unit_code, self.year):
                self._trail.clear()
                self._switch(unit=unit, year=at.year)
            index = self.data.find_row(code)
            if index is not None:
                self.grid.move_to(index, at.month - 1)

        self.push_screen(OverviewScreen(self.store, self.unit_code, month, self.today), chosen)

    def action_reload(self) -> None:
        self.store.invalidate()
        self.grid.stop_edit()
        self._load()
        self._say("Uppdaterat med de senaste värdena i databasen.", "info")

    def action_export(self) -> None:
        try:
            from tracker.io.export import export_unit_year
        except ImportError:
            self._say("Export finns inte i den här versionen av programmet.", "error")
            return
        try:
            path = export_unit_year(self.store, self.unit_code, self.year)
        except TrackerError as exc:
            self._say(str(exc), "error")
            return
        self.notify(f"Exporterade till {path}", title="Exportera")

    def action_help(self) -> None:
        """The help of the screen shown: the grid's, or the keys of the screen on top."""
        self.push_screen(HelpScreen(help_rows(self, self.keymap), help_title(self)))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SwedishCommandPalette(placeholder="Sök kommando …", id="--command-palette"))

    def get_key_display(self, binding: Binding) -> str:
        """Keys as a Swedish user reads them: PgUp, Del, Esc rather than pageup, delete, escape."""
        return binding_display(binding)

    def action_help_quit(self) -> None:
        self.notify("Tryck ctrl+q för att avsluta.", title="Avsluta?")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The domain commands of the command palette (in Swedish), from the app's bindings."""
        return palette_commands(self, self.keymap)
