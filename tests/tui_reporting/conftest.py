"""Shared for the reporting screen tests: a host app, the store fixture and key helpers."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App

from tracker.core.periods import Month
from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite
from tracker.tui import STYLESHEET

MOTT, UTR, PLAC = "IFO.BOU.MOTT", "IFO.BOU.UTR", "IFO.BOU.PLAC"
MARS = Month(2023, 3)
SIZE = (160, 50)


class Host(App):
    """A bare app that pushes one screen and records what it was dismissed with."""

    CSS_PATH = STYLESHEET

    def __init__(self, make_screen) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.results.append)


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def stores():
    admin = Store.open(None, login="admin1")
    create_example_tree(admin)
    admin.set_values(
        [
            ValueWrite(MOTT, "bou.akt", "", Month(2022, 3), 100),
            ValueWrite(MOTT, "bou.akt.oro", "", Month(2022, 3), 80),
            ValueWrite(MOTT, "bou.akt", "", Month(2023, 2), 110),
        ],
        source="demo",
    )
    admin.add_user("admin1", "admin")
    admin.add_user("ec.mott", "rapportor", [MOTT])
    admin.add_user("ec.utr", "rapportor", [UTR])

    def as_login(login):
        return Store(admin.db, login=login)

    yield admin, as_login
    admin.close()


def text_of(widget) -> str:
    return str(widget.render())


async def type_into(pilot, text: str) -> None:
    await pilot.press(*list(text))


async def clear(pilot, n: int = 6) -> None:
    await pilot.press(*["backspace"] * n)
