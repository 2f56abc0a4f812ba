"""The grid as a person uses it: real key presses, then what the database holds and the screen shows."""

from __future__ import annotations

from tests.support import UNIT, grid_line, make_app, run_app, screen_text
from tracker.core.periods import Month


def message(app) -> str:
    return app.query_one("#message").text


def test_opens_at_month_on_first_editable_row(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        grid = app.grid
        assert grid.cursor_column == 2  # mars
        assert grid.current_line.row.key == ("bou.akt", "")
        text = screen_text(app)
        assert "År 2023" in text and "Mottagning barn och unga" in text
        row = grid_line(app, "Aktualiseringar barn och")
        assert "204" in row and "190" in row and "–" in row
        assert "Summa" in row and "394" in row and "410" in row and "−16" in row and "−3,9 " in row

    run_app(app, scenario)


def test_typing_digits_saves_and_updates_comparisons(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("2", "3", "1")
        assert app.grid.editing
        await pilot.press("enter")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 3))[0] == 231
        row = grid_line(app, "Aktualiseringar barn och")
        # summary 204+190+231 = 625 against jan–mars 2022 = 600
        assert "231" in row and "625" in row and "600" in row and "+25" in row and "+4,2 " in row
        assert "Sparat" in message(app)
        # Enter moves on to the next row that takes a value, as in a spreadsheet
        assert app.grid.current_line.row.key == ("bou.akt.oro", "")
        history = small_store.history(UNIT, "bou.akt", "", Month(2023, 3))
        assert history[-1].source == "tui"

    run_app(app, scenario)


def test_enter_edits_current_value_and_f2_too(small_store):
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        await pilot.press("enter")
        assert app.grid.edit.text == "204"
        await pilot.press("backspace", "5", "enter")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 205
        await pilot.press("up", "f2", "backspace", "backspace", "backspace", "1", "9", "9", "enter")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 199

    run_app(app, scenario)


def test_delete_clears_to_missing(small_store):
    app = make_app(small_store, month=2)

    async def scenario(pilot):
        await pilot.press("down")  # varav orosanmälningar
        await pilot.press("delete")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt.oro", "", Month(2023, 2))[0] is None
        cells = grid_line(app, "varav orosanmälningar").split()
        assert cells[2:4] == ["160", "–"]  # januari kept, februari missing

    run_app(app, scenario)


def test_escape_cancels_without_writing(small_store):
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        await pilot.press("9", "9", "escape")
        await pilot.pause()
        assert not app.grid.editing
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 204
        assert "204" in grid_line(app, "Aktualiseringar barn och")

    run_app(app, scenario)


def test_refuses_bad_values_with_a_message(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        before = small_store.cell(UNIT, "bou.akt", "", Month(2023, 3))
        await pilot.press("1", "a", "enter")
        await pilot.pause()
        assert "inget giltigt värde" in message(app)
        assert app.grid.editing and app.grid.edit.error
        await pilot.press("escape", "0", "backspace", "minus", "5", "enter")
        await pilot.pause()
        assert "Negativa värden" in message(app)
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 3)) == before

    run_app(app, scenario)


def test_refuses_varav_larger_than_parent(small_store):
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        await pilot.press("down", "9", "9", "9", "enter")
        await pilot.pause()
        assert "kan inte vara större än" in message(app)
        assert small_store.cell(UNIT, "bou.akt.oro", "", Month(2023, 1))[0] == 160

    run_app(app, scenario)


def test_derived_and_comparison_cells_say_why(small_store):
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        await pilot.press("ctrl+end")  # the last row: Andel förhandsbedömningar inom 14 dagar
        assert app.grid.current_line.row.key == ("bou.fhb.andel14", "")
        await pilot.press("5")
        await pilot.pause()
        assert "Kan inte ändras: Andelen räknas fram" in message(app)
        assert not app.grid.editing
        await pilot.press("ctrl+home", "end", "delete")
        await pilot.pause()
        assert "Jämförelsen" in message(app)

    run_app(app, scenario)


def test_switch_year_with_brackets(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.year == 2022
        assert "År 2022" in screen_text(app)
        row = grid_line(app, "Aktualiseringar barn och")
        assert "210" in row and "999" not in row
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.year == 2023

    run_app(app, scenario)


def test_unit_picker_and_readonly_rollup(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        from tracker.tui.modals import UnitPicker

        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, UnitPicker)
        # the tree starts on the current unit; its parent avdelning is one up
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.unit_code == "IFO.BOU"
        assert "summering" in screen_text(app)
        await pilot.press("5")
        await pilot.pause()
        assert "Summering av enheterna under" in message(app)
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.unit_code == "IFO.BOU"

    run_app(app, scenario)


def test_rollup_sums_enheter(small_store):
    app = make_app(small_store, unit="IFO.VUX", month=1)

    async def scenario(pilot):
        assert "7" in grid_line(app, "Aktualiseringar vuxna")
        row = grid_line(app, "Vuxna HVB, SoL")
        assert "17" in row  # Kvinnor 5 + Män 12, derived

    run_app(app, scenario)


def test_help_lists_every_key(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        from tracker.tui.modals import HelpScreen

        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Byt enhet", "Gå till mått", "Exportera", "Rensa", "Avsluta", "Uppdatera", "Hjälp"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)

    run_app(app, scenario, size=(120, 50))


def test_goto_measure(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"oros")
        await pilot.press("enter")
        await pilot.pause()
        assert app.grid.current_line.row.key == ("bou.akt.oro", "")

    run_app(app, scenario)


def test_command_palette_has_domain_commands(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        from tracker.tui.modals import UnitPicker

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Byt enhet")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UnitPicker)

    run_app(app, scenario)


def test_footer_shows_keys_that_apply_now(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        keys = app.query_one("#keys")
        text = screen_text(app).splitlines()[-1]
        assert "Rensa" in text and "Byt enhet" in text and "Avbryt" not in text
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(app).splitlines()[-1]
        assert "Avbryt" in text and "Byt enhet" not in text
        assert keys is not None

    run_app(app, scenario)


def test_status_line_shows_measure_and_last_change(small_store):
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        text = screen_text(app)
        assert "flöde, summa av månaderna" in text and "ärenden" in text
        assert "Senast ändrad" in text and "test.user" in text

    run_app(app, scenario)


def test_fast_burst_of_keys_lands_in_the_right_cells(small_store):
    """Keys typed ahead (or sent by tmux in one go) must not reach the wrong cell."""
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        await pilot.press("delete", "down", "delete", "up", "2", "1", "1", "enter", "1", "7", "1", "enter")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 211
        assert small_store.cell(UNIT, "bou.akt.oro", "", Month(2023, 1))[0] == 171
        assert not app.grid.editing

    run_app(app, scenario)
