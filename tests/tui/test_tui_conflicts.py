"""Someone else changed a cell after the grid showed it; refresh; export; opening arguments."""

from __future__ import annotations

import pytest

from tests.support import UNIT, grid_line, make_app, make_small_store, run_app
from tracker.core.errors import InputError
from tracker.core.periods import Month, parse_month_number


def other_process_writes(store, value):
    store.set_value(UNIT, "bou.akt", Month(2023, 1), value, source="cli")


@pytest.mark.parametrize("choice, expected", [("theirs", 300), ("mine", 222)])
def test_conflict_lets_the_user_choose(small_store, choice, expected):
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        from tracker.tui.modals import ConflictScreen

        other_process_writes(small_store, 300)
        await pilot.press("2", "2", "2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        text = str(app.screen.query_one("#conflict-text").render())
        assert "300" in text and "222" in text
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 300  # nothing written yet
        if choice == "mine":
            await pilot.press("right")
        await pilot.press("enter")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == expected
        assert str(expected) in grid_line(app, "Aktualiseringar barn och")

    run_app(app, scenario)


def test_refresh_picks_up_other_changes(small_store):
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        other_process_writes(small_store, 321)
        assert "321" not in grid_line(app, "Aktualiseringar barn och")
        await pilot.press("f5")
        await pilot.pause()
        assert "321" in grid_line(app, "Aktualiseringar barn och")
        # and after a refresh the edit is no conflict
        await pilot.press("3", "0", "0", "enter")
        await pilot.pause()
        assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 1))[0] == 300

    run_app(app, scenario)


def test_export_key_writes_a_file(tmp_path, monkeypatch):
    pytest.importorskip("tracker.io.export")
    monkeypatch.chdir(tmp_path)
    store = make_small_store(tmp_path / "t.db")
    app = make_app(store)
    notes = []

    async def scenario(pilot):
        monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append(message))
        await pilot.press("ctrl+e")
        await pilot.pause()

    run_app(app, scenario)
    store.close()
    assert notes and notes[0].startswith("Exporterade till ")


def test_month_argument():
    assert parse_month_number("3") == 3
    assert parse_month_number("mars") == 3
    assert parse_month_number("dec") == 12
    assert parse_month_number(None) is None
    with pytest.raises(InputError):
        parse_month_number("13")


def test_defaults_to_first_enhet_and_last_completed_month(small_store):
    from datetime import date

    from tracker.tui.app import TrackerApp

    app = TrackerApp(small_store, today=date(2023, 1, 20))
    assert app.unit_code == "IFO.BOU.MOTT"
    assert (app.year, app.start_month) == (2022, 12)


def test_the_grid_shows_what_another_login_saved_without_f5_but_never_under_a_value_being_typed(small_db):
    from tracker.store.store import Store

    store, other = Store.open(small_db), Store.open(small_db)
    app = make_app(store, month=1)

    async def scenario(pilot):
        from tracker.tui.watch import WATCH_SECONDS

        other_process_writes(other, 321)
        assert "321" not in grid_line(app, "Aktualiseringar barn och")
        await pilot.pause(WATCH_SECONDS + 0.5)  # the grid's own watch, nothing pressed
        assert "321" in grid_line(app, "Aktualiseringar barn och")
        # while a value is typed the grid stays as it is; the change shows once the edit is over
        await pilot.press("4")
        other_process_writes(other, 654)
        app._show_others_changes()  # what the watch does every WATCH_SECONDS
        await pilot.pause()
        assert app.grid.editing and "654" not in grid_line(app, "Aktualiseringar barn och")
        await pilot.press("escape")
        app._show_others_changes()
        await pilot.pause()
        assert "654" in grid_line(app, "Aktualiseringar barn och")

    run_app(app, scenario)
    store.close()
    other.close()


def test_inrapportering_shows_the_months_others_report_while_it_is_open(small_db):
    from tracker.store.store import Store
    from tracker.tui.screens import StatusScreen

    store, other = Store.open(small_db), Store.open(small_db)
    app = make_app(store, unit="IFO", month=3)

    async def scenario(pilot):
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, StatusScreen)
        before = app.screen.view.grid[UNIT][Month(2023, 3)]
        other.set_value(UNIT, "bou.akt", Month(2023, 3), 5, source="cli")
        other.mark_reported(UNIT, Month(2023, 3), force=True)
        app.screen._show_others_changes()  # what its watch does every WATCH_SECONDS
        await pilot.pause()
        after = app.screen.view.grid[UNIT][Month(2023, 3)]
        assert (before, after) == ("saknas", "klar")

    run_app(app, scenario)
    store.close()
    other.close()
