"""`tracker report`, `tracker export` and `tracker import`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracker.cli.common import (
    YEAR_HELP,
    add_db_option,
    add_unit_option,
    add_write_options,
    chosen_year,
    console,
    open_store,
)
from tracker.core.errors import InputError
from tracker.core.periods import parse_month, parse_year
from tracker.io.formats import EXPORT_FORMATS, REPORT_FORMATS, listed, report_format


def _mask_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mask-below",
        metavar="N",
        type=int,
        help="visa värden 1 till N−1 som <N (och dölj celler som annars kunde räknas fram), t.ex. 5",
    )


def register(subparsers) -> None:
    p = subparsers.add_parser("report", help="årsredovisningens tabell Volymutveckling: året mot föregående år")
    add_db_option(p)
    p.add_argument("--year", metavar="ÅR", required=True, help="rapportens år, t.ex. 2023")
    p.add_argument(
        "--through",
        metavar="ÅÅÅÅ-MM",
        help="delårsrapport: januari till och med månaden mot samma månader året före, t.ex. 2024-08 "
        "(standard: hela året, eller till och med årets senast rapporterade månad)",
    )
    add_unit_option(p)
    p.add_argument("--format", choices=tuple(REPORT_FORMATS), default="table", help="utdataformat")
    p.add_argument("--out", metavar="FIL", help="skriv till filen (annars standard ut; xlsx får ett filnamn)")
    p.add_argument(
        "--rows",
        metavar="RADER",
        default="data",
        help="data (standard): raderna som enheterna rapporterar med värden något av åren; all: alla rapportrader",
    )
    _mask_option(p)
    p.set_defaults(func=cmd_report)

    p = subparsers.add_parser(
        "export", help=f"exportera en enhets år som {listed([f.description for f in EXPORT_FORMATS.values()])}"
    )
    add_db_option(p)
    add_unit_option(p)
    p.add_argument("--year", metavar="ÅR", help=YEAR_HELP)
    p.add_argument("--format", choices=tuple(EXPORT_FORMATS), default="xlsx", help="utdataformat (standard: xlsx)")
    p.add_argument("--out", metavar="FIL", help="skriv till filen (annars standard ut; xlsx får ett filnamn)")
    p.add_argument("--chart", metavar="MÅTT[,MÅTT…]", help="xlsx: ett diagram över måttens månader under varje flik")
    _mask_option(p)
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser("import", help="läs in värden från en CSV- eller xlsx-fil som export skrivit")
    add_db_option(p)
    p.add_argument("file", metavar="FIL")
    p.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras, spara ingenting")
    add_write_options(p)
    p.set_defaults(func=cmd_import)


def _threshold(args) -> int | None:
    from tracker.core.masking import check_threshold

    return None if args.mask_below is None else check_threshold(args.mask_below)


def _check_out(out: str | None) -> None:
    if out and not Path(out).expanduser().resolve().parent.is_dir():
        raise InputError(f"Mappen för ”{out}” finns inte. Ange en fil i en mapp som finns.")


def cmd_report(args: argparse.Namespace) -> int:
    from tracker.io import report as rep

    year = parse_year(args.year)
    through = parse_month(args.through) if args.through else None
    threshold = _threshold(args)
    _check_out(args.out)
    with open_store(args, for_reading=True) as store:
        report = rep.build_report(store, year, args.unit, threshold, through, rows=args.rows)
    fmt = report_format(args.format)
    if not fmt.text or args.out:
        out = Path(args.out) if args.out else Path(f"volymutveckling-{report.unit.code}-{year}{fmt.suffix}")
        fmt.write(report, out)
        print(f"Skrev {out}.")
    elif fmt.terminal:
        fmt.show(report, console())
    else:
        sys.stdout.write(fmt.render(report))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from tracker.io import export as exp
    from tracker.io.xlsx_charts import check_chart_measures

    year = chosen_year(args)
    threshold = _threshold(args)
    _check_out(args.out)
    if args.chart is not None and args.format != "xlsx":
        raise InputError("--chart ritar diagram i xlsx-filen; ange --format xlsx (standard) eller ta bort --chart.")
    with open_store(args, for_reading=True) as store:
        unit = store.units.find_or_top(args.unit)
        charts = tuple(check_chart_measures(store.catalog, args.chart))
        missing = [c for c in charts if c not in store.units.measures_under(unit.code)]
        if missing:
            raise InputError(
                f"”{unit.name}” och enheterna under den rapporterar inte {', '.join(missing)}, så det finns inget att rita. "
                "Ange mått som enheten rapporterar (`tracker units measures ENHET`)."
            )
        if not EXPORT_FORMATS[args.format].text or args.out:
            out = Path(args.out) if args.out else None
            path = exp.export_unit_year(store, unit.code, year, args.format, out, threshold, charts)
            print(f"Skrev {path}.")
        else:
            sys.stdout.write(exp.render_text(store, unit.code, year, args.format, threshold))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tracker.cli.progress import progress_bar
    from tracker.io import importer

    path = Path(args.file).expanduser()
    try:
        with open_store(args) as store, progress_bar() as progress:
            result = importer.import_file(
                store, path, dry_run=args.dry_run, reason=args.reason, force=args.force, progress=progress
            )
    except importer.ImportProblems as problems:
        # one line per problem, so a person can work through the file row by row
        lines = problems.lines()
        if problems.needs_reason:
            # before the closing summary line: how to get past the locked month at the command line
            lines.insert(-1, 'En låst månad ändras med --reason, t.ex. --reason "Rättelse efter revision".')
        for line in lines:
            sys.stderr.write(f"tracker: {line}\n")
        return problems.exit_code
    for line in result.lines():
        print(line)
    return 0
