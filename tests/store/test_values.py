"""Writing values: validation, revisions, the change log, all-or-nothing batches."""

import sqlite3

import pytest

from tracker.core.errors import ConflictError, DatabaseError, InputError
from tracker.core.periods import Month
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

JAN = Month(2022, 1)
MOTT, PLAC = "IFO.BOU.MOTT", "IFO.BOU.PLAC"


def count_values(store):
    return store.db.execute("select count(*) from value").fetchone()[0]


def test_zero_is_stored_and_missing_is_absent(store):
    store.set_value(MOTT, "bou.akt", JAN, 0, source="cli")
    assert store.cell(MOTT, "bou.akt", "", JAN) == (0, 1)
    assert store.cell(MOTT, "bou.akt", "", Month(2022, 2)) == (None, 0)
    store.set_value(MOTT, "bou.akt", JAN, None, source="cli")
    assert count_values(store) == 0


def test_every_write_is_logged_with_who_source_old_and_new(store):
    store.set_value(MOTT, "bou.akt", JAN, 204, source="cli")
    store.set_value(MOTT, "bou.akt", JAN, 205, source="tui")
    history = store.history(MOTT, "bou.akt", "", JAN)
    assert [(h.old, h.new, h.source, h.login) for h in history] == [
        (None, 204, "cli", "ec.barn"), (204, 205, "tui", "ec.barn")]
    assert history[0].at[:4].isdigit()


def test_writing_the_same_value_again_changes_nothing(store):
    store.set_value(MOTT, "bou.akt", JAN, 204, source="cli")
    assert store.set_value(MOTT, "bou.akt", JAN, 204, source="cli") is None
    assert store.cell(MOTT, "bou.akt", "", JAN) == (204, 1)
    assert len(store.history(MOTT, "bou.akt", "", JAN)) == 1


def test_stale_revision_is_refused_with_the_other_value(store):
    store.set_value(MOTT, "bou.akt", JAN, 204, source="cli")
    _, seen = store.cell(MOTT, "bou.akt", "", JAN)
    store.set_value(MOTT, "bou.akt", JAN, 210, source="cli")  # someone else
    with pytest.raises(ConflictError) as err:
        store.set_value(MOTT, "bou.akt", JAN, 199, source="tui", expected_revision=seen)
    assert err.value.current_value == 210 and err.value.current_revision == 2
    assert store.cell(MOTT, "bou.akt", "", JAN)[0] == 210


def test_varav_larger_than_parent_is_refused_and_nothing_written(store):
    store.set_value(MOTT, "bou.fhb", JAN, 100, source="cli")
    with pytest.raises(InputError) as err:
        store.set_value(MOTT, "bou.fhb.14d", JAN, 101, source="cli")
    assert "kan inte vara större än" in str(err.value)
    assert store.cell(MOTT, "bou.fhb.14d", "", JAN) == (None, 0)


def test_parent_cannot_drop_below_its_varav(store):
    store.set_value(MOTT, "bou.fhb", JAN, 100, source="cli")
    store.set_value(MOTT, "bou.fhb.14d", JAN, 90, source="cli")
    with pytest.raises(InputError):
        store.set_value(MOTT, "bou.fhb", JAN, 80, source="cli")
    assert store.cell(MOTT, "bou.fhb", "", JAN)[0] == 100


def test_varav_of_a_split_parent_is_checked_against_the_derived_total(store):
    fs = "IFO.EB.FS"
    store.set_values([ValueWrite(fs, "eb.hh.utbet", "K", JAN, 30), ValueWrite(fs, "eb.hh.utbet", "M", JAN, 20)], source="cli")
    store.set_value(fs, "eb.hh.utbet.1824", JAN, 50, source="cli")
    with pytest.raises(InputError) as err:
        store.set_value(fs, "eb.hh.utbet", JAN, 19, part="M", source="cli")
    assert "mindre än varav-raden" in str(err.value)


def test_a_batch_is_all_or_nothing_and_checked_on_its_final_state(store):
    store.set_values(
        [ValueWrite(MOTT, "bou.fhb.14d", "", JAN, 150), ValueWrite(MOTT, "bou.fhb", "", JAN, 160)], source="import"
    )  # varav before its parent in the same batch is fine
    before = count_values(store)
    with pytest.raises(InputError):
        store.set_values(
            [ValueWrite(MOTT, "bou.akt", "", JAN, 5), ValueWrite(MOTT, "bou.fhb.14d", "", JAN, 999)], source="import"
        )
    assert count_values(store) == before
    assert store.cell(MOTT, "bou.akt", "", JAN) == (None, 0)


@pytest.mark.parametrize(
    "unit, measure, part, period, value, words",
    [
        ("IFO.BOU", "bou.akt", "", JAN, 5, "avdelning"),
        (MOTT, "vux.akt", "", JAN, 5, "rapporterar inte"),
        (PLAC, "bou.plac.fh.sol", "", JAN, 5, "anges per del"),
        (PLAC, "bou.plac.fh.sol", "K", JAN, 5, "Delen"),
        (MOTT, "bou.akt", "F", JAN, 5, "inte uppdelat"),
        (MOTT, "bou.fhb.andel14", "", JAN, 5, "räknas fram"),
        (PLAC, "bou.plac.total", "", JAN, 5, "räknas fram"),
        (PLAC, "bou.unika.fh", "", JAN, 5, "årsmått"),
        (MOTT, "bou.akt", "", 2022, 5, "per månad"),
        (MOTT, "bou.akt", "", JAN, -1, "heltal"),
        (MOTT, "bou.akt", "", JAN, 1.5, "heltal"),
        ("IFO.BOU.UTR", "gem.evb", "", Month(2022, 2), 1, "mars, juni"),
    ],
)
def test_bad_writes_are_refused_in_swedish(store, unit, measure, part, period, value, words):
    with pytest.raises(InputError) as err:
        store.set_value(unit, measure, period, value, part=part, source="cli")
    assert words in str(err.value)
    assert count_values(store) == 0


