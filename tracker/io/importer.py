"""`tracker import`: values from the long CSV or the xlsx that export writes, all or nothing.

The checks run in stages over the whole file, each in bulk: read the rows; check each row on its
own (codes, period, value, what the cell accepts); find cells given twice; check the state after
the whole file (read once per enhet and year: varav rules, then roles and locks for what
changes); check computed cells. Every problem is reported with its row, in file order. Only a
file without problems is written, in one short transaction (store.write_checked). Cells whose
value is already stored are left alone, so importing the same file twice changes nothing.

The module is long because the stages are one pipeline over the same rows and problems; each
stage is a function of its own below, in the order they run.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tracker.core.catalog import Catalog, Measure
from tracker.core.entry import check_entry_period, parse_entry, plausibility_refusal, references
from tracker.core.errors import InputError, ReasonRequired, TrackerError
from tracker.core.masking import SECONDARY_TEXT
from tracker.core.periods import Month, parse_period, period_label
from tracker.core.presentation import format_value
from tracker.core.scope import Scope, check_value, roll_up, series
from tracker.core.swedish import format_number, month_name
from tracker.core.units import Unit
from tracker.core.yearview import row_readonly_reason
from tracker.io.file_text import csv_records, read_csv_text, uncached_formula_cells
from tracker.io.formats import heads as exp  # the column heads an export writes
from tracker.store.values_store import StaleState, check_open

PROGRESS_STEP = 5000  # rows between progress reports
WRITE_ATTEMPTS = 3  # times a file is checked when others save during its import; the last under the lock
CSV_HINT = f"Kolumnerna ska vara {', '.join(exp.CSV_FIELDS)} (som `tracker export --format csv` skriver)."


# From this many rows in a row with the same problem, the printed list says it once.
SAME_PROBLEM_RUN = 3
# How many unknown (unit, measure) pairs of a file get a "Menade du …?" (see _check_rows).
SUGGESTED_UNKNOWN = 100


class ImportProblems(InputError):
    """The file has problems; nothing was written. One Swedish line per problem."""

    def __init__(
        self, problems: list[str], file: str, needs_reason: bool = False, parts: list[tuple[str, str]] | None = None
    ):
        self.problems = problems
        self.file = file
        self.needs_reason = needs_reason  # a locked month this login may change with a reason
        self.parts = parts  # (where, what) of each problem, when each names a row
        super().__init__("\n".join(problems))

    def lines(self) -> list[str]:
        """What is printed: a line per problem, so a person can work through the file row by row;
        rows in a row with the same problem (a mistyped unit code repeats on every row of it) as
        one line naming the first and the last, and a closing line."""
        out: list[str] = []
        parts = self.parts or []
        i = 0
        while i < len(self.problems):
            j = i
            while parts and j + 1 < len(parts) and parts[j + 1][1] == parts[i][1]:
                j += 1
            if j - i + 1 >= SAME_PROBLEM_RUN:
                out.append(
                    f"{parts[i][0]} … {parts[j][0]} ({format_number(j - i + 1)} rader med samma fel): {parts[i][1]}"
                )
            else:
                out.extend(self.problems[i:j + 1])
            i = j + 1
        summary = f"Ingenting sparades: {format_number(len(self.problems))} fel i {self.file}. Rätta raderna och importera igen."
        return [*out, summary]


@dataclass(slots=True)
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


@dataclass(slots=True)
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
        label = self.measure.label(self.part)
        when = period_label(self.period)
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
                f"{format_number(self.masked_skipped)} maskerade celler (<N eller ..) lästes inte in; de lagrade "
                "värdena behålls."
            )
        n = len(self.changes)
        if not self.changes:
            out.append(
                f"Ingenting ändrades: alla {format_number(self.rows)} värden i {self.file} finns redan i databasen."
                if self.rows else f"Ingenting ändrades: {self.file} innehåller inga värden."
            )
        elif self.dry_run:
            out.append(f"{format_number(n)} {'värde' if n == 1 else 'värden'} skulle ändras. Ingenting sparades (--dry-run).")
        else:
            out.append(f"Importerade {self.file}: {format_number(n)} {'värde' if n == 1 else 'värden'} ändrades.")
        return out


# -- reading files ---------------------------------------------------------------------------


def _is_masked(value) -> bool:
    text = str(value).strip() if value is not None else ""
    return text == SECONDARY_TEXT or (text.startswith("<") and text[1:].strip().isdigit())


def read_csv(path: Path) -> tuple[list[ImportRow], list[str]]:
    """Rows of a long CSV (comma or semicolon separated, as Excel saves it)."""
    text = read_csv_text(path)
    lines = text.splitlines()
    first = lines[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header, records = csv_records(lines, delimiter)
    # a column named twice counts with its last occurrence, as csv.DictReader would read it
    at = {name.strip(): j for j, name in enumerate(header)}
    missing = [f for f in exp.CSV_FIELDS if f not in at and f not in exp.CSV_OPTIONAL]
    if missing:
        return [], [f"Rad 1: kolumnen {', '.join(missing)} saknas. {CSV_HINT}"]
    columns = list(at.values())
    width = max(columns) + 1
    if min(map(len, records), default=width) < width:
        for raw in records:
            if len(raw) < width:
                raw += [""] * (width - len(raw))
    i_unit, i_measure, i_period, i_value, i_part = at["unit"], at["measure"], at["period"], at["value"], at.get("part")
    # column by column: a whole file's rows are read in a few passes that each do one thing
    units = [raw[i_unit].strip() for raw in records]
    parts = [raw[i_part].strip().upper() for raw in records] if i_part is not None else [""] * len(records)
    rows = list(
        map(
            ImportRow,
            [f"Rad {line_no}" for line_no in range(2, len(records) + 2)],  # empty lines are not counted, as before
            units,
            [raw[i_measure].strip() for raw in records],
            parts,
            [raw[i_period].strip() for raw in records],
            [raw[i_value] for raw in records],
        )
    )
    if "" in units:  # blank lines are not rows
        rows = [row for row, raw in zip(rows, records, strict=True) if row.unit or any(raw[j].strip() for j in columns)]
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


class _Checked:
    """A row that passed the checks of its own, with the keys the later stages look it up by."""

    __slots__ = ("index", "row", "unit", "measure", "period", "value", "year", "at", "cell")

    def __init__(self, index: int, row: ImportRow, unit: Unit, measure: Measure, period, value, year: int) -> None:
        self.index = index  # position in the file's rows: problems are reported in this order
        self.row = row
        self.unit = unit
        self.measure = measure
        self.period = period
        self.value = value
        self.year = year  # the period's year
        self.at = (unit.code, year)  # the enhet and year whose state the row is judged in
        self.cell = (measure.code, row.part, period)  # the row's key in that state


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


class _Problems:
    """Problems as found, stage by stage; reported sorted by row, a row's own in the order found."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str, str]] = []
        self.needs_reason = False

    def add(self, index: int, row: ImportRow, exc: Exception | str) -> None:
        self.found.append((index, row.where, _sentence(str(exc))))
        self.needs_reason = self.needs_reason or isinstance(exc, ReasonRequired)

    def raise_if_any(self, file: str) -> None:
        if self.found:
            ordered = sorted(self.found, key=lambda p: p[0])
            raise ImportProblems(
                [f"{where}: {what}" for _i, where, what in ordered], file, self.needs_reason,
                [(where, what) for _i, where, what in ordered],
            )


