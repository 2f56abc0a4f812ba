"""A grid kept for switching back must be what a full load gives now: dropped on any write."""

from __future__ import annotations

from datetime import date

from tests.support import UNIT, make_small_store
from tracker.core.periods import Month
from tracker.store.store import Store
from tracker.tui.model import KeptGrids, load_grid

TODAY = date(2024, 1, 15)


def _texts(data) -> list:
    return [(line.label, line.cells) for line in data.lines]


def test_switching_back_shows_the_grid_a_full_load_gives(small_store):
    kept = KeptGrids()
    first = kept.load(small_store, UNIT, 2023, TODAY)
    kept.load(small_store, "IFO.BOU", 2023, TODAY)
    kept.load(small_store, UNIT, 2022, TODAY)
    again = kept.load(small_store, UNIT, 2023, TODAY)
    assert again is first  # kept, not read again
    assert _texts(again) == _texts(load_grid(small_store, UNIT, 2023, today=TODAY))


def test_a_save_through_this_connection_drops_the_kept_grids(small_store):
    kept = KeptGrids()
    before = kept.load(small_store, UNIT, 2023, TODAY)
    small_store.set_value(UNIT, "bou.akt", Month(2023, 3), 7, source="tui")
    after = kept.load(small_store, UNIT, 2023, TODAY)
    assert after is not before
    assert _texts(after) == _texts(load_grid(small_store, UNIT, 2023, today=TODAY))
    assert _texts(after) != _texts(before)


def test_a_save_by_another_process_drops_the_kept_grids(tmp_path):
    path = tmp_path / "t.db"
    make_small_store(path).close()
    with Store.open(path) as grid_store, Store.open(path) as other:
        kept = KeptGrids()
        before = kept.load(grid_store, UNIT, 2023, TODAY)
        other.set_value(UNIT, "bou.akt", Month(2023, 3), 7, source="cli")
        after = kept.load(grid_store, UNIT, 2023, TODAY)
        assert after is not before
        assert _texts(after) == _texts(load_grid(grid_store, UNIT, 2023, today=TODAY))


def test_only_the_most_recently_shown_grids_are_kept(small_store):
    kept = KeptGrids(size=2)
    first = kept.load(small_store, UNIT, 2023, TODAY)
    kept.load(small_store, UNIT, 2022, TODAY)
    kept.load(small_store, "IFO.BOU", 2023, TODAY)
    assert kept.load(small_store, UNIT, 2023, TODAY) is not first


def test_lines_painted_after_a_theme_change_equal_lines_painted_from_scratch(small_store):
    from tests.support import make_app, run_app
    from tracker.tui.grid import GridView

    app = make_app(small_store)

    def painted(grid) -> list:
        return [[(seg.text, seg.style) for seg in grid.render_line(y)] for y in range(grid.size.height)]

    async def scenario(pilot):
        grid = app.query_one(GridView)
        before = painted(grid)
        app.theme = "nord" if app.theme != "nord" else "textual-light"
        await pilot.pause()
        kept = painted(grid)  # through the styles and lines the grid keeps
        grid._styles.clear()
        grid._cache.clear()
        grid._header_cache = None
        assert kept == painted(grid)
        assert kept != before  # the theme did change what is painted

    run_app(app, scenario)
