"""Bakom summan in core and store: the units behind a roll-up cell add up to it, a missing report is
missing (never 0), ratios show their numerator and denominator, unika individer are not summed, and
an enhet that moved counts where it rolled up each month."""

from __future__ import annotations

import pytest

from tests.support import MOTT, PLAC, UTR, VUX
from tracker.core.drilldown import (
    CURRENT,
    MISSING_STATE,
    MONTH,
    NOT_MEMBER_STATE,
    NOT_SUMMABLE_STATE,
    PREVIOUS,
    Cell,
    breakdown,
    breakdown_cells,
    breakdown_headers,
    ratio_note,
)
from tracker.core.periods import Month, whole_year
from tracker.core.scope import series
from tracker.core.stats import NOT_SUMMABLE
from tracker.core.yearview import measure_comparison
from tracker.store.values_store import ValueWrite

BOU, IFO = "IFO.BOU", "IFO"
EVB = "gem.evb"  # reported by Utredning, Placering, Vuxenenheten and Försörjningsstöd, at quarter ends


def drill(store, unit, code, column, month=None, part="", year=2023, enheter=False):
    catalog = store.catalog_for(unit)
    measure = catalog.get(code)
    years = [year - 2, year - 1, year]
    rollup = store.scope(unit, years, measures=[code])
    below = store.breakdown_scopes(unit, years, [code], enheter=enheter or measure.is_annual)
    return breakdown(catalog, store.units, store.units.get(unit), rollup, below, Cell(measure, part, year, column, month))


def by_unit(b):
    return {row.unit.code: row for row in b.rows}


@pytest.fixture
def quarters(store):
    """gem.evb at the ends of March and June 2022 and 2023; Vuxenenheten has not reported June 2023."""
    writes = []
    for unit, values in {UTR: (4, 6, 5, 7), PLAC: (2, 3, 1, 2), VUX: (1, 1, 3, None), "IFO.EB.FS": (0, 2, 0, 1)}.items():
        for month, value in zip((Month(2022, 3), Month(2022, 6), Month(2023, 3), Month(2023, 6)), values, strict=True):
            if value is not None:
                writes.append(ValueWrite(unit, EVB, "", month, value))
    store.set_values(writes, source="cli")
    return store


def test_the_enheter_of_a_month_add_up_to_the_avdelning_with_their_shares(quarters):
    b = drill(quarters, BOU, EVB, MONTH, Month(2023, 3))
    rows = by_unit(b)
    assert set(rows) == {UTR, PLAC}  # Mottagning does not report the measure
    assert (rows[UTR].now.value, rows[PLAC].now.value, b.total.now.value) == (5, 1, 6)
    assert rows[UTR].share == pytest.approx(5 / 6) and rows[PLAC].share == pytest.approx(1 / 6)
    assert (rows[UTR].before.value, rows[UTR].change) == (4, 1)
    assert breakdown_headers(b) == ["Enhet", "mars 2023", "Andel", "mars 2022", "Förändring", "Anmärkning"]
    assert breakdown_cells(b, rows[UTR]) == ["Utredning barn och unga", "5", "83,3 %", "4", "+1", ""]
    assert any("Mottagning barn och unga" in note for note in b.notes)


def test_an_enhet_that_has_not_reported_is_shown_as_missing_not_as_zero(quarters):
    b = drill(quarters, "IFO.VUX", EVB, MONTH, Month(2023, 6))
    row = by_unit(b)[VUX]
    assert row.now.value is None and row.state == MISSING_STATE and row.share is None
    assert breakdown_cells(b, row)[1] == "saknas"
    assert b.total.now.value is None  # the only enhet reporting it in the avdelning
    assert any("Har inte rapporterat juni 2023: Vuxenenheten" in note for note in b.notes)
    # the förvaltning's June lacks Vuxenenheten: its avdelning says so, and the other three add up
    b = drill(quarters, IFO, EVB, MONTH, Month(2023, 6))
    rows = by_unit(b)
    assert rows["IFO.VUX"].state == MISSING_STATE
    assert b.total.now.value == 7 + 2 + 1 == sum(r.now.value for r in b.rows if r.now.value is not None)


def test_the_forvaltning_lists_its_avdelningar_and_on_request_every_enhet(quarters):
    b = drill(quarters, IFO, EVB, MONTH, Month(2023, 3))
    assert [r.unit.code for r in b.rows] == [BOU, "IFO.VUX", "IFO.EB"]
    assert [r.now.value for r in b.rows] == [6, 3, 0] and b.total.now.value == 9
    assert b.level_word == "Avdelning"
    b = drill(quarters, IFO, EVB, MONTH, Month(2023, 3), enheter=True)
    assert [r.unit.code for r in b.rows] == [UTR, PLAC, VUX, "IFO.EB.FS"]
    assert [r.now.value for r in b.rows] == [5, 1, 3, 0]


