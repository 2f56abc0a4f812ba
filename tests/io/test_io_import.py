"""Import of the long CSV and the exported xlsx: round trips, --dry-run, every bad row, all or nothing."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.support import MOTT, PLAC, InProcessCli
from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.io.export import export_unit_year
from tracker.io.importer import ImportProblems, import_file
from tracker.store.store import Store

HEAD = "unit,measure,part,period,value\n"


def _all_values(store, years=(2022, 2023)):
    units = [u.code for u in store.units.units if u.is_enhet]
    return store.unit_values(units, list(years))


def _write(tmp_path, text: str, name: str = "in.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_is_exact_and_a_second_import_changes_nothing(filled_store, empty_store, tmp_path, fmt):
    path = export_unit_year(filled_store, "IFO", 2023, fmt, tmp_path / f"ifo.{fmt}")
    result = import_file(empty_store, path)
    assert len(result.changes) == sum(len(v) for v in _all_values(filled_store, [2023]).values())
    assert _all_values(empty_store, [2023]) == _all_values(filled_store, [2023])
    again = import_file(empty_store, path)
    assert again.changes == [] and "Ingenting ändrades" in again.lines()[-1]
    # importing the export into the database it came from changes nothing either
    assert import_file(filled_store, path).changes == []


def test_edit_xlsx_dry_run_then_apply(filled_store, tmp_path):
    path = export_unit_year(filled_store, "IFO.BOU", 2023, "xlsx", tmp_path / "bou.xlsx")
    wb = load_workbook(path)
    ws = wb["Placering och familjehem"]
    row = next(r for r in ws.iter_rows(min_row=9) if r[1].value == "bou.plac.fh.sol" and r[2].value == "F")
    assert row[5].value == 16  # mars
    row[5].value = 17
    row[7].value = None  # maj cleared to missing
    edited = tmp_path / "bou-ändrad.xlsx"
    wb.save(edited)

    preview = import_file(filled_store, edited, dry_run=True)
    lines = preview.lines()
    assert any("Familjehemsplacerade < 21 år, SoL, flickor · mars 2023: 16 → 17" in line for line in lines)
    assert any("maj 2023: 16 → –" in line for line in lines)
    assert lines[-1] == "2 värden skulle ändras. Ingenting sparades (--dry-run)."
    assert filled_store.cell(PLAC, "bou.plac.fh.sol", "F", Month(2023, 3))[0] == 16

    import_file(filled_store, edited)
    assert filled_store.cell(PLAC, "bou.plac.fh.sol", "F", Month(2023, 3))[0] == 17
    assert filled_store.cell(PLAC, "bou.plac.fh.sol", "F", Month(2023, 5))[0] is None
    history = filled_store.history(PLAC, "bou.plac.fh.sol", "F", Month(2023, 3))
    assert (history[-1].source, history[-1].file, history[-1].old, history[-1].new) == (
        "import", "bou-ändrad.xlsx", 16, 17,
    )
    # the stale totals in the file do not stop the same file from being imported again
    assert import_file(filled_store, edited).changes == []


def test_edited_computed_cell_in_xlsx_is_refused(filled_store, tmp_path):
    path = export_unit_year(filled_store, PLAC, 2023, "xlsx", tmp_path / "p.xlsx")
    wb = load_workbook(path)
    ws = wb["Placering och familjehem"]
    row = next(r for r in ws.iter_rows(min_row=9) if r[1].value == "bou.plac.fh.sol" and not r[2].value)
    row[3].value = 99
    wb.save(path)
    with pytest.raises(ImportProblems) as err:
        import_file(filled_store, path)
    assert err.value.problems == [
        f"Blad ”Placering och familjehem”, rad {row[0].row}, jan: Värdet räknas fram och kan inte ändras i filen "
        "(sparat 44, i filen 99). Totalen räknas fram ur Flickor och Pojkar; ändra delarna."
    ]


def test_every_bad_row_is_reported_with_its_row_and_nothing_is_written(filled_store, tmp_path, capsys):
    filled_store.lock_month(Month(2023, 2), PLAC)
    text = HEAD + "\n".join([
        f"{PLAC},bou.vd.fh,,2023-07,2400",          # 2: fine on its own
        "NOPE,bou.vd.fh,,2023-07,1",                 # 3: unknown unit
        f"{PLAC},bou.nope,,2023-07,1",               # 4: unknown measure
        f"{PLAC},bou.vd.fh,,2023-13,1",              # 5: bad period
        f"{PLAC},bou.vd.fh,,2023-08,-4",             # 6: negative
        f"{PLAC},bou.vd.fh,,2023-09,många",          # 7: text
        f"{MOTT},bou.akt.oro,,2023-01,999",          # 8: varav larger than its parent
        f"{PLAC},bou.plac.total,,2023-07,5",         # 9: derived measure
        f"{MOTT},bou.fhb.andel14,,2023-07,1",        # 10: ratio
        f"{PLAC},bou.vd.fh,,2023-02,1",              # 11: locked month
        f"{PLAC},bou.unika.fh,,2023-03,5",           # 12: annual measure given a month
        f"{PLAC},bou.plac.fh.sol,,2023-07,5",        # 13: split measure without a part
        f"{PLAC},bou.vd.fh,,2023-10,1.5",            # 14: not a whole number
    ]) + "\n"
    path = _write(tmp_path, text)
    before = _all_values(filled_store)
    result = InProcessCli(_db_copy(filled_store, tmp_path), capsys)("import", path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    # the command line adds how to get past the locked month; the store's words name no option
    lines.remove('tracker: En låst månad ändras med --reason, t.ex. --reason "Rättelse efter revision".')
    assert [line.split(":")[1].strip() for line in lines[:-1]] == [f"Rad {n}" for n in range(3, 15)]
    assert "Enheten ”NOPE” finns inte" in lines[0]
    assert "Måttet ”bou.nope” finns inte" in lines[1]
    assert "”2023-13” är ingen giltig månad" in lines[2]
    assert "Negativa värden går inte att ange" in lines[3]
    assert "”många” är inget giltigt värde" in lines[4]
    assert "kan inte vara större än" in lines[5]
    assert "kan inte ändras" in lines[6] and "kan inte ändras" in lines[7]
    assert "låst" in lines[8]
    assert "årsmått" in lines[9]
    assert "anges per del" in lines[10]
    assert "”1.5” har decimaler" in lines[11]
    assert lines[-1] == "tracker: Ingenting sparades: 12 fel i in.csv. Rätta raderna och importera igen."
    # in-process too: the one good row is not written either
    with pytest.raises(ImportProblems):
        import_file(filled_store, path)
    assert _all_values(filled_store) == before


def test_rows_in_a_row_with_the_same_problem_are_printed_as_one_line_and_counted_in_swedish(
    filled_store, tmp_path, capsys
):
    rows = [f"NOPE,bou.akt,,2023-{m:02d},5" for m in range(1, 13)] * 100  # 1 200 rows, one mistyped unit
    rows[5] = f"{MOTT},bou.akt,,2023-13,5"  # another problem breaks the run
    path = _write(tmp_path, "unit,measure,part,period,value\n" + "\n".join(rows) + "\n")
    with pytest.raises(ImportProblems) as raised:
        import_file(filled_store, path)
    assert len(raised.value.problems) == 1200  # every row's problem is kept, in row order
    result = InProcessCli(_db_copy(filled_store, tmp_path), capsys)("import", path)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 4, lines
    assert lines[0] == (
        "tracker: Rad 2 … Rad 6 (5 rader med samma fel): Enheten ”NOPE” finns inte. Ange en kod eller ett "
        "exakt namn; `tracker units` listar alla enheter."
    )
    assert lines[1].startswith("tracker: Rad 7: ”2023-13” är ingen giltig månad")
    assert lines[2].startswith("tracker: Rad 8 … Rad 1201 (1 194 rader med samma fel): Enheten ”NOPE” finns inte.")
    assert lines[3] == "tracker: Ingenting sparades: 1 200 fel i in.csv. Rätta raderna och importera igen."


def _db_copy(store, tmp_path):
    """The in-memory store saved to a file, so the command can run on it."""
    path = tmp_path / "copy.db"
    store.db.conn.execute(f"VACUUM INTO '{path}'")
    return path


def test_varav_is_checked_on_the_state_after_the_whole_file(filled_store, tmp_path):
    # raising the parent in the same file makes the larger varav valid
    path = _write(tmp_path, HEAD + f"{MOTT},bou.akt.oro,,2023-01,300\n{MOTT},bou.akt,,2023-01,320\n")
    result = import_file(filled_store, path, force=True)  # 320 is far from last year's 190
    assert len(result.changes) == 2
    assert filled_store.cell(MOTT, "bou.akt.oro", "", Month(2023, 1))[0] == 300


def test_the_same_cell_twice_with_different_values_is_a_problem(filled_store, tmp_path):
    path = _write(tmp_path, HEAD + f"{PLAC},bou.vd.fh,,2023-07,1\n{PLAC},bou.vd.fh,,2023-07,2\n")
    with pytest.raises(ImportProblems) as err:
        import_file(filled_store, path)
    assert err.value.problems == [
        "Rad 3: Samma cell finns redan på rad 2 med ett annat värde (1). Ta bort den ena raden."
    ]


def test_semicolons_bom_empty_value_and_extra_columns(filled_store, tmp_path):
    text = "\ufeffunit;measure;part;period;value;kommentar\n" + f"{PLAC};bou.vd.fh;;2023-01;;rensa\n"
    text += f"{PLAC};bou.vd.fh;;2023-07;1 234;ny\n"
    result = import_file(filled_store, _write(tmp_path, text))
    assert [(c.old, c.new) for c in result.changes] == [(2310, None), (None, 1234)]


def test_masked_cells_are_skipped_not_imported(filled_store, tmp_path):
    path = export_unit_year(filled_store, PLAC, 2023, "csv", tmp_path / "m.csv", mask_below=5)
    assert "<5" in path.read_text("utf-8")
    result = import_file(filled_store, path)
    assert result.changes == [] and result.masked_skipped > 0
    assert "maskerade celler" in " ".join(result.lines())


def test_files_that_are_not_exports(filled_store, tmp_path):
    with pytest.raises(ImportProblems) as err:
        import_file(filled_store, _write(tmp_path, "a,b\n1,2\n"))
    assert "kolumnen unit, measure, period, value saknas" in err.value.problems[0]
    with pytest.raises(Exception, match="varken .csv eller .xlsx"):
        import_file(filled_store, _write(tmp_path, "x", "data.txt"))
    with pytest.raises(InputError, match="är en mapp. Ange en CSV- eller xlsx-fil"):
        import_file(filled_store, tmp_path)
    with pytest.raises(InputError, match="finns inte. Ange en CSV- eller xlsx-fil"):
        import_file(filled_store, tmp_path / "saknas.csv")
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "hej"
    wb.save(tmp_path / "annan.xlsx")
    with pytest.raises(ImportProblems) as err:
        import_file(filled_store, tmp_path / "annan.xlsx")
    assert "ser inte ut som en export från tracker" in err.value.problems[0]


def test_cli_dry_run_then_import_then_again(filled_store, tmp_path, capsys):
    db = _db_copy(filled_store, tmp_path)
    path = _write(tmp_path, HEAD + f"{PLAC},bou.vd.fh,,2023-01,2311\n", "ändring.csv")
    tracker = InProcessCli(db, capsys)
    dry = tracker("import", path, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Rad 2: Placering och familjehem · Vårddygn familjehem · januari 2023: 2 310 → 2 311" in dry.stdout
    assert "Ingenting sparades (--dry-run)" in dry.stdout
    done = tracker("import", path)
    assert done.returncode == 0 and "1 värde ändrades" in done.stdout
    again = tracker("import", path)
    assert again.returncode == 0 and "Ingenting ändrades" in again.stdout
    with Store.open(db) as s:
        rec = s.history(PLAC, "bou.vd.fh", "", Month(2023, 1))[-1]
        assert (rec.source, rec.file, rec.new) == ("import", "ändring.csv", 2311)


def test_locked_month_is_imported_only_with_a_reason_which_is_logged(filled_store, tmp_path):
    filled_store.lock_month(Month(2023, 2), PLAC)
    path = _write(tmp_path, HEAD + f"{PLAC},bou.vd.fh,,2023-02,1\n")
    with pytest.raises(ImportProblems) as err:
        import_file(filled_store, path, force=True)
    assert "låst" in "\n".join(err.value.lines())
    assert filled_store.cell(PLAC, "bou.vd.fh", "", Month(2023, 2))[0] != 1
    import_file(filled_store, path, reason="Rättelse efter revision", force=True)
    assert filled_store.cell(PLAC, "bou.vd.fh", "", Month(2023, 2))[0] == 1
    assert filled_store.history(PLAC, "bou.vd.fh", "", Month(2023, 2))[-1].reason == "Rättelse efter revision"


def test_only_the_first_unknown_codes_of_a_file_get_a_suggestion(filled_store, tmp_path, monkeypatch):
    from tracker.io import importer

    monkeypatch.setattr(importer, "SUGGESTED_UNKNOWN", 2)  # a hundred in use: the rest are refused plainly
    rows = [f"{MOTT},bou.ak{n},,2023-03,5" for n in range(1, 4)]
    path = _write(tmp_path, "unit,measure,part,period,value\n" + "\n".join(rows) + "\n")
    with pytest.raises(ImportProblems) as raised:
        import_file(filled_store, path)
    meant = ["Menade du ”bou.akt”" in problem for problem in raised.value.problems]
    assert meant == [True, True, False], raised.value.problems
