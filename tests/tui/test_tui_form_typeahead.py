"""Type-ahead in Rapportera månad: a burst of keys (a fast typist, a paste, tmux) lands field by field."""

from __future__ import annotations

from textual import events

from tests.support import UNIT, make_app, run_app
from tracker.core.periods import Month


def burst(app, keys: str) -> None:
    """Queue every key at once, as a fast burst arrives, without waiting between them."""
    for key in keys.split():
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


def field_values(app) -> list[str]:
    from tracker.tui.screens.report_month import FormInput

    return [w.value for w in app.screen.query(FormInput)]


def test_a_burst_of_digits_and_enters_fills_successive_fields(small_store):
    app = make_app(small_store, month=3)

    async def scenario(pilot):
        await pilot.press("r")
        await pilot.pause()
        burst(app, "2 1 0 enter 1 7 0 enter 1 1 5 enter 9 0 enter")
        await pilot.pause(0.3)
        assert field_values(app)[:4] == ["210", "170", "115", "90"]

    run_app(app, scenario)


def test_type_ahead_never_answers_the_jump_question(small_store):
    from tracker.tui.modals import ConfirmScreen

    app = make_app(small_store, month=3)

    async def scenario(pilot):
        await pilot.press("r")
        await pilot.pause()
        # 990 is far from March last year (190): the form asks, and the keys typed after must not answer
        burst(app, "9 9 0 enter 1 enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ConfirmScreen)
        assert field_values_under(app)[0] == "990"

    def field_values_under(app):
        from tracker.tui.screens.report_month import FormInput

        return [w.value for w in app.screen_stack[-2].query(FormInput)]

    run_app(app, scenario)
    assert small_store.cell(UNIT, "bou.akt", "", Month(2023, 3))[0] is None  # nothing saved
