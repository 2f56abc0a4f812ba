"""The format registry: the command line offers what it lists, each format's module does its part,
and every format a spreadsheet opens keeps a formula as text."""

from __future__ import annotations

import argparse
import csv
from importlib import import_module

import pytest
from openpyxl import load_workbook

from tracker.cli.main import build_parser
from tracker.core.errors import InputError
from tracker.io.export import export_unit_year
from tracker.io.formats import EXPORT_FORMATS, REPORT_FORMATS, export_format, report_format
from tracker.io.safe_cells import FORMULA_STARTS

EVIL = '=HYPERLINK("http://evil.example","x")'
ALL_FORMATS = [("export", f) for f in EXPORT_FORMATS.values()] + [("report", f) for f in REPORT_FORMATS.values()]
SPREADSHEET_FORMATS = [(command, f) for command, f in ALL_FORMATS if f.suffix in (".xlsx", ".csv")]


def _format_choices(command: str) -> tuple:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    return tuple(next(a for a in sub._actions if "--format" in a.option_strings).choices)


def test_the_command_line_offers_the_registered_formats():
    assert _format_choices("export") == tuple(EXPORT_FORMATS)
    assert _format_choices("report") == tuple(REPORT_FORMATS)


@pytest.mark.parametrize(("command", "fmt"), ALL_FORMATS, ids=lambda x: getattr(x, "name", x))
def test_each_format_module_has_what_its_entry_promises(command, fmt):
    module = import_module(fmt.module)
    assert callable(getattr(module, "render" if fmt.text else "save"))
    if fmt.terminal:
        assert callable(module.show)
    assert fmt.suffix.startswith(".") and fmt.description


def test_an_unknown_format_is_refused_naming_the_registered_ones(store):
    with pytest.raises(InputError, match="Välj xlsx, csv eller md"):
        export_unit_year(store, "IFO", 2023, "pdf")
    with pytest.raises(InputError, match="Välj table, md, csv eller xlsx"):
        report_format("pdf")
    assert export_format("csv").needs_rows is False


def _formula_cells(path, suffix: str) -> list[str]:
    """Cells a spreadsheet would run: formula cells of an xlsx, CSV fields starting like a formula."""
    if suffix == ".xlsx":
        return [c.coordinate for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    found = []
    for row in csv.reader(path.read_text("utf-8").splitlines()):
        for field in row:
            if field.startswith(FORMULA_STARTS):
                try:
                    float(field.replace(",", "."))
                except ValueError:
                    found.append(field)
    return found


@pytest.mark.parametrize(("command", "fmt"), SPREADSHEET_FORMATS, ids=lambda x: getattr(x, "name", x))
def test_every_spreadsheet_format_writes_a_formula_name_as_text(cli, tmp_path, command, fmt):
    assert cli("measures", "rename", "bou.akt", EVIL)[0] == 0
    assert cli("units", "rename", "IFO.BOU.MOTT", EVIL + " enhet")[0] == 0
    assert cli("measures", "rename", "bou.vd.fh", EVIL + " dygn", "--report-name", EVIL)[0] == 0
    path = tmp_path / f"ut{fmt.suffix}"
    extra = ["--rows", "all"] if command == "report" else []
    assert cli(command, "--year", "2023", "--unit", "IFO", "--format", fmt.name, "--out", str(path), *extra)[0] == 0
    assert not _formula_cells(path, fmt.suffix)
    if fmt.suffix == ".csv" and command == "report":
        names = [row[0] for row in csv.reader(path.read_text("utf-8").splitlines())]
        assert "'" + EVIL in names  # the name is there, as text
