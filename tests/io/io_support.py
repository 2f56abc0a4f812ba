"""Helpers for the io tests: the reference database built through the store, and running `tracker`."""

from __future__ import annotations

import csv
import math
import subprocess
import sys
from pathlib import Path

from tracker.core.catalog import parse_catalog_file, parse_catalog_toml
from tracker.core.periods import Month
from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
REFERENCE = DATA / "katrineholm-volymutveckling-2023.csv"
OWN_MEASURES = ROOT / "examples" / "egna_matt.toml"
KATRINEHOLM_BREAKS = ROOT / "examples" / "katrineholm_serieavbrott.toml"
PLAC, VUX, MOTT = "IFO.BOU.PLAC", "IFO.VUX.VUX", "IFO.BOU.MOTT"


# The published table writes "vård dygn" and "0-20 år"; the standard catalog spells its row names
# as Swedish is written ("vårddygn", an en dash in a range). The figures and notes are compared as published.
OUR_SPELLING = [("vård dygn", "vårddygn"), ("(0-20 år)", "(0–20 år)")]


def reference_rows() -> list[dict]:
    with REFERENCE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        for published, ours in OUR_SPELLING:
            row["volymmatt"] = row["volymmatt"].replace(published, ours)
    return rows


def spread(total: int) -> list[int]:
    """Twelve whole months that add up to a year total."""
    base, rest = divmod(total, 12)
    return [base + (1 if i < rest else 0) for i in range(12)]


def stock_months(mean: int) -> list[int]:
    """Twelve month-end counts whose mean is the given value (six above, six below)."""
    return [mean + 5] * 6 + [mean - 5] * 6


def add_own_measures(store: Store) -> None:
    store.add_measures(parse_catalog_toml(OWN_MEASURES.read_text("utf-8"), own=True))
    store.change_unit_measures(VUX, add="egen.varnas.dygn,egen.varnas.unika")
    store.change_unit_measures(MOTT, add="egen.foraldrastod")


def add_katrineholm_breaks(store: Store) -> None:
    """Katrineholm's series breaks (vux.vd.inst 2021, bou.vd.* 2023) from the example file."""
    store.import_catalog_file(parse_catalog_file(KATRINEHOLM_BREAKS.read_text("utf-8")))


def enter_year_value(store: Store, code: str, year: int, value: int | None) -> list[ValueWrite]:
    """Writes that make a measure's year value come out as `value`, by its kind."""
    if value is None:
        return []
    catalog, units = store.catalog, store.units
    measure = catalog.get(code)
    unit = next(u.code for u in units.units if u.is_enhet and code in u.measures)
    if measure.is_annual:
        return [ValueWrite(unit, code, "", year, value)]
    months = spread(value) if measure.kind == "flow" else stock_months(value)
    writes = []
    for m, total in enumerate(months, start=1):
        if measure.parts:
            first = math.ceil(total / 2)
            writes.append(ValueWrite(unit, code, measure.parts[0], Month(year, m), first))
            writes.append(ValueWrite(unit, code, measure.parts[1], Month(year, m), total - first))
        else:
            writes.append(ValueWrite(unit, code, "", Month(year, m), total))
    return writes


def build_reference_store(store: Store) -> None:
    """Enter the reference Volymutveckling 2023 through the store, month by month."""
    create_example_tree(store)
    add_own_measures(store)
    add_katrineholm_breaks(store)
    by_name = {m.report_name: m.code for m in store.catalog.measures if m.report_name}
    writes: list[ValueWrite] = []
    for row in reference_rows():
        code = by_name[row["volymmatt"]]
        for year in (2023, 2022):
            text = row[f"utfall_{year}"]
            writes += enter_year_value(store, code, year, int(text) if text else None)
    store.set_values(writes, source="import", file="referens")


def run_tracker(*args, cwd=None) -> subprocess.CompletedProcess:
    """Run the real command as a person would."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *map(str, args)],
        capture_output=True, text=True, cwd=cwd or ROOT, timeout=120,
    )


def fill_small_year(store: Store, year: int = 2023) -> None:
    """A few months of realistic values in two enheter (with parts, varav, an annual value, zero)."""
    writes = []
    for m in range(1, 7):
        month = Month(year, m)
        writes += [
            ValueWrite(PLAC, "bou.plac.fh.sol", "F", month, 15 + m % 2),
            ValueWrite(PLAC, "bou.plac.fh.sol", "P", month, 28),
            ValueWrite(PLAC, "bou.vd.fh", "", month, 2300 + 10 * m),
            ValueWrite(MOTT, "bou.akt", "", month, 200 + m),
            ValueWrite(MOTT, "bou.akt.oro", "", month, 150 + m),
            ValueWrite(MOTT, "bou.fhb", "", month, 100),
            ValueWrite(MOTT, "bou.fhb.14d", "", month, 90 - m),
            ValueWrite(PLAC, "bou.plac.sis", "F", month, 0),
            ValueWrite(PLAC, "bou.plac.sis", "P", month, 2),
        ]
        prev = Month(year - 1, m)
        writes += [
            ValueWrite(PLAC, "bou.plac.fh.sol", "F", prev, 14),
            ValueWrite(PLAC, "bou.plac.fh.sol", "P", prev, 30),
            ValueWrite(MOTT, "bou.akt", "", prev, 190),
        ]
    writes.append(ValueWrite(PLAC, "bou.unika.fh", "", year, 100))
    writes.append(ValueWrite(PLAC, "bou.unika.fh", "", year - 1, 119))
    store.set_values(writes, source="cli")
