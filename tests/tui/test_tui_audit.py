"""The grid warns when the file was changed outside the program, and refuses like the store does."""

from __future__ import annotations

import sqlite3

from tests.support import make_app, make_small_store, run_app, screen_text
from tracker.store.store import Store


def test_the_grid_warns_at_start_when_a_value_was_changed_outside_the_program(small_store):
    small_store.db.execute("update value set value = 777 where measure = 'bou.akt' and period = '2023-01'")
    app = make_app(small_store)

    async def scenario(pilot):
        assert "Databasen har ändrats utanför programmet" in screen_text(app)
        assert "Kör tracker check" in screen_text(app)

    run_app(app, scenario)


def test_a_file_database_is_checked_in_the_background_and_the_warning_follows(tmp_path):
    path = tmp_path / "t.db"
    make_small_store(path).close()
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

    run_app(app, scenario)
    store.close()


def test_an_untouched_database_opens_without_a_warning(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        assert "ändrats utanför" not in screen_text(app)

    run_app(app, scenario)


def test_a_lasare_typing_in_the_grid_is_refused_by_the_same_store_check(small_store):
    small_store.add_user("chef", "admin")
    from tracker.store.store import Store

    reader = Store(small_store.db, login="lasa")
    app = make_app(reader)

    async def scenario(pilot):
        before = small_store.log_size()
        await pilot.press("5", "enter")
        await pilot.pause()
        assert small_store.log_size() == before
        assert "läsare" in screen_text(app)

    run_app(app, scenario)
