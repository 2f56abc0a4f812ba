"""The Volymutveckling report: the reference table row for row, every format, masking."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from tests.support import PLAC, reference_rows
from tracker.core.periods import Month
from tracker.core.presentation import format_summary
from tracker.io.formats.report_csv import render as render_csv
from tracker.io.formats.report_md import render as render_markdown
from tracker.io.report import build_report, note_mark, row_texts
from tracker.store.values_store import ValueWrite


def _expected(measure, text: str) -> str:
    """A published figure as the report writes its kind: a mean (antal per månad) with one decimal."""
    return format_summary(measure, int(text)) if text else "–"


def test_report_matches_the_reference_row_for_row(reference_store):
    report = build_report(reference_store, 2023)
    expected = reference_rows()
    assert [r.name for r in report.rows] == [e["volymmatt"] for e in expected]
    for i, ref in enumerate(expected):
        name, cur, prev, change, pct = row_texts(report, i)
        measure = report.rows[i].measure
        assert (cur, prev) == (_expected(measure, ref["utfall_2023"]), _expected(measure, ref["utfall_2022"]))
        assert name.startswith(ref["volymmatt"])
        if ref["note"]:
            assert pct == "ej jämförbart"
            number = next(n for n, note in enumerate(report.notes(), start=1) if ref["note"] in note)
            assert name == f"{ref['volymmatt']} {note_mark(number)}"
        elif ref["utfall_2023"] and ref["utfall_2022"]:
            assert pct.endswith(" %") and pct != "ej jämförbart"
    # Swedish formatting of the headline numbers
    assert row_texts(report, 1)[1:3] == ["23 300", "30 323"]
    # a mean has one decimal on every row, also where it comes out whole
    assert row_texts(report, 0)[1:5] == ["410,0", "417,0", "−7,0", "−1,7 %"]


def test_household_year_is_the_mean_of_the_months_not_the_sum(reference_store):
    row = build_report(reference_store, 2023).rows[0]
    assert row.measure.code == "eb.hh.utbet"
    assert row.current.value == 410 and row.previous.value == 417


def test_break_notes_are_printed_under_the_table_only_for_breaks_between_the_years(reference_store):
    report = build_report(reference_store, 2023)
    notes = report.notes()
    assert len(notes) == 2
    # vux.vd.inst has a break from 2021: not between 2022 and 2023, so it compares normally
    vux = next(i for i, r in enumerate(report.rows) if r.measure.code == "vux.vd.inst")
    assert row_texts(report, vux)[3:] == ["−861", "−16,7 %"]


def test_cli_csv_has_the_reference_values_and_notes(reference_cli):
    result = reference_cli("report", "--year", "2023", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    for got, ref in zip(rows, reference_rows(), strict=True):
        assert got["Volymmått"] == ref["volymmatt"]
        assert got["Utfall 2023"] == ref["utfall_2023"]
        assert got["Utfall 2022"] == ref["utfall_2022"]
        assert got["Not"] == ref["note"]


def test_cli_table_and_markdown(reference_cli):
    table = reference_cli("report", "--year", "2023")
    assert table.returncode == 0, table.stderr
    assert "Utfall 2023" in table.stdout and "30 323" in table.stdout and "ej jämförbart" in table.stdout
    assert "Från och med 2023 ingår de inte i redovisningen." in table.stdout
    md = reference_cli("report", "--year", "2023", "--format", "md")
    assert md.returncode == 0
    lines = md.stdout.splitlines()
    assert "| Volymmått | Utfall 2023 | Utfall 2022 | Förändring | Förändring % |" in lines
    assert "| Familjehemsplacerade barn och unga (0–20 år), antal vårddygn ¹ | 23 300 | 30 323 | −7 023 | ej jämförbart |" in lines


def test_cli_xlsx_stores_numbers_with_swedish_formats(reference_cli, tmp_path):
    out = tmp_path / "vol.xlsx"
    result = reference_cli("report", "--year", "2023", "--format", "xlsx", "--out", out)
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    ws = load_workbook(out).active
    assert ws.title == "Volymutveckling"
    header = [c.value for c in ws[6]]
    assert header == ["Volymmått", "Utfall 2023", "Utfall 2022", "Förändring", "Förändring %"]
    fh = ws[8]
    assert fh[0].value == "Familjehemsplacerade barn och unga (0–20 år), antal vårddygn ¹"
    assert fh[1].value == 23300 and fh[1].number_format == "#,##0"
    assert fh[2].value == 30323
    assert fh[4].value == "ej jämförbart"
    hh = ws[7]
    assert hh[1].value == 410 and hh[1].number_format == "#,##0.0"  # a mean: one decimal, as in the grid
    assert hh[3].value == -7 and hh[3].number_format.startswith("+#,##0.0;")
    assert hh[4].number_format.startswith("+0.0 %")
    assert abs(hh[4].value - (-7 / 417)) < 1e-9
    texts = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert any(t and "Från och med 2023 ingår de inte" in t for t in texts)


def test_xlsx_without_out_writes_a_named_file(reference_cli, tmp_path):
    result = reference_cli("report", "--year", "2023", "--format", "xlsx")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "volymutveckling-IFO-2023.xlsx").exists()
    assert "volymutveckling-IFO-2023.xlsx" in result.stdout


def test_a_gap_in_the_months_compared_is_marked_and_sums_are_not_compared(store):
    # 2024 runs to September (so January–September is compared) but lacks May.
    writes = [ValueWrite(PLAC, "bou.vd.inst", "", Month(2024, m), 100) for m in range(1, 10) if m != 5]
    writes += [ValueWrite(PLAC, "bou.vd.inst", "", Month(2023, m), 100) for m in range(1, 13)]
    store.set_values(writes, source="cli")
    report = build_report(store, 2024)
    i = next(i for i, r in enumerate(report.rows) if r.measure.code == "bou.vd.inst")
    name, cur, prev, change, pct = row_texts(report, i)
    assert cur == "800 (8 av 9 mån)" and prev == "900" and change == "" and pct == ""
    assert any("8 av 9 månader" in n for n in report.notes())


def test_masking_hides_small_values_and_the_change_that_would_reveal_them(reference_store):
    report = build_report(reference_store, 2023, mask_below=40)
    texts = {r.measure.code: row_texts(report, i) for i, r in enumerate(report.rows)}
    assert texts["bou.unika.inst"][1:] == ["52", "<40", "..", ".."]
    assert texts["vux.unika.skydd"][1:] == ["<40", "<40", "..", ".."]
    assert texts["eb.hh.utbet"][1:] == ["410,0", "417,0", "−7,0", "−1,7 %"]
    assert any("visas som <40" in n for n in report.notes())
    md = render_markdown(report)
    assert "<40" in md and "11" not in md.split("Skyddsplaceringar, antal unika individer")[1].split("\n")[0]
    assert "<40" in render_csv(report)


def test_zero_is_not_masked(store):
    store.set_values([ValueWrite(PLAC, "bou.unika.fh", "", 2023, 0), ValueWrite(PLAC, "bou.unika.fh", "", 2022, 3)],
                     source="cli")
    report = build_report(store, 2023, mask_below=5)
    i = next(i for i, r in enumerate(report.rows) if r.measure.code == "bou.unika.fh")
    assert row_texts(report, i)[1:] == ["0", "<5", "..", ".."]


def test_bad_input_exits_2_in_swedish(reference_cli):
    bad = reference_cli("report", "--year", "20x3")
    assert bad.returncode == 2 and "inget giltigt år" in bad.stderr
    bad = reference_cli("report", "--year", "2023", "--unit", "NOPE")
    assert bad.returncode == 2 and "Enheten ”NOPE” finns inte" in bad.stderr
    bad = reference_cli("report", "--year", "2023", "--mask-below", "1")
    assert bad.returncode == 2 and "Ange ett heltal 2 eller större" in bad.stderr
