"""Fixtures shared by the test folders."""

from __future__ import annotations

import pytest

from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store


@pytest.fixture
def example_store():
    """Factory of in-memory databases with the standard catalog and the example unit tree.

    Call it with the login the store should act as; every store made is closed after the test.
    """
    made: list[Store] = []

    def make(login: str = "test") -> Store:
        store = Store.open(None, login=login)
        create_example_tree(store)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


@pytest.fixture
def example_db(tmp_path):
    """A database file with the standard catalog and the example unit tree; returns its path."""
    path = tmp_path / "t.db"
    with Store.open(path, login="test") as store:
        create_example_tree(store)
    return path
