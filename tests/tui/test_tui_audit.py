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
        await pilot.press("5")
        await pilot.pause()
        # refused before a value is typed, not after Enter
        assert not app.grid.editing and "läsare" in app.query_one("#message").text
        await pilot.press("enter")
        await pilot.pause()
        assert small_store.log_size() == before
        assert "läsare" in screen_text(app)

    run_app(app, scenario)


def test_a_database_the_login_may_only_read_says_so_on_opening_and_refuses_typing_at_once(small_db, monkeypatch):
    from tracker.store import database
    from tracker.store.store import Store

    # the suite may run as root, whom file modes do not stop: the check itself is replaced
    monkeypatch.setattr(database, "_writable", lambda path: False)
    before = small_db.read_bytes()
    store = Store.open(small_db)
    assert store.read_only
    app = make_app(store)

    async def scenario(pilot):
        assert f"”{small_db}” är skrivskyddad för dig och öppnades bara för läsning." in screen_text(app)
        await pilot.press("5")
        await pilot.pause()
        assert not app.grid.editing
        assert "är skrivskyddad för dig" in app.query_one("#message").text
        await pilot.press("escape")  # clears the message
        await pilot.pause()
        assert app.query_one("#message").text == ""
        await pilot.press("delete")
        await pilot.pause()
        assert "är skrivskyddad för dig" in app.query_one("#message").text

    run_app(app, scenario)
    store.close()
    assert small_db.read_bytes() == before
