"""Översikt as a person uses it: o shows the key rows with the same texts as `tracker overview`, the
enheter that have not reported, and Enter opens the grid at a row's measure and month."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from tests.support import run_app, screen_text
from tracker.core.periods import Month
from tracker.store.store import Store
from tracker.tui.app import TrackerApp
from tracker.tui.screens.overview import OverviewScreen, fitting_columns

TODAY = date(2026, 11, 5)  # October 2026 is the month being reported; the demo_db runs through it


def overview_md(cli_main, capsys, db, unit: str, month: str) -> list[list[str]]:
    """The table rows of `tracker overview --format md`, as cells."""
    capsys.readouterr()
    assert cli_main(["overview", "--unit", unit, "--month", month, "--format", "md", "--db", str(db)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[1:]]


def shown_rows(app) -> tuple[list[str], list[list[str]]]:
    table = app.screen.query_one(DataTable)
    keys = [row.key.value for row in table.ordered_rows]
    return keys, [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def test_the_overview_shows_the_rows_of_tracker_overview(demo_db, capsys):
    from tracker.cli.main import main

    expected = overview_md(main, capsys, demo_db, "IFO", "2026-10")
    app = TrackerApp(Store.open(demo_db, login="test.user"), unit="IFO", year=2026, today=TODAY)

    async def scenario(pilot):
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert "Översikt oktober 2026 · Individ- och familjeomsorgen" in screen_text(app)
        keys, rows = shown_rows(app)
        assert len(rows) == len(expected) and len(keys) == len(set(keys))
        table = app.screen.query_one(DataTable)
        columns = [int(c.key.value) for c in table.columns.values()]
        assert len(columns) == 11  # every column fits at 160
        for got, want in zip(rows, expected, strict=True):
            assert want[0].startswith(got[0].rstrip("…")), (got[0], want[0])
            assert got[1:] == want[1:]
        text = screen_text(app)
        assert "Inrapportering · Oktober 2026: klara 4 av 6 enheter." in text
        assert "Familjerätten: saknas" in text and "Placering och familjehem: påbörjad" in text

    run_app(app, scenario, size=(160, 50))


def test_at_80_columns_the_key_columns_stay_and_the_row_is_in_full_below(demo_db):
    app = TrackerApp(Store.open(demo_db, login="test.user"), unit="IFO", year=2026, today=TODAY)

    async def scenario(pilot):
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        heads = [str(c.label) for c in table.columns.values()]
        assert heads == ["Mått", "okt 2026", "Hittills i år", "Trend", "Status"]
        await pilot.press("down")  # Andel förhandsbedömningar inom 14 dagar, which has a riktvärde
        await pilot.pause()
        detail = str(app.screen.query_one("#overview-detail").render())
        assert "Andel förhandsbedömningar inom 14 dagar" in detail
        assert "okt 2025:" in detail and "Fg år:" in detail and "Riktvärde: 90,0 %" in detail
        assert "Inrapportering" in screen_text(app)  # still on screen at 24 lines

    run_app(app, scenario, size=(80, 24))


def test_enter_on_a_row_opens_the_grid_at_its_measure_and_month(demo_db):
    app = TrackerApp(Store.open(demo_db, login="test.user"), unit="IFO.BOU.MOTT", year=2025, today=TODAY)

    async def scenario(pilot):
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.month == Month(2025, 12)  # the grid's year, which is over
        await pilot.press("u")  # the förvaltning's overview instead
        await pilot.pause()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.screen.overview.unit.code == "IFO"
        await pilot.press("left_square_bracket")  # november 2025
        await pilot.pause()
        keys, _rows = shown_rows(app)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OverviewScreen)
        assert (app.unit_code, app.year) == ("IFO", 2025)
        assert app.grid.current_line.row.measure.code == keys[3]
        assert app.grid.cursor_column == 10  # november

    run_app(app, scenario, size=(160, 50))


def test_the_next_month_stops_at_the_current_one(demo_db):
    app = TrackerApp(Store.open(demo_db, login="test.user"), unit="IFO", year=2026, today=TODAY)

    async def scenario(pilot):
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert app.screen.month == Month(2026, 11)  # November has begun; December has not
        assert "Översikt november 2026" in screen_text(app)

    run_app(app, scenario, size=(160, 50))


def test_columns_are_left_out_by_priority_when_narrow():
    heads = ["Mått", "m", "fg m", "Typ", "Hittills i år", "Fg år", "±", "%", "Trend", "Riktvärde", "Status"]
    cells = [["Aktualiseringar", "201", "192", "Summa", "2 026", "2 082", "−56", "−2,7 %", "↘ försämrats", "", "✗ ej uppnått"]]
    assert fitting_columns(heads, cells, 200)[0] == list(range(11))
    # the name keeps 20; the month, the year so far, its trend and status come before the comparisons
    assert fitting_columns(heads, cells, 80)[0] == [0, 1, 2, 4, 8, 10]
    assert fitting_columns(heads, cells, 60)[0] == [0, 1, 4, 8]
