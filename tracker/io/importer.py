"""`tracker import`: values from the long CSV or the xlsx that export writes, all or nothing.

Every row is checked on its own first (codes, period, value, what the cell accepts, varav on the
state after the whole file, locks and permissions), and every problem is reported with its row;
only a file without problems is written, in one store.set_values call. Cells whose value is
already stored are left alone, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracker.core.catalog import PART_NAMES, Catalog, Measure
from tracker.core.entry import parse_entry, plausibility_refusal, references
from tracker.core.errors import InputError, TrackerError
from tracker.core.masking import SECONDARY_TEXT
from tracker.core.periods import Month, parse_period
from tracker.core.presentation import format_value
from tracker.core.scope import Scope, check_value, roll_up, series
from tracker.core.swedish import month_name
from tracker.core.units import Unit
from tracker.core.yearview import row_readonly_reason
from tracker.io import export as exp
from tracker.io.file_text import csv_records, read_csv_text, uncached_formula_cells
from tracker.store.values_store import ValueWrite

CSV_HINT = "Kolumnerna ska vara unit, measure, part, period, value (som `tracker export --format csv` skriver)."


class ImportProblems(InputError):
    """The file has problems; nothing was written. One Swedish line per problem."""

    def __init__(self, problems: list[str], file: str):
        self.problems = problems
        self.file = file
        super().__init__("\n".join(problems))

    def lines(self) -> list[str]:
        n = len(self.problems)
        summary = f"Ingenting sparades: {n} fel i {self.file}. Rätta raderna och importera igen."
        return [*self.problems, summary]


@dataclass(frozen=True)
class ImportRow:
    """One value read from a file, before it is checked."""

    where: str  # "Rad 5" or "Blad ”Placering”, rad 12, mars": how problems point at it
    unit: str
    measure: str
    part: str
    period: str
    value: object  # text from CSV, a number or text from xlsx, None for an empty cell
    check_only: bool = False  # a derived or roll-up cell: checked for edits, never written
    exported: object = None  # a computed cell's value when it was exported (from the hidden sheet)


@dataclass(frozen=True)
class PlannedChange:
    """A cell the import changes, for --dry-run and the summary."""

    where: str
    unit: Unit
    measure: Measure
    part: str
    period: Month | int
    old: float | None
    new: float | None

    def describe(self) -> str:
        label = self.measure.name + (f", {PART_NAMES[self.part].lower()}" if self.part else "")
        when = self.period.label() if isinstance(self.period, Month) else str(self.period)
        old = format_value(self.measure, self.old)
        new = format_value(self.measure, self.new)
        return f"{self.where}: {self.unit.name} · {label} · {when}: {old} → {new}"


@dataclass
class ImportResult:
    """What an import did (or, with --dry-run, would do)."""

    file: str
    rows: int
    changes: list[PlannedChange] = field(default_factory=list)
    masked_skipped: int = 0
    dry_run: bool = False
    implausible: list[str] = field(default_factory=list)  # changes the jump rule doubts (stored with --force)

    def lines(self) -> list[str]:
        """The Swedish summary printed after an import."""
        out: list[str] = []
        if self.dry_run:
            out += [c.describe() for c in self.changes]
            out += [f"Osannolikt: {text}" for text in self.implausible]
        if self.masked_skipped:
            out.append(
                f"{self.masked_skipped} maskerade celler (<N eller ..) lästes inte in; de lagrade värdena behålls."
            )
        n = len(self.changes)
        if not self.changes:
            out.append(
                f"Ingenting ändrades: alla {self.rows} värden i {self.file} finns redan i databasen."
                if self.rows else f"Ingenting ändrades: {self.file} innehåller inga värden."
            )
        elif self.dry_run:
            out.append(f"{n} {'värde' if n == 1 else 'värden'} skulle ändras. Ingenting sparades (--dry-run).")
        else:
            out.append(f"Importerade {self.file}: {n} {'värde' if n == 1 else 'värden'} ändrades.")
        return out


# -- reading files ---------------------------------------------------------------------------


def _is_masked(value) -> bool:
    text = str(value).strip() if value is not None else ""
    return text == SECONDARY_TEXT or (text.startswith("<") and text[1:].strip().isdigit())


def read_csv(path: Path) -> tuple[list[ImportRow], list[str]]:
    """Rows of a long CSV (comma or semicolon separated, as Excel saves it)."""
    text = read_csv_text(path)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    fieldnames, records = csv_records(text.splitlines(), delimiter)
    fields = [f.strip() for f in fieldnames]
    missing = [f for f in ("unit", "measure", "period", "value") if f not in fields]
    if missing:
        return [], [f"Rad 1: kolumnen {', '.join(missing)} saknas. {CSV_HINT}"]
    rows = []
    for line_no, raw in enumerate(records, start=2):
        row = {(k or "").strip(): (v or "") for k, v in raw.items() if k is not None}
        if not any(str(v).strip() for v in row.values()):
            continue  # blank lines are not rows
        rows.append(
            ImportRow(
                where=f"Rad {line_no}",
                unit=row.get("unit", "").strip(),
                measure=row.get("measure", "").strip(),
                part=row.get("part", "").strip().upper(),
                period=row.get("period", "").strip(),
                value=row.get("value", ""),
            )
        )
    return rows, []


def read_xlsx(store, path: Path) -> tuple[list[ImportRow], list[str]]:
    """Cells of every sheet of an xlsx that `tracker export` wrote."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        return [], [f"”{path.name}” går inte att läsa som xlsx ({type(exc).__name__})."]
    unknown = uncached_formula_cells(path)
    if unknown:
        wb.close()
        return [], [
            f"{where}: formeln har inget sparat resultat, så värdet är okänt. Öppna filen i Excel, spara den "
            "och importera igen, eller skriv in talet i cellen."
            for where in unknown
        ]
    rows: list[ImportRow] = []
    problems: list[str] = []
    catalog, units = store.catalog, store.units
    try:
        snapshot: dict[tuple, object] = {}
        if exp.SNAPSHOT_SHEET in wb.sheetnames:
            for unit, code, part, period, value in list(wb[exp.SNAPSHOT_SHEET].iter_rows(values_only=True))[1:]:
                snapshot[(str(unit), str(code), str(part or ""), str(period))] = value
        for ws in wb.worksheets:
            if ws.title == exp.SNAPSHOT_SHEET:
                continue
            grid = [list(r) for r in ws.iter_rows(values_only=True)]
            found = _read_sheet(ws.title, grid, catalog, units, snapshot)
            if isinstance(found, str):
                problems.append(found)
            else:
                rows.extend(found)
    finally:
        wb.close()
    return rows, problems


