"""Riktvärde status in the grid: the symbol in the Trend cell works without colour, the words are on
the status line and in the help, they agree with `tracker show`, and a target set elsewhere (as
`tracker targets set` does, from another process) shows after F5."""

from __future__ import annotations

from tests.support import MOTT, make_app, run_app
from tracker.core.stats import TARGET_SYMBOL, TARGET_TEXT
from tracker.store.store import Store
from tracker.tui.model import COL_TREND

ANDEL = "bou.fhb.andel14"  # Mottagning, 2023: 80 of 100 in January and February (80,0 %)


def status_line(app) -> str:
    return app.query_one("#status").text


async def to_andel_trend(pilot):
    app = pilot.app
    app.grid.move_to(app.data.find_row(ANDEL), COL_TREND)
    await pilot.pause()


def test_a_target_set_in_another_process_shows_after_f5(small_db, capsys):
    store = Store.open(small_db, login="test.user")
    app = make_app(store)

    async def scenario(pilot):
        await to_andel_trend(pilot)
        assert "Riktvärde" not in status_line(app)
        assert not app.grid.current_line.cells[COL_TREND].endswith(TARGET_SYMBOL["missed"])
        # another process sets the target, as `tracker targets set` does
        with Store.open(small_db, login="test.user") as other:
            other.set_target(ANDEL, 2023, "90 %")
        await pilot.press("f5")
        await pilot.pause()
        cell = app.grid.current_line.cells[COL_TREND]
        assert cell.endswith(TARGET_SYMBOL["missed"])  # ✗: no colour needed
        line = status_line(app)
        assert "Riktvärde 2023: 90,0 % · ✗ ej uppnått (måluppfyllelse 89 %)" in line
        # and after lowering it, reached
        with Store.open(small_db, login="test.user") as other:
            other.set_target(ANDEL, 2023, "80 %")
        await pilot.press("f5")
        await pilot.pause()
        assert app.grid.current_line.cells[COL_TREND].endswith(TARGET_SYMBOL["reached"])
        assert "Riktvärde 2023: 80,0 % · ✓ uppnått" in status_line(app)

    run_app(app, scenario, size=(160, 50))
    # `tracker show` says the same as the grid's status line
    from tracker.cli.main import main

    capsys.readouterr()
    assert main(["show", ANDEL, "--unit", MOTT, "--year", "2023", "--db", str(small_db)]) == 0
    assert "Riktvärde 2023: 80,0 % · ✓ uppnått" in capsys.readouterr().out


def test_the_help_says_what_the_target_symbols_mean(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())  # all of it, also below the fold
        for level, word in TARGET_TEXT.items():
            assert TARGET_SYMBOL[level] in text and word in text

    run_app(app, scenario, size=(120, 50))
