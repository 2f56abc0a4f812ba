"""The grid at every size: at 160 columns every unit of the demo shows its twelve months and the
comparison without scrolling; narrower, the months follow the cursor and the comparison stays."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import MOTT, make_app, run_app, screen_text
from tracker.core.periods import Month
from tracker.core.presentation import PERIOD_MARK
from tracker.store.store import Store
from tracker.tui.grid import COMPACT_BELOW, MAX_LABEL, WIDE_COLUMNS
from tracker.tui.model import COL_CHANGE, COL_CURRENT, COL_LAST_YEAR, COL_TREND, MONTH_COLUMNS

TODAY = date(2026, 11, 24)
# Every unit of the demo's tree: the förvaltning, its avdelningar and their enheter.
DEMO_UNITS = ["IFO", "IFO.BOU", "IFO.BOU.MOTT", "IFO.BOU.UTR", "IFO.BOU.PLAC", "IFO.VUX", "IFO.VUX.VUX",
              "IFO.VUX.FAM", "IFO.EB", "IFO.EB.FS"]


def _app(path, unit, month=10, today=TODAY):
    from tracker.tui.app import TrackerApp

    return TrackerApp(Store.open(path, login="test.user"), unit=unit, year=2026, month=month, today=today)


def test_the_list_is_every_unit_of_the_demo(demo_db):
    with Store.open(demo_db, login="test.user") as store:
        assert sorted(unit.code for _depth, unit in store.units.walk()) == sorted(DEMO_UNITS)


@pytest.mark.parametrize("unit", DEMO_UNITS)
def test_at_160_columns_every_month_and_the_comparison_columns_of_every_unit_are_on_screen(demo_db, unit):
    app = _app(demo_db, unit)

    async def scenario(pilot):
        grid = app.grid
        width = grid.scrollable_content_region.width
        for column in (*range(MONTH_COLUMNS), *WIDE_COLUMNS):
            x = grid.column_x(column)
            assert x is not None and x + grid.widths[column] <= width, column
        assert not grid.show_horizontal_scrollbar
        lines = screen_text(app).splitlines()
        header = lines[2]
        for heading in ("jan", "dec", "Typ", "Hittills", "Fg år", "±", "%", "Trend"):
            assert heading in header, header
        assert "‹" not in header and "›" not in header
        # the measure column has what the columns leave, or all it asks for (within reason)
        longest = max(2 * line.depth + len(line.label) for line in grid.data.lines) + 2
        used = grid.label_width + grid.plan.window + grid.plan.fixed_width
        assert grid.label_width == min(longest, MAX_LABEL) or used == width
        # no trend (arrow, judgement and target symbol) is cut
        for index, line in enumerate(grid.data.lines[: grid.size.height - 1]):
            trend = line.cells[COL_TREND] if line.row is not None else ""
            assert trend in lines[3 + index], (trend, lines[3 + index])

    run_app(app, scenario, size=(160, 50))


def test_at_120_columns_the_months_follow_the_cursor_and_the_comparison_stays(demo_db):
    app = _app(demo_db, "IFO")

    async def scenario(pilot):
        grid = app.grid
        header = screen_text(app).splitlines()[2]
        assert "okt" in header and "jan" not in header and "‹" in header and "Trend" in header
        for column in WIDE_COLUMNS:
            assert grid.column_x(column) is not None
        await pilot.press("home")
        await pilot.pause()
        header = screen_text(app).splitlines()[2]
        assert "jan" in header and "okt" not in header and "›" in header and "Trend" in header
        await pilot.press("end")
        await pilot.pause()
        assert grid.cursor_column == COL_TREND

    run_app(app, scenario, size=(120, 40))


def test_below_100_columns_the_cursors_month_stands_beside_the_same_month_last_year(demo_db):
    app = _app(demo_db, "IFO.BOU.MOTT")
    assert 80 < COMPACT_BELOW

    async def scenario(pilot):
        grid = app.grid
        assert grid.plan.compact
        assert {COL_LAST_YEAR, COL_CURRENT, COL_CHANGE} <= set(grid.plan.fixed)
        line = grid.current_line
        header = screen_text(app).splitlines()[2]
        assert "okt 2025" in header and "Hittills" in header and "okt" in header.split("│")[0]
        with Store.open(app.store.path, login="test.user") as store:
            value = store.cell("IFO.BOU.MOTT", line.row.measure.code, "", Month(2025, 10))[0]
        row_text = next(r for r in screen_text(app).splitlines() if r.startswith(" " + line.label[:10]))
        assert row_text.split("│")[1].split()[0] == f"{int(value)}", row_text
        # a month of its own is entered where the cursor stands, as at any width
        await pilot.press("left", "left")
        await pilot.pause()
        assert grid.cursor_column == 7
        assert "aug 2025" in screen_text(app).splitlines()[2]
        # the period columns the layout leaves out are said in the status line
        await pilot.press("end")
        await pilot.pause()
        assert "Fg år" in screen_text(app).splitlines()[-2]

    run_app(app, scenario, size=(80, 24))


def test_a_row_whose_period_is_shorter_than_its_columns_is_marked_and_explained(demo_db):
    # the demo's vårddygn come a month after the other rows: no October yet beside October
    app = _app(demo_db, "IFO")

    async def scenario(pilot):
        grid = app.grid
        index = grid.data.find_row("bou.vd.fh")
        akt = grid.data.find_row("bou.akt")
        assert grid.end == Month(2026, 10)
        assert index in grid.short and akt not in grid.short
        rows = screen_text(app).splitlines()
        fh = next(r for r in rows if "Vårddygn familjehem" in r)
        assert fh.split("│")[1].count(PERIOD_MARK) == 2  # Hittills and Fg år
        assert PERIOD_MARK not in next(r for r in rows if "Aktualiseringar barn" in r)
        grid.move_to(index, COL_CURRENT)
        await pilot.pause()
        assert "Periodvärdet avser jan–sep 2026, kolumnen i övrigt jan–okt 2026." in screen_text(app)

    run_app(app, scenario, size=(160, 50))


def test_a_unit_head_at_80_columns_enters_the_month_beside_last_years_value(small_store):
    app = make_app(small_store)  # mars 2023, the month being reported

    async def scenario(pilot):
        grid = app.grid
        assert grid.plan.compact and grid.cursor_column == 2
        assert "mars 2022" in screen_text(app).splitlines()[1]
        await pilot.press("1", "8", "5", "enter")
        await pilot.pause()
        assert small_store.cell(MOTT, "bou.akt", "", Month(2023, 3))[0] == 185
        # Enter went on to the next row in the same month, still in view
        assert grid.cursor_column == 2 and grid.current_line.row.key == ("bou.akt.oro", "")
        assert grid.column_x(2) is not None

    run_app(app, scenario, size=(80, 24))