class _StoredState:
    """The stored values, read once per unit and year, and the state after the file."""

    def __init__(self, store) -> None:
        self.store = store
        self.catalog = store.catalog
        self.stored: dict[tuple[str, int], dict] = {}
        self.after: dict[tuple[str, int], dict] = {}
        self._scopes: dict[tuple[str, int], Scope] = {}
        self._broken: dict[tuple[str, int], set] = {}
        self.varav_pairs = [(m, self.catalog.get(m.varav_of)) for m in self.catalog.measures if m.varav_of]
        self.varav_codes = {code for pair in self.varav_pairs for code in (pair[0].code, pair[1].code)}
        self.varav_rows = frozenset(self.catalog.with_dependencies(self.varav_codes))

    def of(self, unit_code: str, year: int) -> dict:
        key = (unit_code, year)
        if key not in self.stored:
            self.stored[key] = self.store.unit_values([unit_code], [year])[unit_code]
        return self.stored[key]

    def apply(self, checked: list[_Checked]) -> None:
        """The state of every enhet and year the file touches once the whole file is written."""
        after, of = self.after, self.of
        at, state = None, None
        for c in checked:
            if c.at != at:  # rows come grouped by enhet and year, as an export writes them
                at = c.at
                state = after.get(at)
                if state is None:
                    state = after[at] = dict(of(*at))
            if c.value is None:
                state.pop(c.cell, None)
            else:
                state[c.cell] = c.value

    def values_after(self, unit_code: str, year: int) -> dict:
        """An enhet's values of a year once the whole file is written (apply first)."""
        found = self.after.get((unit_code, year))
        return found if found is not None else self.of(unit_code, year)

    def after_scope(self, unit_code: str, year: int) -> Scope:
        """The state after the file of the rows varav rules compare (and what they are computed from)."""
        key = (unit_code, year)
        if key not in self._scopes:
            codes = self.varav_rows
            self._scopes[key] = Scope({k: v for k, v in self.after[key].items() if k[0] in codes})
        return self._scopes[key]

    def varav_holds(self, c: _Checked) -> bool:
        """True when check_value cannot refuse this row: the state after the file holds the row's own
        value and no varav rule of its measure is broken that month. Otherwise check_value decides."""
        key = c.at
        if self.after[key].get(c.cell) != c.value:
            return False  # an earlier row for a cell the file sets again: check it with its own value
        if key not in self._broken:
            scope = self.after_scope(*key)
            broken: set = set()
            for child, parent in self.varav_pairs:
                child_values = series(self.catalog, scope, child)
                parent_values = series(self.catalog, scope, parent)
                for period, value in child_values.items():
                    if period in parent_values and value > parent_values[period]:
                        broken.update(((child.code, period), (parent.code, period)))
            self._broken[key] = broken
        return (c.measure.code, c.period) not in self._broken[key]


