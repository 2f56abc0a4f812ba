"""The grid at 160 columns: every unit of the demo shows the comparison without scrolling sideways."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import run_app, screen_text
from tracker.core.periods import Month
from tracker.store.store import Store
from tracker.tui.model import COL_TREND

TODAY = date(2026, 11, 24)


def _units(path) -> list[str]:
    with Store.open(path, login="test.user") as store:
        return [unit.code for _depth, unit in store.units.walk()]


@pytest.mark.parametrize("unit", ["IFO", "IFO.BOU", "IFO.BOU.MOTT", "IFO.BOU.PLAC", "IFO.VUX.VUX", "IFO.EB.FS"])
def test_at_160_columns_the_comparison_columns_of_every_unit_are_on_screen(demo_db, unit):
    assert unit in _units(demo_db)
    from tracker.tui.app import TrackerApp

    app = TrackerApp(Store.open(demo_db, login="test.user"), unit=unit, year=2026, month=10, today=TODAY)

    async def scenario(pilot):
        grid = app.grid
        # the last column ends inside the grid's own width: nothing to scroll to
        right = grid.label_width + grid.offsets[COL_TREND] + grid.widths[COL_TREND]
        assert right <= grid.scrollable_content_region.width
        header = screen_text(app).splitlines()[2]
        for heading in ("jan", "dec", "Typ", "Hittills", "Fg år", "±", "%", "Trend"):
            assert heading in header, header
        assert grid.scroll_offset.x == 0

    run_app(app, scenario, size=(160, 50))


def test_kronor_show_in_thousands_with_the_full_figure_in_the_status_line(demo_db):
    from tracker.tui.app import TrackerApp

    app = TrackerApp(Store.open(demo_db, login="test.user"), unit="IFO.EB.FS", year=2026, month=3, today=TODAY)

    async def scenario(pilot):
        grid = app.grid
        index = grid.data.find_row("eb.belopp")
        line = grid.data.lines[index]
        assert line.label.endswith(", tkr")
        full = line.row.months[Month(2026, 3)]
        assert line.cells[2] == f"{round(full / 1000):,}".replace(",", " ")
        grid.move_to(index, 2)
        await pilot.pause()
        text = screen_text(app)
        assert f"Mars: {f'{int(full):,}'.replace(',', ' ')} kr (visas i tkr)." in text
        # editing starts from the value in kronor, never from the rounded thousands
        await pilot.press("enter")
        await pilot.pause()
        assert grid.edit.text == f"{int(full):,}".replace(",", " ")

    run_app(app, scenario, size=(160, 50))
