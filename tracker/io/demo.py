"""Synthetic demo data shaped like a mid-sized municipality, clearly labelled as such.

Deterministic (seeded) so that a demo database looks the same every time it is built.
"""

from __future__ import annotations

import math
import random
from datetime import date

from tracker.core.periods import Month, last_completed_month
from tracker.io.example_tree import add_example_targets, create_example_tree
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

DEMO_LABEL = "DEMODATA – syntetiska siffror, inte en verklig kommun"
YEARS_BACK = 4

# Monthly level per (measure, part): flows are events a month, stocks a month-end count.
LEVELS = {
    ("bou.akt", ""): 200, ("bou.fhb", ""): 170,
    ("bou.utr.inledda", ""): 65, ("bou.utr.forlangda", ""): 8, ("bou.utr.avslutade", ""): 64,
    ("bou.utr.pagaende", ""): 350,
    ("bou.kontakt", "F"): 20, ("bou.kontakt", "P"): 30,
    ("bou.plac.fh.sol", "F"): 15, ("bou.plac.fh.sol", "P"): 28,
    ("bou.plac.fh.lvu", "F"): 12, ("bou.plac.fh.lvu", "P"): 10,
    ("bou.plac.jour", "F"): 3, ("bou.plac.jour", "P"): 3,
    ("bou.plac.hvb.sol", "F"): 1, ("bou.plac.hvb.sol", "P"): 3,
    ("bou.plac.hvb.lvu", "F"): 1, ("bou.plac.hvb.lvu", "P"): 4,
    ("bou.plac.sis", "F"): 1, ("bou.plac.sis", "P"): 3,
    ("bou.plac.stod", ""): 9,
    ("bou.vardnadsoverflyttade", "F"): 10, ("bou.vardnadsoverflyttade", "P"): 10,
    ("bou.vd.fh", ""): 2500, ("bou.vd.inst", ""): 550,
    ("vux.akt", ""): 45, ("vux.lvm.anm", ""): 3, ("vux.utr.inledda", ""): 11, ("vux.utr.avslutade", ""): 12,
    ("vux.utr.pagaende", ""): 44,
    ("vux.plac.hvb", "K"): 5, ("vux.plac.hvb", "M"): 12, ("vux.plac.lvm", "K"): 1, ("vux.plac.lvm", "M"): 2,
    ("vux.plac.fh", "K"): 1, ("vux.plac.fh", "M"): 2,
    ("vux.lvm.nya", ""): 1, ("vux.lvm.avslutade", ""): 1, ("vux.skydd", ""): 4, ("vux.skydd.dygn", ""): 120,
    ("vux.vd.inst", ""): 400,
    ("fam.akt", ""): 48, ("fam.utr.inledda", ""): 6, ("fam.utr.avslutade", ""): 5, ("fam.utr.pagaende", ""): 25,
    ("fam.samtal.pagaende", ""): 11, ("fam.avtal", ""): 2, ("fam.dodsbo", ""): 8,
    ("eb.hh.aktuella", ""): 480, ("eb.hh.utbet", "K"): 210, ("eb.hh.utbet", "M"): 190, ("eb.barn", ""): 380,
    ("eb.akt", ""): 60, ("eb.utr.inledda", ""): 40, ("eb.avslutade", ""): 38, ("eb.belopp", ""): 4_200_000,
    ("gem.evb", ""): 2,
}
# varav rows as a share of their parent
VARAV_SHARE = {
    "bou.akt.oro": (0.75, 0.9), "bou.fhb.14d": (0.8, 0.97),
    "bou.utr.avslutade.4m": (0.7, 0.92), "eb.hh.utbet.1824": (0.12, 0.18),
}
ANNUAL_LEVELS = {"bou.unika.fh": 115, "bou.unika.inst": 40, "vux.unika.skydd": 12, "vux.unika.inst": 35}
# Definition changes the demo shows as series breaks: level factor from 2023, and the note the
# demo declares for each (the standard catalog declares no breaks).
BREAK_FACTOR = {"bou.vd.fh": 0.78, "bou.vd.inst": 1.5}
BREAK_FROM = Month(2023, 1)
BREAK_NOTES = {
    "bou.vd.fh": "Demo: från 2023 ingår inte vårdnadsöverflyttade barn och unga.",
    "bou.vd.inst": "Demo: från 2023 ingår 18–20 år och ensamkommande barn och unga.",
}
SUMMER = {6: 0.92, 7: 0.8, 8: 0.9, 12: 0.93}


