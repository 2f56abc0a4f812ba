"""Fixtures for the TUI tests: a small fixed database in memory."""

from __future__ import annotations

import pytest

from tests.tui.helpers import small_store


@pytest.fixture
def store():
    """The example tree with a few fixed values (see helpers.small_store)."""
    s = small_store(None)
    yield s
    s.close()
