"""`tracker measures`: list the catalog, import own measures, rename and retire."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import add_db_option, add_format_option, console, open_store, print_json
from tracker.core.catalog import KIND_LABELS, POLARITY_LABELS, parse_catalog_toml
from tracker.core.errors import InputError


def register(subparsers) -> None:
    p = subparsers.add_parser("measures", help="lista måtten; importera, byt namn på eller avveckla mått")
    add_db_option(p)
    add_format_option(p)
    p.add_argument("--all", action="store_true", help="visa även avvecklade mått")
    p.set_defaults(func=cmd_measures)
    sub = p.add_subparsers(dest="measures_command", title="kommandon", metavar="KOMMANDO")

    imp = sub.add_parser("import", help="lägg till kommunens egna mått från en TOML-fil")
    add_db_option(imp)
    imp.add_argument("file", metavar="FIL")
    imp.set_defaults(func=cmd_import)

    ren = sub.add_parser("rename", help="byt namn på ett mått (historiken behålls)")
    add_db_option(ren)
    ren.add_argument("measure", metavar="MÅTT")
    ren.add_argument("name", metavar="NYTT_NAMN")
    ren.set_defaults(func=cmd_rename)

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
            table.add_row(m.code, name, KIND_LABELS[m.kind], m.unit, POLARITY_LABELS[m.polarity], parts)
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
        extra = parse_catalog_toml(text, own=True)
        added = store.add_measures(extra)
        print(f"La till {len(added)} egna mått: {', '.join(m.code for m in added)}.")
        print("Lägg till dem för en enhet med `tracker units add … --measures` eller i enhetens måttlista.")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        old = store.catalog.find(args.measure)
        new = store.rename_measure(args.measure, args.name)
        print(f"Bytte namn på {new.code}: ”{old.name}” → ”{new.name}”.")
    return 0


def cmd_retire(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        m = store.set_retired(args.measure, not args.undo)
        if args.undo:
            print(f"{m.code} ”{m.name}” tas emot igen.")
        else:
            print(f"{m.code} ”{m.name}” är avvecklat: det tas inte längre emot, historiken finns kvar.")
    return 0
