"""A kind of measure is one row of core/kinds.py: a new kind works everywhere without other code.

The row is added for the test only (a tertial kind: values at the end of April, August and
December); the catalog, the entry rule, the statistics, the store, the grid and the form then
treat it as they treat the five kinds the program has.
"""

from __future__ import annotations

import pytest

from tests.support import make_app, make_small_store, run_app
from tracker.core.catalog import merge_catalogs, parse_catalog_toml, standard_catalog
from tracker.core.errors import InputError
from tracker.core.kinds import KINDS, Kind
from tracker.core.periods import Month
from tracker.core.reporting import entered_rows
from tracker.core.stats import year_comparison
from tracker.tui.model import readonly_reason

TERTIAL = Kind(
    "tertial", "tertialmått", "tertialmått, värdet vid tertialets slut", "Tertial",
    months=(4, 8, 12), last_value=True, per="tert", off_month="Tertialmått anges bara för april, augusti och december.",
)
CATALOG = """
[[measure]]
code = "egen.vantande"
name = "Väntande ärenden vid tertialets slut"
section = "gem"
kind = "tertial"
unit = "ärenden"
polarity = "lower"
"""
UNIT = "IFO.BOU.MOTT"


@pytest.fixture(autouse=True)
def tertial(monkeypatch):
    monkeypatch.setitem(KINDS, "tertial", TERTIAL)


def test_the_catalog_and_the_entry_rule_know_the_new_kind():
    catalog = merge_catalogs(standard_catalog(), parse_catalog_toml(CATALOG, own=True))
    measure = catalog.get("egen.vantande")
    assert measure.describe_kind() == "tertialmått, värdet vid tertialets slut"
    assert measure.takes_value_in(Month(2023, 8)) and not measure.takes_value_in(Month(2023, 3))
    assert measure.kind_refusal(Month(2023, 3)) == (
        "”Väntande ärenden vid tertialets slut”: Tertialmått anges bara för april, augusti och december. "
        "Du angav mars 2023."
    )
    comparison = year_comparison(measure, {Month(2022, 4): 12, Month(2022, 8): 20, Month(2023, 4): 10,
                                          Month(2023, 8): 14}, 2023)
    # the last tertial's value against the same tertial last year, two of three reported
    assert (comparison.current.value, comparison.previous.value, comparison.change) == (14, 20, -6)
    assert (comparison.current.label, comparison.current.coverage) == ("Tertial", "2 av 3 tert")
    assert comparison.trend.judgement == "better"


def test_the_store_the_grid_and_the_form_take_it_as_any_kind():
    store = make_small_store(None)
    store.add_measures(parse_catalog_toml(CATALOG, own=True))
    store.change_unit_measures(UNIT, add="egen.vantande")
    store.set_value(UNIT, "egen.vantande", Month(2023, 4), 9, source="cli")
    with pytest.raises(InputError, match="Tertialmått anges bara för april, augusti och december"):
        store.set_value(UNIT, "egen.vantande", Month(2023, 3), 9, source="cli")
    unit = store.units.get(UNIT)
    assert "egen.vantande" in [m.code for m, _ in entered_rows(store.catalog, unit, Month(2023, 4))]
    assert "egen.vantande" not in [m.code for m, _ in entered_rows(store.catalog, unit, Month(2023, 3))]
    app = make_app(store, month=4)

    async def scenario(pilot):
        line = app.data.lines[app.data.find_row("egen.vantande")]
        assert line.cells[:4] == ("", "", "", "9") and line.cells[12] == "Tertial"
        assert readonly_reason(line, 2, 2023, app.today) == TERTIAL.off_month
        assert readonly_reason(line, 3, 2023, app.today) is None

    run_app(app, scenario)
    store.close()
