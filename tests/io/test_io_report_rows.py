"""Which rows the Volymutveckling report shows, in which order, and notes shared by rows."""

from __future__ import annotations

from tests.support import PLAC, VUX, add_own_measures
from tracker.core.periods import Month
from tracker.io.formats.report_md import render as render_markdown
from tracker.io.report import build_report, note_mark, row_texts
from tracker.store.values_store import ValueWrite

SHARED = "Från 2023 räknas vårddygn med det nya verksamhetssystemet."


def _months(unit: str, code: str, years=(2022, 2023), value: int = 100) -> list[ValueWrite]:
    return [ValueWrite(unit, code, "", Month(y, m), value) for y in years for m in range(1, 13)]


def test_default_rows_are_those_with_data_in_either_year_in_report_order(store):
    add_own_measures(store)
    writes = (
        _months(VUX, "egen.varnas.dygn", years=(2022,)) + _months(PLAC, "bou.vd.inst") + _months(VUX, "vux.vd.inst")
    )
    store.set_values(writes, source="cli")
    report = build_report(store, 2023)
    assert [r.measure.code for r in report.rows] == ["bou.vd.inst", "vux.vd.inst", "egen.varnas.dygn"]
    # the own row keeps the place its report_order gives it; rows without data are left out
    everything = build_report(store, 2023, rows="all")
    codes = [r.measure.code for r in everything.rows]
    assert len(codes) == len([m for m in store.catalog.measures if m.report_name and not m.retired])
    assert codes.index("vux.vd.inst") < codes.index("egen.varnas.dygn") < codes.index("vux.skydd.dygn")
    assert row_texts(everything, codes.index("bou.vd.fh"))[1:3] == ["–", "–"]


def test_an_enhet_shows_only_its_own_rows_with_data(store):
    store.set_values(_months(PLAC, "bou.vd.inst") + _months(VUX, "vux.vd.inst"), source="cli")
    assert [r.measure.code for r in build_report(store, 2023, PLAC).rows] == ["bou.vd.inst"]
    # a year with data only in the year before still shows the row
    assert [r.measure.code for r in build_report(store, 2024, PLAC).rows] == ["bou.vd.inst"]
    assert build_report(store, 2026, PLAC).rows == ()


def test_a_note_shared_by_two_rows_is_printed_once_and_referenced_from_both(store):
    store.set_values(_months(PLAC, "bou.vd.inst") + _months(PLAC, "bou.vd.fh"), source="cli")
    store.add_break("bou.vd.fh", Month(2023, 1), SHARED)
    store.add_break("bou.vd.inst", Month(2023, 1), SHARED)
    report = build_report(store, 2023)
    assert [n for n in report.notes() if SHARED in n] == [f"{note_mark(1)} {SHARED}"]
    names = [row_texts(report, i)[0] for i in range(len(report.rows))]
    assert all(name.endswith(f" {note_mark(1)}") for name in names) and len(names) == 2
    md = render_markdown(report)
    assert md.count(SHARED) == 1


def test_report_rows_from_the_command_line(cli):
    code, out, err = cli("report", "--year", "2023")
    assert code == 0, err
    assert "Inga rapportrader har värden för 2023 eller 2022" in out and "--rows all" in out
    code, out, _ = cli("report", "--year", "2023", "--rows", "all", "--format", "csv")
    assert code == 0 and "Familjehemsplacerade barn och unga (0–20 år), antal vårddygn" in out
    code, _, err = cli("report", "--year", "2023", "--rows", "alla")
    assert code == 2 and "Ange data (standard) eller all" in err
