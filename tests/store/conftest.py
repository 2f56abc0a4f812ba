import pytest

from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store


@pytest.fixture
def store():
    """An in-memory database with the standard catalog and the example unit tree."""
    s = Store.open(None, login="ec.barn")
    create_example_tree(s)
    yield s
    s.close()
