"""`tracker chart` as a user runs it: in-process, and a few runs as a real process (colour, width)."""

import os
import subprocess
import sys
from datetime import date

import pytest

from tracker.core.periods import last_completed_month

LAST = last_completed_month(date.today())


def fill(cli, months: int = 14) -> None:
    """Aktualiseringar for the last `months` months up to the last completed one (one month left out)."""
    month = LAST
    for i in range(months):
        if i != 2:
            assert cli("set", "IFO.BOU.MOTT", "bou.akt", str(month), str(200 + i), "--force")[0] == 0
        month = month.previous()


def test_chart_prints_the_months_and_the_years_with_swedish_labels(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    fill(cli)
    code, out, err = cli("chart", "bou.akt", "--years", "2")
    assert code == 0, err
    assert out.splitlines()[0] == "Aktualiseringar barn och unga 0–17 år · Individ- och familjeomsorgen"
    assert f"Ärenden per månad, {LAST.year - 1}–{LAST.year}" in out
    assert "jan" in out and "mars" in out and "dec" in out
    assert f"Summa per år · {LAST.year}:" in out
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_chart_of_an_annual_measure_has_only_the_year_bars(cli, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    for year, value in ((LAST.year - 2, 119), (LAST.year - 1, 100)):
        assert cli("set", "IFO.BOU.PLAC", "bou.unika.fh", str(year), str(value), "--force")[0] == 0
    code, out, _ = cli("chart", "bou.unika.fh", "--unit", "IFO.BOU.PLAC", "--years", "3")
    assert code == 0
    assert "per månad" not in out and "Värde per år" in out and "119" in out and "100" in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["bou.finns.inte"], "Måttet ”bou.finns.inte” finns inte"),
        (["bou.akt", "--unit", "IFO.NEJ"], "Enheten ”IFO.NEJ” finns inte"),
        (["bou.akt", "--part", "F"], "inte uppdelat"),
        (["bou.plac.fh.sol", "--part", "K"], "Ange F (Flickor) eller P (Pojkar)"),
        (["bou.akt", "--years", "0"], "från 1 till 15"),
        (["bou.vd.fh", "--unit", "IFO.VUX.FAM"], "rapporterar inte"),
    ],
)
def test_bad_input_exits_2_with_one_swedish_line(cli, argv, words):
    code, out, err = cli("chart", *argv)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1


def test_a_measure_without_values_in_the_years_says_so(cli):
    code, out, _ = cli("chart", "bou.vd.fh", "--years", "1")
    assert code == 0 and out.startswith("Inga värden för ”Vårddygn familjehem · Individ- och familjeomsorgen”")


def _run(db, *argv, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TRACKER_DB")}
    return subprocess.run([sys.executable, "-m", "tracker", *argv, "--db", str(db)], capture_output=True, text=True,
                          env={**clean, **env}, timeout=60)


@pytest.fixture
def filled_db(cli):
    fill(cli)
    return cli.db


def test_chart_as_a_process_honours_no_color_and_the_width(filled_db):
    coloured = _run(filled_db, "chart", "bou.akt", FORCE_COLOR="1", COLUMNS="160")
    assert coloured.returncode == 0, coloured.stderr
    assert "\x1b[" in coloured.stdout  # colour is used when asked for …
    plain = _run(filled_db, "chart", "bou.akt", FORCE_COLOR="1", NO_COLOR="1", COLUMNS="160")
    assert plain.returncode == 0 and plain.stdout.strip()
    assert "\x1b[" not in plain.stdout  # … and never with NO_COLOR
    assert max(len(line) for line in plain.stdout.splitlines()) > 120
    narrow = _run(filled_db, "chart", "bou.akt", COLUMNS="80")
    assert "\x1b[" not in narrow.stdout  # not a terminal: no colour either
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 80


def test_chart_as_a_process_exits_2_on_an_unknown_measure(filled_db):
    result = _run(filled_db, "chart", "bou.nej")
    assert result.returncode == 2 and "finns inte" in result.stderr and result.stdout == ""
