"""Own measures, renaming and retiring; the unit tree."""

import pytest

from tracker.core.catalog import parse_catalog_toml
from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.core.yearview import build_rows

OWN = """
[[section]]
code = "egen"
name = "Egna verksamheter"

[[measure]]
code = "egen.klivet"
name = "Klivet stödboende"
section = "egen"
kind = "stock"
unit = "barn"
"""


def test_own_measures_are_added_and_clashing_codes_refused(store):
    added = store.add_measures(parse_catalog_toml(OWN, own=True))
    assert [m.code for m in added] == ["egen.klivet"]
    assert store.catalog.get("egen.klivet").own
    with pytest.raises(InputError) as err:
        store.add_measures(parse_catalog_toml(OWN, own=True))
    assert "finns redan" in str(err.value)


def test_renamed_measure_keeps_its_history(store):
    store.set_value("IFO.BOU.MOTT", "bou.akt", Month(2022, 1), 204, source="cli")
    store.rename_measure("bou.akt", "Aktualiseringar barn")
    assert store.catalog.find("Aktualiseringar barn").code == "bou.akt"
    assert store.cell("IFO.BOU.MOTT", "bou.akt", "", Month(2022, 1))[0] == 204


def test_retired_measure_takes_no_entries_but_shows_years_with_data(store):
    store.set_value("IFO.BOU.MOTT", "bou.akt", Month(2022, 1), 204, source="cli")
    store.set_retired("bou.akt")
    with pytest.raises(InputError) as err:
        store.set_value("IFO.BOU.MOTT", "bou.akt", Month(2022, 2), 1, source="cli")
    assert "avvecklat" in str(err.value)
    unit = store.units.get("IFO.BOU.MOTT")
    shown = lambda year: [r.measure.code for r in build_rows(store.catalog, store.scope(unit.code, [year - 1, year]), unit.measures, year)]  # noqa: E731
    assert "bou.akt" in shown(2022)
    assert "bou.akt" not in shown(2025)


def test_unit_tree_levels_and_lookup(store):
    tree = store.units
    assert tree.top().code == "IFO"
    assert [u.code for u in tree.enheter_under("IFO.BOU")] == ["IFO.BOU.MOTT", "IFO.BOU.UTR", "IFO.BOU.PLAC"]
    assert tree.find("Familjerätten").code == "IFO.VUX.FAM"
    with pytest.raises(InputError):
        store.add_unit("X", "Under en enhet", parent="IFO.BOU.MOTT")
    with pytest.raises(InputError):
        store.add_unit("IFO.BOU", "Dubblett", parent="IFO")
    with pytest.raises(InputError):
        store.add_unit("NY", "Ny förvaltning")  # a second root needs a parent
    assert store.add_unit("IFO.NY", "Ny avdelning", parent="IFO").level == "avdelning"


def test_broken_toml_is_explained_in_swedish_with_its_position():
    with pytest.raises(InputError) as err:
        parse_catalog_toml('[[measure]]\ncode = "x\n')
    assert "rad 2" in str(err.value) and "Invalid" not in str(err.value)
