import pytest


@pytest.fixture
def store(example_store):
    """An in-memory database with the standard catalog and the example unit tree."""
    return example_store("ec.barn")
