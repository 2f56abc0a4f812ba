"""The command line as a user runs it: output, exit codes and Swedish errors; nothing written on error.

In process through main(argv); the smoke tests at the end run `tracker` as a real process.
"""

import json
import re

import pytest

from tests.support import EXAMPLES, InProcessCli, process_env, run_process


def value_count(tracker):
    from tracker.store.store import Store

    with Store.open(tracker.db) as s:
        return s.db.execute("select count(*) from value").fetchone()[0]


def test_worked_example_flow_year_to_date(tracker):
    for period, value in [("2021-01", 210), ("2021-02", 200), ("2021-03", 999), ("2022-01", 204), ("2022-02", 190)]:
        # March 2021 is the worked example's outlier: stored with --force past the jump rule
        tracker("set", "IFO.BOU.MOTT", "bou.akt", period, str(value), "--force", check=True)
    data = json.loads(tracker("show", "bou.akt", "--year", "2022", "--format", "json", check=True).stdout)
    assert data["unit"] == "IFO"  # without --unit: the top of the tree
    assert (data["summary"], data["previous"], data["change"]) == (394, 410, -16)
    assert round(data["change_pct"], 3) == -0.039
    assert data["comparable"] is True and data["months_reported"] == 2
    table = tracker("show", "bou.akt", "--year", "2022", check=True).stdout
    assert "Summa (2 av 12 mån)" in table and "−3,9 %" in table


def test_series_break_is_reported_as_not_comparable(tracker):
    breaks = EXAMPLES / "katrineholm_serieavbrott.toml"
    tracker("measures", "import", str(breaks), check=True)
    for month in range(1, 13):
        tracker("set", "IFO.BOU.PLAC", "bou.vd.fh", f"2022-{month:02d}", "2500", check=True)
    tracker("set", "IFO.BOU.PLAC", "bou.vd.fh", "2023-01", "1900", check=True)
    data = json.loads(tracker("show", "bou.vd.fh", "--year", "2023", "--format", "json", check=True).stdout)
    assert data["comparable"] is False and data["change_pct"] is None
    assert "Från och med 2023" in data["note"]
    assert "ej jämförbart" in tracker("show", "bou.vd.fh", "--year", "2023", check=True).stdout


def test_clearing_with_dash_makes_the_value_missing(tracker):
    tracker("set", "IFO.BOU.MOTT", "bou.akt", "2022-01", "0", check=True)
    assert "→ 0" in tracker("set", "IFO.BOU.MOTT", "bou.akt", "2022-01", "0").stdout.replace("Oförändrat", "→ 0")
    tracker("set", "IFO.BOU.MOTT", "bou.akt", "2022-01", "-", check=True)
    data = json.loads(tracker("show", "bou.akt", "--year", "2022", "--format", "json").stdout)
    assert data["months"]["2022-01"] is None and data["summary"] is None


def test_annual_measure_takes_a_year(tracker):
    tracker("set", "IFO.BOU.PLAC", "bou.unika.fh", "2022", "119", check=True)
    tracker("set", "IFO.BOU.PLAC", "bou.unika.fh", "2023", "100", check=True)
    data = json.loads(tracker("show", "bou.unika.fh", "--unit", "IFO.BOU.PLAC", "--year", "2023", "--format", "json").stdout)
    assert (data["summary"], data["previous"], data["change"]) == (100, 119, -19)
    single = json.loads(tracker("show", "bou.unika.fh", "--unit", "IFO.BOU", "--year", "2023", "--format", "json").stdout)
    assert single["summary"] == 100  # one enhet reports it: nobody can be counted twice
    tracker("units", "add", "IFO.BOU.PLAC2", "Placering 2", "--parent", "IFO.BOU", "--measures", "bou.unika.fh",
            check=True)
    tracker("set", "IFO.BOU.PLAC2", "bou.unika.fh", "2023", "7", check=True)
    up = json.loads(tracker("show", "bou.unika.fh", "--unit", "IFO.BOU", "--year", "2023", "--format", "json").stdout)
    assert up["summary"] is None and "inte summeras" in up["note"]


