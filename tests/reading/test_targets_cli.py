"""`tracker targets`, and the riktvärde in `show` and `report`, in-process as a user runs them."""

import json

import pytest


def test_an_admin_sets_lists_and_removes_a_target(cli):
    code, out, err = cli("targets", "set", "bou.fhb.andel14", "2023", "90 %")
    assert code == 0, err
    assert "Sparat: riktvärdet 2023 för ”Andel förhandsbedömningar inom 14 dagar”, hela förvaltningen: 90,0 %." in out
    assert cli("targets", "set", "bou.fhb.andel14", "2023", "85", "--unit", "IFO.BOU.MOTT")[0] == 0
    code, out, _ = cli("targets", "list", "--year", "2023")
    assert code == 0
    assert "90,0 %" in out and "85,0 %" in out and "Mottagning barn och unga" in out
    data = json.loads(cli("targets", "list", "--unit", "IFO.BOU.UTR", "--year", "2023", "--format", "json")[1])
    assert [(t["measure"], t["value"], t["unit"]) for t in data["targets"]] == [("bou.fhb.andel14", 0.9, None)]
    code, out, _ = cli("targets", "set", "bou.fhb.andel14", "2023", "-", "--unit", "IFO.BOU.MOTT")
    assert code == 0 and "Tog bort riktvärdet 2023" in out and "(var 85,0 %)" in out
    code, out, _ = cli("log")
    assert "riktvärde borttaget" in out
    assert cli("check")[0] == 0


@pytest.mark.parametrize("login", ["lasa", "okand"])
def test_a_lasare_or_an_unknown_login_gets_exit_3_and_one_line(cli, login):
    cli.login = login
    code, out, err = cli("targets", "set", "bou.fhb.andel14", "2023", "90")
    assert code == 3 and out == ""
    assert err.count("\n") == 1 and "Bara en administratör kan sätta eller ta bort riktvärden" in err


@pytest.mark.parametrize(
    "argv, words",
    [
        (["bou.fhb.andel14", "2023", "150"], "mer än 100 %"),
        (["bou.fhb.andel14", "2023", "nittio"], "Ange riktvärdet i procent"),
        (["bou.vd.fh", "2023", "-5"], "negativt"),
        (["bou.vd.fh", "2023", "1,5"], "hela dygn"),
        (["bou.vd.fh", "23", "100"], "fyra siffror"),
        (["bou.vd.fh", "1989", "100"], "utanför"),
        (["bou.akt", "2023", "100"], "neutralt"),
        (["bou.finns.inte", "2023", "100"], "finns inte"),
        (["bou.vd.fh", "2023", "100", "--unit", "IFO.VUX.FAM"], "rapporterar inte"),
    ],
)
def test_a_bad_target_exits_2_with_a_swedish_line_and_writes_nothing(cli, argv, words):
    before = cli("targets", "list", "--format", "json")[1]
    code, out, err = cli("targets", "set", *argv)
    assert code == 2 and words in err and err.startswith("tracker: ")
    assert cli("targets", "list", "--format", "json")[1] == before


def test_show_gives_the_target_and_its_status_as_json_and_in_the_table(cli):
    for month, (decided, within) in enumerate([(100, 86), (120, 103)], start=1):
        assert cli("set", "IFO.BOU.MOTT", "bou.fhb", f"2023-{month:02d}", str(decided))[0] == 0
        assert cli("set", "IFO.BOU.MOTT", "bou.fhb.14d", f"2023-{month:02d}", str(within))[0] == 0
    cli("targets", "set", "bou.fhb.andel14", "2023", "90")
    data = json.loads(cli("show", "bou.fhb.andel14", "--year", "2023", "--format", "json")[1])
    # (86 + 103) / (100 + 120) = 85,9 % against 90 %: 95,5 % of it -> nära
    assert data["target"] == 0.9
    assert data["target_status"]["status"] == "near" and data["target_status"]["text"] == "nära"
    assert round(data["target_status"]["fulfilment"], 3) == 0.955
    table = cli("show", "bou.fhb.andel14", "--year", "2023")[1]
    assert "Riktvärde 2023: 90,0 % · ≈ nära (måluppfyllelse 95 %)" in table
    none = json.loads(cli("show", "bou.fhb.andel14", "--year", "2022", "--format", "json")[1])
    assert none["target"] is None and none["target_status"] is None


def test_the_report_shows_riktvarde_and_status_where_a_row_has_one(cli):
    for month in range(1, 13):
        assert cli("set", "IFO.BOU.PLAC", "bou.vd.fh", f"2023-{month:02d}", "2500", "--force")[0] == 0
    plain = cli("report", "--year", "2023", "--format", "csv")[1]
    assert "Riktvärde" not in plain.splitlines()[0]
    cli("targets", "set", "bou.vd.fh", "2023", "28 000")
    table = cli("report", "--year", "2023")[1]
    assert "Riktvärde" in table and "28 000" in table and "✗ ej uppnått" in table  # 30 000 dygn, lower is better
    csv = cli("report", "--year", "2023", "--format", "csv")[1].splitlines()
    assert csv[0].split(",")[5:8] == ["Riktvärde", "Status", "Not"]
    row = next(line for line in csv if "vårddygn" in line)
    assert ",28000,ej uppnått," in row
    md = cli("report", "--year", "2023", "--format", "md")[1]
    assert "| Riktvärde | Status |" in md


def test_measures_show_names_the_key_row_and_its_targets(cli):
    cli("targets", "set", "bou.vd.fh", "2023", "28 000", "--unit", "IFO.BOU")
    out = cli("measures", "show", "bou.vd.fh")[1]
    assert "Nyckeltal   ja, visas i `tracker overview`" in out
    assert "Riktvärden  2023 28 000 (Avdelning barn och unga)" in out
    listed = {m["code"]: m["key"] for m in json.loads(cli("measures", "--format", "json")[1])}
    assert listed["bou.vd.fh"] is True and listed["bou.akt.oro"] is False
