"""A series break declared while the grid is open: after F5 the crossing comparison is not comparable."""

from __future__ import annotations

from tests.support import grid_line, make_app, run_app, screen_text
from tracker.core.periods import Month
from tracker.store.store import Store

NOTE = "Nytt ärendesystem från 2023"


def test_a_break_added_after_data_shows_not_comparable_with_its_note_and_removing_it_restores(small_store):
    app = make_app(small_store)
    other = Store(small_store.db, login="test.user")  # another session declares the break

    async def scenario(pilot):
        assert "−3,9 " in grid_line(app, "Aktualiseringar barn och")
        other.add_break("bou.akt", Month(2023, 1), NOTE)
        await pilot.press("f5")
        await pilot.pause()
        row = grid_line(app, "Aktualiseringar barn och")
        assert "ej jämförbart" in row and "−3,9 " not in row and "−16" in row
        assert NOTE in screen_text(app)  # the cursor is on the row: its note is in the details line
        other.invalidate()
        other.remove_break("bou.akt", Month(2023, 1))
        await pilot.press("f5")
        await pilot.pause()
        assert "−3,9 " in grid_line(app, "Aktualiseringar barn och")
        assert NOTE not in screen_text(app)

    run_app(app, scenario)
