"""Rapportera månad: one enhet, one month, every measure it enters, saved all at once.

The module is long because the form is one screen whose parts share the fields' state: the rows
it shows, the checks as one types (entry rule, varav, unlikely jumps), type-ahead that keeps keys
in the right field, and the save's named steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from tracker.core.catalog import Measure
from tracker.core.entry import JUMP_QUESTION, future_refusal, parse_entry
from tracker.core.errors import InputError, TrackerError
from tracker.core.periods import Month
from tracker.core.presentation import COMMENT_MARK
from tracker.core.privacy import check_comment_text
from tracker.core.reporting import entered_rows, missing_entries
from tracker.core.scope import Scope, check_value, series
from tracker.core.swedish import MISSING, format_number, month_name
from tracker.store.values_store import ValueWrite
from tracker.tui.key_names import key_display, keys_display
from tracker.tui.keybar import KeyBar
from tracker.tui.keymap import by_id
from tracker.tui.modals import ConfirmScreen, TextPrompt


@dataclass
class Field:
    """One entry field of the form: a measure (or one part of it) for the month."""

    index: int
    measure: Measure
    part: str
    depth: int
    initial: float | None
    revision: int
    previous: float | None  # the month before
    last_year: float | None  # the same month last year
    commented: bool

    @property
    def label(self) -> str:
        return self.measure.row_label(self.part)


def _shown(value: float | None) -> str:
    return format_number(value) if value is not None else MISSING


class FormInput(Input):
    """An Input for the form that keeps type-ahead in the right field.

    Keys typed in a burst are all queued to the field that had focus when they arrived, while
    Input's own Enter and Backspace run later, as bindings; so this field handles those keys the
    moment it receives them, moves focus at once, and hands keys that reach it after focus has
    left on to the field that has it now.
    """

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        if self.app.screen is not screen:
            # a question ("Stämmer det?") is open: keys typed before it appeared must not answer it
            event.stop()
            event.prevent_default()
            return
        if screen.focused is not self:
            event.stop()
            event.prevent_default()
            if isinstance(screen.focused, FormInput):
                screen.focused.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            screen.field_key(self, event.key)
            return
        if event.key == "backspace":
            event.stop()
            event.prevent_default()
            self.action_delete_left()
            return
        await super()._on_key(event)


class ReportMonthScreen(Screen[bool]):
    """The Rapportera månad form; dismisses True when saved, False when left without saving.

    Nothing is stored until the form is saved: a comment written with F4 waits with the values
    and is dropped with them when the form is left without saving.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Spara och markera klar", tooltip="Spara alla fält och markera månaden klar",
                id="report.save", priority=True),
        Binding("escape", "leave", "Avbryt", tooltip="Lämna formuläret utan att spara (frågar först vid ändringar)",
                id="report.leave"),
        Binding("f3", "history", "Historik", tooltip="Fältets ändringar och kommentarer", id="report.history"),
        Binding("f4", "comment", "Kommentar", tooltip="Skriv en kommentar till fältet; den sparas med formuläret",
                id="report.comment"),
    ]
    # The keys the fields handle themselves, and the marks beside them, for the help (F1).
    HELP_KEYS = [
        (f"{key_display('tab')} / {key_display('enter')}", "Godta värdet och gå till nästa fält"),
        (key_display("shift+tab"), "Tillbaka till förra fältet"),
        (key_display("ctrl+u"), "Töm fältet: tomt betyder att värdet saknas, 0 att inget hänt"),
        ("= räknas fram", "Summan av delarna under; ändra delarna"),
        ("✗ sparas inte", "Värdet kan inte sparas; raden under fälten säger varför"),
        ("? Stämmer det?", f"Långt från tidigare värden; {key_display('enter')} frågar om det stämmer"),
        (COMMENT_MARK, "Fältet har en kommentar (F3 visar den)"),
        (f"{COMMENT_MARK} ny", "En kommentar som sparas när formuläret sparas"),
    ]

    def __init__(self, store, unit_code: str, month: Month) -> None:
        super().__init__()
        self.store = store
        self.unit = store.units.find(unit_code)
        if not self.unit.is_enhet:
            raise InputError(
                f"”{self.unit.name}” är en {self.unit.level_name.lower()}. Rapportera månaden för en av enheterna under den."
            )
        not_yet = future_refusal(month, store.today)
        if not_yet:
            raise InputError(not_yet)
        self.month = month
        self.rule = store.jump_rule()
        self.fields: list[Field] = []
        self.errors: dict[int, str] = {}
        self.confirmed: dict[int, float] = {}  # jump confirmed for this value
        self.reason: str | None = None
        self.mark_done: bool | None = None  # the answer when measures lack values: mark klar anyway?
        self.saved = False
        # comments written in the form (field index, or None for the month; text): saved with it
        self.pending_comments: list[tuple[int | None, str]] = []
        self._load()

    # -- data --------------------------------------------------------------------------------

    def _load(self) -> None:
        store, month = self.store, self.month
        catalog = store.catalog
        scope = store.scope(self.unit.code, [month.year - 1, month.year])
        revisions = store.revisions(self.unit.code, [month.year])
        commented = store.commented_cells(self.unit.code, month.year)
        self.month_values = {k: v for k, v in scope.values.items() if k[2] == month}
        self.rows: list[tuple[Measure, list[Field]]] = []
        for measure, parts in entered_rows(catalog, self.unit, month):
            fields = []
            for part in parts or [""]:
                raw = scope.raw(measure.code, part)
                field = Field(
                    index=len(self.fields),
                    measure=measure,
                    part=part,
                    depth=catalog.depth(measure, part),
                    initial=raw.get(month),
                    revision=revisions.get((measure.code, part, month), 0),
                    previous=raw.get(month.previous()),
                    last_year=raw.get(month.same_month_last_year()),
                    commented=(measure.code, part, str(month)) in commented,
                )
                self.fields.append(field)
                fields.append(field)
            self.rows.append((measure, fields))
        self.scope = scope
        self.locked = store.is_locked(self.unit.code, month)
        self.month_commented = ("", "", str(month)) in commented

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        month = self.month
        yield Label(f"Rapportera månad · {self.unit.name} · {month.label()}", id="report-title")
        yield Label(self._banner(), id="report-banner")
        with VerticalScroll(id="report-rows"):
            with Horizontal(classes="row head"):
                yield Label("Mått", classes="name")
                yield Label("Värde", classes="value")
                yield Label(f"{month_name(month.previous().month, True)} {month.previous().year}", classes="cmp")
                yield Label(f"{month_name(month.month, True)} {month.year - 1}", classes="cmp")
                yield Label("", classes="note")
            section = None
            for measure, fields in self.rows:
                if measure.section != section:
                    section = measure.section
                    yield Label(self.store.catalog.section_name(section).upper(), classes="section")
                if measure.parts:
                    yield from self._total_row(measure)
                for field in fields:
                    yield from self._field_row(field)
        yield Static("", id="report-message")
        with Horizontal(id="report-buttons"):
            yield Button(f"Spara och markera klar ({self._key_of('report.save')})", id="report-save",
                         variant="primary")
            yield Button(f"Avbryt ({self._key_of('report.leave')})", id="report-cancel")
        yield KeyBar()

    def _banner(self) -> str:
        notes = []
        if self.locked:
            notes.append(
                "Månaden är låst. Bara en administratör kan ändra den, och då med en orsak."
            )
        elif self.store.is_reported(self.unit.code, self.month):
            notes.append("Månaden är redan rapporterad; ändringar sparas och den förblir klar.")
        if self.month_commented:
            notes.append(f"{COMMENT_MARK} Det finns en kommentar till månaden.")
        refusal = self.store.write_refusal(self.unit.code)
        if refusal:
            notes.append(refusal)
        if not self.fields:
            notes.append("Enheten har inga mått att ange för den här månaden.")
        return " ".join(notes)

    def _total_row(self, measure: Measure):
        depth = self.store.catalog.depth(measure)
        total = series(self.store.catalog, self.scope, measure)
        with Horizontal(classes="row"):
            yield Label("  " * depth + measure.name, classes="name")
            yield Label(self._total_text(measure), classes="total", id=f"total-{measure.code.replace('.', '-')}")
            yield Label(_shown(total.get(self.month.previous())), classes="cmp")
            yield Label(_shown(total.get(self.month.same_month_last_year())), classes="cmp")
            yield Label("räknas fram", classes="note")

    def _field_row(self, field: Field):
        with Horizontal(classes="row"):
            yield Label("  " * field.depth + field.label, classes="name")
            yield FormInput(
                value="" if field.initial is None else format_number(field.initial),
                id=f"f-{field.index}",
            )
            yield Label(_shown(field.previous), classes="cmp")
            yield Label(_shown(field.last_year), classes="cmp")
            yield Label(COMMENT_MARK if field.commented else "", classes="note", id=f"note-{field.index}")

    def _key_of(self, binding_id: str) -> str:
        """A command's key as the keymap left it, for the buttons."""
        return keys_display(by_id(self.BINDINGS, getattr(self.app, "keymap", {}))[binding_id])

    def on_mount(self) -> None:
        # the first field without a value: a month half entered goes on where it was left
        empty = [f for f in self.fields if f.initial is None]
        first = empty[0] if empty else (self.fields[0] if self.fields else None)
        if first is not None:
            self._input(first).focus()

    # -- values ------------------------------------------------------------------------------

    def _input(self, field: Field) -> Input:
        return self.query_one(f"#f-{field.index}", Input)

    def _parse(self, field: Field) -> float | None:
        return parse_entry(self._input(field).value, field.measure)

    def _form_values(self) -> dict:
        """The month's values as the form holds them (unparseable fields keep the stored value)."""
        values = dict(self.month_values)
        for field in self.fields:
            key = (field.measure.code, field.part, self.month)
            try:
                value = self._parse(field)
            except InputError:
                continue
            if value is None:
                values.pop(key, None)
            else:
                values[key] = value
        return values

    def _check(self, field: Field) -> str | None:
        """Why the field's value cannot be accepted, or None."""
        try:
            value = self._parse(field)
            check_value(self.store.catalog, Scope(self._form_values()), field.measure, field.part, self.month, value)
        except InputError as exc:
            return str(exc)
        return None

    def _recheck_all(self) -> None:
        # A varav and its parent judge each other, so one change can fix or break another row.
        for field in self.fields:
            error = self._check(field)
            if error:
                self.errors[field.index] = error
            else:
                self.errors.pop(field.index, None)
            self._show_note(field)

    def _is_unconfirmed_jump(self, field: Field) -> bool:
        try:
            value = self._parse(field)
        except InputError:
            return False
        if value is None or value == field.initial or not self.rule.implausible(value, field.previous, field.last_year):
            return False
        return self.confirmed.get(field.index) != value

    def _show_note(self, field: Field) -> None:
        note = self.query_one(f"#note-{field.index}", Label)
        inp = self._input(field)
        note.remove_class("-error", "-warning")
        inp.remove_class("-invalid")
        if any(index == field.index for index, _text in self.pending_comments):
            mark = f" {COMMENT_MARK} ny"
        else:
            mark = f" {COMMENT_MARK}" if field.commented else ""
        if field.index in self.errors:
            note.update("✗ sparas inte" + mark)
            note.add_class("-error")
            inp.add_class("-invalid")
        elif self._is_unconfirmed_jump(field):
            note.update("? Stämmer det?" + mark)
            note.add_class("-warning")
        elif field.index in self.confirmed:
            note.update("✓ bekräftat" + mark)
        else:
            note.update(mark.strip())

    def _update_totals(self) -> None:
        values = Scope(self._form_values())
        for measure, _fields in self.rows:
            if measure.parts:
                label = self.query_one(f"#total-{measure.code.replace('.', '-')}", Label)
                label.update(self._total_text(measure, values))

    def _total_text(self, measure: Measure, scope: Scope | None = None) -> str:
        total = series(self.store.catalog, scope or self.scope, measure).get(self.month)
        return f"= {_shown(total)}"

    def _message(self, text: str, error: bool = False) -> None:
        message = self.query_one("#report-message", Static)
        message.update(Text(text))
        message.set_class(error, "-error")

    @property
    def dirty(self) -> bool:
        """True when a field differs from what is stored, or a comment waits to be saved."""
        if self.pending_comments:
            return True
        for field in self.fields:
            try:
                if self._parse(field) != field.initial:
                    return True
            except InputError:
                return True
        return False

    # -- events ------------------------------------------------------------------------------

    def _field_of(self, widget) -> Field | None:
        if isinstance(widget, Input) and widget.id and widget.id.startswith("f-"):
            return self.fields[int(widget.id[2:])]
        return None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        field = self._field_of(event.input)
        if field is None:
            return
        self._recheck_all()
        self._update_totals()
        error = self.errors.get(field.index)
        self._message(error or "", error=bool(error))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        field = self._field_of(event.input)
        if field is None:
            return
        event.stop()
        self._accept(field, then=self.focus_next)

    def field_key(self, widget: Input, key: str) -> None:
        """Enter or Tab in a field: accept it and go on; shift+Tab goes back without checking."""
        field = self._field_of(widget)
        if field is None:
            return
        if key == "shift+tab":
            self.focus_previous()
        else:
            self._accept(field, then=self.focus_next)

    def _accept(self, field: Field, then) -> None:
        """Accept a field's value (refusing errors, asking about jumps), then continue."""
        error = self._check(field)
        if error:
            self.errors[field.index] = error
            self._show_note(field)
            self._message(error, error=True)
            self.app.bell()
            return
        if self._is_unconfirmed_jump(field):
            value = self._parse(field)
            question = f"{field.measure.label(field.part)}: {self.rule.explain(value, field.previous, field.last_year)} {JUMP_QUESTION}"

            def answered(yes: bool | None) -> None:
                if yes:
                    self.confirmed[field.index] = value
                    self._show_note(field)
                    self._message("")
                    then()
                else:
                    self._input(field).focus()
                    self._message("Rätta värdet, eller tryck Enter och svara Ja om det stämmer.")

            self.app.push_screen(ConfirmScreen(question, default_yes=True), answered)
            return
        then()

    @on(Button.Pressed, "#report-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#report-cancel")
    def _cancel_pressed(self) -> None:
        self.action_leave()

    # -- actions -----------------------------------------------------------------------------

    def action_save(self) -> None:
        """Save the form in steps, each of which may stop it; a step that asks a question (a jump,
        marking klar with measures missing, a locked month's reason) runs the save again once answered."""
        if not (self._save_permitted() and self._fields_accepted() and self._jumps_confirmed()):
            return
        values = {f.index: self._parse(f) for f in self.fields}
        missing = missing_entries(self.store.catalog, self.unit, self.month, self._form_values())
        changed = [f for f in self.fields if values[f.index] != f.initial]
        if self._has_a_value(values) and self._klar_decided(missing) and self._reason_given(changed):
            self._save_values(values, changed, done=not missing or bool(self.mark_done))

    def _refuse(self, message: str, field: Field | None = None) -> bool:
        """Stop the save with a message (and the field to correct); always False."""
        if field is not None:
            self._input(field).focus()
        self._message(message, error=True)
        self.app.bell()
        return False

    def _save_permitted(self) -> bool:
        """What the role or the lock forbids is refused at once, before anything is asked about values."""
        refusal = self.store.write_refusal(self.unit.code)
        if refusal is None and self.locked and not self.store.is_admin:
            refusal = self.store.lock_refusal(self.unit.code, self.month, None)
        return self._refuse(refusal) if refusal else True

    def _fields_accepted(self) -> bool:
        """Every field holds a value the entry rule and the varav rule accept; else the first that does not."""
        self._recheck_all()
        if not self.errors:
            return True
        first = self.fields[min(self.errors)]
        return self._refuse(self.errors[first.index], first)

    def _jumps_confirmed(self) -> bool:
        """An unlikely jump is asked about, field by field, before anything is saved."""
        for field in self.fields:
            if self._is_unconfirmed_jump(field):
                self._input(field).focus()
                self._accept(field, then=self.action_save)
                return False
        return True

    def _has_a_value(self, values: dict[int, float | None]) -> bool:
        """A month is not saved empty: 0 is entered where nothing happened."""
        if any(v is not None for v in values.values()):
            return True
        self._message(
            "Ange minst ett värde innan månaden sparas (0 där inget hänt; tomt betyder att värdet saknas).",
            error=True,
        )
        return False

    def _klar_decided(self, missing: list[str]) -> bool:
        """With measures missing, ask whether to mark the month klar anyway (Nej saves it as påbörjad)."""
        if not missing or self.mark_done is not None:
            return True

        def answered(yes: bool | None) -> None:
            self.mark_done = bool(yes)
            self.action_save()

        question = (
            f"{len(missing)} mått saknar värde för {self.month.label()}: {', '.join(missing)}. Markera månaden "
            "klar ändå? Nej sparar värdena och månaden blir påbörjad."
        )
        self.app.push_screen(ConfirmScreen(question), answered)
        return False

    def _reason_given(self, changed: list[Field]) -> bool:
        """An admin changing a locked month gives the reason the log keeps."""
        if not changed or not self.locked or not self.store.is_admin or self.reason:
            return True

        def got_reason(reason: str | None) -> None:
            if reason:
                self.reason = reason
                self.action_save()
            else:
                self._message("Ingenting sparades: en låst månad ändras bara med en orsak.", error=True)

        self.app.push_screen(TextPrompt("Månaden är låst. Varför ändras den?", "t.ex. Rättelse efter revision"),
                             got_reason)
        return False

    def _save_values(self, values: dict[int, float | None], changed: list[Field], done: bool) -> None:
        """Write the changed values in one go, mark the month klar when it is, and close the form."""
        writes = [
            ValueWrite(self.unit.code, f.measure.code, f.part, self.month, values[f.index], f.revision)
            for f in changed
        ]
        try:
            self.store.set_values(writes, source="tui", reason=self.reason)
            self._save_comments()
            if done:
                self.store.mark_reported(self.unit.code, self.month, force=True)
        except TrackerError as exc:
            self.mark_done = None
            self._refuse(str(exc))
            return
        self.saved = True
        status = "är rapporterad (klar)" if done else "är påbörjad"
        count = "1 värde" if len(writes) == 1 else f"{len(writes)} värden"
        self.app.notify(
            f"Sparade {count}; {self.month.label()} {status} för {self.unit.name}.",
            title="Rapportera månad",
        )
        self.dismiss(True)

    def _save_comments(self) -> None:
        """Store the comments written in the form, each once (a save stopped later does not repeat them)."""
        while self.pending_comments:
            index, text = self.pending_comments[0]
            field = self.fields[index] if index is not None else None
            self.store.add_comment(self.unit.code, self.month, text,
                                   measure=field.measure.code if field else None, part=field.part if field else "")
            self.pending_comments.pop(0)
            if field is not None:
                field.commented = True

    def action_leave(self) -> None:
        """Leave the form; asks first when there are unsaved changes (and clears the message line,
        as Esc does everywhere; a refused field keeps its mark)."""
        self._message("")
        if not self.dirty:
            self.dismiss(False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(False)

        comments = len(self.pending_comments)
        what = "ändringar" if comments == 0 else "ändringar och en kommentar" if comments == 1 else (
            f"ändringar och {comments} kommentarer")
        question = f"Du har {what} som inte sparats. Lämna utan att spara? Ingenting sparas då."
        self.app.push_screen(ConfirmScreen(question), answered)

    def _focused_field(self) -> Field | None:
        return self._field_of(self.focused)

    def action_history(self) -> None:
        """Show the history and comments of the focused field."""
        field = self._focused_field()
        if field is None:
            self._message("Flytta till ett fält först för att se dess historik.")
            return
        from tracker.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.store, self.unit.code, field.measure.code, field.part, self.month))

    def action_comment(self) -> None:
        """Write a comment on the focused field (or on the month when no field is focused); it is
        stored when the form is saved, and dropped when the form is left without saving."""
        field = self._focused_field()
        target = f"”{field.label}”" if field else "månaden"

        def got_text(text: str | None) -> None:
            if not text:
                return
            try:
                cleaned = check_comment_text(text)
            except TrackerError as exc:
                self._message(str(exc), error=True)
                return
            self.pending_comments.append((field.index if field else None, cleaned))
            if field:
                self._show_note(field)
            self._message(
                f"Kommentaren till {target} sparas när du sparar formuläret ({self._key_of('report.save')}); "
                f"{self._key_of('report.leave')} utan att spara tar bort den."
            )

        self.app.push_screen(TextPrompt(f"Kommentar till {target} (inga personuppgifter):"), got_text)
