"""tracker log, check and backup as a user runs them, and roles on the command line."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys

import pytest

from tracker.cli.main import main
from tracker.store.store import Store

MOTT = "IFO.BOU.MOTT"


@pytest.mark.parametrize(
    "argv",
    [
        ["measures", "retire", "bou.akt"],
        ["measures", "rename", "bou.akt", "Nytt"],
        ["measures", "import", "examples/egna_matt.toml"],
        ["units", "add", "IFO.BOU.NY", "Ny", "--parent", "IFO.BOU"],
        ["units", "measures", MOTT, "--remove", "bou.akt"],
        ["users", "remove", "chef"],
        ["report-month", MOTT, "2023-03", "--undo"],
        ["lock", "2023-03"],
    ],
)
def test_a_lasare_or_unknown_login_is_refused_with_exit_3_and_nothing_changes(cli, argv):
    for login in ("lasa", "okand"):
        cli.login = login
        before = cli.db.read_bytes()
        code, out, err = cli(*argv)
        assert code == 3, err
        assert err.count("\n") == 1 and "Bara en administratör" in err
        assert cli.db.read_bytes() == before


def test_retire_by_a_lasare_no_longer_blocks_the_admins_next_set(cli):
    cli.login = "lasa"
    assert cli("measures", "retire", "bou.akt")[0] == 3
    cli.login = "chef"
    assert cli("set", MOTT, "bou.akt", "2023-04", "12")[0] == 0


def test_log_lists_every_change_and_filters_by_unit_and_day(cli):
    assert cli("measures", "rename", "bou.akt", "Akt barn")[0] == 0
    assert cli("report-month", MOTT, "2023-03", "--done", "--force")[0] == 0
    assert cli("report-month", MOTT, "2023-03", "--undo")[0] == 0
    code, out, _ = cli("log", "--format", "json")
    entries = json.loads(out)
    actions = [e["action"] for e in entries]
    assert actions[-6:] == ["user_add", "user_add", "value", "measure_rename", "reported", "unreported"]
    assert entries[-4]["new"] == 11 and entries[-4]["login"] == "chef"
    code, out, _ = cli("log", "--unit", "IFO.VUX", "--format", "json")
    assert all(e["unit"].startswith("IFO.VUX") for e in json.loads(out))
    code, out, _ = cli("log")
    assert code == 0 and "namnbyte" in out and "– → 11" not in out and "tomt → 11" in out
    code, out, _ = cli("log", "--since", "2999-01-01")
    assert "inga ändringar" in out
    code, _, err = cli("log", "--since", "igår")
    assert code == 2 and "ÅÅÅÅ-MM-DD" in err


def _tamper(path, sql):
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_check_exits_0_on_an_untouched_database(cli):
    code, out, _ = cli("check")
    assert code == 0 and out.startswith("Allt stämmer")


@pytest.mark.parametrize(
    ("sql", "named"),
    [
        ("update value set value = 777", "IFO.BOU.MOTT · bou.akt · 2023-03 är 777"),
        ("update change_log set new_value = 12 where action = 'value'", "har ändrats efter att den skrevs"),
        ("delete from change_log where id = 3", "Loggpost 3 saknas"),
    ],
)
def test_check_exits_4_naming_what_was_changed_with_sqlite3(cli, sql, named):
    _tamper(cli.db, sql)
    code, out, _ = cli("check")
    assert code == 4 and named in out
    code, out, _ = cli("check", "--format", "json")
    data = json.loads(out)
    assert code == 4 and data["ok"] is False and any(named in p for p in data["problems"])


def test_check_counts_thousands_of_problems_the_swedish_way(cli):
    conn = sqlite3.connect(cli.db)
    conn.executemany(
        "insert into value (unit, measure, part, period, value, revision) values (?, 'bou.akt', '', ?, 1, 1)",
        [(MOTT, f"{year:04d}-{month:02d}") for year in range(1900, 2000) for month in range(1, 13)],
    )
    conn.commit()
    conn.close()
    code, out, _ = cli("check")
    assert code == 4 and out.splitlines()[-1] == "Kontrollen hittade 1 200 problem."


def test_backup_refuses_to_overwrite_and_a_restored_copy_passes_the_check(cli, tmp_path):
    copy = tmp_path / "kopia.db"
    assert cli("backup", str(copy))[0] == 0
    code, _, err = cli("backup", str(copy))
    assert code == 2 and "finns redan" in err
    assert cli("set", MOTT, "bou.akt", "2023-04", "19")[0] == 0
    # Restoring is copying the file back.
    cli.db.unlink()
    for suffix in ("-wal", "-shm"):
        cli.db.with_name(cli.db.name + suffix).unlink(missing_ok=True)
    shutil.copy(copy, cli.db)
    assert cli("check")[0] == 0
    code, out, _ = cli("show", "bou.akt", "--unit", MOTT, "--year", "2023", "--format", "json")
    months = json.loads(out)["months"]
    assert months["2023-03"] == 11 and months["2023-04"] is None


WRITER = """
import sys
from tracker.core.periods import Month
from tracker.store.store import Store
with Store.open(sys.argv[1]) as s:
    print("ready", flush=True)
    for i in range(400):
        s.set_value("IFO.BOU.MOTT", "bou.akt", Month(1990 + i // 12, i % 12 + 1), i, source="cli")
"""


def test_a_backup_taken_while_another_process_writes_opens_and_passes_the_check(tmp_path, capsys):
    path = tmp_path / "t.db"
    assert main(["init", "--db", str(path)]) == 0
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        copies = [tmp_path / f"kopia{i}.db" for i in range(3)]
        for copy in copies:
            assert main(["backup", str(copy), "--db", str(path)]) == 0
    finally:
        assert writer.wait(timeout=120) == 0
    capsys.readouterr()
    for copy in copies:
        assert main(["check", "--db", str(copy)]) == 0
    with Store.open(path) as s:
        assert s.verify() == [] and s.log_size() > 400


def test_a_backup_is_created_readable_only_by_owner_and_group(cli, tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert cli("backup", str(tmp_path / "kopia.db"))[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "kopia.db").stat().st_mode) == 0o660


def test_a_lasare_importing_a_file_is_refused_once_with_exit_3_and_a_dry_run_still_checks_the_rows(cli, tmp_path):
    file = tmp_path / "v.csv"
    file.write_text("unit,measure,part,period,value\nIFO.BOU.MOTT,bou.akt,,2023-04,5\n", encoding="utf-8")
    cli.login = "lasa"
    code, _out, err = cli("import", str(file))
    assert code == 3
    assert err.count("\n") == 1 and "kan inte ändra värden för någon enhet" in err
    code, _out, err = cli("import", str(file), "--dry-run")
    assert code == 2 and "Rad 2" in err
