"""The chart screen as a person uses it: c on a row opens its chart, Esc goes back to the same cell."""

from __future__ import annotations

from tests.support import make_app, run_app, screen_text
from tracker.io.chart_drawing import CURRENT_MARKER
from tracker.tui.screens.chart import ChartPlot, ChartScreen


def test_c_opens_the_chart_of_the_row_and_esc_returns_to_the_same_cell(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("down", "right")  # varav orosanmälningar, april
        before = (app.grid.cursor_line, app.grid.cursor_column)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChartScreen)
        assert "varav orosanmälningar · Mottagning barn och unga" in screen_text(app)
        assert app.screen.query(ChartPlot)  # drawn with textual-plotext
        assert "Ärenden per månad, 2019–2023" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChartScreen)
        assert (app.grid.cursor_line, app.grid.cursor_column) == before

    run_app(app, scenario, size=(160, 50))


def test_at_80x24_one_view_at_a_time_and_v_switches(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("c")
        await pilot.pause()
        months, years = app.screen.query_one("#chart-months"), app.screen.query_one("#chart-years")
        assert months.display and not years.display
        assert "Byt vy" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        assert years.display and not months.display
        assert "Summa per år · 2023: 394 ärenden (2 av 12 mån)" in screen_text(app)

    run_app(app, scenario, size=(80, 24))


def test_both_views_when_there_is_room(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        assert "Ärenden per månad" in text and "Summa per år" in text
        assert "Byt vy" not in text  # nothing to switch

    run_app(app, scenario, size=(120, 40))


def test_without_colour_the_years_differ_by_marker(small_store, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("c")
        await pilot.pause()
        plot = app.screen.query_one("#chart-months", ChartPlot)
        assert plot.color is False
        assert CURRENT_MARKER in screen_text(app)

    run_app(app, scenario, size=(120, 40))


def test_a_roll_up_row_charts_the_roll_ups_figures_with_the_notes_under_it(small_store):
    small_store.set_target("bou.fhb.andel14", 2023, "90 %")
    app = make_app(small_store, unit="IFO.BOU")

    async def scenario(pilot):
        await pilot.press("g")
        await pilot.pause()
        for key in "andel14":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        assert "Andel förhandsbedömningar inom 14 dagar · Avdelning barn och unga" in text
        assert "Riktvärde 2023: 90,0 % (den vågräta linjen i diagrammet per månad)." in text

    run_app(app, scenario, size=(120, 40))


def test_f1_on_the_chart_shows_the_charts_keys(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        from tracker.tui.modals import HelpScreen

        await pilot.press("c")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Byt vy" in text and "Luckor" in text
        assert "Rapportera månad" not in text  # the grid's keys are not the chart's

    run_app(app, scenario, size=(120, 40))
