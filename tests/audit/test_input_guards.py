"""What comes in is checked and what goes out is safe: text, codes, cycles, formula-looking cells."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tracker.core.catalog import find_cycle, merge_catalogs, parse_catalog_toml, standard_catalog
from tracker.core.errors import InputError
from tracker.core.privacy import check_free_text, check_name, find_personnummer
from tracker.io.safe_cells import neutralised

MOTT = "IFO.BOU.MOTT"


@pytest.mark.parametrize(
    "text",
    [
        "850101-1234",
        "850101–1234",
        "850101—1234",
        "850101_1234",
        "850101\n1234",
        "850101 1234",
        "19850101-1234",
        "198501011234",
        "8501011234",
        "850101+1234",
        "850101 - 1234",
        "850101−1234",
    ],
)
def test_every_personnummer_shape_is_found(text):
    assert find_personnummer(f"Barnet {text} flyttade") is not None


@pytest.mark.parametrize("text", ["Rättelse 2023-03", "Ärende 12345", "Tel 0150-123 45", "Dnr 2023/1234"])
def test_ordinary_numbers_are_not_taken_for_a_personnummer(text):
    assert find_personnummer(text) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a\x01b", "styrtecken"),
        ("a\x1b[31mRED", "styrtecken"),
        ("a\u202eb", "styrtecken"),
        ("ab\tc", "styrtecken"),
        ("x" * 121, "högst 120"),
        ("Namn 850101–1234", "personnummer"),
    ],
)
def test_a_name_with_control_characters_a_personnummer_or_too_long_is_refused(text, words):
    with pytest.raises(InputError, match=words):
        check_name(text, "Namnet")


def test_a_reason_has_its_line_breaks_folded_and_is_limited_to_500():
    assert check_free_text("Rättelse\n efter  revision", "Orsaken") == "Rättelse efter revision"
    with pytest.raises(InputError, match="högst 500"):
        check_free_text("x" * 501, "Orsaken")
    with pytest.raises(InputError, match="personnummer"):
        check_free_text("Gäller 850101\n1234", "Orsaken")
    # lengths are counted as every number the user sees: in Swedish form
    with pytest.raises(InputError, match="Orsaken har 5 000 tecken; högst 500 tecken går"):
        check_free_text("x" * 5000, "Orsaken")


def test_a_comment_goes_through_the_same_check_as_every_free_text():
    from tracker.core.privacy import check_comment_text

    assert check_comment_text("  Nytt   system\nfrån mars ") == "Nytt system från mars"
    with pytest.raises(InputError, match="Kommentaren har 1 200 tecken; högst 500"):
        check_comment_text("x" * 1200)
    with pytest.raises(InputError, match="Kommentaren innehåller något som ser ut som ett personnummer"):
        check_comment_text("Barnet 19850101-1234 flyttade")


def _measure(extra: str, code: str = "egen.m", kind: str = "flow") -> str:
    return f'[[measure]]\ncode = "{code}"\nname = "Eget"\nsection = "bou"\nkind = "{kind}"\n{extra}\n'


@pytest.mark.parametrize(
    ("toml", "cycle"),
    [
        (_measure('sum_of = ["egen.m"]'), "egen.m → egen.m"),
        (_measure('numerator = "bou.akt"\ndenominator = "egen.m"', kind="ratio"), "egen.m → egen.m"),
        (_measure('sum_of = ["egen.n"]') + _measure('sum_of = ["egen.m"]', code="egen.n"), "egen.m → egen.n → egen.m"),
        (_measure('varav_of = "egen.n"') + _measure('varav_of = "egen.m"', code="egen.n"), "egen.m → egen.n → egen.m"),
    ],
)
def test_a_measure_that_refers_to_itself_is_refused_naming_the_cycle(toml, cycle):
    with pytest.raises(InputError, match=f"ring: {cycle}"):
        merge_catalogs(standard_catalog(), parse_catalog_toml(toml, own=True))


def test_the_standard_catalog_has_no_cycle():
    assert find_cycle(standard_catalog()) is None


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        (_measure("", code="=HYPERLINK(1)"), "ingen giltig kod"),
        (_measure("", code="a m"), "ingen giltig kod"),
        ('[[measure]]\nname = "x"\nsection = "bou"\nkind = "flow"\n', "saknar mått nr 1 fältet ”code”"),
        (_measure('parts = ["F", "P"]'), "”parts” som text"),
        (_measure('targets = { 2024 = "många" }'), "targets"),
        (_measure('breaks = ["2023-01"]'), "breaks"),
        (_measure('sum_of = "bou.akt"'), "sum_of"),
        ("[[section]]\ncode = 1\n" + _measure(""), "section"),
        (_measure("").replace('name = "Eget"', 'name = "a\\u0001b"'), "styrtecken"),
        (_measure("").replace('name = "Eget"', f'name = "{"x" * 121}"'), "högst 120"),
        (_measure('definition = "Gäller 850101-1234"'), "personnummer"),
    ],
)
def test_a_malformed_catalog_file_is_refused_in_swedish(toml, words):
    with pytest.raises(InputError, match=words):
        merge_catalogs(standard_catalog(), parse_catalog_toml(toml, own=True))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_is_neutralised_and_numbers_are_not(text):
    assert neutralised(text) == "'" + text
    assert neutralised(-1) == -1 and neutralised(2.5) == 2.5 and neutralised("Mottagning") == "Mottagning"


EVIL = '=HYPERLINK("http://evil.example","x")'


def test_a_formula_name_is_text_in_every_xlsx_export_and_report(cli, tmp_path):
    assert cli("measures", "rename", "bou.akt", EVIL)[0] == 0
    assert cli("export", "--year", "2023", "--format", "xlsx", "--out", str(tmp_path / "e.xlsx"))[0] == 0
    assert cli("report", "--year", "2023", "--format", "xlsx", "--out", str(tmp_path / "r.xlsx"))[0] == 0
    for name in ("e.xlsx", "r.xlsx"):
        wb = load_workbook(tmp_path / name)
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
    evil = [
        c
        for ws in load_workbook(tmp_path / "e.xlsx").worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value == EVIL
    ]
    assert evil and all(c.data_type == "s" for c in evil)


def test_a_formula_report_name_is_neutralised_in_the_report_csv(cli, tmp_path):
    own = tmp_path / "egna.toml"
    own.write_text(_measure(f"report_name = '{EVIL}'\nreport_order = 1"), encoding="utf-8")
    assert cli("measures", "import", str(own))[0] == 0
    assert cli("units", "measures", MOTT, "--add", "egen.m")[0] == 0
    code, out, _ = cli("report", "--year", "2023", "--format", "csv", "--rows", "all")
    names = [row[0] for row in csv.reader(io.StringIO(out))]
    assert "'" + EVIL in names and EVIL not in names


@pytest.mark.parametrize(
    "argv",
    [
        ["units", "add", "IFO.X", "a\x01b\x1b[31mRED", "--parent", "IFO"],
        ["units", "add", "IFO.X", "Enhet 850101–1234", "--parent", "IFO"],
        ["units", "add", "IFO.X", "x" * 121, "--parent", "IFO"],
        ["measures", "rename", "bou.akt", "a\x1bb"],
        ["set", MOTT, "bou.akt", "2023-03", "12", "--reason", "850101_1234"],
        ["set", MOTT, "bou.akt", "2023-03", "12", "--reason", "850101\n1234"],
        ["set", MOTT, "bou.akt", "2023-03", "12", "--reason", "x" * 501],
        ["comment", MOTT, "2023-03", "a\x1b[31mb"],
        ["users", "add", "a\x01b", "--role", "lasare"],
        ["set", "a\x1b[31mRED", "bou.akt", "2023-03", "12"],
    ],
)
def test_bad_text_is_refused_with_one_line_no_raw_control_characters_and_nothing_written(cli, argv):
    before = cli.db.read_bytes()
    code, out, err = cli(*argv)
    assert code == 2 and err.count("\n") == 1 and "\x1b" not in err and "\x01" not in err
    assert cli.db.read_bytes() == before


def test_an_unlock_or_import_reason_with_a_personnummer_is_refused(cli, tmp_path):
    assert cli("lock", "2023-03", "--unit", MOTT)[0] == 0
    code, _, err = cli("unlock", "2023-03", "--unit", MOTT, "--reason", "Gäller 850101–1234")
    assert code == 2 and "personnummer" in err
    data = tmp_path / "v.csv"
    data.write_text(f"unit,measure,part,period,value\n{MOTT},bou.akt,,2023-04,5\n", encoding="utf-8")
    code, _, err = cli("import", str(data), "--reason", "850101 1234")
    assert code == 2 and "personnummer" in err