def test_ratio_in_json_is_a_fraction(tracker):
    for code, value in [("bou.fhb", 100), ("bou.fhb.14d", 90)]:
        tracker("set", "IFO.BOU.MOTT", code, "2023-01", str(value), check=True)
    data = json.loads(tracker("show", "bou.fhb.andel14", "--year", "2023", "--format", "json").stdout)
    assert data["summary"] == 0.9 and data["scale"] == "fraction"


def test_csv_show_has_one_row_per_month(tracker):
    tracker("set", "IFO.BOU.MOTT", "bou.akt", "2022-01", "1 234", check=True)
    lines = tracker("show", "bou.akt", "--year", "2022", "--format", "csv", check=True).stdout.splitlines()
    assert lines[0] == "period,value,previous_year" and lines[1] == "2022-01,1234," and len(lines) == 13


def _pretend_today(monkeypatch, iso: str) -> None:
    from datetime import date

    from tracker.cli import common

    class Today(date):
        @classmethod
        def today(cls):
            return date.fromisoformat(iso)

    monkeypatch.setattr(common, "date", Today)


@pytest.mark.parametrize("today, year", [("2027-01-03", 2026), ("2027-02-10", 2027), ("2028-12-31", 2028)])
def test_look_ups_without_a_year_read_the_year_being_reported_in_january_still_last_year(
    tracker, monkeypatch, today, year
):
    _pretend_today(monkeypatch, today)
    assert json.loads(tracker("show", "bou.akt", "--format", "json", check=True).stdout)["year"] == year
    assert json.loads(tracker("status", "--format", "json", check=True).stdout)["year"] == year


def test_export_without_a_year_exports_the_year_being_reported(tracker, monkeypatch):
    tracker("set", "IFO.BOU.MOTT", "bou.akt", "2026-01", "5", check=True)
    _pretend_today(monkeypatch, "2027-01-03")  # January: still 2026
    assert ",2026-01,5" in tracker("export", "--unit", "IFO.BOU.MOTT", "--format", "csv", check=True).stdout
    _pretend_today(monkeypatch, "2027-02-03")
    assert ",2026-01," not in tracker("export", "--unit", "IFO.BOU.MOTT", "--format", "csv", check=True).stdout


@pytest.mark.parametrize(
    "args, words",
    [
        (["set", "IFO.BOU.MOTT", "bou.akt", "2023-13", "5"], "01–12"),
        (["set", "IFO.BOU.MOTT", "bou.akt", "2023-01", "-5"], "Negativa"),
        (["set", "IFO.BOU.MOTT", "bou.akt", "2023-01", "tolv"], "heltal"),
        (["set", "NOPE", "bou.akt", "2023-01", "5"], "Enheten ”NOPE” finns inte"),
        (["set", "IFO.BOU.MOTT", "nope", "2023-01", "5"], "Måttet ”nope” finns inte"),
        (["set", "IFO.BOU.PLAC", "bou.unika.fh", "2023-01", "5"], "årsmått"),
        (["set", "IFO.BOU.PLAC", "bou.plac.total", "2023-01", "5"], "räknas fram"),
        (["set", "IFO.BOU.MOTT", "bou.akt", "2023-01"], "Det saknas argument"),
        (["show", "bou.akt", "--year", "tjugo"], "giltigt år"),
        (["show", "bou.akt", "--format", "xml"], "giltigt val"),
        (["units", "add", "IFO.BOU", "Dubblett", "--parent", "IFO"], "finns redan"),
        (["measures", "import", "saknas.toml"], "finns inte"),
        (["nosuchcommand"], "giltigt val"),
    ],
)
def test_bad_input_exits_2_with_one_swedish_line_and_writes_nothing(tracker, args, words):
    before = value_count(tracker)
    result = tracker(*args)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert value_count(tracker) == before


def test_main_returns_the_exit_code_of_help_and_bad_usage_instead_of_exiting(capsys):
    from tracker.cli.main import main

    assert main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("Användning: tracker")
    assert main(["units", "rename", "--help"]) == 0
    assert "Användning: tracker units rename" in capsys.readouterr().out
    assert main(["show"]) == 2
    assert "Det saknas argument" in capsys.readouterr().err


