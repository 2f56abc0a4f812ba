"""The månadsstatistik grid: a Line API widget that repaints only the lines that changed.

Textual's DataTable repaints every visible cell whenever one cell changes (update_cell bumps a
counter that invalidates all its render caches), which makes an edit in a tall grid ten times
slower than a cursor move. Here each line is rendered once into a cached Strip; a cursor move
drops the cache of two lines and an edit drops the cache of the lines whose texts changed.

The layout has three parts: the measure column on the left, the months, and the period and
comparison columns on the right. The measure and comparison columns never scroll; when the
twelve months do not fit between them, the months shown follow the cursor (‹ › in the heading
say more are there). Below COMPACT_BELOW columns the right part holds only Hittills and the
change, with the cursor's month a year earlier, so a unit head can still enter the month.

The module is long because it is one widget whose parts share the cursor and the line cache:
column geometry, cached rendering, the editor, and its keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.actions import parse
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.core.periods import Month
from tracker.core.presentation import PERIOD_MARK
from tracker.tui.keymap import keyed
from tracker.tui.model import (
    COL_CHANGE,
    COL_CURRENT,
    COL_KIND,
    COL_LAST_YEAR,
    COL_PCT,
    COL_PREVIOUS,
    COL_TREND,
    COLUMN_COUNT,
    MONTH_COLUMNS,
    GridData,
    Line,
    edit_text,
    last_year_header,
    last_year_text,
    period_end,
    readonly_reason,
    short_period,
    shorten_label,
)

HEADER_LINES = 1
SEPARATOR = "│"
SEPARATOR_WIDTH = 2  # a blank (or ›) and the bar between the months and the period columns
LEFT_ALIGNED = {COL_KIND, COL_TREND}
MORE_LEFT, MORE_RIGHT = "‹", "›"  # months hidden on that side
# The keys that type a value and finish it: no keymap moves them or gives them to a command.
TYPING_KEYS = frozenset({
    *"0123456789", "minus", "minus_sign", "enter", "tab", "shift+tab", "escape", "backspace", "ctrl+u",
})
# While a cell is edited only these apply: finish the edit, or move on (which saves first, as in
# a spreadsheet); the finishing ones apply only then. Esc applies always: it also clears a message.
EDITING_ACTIONS = frozenset({"save_edit", "save_in_place", "cancel_edit", "cursor_up", "cursor_down"})
FINISHING_ACTIONS = frozenset({"save_edit", "save_in_place"})
MOVE = Binding.Group("Flytta markören")

# The layout. Widths count terminal cells; a column's width includes the blank that parts it
# from the next.
COMPACT_BELOW = 100  # terminals narrower than this get the narrow layout
MIN_LABEL, MAX_LABEL = 26, 56  # the measure column when it shares the width with scrolling months
LABEL_SHARE = 0.25  # of a terminal where the months scroll, the measure column's part
COMPACT_MIN_LABEL, COMPACT_LABEL_SHARE = 22, 0.35
TYPING_ROOM = 5  # a month of an enhet takes a few digits without the column jumping
WIDE_COLUMNS = (COL_KIND, COL_CURRENT, COL_PREVIOUS, COL_CHANGE, COL_PCT, COL_TREND)
COMPACT_COLUMNS = (COL_LAST_YEAR, COL_CURRENT, COL_CHANGE)
COMPACT_EXTRA = (COL_PCT, COL_TREND, COL_PREVIOUS)  # added in this order while room is left
COMPACT_MIN_MONTHS = 3  # the narrow layout keeps room for this many months before adding columns


@dataclass(frozen=True)
class Layout:
    """Where the grid's parts go across the terminal."""

    label: int  # the measure column
    window: int  # the months' part; when the months are wider, the ones shown follow the cursor
    fixed: tuple[int, ...]  # the columns right of the months, in order
    fixed_width: int  # the separator and those columns
    compact: bool = False


