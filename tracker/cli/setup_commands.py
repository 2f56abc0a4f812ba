"""`tracker init`, `tracker demo` and `tracker units`."""

from __future__ import annotations

import argparse
from datetime import date

from tracker.cli.common import add_db_option, add_format_option, console, db_path, open_store, print_json
from tracker.core.errors import InputError
from tracker.core.periods import last_completed_month, parse_month
from tracker.core.swedish import format_number
from tracker.store.files import (
    SHARED_FILE_MODE,
    create_database_file,
    prepare_shared_directory,
    share_database_files,
)


def register(subparsers) -> None:
    p = subparsers.add_parser("init", help="skapa en databas med standardkatalogen och ett exempelträd")
    add_db_option(p)
    p.add_argument(
        "--shared",
        metavar="GRUPP",
        help="dela databasen med en grupp: mappen ges till gruppen (setgid) och filerna blir läs- och skrivbara för den",
    )
    p.set_defaults(func=cmd_init)

    p = subparsers.add_parser("demo", help="skapa en demodatabas med syntetiska siffror och öppna den")
    add_db_option(p)
    p.add_argument("--no-tui", action="store_true", help="skapa bara databasen, öppna inte rutnätet")
    p.add_argument("--fresh", action="store_true", help="bygg om demodatabasen från början")
    p.add_argument("--unit", metavar="ENHET", help="öppna på den här enheten (kod eller namn)")
    p.add_argument("--year", metavar="ÅR", help="öppna på det här året, t.ex. 2025")
    p.add_argument("--month", metavar="MÅNAD", help="öppna på den här månaden (1–12)")
    p.set_defaults(func=cmd_demo)

    p = subparsers.add_parser("units", help="lista enheterna, eller lägg till en (units add)")
    add_db_option(p)
    add_format_option(p)
    p.set_defaults(func=cmd_units)
    sub = p.add_subparsers(dest="units_command", title="kommandon", metavar="KOMMANDO")
    add = sub.add_parser("add", help="lägg till en enhet")
    add_db_option(add)
    add.add_argument("code", metavar="KOD")
    add.add_argument("name", metavar="NAMN")
    add.add_argument("--parent", metavar="KOD", help="förvaltning eller avdelning som enheten hör till")
    add.add_argument("--measures", metavar="all|KOD,KOD…", help="måtten en enhet rapporterar (standard: all)")
    add.set_defaults(func=cmd_units_add)
    ms = sub.add_parser("measures", help="visa eller ändra vilka mått en enhet rapporterar")
    add_db_option(ms)
    ms.add_argument("unit", metavar="ENHET")
    ms.add_argument("--add", metavar="KOD,KOD…", help="mått som enheten ska börja rapportera")
    ms.add_argument("--remove", metavar="KOD,KOD…", help="mått som enheten slutar rapportera (historiken finns kvar)")
    ms.set_defaults(func=cmd_unit_measures)
    rn = sub.add_parser("rename", help="ge en enhet ett nytt namn (koden och historiken finns kvar)")
    add_db_option(rn)
    rn.add_argument("unit", metavar="ENHET")
    rn.add_argument("name", metavar="NYTT_NAMN")
    rn.set_defaults(func=cmd_units_rename)
    mv = sub.add_parser("move", help="låt en enhet räknas under en annan avdelning från en månad")
    add_db_option(mv)
    mv.add_argument("unit", metavar="ENHET")
    mv.add_argument("parent", metavar="NY_FÖRÄLDER")
    mv.add_argument("--from", dest="start", metavar="ÅÅÅÅ-MM", required=True, help="första månaden under den nya")
    mv.set_defaults(func=cmd_units_move)
    cl = sub.add_parser("close", help="stäng en enhet från en månad (historiken finns kvar)")
    add_db_option(cl)
    cl.add_argument("unit", metavar="ENHET")
    cl.add_argument("start", metavar="ÅÅÅÅ-MM", help="första månaden enheten inte rapporterar")
    cl.set_defaults(func=cmd_units_close)
    ro = sub.add_parser("reopen", help="öppna en stängd enhet igen")
    add_db_option(ro)
    ro.add_argument("unit", metavar="ENHET")
    ro.set_defaults(func=cmd_units_reopen)
    rm = sub.add_parser("remove", help="ta bort en enhet som aldrig haft värden (t.ex. exempelträdet)")
    add_db_option(rm)
    rm.add_argument("unit", metavar="ENHET")
    rm.set_defaults(func=cmd_units_remove)


