"""Roll-ups summed by SQLite equal the Python roll-up, for every measure, unit and year of the demo."""

from __future__ import annotations

import pytest

from tests.support import ROLLUP_DEMO_THROUGH
from tracker.core.periods import Month, whole_year
from tracker.core.scope import Scope, roll_up, series
from tracker.core.yearview import measure_comparison
from tracker.io.demo import YEARS_BACK
from tracker.store.store import Store

THROUGH = ROLLUP_DEMO_THROUGH  # the demo_store fixture's last month
YEARS = range(THROUGH.year - YEARS_BACK, THROUGH.year + 1)


def python_scope(store, unit: str, years: list[int]) -> Scope:
    """Every enhet's values read and rolled up in Python, as the store did before SQLite summed them."""
    target = store.units.get(unit)
    if target.is_enhet:
        return Scope(store.unit_values([unit], years)[unit])
    enheter = store.units.enheter_under(unit)
    values = store.unit_values([u.code for u in enheter], years)
    single = {}
    for measure in store.catalog.measures:
        reporting = [u.code for u in enheter if measure.code in u.measures]
        if measure.is_annual and len(reporting) == 1:
            single[measure.code] = {k: v for k, v in values[reporting[0]].items() if k[0] == measure.code}
    return roll_up(values, single, {u.code: set(u.measures) for u in enheter})


def _rows(store):
    for measure in store.catalog.measures:
        for part in ("", *measure.parts):
            yield measure, part


@pytest.mark.parametrize("year", YEARS)
def test_sql_roll_up_equals_the_python_roll_up_for_every_measure_and_unit(demo_store, year):
    assert any(u.is_enhet for u in demo_store.units.units) and any(not u.is_enhet for u in demo_store.units.units)
    partial_seen = False
    for unit in demo_store.units.units:
        years = [year - 1, year]
        expected = python_scope(demo_store, unit.code, years)
        got = demo_store.scope(unit.code, years)
        assert got.values == expected.values, unit.code
        assert (got.rollup, got.units, got.annual_ok, got.partial) == (
            expected.rollup,
            expected.units,
            expected.annual_ok,
            expected.partial,
        ), unit.code
        partial_seen |= bool(got.partial)
        for measure, part in _rows(demo_store):
            # a look-up reads only its measure (and what it is computed from), and still agrees
            narrow = demo_store.scope(unit.code, years, measures=[measure.code])
            want = series(demo_store.catalog, expected, measure, part or None)
            assert series(demo_store.catalog, narrow, measure, part or None) == want, (unit.code, measure.code, part)
            assert measure_comparison(demo_store.catalog, narrow, measure, whole_year(year), part) == measure_comparison(
                demo_store.catalog, expected, measure, whole_year(year), part
            ), (unit.code, measure.code, part)
    if year == THROUGH.year:
        assert partial_seen


def test_year_sums_kept_between_look_ups_are_dropped_when_anyone_writes(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path, login="a") as store, Store.open(path, login="b") as other:
        from tracker.io.example_tree import create_example_tree

        create_example_tree(store)
        store.set_value("IFO.BOU.MOTT", "bou.akt", Month(2025, 1), 200, source="cli")

        def agrees() -> float | None:
            got = store.scope("IFO", [2024, 2025])
            assert got.values == python_scope(store, "IFO", [2024, 2025]).values
            return got.values.get(("bou.akt", "", Month(2025, 1)))

        assert agrees() == 200
        assert store.scope("IFO", [2025, 2026]).values[("bou.akt", "", Month(2025, 1))] == 200  # a year kept
        other.set_value("IFO.BOU.MOTT", "bou.akt", Month(2025, 1), 210, source="cli")  # another connection
        assert agrees() == 210
        store.set_value("IFO.BOU.MOTT", "bou.akt", Month(2025, 1), 220, source="cli")  # this connection
        assert agrees() == 220
        store.set_value("IFO.BOU.MOTT", "bou.akt", Month(2025, 1), None, source="cli")
        assert agrees() is None


def test_a_database_made_before_m009_is_summed_from_the_index_alone_with_the_same_roll_up():
    from sqlite_utils import Database

    from tracker.core.catalog import standard_catalog
    from tracker.io.example_tree import create_example_tree
    from tracker.store.database import migrate
    from tracker.store.schema import migrations
    from tracker.store.values_store import _month_sums_query

    db = Database(memory=True)
    migrations.apply(db, stop_before="m009_value_index_with_values")
    store = Store(db, login="a")
    store.install_catalog(standard_catalog())
    create_example_tree(store)
    for month in range(1, 13):
        store.set_value("IFO.BOU.MOTT", "bou.akt", Month(2025, month), 10 + month, source="cli")
        store.set_value("IFO.BOU.UTR", "bou.utr.inledda", Month(2025, month), 3, source="cli")
    before = store.scope("IFO", [2024, 2025])
    assert "idx_value_unit_period" in {i.name for i in db["value"].indexes}

    migrate(db)
    indexes = {i.name for i in db["value"].indexes}
    assert "idx_value_unit_period_values" in indexes and "idx_value_unit_period" not in indexes
    store = Store(db, login="a")
    assert store.scope("IFO", [2024, 2025]) == before == python_scope(store, "IFO", [2024, 2025])
    assert before.values[("bou.akt", "", Month(2025, 3))] == 13
    units = sorted(store.units.members("IFO", [Month(2025, 3)]))
    sql, params = _month_sums_query(units, Month(2025, 3), None)
    plan = " ".join(str(row[-1]) for row in db.execute(f"explain query plan {sql}", params))
    assert "COVERING INDEX idx_value_unit_period_values" in plan


def test_a_roll_up_of_one_measure_searches_the_index_by_unit_and_period_not_by_unit_alone(store):
    """Without table statistics SQLite searched the covering index by unit alone when the period
    was hidden from it, reading every year of every measure of each enhet for one measure."""
    from tracker.store.values_store import _month_sums_query

    units = sorted(store.units.members("IFO", [Month(2025, 3)]))
    sql, params = _month_sums_query(units, Month(2025, 3), ["bou.akt"])
    plan = " ".join(str(row[-1]) for row in store.db.execute(f"explain query plan {sql}", params))
    assert "period=? AND measure=?" in plan, plan
