"""Units over the years: renamed, moved, closed, reopened and removed enheter."""

from __future__ import annotations

import pytest

from tracker.core.errors import InputError, NotPermitted
from tracker.core.periods import Month
from tracker.core.scope import series
from tracker.store.store import Store

MOTT, UTR, PLAC, VUX = "IFO.BOU.MOTT", "IFO.BOU.UTR", "IFO.BOU.PLAC", "IFO.VUX.VUX"


def _akt(store: Store, unit: str, year: int) -> dict:
    return series(store.catalog, store.scope(unit, [year]), store.catalog.get("bou.akt"))


def _fill(store: Store, unit: str, months: list[Month], value: float) -> None:
    for month in months:
        store.set_value(unit, "bou.akt", month, value, source="cli")


def test_a_closed_enhet_stops_being_missing_but_stays_in_earlier_roll_ups(akt_store):
    store = akt_store
    _fill(store, MOTT, [Month(2024, m) for m in range(1, 7)], 5)
    _fill(store, UTR, [Month(2024, m) for m in range(1, 10)], 2)
    store.close_unit(MOTT, Month(2024, 7))
    view = store.reporting_status(2024, "IFO.BOU")
    assert view.grid[MOTT][Month(2024, 6)] == "påbörjad"
    assert view.grid[MOTT][Month(2024, 7)] == "stängd"
    from tracker.core.reporting import missing_enheter

    assert MOTT in missing_enheter(view.grid, Month(2024, 6))
    assert MOTT not in missing_enheter(view.grid, Month(2024, 8))
    assert _akt(store, "IFO.BOU", 2024)[Month(2024, 6)] == 7
    assert _akt(store, "IFO", 2024)[Month(2024, 3)] == 7
    assert _akt(store, "IFO.BOU", 2024)[Month(2024, 8)] == 2
    # Closed before a year began: the enhet is not listed in that year's Inrapportering at all.
    assert MOTT not in store.reporting_status(2025, "IFO.BOU").grid


def test_a_closed_enhet_takes_no_values_from_its_closing_month_and_reopen_lets_it_report_again(akt_store):
    store = akt_store
    store.close_unit(MOTT, Month(2024, 7))
    with pytest.raises(InputError, match="stängd från 2024-07"):
        store.set_value(MOTT, "bou.akt", Month(2024, 7), 3, source="cli")
    store.set_value(MOTT, "bou.akt", Month(2024, 6), 3, source="cli")
    store.reopen_unit(MOTT)
    store.set_value(MOTT, "bou.akt", Month(2024, 7), 4, source="cli")
    assert store.cell(MOTT, "bou.akt", "", Month(2024, 7))[0] == 4


def test_closing_is_refused_from_a_month_that_already_holds_values(akt_store):
    store = akt_store
    store.set_value(MOTT, "bou.akt", Month(2024, 8), 3, source="cli")
    with pytest.raises(InputError, match="har värden för 2024-08"):
        store.close_unit(MOTT, Month(2024, 7))
    assert store.units.get(MOTT).closed_from is None


def test_a_moved_enhet_rolls_up_to_its_old_avdelning_before_the_move_and_to_the_new_one_after(akt_store):
    store = akt_store
    months = [Month(2024, m) for m in range(1, 13)]
    _fill(store, UTR, months, 3)
    store.move_unit(UTR, "IFO.VUX", Month(2024, 7))
    bou, vux, top = _akt(store, "IFO.BOU", 2024), _akt(store, "IFO.VUX", 2024), _akt(store, "IFO", 2024)
    assert [bou.get(m) for m in months] == [3] * 6 + [None] * 6
    assert [vux.get(m) for m in months] == [None] * 6 + [3] * 6
    assert [top.get(m) for m in months] == [3] * 12
    # The year before the move is rolled up as it was.
    _fill(store, UTR, [Month(2023, 12)], 9)
    assert _akt(store, "IFO.BOU", 2023)[Month(2023, 12)] == 9
    assert Month(2023, 12) not in _akt(store, "IFO.VUX", 2023)
    assert store.units.get(UTR).parent == "IFO.VUX"


def test_a_second_move_must_start_after_the_first(akt_store):
    store = akt_store
    store.move_unit(UTR, "IFO.VUX", Month(2024, 7))
    with pytest.raises(InputError, match="senare månad, t.ex. 2024-08"):
        store.move_unit(UTR, "IFO.BOU", Month(2024, 3))
    store.move_unit(UTR, "IFO.BOU", Month(2025, 1))
    assert store.units.parent_at(UTR, Month(2024, 6)) == "IFO.BOU"
    assert store.units.parent_at(UTR, Month(2024, 9)) == "IFO.VUX"
    assert store.units.parent_at(UTR, Month(2025, 1)) == "IFO.BOU"


