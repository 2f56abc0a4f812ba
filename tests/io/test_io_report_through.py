"""The Volymutveckling table for part of a year: --through and a year not yet reported in full."""

from __future__ import annotations

import csv
import io

import pytest

from tests.support import FLOW_2023, FLOW_2024
from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.io.formats.report_csv import render as render_csv
from tracker.io.report import build_report, heading


def _row(report, code):
    return next(r for r in report.rows if r.measure.code == code)


def test_report_through_august_sums_flows_and_averages_stocks_over_january_to_august(partial_year_store):
    report = build_report(partial_year_store, 2024, "IFO", through=Month(2024, 8))
    flow, stock = _row(report, "vux.skydd.dygn"), _row(report, "eb.hh.utbet")
    # By hand: 105+115+…+175 = 1 120 against 100+110+…+170 = 1 080.
    assert (flow.current.value, flow.previous.value, flow.change) == (1120, 1080, 40)
    assert flow.change_pct == pytest.approx(40 / 1080)
    # By hand: mean of (31..38)+5 = 39,5 against mean of (21..28)+5 = 29,5.
    assert (stock.current.value, stock.previous.value) == (39.5, 29.5)
    assert not flow.notes and not stock.notes
    assert report.headers[1:3] == ["Utfall jan–aug 2024", "Utfall jan–aug 2023"]
    assert heading(report).startswith("Volymutveckling jan–aug 2024 jämfört med jan–aug 2023 · ")
    rows = {r["Volymmått"]: r for r in csv.DictReader(io.StringIO(render_csv(report)))}
    assert rows[flow.name]["Utfall jan–aug 2024"] == "1120"
    assert rows[stock.name]["Utfall jan–aug 2023"] == "29.5"


def test_an_incomplete_year_is_reported_up_to_its_last_reported_month_and_the_heading_says_so(partial_year_store):
    report = build_report(partial_year_store, 2024, "IFO")
    flow = _row(report, "vux.skydd.dygn")
    assert (flow.current.value, flow.previous.value) == (sum(FLOW_2024), sum(FLOW_2023[:10]))
    assert "jan–okt 2024 jämfört med jan–okt 2023, t.o.m. senast rapporterade månad (oktober)" in heading(report)


def test_a_complete_year_is_reported_whole_with_the_plain_heading(partial_year_store):
    report = build_report(partial_year_store, 2023, "IFO")
    assert _row(report, "vux.skydd.dygn").current.value == sum(FLOW_2023)
    assert heading(report) == "Volymutveckling 2023 · Individ- och familjeomsorgen"
    assert report.headers[1:3] == ["Utfall 2023", "Utfall 2022"]


def test_through_outside_the_report_year_is_refused(partial_year_store):
    with pytest.raises(InputError, match="ligger inte i rapportens år 2024"):
        build_report(partial_year_store, 2024, "IFO", through=Month(2023, 8))


def test_report_through_on_the_command_line(cli):
    for month, value in ((1, 4), (2, 6)):
        assert cli("set", "IFO.VUX.VUX", "vux.skydd.dygn", f"2024-{month:02d}", str(value))[0] == 0
        assert cli("set", "IFO.VUX.VUX", "vux.skydd.dygn", f"2023-{month:02d}", str(value + 1))[0] == 0
    code, out, _ = cli("report", "--year", "2024", "--through", "2024-02", "--format", "md")
    assert code == 0 and "## Volymutveckling jan–feb 2024 jämfört med jan–feb 2023" in out
    assert "| 10 | 12 | −2 | −16,7 % |" in out
    code, _, err = cli("report", "--year", "2024", "--through", "augusti")
    assert code == 2 and "ÅÅÅÅ-MM" in err