def cmd_init(args: argparse.Namespace) -> int:
    from tracker.io.example_tree import EXAMPLE_TARGETS, add_example_targets, create_example_tree

    path = db_path(args)
    if args.shared:
        prepare_shared(path, args.shared)
    store = open_store(args, must_exist=False)
    with store:
        if args.shared:
            # while the database is open its -wal and -shm files exist, and get the group too
            share_database_files(path, args.shared)
        if store.units:
            print(f"Databasen {path} finns redan och har {len(store.units.units)} enheter; inga enheter ändrades.")
        else:
            create_example_tree(store)
            year = date.today().year
            add_example_targets(store, [year])
            print(f"Skapade {path} med standardkatalogen ({len(store.catalog.measures)} mått) och ett exempelträd.")
            shares = " och ".join(f"{code} {value}" for code, value in EXAMPLE_TARGETS)
            print(f"Exemplets riktvärden för {year}: {shares} (`tracker targets list`).")
    if args.shared:
        print(
            f"Databasen är läs- och skrivbar för gruppen {args.shared} (0660). Nästa steg: lägg till användarna i "
            f"gruppen (`usermod -aG {args.shared} LOGIN`) och skriv database = \"{path}\" i /etc/tracker/tracker.toml."
        )
    else:
        print("Nästa steg: `tracker units` visar enheterna, `tracker` öppnar månadsstatistiken.")
    return 0


def prepare_shared(path, group: str) -> None:
    """init --shared: the group's setgid directory, and the database file made 0660 in it."""
    setup = prepare_shared_directory(path, group)
    made = f"Skapade mappen {setup.directory}. Den" if setup.directory_created else f"Mappen {setup.directory}"
    print(
        f"{made} tillhör nu gruppen {group} med rättigheterna 2770: ägaren och gruppen läser och skriver, "
        f"andra kommer inte åt den, och filer som skapas där får gruppen {group}."
    )
    if not path.exists():
        create_database_file(path, SHARED_FILE_MODE)


def demo_path(args: argparse.Namespace):
    """The demo database: --db, TRACKER_DB, or db/demo.db beside the default database.

    The config file's database is deliberately not used: it names the real, usually shared, one.
    """
    import os

    from tracker.config import ENV_DB, default_db_path

    if getattr(args, "db", None) or os.environ.get(ENV_DB):
        return db_path(args)
    path = default_db_path().with_name("demo.db")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def ensure_demo(args: argparse.Namespace):
    """Create (or rebuild, when stale or asked) the demo database; returns its path."""
    from tracker.io.demo import build_demo
    from tracker.store.store import Store

    path = demo_path(args)
    if path.exists():
        with Store.open(path) as store:
            if not store.demo_label and store.units:
                raise InputError(
                    f"”{path}” innehåller riktiga data och skrivs inte över med demodata. "
                    "Ange en annan fil med --db."
                )
            fresh = store.get_setting("demo_through") == str(last_completed_month(date.today()))
        if fresh and not args.fresh:
            return path
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    with Store.open(path) as store:
        count = build_demo(store)
        through = parse_month(store.get_setting("demo_through")).label()
        print(f"Skapade demodatabasen {path} ({format_number(count)} syntetiska värden t.o.m. {through}).")
    return path


