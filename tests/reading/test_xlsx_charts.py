"""Native Excel charts: the marked rows' months under each export sheet, and the report rows this
year against last year; masked rows are left out, and the file still imports."""

import openpyxl
import pytest


def charts_of(path, sheet=None):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.active
    return ws, ws._charts


@pytest.fixture
def year_of_values(cli):
    """Mottagningen's 2023: aktualiseringar every month but June, förhandsbedömningar Jan–Mar."""
    for month in range(1, 13):
        if month != 6:
            assert cli("set", "IFO.BOU.MOTT", "bou.akt", f"2023-{month:02d}", str(200 + month), "--force")[0] == 0
            assert cli("set", "IFO.BOU.MOTT", "bou.akt.oro", f"2023-{month:02d}", str(150 + month), "--force")[0] == 0
    for month, (fhb, within) in enumerate([(100, 90), (120, 100), (3, 2)], start=1):
        assert cli("set", "IFO.BOU.MOTT", "bou.fhb", f"2023-{month:02d}", str(fhb), "--force")[0] == 0
        assert cli("set", "IFO.BOU.MOTT", "bou.fhb.14d", f"2023-{month:02d}", str(within), "--force")[0] == 0
    return cli


def test_export_draws_the_marked_rows_months_one_chart_per_unit_under_each_sheet(year_of_values, tmp_path):
    out = tmp_path / "e.xlsx"
    code, _, err = year_of_values("export", "--year", "2023", "--unit", "IFO.BOU", "--out", str(out),
                                  "--chart", "bou.akt,bou.akt.oro,bou.fhb.andel14")
    assert code == 0, err
    ws, charts = charts_of(out, "Mottagning barn och unga")
    assert len(charts) == 2  # ärenden together, the andel on its own
    counts, andel = charts
    rows = {ws.cell(r, 2).value: r for r in range(9, ws.max_row + 1) if ws.cell(r, 2).value}
    sheet = "'Mottagning barn och unga'"
    assert [s.val.numRef.f for s in counts.series] == [
        f"{sheet}!$D${rows['bou.akt']}:$O${rows['bou.akt']}", f"{sheet}!$D${rows['bou.akt.oro']}:$O${rows['bou.akt.oro']}",
    ]
    assert counts.series[0].cat.strRef.f == f"{sheet}!$D$8:$O$8"  # jan … dec
    assert counts.display_blanks == "gap"  # June is empty: a gap, not a zero
    assert ws.cell(rows["bou.akt"], 9).value is None
    assert andel.y_axis.number_format.formatCode == "0.0 %" and andel.legend is None
    # the Utredning sheet has none of the marked rows: no chart
    assert charts_of(out, "Utredning barn och unga")[1] == []
    assert len(charts_of(out, "Avdelning barn och unga")[1]) == 2


def test_a_masked_row_is_left_out_of_the_chart_and_the_sheet_says_so(year_of_values, tmp_path):
    out = tmp_path / "e.xlsx"
    code, _, err = year_of_values("export", "--year", "2023", "--unit", "IFO.BOU.MOTT", "--out", str(out),
                                  "--chart", "bou.akt,bou.fhb", "--mask-below", "5")
    assert code == 0, err
    ws, charts = charts_of(out, "Mottagning barn och unga")
    titles = [s.tx.v for c in charts for s in c.series]
    assert titles == ["Aktualiseringar barn och unga 0–17 år"]  # bou.fhb has a 3 in March, masked
    notes = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("Inte i")]
    assert notes == ["Inte i diagrammet (maskerade värden): Förhandsbedömningar (beslut att inleda/inte inleda)."]


def test_an_exported_file_with_charts_imports_as_before(year_of_values, tmp_path):
    out = tmp_path / "e.xlsx"
    assert year_of_values("export", "--year", "2023", "--unit", "IFO.BOU.MOTT", "--out", str(out),
                          "--chart", "bou.akt")[0] == 0
    code, text, err = year_of_values("import", str(out), "--dry-run")
    assert code == 0, err
    assert text.startswith("Ingenting ändrades: alla") and "finns redan i databasen" in text


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--chart", "bou.nej"], "finns inte"),
        (["--chart", "bou.unika.fh"], "årsmått"),
        (["--chart", ","], "--chart är tom"),
        (["--chart", "bou.akt", "--format", "csv"], "--format xlsx"),
        (["--chart", "eb.belopp", "--unit", "IFO.BOU"], "rapporterar inte eb.belopp"),
    ],
)
def test_a_bad_chart_option_exits_2_and_writes_no_file(cli, tmp_path, argv, words):
    out = tmp_path / "e.xlsx"
    code, _, err = cli("export", "--year", "2023", "--out", str(out), *argv)
    assert code == 2 and words in err and not out.exists()


def test_the_report_xlsx_has_this_year_against_last_year_per_unit(cli, tmp_path):
    for year in (2022, 2023):
        for month in range(1, 13):
            assert cli("set", "IFO.BOU.PLAC", "bou.vd.fh", f"{year}-{month:02d}", str(2000 + year - 2022), "--force")[0] == 0
            assert cli("set", "IFO.BOU.PLAC", "bou.vd.inst", f"{year}-{month:02d}", "500", "--force")[0] == 0
        assert cli("set", "IFO.BOU.PLAC", "bou.unika.fh", str(year), "100", "--force")[0] == 0
    out = tmp_path / "r.xlsx"
    assert cli("report", "--year", "2023", "--format", "xlsx", "--out", str(out))[0] == 0
    ws, charts = charts_of(out)
    assert len(charts) == 2  # dygn, individer
    dygn = charts[0]
    assert [s.tx.strRef.f for s in dygn.series] == ["'Volymutveckling'!A7", "'Volymutveckling'!A9"]  # not next to each other
    assert dygn.series[0].cat.strRef.f == "'Volymutveckling'!$B$6:$C$6"
    assert [ws["B6"].value, ws["C6"].value] == ["Utfall 2023", "Utfall 2022"]
    assert dygn.title.tx.rich.p[0].r[0].t == "Utfall 2023 och 2022 · dygn"