def _read_sheet(title: str, grid: list[list], catalog: Catalog, units, snapshot: dict) -> list[ImportRow] | str:
    sheet = f"Blad ”{title}”"
    info: dict[str, object] = {}
    header_at = None
    for i, cells in enumerate(grid[:40]):
        first = cells[0] if cells else None
        if first in (exp.LABEL_UNIT_CODE, exp.LABEL_YEAR) and len(cells) > 1:
            info[first] = cells[1]
        if first == exp.HEAD_MEASURE:
            header_at = i
            break
    if header_at is None or exp.LABEL_UNIT_CODE not in info or exp.LABEL_YEAR not in info:
        return (
            f"{sheet}: bladet ser inte ut som en export från tracker (raderna ”{exp.LABEL_UNIT_CODE}”, "
            f"”{exp.LABEL_YEAR}” och rubrikraden ”{exp.HEAD_MEASURE}” saknas). Exportera med `tracker export`."
        )
    unit_code = str(info[exp.LABEL_UNIT_CODE]).strip()
    year_text = str(info[exp.LABEL_YEAR]).strip()
    heads = {str(h).strip(): j for j, h in enumerate(grid[header_at]) if h is not None}
    month_cols = {m: heads.get(month_name(m, True)) for m in range(1, 13)}
    needed = [exp.HEAD_CODE, exp.HEAD_PART, exp.HEAD_CURRENT] + [month_name(m, True) for m in range(1, 13)]
    lacking = [h for h in needed if h not in heads]
    if lacking:
        return f"{sheet}: kolumnen {', '.join(lacking)} saknas i rubrikraden. Ändra inte kolumnrubrikerna."
    unit = units.get(unit_code) if unit_code in units else None
    out: list[ImportRow] = []
    for i in range(header_at + 1, len(grid)):
        cells = grid[i] + [None] * (len(heads) + 3)
        code = cells[heads[exp.HEAD_CODE]]
        if code is None or not str(code).strip():
            continue  # section headings and blank rows
        code = str(code).strip()
        part = str(cells[heads[exp.HEAD_PART]] or "").strip().upper()
        where_row = f"{sheet}, rad {i + 1}"
        measure = catalog.get(code) if code in catalog else None
        # Cells that are computed (roll-ups, part totals, ratios, sums) are checked, never written.
        check_only = bool(
            unit is not None and measure is not None
            and row_readonly_reason(catalog, Scope({}, rollup=not unit.is_enhet), measure, part)
        )
        if measure is not None and measure.is_annual:
            value = cells[heads[exp.HEAD_CURRENT]]
            if unit is not None and not unit.is_enhet:
                continue  # annual values are not summable; the roll-up shows none
            out.append(ImportRow(f"{where_row}, {exp.HEAD_CURRENT}", unit_code, code, part, year_text, value,
                                 check_only))
            continue
        for m, j in month_cols.items():
            period = f"{year_text}-{m:02d}" if year_text.isdigit() else year_text
            exported = snapshot.get((unit_code, code, part, period)) if check_only else None
            out.append(
                ImportRow(f"{where_row}, {month_name(m, True)}", unit_code, code, part, period, cells[j], check_only,
                          exported)
            )
    return out