def _noisy(rng: random.Random, mean: float) -> int:
    return max(0, round(rng.gauss(mean, math.sqrt(max(mean, 1)) * 0.9)))


def _series(rng: random.Random, code: str, level: float, kind: str, months: list[Month]) -> dict[Month, int]:
    out: dict[Month, int] = {}
    drift = rng.uniform(-0.05, 0.06)
    current = level
    for i, month in enumerate(months):
        trend = (1 + drift) ** (i / 12)
        factor = BREAK_FACTOR.get(code, 1.0) if month >= BREAK_FROM else 1.0
        if kind == "flow":
            out[month] = _noisy(rng, level * trend * factor * SUMMER.get(month.month, 1.0))
        else:
            # stocks wander and return towards their level
            target = level * trend * factor
            current += (target - current) * 0.3 + rng.gauss(0, math.sqrt(max(target, 1)) * 0.4)
            out[month] = max(0, round(current))
    return out


def build_demo(store: Store, through: Month | None = None) -> int:
    """Fill an empty database with the example tree and synthetic values; returns values written."""
    through = through or last_completed_month(date.today())
    create_example_tree(store)
    for code, note in BREAK_NOTES.items():
        store.add_break(code, BREAK_FROM, note)
    months = [Month(y, m) for y in range(through.year - YEARS_BACK, through.year + 1) for m in range(1, 13)]
    months = [m for m in months if m <= through]
    add_example_targets(store, range(months[0].year, through.year + 1))
    catalog = store.catalog
    writes: list[ValueWrite] = []
    for unit in store.units.units:
        if not unit.is_enhet:
            continue
        rng = random.Random(f"demo:{unit.code}")
        totals: dict[str, dict[Month, int]] = {}
        for code in unit.measures:
            measure = catalog.get(code)
            if measure.is_derived or measure.varav_of:
                continue
            if measure.is_annual:
                for year in range(months[0].year, through.year):
                    value = _noisy(rng, ANNUAL_LEVELS.get(code, 20) * BREAK_FACTOR.get(code, 1.0))
                    writes.append(ValueWrite(unit.code, code, "", year, value))
                continue
            parts = measure.parts or ("",)
            total: dict[Month, int] = {}
            for part in parts:
                values = _series(rng, code, LEVELS.get((code, part), 5), measure.kind, months)
                for month, value in values.items():
                    if not measure.takes_value_in(month):
                        continue
                    writes.append(ValueWrite(unit.code, code, part, month, value))
                    total[month] = total.get(month, 0) + value
            totals[code] = total
        for code in unit.measures:
            measure = catalog.get(code)
            if not measure.varav_of or measure.varav_of not in totals:
                continue
            low, high = VARAV_SHARE.get(code, (0.5, 0.9))
            for month, parent in totals[measure.varav_of].items():
                writes.append(ValueWrite(unit.code, code, "", month, math.floor(parent * rng.uniform(low, high))))
    # The latest month is still being reported: Familjerätten has not started, Placering is half-way.
    not_started, half_way = "IFO.VUX.FAM", "IFO.BOU.PLAC"
    writes = [
        w for w in writes
        if not (w.unit == not_started and w.period == through)
        and not (w.unit == half_way and w.period == through and w.measure.startswith("bou.vd"))
    ]
    store.set_values(writes, source="demo")
    _report_and_lock(store, months, through, skip={(not_started, through), (half_way, through)})
    store.set_setting("demo", DEMO_LABEL)
    store.set_setting("demo_through", str(through))
    return len(writes)


def _report_and_lock(store: Store, months: list[Month], through: Month, skip: set) -> None:
    """Mark the demo's months reported and lock the years before the current one, as a real round would."""
    for unit in store.units.units:
        if not unit.is_enhet:
            continue
        for month in months:
            if (unit.code, month) not in skip:
                store.mark_reported(unit.code, month)
    for month in months:
        if month.year < through.year:
            store.lock_month(month)
