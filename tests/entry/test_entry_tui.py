"""The entry rule on screen: the form and the grid refuse, ask and list like the command line."""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.widgets import Input, Label, Static

from tests.support import UNIT, make_app, make_small_store, screen_text, type_text
from tracker.core.periods import Month
from tracker.tui.modals import ConfirmScreen, TextPrompt
from tracker.tui.model import COL_CURRENT
from tracker.tui.screens.report_month import ReportMonthScreen

MARS = Month(2023, 3)


def _question(app) -> str:
    return str(app.screen.query_one("#confirm-question", Label).render())


def _run_form(store, scenario) -> list:
    """Open Rapportera månad for Mottagning, March 2023, run scenario(pilot, app, form); the results."""
    app, results = App(), []

    async def main():
        async with app.run_test(size=(160, 50)) as pilot:
            form = ReportMonthScreen(store, UNIT, MARS)
            app.push_screen(form, results.append)
            await pilot.pause()
            await scenario(pilot, app, form, results)

    asyncio.run(main())
    return results


def test_form_refuses_minus_three_with_a_message_and_stores_nothing():
    store = make_small_store(None)

    async def scenario(pilot, app, form, results):
        await type_text(pilot, "-3")
        assert form.query_one("#f-0", Input).value == "-3"  # shown as typed, never stripped
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and results == []
        assert "Negativa värden" in str(form.query_one("#report-message", Static).render())

    _run_form(store, scenario)
    assert store.cell(UNIT, "bou.akt", "", MARS)[0] is None
    assert not store.is_reported(UNIT, MARS)


def test_form_lists_empty_measures_and_no_saves_the_month_as_paborjad():
    store = make_small_store(None)

    async def scenario(pilot, app, form, results):
        assert "Spara och markera klar" in str(form.query_one("#report-save").label)
        await type_text(pilot, "185")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = _question(app)
        assert "3 mått saknar värde" in question and "varav orosanmälningar" in question
        assert "Aktualiseringar barn" not in question
        await pilot.press("n")
        await pilot.pause()

    assert _run_form(store, scenario) == [True]
    assert store.cell(UNIT, "bou.akt", "", MARS)[0] == 185
    assert not store.is_reported(UNIT, MARS)
    assert store.reporting_status(2023, UNIT).grid[UNIT][MARS] == "påbörjad"


def test_grid_asks_about_an_implausible_value_like_the_form():
    store = make_small_store(None)
    app = make_app(store, month=3)

    async def scenario():
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            await pilot.press("2", "0", "enter")  # Aktualiseringar: 190 in February and in March last year
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen) and "förra månaden 190" in _question(app)
            await pilot.press("n")
            await pilot.pause()
            assert store.cell(UNIT, "bou.akt", "", MARS)[0] is None
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("j")
            await pilot.pause()
            assert store.cell(UNIT, "bou.akt", "", MARS)[0] == 20

    asyncio.run(scenario())


def test_grid_asks_for_a_reason_on_a_locked_annual_value():
    store = make_small_store(None)
    store.lock_month(Month(2022, 12), "IFO.BOU.PLAC")  # an annual value belongs to its December
    app = make_app(store, unit="IFO.BOU.PLAC", year=2022, month=12)

    async def scenario():
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            app.grid.move_to(app.data.find_row("bou.unika.fh"), COL_CURRENT)
            await pilot.press("4", "0", "enter")
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt)
            assert "År 2022 är låst" in str(app.screen.query_one(Label).render())
            await type_text(pilot, "Rättelse")
            await pilot.press("enter")
            await pilot.pause()
            assert "Sparat" in str(app.query_one("#message").render())

    asyncio.run(scenario())
    assert store.cell("IFO.BOU.PLAC", "bou.unika.fh", "", 2022)[0] == 40
    assert store.history("IFO.BOU.PLAC", "bou.unika.fh", "", 2022)[-1].reason == "Rättelse"


def test_switching_unit_and_year_keeps_the_month_column_in_view():
    store = make_small_store(None)
    app = make_app(store, year=2022, month=12)

    async def scenario():
        async with app.run_test(size=(70, 30)) as pilot:  # narrow: December needs scrolling
            await pilot.pause()
            grid = app.grid
            assert grid.cursor_column == 11 and grid.first_month > 0 and "dec" in screen_text(app).splitlines()[1]
            await pilot.press("u")
            await pilot.pause()
            await pilot.press("down", "down", "down", "down", "down", "enter")  # Familjerätten
            await pilot.pause()
            assert app.unit_code == "IFO.VUX.FAM" and grid.cursor_column == 11
            assert "dec" in screen_text(app).splitlines()[1]
            await pilot.press("4", "enter")
            await pilot.pause()
            assert store.cell("IFO.VUX.FAM", "fam.akt", "", Month(2022, 12))[0] == 4
            # ] into the current year: December has not come, so the cursor goes to the reported month
            await pilot.press("]")
            await pilot.pause()
            assert app.year == 2023 and grid.cursor_column == 2  # March, with today 10 April 2023
            assert "mars" in screen_text(app).splitlines()[1]

    asyncio.run(scenario())