def _attempt(compute):
    """compute()'s result, or the TrackerError it raised (kept to raise again, with the same message)."""
    try:
        return compute()
    except TrackerError as exc:
        return exc


def _check_rows(store, rows: list[ImportRow], problems: _Problems, state: _StoredState, progress):
    """Each row on its own: codes, period, value and what the cell accepts.

    Every step depends only on the row's unit, measure and part, on its measure and period, or
    on its value, so each verdict is kept for what it depends on. A row whose (unit, measure,
    part) and (measure, period) were accepted before and whose value is plain digits is accepted
    at once, which is the verdict the steps would give it again.
    """
    catalog, units = store.catalog, store.units
    checked: list[_Checked] = []
    computed: list[_Checked] = []
    resolved: dict = {}  # (unit text, measure text) -> (Unit, Measure), or the error naming them
    unknown = 0  # pairs of those that named an unknown unit or measure
    period_of: dict = {}
    period_ok: dict = {}
    row_ok: dict = {}
    accepted_rows: dict = {}  # (unit text, measure text, part) -> (Unit, Measure) of a row accepted, open enhet
    accepted_periods: dict = {}  # (measure code, period text) -> (period, year) of a row accepted
    append = checked.append
    for index, row in enumerate(rows):
        if progress and index % PROGRESS_STEP == 0:
            progress(index)
        raw = row.value
        # plain digits (up to 12, so below the entry rule's maximum) are the common case: no parse needed
        plain = type(raw) is str and len(raw) <= 12 and raw.isdigit() and raw.isascii()
        if plain and not row.check_only:
            found = accepted_rows.get((row.unit, row.measure, row.part))
            if found is not None:
                when = accepted_periods.get((found[1].code, row.period))
                if when is not None:
                    append(_Checked(index, row, found[0], found[1], when[0], int(raw), when[1]))
                    continue
        try:
            if not row.unit:
                raise InputError("enhetskoden saknas (kolumnen unit).")
            if not row.measure:
                raise InputError("måttkoden saknas (kolumnen measure).")
            found = resolved.get((row.unit, row.measure))
            if found is None:
                # a suggestion ("Menade du …?") for the first few unknown codes: a file of thousands
                # of different garbage codes is refused as fast as before
                suggest = unknown < SUGGESTED_UNKNOWN
                found = resolved[(row.unit, row.measure)] = _attempt(
                    lambda r=row, s=suggest: (units.find(r.unit, suggest=s), catalog.find(r.measure, suggest=s))
                )
                unknown += type(found) is not tuple
            if type(found) is not tuple:
                raise found
            unit, measure = found
            if not row.period:
                raise InputError("perioden saknas; ange ÅÅÅÅ-MM, eller ÅÅÅÅ för årsmått.")
            period = period_of.get(row.period)
            if period is None:
                period = period_of[row.period] = _attempt(lambda r=row: parse_period(r.period))
            if isinstance(period, TrackerError):
                raise period
            year = _year(period)
            if row.check_only:
                # computed cells hold ratios and means too, so any number is read as it is
                value = row.value if isinstance(row.value, (int, float)) else parse_entry(row.value, measure)
                computed.append(_Checked(index, row, unit, measure, period, value, year))
                continue
            value = int(raw) if plain else parse_entry(raw, measure)
            if value is None and state.of(unit.code, year).get((measure.code, row.part, period)) is None:
                continue  # an empty cell where nothing is stored changes nothing (e.g. jan of a quarterly row)
            # store.check_target in two steps, each once per what it depends on (the value needs no
            # check: parse_entry only returns values the entry rule accepts)
            ok = row_ok.get((row.unit, row.measure, row.part), False)
            if ok is False:
                ok = row_ok[(row.unit, row.measure, row.part)] = _attempt(
                    lambda u=unit, m=measure, r=row: store.check_row(u, m, r.part)
                )
            if ok is not None:
                raise ok
            ok = period_ok.get((measure.code, row.period), False)
            if ok is False:
                ok = period_ok[(measure.code, row.period)] = _attempt(
                    lambda m=measure, p=period: check_entry_period(m, p, store.today)
                )
            if ok is not None:
                raise ok
            if unit.closed_from is not None:
                check_open(unit, period)
            else:
                accepted_rows[(row.unit, row.measure, row.part)] = found
            accepted_periods[(measure.code, row.period)] = (period, year)
        except TrackerError as exc:
            problems.add(index, row, exc)
            continue
        append(_Checked(index, row, unit, measure, period, value, year))
    return checked, computed


