"""One keymap for every screen: the grid's own keys move too, and the footer, help and palette follow."""

from __future__ import annotations

import pytest
from textual import events

from tests.support import UNIT, make_app, run_app, screen_text
from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.tui.keymap import load_keymap
from tracker.tui.modals.help import help_rows


def keymap(tmp_path, text: str) -> dict[str, str]:
    path = tmp_path / "tangenter.toml"
    path.write_text(text, "utf-8")
    return load_keymap(path, "test")


def burst(app, keys: str) -> None:
    """Queue every key at once, as a fast burst arrives, without waiting between them."""
    for key in keys.split():
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def test_a_moved_grid_key_does_its_command_and_the_old_key_no_longer_does(small_store, tmp_path):
    app = make_app(small_store, month=1)
    app.use_keymap(keymap(tmp_path, '"grid.clear" = "x"\n"grid.down" = "ctrl+n"\n'))

    async def scenario(pilot):
        await pilot.press("delete")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 204  # Del no longer clears
        await pilot.press("ctrl+n", "x")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt.oro", "", Month(2023, 1))[0] is None
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 204
        footer = screen_text(app).splitlines()[-1]
        assert "x Rensa" in footer and "Del Rensa" not in footer

    run_app(app, scenario)


def test_a_burst_through_moved_keys_lands_in_the_right_cells(small_store, tmp_path):
    """Moved keys are resolved as they arrive, like the grid's own: typed ahead, nothing goes astray."""
    app = make_app(small_store, month=1)
    app.use_keymap(keymap(tmp_path, '"grid.down" = "ctrl+n"\n"grid.edit-f2" = "f6"\n'))

    async def scenario(pilot):
        burst(app, "2 1 1 tab ctrl+n f6 backspace backspace backspace 1 7 1 tab ctrl+n 9 9 enter")
        await pilot.pause(0.3)
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 211
        assert small_store.cell(UNIT, "bou.akt.oro", "", Month(2023, 1))[0] == 171
        assert small_store.cell(UNIT, "bou.fhb", "", Month(2023, 1))[0] == 99
        assert not app.grid.editing

    run_app(app, scenario)


def test_help_and_palette_show_the_moved_keys(small_store, tmp_path):
    app = make_app(small_store)
    app.use_keymap(keymap(tmp_path, '"app.pick-unit" = "e"\n"grid.up" = "ctrl+k"\n"grid.clear" = "x"\n'))

    async def scenario(pilot):
        rows = {description: keys for keys, description, _ in help_rows(app, app.keymap)}
        assert rows["Byt enhet"] == "e" and rows["Rensa"] == "x"
        assert rows["Flytta markören"] == "ctrl+k ↓ ← →"
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Byt enhet"] == "Välj enhet, avdelning eller förvaltning (e)"
        await pilot.press("f1")
        await pilot.pause()
        assert "ctrl+k ↓ ← →" in screen_text(app)

    run_app(app, scenario, size=(120, 50))


def test_a_keymap_reaches_the_other_screens(small_store, tmp_path):
    from tracker.tui.screens import StatusScreen

    app = make_app(small_store, month=1)
    app.use_keymap(keymap(tmp_path, '"status.lock" = "ctrl+l"\n'))

    async def scenario(pilot):
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, StatusScreen)
        month = app.screen.cursor_month()
        await pilot.press("l")
        await pilot.pause()
        assert not small_store.is_locked(UNIT, month)
        assert "ctrl+l Lås månaden" in screen_text(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert small_store.is_locked(UNIT, month)

    run_app(app, scenario)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"grid.clear" = "u"\n', "tangenten ”u” skulle gälla både app.pick-unit och grid.clear"),
        ('"grid.up" = "5"\n', "”5” används av rutnätet och kan inte ges till grid.up"),
        ('"report.history" = "h"\n', "”h” skrivs i fälten i Rapportera månad och kan inte ges till report.history"),
        ('"app.palette" = "p"\n', "”p” skrivs i fälten i Rapportera månad och kan inte ges till app.palette"),
        ('"status.lock" = "up"\n', "”up” används av Inrapportering och kan inte ges till status.lock"),
        ('"grid.save" = "f9"\n', "”grid.save” är inget kommando som kan få en annan tangent"),
    ],
)
def test_a_keymap_that_would_break_a_screen_is_refused_in_swedish(tmp_path, text, expected):
    with pytest.raises(InputError) as caught:
        keymap(tmp_path, text)
    assert expected in str(caught.value)


def test_messages_that_name_the_unit_key_name_it_where_the_keymap_moved_it(small_store, tmp_path):
    app = make_app(small_store, unit="IFO.BOU")
    app.use_keymap(keymap(tmp_path, '"app.pick-unit" = "e"\n'))

    async def scenario(pilot):
        app.action_history()  # the palette's way in: Historik is not offered on a roll-up
        await pilot.pause()
        message = app.query_one("#message").text
        assert "byt till en enhet med e " in message and " med u " not in message

    run_app(app, scenario)


def test_the_first_run_notice_names_the_unit_key_as_the_keymap_left_it(tmp_path, monkeypatch):
    from tracker.tui import launch

    path = tmp_path / "keys.toml"
    path.write_text('"app.pick-unit" = "e"\n', "utf-8")
    shown = []
    monkeypatch.setattr(launch.TrackerApp, "run", lambda self: shown.append(self.notice))
    launch.run_app(tmp_path / "ny.db", keymap=path, keymap_from="test")
    assert "Välj enhet med e," in shown[0]
