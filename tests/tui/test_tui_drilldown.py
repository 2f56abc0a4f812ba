"""Bakom summan as a person uses it: Enter on a roll-up cell lists the units behind it, Enter on one
opens its grid at the same cell, and Esc goes back the same way."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable

from tests.support import PLAC, UTR, VUX, make_app, run_app, screen_text, type_text
from tracker.core.periods import Month
from tracker.store.values_store import ValueWrite
from tracker.tui.app import TrackerApp
from tracker.tui.screens.drilldown import DrillDownScreen

EVB = "gem.evb"
SEPTEMBER = 8  # the grid's column


@pytest.fixture
def evb_store(small_store):
    """Ej verkställda beslut at the quarter ends of 2022 and 2023 in three enheter; Vuxenenheten has
    not reported September 2023."""
    writes = []
    for unit, values in {UTR: (4, 6, 5, 7), PLAC: (2, 3, 1, 2), VUX: (1, 1, 3, None)}.items():
        for month, value in zip((Month(2022, 9), Month(2022, 12), Month(2023, 6), Month(2023, 9)), values,
                                strict=True):
            if value is not None:
                writes.append(ValueWrite(unit, EVB, "", month, value))
    small_store.set_values(writes, source="cli")
    return small_store


def grid_app(store, unit):
    return TrackerApp(store, unit=unit, year=2023, month=10, today=date(2023, 11, 6))


async def go_to_evb(pilot, column=SEPTEMBER):
    await pilot.press("g")
    await pilot.pause()
    await type_text(pilot, EVB)
    await pilot.press("enter")
    await pilot.pause()
    app = pilot.app
    app.grid.move_to(app.grid.cursor_line, column)
    await pilot.pause()


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def test_enter_on_a_roll_up_cell_lists_the_enheter_that_add_up_to_it_and_opens_one(evb_store):
    app = grid_app(evb_store, "IFO.BOU")

    async def scenario(pilot):
        await go_to_evb(pilot)
        cell = app.grid.current_line.cells[SEPTEMBER]
        assert cell == "9"  # 7 + 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DrillDownScreen)
        rows = table_rows(app)
        # the total first, held at the top; the cursor on the first enhet
        assert [r[0] for r in rows] == ["Hela avdelningen", "Utredning barn och unga", "Placering och familjehem"]
        assert [r[1] for r in rows] == ["9", "7", "2"]
        assert int(rows[1][1]) + int(rows[2][1]) == int(rows[0][1]) == int(cell)
        assert [r[3] for r in rows] == ["6", "4", "2"]  # september 2022
        assert rows[1][2] == "77,8 %"
        assert app.screen.selected_code() == UTR
        await pilot.press("down", "enter")  # Placering och familjehem
        await pilot.pause()
        assert not isinstance(app.screen, DrillDownScreen)
        assert app.unit_code == PLAC
        assert app.grid.current_line.row.key == (EVB, "") and app.grid.cursor_column == SEPTEMBER
        assert app.grid.current_line.cells[SEPTEMBER] == "2"
        assert "Esc går tillbaka till Avdelning barn och unga" in screen_text(app)
        # Esc goes back: the roll-up at the same cell, with its list open on the enhet come from
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DrillDownScreen) and app.unit_code == "IFO.BOU"
        assert app.screen.selected_code() == PLAC
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DrillDownScreen)
        assert app.grid.current_line.row.key == (EVB, "") and app.grid.cursor_column == SEPTEMBER

    run_app(app, scenario, size=(160, 50))


def test_from_the_forvaltning_to_an_avdelning_and_on_to_an_enhet(evb_store):
    app = grid_app(evb_store, "IFO")

    async def scenario(pilot):
        await go_to_evb(pilot)
        await pilot.press("d")
        await pilot.pause()
        rows = table_rows(app)
        assert rows[0][:2] == ["Hela förvaltningen", "9"]
        assert rows[1][:2] == ["Avdelning barn och unga", "9"]
        assert rows[2][:2] == ["Avdelning vuxen och familjerätt", "saknas"]  # Vuxenenheten has not reported
        assert "Har inte rapporterat sep 2023: Avdelning vuxen och familjerätt" in screen_text(app)
        await pilot.press("e")  # every enhet instead
        await pilot.pause()
        assert [r[0] for r in table_rows(app)][1:4] == ["Utredning barn och unga", "Placering och familjehem", "Vuxenenheten"]
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # Avdelning barn och unga
        await pilot.pause()
        assert app.unit_code == "IFO.BOU"
        await pilot.press("enter")  # and drill again
        await pilot.pause()
        await pilot.press("enter")  # Utredning barn och unga
        await pilot.pause()
        assert app.unit_code == UTR and app.grid.cursor_column == SEPTEMBER
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.unit_code == "IFO.BOU"
        await pilot.press("escape")  # back to the förvaltning's list
        await pilot.pause()
        assert isinstance(app.screen, DrillDownScreen) and app.unit_code == "IFO"
        assert app.screen.selected_code() == "IFO.BOU"

    run_app(app, scenario, size=(160, 50))


def test_hittills_lists_the_period_value_and_the_same_period_last_year(evb_store):
    app = grid_app(evb_store, "IFO.BOU")

    async def scenario(pilot):
        await go_to_evb(pilot, column=13)  # Hittills
        await pilot.press("enter")
        await pilot.pause()
        heads = [str(c.label) for c in app.screen.query_one(DataTable).columns.values()]
        # a quarter-end measure's period value is its last quarter's: end against end
        assert heads[1] == "sep 2023" and heads[3] == "sep 2022"
        assert table_rows(app)[0][1] == app.grid.current_line.cells[13] == "9"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("right")  # ± has nothing behind it
        await pilot.press("right")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, DrillDownScreen)
        assert "Bakom summan visas för en månad, Hittills och Fg år" in screen_text(app)

    run_app(app, scenario, size=(160, 50))


def test_on_an_enhet_enter_still_edits_and_d_is_not_offered(evb_store):
    app = make_app(evb_store)

    async def scenario(pilot):
        assert "Bakom summan" not in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, DrillDownScreen)
        await pilot.press("enter")
        assert app.grid.editing

    run_app(app, scenario, size=(160, 50))


def test_the_palette_explains_why_an_enhet_has_nothing_behind_it(evb_store):
    app = make_app(evb_store)

    async def scenario(pilot):
        app.action_drill_down()
        await pilot.pause()
        assert "Bakom summan visas för en avdelning eller förvaltning" in app.query_one("#message").text

    run_app(app, scenario, size=(160, 50))


def test_digits_on_a_roll_up_say_where_the_figures_come_from(evb_store):
    app = grid_app(evb_store, "IFO.BOU")

    async def scenario(pilot):
        await pilot.press("5")
        await pilot.pause()
        assert "Enter eller d visar enheterna bakom summan." in app.query_one("#message").text

    run_app(app, scenario, size=(160, 50))


def test_s_sorts_by_value_and_the_way_back_keeps_the_order(evb_store):
    app = grid_app(evb_store, "IFO")

    async def scenario(pilot):
        await go_to_evb(pilot, column=5)  # June: Utredning 5, Vuxenenheten 3, Placering 1
        await pilot.press("enter", "e")
        await pilot.pause()
        assert [r[0] for r in table_rows(app)][1:4] == ["Utredning barn och unga", "Placering och familjehem", "Vuxenenheten"]
        await pilot.press("s")
        await pilot.pause()
        rows = table_rows(app)
        assert [r[0] for r in rows][1:4] == ["Utredning barn och unga", "Vuxenenheten", "Placering och familjehem"]
        assert rows[0][0] == "Hela förvaltningen"  # the total stays first
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.unit_code == VUX
        await pilot.press("escape")
        await pilot.pause()
        assert [r[0] for r in table_rows(app)][1:4] == ["Utredning barn och unga", "Vuxenenheten", "Placering och familjehem"]
        assert app.screen.selected_code() == VUX

    run_app(app, scenario, size=(160, 50))


def test_esc_that_cancels_an_edit_in_the_unit_opened_stays_in_its_grid(evb_store):
    app = grid_app(evb_store, "IFO.BOU")

    async def scenario(pilot):
        await go_to_evb(pilot)
        await pilot.press("enter")  # Bakom summan
        await pilot.pause()
        await pilot.press("down", "enter")  # Placering och familjehem
        await pilot.pause()
        assert app.unit_code == PLAC
        await pilot.press("5")  # starts an edit of September
        await pilot.pause()
        assert app.grid.editing
        await pilot.press("escape")  # cancels the edit only
        await pilot.pause()
        assert not app.grid.editing and app.unit_code == PLAC
        assert not isinstance(app.screen, DrillDownScreen)
        assert app.grid.current_line.cells[SEPTEMBER] == "2"
        await pilot.press("escape")  # now back to the roll-up's list
        await pilot.pause()
        assert isinstance(app.screen, DrillDownScreen) and app.unit_code == "IFO.BOU"

    run_app(app, scenario)
