"""`tracker set` and `tracker show`."""

from __future__ import annotations

import argparse
import sys

from tracker.cli.common import (
    YEAR_HELP,
    add_db_option,
    add_part_option,
    add_unit_option,
    add_write_options,
    chosen_year,
    comparison_json,
    console,
    open_store,
    plain_number,
    print_json,
)
from tracker.core.catalog import PART_NAMES
from tracker.core.entry import parse_entry
from tracker.core.errors import InputError
from tracker.core.periods import Month, parse_period, period_label, whole_year, year_months
from tracker.core.presentation import (
    format_change,
    format_change_pct,
    format_summary,
    format_value,
    summary_heading,
    target_line,
)
from tracker.core.scope import series
from tracker.core.swedish import format_number, month_name
from tracker.core.yearview import measure_comparison


def register(subparsers) -> None:
    p = subparsers.add_parser("set", help="ange (eller rensa) ett värde för en enhet och period")
    add_db_option(p)
    p.add_argument("unit", metavar="ENHET")
    p.add_argument("measure", metavar="MÅTT")
    p.add_argument("period", metavar="PERIOD", help="ÅÅÅÅ-MM, eller ÅÅÅÅ för årsmått")
    p.add_argument("value", metavar="VÄRDE", help="heltal 0 eller större; - rensar värdet")
    add_part_option(p)
    add_write_options(p)
    p.set_defaults(func=cmd_set)

    p = subparsers.add_parser("show", help="visa ett måtts år månad för månad med jämförelse")
    add_db_option(p)
    p.add_argument("measure", metavar="MÅTT")
    add_unit_option(p)
    p.add_argument("--year", metavar="ÅR", help=YEAR_HELP)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table", help="utdataformat")
    p.set_defaults(func=cmd_show)


def cmd_set(args: argparse.Namespace) -> int:
    period = parse_period(args.period)
    part = (args.part or "").strip().upper()
    with open_store(args) as store:
        store.require_writable()
        unit = store.units.find(args.unit)
        # a role that does not reach the enhet is refused before the value is judged: asking for
        # --force first would only lead to this refusal
        store.check_unit_access(unit.code)
        measure = store.catalog.find(args.measure)
        value = parse_entry(args.value, measure)
        if not args.force:
            store.check_target(unit, measure, part, period, value)
            doubt = store.plausibility_refusal(unit.code, measure, part, period, value)
            if doubt:
                raise InputError(f"Osannolikt värde: {doubt} Rätta värdet, eller ange --force för att spara det ändå.")
        was_reported = isinstance(period, Month) and value is None and store.is_reported(unit.code, period)
        change = store.set_value(
            unit.code, measure.code, period, value, part=part, source="cli", reason=args.reason
        )
        label = measure.label(part)
        when = period_label(period)
        if change is None:
            print(f"Oförändrat: {unit.name} · {label} · {when} är redan {format_value(measure, value)}.")
        else:
            print(
                f"Sparat: {unit.name} · {label} · {when}: "
                f"{format_value(measure, change.old)} → {format_value(measure, change.new)}."
            )
            if was_reported and not store.is_reported(unit.code, period):
                print(f"{when.capitalize()} är inte längre markerad klar för {unit.name}: ett värde saknas nu.")
    return 0


def _show_data(store, measure, unit, year: int) -> tuple:
    catalog = store.catalog_for(unit.code)  # with the riktvärden in effect for the unit
    measure = catalog.get(measure.code)
    scope = store.scope(unit.code, [year - 1, year], measures=[measure.code])
    comparison = measure_comparison(catalog, scope, measure, whole_year(year))

    def month_map(values: dict, yr: int) -> dict:
        return {str(m): plain_number(values.get(m)) for m in year_months(yr)}

    total = series(catalog, scope, measure)
    data = {
        "measure": measure.code,
        "measure_name": measure.name,
        "unit": unit.code,
        "unit_name": unit.name,
        "year": year,
        "kind": measure.kind,
        "unit_label": measure.unit,
        "months": {} if measure.is_annual else month_map(total, year),
        "previous_months": {} if measure.is_annual else month_map(total, year - 1),
        "summary": plain_number(comparison.current.value),
        "summary_label": comparison.current.label,
        "months_reported": comparison.current.months_reported,
        "months_expected": comparison.current.months_expected,
        "previous": plain_number(comparison.previous.value),
        **comparison_json(measure, comparison, measure.target(year)),
    }
    if measure.is_ratio:
        data["scale"] = "fraction"
    if measure.parts:
        data["parts"] = {p: month_map(scope.raw(measure.code, p), year) for p in measure.parts}
    return data, comparison, total, measure


def cmd_show(args: argparse.Namespace) -> int:
    year = chosen_year(args)
    with open_store(args, for_reading=True) as store:
        measure = store.catalog.find(args.measure)
        unit = store.units.find_or_top(args.unit)
        data, comparison, total, measure = _show_data(store, measure, unit, year)
    if args.format == "json":
        print_json(data)
    elif args.format == "csv":
        _print_csv(data, measure)
    else:
        _print_table(data, measure, comparison, total, year)
    return 0


def _print_csv(data: dict, measure) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    parts = list(measure.parts)
    writer.writerow(["period", *[f"value_{p}" for p in parts], "value", "previous_year"])
    if measure.is_annual:
        writer.writerow([data["year"], data["summary"], data["previous"]])
        return
    for key, value in data["months"].items():
        prev_key = f"{int(key[:4]) - 1}{key[4:]}"
        row = [data["parts"][p][key] for p in parts]
        writer.writerow([key, *["" if v is None else v for v in row], "" if value is None else value,
                         "" if data["previous_months"][prev_key] is None else data["previous_months"][prev_key]])


def _print_table(data: dict, measure, comparison, total: dict, year: int) -> None:
    from rich.table import Table

    out = console()
    out.print(f"[bold]{measure.name}[/] ({measure.code}) · {data['unit_name']} · {year}")
    out.print(f"{measure.describe_kind()} · {measure.unit}")
    table = Table(box=None, header_style="bold")
    table.add_column("Månad")
    for p in measure.parts:
        table.add_column(PART_NAMES[p], justify="right")
    table.add_column(str(year), justify="right")
    table.add_column(str(year - 1), justify="right")
    table.add_column("Förändring", justify="right")
    if not measure.is_annual:
        for m in year_months(year):
            prev = total.get(m.same_month_last_year())
            cur = total.get(m)
            change = "" if cur is None or prev is None or measure.is_ratio else format_number(cur - prev, signed=True)
            cells = [format_value(measure, data["parts"][p][str(m)]) for p in measure.parts]
            table.add_row(month_name(m.month), *cells, format_value(measure, cur), format_value(measure, prev), change)
        table.add_row()
    table.add_row(
        f"[bold]{summary_heading(comparison)}[/]",
        *["" for _ in measure.parts],
        f"[bold]{format_summary(measure, comparison.current.value)}[/]",
        format_summary(measure, comparison.previous.value),
        format_change(measure, comparison),
    )
    out.print(table)
    pct = format_change_pct(comparison)
    trend = str(comparison.trend) if comparison.trend else ""
    summary = " · ".join(x for x in (f"Förändring {pct}" if pct else "", trend) if x)
    if summary:
        out.print(summary)
    goal = target_line(measure, comparison, year)
    if goal:
        out.print(goal, markup=False)
    if comparison.note:
        out.print(f"Obs: {comparison.note}")
