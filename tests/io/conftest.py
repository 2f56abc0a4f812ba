"""Fixtures for reports, export and import: a store with the example tree and own measures."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_support import build_reference_store

from tracker.store.store import Store


@pytest.fixture
def store(example_store):
    return example_store()


@pytest.fixture
def reference_store():
    s = Store.open(None, login="test")
    build_reference_store(s)
    yield s
    s.close()


@pytest.fixture
def reference_db(tmp_path) -> Path:
    path = tmp_path / "ref.db"
    with Store.open(path, login="test") as s:
        build_reference_store(s)
    return path
