"""A whole monthly reporting round through the screens, driven with Pilot as a person would.

Two enheter report March through Rapportera månad (one refused varav, one confirmed jump),
Inrapportering shows the third enhet missing, the admin locks the month, a rapportör's later
change is refused, and the admin's change with a reason is stored and shows in Historik.
"""

from __future__ import annotations

from asyncio import run

from textual.widgets import DataTable, Input, Label, Static

from tests.support import MARS, MOTT, PLAC, SIZE, UTR, Host, clear, text_of, type_text
from tracker.core.presentation import COMMENT_MARK
from tracker.tui.modals import ConfirmScreen, TextPrompt
from tracker.tui.screens import HistoryScreen, ReportMonthScreen, StatusScreen


def test_reporting_round(stores):
    admin, as_login = stores
    admin.add_comment(MOTT, MARS, "Nytt verksamhetssystem", measure="bou.akt")

    # -- Mottagning reports March: a jump is confirmed, a varav larger than its parent is refused.
    mott = as_login("ec.mott")

    async def mottagning():
        app = Host(lambda: ReportMonthScreen(mott, MOTT, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReportMonthScreen)
            assert [(f.measure.code, f.part) for f in screen.fields] == [
                ("bou.akt", ""), ("bou.akt.oro", ""), ("bou.fhb", ""), ("bou.fhb.14d", ""),
            ]
            # Beside the field: previous month and same month last year, and the comment marker.
            row_text = " ".join(text_of(w) for w in screen.query("Label"))
            assert "110" in row_text and "100" in row_text
            assert COMMENT_MARK in text_of(screen.query_one("#note-0", Label))
            assert app.focused.id == "f-0"
            await type_text(pilot, "180")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert "Stämmer det?" in text_of(app.screen.query_one("#confirm-question", Label))
            await pilot.press("j")
            await pilot.pause()
            assert app.focused.id == "f-1"
            await type_text(pilot, "200")
            await pilot.press("enter")
            await pilot.pause()
            assert app.focused.id == "f-1", "a varav larger than its parent is not accepted"
            assert "kan inte vara större än" in text_of(screen.query_one("#report-message", Static))
            await clear(pilot)
            await type_text(pilot, "90")  # 10 from last year: no question
            await pilot.press("enter")
            await pilot.pause()
            assert app.focused.id == "f-2"
            await type_text(pilot, "60")
            await pilot.press("enter")
            await type_text(pilot, "55")
            await pilot.press("shift+tab")
            assert app.focused.id == "f-2"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.results == [True]

    run(mottagning())
    assert mott.cell(MOTT, "bou.akt", "", MARS)[0] == 180
    assert mott.cell(MOTT, "bou.akt.oro", "", MARS)[0] == 90
    assert mott.cell(MOTT, "bou.fhb.14d", "", MARS)[0] == 55
    assert mott.is_reported(MOTT, MARS)
    # Saved in one write: every change has the same time and source "tui".
    assert {r.source for r in mott.history(MOTT, "bou.akt", "", MARS)} == {"tui"}

    # -- Utredning reports March, with a split row whose total is derived as you type.
    utr = as_login("ec.utr")

    async def utredning():
        app = Host(lambda: ReportMonthScreen(utr, UTR, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            await type_text(pilot, "12")
            kontakt = [f for f in screen.fields if f.measure.code == "bou.kontakt"]
            assert [f.part for f in kontakt] == ["F", "P"]
            screen.query_one(f"#f-{kontakt[0].index}", Input).focus()
            await type_text(pilot, "15")
            await pilot.press("tab")
            await type_text(pilot, "28")
            await pilot.pause()
            assert text_of(screen.query_one("#total-bou-kontakt", Label)) == "= 43"
            await pilot.press("ctrl+s")
            await pilot.pause()
            # measures left empty are listed before the month is marked klar
            assert "saknar värde" in text_of(app.screen.query_one("#confirm-question", Label))
            await pilot.press("j")
            await pilot.pause()
            assert app.results == [True]

    run(utredning())
    assert utr.cell(UTR, "bou.kontakt", "P", MARS)[0] == 28
    assert utr.is_reported(UTR, MARS)

    # -- Inrapportering shows Placering missing; the admin locks March.
    async def status():
        app = Host(lambda: StatusScreen(admin, 2023, "IFO.BOU"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert screen.cursor_month() == MARS
            summary = text_of(screen.query_one("#status-summary", Static))
            assert "klara 2 av 3 enheter" in summary and "Inte klara: Placering och familjehem" in summary
            table = screen.query_one(DataTable)
            assert str(table.get_cell(MOTT, str(MARS))) == "✓ klar"
            assert str(table.get_cell(PLAC, str(MARS))) == "– saknas"
            await pilot.press("l")
            await pilot.pause()
            message = text_of(screen.query_one("#status-message", Static))
            assert "Låste mars 2023 för 3 enheter" in message and "Placering och familjehem" in message
            assert str(screen.query_one(DataTable).get_cell(MOTT, str(MARS))) == "■ låst"

    run(status())
    assert admin.is_locked(MOTT, MARS) and admin.is_locked(PLAC, MARS)

    # -- The rapportör's later change is refused; leaving asks first.
    async def late_change():
        app = Host(lambda: ReportMonthScreen(mott, MOTT, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert "låst" in text_of(screen.query_one("#report-banner", Label))
            await clear(pilot)
            await type_text(pilot, "181")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is screen  # refused before any question about the value
            assert "Bara en administratör" in text_of(screen.query_one("#report-message", Static))
            assert app.results == []
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert "inte sparats" in text_of(app.screen.query_one("#confirm-question", Label))
            await pilot.press("j")
            await pilot.pause()
            assert app.results == [False]

    run(late_change())
    assert admin.cell(MOTT, "bou.akt", "", MARS)[0] == 180

    # -- The admin's change needs a reason, is stored, and shows in Historik.
    async def admin_change():
        app = Host(lambda: ReportMonthScreen(admin, MOTT, MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await clear(pilot)
            await type_text(pilot, "182")
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("j")  # yes, the jump is right
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt)
            await type_text(pilot, "Rättelse efter revision")
            await pilot.press("enter")
            await pilot.pause()
            assert app.results == [True]

    run(admin_change())
    last = admin.history(MOTT, "bou.akt", "", MARS)[-1]
    assert (last.login, last.old, last.new, last.reason) == ("admin1", 180, 182, "Rättelse efter revision")

    async def history():
        app = Host(lambda: HistoryScreen(admin, MOTT, "bou.akt", "", MARS))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            table = screen.query_one("#history-changes", DataTable)
            rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
            assert rows[0][1:4] == ["ec.mott", "–", "180"]
            assert rows[-1][1:] == ["admin1", "180", "182", "programfönstret", "Rättelse efter revision"]
            assert "Nytt verksamhetssystem" in text_of(screen.query_one("#history-comments", Static))
            assert "Månaden är låst" in text_of(screen.query_one("#history-lock", Static))
            await pilot.press("escape")
            await pilot.pause()
            assert app.results == [None]

    run(history())
