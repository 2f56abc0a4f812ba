"""The help and the footer of every screen, commands a roll-up does not offer, Esc on a message,
and Inrapportering after a round trip through the form and Historik."""

from __future__ import annotations

import pytest

from tests.support import MOTT, make_app, run_app, screen_text
from tracker.core.periods import Month
from tracker.tui.modals import HelpScreen
from tracker.tui.screens import HistoryScreen, ReportMonthScreen, StatusScreen
from tracker.tui.screens.status import CELL_WIDTH

SCREENS = {"grid": [], "form": ["r"], "status": ["i"], "history": ["left", "h"]}


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_screen_shows_f1_in_its_footer_at_any_width(small_store, screen, size):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press(*SCREENS[screen])
        await pilot.pause()
        line = footer(app)
        assert line.rstrip().endswith("F1 Hjälp"), line
        assert len(line) <= size[0]

    run_app(app, scenario, size=size)


@pytest.mark.parametrize(
    ("screen", "kind", "own", "not_there"),
    [
        ("grid", None, ["Skriv värde", "Byt enhet", "Tab", "Spara här"], ["Lås månaden"]),
        ("form", ReportMonthScreen, ["Spara och markera klar", "Tab / Enter", "shift+Tab", "Kommentar"],
         ["Skriv värde", "Byt enhet"]),
        ("status", StatusScreen, ["Lås månaden", "Lås upp", "[ ]", "Byt år", "påbörjad"], ["Skriv värde", "shift+Tab"]),
        ("history", HistoryScreen, ["Kommentar", "Bläddra bland ändringarna"], ["Skriv värde", "Lås månaden"]),
    ],
)
def test_f1_shows_the_keys_of_the_screen_it_is_opened_from(small_store, screen, kind, own, not_there):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press(*SCREENS[screen])
        await pilot.pause()
        if kind is not None:
            assert isinstance(app.screen, kind)
        under = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in [*own, "Hjälp", "Avsluta"]:
            assert words in text, words
        for words in not_there:
            assert words not in text, words
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is under

    run_app(app, scenario, size=(120, 50))


def test_the_help_scrolls_a_page_and_to_its_ends_on_a_small_terminal(small_store):
    app = make_app(small_store)

    async def scenario(pilot):
        await pilot.press("f1")
        await pilot.pause()
        scroll = app.screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 5  # the help is taller than 24 lines
        assert scroll.region.bottom <= 24
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y >= scroll.region.height - 1
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        assert "‹ ›" in screen_text(app)  # the last rows are on screen
        await pilot.press("home")
        await pilot.pause()
        assert scroll.scroll_y == 0

    run_app(app, scenario, size=(80, 24))


def test_a_roll_up_does_not_offer_rapportera_manad_or_historik_and_the_keys_say_why(small_store):
    app = make_app(small_store, unit="IFO.BOU")

    async def scenario(pilot):
        assert "Rapportera månad" not in footer(app) and "Historik" not in footer(app)
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert "Rapportera månad" not in commands and "Historik" not in commands and "Byt enhet" in commands
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "Rapportera månad" not in text and "Byt enhet" in text
        await pilot.press("escape", "r")
        await pilot.pause()
        assert not isinstance(app.screen, ReportMonthScreen)
        assert "Rapportera månad görs per enhet" in app.query_one("#message").text
        # an enhet offers them again, and a year switch (which leaves the keys as they are) keeps that
        app._switch(unit=MOTT)
        await pilot.pause()
        assert "Rapportera månad" in footer(app)
        year = app.year
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.year == year - 1 and "Rapportera månad" in footer(app)
        app._switch(unit="IFO.BOU")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.year == year and "Rapportera månad" not in footer(app)

    run_app(app, scenario, size=(160, 50))


def test_esc_clears_a_refusal_and_the_editor(small_store):
    app = make_app(small_store, month=1)

    async def scenario(pilot):
        message = app.query_one("#message")
        await pilot.press("minus", "5", "enter")
        await pilot.pause()
        assert app.grid.editing and "Negativa" in message.text
        await pilot.press("escape")
        await pilot.pause()
        assert not app.grid.editing and message.text == ""
        await pilot.press("end", "1")  # a comparison cell takes no value: the refusal stays until Esc
        await pilot.pause()
        assert message.text.startswith("Kan inte ändras")
        await pilot.press("down")
        await pilot.pause()
        assert message.text.startswith("Kan inte ändras")
        await pilot.press("escape")
        await pilot.pause()
        assert message.text == ""

    run_app(app, scenario)


def test_inrapportering_keeps_its_columns_after_the_form_and_historik(small_store):
    app = make_app(small_store, month=2)

    async def scenario(pilot):
        await pilot.press("i")
        await pilot.pause()
        status = app.screen
        before = screen_text(app).splitlines()[1:4]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportMonthScreen)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is status
        table = status.query_one("#status-grid")
        assert all(c.width == CELL_WIDTH for c in table.ordered_columns[1:])
        assert screen_text(app).splitlines()[1:4] == before
        assert "Mottagning barn och unga" in screen_text(app)

    run_app(app, scenario, size=(160, 40))


def test_inrapportering_keeps_the_unit_names_in_view_at_80_columns(small_store):
    app = make_app(small_store, unit="IFO", month=2)

    async def scenario(pilot):
        await pilot.press("i")
        await pilot.pause()
        for _ in range(12):
            await pilot.press("right")
        await pilot.pause()
        assert app.screen.cursor_month() == Month(2023, 12)
        rows = screen_text(app).splitlines()
        assert "dec" in rows[1] and "jan" not in rows[1]
        for name in ("Mottagning barn och unga", "Vuxenenheten", "Försörjningsstöd"):
            row = next(r for r in rows if name in r)
            # whole months beside the names: no cell shows half its word
            assert all(word in ("–", "saknas", "◐", "påbörjad", "✓", "klar", "■", "låst", "×", "stängd")
                       for word in row.split(name)[1].split()), row

    run_app(app, scenario, size=(80, 24))
