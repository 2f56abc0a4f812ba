"""`tracker targets`: riktvärden per measure, year and unit."""

from __future__ import annotations

import argparse

from tracker.cli.common import add_db_option, add_format_option, console, open_store, plain_number, print_json
from tracker.core.periods import parse_year
from tracker.core.presentation import format_target
from tracker.store.targets_store import GENERAL_NAME


def register(subparsers) -> None:
    """Add targets, targets list and targets set."""
    p = subparsers.add_parser("targets", help="riktvärden per mått och år, för förvaltningen eller en enhet")
    add_db_option(p)
    p.set_defaults(func=cmd_targets_list, format="table", year=None, unit=None)
    sub = p.add_subparsers(dest="targets_command", title="kommandon", metavar="KOMMANDO")

    lst = sub.add_parser("list", help="lista riktvärdena (med --unit: de som gäller för enheten)")
    add_db_option(lst)
    lst.add_argument("--year", metavar="ÅR", help="bara riktvärden för året")
    lst.add_argument("--unit", metavar="ENHET", help="riktvärdena som gäller för enheten och var de kommer ifrån")
    add_format_option(lst)
    lst.set_defaults(func=cmd_targets_list)

    st = sub.add_parser("set", help="sätt, ändra eller ta bort (VÄRDE -) ett riktvärde (administratör)")
    add_db_option(st)
    st.add_argument("measure", metavar="MÅTT")
    st.add_argument("year", metavar="ÅR")
    st.add_argument(
        "value", metavar="VÄRDE",
        help="procent för andelar (90 eller 92,5 %%), annars i måttets enhet (1 200; 10 500,50 för kvoter); - tar bort",
    )
    st.add_argument("--unit", metavar="ENHET", help="enhet eller avdelning (standard: hela förvaltningen)")
    st.set_defaults(func=cmd_targets_set)


def _where(unit) -> str:
    return f"{unit.name} ({unit.code})" if unit else GENERAL_NAME


def cmd_targets_set(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        change = store.set_target(args.measure, args.year, args.value, unit=args.unit)
    m, year = change.measure, change.year
    what = f"riktvärdet {year} för ”{m.name}”, {_where(change.unit)}"
    if not change.changed:
        if change.new is None:
            print(f"Oförändrat: det finns inget riktvärde {year} för ”{m.name}”, {_where(change.unit)}, att ta bort.")
        else:
            print(f"Oförändrat: {what} är redan {format_target(m, change.new.value)}.")
        return 0
    if change.new is None:
        print(f"Tog bort {what} (var {format_target(m, change.old.value)}).")
        return 0
    before = f"{format_target(m, change.old.value)} → " if change.old else ""
    print(f"Sparat: {what}: {before}{format_target(m, change.new.value)}.")
    if change.unit is None:
        if m.is_ratio:
            print("Riktvärdet gäller också varje avdelning och enhet som inte har ett eget (--unit).")
        else:
            print("Riktvärdet gäller förvaltningens summa; en avdelning eller enhet får ett eget med --unit.")
    return 0


def cmd_targets_list(args: argparse.Namespace) -> int:
    year = parse_year(args.year) if args.year else None
    with open_store(args, for_reading=True) as store:
        catalog, units = store.catalog, store.units
        if args.unit:
            unit = units.find(args.unit)
            targets = _in_effect(store, unit, year)
        else:
            unit = None
            targets = store.targets(year)
        items = []
        for target in targets:
            m = catalog.get(target.measure)
            set_for = units.get(target.unit) if target.unit in units else None
            items.append({
                "year": target.year,
                "measure": m.code,
                "measure_name": m.name,
                "unit": target.unit or None,
                "unit_name": set_for.name if set_for else (target.unit or GENERAL_NAME),
                "value": plain_number(target.value),
                "text": format_target(m, target.value),
                **({"scale": "fraction"} if m.is_percent else {}),
            })
    if args.format == "json":
        print_json({"unit": unit.code if unit else None, "year": year, "targets": items})
        return 0
    out = console()
    if not items:
        scope = f" för {year}" if year else ""
        here = f" som gäller för {unit.name}" if unit else ""
        out.print(f"Inga riktvärden{here}{scope}. En administratör sätter dem med `tracker targets set MÅTT ÅR VÄRDE`.")
        return 0
    from rich.table import Table

    if unit:
        out.print(f"[bold]Riktvärden som gäller för {unit.name}[/] ({unit.code})")
    table = Table(box=None, header_style="bold")
    for title, justify in (("År", "left"), ("Mått", "left"), ("Namn", "left"), ("Riktvärde", "right"),
                           ("Satt för" if unit else "Gäller", "left")):
        table.add_column(title, justify=justify)
    for item in items:
        table.add_row(str(item["year"]), item["measure"], item["measure_name"], item["text"], item["unit_name"])
    out.print(table)
    if not unit:
        out.print(
            "Ett riktvärde för hela förvaltningen gäller för andelar och kvoter också i avdelningar och enheter "
            "utan eget; för antal gäller det förvaltningens summa."
        )
    return 0


def _in_effect(store, unit, year: int | None) -> list:
    """The stored target in effect at a unit for each measure and year (its own, or one from above)."""
    catalog = store.catalog_for(unit.code)
    found = [
        store.target_source(m, y, unit.code)
        for m in catalog.measures for y, _value in m.targets if year is None or y == year
    ]
    return sorted(found, key=lambda t: (t.year, catalog.get(t.measure).position))