# -- checking --------------------------------------------------------------------------------


@dataclass
class _Checked:
    row: ImportRow
    unit: Unit
    measure: Measure
    period: Month | int
    value: float | None


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def plan_import(store, rows: list[ImportRow], file: str, masked: int = 0, reason: str | None = None) -> ImportResult:
    """Check every row and work out the changes; raise ImportProblems listing every problem."""
    catalog, units = store.catalog, store.units
    problems: list[tuple[int, str]] = []  # (row index, message): reported in file order
    checked: list[_Checked] = []
    computed: list[tuple[int, _Checked]] = []

    def problem(index: int, row: ImportRow, exc: Exception | str) -> None:
        problems.append((index, f"{row.where}: {_sentence(str(exc))}"))

    for index, row in enumerate(rows):
        try:
            if not row.unit:
                raise InputError("enhetskoden saknas (kolumnen unit).")
            if not row.measure:
                raise InputError("måttkoden saknas (kolumnen measure).")
            unit = units.find(row.unit)
            measure = catalog.find(row.measure)
            if not row.period:
                raise InputError("perioden saknas; ange ÅÅÅÅ-MM, eller ÅÅÅÅ för årsmått.")
            period = parse_period(row.period)
            if row.check_only:
                # computed cells hold ratios and means too, so any number is read as it is
                value = row.value if isinstance(row.value, (int, float)) else parse_entry(row.value, measure)
                computed.append((index, _Checked(row, unit, measure, period, value)))
                continue
            value = parse_entry(row.value, measure)
            if value is None and _empty_cell(store, unit, measure, row.part, period):
                continue  # an empty cell where nothing is stored changes nothing (e.g. jan of a quarterly row)
            store.check_target(unit, measure, row.part, period, value)
        except TrackerError as exc:
            problem(index, row, exc)
            continue
        checked.append(_Checked(row, unit, measure, period, value))
    order = {id(c): i for i, c in enumerate(checked)}
    index_of = {id(c): rows.index(c.row) for c in checked}

    # the same cell twice with different values is ambiguous
    first_seen: dict[tuple, _Checked] = {}
    for c in checked:
        key = (c.unit.code, c.measure.code, c.row.part, c.period)
        if key in first_seen and not _same(first_seen[key].value, c.value):
            problem(
                index_of[id(c)], c.row,
                f"samma cell finns redan på {first_seen[key].row.where.lower()} med ett annat värde "
                f"({format_value(c.measure, first_seen[key].value)}). Ta bort den ena raden.",
            )
        first_seen.setdefault(key, c)

    # stored values and the state after the whole file, per enhet and year
    stored: dict[tuple[str, int], dict] = {}

    def stored_of(unit_code: str, year: int) -> dict:
        if (unit_code, year) not in stored:
            stored[(unit_code, year)] = store.unit_values([unit_code], [year])[unit_code]
        return stored[(unit_code, year)]

    after: dict[tuple[str, int], dict] = {}
    for c in checked:
        year = _year(c.period)
        state = after.setdefault((c.unit.code, year), dict(stored_of(c.unit.code, year)))
        key = (c.measure.code, c.row.part, c.period)
        if c.value is None:
            state.pop(key, None)
        else:
            state[key] = c.value

    changes: list[PlannedChange] = []
    seen: set = set()
    for c in sorted(checked, key=lambda c: order[id(c)]):
        year = _year(c.period)
        key = (c.measure.code, c.row.part, c.period)
        old = stored_of(c.unit.code, year).get(key)
        try:
            check_value(catalog, Scope(after[(c.unit.code, year)]), c.measure, c.row.part, c.period, c.value)
            if _same(old, c.value) or (c.unit.code, *key) in seen:
                continue
            store.check_permitted([(c.unit.code, c.measure.code, c.row.part, c.period)], reason)
        except TrackerError as exc:
            problem(index_of[id(c)], c.row, exc)
            continue
        seen.add((c.unit.code, *key))
        changes.append(PlannedChange(c.row.where, c.unit, c.measure, c.row.part, c.period, old, c.value))

    # A computed cell (a total, ratio or roll-up) was not edited if it shows the value it was
    # exported with; for files without that record, if it shows the value before the import
    # or after it (the person kept it in step).
    snapshot_known = any(c.row.exported is not None for _i, c in computed)
    def scope_for(unit: Unit, year: int, states: dict) -> Scope:
        enheter = [unit] if unit.is_enhet else units.enheter_under(unit.code)
        values = {e.code: states.get((e.code, year), stored_of(e.code, year)) for e in enheter}
        return Scope(values[unit.code]) if unit.is_enhet else roll_up(values)

    for index, c in computed:
        if c.row.exported is not None or (snapshot_known and c.value is None):
            if _same(_number(c.row.exported), c.value):
                continue  # as exported: not edited, whatever the stored values are now
        year = _year(c.period)
        before_value = series(catalog, scope_for(c.unit, year, {}), c.measure, c.row.part or None).get(c.period)
        after_value = series(catalog, scope_for(c.unit, year, after), c.measure, c.row.part or None).get(c.period)
        if _same(before_value, c.value) or _same(after_value, c.value):
            continue
        reason = row_readonly_reason(catalog, Scope({}, rollup=not c.unit.is_enhet), c.measure, c.row.part)
        problem(
            index, c.row,
            f"värdet räknas fram och kan inte ändras i filen (sparat {format_value(c.measure, before_value)}, "
            f"i filen {format_value(c.measure, c.value)}). {reason}",
        )

    if problems:
        raise ImportProblems([text for _i, text in sorted(problems, key=lambda p: p[0])], file)
    return ImportResult(file, len(checked), changes, masked)


