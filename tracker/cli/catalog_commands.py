"""`tracker measures`: list and show the catalog, import own measures and breaks, rename, break, retire."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import add_db_option, add_format_option, console, open_store, print_json
from tracker.core.catalog import PART_NAMES, POLARITY_LABELS, parse_break_start, parse_catalog_file
from tracker.core.errors import InputError
from tracker.core.periods import parse_year
from tracker.core.presentation import format_target


def register(subparsers) -> None:
    p = subparsers.add_parser("measures", help="lista måtten; importera, byt namn på eller avveckla mått")
    add_db_option(p)
    add_format_option(p)
    p.add_argument("--all", action="store_true", help="visa även avvecklade mått")
    p.set_defaults(func=cmd_measures)
    sub = p.add_subparsers(dest="measures_command", title="kommandon", metavar="KOMMANDO")

    imp = sub.add_parser("import", help="lägg till kommunens egna mått och seriebrott från en TOML-fil")
    add_db_option(imp)
    imp.add_argument("file", metavar="FIL")
    imp.set_defaults(func=cmd_import)

    ren = sub.add_parser("rename", help="byt namn på ett mått, för alla år eller från ett år (historiken behålls)")
    add_db_option(ren)
    ren.add_argument("measure", metavar="MÅTT")
    ren.add_argument("name", metavar="NYTT_NAMN")
    ren.add_argument("--from", dest="from_year", metavar="ÅR", help="namnet gäller från detta år; tidigare år behåller sina namn")
    ren.add_argument("--report-name", metavar="TEXT", help="nytt namn på raden i Volymutveckling")
    ren.set_defaults(func=cmd_rename)

    brk = sub.add_parser("break", help="ange eller ta bort ett seriebrott: jämförelser över det blir ”ej jämförbart”")
    add_db_option(brk)
    brk.add_argument("measure", metavar="MÅTT")
    brk.add_argument("start", metavar="FRÅN", help="första månaden med den nya definitionen, ÅÅÅÅ-MM eller ÅÅÅÅ")
    brk.add_argument("--note", metavar="TEXT", help="vad som ändrades; visas vid jämförelsen")
    brk.add_argument("--remove", action="store_true", help="ta bort seriebrottet från den månaden")
    brk.set_defaults(func=cmd_break)

    show = sub.add_parser("show", help="ett måtts definition, typ, delar, seriebrott och namn över åren")
    add_db_option(show)
    add_format_option(show)
    show.add_argument("measure", metavar="MÅTT")
    show.set_defaults(func=cmd_show)

    ret = sub.add_parser("retire", help="avveckla ett mått: tas inte längre emot, historiken visas")
    add_db_option(ret)
    ret.add_argument("measure", metavar="MÅTT")
    ret.add_argument("--undo", action="store_true", help="ta tillbaka ett avvecklat mått")
    ret.set_defaults(func=cmd_retire)


def _measure_json(catalog, m) -> dict:
    return {
        "code": m.code,
        "name": m.name,
        "section": m.section,
        "section_name": catalog.section_name(m.section),
        "kind": m.kind,
        "unit": m.unit,
        "polarity": m.polarity,
        "parts": list(m.parts),
        "varav_of": m.varav_of,
        "numerator": m.numerator,
        "denominator": m.denominator,
        "sum_of": list(m.sum_of),
        "stock_summary": m.stock_summary if m.kind == "stock" else None,
        "definition": m.definition,
        "breaks": [{"from": str(b.start), "note": b.note} for b in m.breaks],
        "retired": m.retired,
        "own": m.own,
        "key": m.key,
    }


def cmd_measures(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        catalog = store.catalog
        measures = [m for m in catalog.measures if args.all or not m.retired]
        if args.format == "json":
            print_json([_measure_json(catalog, m) for m in measures])
            return 0
        from rich.table import Table

        table = Table(box=None, header_style="bold")
        for title in ("Kod", "Namn", "Typ", "Enhet", "Riktning", "Delar"):
            table.add_column(title)
        section = None
        for m in measures:
            if m.section != section:
                section = m.section
                table.add_row("", f"[bold]{catalog.section_name(section).upper()}[/]")
            name = ("  " if m.varav_of else "") + m.name + (" (avvecklat)" if m.retired else "")
            parts = "/".join(m.parts) or (f"varav {m.varav_of}" if m.varav_of else "")
            table.add_row(m.code, name, m.kind_label, m.unit, POLARITY_LABELS[m.polarity], parts)
        console().print(table)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise InputError(f"Filen ”{path}” finns inte. Ange sökvägen till en TOML-fil med egna mått.") from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise InputError(f"”{path}” är ingen textfil i UTF-8. Ange en TOML-fil med egna mått.") from None
    with open_store(args) as store:
        added, breaks = store.import_catalog_file(parse_catalog_file(text))
        if added:
            print(f"La till {len(added)} egna mått: {', '.join(m.code for m in added)}.")
            print("Lägg till dem för en enhet med `tracker units add … --measures` eller i enhetens måttlista.")
        if breaks:
            print(f"La till {len(breaks)} seriebrott: " + ", ".join(f"{code} från {b.start}" for code, b in breaks) + ".")
        if not added and not breaks:
            print("Inget nytt: filens seriebrott finns redan.")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    from_year = None if args.from_year is None else parse_year(args.from_year)
    with open_store(args) as store:
        old = store.catalog.find(args.measure)
        new = store.rename_measure(args.measure, args.name, from_year=from_year, report_name=args.report_name)
        when = f" från {from_year}" if from_year else ""
        before = old.name_in(from_year) if from_year else old.name
        print(f"Bytte namn på {new.code}{when}: ”{before}” → ”{args.name.strip()}”.")
        if from_year:
            print(f"Rapporter för åren före {from_year} behåller sina namn; rutnätet visar ”{new.name}”.")
        if new.report_name and not args.report_name:
            print(
                f"Raden i Volymutveckling heter fortfarande ”{new.report_name_in(from_year or 9999)}”; "
                "byt den med --report-name."
            )
    return 0


def cmd_break(args: argparse.Namespace) -> int:
    if args.remove == (args.note is not None):
        raise InputError(
            "Ange antingen --note TEXT (ange seriebrottet) eller --remove (ta bort det), "
            "t.ex. tracker measures break bou.vd.fh 2023 --note \"Ny definition\"."
        )
    start = parse_break_start(args.start)
    with open_store(args) as store:
        if args.remove:
            old = store.remove_break(args.measure, start)
            code = store.catalog.find(args.measure).code
            print(f"Tog bort seriebrottet i {code} från {start.label()} (”{old.note}”). Åren jämförs igen.")
            return 0
        measure, old = store.add_break(args.measure, start, args.note)
        new = measure.break_from(start)
        if old == new:
            print(f"Oförändrat: {measure.code} har redan seriebrottet från {start.label()} med den noten.")
        elif old:
            print(f"Ändrade noten till seriebrottet i {measure.code} från {start.label()}: ”{new.note}”.")
        else:
            print(
                f"Seriebrott i {measure.code} från {start.label()}: jämförelser över det visas som "
                f"”ej jämförbart” med noten ”{new.note}”."
            )
    return 0


def _show_json(catalog, m) -> dict:
    data = _measure_json(catalog, m)
    data["kind_label"] = m.kind_label
    data["kind_description"] = m.describe_kind()
    data["report_name"] = m.report_name
    periods = m.names or ()
    data["names"] = [
        {"from": p.from_year or None, "name": p.name, "report_name": p.report_name} for p in periods
    ] or [{"from": None, "name": m.name, "report_name": m.report_name}]
    return data


def cmd_show(args: argparse.Namespace) -> int:
    with open_store(args, for_reading=True) as store:
        catalog = store.catalog
        m = catalog.find(args.measure)
        if args.format == "json":
            print_json(_show_json(catalog, m))
            return 0
        from rich.table import Table

        out = console()
        out.print(f"[bold]{m.name}[/] ({m.code}) · {catalog.section_name(m.section)}" + (" · avvecklat" if m.retired else ""))
        facts = Table(box=None, show_header=False, pad_edge=False)
        facts.add_column(style="bold")
        facts.add_column()
        facts.add_row("Definition", m.definition or "–")
        facts.add_row("Typ", m.describe_kind())
        facts.add_row("Enhet", m.unit or "–")
        facts.add_row("Riktning", POLARITY_LABELS[m.polarity])
        if m.parts:
            facts.add_row("Delar", ", ".join(PART_NAMES[p] for p in m.parts) + " (totalen räknas fram)")
        if m.varav_of:
            facts.add_row("Varav av", f"{catalog.get(m.varav_of).name} ({m.varav_of})")
        for child in catalog.varav_children(m.code):
            facts.add_row("Varav-rad", f"{child.name} ({child.code})")
        if m.sum_of:
            facts.add_row("Summa av", ", ".join(m.sum_of))
        facts.add_row("Rapportrad", m.report_name or "– (inte med i Volymutveckling)")
        facts.add_row("Nyckeltal", "ja, visas i `tracker overview`" if m.key else "nej")
        targets = [t for t in store.targets() if t.measure == m.code]
        if targets:
            facts.add_row("Riktvärden", ", ".join(
                f"{t.year} {format_target(m, t.value)} ({store.units.get(t.unit).name if t.unit in store.units else 'hela förvaltningen'})"
                for t in targets
            ))
        out.print(facts)
        out.print("[bold]Seriebrott[/]")
        if m.breaks:
            for b in m.breaks:
                out.print(f"  från {b.start.label()}: {b.note}", markup=False, highlight=False)
        else:
            out.print("  inga: alla år jämförs")
        if m.names:
            out.print("[bold]Namn över åren[/]")
            names = Table(box=None, header_style="bold", pad_edge=False)
            for title in ("Från", "Namn", "Rapportrad"):
                names.add_column(title)
            for p in m.names:
                names.add_row(str(p.from_year) if p.from_year else "tidigare år", p.name, p.report_name or "–")
            out.print(names)
    return 0


def cmd_retire(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        m = store.set_retired(args.measure, not args.undo)
        if args.undo:
            print(f"{m.code} ”{m.name}” tas emot igen.")
        else:
            print(f"{m.code} ”{m.name}” är avvecklat: det tas inte längre emot, historiken finns kvar.")
    return 0
