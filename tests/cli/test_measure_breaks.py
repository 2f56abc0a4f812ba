"""Series breaks declared after years of data: `measures break`, `measures show`, and every view."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from tracker.core.periods import Month
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

PLAC = "IFO.BOU.PLAC"
NOTE = "Nytt ärendesystem räknar aktualiseringar per barn från 2023"


def _two_years(cli) -> None:
    """bou.vd.fh in Placering for every month of 2022 and 2023."""
    with Store.open(cli.db, login="chef") as store:
        writes = [
            ValueWrite(PLAC, "bou.vd.fh", "", Month(y, m), 100 + y % 10 + m) for y in (2022, 2023) for m in range(1, 13)
        ]
        store.set_values(writes, source="cli")


def _views(cli) -> dict:
    """What `show`, the report (table and csv) and the export say about bou.vd.fh in 2023."""
    _, show, _ = cli("show", "bou.vd.fh", "--year", "2023", "--format", "json")
    _, report, _ = cli("report", "--year", "2023")
    _, report_csv, _ = cli("report", "--year", "2023", "--format", "csv")
    _, export_md, _ = cli("export", "--unit", PLAC, "--year", "2023", "--format", "md")
    return {"show": json.loads(show), "report": report, "report_csv": report_csv, "export": export_md}


def test_a_break_added_after_two_years_makes_every_crossing_comparison_not_comparable_until_removed(cli):
    _two_years(cli)
    before = _views(cli)
    assert before["show"]["comparable"] is True and "ej jämförbart" not in before["report"]

    code, out, err = cli("measures", "break", "bou.vd.fh", "2023", "--note", NOTE)
    assert code == 0, err
    assert "januari 2023" in out
    after = _views(cli)
    assert after["show"]["comparable"] is False and after["show"]["change_pct"] is None
    assert NOTE in after["show"]["note"]
    assert "ej jämförbart" in after["report"] and NOTE in " ".join(after["report"].split())
    row = next(
        r
        for r in after["report_csv"].splitlines()
        if r.startswith('"Familjehemsplacerade barn och unga (0–20 år), antal vård')
    )
    assert "ej jämförbart" in row and NOTE in row
    assert "ej jämförbart" in after["export"] and NOTE in after["export"]
    # 2024 against 2023 does not cross the break
    _, show_2024, _ = cli("show", "bou.vd.fh", "--year", "2024", "--format", "json")
    assert json.loads(show_2024)["note"] in (None, "") or NOTE not in json.loads(show_2024)["note"]

    code, out, _ = cli("measures", "show", "bou.vd.fh")
    assert code == 0 and "januari 2023" in out and NOTE in " ".join(out.split())
    code, out, _ = cli("measures", "show", "bou.vd.fh", "--format", "json")
    assert json.loads(out)["breaks"] == [{"from": "2023-01", "note": NOTE}]

    assert cli("measures", "break", "bou.vd.fh", "2023-01", "--remove")[0] == 0
    assert _views(cli) == before


def test_a_break_is_admin_only_and_logged(cli):
    cli.login = "lasa"
    code, _, err = cli("measures", "break", "bou.vd.fh", "2023", "--note", NOTE)
    assert code == 3 and "administratör" in err
    cli.login = "chef"
    assert cli("measures", "break", "bou.vd.fh", "2023-05", "--note", NOTE)[0] == 0
    assert cli("measures", "break", "bou.vd.fh", "2023-05", "--remove")[0] == 0
    _, log, _ = cli("log", "--format", "json")
    actions = [e["action"] for e in json.loads(log)]
    assert actions[-2:] == ["measure_break", "measure_break_remove"]
    _, checked, _ = cli("check")
    assert cli("check")[0] == 0, checked


@pytest.mark.parametrize(
    "argv, words",
    [
        (["bou.vd.fh", "2023-13", "--note", "x"], "månaden måste vara 01–12"),
        (["bou.vd.fh", "januari", "--note", "x"], "ÅÅÅÅ-MM"),
        (["bou.vd.fh", "2023"], "antingen --note"),
        (["bou.vd.fh", "2023", "--note", "x", "--remove"], "antingen --note"),
        (["bou.vd.fh", "2023", "--note", "  "], "saknar not"),
        (["bou.vd.fh", "2023", "--note", "gäller 19800101-1234"], "personnummer"),
        (["bou.vd.fh", "2022", "--remove"], "inget seriebrott från 2022-01"),
        (["bou.finns.inte", "2023", "--note", "x"], "finns inte"),
    ],
)
def test_bad_break_input_exits_2_in_one_swedish_line_and_changes_nothing(cli, argv, words):
    _, before, _ = cli("measures", "show", "bou.vd.fh", "--format", "json")
    code, _, err = cli("measures", "break", *argv)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1
    assert cli("measures", "show", "bou.vd.fh", "--format", "json")[1] == before


def test_a_fresh_database_reports_no_break_the_municipality_did_not_declare(cli):
    code, out, _ = cli("measures", "--format", "json")
    assert all(m["breaks"] == [] for m in json.loads(out))
    # values on each side of the years other municipalities' reorganisations happened
    with Store.open(cli.db, login="chef") as store:
        writes = [
            ValueWrite(unit, code, "", Month(y, m), 50)
            for unit, code in ((PLAC, "bou.vd.fh"), (PLAC, "bou.vd.inst"), ("IFO.VUX.VUX", "vux.vd.inst"))
            for y in range(2020, 2025)
            for m in range(1, 13)
        ]
        store.set_values(writes, source="cli")
    for year in range(2020, 2026):
        for rows in ("data", "all"):
            code, out, err = cli("report", "--year", str(year), "--rows", rows)
            assert code == 0, err
            assert "ej jämförbart" not in out and "serieavbrott" not in out.lower()
            if 2021 <= year <= 2024:
                assert "Institutionsplacerade vuxna" in out and "0,0 %" in out


def test_the_katrineholm_example_declares_its_breaks_and_a_second_import_adds_nothing(cli, tmp_path):
    from tests.support import KATRINEHOLM_BREAKS

    code, out, _ = cli("measures", "import", str(KATRINEHOLM_BREAKS))
    assert code == 0 and "3 seriebrott" in out
    code, out, _ = cli("measures", "import", str(KATRINEHOLM_BREAKS))
    assert code == 0 and "Inget nytt" in out
    _, shown, _ = cli("measures", "show", "vux.vd.inst", "--format", "json")
    assert json.loads(shown)["breaks"][0]["from"] == "2021-01"
    bad = tmp_path / "fel.toml"
    bad.write_text('[[break]]\nmeasure = "bou.nej"\nfrom = "2023"\nnote = "x"\n', "utf-8")
    code, _, err = cli("measures", "import", str(bad))
    assert code == 2 and "bou.nej" in err


def test_the_export_xlsx_says_not_comparable_with_the_note(cli, tmp_path):
    _two_years(cli)
    cli("measures", "break", "bou.vd.fh", "2023", "--note", NOTE)
    out = tmp_path / "mott.xlsx"
    assert cli("export", "--unit", PLAC, "--year", "2023", "--out", str(out))[0] == 0
    ws = load_workbook(io.BytesIO(out.read_bytes())).active
    row = next(r for r in ws.iter_rows() if r[1].value == "bou.vd.fh")
    values = [c.value for c in row]
    assert "ej jämförbart" in values and any(NOTE in str(v) for v in values)