def test_roll_up_scope_sums_the_enheter_below(store):
    store.add_unit("IFO.BOU.MOTT2", "Mottagning 2", parent="IFO.BOU", measures="bou.akt")
    store.set_value(MOTT, "bou.akt", JAN, 7, source="cli")
    store.set_value("IFO.BOU.MOTT2", "bou.akt", JAN, 5, source="cli")
    assert store.scope("IFO.BOU", [2022]).raw("bou.akt") == {JAN: 12}
    assert store.scope("IFO", [2022]).raw("bou.akt") == {JAN: 12}


def test_file_database_uses_wal_foreign_keys_and_refuses_newer_versions(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path) as s:
        assert s.db.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert s.db.execute("pragma foreign_keys").fetchone()[0] == 1
        s.db["_sqlite_migrations"].insert(
            {"migration_set": "tracker", "name": "m999_from_the_future", "applied_at": "2030-01-01"})
    with pytest.raises(DatabaseError) as err:
        Store.open(path)
    assert "nyare version" in str(err.value)


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("create table x (a)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError) as err:
        Store.open(path)
    assert "inte en tracker-databas" in str(err.value)


def test_an_old_database_is_migrated_on_open(tmp_path):
    from tracker.store.schema import migrations

    path = tmp_path / "old.db"
    with Store.open(path) as s:
        s.db.execute("delete from _sqlite_migrations where name != 'm001_initial'")
        s.db.conn.commit()
    with Store.open(path) as s:
        applied = [m.name for m in migrations.applied(s.db)]
    assert applied == [m.name for m in migrations._migrations]


def test_clearing_keeps_the_revision_rising_so_a_stale_writer_is_caught(store):
    store.set_value(MOTT, "bou.akt", JAN, 5, source="cli")
    _, seen = store.cell(MOTT, "bou.akt", "", JAN)
    store.set_value(MOTT, "bou.akt", JAN, None, source="cli")  # someone clears …
    store.set_value(MOTT, "bou.akt", JAN, 7, source="cli")  # … and enters it again
    assert store.cell(MOTT, "bou.akt", "", JAN) == (7, 3)
    assert store.revisions(MOTT, [2022])[("bou.akt", "", JAN)] == 3
    with pytest.raises(ConflictError):
        store.set_value(MOTT, "bou.akt", JAN, 6, source="tui", expected_revision=seen)


def test_annual_measure_reported_by_one_enhet_rolls_up_but_not_by_two(store):
    store.set_value(PLAC, "bou.unika.fh", 2023, 100, source="cli")
    assert store.scope("IFO.BOU", [2023]).raw("bou.unika.fh") == {2023: 100}
    store.add_unit("IFO.BOU.PLAC2", "Placering 2", parent="IFO.BOU", measures="bou.unika.fh")
    store.set_value("IFO.BOU.PLAC2", "bou.unika.fh", 2023, 5, source="cli")
    assert store.scope("IFO.BOU", [2023]).raw("bou.unika.fh") == {}


def test_a_database_not_yet_migrated_is_opened_for_reading_through_the_migrations(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path) as store:
        store.add_unit("IFO", "Individ- och familjeomsorgen")
    conn = sqlite3.connect(path)
    conn.execute("delete from _sqlite_migrations where name = 'm002_reporting'")
    conn.commit()
    conn.close()
    with Store.open_for_reading(path) as store:
        assert store.units.top().code == "IFO"
        names = [r[0] for r in store.db.execute("select name from _sqlite_migrations").fetchall()]
        assert names.count("m002_reporting") == 1
    with Store.open_for_reading(path) as store:
        assert type(store.db).__name__ == "Reader"  # up to date now: the quick way


def test_the_grids_one_read_of_the_log_gives_the_revisions_and_the_latest_changes(store):
    unit = "IFO.BOU.MOTT"
    for value in (200, None, 210):
        store.set_value(unit, "bou.akt", Month(2023, 1), value, source="cli")
    store.set_value(unit, "bou.fhb", Month(2023, 2), 100, source="tui")
    store.set_value(unit, "bou.akt", Month(2022, 1), 190, source="cli")
    revisions, latest = store.year_log(unit, 2023)
    assert revisions == store.revisions(unit, [2023]) == {
        ("bou.akt", "", Month(2023, 1)): 3,
        ("bou.fhb", "", Month(2023, 2)): 1,
    }
    assert [(r.source, r.old, r.new) for r in latest.values()] == [("cli", None, 210), ("tui", None, 100)]


def test_measures_with_values_are_those_the_enheter_hold_in_the_years_asked(store):
    store.set_value(MOTT, "bou.akt", Month(2023, 12), 4, source="cli")
    store.set_value(MOTT, "bou.fhb", Month(2021, 5), 3, source="cli")
    store.set_value(PLAC, "bou.unika.fh", 2023, 9, source="cli")  # an annual value: its period is the year
    assert store.measures_with_values([MOTT, PLAC], [2022, 2023]) == {"bou.akt", "bou.unika.fh"}
    assert store.measures_with_values([MOTT], [2021, 2023]) == {"bou.akt", "bou.fhb"}  # years apart
    assert store.measures_with_values([MOTT], [2022]) == set()
    assert store.measures_with_values([PLAC], [2021]) == set()