def _check_duplicates(checked: list[_Checked], problems: _Problems) -> bool:
    """The same cell twice with different values is ambiguous. True when any cell is repeated."""
    # a period's text is as canonical as the period itself, and quicker to compare
    if len({(c.at[0], c.cell[0], c.row.part, c.row.period) for c in checked}) == len(checked):
        return False
    first_seen: dict[tuple, _Checked] = {}
    repeated = False
    for c in checked:
        first = first_seen.setdefault((c.at[0], c.cell[0], c.row.part, c.row.period), c)
        if first is c:
            continue
        repeated = True
        if not _same(first.value, c.value):
            problems.add(
                c.index,
                c.row,
                f"samma cell finns redan på {first.row.where.lower()} med ett annat värde "
                f"({format_value(c.measure, first.value)}). Ta bort den ena raden.",
            )
    return repeated


def _check_final_state(
    store,
    checked: list[_Checked],
    computed: list[_Checked],
    state: _StoredState,
    problems: _Problems,
    reason,
    repeated: bool,
    progress,
) -> list[PlannedChange]:
    """Varav rules on the state after the whole file, then roles and locks for what changes."""
    catalog = store.catalog
    varav_codes = state.varav_codes
    varav_holds = state.varav_holds
    state.apply(checked)
    # roles and locks, for every enhet and period of the file at once (the verdict depends on the
    # pair only, so those of rows that change nothing are never looked at); one pass then judges
    # each row: varav rules, whether it changes anything, and a refused cell on each of its rows
    refused = store.write_refusals(list({(c.at[0], c.period): None for c in checked}), reason)
    seen: set = set()
    stored_in = state.stored
    changes: list[PlannedChange] = []
    append = changes.append
    for start in range(0, len(checked), PROGRESS_STEP):
        if progress:
            progress(start)
        for c in checked[start:start + PROGRESS_STEP]:
            at, cell, value = c.at, c.cell, c.value
            stored = stored_in[at]
            old = stored.get(cell) if stored else None
            if value is not None and cell[0] in varav_codes and not varav_holds(c):
                try:
                    check_value(catalog, state.after_scope(*at), c.measure, c.row.part, c.period, value)
                except TrackerError as exc:
                    problems.add(c.index, c.row, exc)
                    continue
            if old == value or (old is not None and value is not None and _same(old, value)):
                continue
            repeat = False
            if repeated:
                cell_key = (at[0], cell[0], c.row.part, c.row.period)
                repeat = cell_key in seen
                seen.add(cell_key)
            if refused:
                refusal = refused.get((at[0], c.period))
                if refusal is not None:
                    problems.add(c.index, c.row, refusal)
                    continue
            if not repeat:
                append(PlannedChange(c.row.where, c.unit, c.measure, cell[1], c.period, old, value))
    return changes


