"""Smaller behaviours of the reporting screens: leaving, refusals, comments, history and years."""

from __future__ import annotations

from asyncio import run

import pytest
from textual.widgets import Label, Static

from tests.support import MARS, MOTT, SIZE, Host, text_of, type_text
from tracker.core.errors import InputError
from tracker.core.presentation import COMMENT_MARK
from tracker.store.values_store import ValueWrite
from tracker.tui.modals import ConfirmScreen, TextPrompt
from tracker.tui.screens import HistoryScreen, ReportMonthScreen, StatusScreen


def test_leaving_without_changes_does_not_ask(stores):
    admin, _ = stores

    async def go():
        app = Host(lambda: ReportMonthScreen(admin, MOTT, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.results == [False]

    run(go())


def test_leaving_with_changes_can_be_cancelled(stores):
    admin, _ = stores

    async def go():
        app = Host(lambda: ReportMonthScreen(admin, MOTT, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await type_text(pilot, "5")
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, ReportMonthScreen) and app.results == []

    run(go())
    assert admin.cell(MOTT, "bou.akt", "", MARS) == (None, 0)


def test_empty_month_is_not_saved(stores):
    admin, _ = stores

    async def go():
        app = Host(lambda: ReportMonthScreen(admin, MOTT, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "minst ett värde" in text_of(app.screen.query_one("#report-message", Static))
            assert app.results == []

    run(go())
    assert not admin.is_reported(MOTT, MARS)


def test_lasare_sees_why_and_cannot_save(stores):
    admin, as_login = stores
    reader = as_login("nobody")

    async def go():
        app = Host(lambda: ReportMonthScreen(reader, MOTT, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "kan inte ändra värden" in text_of(app.screen.query_one("#report-banner", Label))
            await type_text(pilot, "5")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "läsare" in text_of(app.screen.query_one("#report-message", Static))

    run(go())
    assert admin.cell(MOTT, "bou.akt", "", MARS) == (None, 0)


def test_form_needs_an_enhet(stores):
    admin, _ = stores
    with pytest.raises(InputError, match="avdelning"):
        ReportMonthScreen(admin, "IFO.BOU", MARS)


def test_comment_from_form_refuses_personnummer_waits_for_the_save_and_history_opens(stores):
    admin, _ = stores

    async def go():
        app = Host(lambda: ReportMonthScreen(admin, MOTT, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            form = app.screen
            await pilot.press("f4")
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt)
            await type_text(pilot, "Gäller 850101-1234")
            await pilot.press("enter")
            await pilot.pause()
            assert "personnummer" in text_of(form.query_one("#report-message", Static))
            await pilot.press("f4")
            await pilot.pause()
            await type_text(pilot, "Ny rutin")
            await pilot.press("enter")
            await pilot.pause()
            assert f"{COMMENT_MARK} ny" in text_of(form.query_one("#note-0", Label))
            assert "sparas när du sparar formuläret" in text_of(form.query_one("#report-message", Static))
            await pilot.press("f3")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            # not stored yet: it waits for the form
            assert "Ny rutin" not in text_of(app.screen.query_one("#history-comments", Static))
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is form
            await type_text(pilot, "105")
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("j")  # mark the month klar although other measures lack values
            await pilot.pause()
            assert app.results == [True]

    run(go())
    assert [c.text for c in admin.comments(MOTT, "bou.akt", "", MARS)] == ["Ny rutin"]


def test_status_refuses_lock_for_rapportor_and_switches_year(stores):
    _, as_login = stores
    rap = as_login("ec.mott")

    async def go():
        app = Host(lambda: StatusScreen(rap, 2023, "IFO.BOU"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("l")
            await pilot.pause()
            assert "Bara en administratör" in text_of(app.screen.query_one("#status-message", Static))
            await pilot.press("left_square_bracket")
            await pilot.pause()
            assert text_of(app.screen.query_one("#status-title", Label)).startswith("Inrapportering 2022")

    run(go())
    assert not rap.is_locked(MOTT, MARS)


def test_status_enter_opens_the_form_and_refreshes(stores):
    admin, _ = stores

    async def go():
        app = Host(lambda: StatusScreen(admin, 2023, "IFO.BOU"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            status = app.screen
            status.query_one("DataTable").move_cursor(row=0, column=3)
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ReportMonthScreen) and app.screen.month == MARS
            await type_text(pilot, "100")
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("j")  # mark klar although other measures are empty
            await pilot.pause()
            assert app.screen is status
            assert str(status.query_one("DataTable").get_cell(MOTT, str(MARS))) == "✓ klar"

    run(go())


def test_status_unlock_asks_for_a_reason_and_logs_it(stores):
    admin, _ = stores
    admin.lock_month(MARS, "IFO.BOU")

    async def go():
        app = Host(lambda: StatusScreen(admin, 2023, "IFO.BOU"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.query_one("DataTable").move_cursor(row=0, column=3)
            await pilot.press("u")
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt)
            await pilot.press(*"Rättelse", "enter")
            await pilot.pause()
            assert "Låste upp mars 2023" in text_of(app.screen.query_one("#status-message", Static))

    run(go())
    assert not admin.is_locked(MOTT, MARS)
    assert admin.lock_history(MOTT, MARS)[-1].reason == "Rättelse"


def test_status_shows_a_closed_enhet_as_stangd_and_leaves_it_out_of_the_months_count(stores):
    admin, _ = stores
    admin.close_unit(MOTT, MARS)

    async def go():
        app = Host(lambda: StatusScreen(admin, 2023, "IFO.BOU"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            status = app.screen
            grid = status.query_one("DataTable")
            assert str(grid.get_cell(MOTT, str(MARS))) == "× stängd"
            grid.move_cursor(row=0, column=3)
            await pilot.press("right")
            await pilot.press("left")
            await pilot.pause()
            summary = text_of(status.query_one("#status-summary", Static))
            assert "klara 0 av 2 enheter" in summary and "Mottagning" not in summary

    run(go())


def test_the_form_starts_on_the_first_field_without_a_value(stores):
    admin, _ = stores
    admin.set_values([ValueWrite(MOTT, "bou.akt", "", MARS, 120), ValueWrite(MOTT, "bou.akt.oro", "", MARS, 90)],
                     source="cli")

    async def go():
        app = Host(lambda: ReportMonthScreen(admin, MOTT, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            form = app.screen
            first_empty = next(f for f in form.fields if f.initial is None)
            assert first_empty.index > 0 and first_empty.measure.code == "bou.fhb"
            assert form.focused is form.query_one(f"#f-{first_empty.index}")

    run(go())


def test_a_comment_written_in_the_form_is_dropped_when_the_form_is_left_without_saving(stores):
    admin, _ = stores

    async def go():
        app = Host(lambda: ReportMonthScreen(admin, MOTT, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("f4")
            await pilot.pause()
            await type_text(pilot, "Ny rutin")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            # nothing else changed, but the comment waits: leaving asks, and says what goes
            assert isinstance(app.screen, ConfirmScreen)
            question = str(app.screen.query_one("#confirm-question", Label).render())
            assert "en kommentar" in question and "Ingenting sparas" in question
            await pilot.press("j")
            await pilot.pause()
            assert app.results == [False]

    run(go())
    assert admin.comments(MOTT, "bou.akt", "", MARS) == []
    assert admin.comments(MOTT, "", "", MARS) == []
