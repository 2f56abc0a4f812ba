"""The entry rule at the command line, in process: one Swedish line, the exit code, nothing written."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tracker.cli.main import main
from tracker.core.periods import Month
from tracker.store.store import Store

MOTT, UTR = "IFO.BOU.MOTT", "IFO.BOU.UTR"


def run(db, *args):
    return main([*args, "--db", str(db)])


def value(db, measure, period, unit=MOTT):
    with Store.open(db) as s:
        return s.cell(unit, measure, "", period)[0]


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("tracker: "), err
    return err


def test_set_refuses_a_month_that_has_not_come(example_db, capsys):
    today = date.today()
    future = Month(today.year, today.month).next()
    assert run(example_db, "set", MOTT, "bou.akt", str(future), "5") == 2
    assert "har inte kommit än" in one_line(capsys.readouterr().err)
    assert value(example_db, "bou.akt", future) is None


def test_set_refuses_an_annual_value_for_a_year_not_begun(example_db, capsys):
    year = date.today().year + 1
    assert run(example_db, "set", "IFO.BOU.PLAC", "bou.unika.fh", str(year), "5") == 2
    assert "har inte börjat än" in one_line(capsys.readouterr().err)


def test_set_refuses_an_implausible_value_unless_forced(example_db, capsys):
    for month, n in ((1, 273), (2, 268)):
        assert run(example_db, "set", UTR, "bou.utr.pagaende", f"2023-{month:02d}", str(n)) == 0
    capsys.readouterr()
    assert run(example_db, "set", UTR, "bou.utr.pagaende", "2023-03", "5") == 2
    err = one_line(capsys.readouterr().err)
    assert "förra månaden 268" in err and "--force" in err
    assert value(example_db, "bou.utr.pagaende", Month(2023, 3), UTR) is None
    assert run(example_db, "set", UTR, "bou.utr.pagaende", "2023-03", "5", "--force") == 0
    assert value(example_db, "bou.utr.pagaende", Month(2023, 3), UTR) == 5


def test_a_plausible_value_needs_no_force(example_db):
    assert run(example_db, "set", UTR, "bou.utr.pagaende", "2023-01", "273") == 0
    assert run(example_db, "set", UTR, "bou.utr.pagaende", "2023-02", "290") == 0


def test_set_refuses_a_negative_value_typed_as_is(example_db, capsys):
    assert run(example_db, "set", MOTT, "bou.akt", "2023-03", "-3") == 2
    assert "Negativa värden" in one_line(capsys.readouterr().err)
    assert value(example_db, "bou.akt", Month(2023, 3)) is None


def test_locked_month_refusal_names_the_option_only_at_the_command_line(example_db, capsys):
    with Store.open(example_db) as s:
        s.set_value(MOTT, "bou.akt", Month(2023, 3), 10, source="cli")
        s.lock_month(Month(2023, 3), MOTT)
    assert run(example_db, "set", MOTT, "bou.akt", "2023-03", "11") == 3
    assert "--reason" in one_line(capsys.readouterr().err)
    assert run(example_db, "set", MOTT, "bou.akt", "2023-03", "11", "--reason", "Rättelse") == 0


def test_import_dry_run_lists_implausible_values_and_import_needs_force(example_db, tmp_path, capsys):
    with Store.open(example_db) as s:
        s.set_value(MOTT, "bou.akt", Month(2023, 2), 200, source="cli")
    path = tmp_path / "in.csv"
    path.write_text(f"unit,measure,part,period,value\n{MOTT},bou.akt,,2023-03,20000\n", encoding="utf-8")
    assert run(example_db, "import", str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Osannolikt: Rad 2" in out and "förra månaden 200" in out
    assert run(example_db, "import", str(path)) == 2
    assert "--force" in capsys.readouterr().err
    assert value(example_db, "bou.akt", Month(2023, 3)) is None
    assert run(example_db, "import", str(path), "--force") == 0
    assert value(example_db, "bou.akt", Month(2023, 3)) == 20000


def test_report_month_done_refuses_missing_measures_unless_forced(example_db, capsys):
    assert run(example_db, "set", MOTT, "bou.akt", "2023-03", "180") == 0
    capsys.readouterr()
    assert run(example_db, "report-month", MOTT, "2023-03", "--done") == 2
    err = one_line(capsys.readouterr().err)
    assert "saknar värden för mars 2023 i 3 mått" in err and "varav orosanmälningar" in err and "--force" in err
    with Store.open(example_db) as s:
        assert not s.is_reported(MOTT, Month(2023, 3))
    assert run(example_db, "report-month", MOTT, "2023-03", "--done", "--force") == 0
    with Store.open(example_db) as s:
        assert s.is_reported(MOTT, Month(2023, 3))


def test_status_names_the_enheter_that_are_not_done(example_db, capsys):
    last_year = date.today().year - 1
    for code in ("bou.akt", "bou.akt.oro", "bou.fhb", "bou.fhb.14d"):
        assert run(example_db, "set", MOTT, code, f"{last_year}-12", "0") == 0
    assert run(example_db, "report-month", MOTT, f"{last_year}-12", "--done") == 0
    capsys.readouterr()
    assert run(example_db, "status", "--year", str(last_year)) == 0
    out = capsys.readouterr().out
    assert f"December {last_year}: klar 1 av 6 enheter. Inte klara: Utredning barn och unga" in out
    assert "Mottagning barn och unga," not in out.split("Inte klara:")[1]


def test_every_command_but_init_and_demo_refuses_a_missing_database(tmp_path, capsys):
    missing = tmp_path / "felstavad.db"
    commands = [
        [],  # the grid
        ["status", "--year", "2023"],
        ["set", MOTT, "bou.akt", "2023-03", "5"],
        ["show", "bou.akt"],
        ["units"],
        ["measures"],
        ["report", "--year", "2023"],
        ["export", "--format", "csv"],
        ["import", str(tmp_path / "x.csv")],
        ["lock", "2023-03"],
        ["users", "list"],
        ["history", MOTT, "bou.akt", "2023-03"],
        ["report-month", MOTT, "2023-03", "--done"],
    ]
    for argv in commands:
        assert main([*argv, "--db", str(missing)]) == 2, argv
        err = one_line(capsys.readouterr().err)
        assert str(missing) in err and "tracker init" in err, (argv, err)
        assert not missing.exists(), argv
    assert main(["init", "--db", str(missing)]) == 0
    assert missing.exists()


def test_the_store_names_no_option_and_the_command_line_adds_it(example_store, example_db, capsys):
    from tracker.core.errors import PartRefused

    with pytest.raises(PartRefused) as refused:
        example_store().set_value("IFO.BOU.PLAC", "bou.plac.fh.sol", Month(2023, 1), 5, source="cli")
    assert "--" not in str(refused.value)
    assert run(example_db, "set", "IFO.BOU.PLAC", "bou.plac.fh.sol", "2023-01", "5") == 2
    assert "Delen anges med --part." in one_line(capsys.readouterr().err)


def test_clearing_a_value_of_a_klar_month_says_the_month_is_no_longer_klar(cli):
    assert cli("report-month", "IFO.BOU.MOTT", "2023-03", "--done", "--force")[0] == 0
    code, out, _err = cli("set", "IFO.BOU.MOTT", "bou.akt", "2023-03", "-")
    assert code == 0
    assert "Mars 2023 är inte längre markerad klar" in out
    code, out, _err = cli("status", "--year", "2023", "--unit", "IFO.BOU.MOTT", "--format", "json")
    assert code == 0
    assert json.loads(out)["enheter"][0]["months"]["2023-03"] == "saknas"  # its only value was cleared