def _check_computed(store, computed: list[_Checked], state: _StoredState, problems: _Problems) -> None:
    """A computed cell (a total, ratio or roll-up) was not edited if it shows the value it was
    exported with; for files without that record, if it shows the value before the import or
    after it (the person kept it in step)."""
    catalog, units = store.catalog, store.units
    snapshot_known = any(c.row.exported is not None for c in computed)
    scopes: dict = {}
    series_of: dict = {}

    def scope_for(unit: Unit, year: int, after: bool) -> Scope:
        if (unit.code, year, after) not in scopes:
            enheter = [unit] if unit.is_enhet else units.enheter_under(unit.code)
            states = state.after if after else {}
            values = {e.code: states.get((e.code, year), state.of(e.code, year)) for e in enheter}
            scopes[(unit.code, year, after)] = Scope(values[unit.code]) if unit.is_enhet else roll_up(values)
        return scopes[(unit.code, year, after)]

    def value_of(c: _Checked, after: bool):
        year = _year(c.period)
        key = (c.unit.code, year, c.measure.code, c.row.part, after)
        if key not in series_of:
            series_of[key] = series(catalog, scope_for(c.unit, year, after), c.measure, c.row.part or None)
        return series_of[key].get(c.period)

    for c in computed:
        if c.row.exported is not None or (snapshot_known and c.value is None):
            if _same(_number(c.row.exported), c.value):
                continue  # as exported: not edited, whatever the stored values are now
        before_value = value_of(c, False)
        if _same(before_value, c.value) or _same(value_of(c, True), c.value):
            continue
        why = row_readonly_reason(catalog, Scope({}, rollup=not c.unit.is_enhet), c.measure, c.row.part)
        problems.add(
            c.index,
            c.row,
            f"värdet räknas fram och kan inte ändras i filen (sparat {format_value(c.measure, before_value)}, "
            f"i filen {format_value(c.measure, c.value)}). {why}",
        )


def plan_import(
    store, rows: list[ImportRow], file: str, masked: int = 0, reason: str | None = None, progress=None
) -> ImportResult:
    """Check every row and work out the changes; raise ImportProblems listing every problem.

    The checks run in stages over the whole file: each row on its own, then duplicates, then
    the state after the file (read once per enhet and year), then computed cells; the changes the
    jump rule doubts are listed in the result's `implausible`. `progress`, when given, is called
    with (stage label, rows done, rows in all).
    """
    problems = _Problems()
    state = _StoredState(store)

    def report(label: str, total: int):
        return (lambda done: progress(label, done, total)) if progress else None

    checked, computed = _check_rows(store, rows, problems, state, report("Kontrollerar rader", len(rows)))
    repeated = _check_duplicates(checked, problems)
    changes = _check_final_state(
        store, checked, computed, state, problems, reason, repeated, report("Kontrollerar summor", len(checked))
    )
    _check_computed(store, computed, state, problems)
    problems.raise_if_any(file)
    result = ImportResult(file, len(checked), changes, masked)
    result.implausible = plausibility_problems(store, changes, state)
    return result


