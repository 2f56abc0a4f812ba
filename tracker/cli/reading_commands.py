"""Reading the numbers: `tracker chart` (the trend over the years, drawn in the terminal) and
`tracker overview` (the month and the year so far, for a nämnd handout)."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from tracker.cli.common import (
    add_db_option,
    add_part_option,
    add_unit_option,
    color_wanted,
    comparison_json,
    console,
    open_store,
    output_width,
    plain_number,
    print_json,
    reported_year,
)
from tracker.core.chart import DEFAULT_YEARS, MAX_YEARS, chart_data, check_part, check_years, has_values
from tracker.core.errors import InputError
from tracker.core.periods import Month, last_completed_month, parse_month
from tracker.io.chart_drawing import draw_chart  # imports no plotext: `chart` hands it in

MONTHS_HEIGHT, YEARS_HEIGHT = 22, 14


def register(subparsers) -> None:
    """Add chart and overview."""
    p = subparsers.add_parser(
        "chart", help="diagram i terminalen: måttet månad för månad de senaste åren, och värdet per år"
    )
    add_db_option(p)
    p.add_argument("measure", metavar="MÅTT")
    add_unit_option(p)
    p.add_argument("--years", metavar="N", help=f"antal år till och med i år (standard {DEFAULT_YEARS}, högst {MAX_YEARS})")
    add_part_option(p)
    p.set_defaults(func=cmd_chart)

    p = subparsers.add_parser(
        "overview",
        help="översikt för en månad: nyckeltalen, hittills i år mot fg år, riktvärden, enheter som inte rapporterat",
    )
    add_db_option(p)
    add_unit_option(p)
    p.add_argument("--month", metavar="ÅÅÅÅ-MM", help="månaden (standard: senast avslutade månaden)")
    p.add_argument("--format", choices=("table", "md", "json"), default="table", help="utdataformat (standard: table)")
    p.set_defaults(func=cmd_overview)


def cmd_chart(args: argparse.Namespace) -> int:
    years = check_years(args.years)
    last = reported_year()
    with open_store(args, for_reading=True) as store:
        unit = store.units.find_or_top(args.unit)
        measure = store.catalog.find(args.measure)
        part = check_part(measure, args.part)
        catalog = store.catalog_for(unit.code)
        scope = store.scope(unit.code, list(range(last - years + 1, last + 1)), measures=[measure.code])
        chart = chart_data(catalog, scope, catalog.get(measure.code), last, years, part, unit.name)
        reported = measure.code in store.units.measures_under(unit.code)
    if not has_values(chart):
        if not reported:
            raise InputError(
                f"”{unit.name}” rapporterar inte ”{measure.name}” och har inga värden för det. "
                "Ange en enhet som rapporterar måttet, t.ex. med `tracker units measures ENHET`."
            )
        print(f"Inga värden för ”{chart.heading}” {chart.years[0]}–{last}.")
        return 0
    import plotext

    color, width = color_wanted(), output_width()
    print(chart.heading)
    # a line per year: more years need more rows, for the lines and for the legend beside them
    months_height = max(MONTHS_HEIGHT, 14 + 2 * len(chart.years))
    views = (("months", months_height), ("years", YEARS_HEIGHT)) if chart.has_months else (("years", YEARS_HEIGHT),)
    for view, height in views:
        draw_chart(plotext, chart, view, color=color)
        plotext.plotsize(width, height)
        text = plotext.build()
        sys.stdout.write((text if color else plotext.uncolorize(text)) + "\n")
    for note in chart.notes:
        print(note)
    return 0



def cmd_overview(args: argparse.Namespace) -> int:
    from tracker.io import overview as ov

    today = date.today()
    month = parse_month(args.month) if args.month else last_completed_month(today)
    current = Month(today.year, today.month)
    if month > current:
        raise InputError(
            f"{month.label().capitalize()} har inte kommit än. Ange en månad till och med {current.label()} "
            f"som ÅÅÅÅ-MM, t.ex. {last_completed_month(today)}."
        )
    with open_store(args, for_reading=True) as store:
        overview = ov.read_overview(store, args.unit, month)
    if args.format == "json":
        print_json(_overview_json(overview))
    elif args.format == "md":
        sys.stdout.write(ov.render_markdown(overview))
    else:
        ov.render_table(overview, console())
    return 0


def _overview_json(overview) -> dict:
    rows = []
    for row in overview.rows:
        m, month, ytd = row.measure, row.month, row.year_to_date
        rows.append({
            "measure": m.code,
            "name": m.name,
            "kind": m.kind,
            "unit_label": m.unit,
            **({"scale": "fraction"} if m.is_ratio else {}),
            "month": plain_number(month.current.value),
            "month_previous": plain_number(month.previous.value),
            "summary_label": ytd.current.label,
            "year_to_date": plain_number(ytd.current.value),
            "year_to_date_previous": plain_number(ytd.previous.value),
            "months_compared": len(ytd.months),
            **comparison_json(m, ytd, row.goal),
        })
    return {
        "unit": overview.unit.code,
        "unit_name": overview.unit.name,
        "month": str(overview.month),
        "year_to_date": {"from": str(Month(overview.month.year, 1)), "to": str(overview.month)},
        "key_rows": overview.key_rows,
        "caption": overview.caption,
        "rows": rows,
        "reporting": {
            "expected": len(overview.expected),
            "done": overview.done,
            "not_reported": [{"code": u.code, "name": u.name, "status": s} for u, s in overview.not_reported],
        },
    }
