"""Names over time: `measures rename --from` keeps earlier years' report rows as they were."""

from __future__ import annotations

import json

from tracker.core.periods import Month
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

PLAC = "IFO.BOU.PLAC"
OLD_ROW = "Familjehemsplacerade barn och unga (0–20 år), antal vårddygn"
NEW_ROW = "Familjehemsplacerade barn och unga 0–20 år, vårddygn"


def _data(cli) -> None:
    with Store.open(cli.db, login="chef") as store:
        writes = [ValueWrite(PLAC, "bou.vd.fh", "", Month(y, m), 2000 + m) for y in (2022, 2023, 2024) for m in (1, 2)]
        store.set_values(writes, source="cli")


def test_a_rename_from_a_year_keeps_the_old_names_in_earlier_reports_and_the_grid_shows_the_new(cli):
    _data(cli)
    code, out, err = cli(
        "measures", "rename", "bou.vd.fh", "Vårddygn i familjehem", "--from", "2024", "--report-name", NEW_ROW
    )
    assert code == 0, err
    assert "från 2024" in out and "behåller sina namn" in out
    _, report_2023, _ = cli("report", "--year", "2023", "--format", "csv")
    _, report_2024, _ = cli("report", "--year", "2024", "--format", "csv")
    assert OLD_ROW in report_2023 and NEW_ROW not in report_2023
    assert NEW_ROW in report_2024 and OLD_ROW not in report_2024
    _, listed, _ = cli("measures", "--format", "json")
    assert next(m for m in json.loads(listed) if m["code"] == "bou.vd.fh")["name"] == "Vårddygn i familjehem"
    _, shown, _ = cli("measures", "show", "bou.vd.fh", "--format", "json")
    assert json.loads(shown)["names"] == [
        {"from": None, "name": "Vårddygn familjehem", "report_name": OLD_ROW},
        {"from": 2024, "name": "Vårddygn i familjehem", "report_name": NEW_ROW},
    ]
    _, table, _ = cli("measures", "show", "bou.vd.fh")
    assert "tidigare år" in table and "2024" in table
    with Store.open(cli.db, login="chef") as store:
        from tracker.core.yearview import build_rows

        rows = build_rows(store.catalog, store.scope(PLAC, [2022, 2023]), ["bou.vd.fh"], 2023)
        assert rows[0].label == "Vårddygn i familjehem"  # the grid shows the current name for every year


def test_a_rename_without_from_changes_the_names_in_use_now_and_keeps_earlier_periods(cli):
    cli("measures", "rename", "bou.vd.fh", "Vårddygn i familjehem", "--from", "2024")
    code, out, _ = cli("measures", "rename", "bou.vd.fh", "Familjehemsdygn", "--report-name", NEW_ROW)
    assert code == 0 and "Familjehemsdygn" in out
    _, shown, _ = cli("measures", "show", "bou.vd.fh", "--format", "json")
    names = json.loads(shown)["names"]
    assert [(n["from"], n["name"]) for n in names] == [(None, "Vårddygn familjehem"), (2024, "Familjehemsdygn")]
    assert names[1]["report_name"] == NEW_ROW and names[0]["report_name"] == OLD_ROW


def test_a_plain_rename_changes_every_year_and_tells_how_to_rename_the_report_row(cli):
    code, out, _ = cli("measures", "rename", "bou.vd.fh", "Familjehemsdygn")
    assert code == 0 and "--report-name" in out
    _, shown, _ = cli("measures", "show", "bou.vd.fh", "--format", "json")
    assert json.loads(shown)["names"] == [{"from": None, "name": "Familjehemsdygn", "report_name": OLD_ROW}]


def test_rename_is_admin_only_logged_and_refuses_bad_input(cli):
    cli.login = "lasa"
    assert cli("measures", "rename", "bou.vd.fh", "Nytt", "--from", "2024")[0] == 3
    cli.login = "chef"
    for argv, words in [
        (["--from", "20x4"], "fyra siffror"),
        (["--from", "1066"], "ligger utanför"),
        (["--report-name", " "], "Rapportnamnet är tomt"),
        (["--report-name", "rad 19800101-1234"], "personnummer"),
    ]:
        code, _, err = cli("measures", "rename", "bou.vd.fh", "Nytt namn", *argv)
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1
    _, shown, _ = cli("measures", "show", "bou.vd.fh", "--format", "json")
    assert json.loads(shown)["name"] == "Vårddygn familjehem"
    assert cli("measures", "rename", "bou.vd.fh", "Nytt namn", "--from", "2024")[0] == 0
    _, log, _ = cli("log", "--format", "json")
    last = json.loads(log)[-1]
    assert last["action"] == "measure_rename" and "från 2024" in last["detail"]
    assert cli("check")[0] == 0
