"""After a save the grid recomputes only affected rows; the result must equal a full reload."""

from __future__ import annotations

import pytest

from tests.support import UNIT
from tracker.core.periods import Month
from tracker.tui.model import load_grid

CASES = [
    (UNIT, "bou.fhb", "", Month(2023, 2), 150),  # parent of a varav and denominator of a ratio
    (UNIT, "bou.fhb.14d", "", Month(2023, 2), None),  # cleared numerator
    (UNIT, "bou.akt", "", Month(2023, 3), 0),
    ("IFO.BOU.PLAC", "bou.plac.fh.sol", "F", Month(2023, 1), 15),  # a part: its total and the sum row
    ("IFO.BOU.PLAC", "bou.plac.fh.sol", "P", Month(2023, 1), 28),
    ("IFO.BOU.PLAC", "bou.unika.fh", "", 2023, 100),  # annual
]


@pytest.mark.parametrize("unit, measure, part, period, value", CASES)
def test_incremental_update_equals_full_reload(small_store, unit, measure, part, period, value):
    if measure == "bou.plac.fh.sol" and part == "P":
        small_store.set_value(unit, measure, Month(2023, 1), 15, part="F", source="cli")
    before = load_grid(small_store, unit, 2023)
    change = small_store.set_value(unit, measure, period, value, part=part, source="tui")
    assert change is not None
    incremental = load_grid(small_store, unit, 2023, before, change)
    full = load_grid(small_store, unit, 2023)
    assert [line.cells for line in incremental.lines] == [line.cells for line in full.lines]
    assert incremental.scope.values == full.scope.values


def test_long_labels_keep_the_qualifier_that_tells_rows_apart():
    from tracker.tui.model import shorten_label

    assert shorten_label("Familjehemsplacerade < 21 år, SoL", 24) == "Familjehemsplacera…, SoL"
    assert shorten_label("Familjehemsplacerade < 21 år, LVU", 24).endswith(", LVU")
    assert shorten_label("Aktualiseringar barn och unga 0–17 år", 24) == "Aktualiseringar barn oc…"
    assert shorten_label("HVB < 21 år, SoL", 24) == "HVB < 21 år, SoL"
    # a long qualifier is no way to tell rows apart: the name's start is kept instead
    assert shorten_label("Ej verkställda gynnande beslut äldre än 3 månader, vid kvartalets slut", 30) == (
        "Ej verkställda gynnande beslu…")
