"""Files as people really have them: Excel's encodings, formulas without results, foreign and read-only files."""

from __future__ import annotations

import codecs
import json
import sqlite3

import pytest
from openpyxl import load_workbook

from tracker.store import database

MOTT = "IFO.BOU.MOTT"
ROWS = "unit;measure;part;period;value\nIFO.BOU.MOTT;bou.akt;;2023-04;8\n"


def _april(cli) -> int | None:
    code, out, _ = cli("show", "bou.akt", "--unit", MOTT, "--year", "2023", "--format", "json")
    assert code == 0
    return json.loads(out)["months"]["2023-04"]


@pytest.mark.parametrize(
    "data",
    [
        ROWS.encode("cp1252"),
        ("unit;measure;part;period;value;kommentar\nIFO.BOU.MOTT;bou.akt;;2023-04;8;Väst\n").encode("cp1252"),
        ROWS.encode("utf-16"),
        ROWS.encode("utf-16-le"),
        ROWS.encode("utf-16-be"),
        codecs.BOM_UTF8 + ROWS.encode("utf-8"),
    ],
    ids=["cp1252", "cp1252-åäö", "utf-16-bom", "utf-16-le", "utf-16-be", "utf-8-bom"],
)
def test_csv_in_the_encodings_excel_writes_is_read(cli, tmp_path, data):
    path = tmp_path / "v.csv"
    path.write_bytes(data)
    code, _, err = cli("import", str(path))
    assert code == 0, err
    assert _april(cli) == 8


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"unit,measure,part,period,value\nF\xf6r \x81,bou.akt,,2023-04,8\n", "CSV UTF-8"),
        (
            ("unit,measure,part,period,value\nIFO.BOU.MOTT,bou.akt,,2023-04," + "9" * 140_000 + "\n").encode(),
            "Rad 2: ett fält är längre än 10 000 tecken",
        ),
    ],
    ids=["undecodable", "overlong-field"],
)
def test_an_unreadable_csv_is_refused_in_one_swedish_line_and_nothing_written(cli, tmp_path, data, words):
    path = tmp_path / "v.csv"
    path.write_bytes(data)
    before = cli.db.read_bytes()
    code, _, err = cli("import", str(path))
    assert code == 2 and words in err and err.count("\n") == 1
    assert cli.db.read_bytes() == before


def test_an_xlsx_formula_without_a_saved_result_is_refused_with_its_cell(cli, tmp_path):
    out = tmp_path / "e.xlsx"
    assert cli("export", "--unit", MOTT, "--year", "2023", "--format", "xlsx", "--out", str(out))[0] == 0
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 11)
    cell.value = "=3+4"  # openpyxl saves formulas without a result, as scripts and some programs do
    wb.save(out)
    code, _, err = cli("import", str(out))
    assert code == 2 and f"cell {cell.coordinate}" in err and "inget sparat resultat" in err
    code, out_text, _ = cli("show", "bou.akt", "--unit", MOTT, "--year", "2023", "--format", "json")
    assert json.loads(out_text)["months"]["2023-03"] == 11


def test_a_foreign_sqlite_file_is_refused_before_anything_is_changed_in_it(tmp_path, cli):
    path = tmp_path / "annan.db"
    conn = sqlite3.connect(path)
    conn.execute("create table kund (namn text)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    cli.db = path
    code, _, err = cli("units")
    assert code == 1 and "inte en tracker-databas" in err
    assert path.read_bytes() == before and not (tmp_path / "annan.db-wal").exists()


def test_a_file_that_is_not_sqlite_at_all_is_refused(tmp_path, cli):
    path = tmp_path / "anteckning.db"
    path.write_text("hej\n")
    cli.db = path
    code, _, err = cli("units")
    assert code == 1 and "ingen SQLite-databas" in err and path.read_text() == "hej\n"


def test_a_tracker_database_with_an_empty_migrations_table_is_explained(cli):
    conn = sqlite3.connect(cli.db)
    conn.execute("delete from _sqlite_migrations")
    conn.commit()
    conn.close()
    code, _, err = cli("units")
    assert code == 1 and "_sqlite_migrations är tom" in err and "Traceback" not in err


def test_a_locked_database_is_a_swedish_line_and_nothing_is_written(cli, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(cli.db)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = cli("set", MOTT, "bou.akt", "2023-04", "3")
    finally:
        holder.rollback()
        holder.close()
    assert code == 1 and "Databasen är upptagen" in err and err.count("\n") == 1
    assert _april(cli) is None


def test_a_read_only_database_is_opened_for_reading_and_says_so(cli, monkeypatch):
    # The test suite may run as root, whom file modes do not stop; the check itself is replaced.
    monkeypatch.setattr(database, "_writable", lambda path: False)
    before = cli.db.read_bytes()
    code, out, err = cli("show", "bou.akt", "--unit", MOTT, "--year", "2023", "--format", "json")
    assert code == 0 and "bara för läsning" in err and json.loads(out)["months"]["2023-03"] == 11
    code, _, err = cli("set", MOTT, "bou.akt", "2023-04", "3")
    # one line: the refusal says the file is read-only, and nothing before it says so again
    assert code == 3 and err.count("skrivskyddad") == 1 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert cli.db.read_bytes() == before


def test_a_read_only_database_refuses_a_write_before_asking_for_a_reason_or_force(cli, monkeypatch, tmp_path):
    assert cli("lock", "2023-03")[0] == 0
    exported = tmp_path / "mott.csv"
    assert cli("export", "--unit", MOTT, "--year", "2023", "--format", "csv", "--out", str(exported))[0] == 0
    text = exported.read_text("utf-8")
    assert "bou.akt,,2023-03,11" in text
    exported.write_text(text.replace("bou.akt,,2023-03,11", "bou.akt,,2023-03,12"), "utf-8")  # March, locked
    monkeypatch.setattr(database, "_writable", lambda path: False)
    before = cli.db.read_bytes()
    for argv in (
        ("set", MOTT, "bou.akt", "2023-03", "12"),  # locked: would ask for --reason
        ("set", MOTT, "bou.akt", "2023-04", "900"),  # unlikely: would ask for --force
        ("import", str(exported)),
    ):
        code, _, err = cli(*argv)
        assert code == 3 and "Ingenting sparades" in err, err
        assert "--reason" not in err and "--force" not in err
    assert cli.db.read_bytes() == before


@pytest.mark.parametrize(
    "sql, argv, words",
    [
        ("drop table measure", ("show", "bou.akt"), "Databasen saknar tabellen ”measure”"),
        ("alter table value drop column revision", ("set", MOTT, "bou.akt", "2023-04", "12"),
         "Databasen saknar kolumnen ”revision” i tabellen ”value”"),
    ],
)
def test_a_table_or_column_dropped_outside_the_program_is_named_in_swedish(cli, sql, argv, words):
    conn = sqlite3.connect(cli.db)
    conn.execute(sql)
    conn.commit()
    conn.close()
    before = cli.db.read_bytes()
    code, _, err = cli(*argv)
    assert code == 1 and words in err and "den har ändrats utanför programmet" in err, err
    assert "oväntat fel" not in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert cli.db.read_bytes() == before