def test_an_enhet_cannot_move_under_another_enhet_or_the_forvaltning(akt_store):
    store = akt_store
    for parent in (MOTT, "IFO"):
        with pytest.raises(InputError, match="kan inte ligga under"):
            store.move_unit(UTR, parent, Month(2024, 7))
    assert store.units.moves == {}


def test_remove_is_refused_for_a_unit_with_history_and_allowed_for_a_fresh_example_unit(akt_store):
    store = akt_store
    store.set_value(MOTT, "bou.akt", Month(2024, 1), 3, source="cli")
    store.set_value(MOTT, "bou.akt", Month(2024, 1), None, source="cli")
    with pytest.raises(InputError, match="Stäng den i stället med `tracker units close IFO.BOU.MOTT"):
        store.remove_unit(MOTT)
    with pytest.raises(InputError, match="har 3 enheter under sig"):
        store.remove_unit("IFO.BOU")
    store.remove_unit(PLAC)
    store.remove_unit(UTR)
    assert PLAC not in store.units and UTR not in store.units
    assert [e.action for e in store.log_entries()[-2:]] == ["unit_remove", "unit_remove"]
    assert store.verify() == []


def test_renaming_keeps_the_code_and_the_values(akt_store):
    store = akt_store
    store.set_value(MOTT, "bou.akt", Month(2024, 1), 3, source="cli")
    store.rename_unit(MOTT, "Mottagningen")
    assert store.units.find("Mottagningen").code == MOTT
    assert _akt(store, MOTT, 2024) == {Month(2024, 1): 3}
    with pytest.raises(InputError, match="personnummer|tecken"):
        store.rename_unit(MOTT, "Mott 19121212-1212")


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.rename_unit(MOTT, "Nytt"),
        lambda s: s.move_unit(UTR, "IFO.VUX", Month(2024, 7)),
        lambda s: s.close_unit(MOTT, Month(2024, 7)),
        lambda s: s.remove_unit(PLAC),
    ],
)
def test_unit_changes_are_admin_only(example_store, change):
    admin = example_store("chef")
    admin.add_user("chef", "admin")
    admin.add_user("lasa", "lasare")
    reader = Store(admin.db, login="lasa")
    before = admin.log_size()
    with pytest.raises(NotPermitted, match="Bara en administratör"):
        change(reader)
    assert admin.log_size() == before


def test_units_commands_in_process_say_what_they_did(cli):
    code, out, _ = cli("units", "close", "IFO.BOU.MOTT", "2024-01")
    assert code == 0 and "stängd från 2024-01" in out and "tracker measures break" in out
    code, out, err = cli("units", "remove", "IFO.BOU.MOTT")
    assert code == 2 and "Stäng den i stället" in err
    code, out, _ = cli("units", "move", "IFO.BOU.UTR", "IFO.VUX", "--from", "2024-07")
    assert code == 0 and "från 2024-07" in out and "tracker measures break" in out
    code, _, err = cli("units", "move", "IFO.BOU.UTR", "IFO.VUX", "--from", "juli")
    assert code == 2 and err.strip()
    code, out, _ = cli("units", "--format", "json")
    rows = {u["code"]: u for u in __import__("json").loads(out)}
    assert rows["IFO.BOU.MOTT"]["closed_from"] == "2024-01" and rows["IFO.BOU.UTR"]["parent"] == "IFO.VUX"
    code, out, _ = cli("status", "--year", "2024", "--unit", "IFO.BOU")
    assert code == 0 and "× stängd" in out
    cli.login = "lasa"
    code, _, err = cli("units", "reopen", "IFO.BOU.MOTT")
    assert code == 3 and "administratör" in err


def test_locking_a_month_does_not_name_a_closed_enhet_as_not_reported(akt_store):
    akt_store.close_unit(MOTT, Month(2024, 7))
    result = akt_store.lock_month(Month(2024, 8), "IFO.BOU")
    assert MOTT not in result.not_reported and UTR in result.not_reported


def test_an_import_into_a_closed_enhets_later_months_is_refused_with_the_line(akt_store, tmp_path):
    from tracker.io.importer import ImportProblems, import_file

    akt_store.close_unit(MOTT, Month(2024, 7))
    path = tmp_path / "v.csv"
    path.write_text(f"unit,measure,part,period,value\n{MOTT},bou.akt,,2024-06,4\n{MOTT},bou.akt,,2024-08,5\n")
    with pytest.raises(ImportProblems) as err:
        import_file(akt_store, path)
    assert err.value.problems == [
        "Rad 3: ”Mottagning barn och unga” är stängd från 2024-07 och tar inga värden därefter. "
        "Ange en månad före 2024-07, eller öppna enheten igen med `tracker units reopen`."
    ]
    assert akt_store.cell(MOTT, "bou.akt", "", Month(2024, 6))[0] is None
