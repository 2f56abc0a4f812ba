"""The grid warns when the file was changed outside the program, and refuses like the store does."""

from __future__ import annotations

import sqlite3

from tests.tui.helpers import make_app, run, screen_text, small_store
from tracker.store.store import Store


def test_the_grid_warns_at_start_when_a_value_was_changed_outside_the_program(store):
    store.db.execute("update value set value = 777 where measure = 'bou.akt' and period = '2023-01'")
    app = make_app(store)

    async def scenario(pilot):
        assert "Databasen har ändrats utanför programmet" in screen_text(app)
        assert "Kör tracker check" in screen_text(app)

    run(app, scenario)


def test_a_file_database_is_checked_in_the_background_and_the_warning_follows(tmp_path):
    path = tmp_path / "t.db"
    small_store(path).close()
    outside = sqlite3.connect(path)
    outside.execute("update value set value = 777 where measure = 'bou.akt' and period = '2023-01'")
    outside.commit()
    outside.close()
    store = Store.open(path, login="test.user")
    app = make_app(store)

    async def scenario(pilot):
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Databasen har ändrats utanför programmet (1 problem)" in screen_text(app)

    run(app, scenario)
    store.close()


def test_an_untouched_database_opens_without_a_warning(store):
    app = make_app(store)

    async def scenario(pilot):
        assert "ändrats utanför" not in screen_text(app)

    run(app, scenario)


def test_a_lasare_typing_in_the_grid_is_refused_by_the_same_store_check(store):
    store.add_user("chef", "admin")
    from tracker.store.store import Store

    reader = Store(store.db, login="lasa")
    app = make_app(reader)

    async def scenario(pilot):
        before = store.log_size()
        await pilot.press("5", "enter")
        await pilot.pause()
        assert store.log_size() == before
        assert "läsare" in screen_text(app)

    run(app, scenario)