def test_hittills_and_fg_ar_use_the_months_the_grid_compares(filled_store):
    # Placering's familjehem SoL (a stock): 2023 jan–juni against the same months of 2022
    catalog = filled_store.catalog_for(BOU)
    measure = catalog.get("bou.plac.fh.sol")
    grid = measure_comparison(catalog, filled_store.scope(BOU, [2022, 2023]), measure, whole_year(2023))
    current = drill(filled_store, BOU, "bou.plac.fh.sol", CURRENT)
    assert current.total.now.value == pytest.approx(grid.current.value)
    assert current.total.before.value == pytest.approx(grid.previous.value)
    assert by_unit(current)[PLAC].now.value == pytest.approx(grid.current.value)
    assert (current.now.label, current.before.label) == ("jan–juni 2023", "jan–juni 2022")
    previous = drill(filled_store, BOU, "bou.plac.fh.sol", PREVIOUS)
    assert previous.total.now.value == pytest.approx(grid.previous.value)
    assert (previous.now.label, previous.before.label) == ("jan–juni 2022", "jan–juni 2021")
    assert previous.total.before.value is None  # nothing entered for 2021


def test_a_part_is_drilled_as_its_own_series(filled_store):
    b = drill(filled_store, BOU, "bou.plac.fh.sol", MONTH, Month(2023, 1), part="F")
    assert by_unit(b)[PLAC].now.value == 16 == b.total.now.value  # 15 + 1 % 2


def test_a_ratio_shows_numerator_and_denominator_per_enhet_and_no_shares(filled_store):
    b = drill(filled_store, BOU, "bou.fhb.andel14", CURRENT)
    row = by_unit(b)[MOTT]
    assert (row.now.numerator, row.now.denominator) == (sum(90 - m for m in range(1, 7)), 600)
    assert row.now.value == pytest.approx(row.now.numerator / row.now.denominator) == pytest.approx(b.total.now.value)
    assert not b.shares and row.share is None and ratio_note(b.cell.measure) in b.notes
    assert ratio_note(b.cell.measure).startswith("Andelen per rad")
    assert breakdown_headers(b)[:4] == ["Enhet", "Täljare", "Nämnare", "jan–juni 2023"]
    assert breakdown_cells(b, row)[1:4] == ["519", "600", "86,5 %"]


def test_unika_individer_of_several_enheter_are_listed_but_not_summed(filled_store):
    filled_store.change_unit_measures(UTR, add="bou.unika.fh")
    filled_store.set_value(UTR, "bou.unika.fh", 2023, 12, source="cli")
    b = drill(filled_store, IFO, "bou.unika.fh", CURRENT)
    rows = by_unit(b)
    assert set(rows) == {UTR, PLAC}  # the enheter, the only level that holds the value
    assert (rows[PLAC].now.value, rows[UTR].now.value) == (100, 12)
    assert b.total.now.value is None and b.total.state == NOT_SUMMABLE_STATE
    assert not b.shares and any(NOT_SUMMABLE in note for note in b.notes)
    assert breakdown_cells(b, b.total)[1] == "går inte att summera"


def test_an_enhet_that_moved_counts_under_each_avdelning_in_its_months(store):
    writes = [ValueWrite(UTR, EVB, "", Month(2023, m), v) for m, v in ((3, 4), (6, 5), (9, 6))]
    writes += [ValueWrite(VUX, EVB, "", Month(2023, m), 1) for m in (3, 6, 9)]
    store.set_values(writes, source="cli")
    store.move_unit(UTR, "IFO.VUX", Month(2023, 7))
    before, after = drill(store, IFO, EVB, MONTH, Month(2023, 6)), drill(store, IFO, EVB, MONTH, Month(2023, 9))
    assert (by_unit(before)[BOU].now.value, by_unit(before)["IFO.VUX"].now.value) == (5, 1)
    assert (by_unit(after)[BOU].now.value, by_unit(after)["IFO.VUX"].now.value) == (None, 7)
    assert before.total.now.value == 6 and after.total.now.value == 7
    # the avdelning it left still lists it, as not belonging there in September
    left = by_unit(drill(store, BOU, EVB, MONTH, Month(2023, 9)))
    assert left[UTR].state == NOT_MEMBER_STATE
    assert by_unit(drill(store, BOU, EVB, MONTH, Month(2023, 6)))[UTR].now.value == 5


@pytest.mark.parametrize("unit", ["IFO", "IFO.BOU", "IFO.VUX", "IFO.EB"])
def test_every_month_of_the_demo_adds_up_to_the_roll_up(demo_store, unit):
    # flows and stocks of every roll-up: the units below add up to the roll-up's month, or one is missing
    catalog = demo_store.catalog_for(unit)
    for code in ("bou.akt", "bou.utr.pagaende", "vux.plac.hvb", EVB, "eb.belopp"):
        measure = catalog.get(code)
        rollup = demo_store.scope(unit, [2023, 2024, 2025], measures=[code])
        below = demo_store.breakdown_scopes(unit, [2023, 2024, 2025], [code])
        for month in range(1, 10):
            if not measure.takes_value_in(Month(2025, month)):
                continue
            b = breakdown(catalog, demo_store.units, demo_store.units.get(unit), rollup, below,
                          Cell(measure, "", 2025, MONTH, Month(2025, month)))
            total = series(catalog, rollup, measure).get(Month(2025, month))
            assert b.total.now.value == total
            if total is not None and not any(r.state == MISSING_STATE for r in b.rows):
                assert sum(r.now.value for r in b.rows if r.now.value is not None) == pytest.approx(total), (code, month)
