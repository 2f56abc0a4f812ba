"""The audit log in the store: roles on every non-value change, one entry per change, the hash chain."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from tracker.core.catalog import Catalog, Measure
from tracker.core.errors import NotPermitted
from tracker.core.periods import Month
from tracker.store.database import migrate
from tracker.store.schema import migrations
from tracker.store.store import Store

MOTT = "IFO.BOU.MOTT"
MARS = Month(2023, 3)


def _own_measure() -> Catalog:
    return Catalog([], [Measure(code="egen.x", name="Eget mått", section="bou", kind="flow", polarity="neutral")])


NON_VALUE_CHANGES = {
    "measures_import": lambda s: s.add_measures(_own_measure()),
    "measure_rename": lambda s: s.rename_measure("bou.akt", "Nytt namn"),
    "measure_retire": lambda s: s.set_retired("bou.akt"),
    "measure_break": lambda s: s.add_break("bou.akt", Month(2023, 1), "Nytt ärendesystem"),
    "measure_break_remove": lambda s: s.remove_break("bou.akt", Month(2022, 1)),
    "unit_add": lambda s: s.add_unit("IFO.BOU.NY", "Ny enhet", parent="IFO.BOU"),
    "unit_measures": lambda s: s.change_unit_measures(MOTT, remove="bou.akt"),
    "unit_rename": lambda s: s.rename_unit(MOTT, "Mottagningen"),
    "unit_move": lambda s: s.move_unit("IFO.BOU.UTR", "IFO.VUX", Month(2024, 7)),
    "unit_close": lambda s: s.close_unit(MOTT, Month(2030, 1)),
    "unit_remove": lambda s: s.remove_unit("IFO.BOU.PLAC"),
    "user_add": lambda s: s.add_user("ny", "lasare"),
    "user_remove": lambda s: s.remove_user("lasa"),
    "lock": lambda s: s.lock_month(MARS, MOTT),
    "comment": lambda s: s.add_comment(MOTT, MARS, "Nytt system"),
}


@pytest.mark.parametrize("action", sorted(NON_VALUE_CHANGES))
def test_a_lasare_is_refused_every_non_value_change_and_nothing_is_logged(admin_and_lasare, action):
    admin, reader = admin_and_lasare
    before = admin.log_size()
    catalog_before, units_before = admin.catalog, admin.units
    with pytest.raises(NotPermitted, match="Bara en administratör|kan inte ändra"):
        NON_VALUE_CHANGES[action](reader)
    admin.invalidate()
    assert admin.log_size() == before
    assert admin.catalog == catalog_before and admin.units.units == units_before.units


@pytest.mark.parametrize("action", sorted(NON_VALUE_CHANGES))
def test_every_non_value_change_by_an_admin_leaves_one_log_entry(admin_and_lasare, action):
    admin, _reader = admin_and_lasare
    before = admin.log_entries()
    NON_VALUE_CHANGES[action](admin)
    after = admin.log_entries()
    assert [e.action for e in after[len(before) :]] == [action]
    assert after[-1].login == "chef"
    assert admin.verify() == []


def test_undoing_a_reported_month_is_admin_only_and_both_marks_are_logged(admin_and_lasare):
    admin, reader = admin_and_lasare
    rap = Store(admin.db, login="rap")
    admin.add_user("rap", "rapportor", [MOTT])
    assert rap.mark_reported(MOTT, MARS, force=True)
    with pytest.raises(NotPermitted):
        rap.unmark_reported(MOTT, MARS)
    assert admin.unmark_reported(MOTT, MARS)
    assert [e.action for e in admin.log_entries()[-2:]] == ["reported", "unreported"]


def test_log_filters_by_day_and_by_unit_including_the_enheter_below(admin_and_lasare):
    admin, _ = admin_and_lasare
    admin.lock_month(MARS, "IFO.VUX")
    under_bou = admin.log_entries(unit="IFO.BOU")
    assert under_bou and all(e.unit and e.unit.startswith("IFO.BOU") for e in under_bou)
    assert any(e.action == "value" for e in under_bou)
    assert not any(e.action == "lock" for e in under_bou)
    from datetime import date

    assert admin.log_entries(since=date(2999, 1, 1)) == []


def test_check_finds_a_value_changed_outside_the_program(admin_and_lasare):
    admin, _ = admin_and_lasare
    admin.db.execute("update value set value = 777")
    problems = admin.verify()
    assert len(problems) == 1 and "IFO.BOU.MOTT · bou.akt · 2023-03 är 777" in problems[0]


def test_check_finds_a_value_inserted_or_deleted_outside_the_program(admin_and_lasare):
    admin, _ = admin_and_lasare
    admin.db.execute("delete from value")
    admin.db.execute(
        "insert into value (unit, measure, part, period, value, revision) values (?, 'bou.akt', '', '2023-04', 5, 1)",
        [MOTT],
    )
    problems = admin.verify()
    assert any("2023-03 är tomt i databasen men 11" in p for p in problems)
    assert any("2023-04 är 5 i databasen men tomt" in p for p in problems)


def test_check_finds_an_edited_entry_by_its_number(admin_and_lasare):
    admin, _ = admin_and_lasare
    last = admin.log_entries()[-1]
    admin.db.execute("update change_log set reason = 'efterhand' where id = ?", [last.id])
    assert admin.verify() == [f"Loggpost {last.id} har ändrats efter att den skrevs ({last.at})."]


def test_check_finds_a_deleted_entry_in_the_middle_and_at_the_end(admin_and_lasare):
    admin, _ = admin_and_lasare
    admin.db.execute("delete from change_log where id = 2")
    assert admin.verify() == ["Loggpost 2 saknas: den har tagits bort ur loggen."]
    last = admin.log_size() + 1
    admin.db.execute("delete from change_log where id = ?", [last])
    assert any("sista post" in p for p in admin.verify())


def test_a_rehashed_chain_still_shows_the_removed_entry_through_the_values(admin_and_lasare):
    admin, _ = admin_and_lasare
    # Whoever removes the value's entries and reseals the chain still leaves the value unexplained.
    from tracker.store.audit_log import reseal_all

    assert admin.log_entries()[-1].action == "value"
    admin.db.execute("delete from change_log where action = 'value'")
    reseal_all(admin.db)
    assert admin._verify_chain() == []
    assert any("är 11 i databasen men tomt enligt loggen" in p for p in admin.verify())


def test_an_untouched_database_passes_the_check(admin_and_lasare):
    admin, _ = admin_and_lasare
    admin.lock_month(MARS, MOTT)
    admin.set_value(MOTT, "bou.akt", MARS, 12, source="cli", reason="Rättelse")
    assert admin.verify() == []


def test_a_database_made_before_the_log_was_sealed_gets_one_chain_with_its_lock_events():
    db = Database(memory=True)
    migrations.apply(db, stop_before="m003_audit_log")
    db["change_log"].insert(
        {
            "at": "2023-04-01T10:00:00+02:00",
            "login": "a",
            "source": "cli",
            "unit": MOTT,
            "measure": "bou.akt",
            "part": "",
            "period": "2023-03",
            "old_value": None,
            "new_value": 4.0,
            "reason": None,
            "file": None,
        }
    )
    db["lock_log"].insert(
        {
            "at": "2023-04-02T10:00:00+02:00",
            "login": "a",
            "action": "lock",
            "unit": MOTT,
            "period": "2023-03",
            "reason": None,
        }
    )
    migrate(db)
    assert "lock_log" not in db.table_names()
    store = Store(db, login="a")
    assert [e.action for e in store.log_entries()] == ["value", "lock"]
    assert [e.action for e in store.lock_history(MOTT, MARS)] == ["lock"]
    assert store._verify_chain() == []


def test_a_value_changed_outside_and_then_overwritten_still_shows_in_the_check(admin_and_lasare):
    admin, _ = admin_and_lasare
    admin.db.execute("update value set value = 777")
    admin.set_value(MOTT, "bou.akt", MARS, 11, source="cli")
    problems = admin.verify()
    assert len(problems) == 1
    assert "från 777, men loggen lämnade värdet 11" in problems[0] and "2023-03" in problems[0]


def test_check_finds_an_entry_edited_inside_a_sealed_block(sealed_block):
    admin, first, last = sealed_block
    admin.db.execute("update change_log set new_value = 99, old_value = old_value where id = ?", [first + 1])
    admin.db.execute("update value set value = 99 where period = '2023-05'")
    at = admin.log_entries()[-1].at
    assert admin.verify() == [f"Loggposterna {first}–{last} har ändrats efter att de skrevs ({at})."]


def test_check_finds_a_block_whose_sealing_entry_was_removed(sealed_block):
    admin, first, last = sealed_block
    admin.db.execute("delete from change_log where id = ?", [last])
    admin.db.execute("delete from value where period = '2023-07'")
    problems = admin.verify()
    assert f"Loggposterna {first}–{last - 1} saknar sigill: loggens slut har ändrats utanför programmet." in problems
    assert any("sista post" in p for p in problems)


def test_check_finds_an_entry_removed_from_the_middle_of_a_block(sealed_block):
    admin, first, last = sealed_block
    admin.db.execute("delete from change_log where id = ?", [first + 1])
    problems = admin.verify()
    assert f"Loggpost {first + 1} saknas: den har tagits bort ur loggen." in problems
    assert any(p.startswith(f"Loggposterna {first}–{last} har ändrats") for p in problems)


def test_an_entry_written_after_a_block_chains_to_the_block(sealed_block):
    admin, _first, last = sealed_block
    admin.set_value(MOTT, "bou.akt", Month(2023, 8), 20, source="cli")
    prev = admin.db.execute("select prev_hash from change_log where id = ?", [last + 1]).fetchone()[0]
    assert prev == admin.db.execute("select hash from change_log where id = ?", [last]).fetchone()[0]
    assert admin.verify() == []