def plan_layout(width: int, widths: list[int], label: int) -> Layout:
    """The layout for a terminal `width` wide, given each column's own width (the months first,
    COL_LAST_YEAR last) and the width the longest measure name asks for."""
    months = sum(widths[:MONTH_COLUMNS])
    compact = width < COMPACT_BELOW
    fixed = COMPACT_COLUMNS if compact else WIDE_COLUMNS

    def right(columns) -> int:
        return SEPARATOR_WIDTH + sum(widths[c] for c in columns)

    if compact:
        label_width = min(label, max(COMPACT_MIN_LABEL, int(width * COMPACT_LABEL_SHARE)))
        month_room = min(months, COMPACT_MIN_MONTHS * max(widths[:MONTH_COLUMNS]))
        for extra in COMPACT_EXTRA:
            if width - label_width - right((*fixed, extra)) >= month_room:
                fixed = (*fixed, extra)
        fixed = tuple(c for c in (COL_LAST_YEAR, *WIDE_COLUMNS) if c in fixed)
    else:
        room = width - months - right(fixed)
        if room >= min(label, MIN_LABEL):
            # every month fits: the measure column takes what is left, up to what it asks for
            label_width = min(label, room, MAX_LABEL)
        else:
            label_width = min(label, max(MIN_LABEL, int(width * LABEL_SHARE)))
    if width - label_width - right(fixed) < months:
        # the months shown are whole ones: what a part of one would take goes to the names
        widest = max(widths[:MONTH_COLUMNS])
        label_width = min(label, label_width + (width - label_width - right(fixed)) % widest)
    # room left over when every month fits goes after the last column, not between the months and
    # the period columns
    window = min(max(0, width - label_width - right(fixed)), months)
    return Layout(label_width, window, fixed, right(fixed), compact)


@dataclass
class EditState:
    """A cell being edited: where, what has been typed, and the refusal if any."""

    line: int
    column: int
    text: str
    error: str | None = None


