"""Reading the numbers: `tracker chart` (the trend over the years, drawn in the terminal)."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from tracker.cli.common import add_db_option, color_wanted, open_store, output_width
from tracker.core.chart import DEFAULT_YEARS, MAX_YEARS, chart_data, check_part, check_years, has_values
from tracker.core.errors import InputError
from tracker.core.periods import last_completed_month
from tracker.io.chart_drawing import draw_chart  # imports no plotext: `chart` hands it in

MONTHS_HEIGHT, YEARS_HEIGHT = 22, 14


def register(subparsers) -> None:
    """Add chart."""
    p = subparsers.add_parser(
        "chart", help="diagram i terminalen: måttet månad för månad de senaste åren, och värdet per år"
    )
    add_db_option(p)
    p.add_argument("measure", metavar="MÅTT")
    p.add_argument("--unit", metavar="ENHET", help="enhet, avdelning eller förvaltning (standard: toppen)")
    p.add_argument("--years", metavar="N", help=f"antal år till och med i år (standard {DEFAULT_YEARS}, högst {MAX_YEARS})")
    p.add_argument("--part", metavar="DEL", help="F/P (flickor/pojkar) eller K/M (kvinnor/män): en del av måttet")
    p.set_defaults(func=cmd_chart)


def _unit(store, key: str | None):
    if key:
        return store.units.find(key)
    top = store.units.top()
    if top is None:
        raise InputError("Databasen har inga enheter ännu. Skapa dem med `tracker init` eller `tracker units add`.")
    return top


def cmd_chart(args: argparse.Namespace) -> int:
    years = check_years(args.years)
    # the year whose figures are being reported: in January still last year
    last = last_completed_month(date.today()).year
    with open_store(args, for_reading=True) as store:
        unit = _unit(store, args.unit)
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
    views = (("months", MONTHS_HEIGHT), ("years", YEARS_HEIGHT)) if chart.has_months else (("years", YEARS_HEIGHT),)
    for view, height in views:
        draw_chart(plotext, chart, view, color=color)
        plotext.plotsize(width, height)
        text = plotext.build()
        sys.stdout.write((text if color else plotext.uncolorize(text)) + "\n")
    for note in chart.notes:
        print(note)
    return 0

