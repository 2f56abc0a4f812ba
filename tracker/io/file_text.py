"""Reading what people save from spreadsheets: CSV in the encodings Excel writes, xlsx formulas.

Kept apart from the importer's row handling: these functions only turn a file into text or
cells, or say in Swedish why they cannot.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

from tracker.core.errors import InputError
from tracker.core.swedish import format_number

# A longer field is no count and no code; csv's own limit (131 072) would fail in English.
MAX_CSV_FIELD = 10_000
SAVE_AS_UTF8 = "Spara filen i Excel som ”CSV UTF-8 (kommaavgränsad)” och importera den igen."


def decode_csv(data: bytes, name: str) -> str:
    """The text of a CSV file saved as UTF-8 (with or without BOM), UTF-16 or Windows-1252.

    Swedish Excel writes plain "CSV" as Windows-1252 and "Unicode text" as UTF-16; both are read.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif len(data) >= 2 and b"\x00" in data[:200] and data.count(b"\x00") * 3 >= min(len(data), 200):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
    else:
        try:
            return _no_nul(data.decode("utf-8"), name)
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        return _no_nul(data.decode(encoding), name)
    except UnicodeDecodeError:
        raise InputError(f"”{name}” går inte att läsa som UTF-8, UTF-16 eller Windows-1252. {SAVE_AS_UTF8}") from None


def _no_nul(text: str, name: str) -> str:
    if "\x00" in text:
        raise InputError(f"”{name}” innehåller nolltecken och är ingen textfil. {SAVE_AS_UTF8}")
    return text


def read_csv_text(path: Path) -> str:
    """The decoded text of a CSV file, or a Swedish InputError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"”{path}” går inte att läsa ({exc.strerror}).") from None
    return decode_csv(data, path.name)


def csv_records(lines: list[str], delimiter: str) -> tuple[list[str], list[list[str]]]:
    """Field names and rows of CSV lines, as lists of fields; empty lines are left out, as
    csv.DictReader leaves them. An overlong field is refused in Swedish, not in csv's English."""
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CSV_FIELD)
    try:
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            header = next(reader, [])
            rows = [row for row in reader if row]
        except csv.Error:
            raise InputError(
                f"Rad {_failing_line(lines, delimiter)}: ett fält är längre än {format_number(MAX_CSV_FIELD)} tecken. "
                "Ett värde är ett tal och en kod är kort; kontrollera att filen är en CSV-fil från tracker."
            ) from None
    finally:
        csv.field_size_limit(limit)
    return header, rows


def _failing_line(lines: list[str], delimiter: str) -> int:
    """The line on which the record csv cannot read starts: after the lines of those it read."""
    reader = csv.reader(lines, delimiter=delimiter)
    read = 0
    try:
        for _row in reader:
            read = reader.line_num
    except csv.Error:
        pass
    return read + 1


def uncached_formula_cells(path: Path) -> list[str]:
    """Cells holding a formula but no saved result ("Blad ”X”, cell B12"): their value is unknown.

    A workbook written by a program other than Excel may keep formulas without results;
    importing such a cell as empty would silently clear a stored value.
    """
    from openpyxl import load_workbook

    formulas = load_workbook(path, read_only=True, data_only=False)
    values = load_workbook(path, read_only=True, data_only=True)
    found: list[str] = []
    try:
        for ws in formulas.worksheets:
            shown = values[ws.title]
            for f_row, v_row in zip(ws.iter_rows(), shown.iter_rows(), strict=False):
                for f_cell, v_cell in zip(f_row, v_row, strict=False):
                    if f_cell.data_type == "f" and v_cell.value is None:
                        found.append(f"Blad ”{ws.title}”, cell {f_cell.coordinate}")
    finally:
        formulas.close()
        values.close()
    return found