class GridView(ScrollView, can_focus=True, inherit_bindings=False):
    """The unit's year: a fixed measure column, the months, and fixed summary and comparison columns.

    Its keys are its own BINDINGS only (not ScrollView's scrolling keys): the cursor moves, and the view follows."""

    DEFAULT_CSS = """
    GridView {
        height: 1fr;
        overflow-x: hidden;
    }
    """

    COMPONENT_CLASSES = {
        "grid--header",
        "grid--header-cursor",
        "grid--section",
        "grid--label",
        "grid--derived",
        "grid--cursor",
        "grid--cursor-row",
        "grid--editing",
        "grid--error",
        "grid--separator",
        "grid--better",
        "grid--worse",
    }

    # The grid resolves these itself in on_key (see there); a keymap moves them by id.
    BINDINGS = [
        Binding("up", "cursor_up", "Upp", show=False, id="grid.up", group=MOVE),
        Binding("down", "cursor_down", "Ned", show=False, id="grid.down", group=MOVE),
        Binding("left", "cursor_left", "Vänster", show=False, id="grid.left", group=MOVE),
        Binding("right", "cursor_right", "Höger", show=False, id="grid.right", group=MOVE),
        Binding("home", "first_column", "Första månaden", show=False, id="grid.home"),
        Binding("end", "last_column", "Sista kolumnen", show=False, id="grid.end"),
        Binding("ctrl+home", "first_row", "Första raden", show=False, id="grid.top"),
        Binding("ctrl+end", "last_row", "Sista raden", show=False, id="grid.bottom"),
        Binding("pageup", "page_up_rows", "Sida upp", show=False, id="grid.pageup"),
        Binding("pagedown", "page_down_rows", "Sida ned", show=False, id="grid.pagedown"),
        Binding("0", "start_typing('0')", "Skriv värde", key_display="0–9",
                tooltip="Börja ändra cellen med siffran", id="grid.type"),
        # no description: the help lists them under 0–9
        *[Binding(str(d), f"start_typing('{d}')", "", id=f"grid.type{d}") for d in range(1, 10)],
        # a minus starts an edit too, so that the refusal of negative values is explained
        Binding("minus", "start_typing('-')", "", id="grid.type-minus"),
        Binding("minus_sign", "start_typing('\\u2212')", "", id="grid.type-minus-sign"),
        Binding("enter", "edit", "Ändra", tooltip="Enter sparar, Esc avbryter", id="grid.edit"),
        Binding("f2", "edit", "Ändra", show=False, id="grid.edit-f2"),
        Binding("delete", "clear", "Rensa", tooltip="Cellen blir saknat värde (–)", id="grid.clear"),
        Binding("enter", "save_edit", "Spara", tooltip="Spara och gå till nästa rad", id="grid.save"),
        Binding("tab", "save_in_place", "Spara här", show=False, tooltip="Spara och stanna i cellen",
                id="grid.save-here"),
        Binding("escape", "cancel_edit", "Avbryt", tooltip="Avbryt ändringen; utan ändring tar Esc bort meddelandet",
                id="grid.cancel"),
    ]

    class CursorMoved(Message):
        """The cursor stands on another cell (or the data under it changed)."""

    class RollupCellChosen(Message):
        """Enter (F2, a double click) on a cell of a roll-up, which takes no values: the app shows
        what is behind the cell instead. Carries the cell, as keys typed after it may move the cursor."""

        def __init__(self, line: int, column: int) -> None:
            super().__init__()
            self.line = line
            self.column = column

    class Refused(Message):
        """The user tried to edit a cell that cannot be edited."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class Dismissed(Message):
        """Esc: an edit was cancelled (`cancelled`), or there was none; the message under the grid goes."""

        def __init__(self, cancelled: bool) -> None:
            super().__init__()
            self.cancelled = cancelled

    def __init__(
        self,
        headers: list[str],
        submit: Callable[[int, int, str, int], object],
        clear: Callable[[int, int], object],
        keymap: Mapping[str, str] | None = None,
        catalog: Callable[[], object] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.headers = headers
        self.data: GridData | None = None
        self.cursor_line = 0
        self.cursor_column = 0
        self.edit: EditState | None = None
        self.widths = [6] * (COLUMN_COUNT + 1)
        self.plan = Layout(30, 72, WIDE_COLUMNS, 60)
        self.first_month = 0  # the first month shown when not all fit
        self.focus_month = 0  # the month of the narrow layout's last-year column: the cursor's, or the last it stood on
        self.end: Month | None = None  # the last month of the period columns (model.period_end)
        self.short: set[int] = set()  # lines whose period is shorter than their column's
        self._catalog = catalog  # for the last-year column: rows derived from others
        self._last_year: dict[tuple[int, int], str] = {}
        self._cache: dict[int, Strip] = {}
        self._header_cache: Strip | None = None
        self._styles: dict = {}  # component name, or (base, names) for combined ones: see _combined
        # Called at once on Enter (or Delete) rather than through a message, so keys typed right
        # after Enter reach the next cell rather than the editor that is about to close.
        self.submit_handler = submit
        self.clear_handler = clear
        self.use_keymap(keymap or {})

    def use_keymap(self, keymap: Mapping[str, str]) -> None:
        """Resolve keys through the bindings as the keymap (binding id → keys) moved them."""
        table = keyed(self.BINDINGS, keymap).key_to_bindings
        self._keys = {key: [parse(b.action)[1:] for b in bindings] for key, bindings in table.items()}

    @property
    def label_width(self) -> int:
        return self.plan.label

    # -- data -------------------------------------------------------------------------------

    def set_data(self, data: GridData, keep_cursor: bool = True) -> None:
        """Show new data; repaint only the lines whose texts changed when the shape is the same."""
        old = self.data
        self.data = data
        same_shape = (
            old is not None
            and len(old.lines) == len(data.lines)
            and all(a.key == b.key for a, b in zip(old.lines, data.lines, strict=False))
        )
        end, short = self.end, self.short
        self.end = period_end(data.lines)
        self.short = {i for i, line in enumerate(data.lines) if line.row is not None and short_period(line.row, self.end)}
        self._last_year.clear()
        layout_changed = self._measure() or (end, short) != (self.end, self.short)
        if not same_shape or layout_changed or not keep_cursor:
            if not keep_cursor or not same_shape:
                self.edit = None
            self._clamp_cursor()
            self._repaint_all()
        else:
            for i, (a, b) in enumerate(zip(old.lines, data.lines, strict=False)):
                if a.cells != b.cells or a.label != b.label:
                    self._invalidate(i)
        self.post_message(self.CursorMoved())

    @property
    def current_line(self) -> Line | None:
        if self.data is None or not self.data.lines:
            return None
        return self.data.lines[self.cursor_line]

    def current_reason(self) -> str | None:
        """Why the cell under the cursor cannot be edited, or None: the cell takes no value, or
        this login may not change the enhet (so nobody types a value only to have it refused)."""
        line = self.current_line
        if line is None:
            return "Det finns inga mått att visa."
        return readonly_reason(line, self.cursor_column, self.data.year, self.data.today) or self.data.refusal

    @property
    def stops(self) -> list[int]:
        """The columns the cursor can stand on, left to right: the months and the period columns shown."""
        return [*range(MONTH_COLUMNS), *(c for c in self.plan.fixed if c != COL_LAST_YEAR)]

    @property
    def hidden(self) -> frozenset[int]:
        """The period and comparison columns the layout leaves out (the status line says them)."""
        return frozenset(WIDE_COLUMNS).difference(self.plan.fixed)

    def _stop_at(self, column: int) -> int:
        """The column itself when the cursor can stand there, else the nearest one before it."""
        stops = self.stops
        return max((c for c in stops if c <= column), default=stops[0])

    def move_to(self, line: int, column: int | None = None) -> None:
        """Put the cursor on a line (snapped to a measure row) and column, and show it."""
        if self.data is None or not self.data.lines:
            return
        old = self.cursor_line
        old_column = self.cursor_column
        self.cursor_line = max(0, min(line, len(self.data.lines) - 1))
        if column is not None:
            self.cursor_column = self._stop_at(max(0, min(column, COLUMN_COUNT - 1)))
        self._snap_to_row(1 if self.cursor_line >= old else -1)
        if self.cursor_line != old or self.cursor_column != old_column:
            self._invalidate(old)
            self._invalidate(self.cursor_line)
            if self.cursor_column != old_column:
                self._header_cache = None
                self.refresh_line(self.scroll_offset.y)
        self._follow_cursor()
        self._scroll_cursor_into_view()
        # after new data or at start the size is known only once laid out: scroll again then
        self.call_after_refresh(self._scroll_cursor_into_view)
        self.post_message(self.CursorMoved())

    def _snap_to_row(self, direction: int) -> None:
        lines = self.data.lines
        i = self.cursor_line
        while 0 <= i < len(lines) and lines[i].row is None:
            i += direction
        if not 0 <= i < len(lines):
            i = self.cursor_line
            while 0 <= i < len(lines) and lines[i].row is None:
                i -= direction
        self.cursor_line = max(0, min(i, len(lines) - 1))

    def _clamp_cursor(self) -> None:
        if self.data is None or not self.data.lines:
            self.cursor_line = 0
            return
        self.cursor_line = max(0, min(self.cursor_line, len(self.data.lines) - 1))
        self.cursor_column = self._stop_at(self.cursor_column)
        self._snap_to_row(1)
        self._follow_cursor()

    # -- geometry ---------------------------------------------------------------------------

    def _available_width(self) -> int:
        """The width the lines may use: the widget's, less the vertical scrollbar when the lines need one."""
        width = self.size.width or (self.app.size.width if self.is_attached else 0) or 160
        height = self.size.height or (self.app.size.height if self.is_attached else 0)
        lines = len(self.data.lines) if self.data else 0
        if height and lines + HEADER_LINES > height:
            width -= self.styles.scrollbar_size_vertical
        return width

    def _measure(self) -> bool:
        """Work out the column widths from the texts and the layout from the width; True when they changed."""
        data = self.data
        # the last-year column stands a blank further from the separator, as it is no month of the year
        widths = [len(h) + 1 for h in self.headers]
        widths.append(max(len(last_year_header(Month(2000, m))) for m in range(1, 13)) + 2)
        label = len("Mått")
        for i, line in enumerate(data.lines if data else []):
            label = max(label, 2 * line.depth + len(line.label))
            for c, text in enumerate(line.cells):
                widths[c] = max(widths[c], len(text) + 1)
            if i in self.short:
                for c in (COL_CURRENT, COL_PREVIOUS):
                    widths[c] = max(widths[c], len(line.cells[c]) + len(PERIOD_MARK) + 1)
        if data is not None and not data.rollup:
            for c in range(MONTH_COLUMNS):
                widths[c] = max(widths[c], TYPING_ROOM)
        # a year ago, a month reads as the months do
        widths[COL_LAST_YEAR] = max(widths[COL_LAST_YEAR], max(widths[:MONTH_COLUMNS]))
        # a blank before the name, and one between the name and the first month
        layout = plan_layout(self._available_width(), widths, label + 2)
        changed = (widths, layout) != (self.widths, self.plan)
        self.widths, self.plan = widths, layout
        lines = len(data.lines) if data else 0
        self.virtual_size = Size(layout.label + layout.window + layout.fixed_width, lines + HEADER_LINES)
        if changed:
            self._follow_cursor()
        return changed

    def _shown_months(self, first: int | None = None) -> range:
        """The months that fit the window from the first one shown."""
        first = self.first_month if first is None else first
        room, last = self.plan.window, first
        while last < MONTH_COLUMNS and room >= self.widths[last]:
            room -= self.widths[last]
            last += 1
        return range(first, max(last, first + 1) if first < MONTH_COLUMNS else first)

    def _follow_cursor(self) -> None:
        """Choose the months shown so that the cursor's month is among them and the window is full;
        in the narrow layout the last-year column follows the cursor's month."""
        first = min(self.first_month, MONTH_COLUMNS - 1)
        column = self.cursor_column
        if column < MONTH_COLUMNS:
            if column < first:
                first = column
            while column not in self._shown_months(first) and first < column:
                first += 1
        # no blank room at the end while earlier months are hidden
        while first > 0 and self._shown_months(first - 1).stop == MONTH_COLUMNS:
            first -= 1
        focus = column if column < MONTH_COLUMNS else self.focus_month
        moved = first != self.first_month or (focus != self.focus_month and COL_LAST_YEAR in self.plan.fixed)
        self.first_month, self.focus_month = first, focus
        if moved:
            self._repaint_all()

    def _repaint_all(self) -> None:
        """Drop every cached line and the heading, and repaint."""
        self._cache.clear()
        self._header_cache = None
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.data is not None:
            self._measure()
            self._repaint_all()

    def notify_style_update(self) -> None:
        # a theme change alters every style: drop all cached lines
        super().notify_style_update()
        self._styles.clear()
        self._repaint_all()

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height - HEADER_LINES
        y = self.scroll_offset.y
        new_y = y
        if self.cursor_line < y:
            new_y = self.cursor_line
            # show the section heading above the first row of a section too
            if new_y > 0 and self.data.lines[new_y - 1].section:
                new_y -= 1
        elif height > 0 and self.cursor_line >= y + height:
            new_y = self.cursor_line - height + 1
        if new_y != y:
            self.scroll_to(0, new_y, animate=False, immediate=True)

    def _columns(self) -> list[tuple[int, int]]:
        """Each column shown with its x on the line: the months in the window, then the period columns."""
        x = self.plan.label
        shown = []
        for c in self._shown_months():
            shown.append((c, x))
            x += self.widths[c]
        x = self.plan.label + self.plan.window + SEPARATOR_WIDTH
        for c in self.plan.fixed:
            shown.append((c, x))
            x += self.widths[c]
        return shown

    def column_x(self, column: int) -> int | None:
        """Where a column starts on screen, or None when it is not shown."""
        return dict(self._columns()).get(column)

    def cell_at(self, x: int, y: int) -> tuple[int, int | None] | None:
        """The (line, column) under a point of the widget; column None on the measure column."""
        if self.data is None or y < HEADER_LINES:
            return None
        line = self.scroll_offset.y + y - HEADER_LINES
        if not 0 <= line < len(self.data.lines):
            return None
        for c, start in self._columns():
            if start <= x < start + self.widths[c] and c != COL_LAST_YEAR:
                return line, c
        return line, None

    # -- rendering --------------------------------------------------------------------------

    @property
    def _base(self) -> Style:
        """The widget's own style, kept with the component styles: Textual computes it anew from
        every ancestor at each call, and a repaint asks for it twice per line."""
        style = self._styles.get("")
        if style is None:
            style = self._styles[""] = self.rich_style
        return style

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name)
        return style

    def _combined(self, base: Style, *names: str) -> Style:
        """base + each named component style, in order; a line repaints many cells of few kinds."""
        key = (base, names)
        style = self._styles.get(key)
        if style is None:
            style = base
            for name in names:
                style = style + self._style(name)
            self._styles[key] = style
        return style

    def _invalidate(self, line: int) -> None:
        self._cache.pop(line, None)
        self.refresh_line(line + HEADER_LINES)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < HEADER_LINES:
            strip = self._header_strip()
        else:
            index = self.scroll_offset.y + y - HEADER_LINES
            if self.data is None or index >= len(self.data.lines):
                return Strip.blank(width, self._base)
            strip = self._line_strip(index)
        return strip.adjust_cell_length(width, self._base)

    def _gap(self, shown: range, style: Style) -> Segment:
        """The blank after the months shown, up to the separator."""
        used = sum(self.widths[c] for c in shown)
        return Segment(" " * max(0, self.plan.window - used), style)

    def _header_strip(self) -> Strip:
        if self._header_cache is None:
            base = self._base + self._style("grid--header")
            cursor = base + self._style("grid--header-cursor")
            separator = base + self._style("grid--separator")
            shown = self._shown_months()
            label = " Mått".ljust(self.plan.label)
            if shown.start > 0:
                label = label[:-2] + MORE_LEFT + " "
            segments = [Segment(label, base)]
            for c in shown:
                segments.append(Segment(self._fit(self.headers[c], c), cursor if c == self.cursor_column else base))
            segments.append(self._gap(shown, base))
            more = MORE_RIGHT if shown.stop < MONTH_COLUMNS else " "
            segments.append(Segment(more, base))
            segments.append(Segment(SEPARATOR, separator))
            for c in self.plan.fixed:
                head = last_year_header(Month(self.data.year if self.data else 2000, self.focus_month + 1)) if (
                    c == COL_LAST_YEAR) else self.headers[c]
                segments.append(Segment(self._fit(head, c), cursor if c == self.cursor_column else base))
            self._header_cache = Strip(segments)
        return self._header_cache

    def _fit(self, text: str, column: int) -> str:
        width = self.widths[column]
        if len(text) > width - 1:
            text = text[: width - 2] + "…"
        if column in LEFT_ALIGNED:
            return " " + text.ljust(width - 1)
        return text.rjust(width - 1) + " "

    def _cell_text(self, index: int, line: Line, column: int) -> str:
        if column == COL_LAST_YEAR:
            key = (index, self.focus_month)
            text = self._last_year.get(key)
            if text is None:
                catalog = self._catalog() if self._catalog else None
                month = Month(self.data.year, self.focus_month + 1)
                text = last_year_text(catalog, self.data.scope, line.row, month) if catalog is not None else ""
                self._last_year[key] = text
            return text
        text = line.cells[column]
        if column in (COL_CURRENT, COL_PREVIOUS) and index in self.short and text:
            text += PERIOD_MARK
        return text

    def _line_strip(self, index: int) -> Strip:
        cached = self._cache.get(index)
        if cached is not None:
            return cached
        line = self.data.lines[index]
        base = self._base
        is_cursor_line = index == self.cursor_line
        label_style = base + self._style("grid--label")
        if line.section:
            label_style = base + self._style("grid--section")
        elif is_cursor_line:
            label_style = label_style + self._style("grid--cursor-row")
        indent = "  " * line.depth
        width = self.plan.label
        # keep one blank column between the label and the first month
        text = indent + shorten_label(line.label, width - 2 - len(indent))
        segments = [Segment((" " + text).ljust(width)[:width], label_style)]
        separator = Segment(" " + SEPARATOR, self._combined(base, "grid--separator"))
        shown = self._shown_months()
        if line.section:
            segments += [Segment(" " * sum(self.widths[c] for c in shown), base), self._gap(shown, base), separator]
            strip = self._cache[index] = Strip(segments)
            return strip
        row = line.row
        derived_row = row.readonly_reason is not None
        edit = self.edit
        cursor_column = self.cursor_column
        judgement = row.comparison.trend.judgement if row.comparison.trend is not None else None

        def cell(c: int) -> Segment:
            names = ("grid--derived",) if derived_row or c >= COL_KIND else ()
            if c == COL_TREND and judgement in ("better", "worse"):
                names += (f"grid--{judgement}",)
            if is_cursor_line:
                names += ("grid--cursor-row",)
            if edit is not None and edit.line == index and edit.column == c:
                shown_text = edit.text + "▏"
                names = ("grid--error" if edit.error else "grid--editing",)
                text = shown_text[-(self.widths[c] - 1):]
            else:
                text = self._cell_text(index, line, c)
                if is_cursor_line and c == cursor_column:
                    names += ("grid--cursor",)
            return Segment(self._fit(text, c), self._combined(base, *names))

        segments += [cell(c) for c in shown]
        segments += [self._gap(shown, base), separator]
        segments += [cell(c) for c in self.plan.fixed]
        strip = self._cache[index] = Strip(segments)
        return strip

    # -- editing ----------------------------------------------------------------------------

    @property
    def editing(self) -> bool:
        return self.edit is not None

    def start_edit(self, text: str) -> None:
        """Begin editing the cell under the cursor with the given text, if it takes values."""
        reason = self.current_reason()
        if reason:
            self.post_message(self.Refused(reason))
            return
        self.edit = EditState(self.cursor_line, self.cursor_column, text)
        self._invalidate(self.cursor_line)
        self.refresh_bindings()
        self.post_message(self.CursorMoved())

    def set_edit_error(self, message: str) -> None:
        """Keep the editor open and mark the cell as refused."""
        if self.edit is not None:
            self.edit.error = message
            self._invalidate(self.edit.line)

    def stop_edit(self) -> None:
        """Close the editor without saving."""
        if self.edit is not None:
            line = self.edit.line
            self.edit = None
            self._invalidate(line)
            self.refresh_bindings()
            self.post_message(self.CursorMoved())

    def on_key(self, event: events.Key) -> None:
        # Every key is resolved here, through the bindings, and its action runs at once: a binding
        # left to Textual runs only after the event has bubbled to the app, by which time the grid
        # may have handled the next keys of a fast burst (typed ahead, pasted, or sent by tmux) in
        # the wrong cell, or lost digits.
        edit = self.edit
        if edit is not None and self._type_into(edit, event):
            event.stop()
            event.prevent_default()
            self._invalidate(edit.line)
            return
        for name, params in self._keys.get(event.key, ()):
            if self._applies(name):
                event.stop()
                event.prevent_default()
                getattr(self, f"action_{name}")(*params)
                return

    def _type_into(self, edit: EditState, event: events.Key) -> bool:
        """The keys that change the text being typed; True when the key was one of them."""
        if event.key == "backspace":
            edit.text = edit.text[:-1]
        elif event.key == "ctrl+u":
            edit.text = ""
        elif event.is_printable and event.character:
            # no length cap: a cut-off entry would be stored as a different value without a word
            edit.text += event.character
        else:
            return False
        edit.error = None
        return True

    # -- actions ----------------------------------------------------------------------------

    def _applies(self, action: str) -> bool:
        """Whether an action applies while editing or not; a cell that takes no value says why itself."""
        return action in EDITING_ACTIONS if self.editing else action not in FINISHING_ACTIONS

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer in the footer the keys that apply now; a roll-up offers no edit keys (pressing one says why)."""
        if not self._applies(action) or (action == "cancel_edit" and not self.editing):
            return False
        if action in ("edit", "clear", "start_typing"):
            if self.data is None or self.data.rollup:
                return False  # a roll-up is read-only throughout: its edit keys are not offered
            return True if self.data.lines else None
        return True

    def action_cursor_up(self) -> None:
        if self.edit is not None:
            self._submit(self.edit, -1)
        else:
            self.move_to(self.cursor_line - 1)

    def action_cursor_down(self) -> None:
        if self.edit is not None:
            self._submit(self.edit, 1)
        else:
            self.move_to(self.cursor_line + 1)

    def action_cursor_left(self) -> None:
        stops = self.stops
        before = [c for c in stops if c < self.cursor_column]
        self.move_to(self.cursor_line, before[-1] if before else stops[0])

    def action_cursor_right(self) -> None:
        stops = self.stops
        after = [c for c in stops if c > self.cursor_column]
        self.move_to(self.cursor_line, after[0] if after else stops[-1])

    def action_first_column(self) -> None:
        self.move_to(self.cursor_line, 0)

    def action_last_column(self) -> None:
        self.move_to(self.cursor_line, self.stops[-1])

    def action_first_row(self) -> None:
        self.move_to(0)

    def action_last_row(self) -> None:
        if self.data:
            self.move_to(len(self.data.lines) - 1)

    def action_page_up_rows(self) -> None:
        page = max(1, self.scrollable_content_region.height - HEADER_LINES - 1)
        self.move_to(self.cursor_line - page)

    def action_page_down_rows(self) -> None:
        page = max(1, self.scrollable_content_region.height - HEADER_LINES - 1)
        self.move_to(self.cursor_line + page)

    def action_start_typing(self, text: str) -> None:
        self.start_edit(text)

    def action_edit(self) -> None:
        line = self.current_line
        if line is None or line.row is None:
            return
        if self.data.rollup:
            self.post_message(self.RollupCellChosen(self.cursor_line, self.cursor_column))
            return
        self.start_edit(edit_text(line, self.cursor_column, self.data.year))

    def action_clear(self) -> None:
        reason = self.current_reason()
        if reason:
            self.post_message(self.Refused(reason))
            return
        self.clear_handler(self.cursor_line, self.cursor_column)

    def _submit(self, edit: EditState, move: int) -> None:
        self.submit_handler(edit.line, edit.column, edit.text, move)

    def action_save_edit(self) -> None:
        if self.edit is not None:
            self._submit(self.edit, 1)

    def action_save_in_place(self) -> None:
        if self.edit is not None:
            self._submit(self.edit, 0)

    def action_cancel_edit(self) -> None:
        cancelled = self.edit is not None
        self.stop_edit()
        self.post_message(self.Dismissed(cancelled))

    # -- mouse ------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        hit = self.cell_at(event.x, event.y)
        if hit is None:
            return
        line, column = hit
        if self.edit is not None:
            self.stop_edit()
        self.move_to(line, self.cursor_column if column is None else column)
        if event.chain >= 2 and column is not None:
            self.action_edit()