def test_main_reads_the_environment_and_the_config_files_afresh_on_every_call(tmp_path, monkeypatch, config_files, capsys):
    from tracker.cli.main import main

    def database() -> str:
        assert main(["config", "--format", "json"]) == 0
        return json.loads(capsys.readouterr().out)["settings"]["database"]["value"]

    config_files.write_user(f'database = "{tmp_path / "a.db"}"\n')
    assert database() == str(tmp_path / "a.db")
    config_files.write_user(f'database = "{tmp_path / "b.db"}"\n')
    assert database() == str(tmp_path / "b.db")
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "env.db"))
    assert database() == str(tmp_path / "env.db")
    assert main(["init"]) == 0 and (tmp_path / "env.db").exists()
    assert str(tmp_path / "env.db") in capsys.readouterr().out
    monkeypatch.delenv("TRACKER_DB")
    assert database() == str(tmp_path / "b.db")


def test_varav_larger_than_parent_exits_2(tracker):
    tracker("set", "IFO.BOU.MOTT", "bou.fhb", "2023-01", "100", check=True)
    result = tracker("set", "IFO.BOU.MOTT", "bou.fhb.14d", "2023-01", "101")
    assert result.returncode == 2 and "kan inte vara större än" in result.stderr


def test_missing_database_is_explained(tmp_path, capsys):
    result = InProcessCli(tmp_path / "nope.db", capsys)("show", "bou.akt")
    assert result.returncode != 0 and "tracker init" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_db_chosen_by_env_when_no_flag(tmp_path, monkeypatch, capsys):
    from tracker.cli.main import main

    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "env.db"))
    assert main(["init"]) == 0
    assert (tmp_path / "env.db").exists()
    assert str(tmp_path / "env.db") in capsys.readouterr().out


def test_units_and_measures_list_as_json(tracker):
    units = json.loads(tracker("units", "--format", "json", check=True).stdout)
    assert units[0]["level"] == "forvaltning" and any(u["code"] == "IFO.BOU.MOTT" for u in units)
    measures = json.loads(tracker("measures", "--format", "json", check=True).stdout)
    assert len(measures) == 57 and measures[0]["code"] == "bou.akt"


def test_rename_and_retire_from_the_command_line(tracker):
    tracker("measures", "rename", "bou.akt", "Aktualiseringar barn", check=True)
    assert "Aktualiseringar barn" in tracker("measures", check=True).stdout
    tracker("measures", "retire", "vux.lvm.anm", check=True)
    assert "vux.lvm.anm" not in tracker("measures", check=True).stdout
    result = tracker("set", "IFO.VUX.VUX", "vux.lvm.anm", "2023-01", "1")
    assert result.returncode == 2 and "avvecklat" in result.stderr


def test_demo_no_tui_builds_a_labelled_database(tmp_path, capsys):
    result = InProcessCli(tmp_path / "demo.db", capsys)("demo", "--no-tui")
    assert result.returncode == 0, result.stderr
    from tracker.store.store import Store

    with Store.open(tmp_path / "demo.db") as s:
        assert "DEMODATA" in s.demo_label
        count = s.db.execute("select count(*) from value").fetchone()[0]
        assert count > 3000
    # counted and dated the Swedish way: "3 562 syntetiska värden t.o.m. november 2026"
    said = re.search(r"\((\d{1,3}(?: \d{3})+) syntetiska värden t\.o\.m\. ([a-zåäö]+ \d{4})\)", result.stdout)
    assert said and int(said.group(1).replace(" ", "")) == count, result.stdout


# -- smoke tests: the real command in its own process ---------------------------------------------


def test_help_a_look_up_and_a_refusal_as_a_real_process(tmp_path):
    db = tmp_path / "t.db"
    env = process_env(XDG_CONFIG_HOME=str(tmp_path / "config"))
    help_text = run_process("--help", env=env)
    assert help_text.returncode == 0 and help_text.stdout.startswith("Användning: tracker")
    assert run_process("init", "--db", db, env=env).returncode == 0
    assert run_process("set", "IFO.BOU.MOTT", "bou.akt", "2023-01", "1 234", "--db", db, env=env).returncode == 0
    shown = run_process("show", "bou.akt", "--year", "2023", "--format", "json", "--db", db, env=env)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["months"]["2023-01"] == 1234
    refused = run_process("show", "bou.akt", "--year", "tjugo", "--db", db, env=env)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "giltigt år" in refused.stderr
