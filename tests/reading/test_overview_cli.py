"""`tracker overview` as a user runs it: table, Markdown handout and JSON; bad input; a real process."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from tracker.core.periods import last_completed_month

LAST = last_completed_month(date.today())
BEFORE = LAST.same_month_last_year()


@pytest.fixture
def reported(cli):
    """Mottagningen has reported the last completed month (and the same month a year before)."""
    for month, (akt, fhb, within) in ((BEFORE, (190, 100, 95)), (LAST, (210, 100, 86))):
        for code, value in (("bou.akt", akt), ("bou.akt.oro", akt - 20), ("bou.fhb", fhb), ("bou.fhb.14d", within)):
            assert cli("set", "IFO.BOU.MOTT", code, str(month), str(value), "--force")[0] == 0
    assert cli("report-month", "IFO.BOU.MOTT", str(LAST), "--done")[0] == 0
    cli("targets", "set", "bou.fhb.andel14", str(LAST.year), "90")
    return cli


def test_overview_json_has_the_key_rows_target_status_and_the_enheter_not_reported(reported):
    code, out, err = reported("overview", "--format", "json", "--unit", "IFO.BOU")
    assert code == 0, err
    data = json.loads(out)
    assert data["unit"] == "IFO.BOU" and data["month"] == str(LAST) and data["key_rows"] is True
    rows = {r["measure"]: r for r in data["rows"]}
    assert list(rows)[:2] == ["bou.akt", "bou.fhb.andel14"]
    assert (rows["bou.akt"]["month"], rows["bou.akt"]["month_previous"]) == (210, 190)
    andel = rows["bou.fhb.andel14"]
    assert andel["month"] == 0.86 and andel["target"] == 0.9
    assert andel["target_status"]["status"] == "near"  # 86 % of 90 % is 95,6 %
    assert andel["change_unit"] == "procentenheter" and andel["scale"] == "fraction"
    not_reported = {e["code"]: e["status"] for e in data["reporting"]["not_reported"]}
    assert not_reported == {"IFO.BOU.UTR": "saknas", "IFO.BOU.PLAC": "saknas"}
    assert (data["reporting"]["done"], data["reporting"]["expected"]) == (1, 3)


def test_overview_table_and_markdown_handout(reported):
    code, out, _ = reported("overview")
    assert code == 0
    assert f"Översikt {LAST.label()} · Individ- och familjeomsorgen" in out
    assert "Hittills i år" in out and "Riktvärde" in out and "≈ nära" in out
    assert "Inrapportering" in out and "Familjerätten: saknas" in out
    md = reported("overview", "--format", "md")[1]
    lines = md.splitlines()
    assert lines[0] == f"## Översikt {LAST.label()} · Individ- och familjeomsorgen"
    assert lines[2].startswith("| Mått | ") and lines[3].startswith("|:---|")
    assert f"### Inrapportering {LAST.label()}" in md
    assert "- Familjerätten: saknas" in md


def test_an_earlier_month_can_be_asked_for(reported):
    data = json.loads(reported("overview", "--month", str(BEFORE), "--format", "json")[1])
    assert data["month"] == str(BEFORE)
    assert {r["measure"]: r["month"] for r in data["rows"]}["bou.akt"] == 190


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--month", "2026-13"], "01–12"),
        (["--month", "mars"], "ÅÅÅÅ-MM"),
        (["--month", "2099-01"], "har inte kommit än"),
        (["--unit", "IFO.NEJ"], "finns inte"),
    ],
)
def test_bad_input_exits_2_with_one_swedish_line(cli, argv, words):
    code, out, err = cli("overview", *argv)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1


def _run(db, *argv, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TRACKER_DB")}
    return subprocess.run([sys.executable, "-m", "tracker", *argv, "--db", str(db)], capture_output=True, text=True,
                          env={**clean, **env}, timeout=60)


def test_overview_as_a_process_prints_and_honours_no_color(reported):
    plain = _run(reported.db, "overview", NO_COLOR="1", FORCE_COLOR="1")
    assert plain.returncode == 0, plain.stderr
    assert "Översikt" in plain.stdout and "\x1b[" not in plain.stdout
    wrong = _run(reported.db, "overview", "--unit", "IFO.NEJ")
    assert wrong.returncode == 2 and "finns inte" in wrong.stderr
