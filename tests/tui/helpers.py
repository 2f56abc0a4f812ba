"""Shared helpers for the TUI tests: a small fixed database and reading the screen as text."""

from __future__ import annotations

from datetime import date

from tracker.core.periods import Month
from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

TODAY = date(2023, 4, 10)
UNIT = "IFO.BOU.MOTT"


def small_store(path=None) -> Store:
    """The example tree with a few fixed values in 2022 and 2023 (Mottagning, Vuxenenheten)."""
    store = Store.open(path, login="test.user")
    create_example_tree(store)
    writes = []
    for month, (akt, oro, fhb, fhb14) in enumerate(
        [(210, 150, 100, 90), (200, 160, 120, 100), (190, 140, 110, 95)], start=1
    ):
        writes += [
            ValueWrite(UNIT, "bou.akt", "", Month(2022, month), akt),
            ValueWrite(UNIT, "bou.akt.oro", "", Month(2022, month), oro),
            ValueWrite(UNIT, "bou.fhb", "", Month(2022, month), fhb),
            ValueWrite(UNIT, "bou.fhb.14d", "", Month(2022, month), fhb14),
        ]
    for month, (akt, oro) in enumerate([(204, 160), (190, 150)], start=1):
        writes += [
            ValueWrite(UNIT, "bou.akt", "", Month(2023, month), akt),
            ValueWrite(UNIT, "bou.akt.oro", "", Month(2023, month), oro),
            ValueWrite(UNIT, "bou.fhb", "", Month(2023, month), 100),
            ValueWrite(UNIT, "bou.fhb.14d", "", Month(2023, month), 80),
        ]
    writes += [
        ValueWrite("IFO.VUX.VUX", "vux.akt", "", Month(2023, 1), 7),
        ValueWrite("IFO.VUX.VUX", "vux.plac.hvb", "K", Month(2023, 1), 5),
        ValueWrite("IFO.VUX.VUX", "vux.plac.hvb", "M", Month(2023, 1), 12),
        ValueWrite("IFO.VUX.FAM", "fam.akt", "", Month(2023, 1), 40),
    ]
    store.set_values(writes, source="cli")
    return store


def screen_text(app) -> str:
    """The whole screen as plain text, one line per terminal row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


def grid_line(app, label: str) -> str:
    """The screen row that shows a measure's label (first match)."""
    for row in screen_text(app).splitlines():
        if label in row:
            return row
    raise AssertionError(f"{label!r} not on screen:\n{screen_text(app)}")


def run(app, scenario, size=(160, 40)):
    """Run an async scenario(pilot) against the app with a fixed terminal size."""
    import asyncio

    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


def make_app(store, unit=UNIT, year=2023, month=3):
    """The grid app at a fixed unit, year, month and today."""
    from tracker.tui.app import TrackerApp

    return TrackerApp(store, unit=unit, year=year, month=month, today=TODAY)


async def type_text(pilot, text: str) -> None:
    """Type text as a terminal sends it, one key event per character.

    Pilot.press loses the character of keys such as the no-break space or the minus sign, so
    the events are built here the way the terminal driver builds them.
    """
    from textual import events
    from textual.app import _character_to_key

    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        pilot.app._driver.send_message(events.Key(key, char))
        await pilot.pause()
