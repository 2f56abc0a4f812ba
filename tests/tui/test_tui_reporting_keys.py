"""The reporting round reached from the grid: r, i and h open their screens; comments and locks show."""

from __future__ import annotations

from tests.support import UNIT, grid_line, make_app, run_app, screen_text
from tracker.core.periods import Month


def test_r_opens_rapportera_manad_for_the_cursor_month_and_grid_keys_rest_meanwhile(small_store):
    from tracker.tui.screens import ReportMonthScreen

    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportMonthScreen)
        assert "mars 2023" in screen_text(app)
        assert not app.check_action("pick_unit", ())  # the grid's keys do not act under the form
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0] and app.check_action("pick_unit", ())

    run_app(app, scenario)


def test_r_on_a_rollup_explains_that_reporting_is_per_enhet(small_store):
    app = make_app(small_store, unit="IFO.BOU")

    async def scenario(pilot):
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert "per enhet" in app.query_one("#message").text

    run_app(app, scenario)


def test_i_opens_inrapportering_and_h_the_cell_history(small_store):
    from tracker.tui.screens import HistoryScreen, StatusScreen

    app = make_app(small_store, month=1)

    async def scenario(pilot):
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, StatusScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "Aktualiseringar barn och unga" in text and "204" in text

    run_app(app, scenario)


def test_commented_cell_is_marked_in_the_grid(small_store):
    small_store.add_comment(UNIT, Month(2023, 1), "Ny registreringsrutin från januari", measure="bou.akt")
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        assert "204*" in grid_line(app, "Aktualiseringar barn och")
        assert "kommentar" in app.query_one("#status").text

    run_app(app, scenario)


def test_locked_month_asks_an_admin_for_a_reason_that_goes_into_the_log(small_store):
    small_store.lock_month(Month(2023, 1))
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        await pilot.press("2", "0", "5", "enter")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 204  # nothing yet
        await pilot.press(*"Rättelse", "enter")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 205
        assert small_store.history(UNIT, "bou.akt", "", Month(2023, 1))[-1].reason == "Rättelse"

    run_app(app, scenario)


def test_locked_month_without_a_reason_changes_nothing(small_store):
    small_store.lock_month(Month(2023, 1))
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        await pilot.press("2", "0", "5", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 204
        assert "låst" in app.query_one("#message").text

    run_app(app, scenario)


def test_command_palette_and_help_speak_swedish(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zzzq")
        await pilot.pause(0.8)
        assert "Inga träffar" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "PgUp" in text and "Del" in text and "pageup" not in text

    run_app(app, scenario)


def test_rollup_month_missing_an_enhet_is_marked_and_explained(small_store):
    small_store.add_unit("IFO.VUX.VUX2", "Vuxenenheten 2", parent="IFO.VUX", measures="vux.akt")
    small_store.set_value("IFO.VUX.VUX2", "vux.akt", Month(2023, 2), 3, source="cli")  # reported Feb, not Jan
    app = make_app(small_store, unit="IFO.VUX", month=1)

    async def scenario(pilot):
        row = grid_line(app, "Aktualiseringar vuxna")
        assert "7~" in row
        line = app.data.find_row("vux.akt")
        app.grid.move_to(line, 0)
        await pilot.pause()
        assert "Vuxenenheten 2 har inte rapporterat" in app.query_one("#status").text

    run_app(app, scenario)