def plausibility_problems(store, changes: list[PlannedChange], state: _StoredState) -> list[str]:
    """The changes the jump rule finds implausible, judged against the state after the whole file
    (`state`, as plan_import left it: the stored values of a year the file does not touch are read
    once per enhet and year)."""
    refs: dict = {}  # a file has few distinct periods and many rows per period
    values_after = state.values_after
    seen_at: tuple | None = None
    judged: list[PlannedChange] = []
    triples: list[tuple] = []
    for c in changes:
        if c.new is None:
            continue
        period = c.period
        found = refs.get(period)
        if found is None:
            before, same_last_year = references(period)
            found = refs[period] = (_year(period), before, _year(before) == _year(period), same_last_year)
        year, before, same_year, same_last_year = found
        unit = c.unit.code
        if seen_at != (unit, year):
            # changes come grouped by enhet and year: the two years compared with are found once a group
            seen_at = (unit, year)
            this_year = values_after(unit, year)
            last_year_values = values_after(unit, year - 1)
        code, part = c.measure.code, c.part
        judged.append(c)
        triples.append((
            c.new,
            (this_year if same_year else last_year_values).get((code, part, before)),
            None if same_last_year is None else last_year_values.get((code, part, same_last_year)),
        ))
    rule = store.jump_rule()
    out = []
    for i in rule.implausible_among(triples):
        c, (new, previous, last_year) = judged[i], triples[i]
        doubt = plausibility_refusal(rule, new, previous, last_year, annual=c.measure.is_annual)
        out.append(f"{c.where}: {c.unit.name} · {c.measure.name}: {doubt}")
    return out


def _number(value):
    return value if isinstance(value, (int, float)) or value is None else None


def _year(period: Month | int) -> int:
    return period.year if isinstance(period, Month) else period


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def read_file(store, path: Path) -> tuple[list[ImportRow], list[str], int]:
    """Rows of a CSV or xlsx file, problems reading it, and how many masked cells were skipped."""
    if not path.exists():
        raise InputError(f"Filen ”{path}” finns inte. Ange en CSV- eller xlsx-fil som `tracker export` skrivit.")
    if path.is_dir():
        raise InputError(f"”{path}” är en mapp. Ange en CSV- eller xlsx-fil som `tracker export` skrivit.")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows, problems = read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows, problems = read_xlsx(store, path)
    else:
        raise InputError(
            f"”{path.name}” är varken .csv eller .xlsx. Importera en fil som `tracker export` skrivit."
        )
    kept = [r for r in rows if (type(r.value) is str and r.value.isdigit()) or not _is_masked(r.value)]
    return kept, problems, len(rows) - len(kept)


def import_file(
    store, path: Path, dry_run: bool = False, reason: str | None = None, force: bool = False, progress=None
) -> ImportResult:
    """Check a whole file, then write every change in one transaction (or, with dry_run, nothing).

    `reason` is needed (from an admin) when the file changes a locked month; it goes into the log.
    Implausible values (the jump rule) are listed by a dry run and refused unless `force`.
    The checks read the database without locking it; the write is one short transaction, and
    when someone else saved in between, the file is checked again against what they saved (the
    last time holding the write lock, so that the import always ends).
    `progress`, when given, is called with (stage label, done, total).
    """
    path = Path(path)
    if not dry_run:
        store.require_some_enhet()  # one refusal (exit 3), not one per row of the file
    if progress:
        progress("Läser filen", 0, 0)
    with _no_cycle_collection():
        rows, problems, masked = read_file(store, path)
        if problems:
            raise ImportProblems(problems, path.name)
        for _attempt in range(WRITE_ATTEMPTS - 1):
            try:
                return _check_and_write(store, rows, path.name, masked, reason, dry_run, force, progress)
            except StaleState:
                continue  # someone saved while the file was checked: check again against that
        # Others keep saving: check and write holding the write lock, so this attempt cannot go
        # stale; they wait meanwhile (and are told in Swedish if the wait is too long).
        with store.write_lock():
            return _check_and_write(store, rows, path.name, masked, reason, dry_run, force, progress)


@contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused while a file is read, checked and written: it would walk
    the hundreds of thousands of rows the checks hold over and over (a third of a large import's
    time), and they form no cycles; reference counting still frees everything dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_and_write(
    store, rows, file: str, masked: int, reason, dry_run: bool, force: bool, progress
) -> ImportResult:
    version = store.data_version()
    result = plan_import(store, rows, file, masked, reason, progress)
    result.dry_run = dry_run
    if result.implausible and not (dry_run or force):
        raise ImportProblems(
            [*result.implausible, "Rätta värdena, eller importera med --force om de stämmer."], file
        )
    if dry_run or not result.changes:
        return result
    if progress:
        progress("Sparar", 0, 0)
    cells = [(c.unit.code, c.measure.code, c.part, c.period, c.old, c.new) for c in result.changes]
    store.write_checked(cells, version=version, source="import", file=file, reason=reason)
    return result