def cmd_demo(args: argparse.Namespace) -> int:
    path = ensure_demo(args)
    if args.no_tui:
        print(f"Öppna den med `tracker --db {path}`.")
        return 0
    from tracker.cli.open_tui import open_grid

    args.db = str(path)
    return open_grid(args)


def cmd_units(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        tree = store.units
        if args.format == "json":
            print_json(
                [
                    {
                        "code": u.code, "name": u.name, "level": u.level, "parent": u.parent,
                        "measures": list(u.measures), "closed_from": str(u.closed_from) if u.closed_from else None,
                    }
                    for _, u in tree.walk()
                ]
            )
            return 0
        if not tree:
            print("Det finns inga enheter ännu. Lägg till med `tracker units add KOD NAMN`.")
            return 0
        from rich.table import Table

        table = Table(box=None, header_style="bold")
        table.add_column("Kod")
        table.add_column("Namn")
        table.add_column("Nivå")
        table.add_column("Mått", justify="right")
        table.add_column("Stängd från")
        for depth, unit in tree.walk():
            count = str(len(unit.measures)) if unit.is_enhet else ""
            closed = str(unit.closed_from) if unit.closed_from else ""
            table.add_row(unit.code, "  " * depth + unit.name, unit.level_name, count, closed)
        console().print(table)
    return 0


def cmd_units_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        unit = store.add_unit(args.code, args.name, parent=args.parent, measures=args.measures)
        extra = f" som rapporterar {len(unit.measures)} mått" if unit.is_enhet else ""
        print(f"La till {unit.level_name.lower()}en {unit.code} ”{unit.name}”{extra}.")
    return 0


def cmd_unit_measures(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        unit = store.units.find(args.unit)
        if args.add or args.remove:
            unit = store.change_unit_measures(unit.code, add=args.add, remove=args.remove)
            print(f"{unit.code} rapporterar nu {len(unit.measures)} mått.")
            return 0
        if not unit.is_enhet:
            print(f"{unit.name} är en {unit.level_name.lower()}; den visar summan av måtten i enheterna under.")
            return 0
        for code in unit.measures:
            print(f"{code}\t{store.catalog.get(code).name}")
    return 0


# A merge is a close plus a continuation elsewhere; the series may then need a break note.
MERGE_HINT = (
    "Slås enheter ihop kan jämförelsen med förra året bli missvisande: ange i så fall ett seriebrott "
    "för de berörda måtten med `tracker measures break MÅTT ÅÅÅÅ-MM --note TEXT`."
)


def cmd_units_rename(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        old = store.units.find(args.unit)
        unit = store.rename_unit(old.code, args.name)
    print(f"{unit.code} heter nu ”{unit.name}” (förut ”{old.name}”).")
    return 0


def cmd_units_move(args: argparse.Namespace) -> int:
    start = parse_month(args.start)
    with open_store(args) as store:
        old = store.units.find(args.unit)
        unit = store.move_unit(old.code, args.parent, start)
        parent = store.units.get(unit.parent)
    print(f"{unit.code} räknas under ”{parent.name}” från {start}; månaderna före räknas som förut under {old.parent}.")
    print(MERGE_HINT)
    return 0


def cmd_units_close(args: argparse.Namespace) -> int:
    start = parse_month(args.start)
    with open_store(args) as store:
        unit = store.close_unit(args.unit, start)
    print(
        f"{unit.code} ”{unit.name}” är stängd från {start}: den väntas inte rapportera längre, och "
        "dess historik finns kvar i rapporterna."
    )
    print(MERGE_HINT)
    return 0


def cmd_units_reopen(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        unit = store.reopen_unit(args.unit)
    print(f"{unit.code} ”{unit.name}” är öppen igen och rapporterar som förut.")
    return 0


def cmd_units_remove(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        unit = store.remove_unit(args.unit)
    print(f"Tog bort {unit.level_name.lower()}en {unit.code} ”{unit.name}”.")
    return 0
