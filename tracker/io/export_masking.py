"""Masking an export's small numbers: which cells hide, and how a reader is told.

A small value is masked, and so is every cell it could be worked out from: the months against the
period value, a total against its parts, a sum against its members, a ratio against its numerator
and denominator, a roll-up against the units below (see core.masking for the rule).
"""

from __future__ import annotations

from tracker.core.masking import Dependent, Relation, suppress
from tracker.core.periods import Month
from tracker.core.yearview import Row
from tracker.io.export_data import MONTH_COLS, SUMMARY_COLS, Export, UnitSheet

COUNT_COLS = (*MONTH_COLS, "cur", "prev")  # the cells that hold counts, as opposed to changes


def masking_note(threshold: int) -> str:
    """The sentence that explains masked cells to a reader."""
    return (
        f"Värden från 1 till {threshold - 1} visas som <{threshold}. Värden som annars skulle kunna "
        "räknas fram ur summor eller delar visas som ..."
    )


def cell_value(row: Row, col, year: int):
    """The number behind one cell of a row (None when missing or not a number)."""
    if isinstance(col, int):
        return row.months.get(Month(year, col))
    c = row.comparison
    if col == "cur":
        return c.current.value
    if col == "prev":
        return c.previous.value
    if col == "change":
        return c.change
    if col == "pct":
        return c.change_pct
    if col == "trend":
        return 1 if c.trend is not None or c.target is not None else None
    raise KeyError(col)


class _Cells:
    """The cells of an export as masking sees them: values, which are counts, and how they relate."""

    def __init__(self) -> None:
        self.values: dict = {}
        self.counts: list = []
        self.relations: list[Relation] = []
        self.dependents: list[Dependent] = []


def decide_masking(store, export: Export, threshold: int) -> dict:
    """The masked cells of an export: (unit, measure, part, column) -> state (see core.masking)."""
    cells = _Cells()
    in_export = {s.unit.code for s in export.sheets}
    for sheet in export.sheets:
        present = {(r.measure.code, r.part) for r in sheet.rows}
        for row in sheet.rows:
            _add_row(cells, sheet.unit.code, row, export.year, present)
        if not sheet.unit.is_enhet:
            children = [c.code for c in store.units.children(sheet.unit.code) if c.code in in_export]
            _add_rollup(cells, sheet, children)
    return suppress(cells.values, threshold, counts=cells.counts, relations=cells.relations,
                    dependents=cells.dependents)


def _add_row(cells: _Cells, u: str, row: Row, year: int, present: set) -> None:
    """A row's cells, and what each can be worked out from."""
    m, part = row.measure, row.part

    def key(code, part, col):
        return (u, code, part, col)

    for col in MONTH_COLS + SUMMARY_COLS:
        cells.values[key(m.code, part, col)] = cell_value(row, col, year)
    if not m.is_ratio:
        cells.counts += [key(m.code, part, col) for col in COUNT_COLS]
    cells.dependents.append(
        Dependent(
            tuple(key(m.code, part, c) for c in ("change", "pct", "trend")),
            (key(m.code, part, "cur"), key(m.code, part, "prev")),
        )
    )
    compared = row.comparison.months
    if m.is_annual or m.is_ratio or not compared:
        pass
    elif m.kind == "flow" or (m.kind == "stock" and m.stock_summary == "mean"):
        # the period value is the sum (or the sum over n months) of the months shown
        months = [key(m.code, part, mo.month) for mo in compared]
        cells.relations.append(Relation((*months, key(m.code, part, "cur"))))
    else:
        last = compared[-1].month
        cells.relations.append(Relation((key(m.code, part, last), key(m.code, part, "cur"))))
    _add_derived_relations(cells, key, row, present)


def _add_derived_relations(cells: _Cells, key, row: Row, present: set) -> None:
    """A total row against its parts, a sum against its members, a ratio against its terms."""
    m = row.measure
    if m.parts and not row.part:
        for col in COUNT_COLS:
            cells.relations.append(Relation((key(m.code, "", col), *(key(m.code, p, col) for p in m.parts))))
    if m.sum_of and not row.part:
        for col in COUNT_COLS:
            members = [key(c, "", col) for c in m.sum_of if (c, "") in present]
            # hide the derived sum rather than another row, which would spread into its parts
            total = key(m.code, "", col)
            cells.relations.append(Relation((total, *members), prefer=(total,)))
    if m.is_ratio:
        for col in COUNT_COLS:
            ratio = key(m.code, "", col)
            cells.relations.append(
                Relation((key(m.numerator, "", col), key(m.denominator, "", col), ratio), prefer=(ratio,))
            )


def _add_rollup(cells: _Cells, sheet: UnitSheet, children: list[str]) -> None:
    """A roll-up is the sum of the units directly below it."""
    u = sheet.unit.code
    for row in sheet.rows:
        if row.measure.is_annual or row.measure.is_ratio:
            continue
        for col in COUNT_COLS:
            cells.relations.append(
                Relation(
                    ((u, row.measure.code, row.part, col),
                     *((c, row.measure.code, row.part, col) for c in children))
                )
            )
