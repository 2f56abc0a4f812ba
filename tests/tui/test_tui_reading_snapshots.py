"""SVG snapshots of the chart and the Översikt at 80×24, 120×40 and 160×50, on the demo through
September 2025 (fixed data) with a fixed date.

Update with `pytest tests/tui --snapshot-update` after an intended change of the layout.
"""

from __future__ import annotations

from datetime import date

import pytest

from tracker.tui.app import TrackerApp

SIZES = [(80, 24), (120, 40), (160, 50)]


def reading_app(demo_store):
    return TrackerApp(demo_store, unit="IFO", year=2025, month=9, today=date(2025, 10, 6))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_chart(snap_compare, demo_store, size):
    # Aktualiseringar barn och unga, the förvaltning's first row: five years month by month and the year sums
    assert snap_compare(reading_app(demo_store), terminal_size=size, press=["c"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview(snap_compare, demo_store, size):
    assert snap_compare(reading_app(demo_store), terminal_size=size, press=["o", "down"])
