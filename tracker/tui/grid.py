"""The månadsstatistik grid: a Line API widget that repaints only the lines that changed.

Textual's DataTable repaints every visible cell whenever one cell changes (update_cell bumps a
counter that invalidates all its render caches), which makes an edit in a tall grid ten times
slower than a cursor move. Here each line is rendered once into a cached Strip; a cursor move
drops the cache of two lines and an edit drops the cache of the lines whose texts changed.

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

from tracker.tui.keymap import keyed
from tracker.tui.model import (
    COL_KIND,
    COL_TREND,
    COLUMN_COUNT,
    MONTH_COLUMNS,
    GridData,
    Line,
    edit_text,
    readonly_reason,
    shorten_label,
)

HEADER_LINES = 1
SEPARATOR = "│"
LEFT_ALIGNED = {COL_KIND, COL_TREND}
# The keys that type a value and finish it: no keymap moves them or gives them to a command.
TYPING_KEYS = frozenset({
    *"0123456789", "minus", "minus_sign", "enter", "tab", "shift+tab", "escape", "backspace", "ctrl+u",
})
# While a cell is edited only these apply: finish the edit, or move on (which saves first, as in
# a spreadsheet); the finishing ones apply only then.
EDITING_ACTIONS = frozenset({"save_edit", "save_in_place", "cancel_edit", "cursor_up", "cursor_down"})
FINISHING_ACTIONS = frozenset({"save_edit", "save_in_place", "cancel_edit"})
MOVE = Binding.Group("Flytta markören")
MIN_LABEL, MAX_LABEL = 26, 56


@dataclass
class EditState:
    """A cell being edited: where, what has been typed, and the refusal if any."""

    line: int
    column: int
    text: str
    error: str | None = None


class GridView(ScrollView, can_focus=True, inherit_bindings=False):
    """The unit's year: a fixed measure column and month, summary and comparison columns.

    Its keys are its own BINDINGS only (not ScrollView's scrolling keys): the cursor moves, and the view follows."""

    DEFAULT_CSS = """
    GridView {
        height: 1fr;
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
        Binding("minus_sign", "start_typing('\u2212')", "", id="grid.type-minus-sign"),
        Binding("enter", "edit", "Ändra", tooltip="Enter sparar, Esc avbryter", id="grid.edit"),
        Binding("f2", "edit", "Ändra", show=False, id="grid.edit-f2"),
        Binding("delete", "clear", "Rensa", tooltip="Cellen blir saknat värde (–)", id="grid.clear"),
        Binding("enter", "save_edit", "Spara", tooltip="Spara och gå till nästa rad", id="grid.save"),
        Binding("tab", "save_in_place", "Spara här", show=False, tooltip="Spara och stanna i cellen",
                id="grid.save-here"),
        Binding("escape", "cancel_edit", "Avbryt", tooltip="Avbryt ändringen", id="grid.cancel"),
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

    def __init__(
        self,
        headers: list[str],
        submit: Callable[[int, int, str, int], object],
        clear: Callable[[int, int], object],
        keymap: Mapping[str, str] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.headers = headers
        self.data: GridData | None = None
        self.cursor_line = 0
        self.cursor_column = 0
        self.edit: EditState | None = None
        self.label_width = 30
        self.widths = [6] * COLUMN_COUNT
        self.offsets = [0] * COLUMN_COUNT
        self.data_width = 0
        self._cache: dict[int, tuple[Strip, Strip]] = {}
        self._header_cache: tuple[Strip, Strip] | None = None
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
        layout_changed = self._measure()
        if not same_shape or layout_changed or not keep_cursor:
            self._cache.clear()
            self._header_cache = None
            if not keep_cursor or not same_shape:
                self.edit = None
            self._clamp_cursor()
            self.refresh()
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
        """Why the cell under the cursor cannot be edited, or None."""
        line = self.current_line
        if line is None:
            return "Det finns inga mått att visa."
        return readonly_reason(line, self.cursor_column, self.data.year, self.data.today)

    def move_to(self, line: int, column: int | None = None) -> None:
        """Put the cursor on a line (snapped to a measure row) and column, and show it."""
        if self.data is None or not self.data.lines:
            return
        old = self.cursor_line
        old_column = self.cursor_column
        self.cursor_line = max(0, min(line, len(self.data.lines) - 1))
        if column is not None:
            self.cursor_column = max(0, min(column, COLUMN_COUNT - 1))
        self._snap_to_row(1 if self.cursor_line >= old else -1)
        if self.cursor_line != old or self.cursor_column != old_column:
            self._invalidate(old)
            self._invalidate(self.cursor_line)
            if self.cursor_column != old_column:
                self._header_cache = None
                self.refresh_line(0 + self.scroll_offset.y)
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
        self._snap_to_row(1)

    # -- geometry ---------------------------------------------------------------------------

    def _measure(self) -> bool:
        """Work out column widths from the texts; True when they changed."""
        data = self.data
        widths = [len(h) + 1 for h in self.headers]
        label = len("Mått")
        for line in data.lines if data else []:
            label = max(label, 2 * line.depth + len(line.label))
            for c, text in enumerate(line.cells):
                widths[c] = max(widths[c], len(text) + 1)
        for c in range(MONTH_COLUMNS):
            # room to type a few digits without the column jumping
            widths[c] = max(widths[c], 5)
        offsets, x = [], 0
        for c, w in enumerate(widths):
            if c == COL_KIND:
                x += 2  # the separator column before the summaries
            offsets.append(x)
            x += w
        # the measure column takes what the data leaves over, within reason
        screen_width = self.scrollable_content_region.width or 160
        room = screen_width - (x + 1)
        # narrow terminals scroll sideways anyway: keep more of the months in view there
        floor = MIN_LABEL if screen_width >= 120 else MIN_LABEL - 2
        label_width = max(floor, min(label + 2, room, MAX_LABEL))
        changed = (widths, label_width) != (self.widths, self.label_width)
        self.widths, self.offsets, self.label_width, self.data_width = widths, offsets, label_width, x + 1
        lines = len(data.lines) if data else 0
        # slack on the right lets the view start on a column boundary when scrolled to the end
        self.virtual_size = Size(self.label_width + self.data_width + max(widths), lines + HEADER_LINES)
        return changed

    def on_resize(self, event: events.Resize) -> None:
        if self.data is not None:
            self._measure()
            self._cache.clear()
            self._header_cache = None
            self.refresh()

    def notify_style_update(self) -> None:
        # a theme change alters every style: drop all cached lines
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()
        self._header_cache = None

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height - HEADER_LINES
        width = self.scrollable_content_region.width - self.label_width
        x, y = self.scroll_offset
        new_x, new_y = x, y
        if self.cursor_line < y:
            new_y = self.cursor_line
            # show the section heading above the first row of a section too
            if new_y > 0 and self.data.lines[new_y - 1].section:
                new_y -= 1
        elif height > 0 and self.cursor_line >= y + height:
            new_y = self.cursor_line - height + 1
        left = self.offsets[self.cursor_column]
        right = left + self.widths[self.cursor_column]
        if left < x:
            new_x = 0 if self.cursor_column == 0 else left
        elif width > 0 and right > x + width:
            # start the view on a column boundary, so no column shows half its text
            new_x = right - width + 1
            for start in self.offsets:
                if start >= new_x:
                    new_x = start
                    break
        if (new_x, new_y) != (x, y):
            self.scroll_to(new_x, new_y, animate=False, immediate=True)

    def cell_at(self, x: int, y: int) -> tuple[int, int | None] | None:
        """The (line, column) under a point of the widget; column None on the measure column."""
        if self.data is None or y < HEADER_LINES:
            return None
        line = self.scroll_offset.y + y - HEADER_LINES
        if not 0 <= line < len(self.data.lines):
            return None
        if x < self.label_width:
            return line, None
        data_x = self.scroll_offset.x + x - self.label_width
        for c in range(COLUMN_COUNT):
            if self.offsets[c] <= data_x < self.offsets[c] + self.widths[c]:
                return line, c
        return line, None

    # -- rendering --------------------------------------------------------------------------

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
        scroll_x, scroll_y = self.scroll_offset
        if y < HEADER_LINES:
            label, body = self._header_strips()
        else:
            index = scroll_y + y - HEADER_LINES
            if self.data is None or index >= len(self.data.lines):
                return Strip.blank(width, self.rich_style)
            label, body = self._line_strips(index)
        visible = max(0, width - self.label_width)
        body = body.crop(scroll_x, scroll_x + visible)
        return Strip.join([label, body]).adjust_cell_length(width, self.rich_style)

    def _header_strips(self) -> tuple[Strip, Strip]:
        if self._header_cache is None:
            base = self.rich_style + self._style("grid--header")
            cursor = base + self._style("grid--header-cursor")
            label = Strip([Segment(" Mått".ljust(self.label_width), base)], self.label_width)
            segments = []
            for c, head in enumerate(self.headers):
                if c == COL_KIND:
                    segments.append(Segment(" " + SEPARATOR, base + self._style("grid--separator")))
                text = self._fit(head, c)
                segments.append(Segment(text, cursor if c == self.cursor_column else base))
            segments.append(Segment(" ", base))
            self._header_cache = (label, Strip(segments))
        return self._header_cache

    def _fit(self, text: str, column: int) -> str:
        width = self.widths[column]
        if len(text) > width - 1:
            text = text[: width - 2] + "…"
        if column in LEFT_ALIGNED:
            return " " + text.ljust(width - 1)
        return text.rjust(width - 1) + " "

    def _line_strips(self, index: int) -> tuple[Strip, Strip]:
        cached = self._cache.get(index)
        if cached is not None:
            return cached
        line = self.data.lines[index]
        base = self.rich_style
        is_cursor_line = index == self.cursor_line
        label_style = base + self._style("grid--label")
        if line.section:
            label_style = base + self._style("grid--section")
        elif is_cursor_line:
            label_style = label_style + self._style("grid--cursor-row")
        indent = "  " * line.depth
        # keep one blank column between the label and the first month
        text = indent + shorten_label(line.label, self.label_width - 2 - len(indent))
        label = Strip([Segment((" " + text).ljust(self.label_width)[: self.label_width], label_style)],
                      self.label_width)
        if line.section:
            body = Strip([Segment(" " * self.data_width, base)], self.data_width)
            sep_x = self.offsets[COL_KIND] - 1
            body = Strip.join([body.crop(0, sep_x), Strip([Segment(SEPARATOR, base + self._style("grid--separator"))]),
                               body.crop(sep_x + 1, self.data_width)])
            self._cache[index] = (label, body)
            return label, body
        row = line.row
        derived_row = row.readonly_reason is not None
        segments = []
        edit = self.edit
        cursor_column = self.cursor_column
        judgement = row.comparison.trend.judgement if row.comparison.trend is not None else None
        for c, cell in enumerate(line.cells):
            if c == COL_KIND:
                segments.append(Segment(" " + SEPARATOR, self._combined(base, "grid--separator")))
            names = ("grid--derived",) if derived_row or c >= COL_KIND else ()
            if c == COL_TREND and judgement in ("better", "worse"):
                names += (f"grid--{judgement}",)
            if is_cursor_line:
                names += ("grid--cursor-row",)
            if edit is not None and edit.line == index and edit.column == c:
                shown = edit.text + "▏"
                names = ("grid--error" if edit.error else "grid--editing",)
                cell = shown[-(self.widths[c] - 1):]
            elif is_cursor_line and c == cursor_column:
                names += ("grid--cursor",)
            segments.append(Segment(self._fit(cell, c), self._combined(base, *names)))
        segments.append(Segment(" ", base))
        body = Strip(segments)
        self._cache[index] = (label, body)
        return label, body

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
        if not self._applies(action):
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
        self.move_to(self.cursor_line, self.cursor_column - 1)

    def action_cursor_right(self) -> None:
        self.move_to(self.cursor_line, self.cursor_column + 1)

    def action_first_column(self) -> None:
        self.move_to(self.cursor_line, 0)

    def action_last_column(self) -> None:
        self.move_to(self.cursor_line, COLUMN_COUNT - 1)

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
        self.stop_edit()

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