def plausibility_problems(store, changes: list[PlannedChange]) -> list[str]:
    """The changes the jump rule finds implausible, judged against the state after the whole file.

    Stored values are read once per enhet for the years involved and the year before.
    """
    rule = store.jump_rule()
    years: dict[str, set[int]] = {}
    for c in changes:
        if c.new is not None:
            year = _year(c.period)
            years.setdefault(c.unit.code, set()).update((year - 1, year))
    state = {code: store.unit_values([code], sorted(ys))[code] for code, ys in years.items()}
    for c in changes:
        if c.unit.code in state:
            key = (c.measure.code, c.part, c.period)
            if c.new is None:
                state[c.unit.code].pop(key, None)
            else:
                state[c.unit.code][key] = c.new
    out = []
    for c in changes:
        if c.new is None:
            continue
        values = state[c.unit.code]
        previous, last_year = (
            None if ref is None else values.get((c.measure.code, c.part, ref)) for ref in references(c.period)
        )
        doubt = plausibility_refusal(rule, c.new, previous, last_year, annual=c.measure.is_annual)
        if doubt:
            out.append(f"{c.where}: {c.unit.name} · {c.measure.name}: {doubt}")
    return out


def _number(value):
    return value if isinstance(value, (int, float)) or value is None else None


def _year(period: Month | int) -> int:
    return period.year if isinstance(period, Month) else period


def _empty_cell(store, unit: Unit, measure: Measure, part: str, period: Month | int) -> bool:
    value, _revision = store.cell(unit.code, measure.code, part, period)
    return value is None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def read_file(store, path: Path) -> tuple[list[ImportRow], list[str], int]:
    """Rows of a CSV or xlsx file, problems reading it, and how many masked cells were skipped."""
    if not path.exists():
        raise InputError(f"Filen ”{path}” finns inte. Ange en CSV- eller xlsx-fil som `tracker export` skrivit.")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows, problems = read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows, problems = read_xlsx(store, path)
    else:
        raise InputError(
            f"”{path.name}” är varken .csv eller .xlsx. Importera en fil som `tracker export` skrivit."
        )
    kept = [r for r in rows if not _is_masked(r.value)]
    return kept, problems, len(rows) - len(kept)


def import_file(
    store, path: Path, dry_run: bool = False, reason: str | None = None, force: bool = False
) -> ImportResult:
    """Check a whole file, then write every change in one transaction (or, with dry_run, nothing).

    `reason` is needed (from an admin) when the file changes a locked month; it goes into the log.
    Implausible values (the jump rule) are listed by a dry run and refused unless `force`.
    """
    path = Path(path)
    rows, problems, masked = read_file(store, path)
    if problems:
        raise ImportProblems(problems, path.name)
    result = plan_import(store, rows, path.name, masked, reason)
    result.dry_run = dry_run
    result.implausible = plausibility_problems(store, result.changes)
    if result.implausible and not (dry_run or force):
        raise ImportProblems(
            [*result.implausible, "Rätta värdena, eller importera med --force om de stämmer."], path.name
        )
    if dry_run or not result.changes:
        return result
    writes = [ValueWrite(c.unit.code, c.measure.code, c.part, c.period, c.new) for c in result.changes]
    store.set_values(writes, source="import", file=path.name, reason=reason)
    return result
