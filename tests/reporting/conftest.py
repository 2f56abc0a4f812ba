"""Fixtures for the reporting round: an in-memory store with the example tree."""

from __future__ import annotations

import pytest

from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store

MOTT, UTR, VUX = "IFO.BOU.MOTT", "IFO.BOU.UTR", "IFO.VUX.VUX"


@pytest.fixture
def db_store():
    """A factory: open the same in-memory database as another login (shares the connection)."""
    base = Store.open(None, login="admin1")
    create_example_tree(base)

    def as_login(login: str) -> Store:
        other = Store(base.db, login=login)
        return other

    yield base, as_login
    base.close()
