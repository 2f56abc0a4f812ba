"""Export of a unit's year: xlsx read back with openpyxl, long CSV, Markdown, masking."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.support import MOTT, PLAC, add_katrineholm_breaks, fill_small_year
from tracker.core.periods import Month
from tracker.io.export import build_export, export_unit_year, render_text
from tracker.io.formats.export_csv import render as render_csv
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

HEADS = ["Mått", "Kod", "Del", "jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov",
         "dec", "Beräkning", "Hittills i år", "Fg år", "Förändring", "Förändring %", "Trend", "Kommentar"]


def _rows(ws):
    """Data rows by (code, part) → list of cell objects."""
    out = {}
    for row in ws.iter_rows(min_row=9):
        if row[1].value:
            out[(row[1].value, row[2].value or "")] = row
    return out


def test_xlsx_has_one_sheet_per_unit_with_header_months_and_comparisons(store, tmp_path):
    add_katrineholm_breaks(store)
    fill_small_year(store)
    path = export_unit_year(store, "IFO.BOU", 2023, "xlsx", tmp_path / "bou.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[:4] == [
        "Avdelning barn och unga", "Mottagning barn och unga", "Utredning barn och unga", "Placering och familjehem",
    ]
    assert wb["tracker-beräknat"].sheet_state == "hidden"
    ws = wb["Placering och familjehem"]
    assert ws["A1"].value == "Månadsstatistik 2023 · Placering och familjehem"
    assert (ws["A2"].value, ws["B2"].value) == ("Enhet", "Placering och familjehem")
    assert (ws["A3"].value, ws["B3"].value) == ("Enhetskod", PLAC)
    assert (ws["A4"].value, ws["B4"].value) == ("År", 2023)
    assert ws["A5"].value == "Exporterad" and ws["B5"].value.startswith("20")
    assert [c.value for c in ws[8]] == HEADS
    rows = _rows(ws)
    total, girls = rows[("bou.plac.fh.sol", "")], rows[("bou.plac.fh.sol", "F")]
    assert total[0].value == "Familjehemsplacerade < 21 år, SoL" and total[0].font.b
    assert girls[0].value == "Flickor" and girls[0].alignment.indent == 2
    assert [c.value for c in girls[3:9]] == [16, 15, 16, 15, 16, 15]
    assert girls[9].value is None  # juli missing, not zero
    assert total[3].value == 44 and total[3].number_format == "#,##0"
    assert total[15].value == "Snitt (6 av 12 mån)"
    assert total[16].value == 43.5 and total[16].number_format == "#,##0.0"
    assert total[17].value == 44 and total[18].value == -0.5
    vd = rows[("bou.vd.fh", "")]
    assert vd[3].value == 2310 and vd[16].value == sum(2300 + 10 * m for m in range(1, 7))
    assert vd[19].value == "ej jämförbart"  # the series break from 2023
    assert "Serieavbrott" in vd[21].value
    annual = rows[("bou.unika.fh", "")]
    assert annual[3].value is None and annual[16].value == 100 and annual[17].value == 119
    sis = rows[("bou.plac.sis", "F")]
    assert sis[3].value == 0  # a reported zero stays a zero
    mott = _rows(wb["Mottagning barn och unga"])
    share = mott[("bou.fhb.andel14", "")]
    assert abs(share[3].value - 0.89) < 1e-9 and share[3].number_format == "0.0 %"
    akt = mott[("bou.akt", "")]
    assert akt[18].value == 81 and akt[18].number_format.startswith("+#,##0")
    assert abs(akt[19].value - 81 / 1140) < 1e-9 and akt[19].number_format.startswith("+0.0 %")
    # the roll-up sheet sums the enheter below and says so
    avd = wb["Avdelning barn och unga"]
    assert "summering" in avd["B2"].value
    assert _rows(avd)[("bou.plac.fh.sol", "")][3].value == 44
    # only Placering reports unika individer, so nobody can be counted twice: its value shows
    assert _rows(avd)[("bou.unika.fh", "")][16].value == 100


def test_enhet_exports_one_sheet(store, tmp_path):
    fill_small_year(store)
    wb = load_workbook(export_unit_year(store, PLAC, 2023, "xlsx", tmp_path / "p.xlsx"))
    assert wb.sheetnames == ["Placering och familjehem", "tracker-beräknat"]


def test_default_file_name_in_the_current_folder(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = export_unit_year(store, MOTT, 2023)
    assert path == tmp_path / f"tracker-{MOTT}-2023.xlsx" and path.exists()
    assert export_unit_year(store, MOTT, 2023, "csv").name == f"tracker-{MOTT}-2023.csv"
    assert export_unit_year(store, MOTT, 2023, "md").read_text("utf-8").startswith("# Månadsstatistik 2023")


def test_csv_is_long_with_one_row_per_stored_value(store):
    fill_small_year(store)
    rows = list(csv.DictReader(io.StringIO(render_text(store, "IFO.BOU", 2023, "csv"))))
    assert list(rows[0]) == ["unit", "measure", "part", "period", "value"]
    stored = store.unit_values([PLAC, MOTT], [2023])
    assert len(rows) == sum(len(v) for v in stored.values())
    assert {"unit": PLAC, "measure": "bou.plac.fh.sol", "part": "F", "period": "2023-01", "value": "16"} in rows
    assert {"unit": PLAC, "measure": "bou.unika.fh", "part": "", "period": "2023", "value": "100"} in rows
    assert {"unit": PLAC, "measure": "bou.plac.sis", "part": "F", "period": "2023-03", "value": "0"} in rows
    assert not any(r["period"].startswith("2022") for r in rows)


def test_markdown_shows_the_grid_in_swedish(store):
    add_katrineholm_breaks(store)
    fill_small_year(store)
    md = render_text(store, PLAC, 2023, "md")
    assert "## Placering och familjehem (IFO.BOU.PLAC) · 2023" in md
    assert "| Mått | jan | feb | mars |" in md
    assert "| Vårddygn familjehem | 2 310 | 2 320 |" in md
    assert "| \u00a0\u00a0\u00a0\u00a0Flickor | 16 | 15 |" in md
    assert "Snitt (6 av 12 mån) | 43,5 | 44,0 | −0,5 | −1,1 % |" in md
    assert "ej jämförbart" in md


def test_masking_in_export_hides_small_cells_and_what_reveals_them(store, tmp_path):
    fill_small_year(store)
    wb = load_workbook(export_unit_year(store, PLAC, 2023, "xlsx", tmp_path / "m.xlsx", mask_below=5))
    ws = wb["Placering och familjehem"]
    assert ws["B6"].value.startswith("Värden från 1 till 4 visas som <5")
    sis = _rows(ws)
    girls, boys, total = sis[("bou.plac.sis", "F")], sis[("bou.plac.sis", "P")], sis[("bou.plac.sis", "")]
    assert [c.value for c in boys[3:9]] == ["<5"] * 6  # primary
    assert [c.value for c in girls[3:9]] == [0] * 6  # zero stays
    # with the girls at zero, the total would give the boys away: it is masked too
    assert all(c.value in ("<5", "..") for c in total[3:9])
    assert boys[16].value == "<5" and boys[18].value is None  # the mean; no previous year to compare
    # nothing the primary cells hide is left anywhere in the sheet
    for row in ws.iter_rows(min_row=9):
        if row[1].value == "bou.plac.sis":
            assert 2 not in [c.value for c in row[3:19]]
    text = render_text(store, PLAC, 2023, "csv", mask_below=5)
    assert f"{PLAC},bou.plac.sis,P,2023-01,<5" in text
    assert f"{PLAC},bou.plac.fh.sol,F,2023-01,16" in text


def test_masking_a_part_masks_the_other_part():
    store = Store.open(None, login="test")
    from tracker.io.example_tree import create_example_tree

    create_example_tree(store)
    store.set_values([ValueWrite(PLAC, "bou.plac.fh.sol", "F", Month(2023, 1), 3),
                      ValueWrite(PLAC, "bou.plac.fh.sol", "P", Month(2023, 1), 28)], source="cli")
    md = render_text(store, PLAC, 2023, "md", mask_below=5)
    line_f = next(line for line in md.splitlines() if "Flickor" in line and "<5" in line)
    line_p = next(line for line in md.splitlines() if "Pojkar" in line and line.index("Pojkar") < 20)
    assert "<5" in line_f and "| .. |" in line_p and "28" not in line_p.split("|")[2]
    store.close()


def test_cli_export_writes_text_to_stdout_and_xlsx_to_a_named_file(reference_cli, tmp_path):
    out = reference_cli("export", "--year", "2023", "--unit", PLAC, "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("unit,measure,part,period,value\n")
    xl = reference_cli("export", "--year", "2023", "--unit", "IFO.BOU")
    assert xl.returncode == 0, xl.stderr
    assert (tmp_path / "tracker-IFO.BOU-2023.xlsx").exists() and "tracker-IFO.BOU-2023.xlsx" in xl.stdout
    bad = reference_cli("export", "--unit", "X", "--year", "2023")
    assert bad.returncode == 2 and "Enheten ”X” finns inte" in bad.stderr


def test_comments_are_carried_into_xlsx_and_markdown_and_the_file_still_imports(store, tmp_path):
    from tracker.io.importer import import_file

    fill_small_year(store)
    filled = store
    filled.add_comment(PLAC, Month(2023, 3), "Ny registreringsrutin från mars", measure="bou.vd.fh")
    filled.add_comment(PLAC, Month(2023, 3), "Två placeringar avslutades sent")
    path = export_unit_year(filled, PLAC, 2023, "xlsx", tmp_path / "k.xlsx")
    ws = load_workbook(path).worksheets[0]
    vd = _rows(ws)[("bou.vd.fh", "")]
    assert "Ny registreringsrutin från mars" in vd[5].comment.text  # the mars cell
    assert "mars: Ny registreringsrutin från mars" in vd[21].value  # the Kommentar column
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert any(t.startswith("mars 2023: Två placeringar avslutades sent") for t in texts)
    md = export_unit_year(filled, PLAC, 2023, "md", tmp_path / "k.md").read_text("utf-8")
    assert "Kommentarer:" in md and "Ny registreringsrutin från mars" in md
    assert import_file(filled, path).changes == []  # the comment rows are not read as values


@pytest.mark.parametrize("unit", ["IFO", "IFO.BOU", PLAC])
def test_the_long_csv_is_the_same_whether_or_not_the_year_views_are_computed(reference_store, unit):
    fill_small_year(reference_store, 2024)
    reference_store.set_retired("bou.unika.fh")  # a retired measure with values keeps its place
    for year in (2023, 2024):
        with_rows = render_csv(build_export(reference_store, unit, year))
        assert render_csv(build_export(reference_store, unit, year, with_rows=False)) == with_rows
        assert render_text(reference_store, unit, year, "csv") == with_rows
        assert with_rows.count("\n") > 10
