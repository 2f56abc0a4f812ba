"""The monthly reporting round on the command line: users, status, locks, history and comments."""

from __future__ import annotations

import argparse

from tracker.cli.common import (
    YEAR_HELP,
    add_db_option,
    add_format_option,
    add_part_option,
    chosen_year,
    console,
    open_store,
    plain_number,
    print_json,
    reported_month,
)
from tracker.core.catalog import PART_NAMES
from tracker.core.errors import InputError
from tracker.core.periods import Month, parse_month, parse_period, period_label
from tracker.core.presentation import format_value, source_name
from tracker.core.reporting import STATUS_LABELS, STATUS_SYMBOLS, STATUSES, missing_enheter, status_summary
from tracker.core.swedish import month_name

ROLE_CHOICES = ("admin", "rapportor", "lasare")


def register(subparsers) -> None:
    """Add users, status, lock, unlock, history, comment and report-month."""
    p = subparsers.add_parser("users", help="lista, lägg till eller ta bort användare och deras roller")
    add_db_option(p)
    p.set_defaults(func=cmd_users_list, format="table")
    sub = p.add_subparsers(dest="users_command", title="kommandon", metavar="KOMMANDO")
    lst = sub.add_parser("list", help="lista användarna")
    add_db_option(lst)
    add_format_option(lst)
    lst.set_defaults(func=cmd_users_list)
    add = sub.add_parser("add", help="registrera en inloggning med en roll (eller ändra den)")
    add_db_option(add)
    add.add_argument("login", metavar="INLOGGNING")
    add.add_argument("--role", required=True, choices=ROLE_CHOICES, help="admin, rapportor eller lasare")
    add.add_argument("--units", metavar="KOD,KOD…", help="enheter (eller avdelningar) en rapportör rapporterar för")
    add.set_defaults(func=cmd_users_add)
    rem = sub.add_parser("remove", help="ta bort en användare")
    add_db_option(rem)
    rem.add_argument("login", metavar="INLOGGNING")
    rem.set_defaults(func=cmd_users_remove)

    p = subparsers.add_parser("status", help="inrapportering: vilka enheter som rapporterat vilka månader")
    add_db_option(p)
    p.add_argument("--year", metavar="ÅR", help=YEAR_HELP)
    p.add_argument("--unit", metavar="ENHET", help="enhet eller avdelning (standard: alla enheter)")
    add_format_option(p)
    p.set_defaults(func=cmd_status)

    p = subparsers.add_parser("lock", help="lås en månad (administratör)")
    add_db_option(p)
    p.add_argument("period", metavar="PERIOD", help="månad ÅÅÅÅ-MM")
    p.add_argument("--unit", metavar="ENHET", help="enhet, eller avdelning för alla dess enheter (standard: alla)")
    p.set_defaults(func=cmd_lock)

    p = subparsers.add_parser("unlock", help="lås upp en månad (administratör, med orsak)")
    add_db_option(p)
    p.add_argument("period", metavar="PERIOD", help="månad ÅÅÅÅ-MM")
    p.add_argument("--unit", metavar="ENHET", help="enhet, eller avdelning för alla dess enheter (standard: alla)")
    p.add_argument("--reason", metavar="TEXT", required=True, help="varför månaden låses upp")
    p.set_defaults(func=cmd_unlock)

    p = subparsers.add_parser("history", help="historik för en cell: varje ändring och kommentar")
    add_db_option(p)
    p.add_argument("unit", metavar="ENHET")
    p.add_argument("measure", metavar="MÅTT")
    p.add_argument("period", metavar="PERIOD", help="ÅÅÅÅ-MM, eller ÅÅÅÅ för årsmått")
    add_part_option(p)
    add_format_option(p)
    p.set_defaults(func=cmd_history)

    p = subparsers.add_parser("comment", help="skriv en kort kommentar på en cell eller en enhets månad")
    add_db_option(p)
    p.add_argument("unit", metavar="ENHET")
    p.add_argument("period", metavar="PERIOD", help="ÅÅÅÅ-MM, eller ÅÅÅÅ för årsmått")
    p.add_argument("text", metavar="TEXT", help="kort anteckning, utan personuppgifter")
    p.add_argument("--measure", metavar="MÅTT", help="måttet kommentaren gäller (annars hela månaden)")
    add_part_option(p)
    p.set_defaults(func=cmd_comment)

    p = subparsers.add_parser("report-month", help="markera en enhets månad som rapporterad (klar)")
    add_db_option(p)
    p.add_argument("unit", metavar="ENHET")
    p.add_argument("period", metavar="PERIOD", help="månad ÅÅÅÅ-MM")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--done", action="store_true", help="markera månaden som rapporterad")
    group.add_argument("--undo", action="store_true", help="ta bort markeringen (innan månaden låses)")
    p.add_argument("--force", action="store_true", help="markera klar även om mått saknar värden")
    p.set_defaults(func=cmd_report_month)


def _time(at: str) -> str:
    """"2023-04-03T09:12:45+02:00" shown as "2023-04-03 09:12"."""
    return at[:16].replace("T", " ")


def _unit_list(store, codes: list[str]) -> str:
    return ", ".join(f"{store.units.get(c).name} ({c})" for c in codes)


# -- users ----------------------------------------------------------------------------------


def cmd_users_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        users = store.users()
        me, role = store.login, store.current_role
        single = store.single_user
    if args.format == "json":
        print_json({
            "single_user": single,
            "current_login": me,
            "current_role": role,
            "users": [{"login": u.login, "role": u.role, "units": list(u.units)} for u in users],
        })
        return 0
    out = console()
    if single:
        out.print(
            "Inga användare är registrerade: programmet körs i enanvändarläge och alla får göra allt. "
            f"Registrera dig själv som administratör först: tracker users add {me} --role admin"
        )
        return 0
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    table.add_column("Inloggning")
    table.add_column("Roll")
    table.add_column("Enheter")
    for u in users:
        table.add_row(u.login, u.role_name, ", ".join(u.units))
    out.print(table)
    mine = next((u.role_name for u in users if u.login == me), "inte registrerad, räknas som läsare")
    out.print(f"Du är inloggad som {me} ({mine}).")
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    units = [c.strip() for c in (args.units or "").split(",") if c.strip()]
    if args.units is not None and not units:
        raise InputError("--units är tom. Ange enhetskoder åtskilda med komma, t.ex. --units IFO.BOU.MOTT,IFO.BOU.UTR.")
    with open_store(args) as store:
        existed = store.user(args.login.strip()) is not None
        user = store.add_user(args.login, args.role, units)
    verb = "Ändrade" if existed else "Lade till"
    where = f" för {', '.join(user.units)}" if user.units else ""
    print(f"{verb} {user.login} som {user.role_name}{where}.")
    return 0


def cmd_users_remove(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        removed = store.remove_user(args.login)
        single = store.single_user
    print(f"Tog bort {removed.login} ({removed.role_name}).")
    if single:
        print("Inga användare finns kvar: programmet körs nu i enanvändarläge och alla får göra allt.")
    return 0


# -- status ---------------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    year = chosen_year(args)
    with open_store(args) as store:
        if not store.units:
            raise InputError("Databasen har inga enheter ännu. Skapa dem med `tracker init` eller `tracker units add`.")
        unit = store.units.find(args.unit) if args.unit else None
        view = store.reporting_status(year, unit.code if unit else None)
    # the month being reported now, or December for a past year: the one "Inte klara" is about
    reporting = reported_month()
    month = reporting if reporting.year == year else Month(year, 12) if year < reporting.year else None
    if args.format == "json":
        print_json({
            "year": year,
            "unit": unit.code if unit else None,
            "reporting_month": str(month) if month else None,
            "not_done": missing_enheter(view.grid, month) if month else [],
            "enheter": [
                {"code": e.code, "name": e.name, "months": {str(m): view.grid[e.code][m] for m in view.months}}
                for e in view.enheter
            ],
        })
        return 0
    from rich.table import Table

    out = console()
    out.print(f"[bold]Inrapportering {year}[/]" + (f" · {unit.name}" if unit else ""))
    table = Table(box=None, header_style="bold")
    table.add_column("Enhet")
    for m in view.months:
        table.add_column(month_name(m.month, short=True), justify="center")
    for e in view.enheter:
        table.add_row(e.name, *[STATUS_SYMBOLS[view.grid[e.code][m]] for m in view.months])
    out.print(table)
    out.print("  ".join(f"{STATUS_SYMBOLS[s]} {STATUS_LABELS[s].lower()}" for s in STATUSES))
    if month is not None and view.enheter:
        out.print(status_summary(view.grid, {e.code: e.name for e in view.enheter}, month))
    return 0


# -- locks ----------------------------------------------------------------------------------


def cmd_lock(args: argparse.Namespace) -> int:
    month = parse_month(args.period)
    with open_store(args) as store:
        result = store.lock_month(month, args.unit)
        label = month.label()
        if result.changed:
            print(f"Låste {label} för {_count(result.changed)}.")
        if result.unchanged:
            print(f"Redan låst: {_unit_list(store, result.unchanged)}.")
        if result.not_reported:
            print(
                f"Obs: {_count(result.not_reported)} hade inte rapporterat {label} men låstes ändå: "
                f"{_unit_list(store, result.not_reported)}."
            )
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    month = parse_month(args.period)
    with open_store(args) as store:
        result = store.unlock_month(month, args.reason, args.unit)
        print(f"Låste upp {month.label()} för {_count(result.changed)}: {_unit_list(store, result.changed)}.")
    return 0


def _count(codes: list[str]) -> str:
    return "1 enhet" if len(codes) == 1 else f"{len(codes)} enheter"


# -- history and comments -------------------------------------------------------------------


def _history_data(store, args) -> dict:
    period = parse_period(args.period)
    unit = store.units.find(args.unit)
    if not unit.is_enhet:
        raise InputError(
            f"”{unit.name}” är en {unit.level_name.lower()}; historik finns per enhet. Ange en av enheterna under den."
        )
    measure = store.catalog.find(args.measure)
    refusal = measure.kind_refusal(period)
    if refusal:
        raise InputError(refusal)
    part = (args.part or "").strip().upper()
    if part and part not in measure.parts:
        allowed = " eller ".join(measure.parts)
        raise InputError(
            f"Delen ”{part}” finns inte för ”{measure.name}”." + (f" Ange {allowed}." if allowed else " Ange den utan --part.")
        )
    # A split row's values live in its parts, so without --part every part's history is shown.
    parts = [part] if part else [""] + list(measure.parts)
    changes = []
    for p in parts:
        for r in store.history(unit.code, measure.code, p, period):
            changes.append({"at": r.at, "login": r.login, "source": r.source, "part": p, "old": plain_number(r.old),
                            "new": plain_number(r.new), "reason": r.reason, "file": r.file})
    changes.sort(key=lambda c: c["at"])
    comments = [
        {"at": c.at, "login": c.login, "part": c.part, "text": c.text}
        for p in parts for c in store.comments(unit.code, measure.code, p, period)
    ]
    month_comments = [
        {"at": c.at, "login": c.login, "text": c.text}
        for c in store.comments(unit.code, "", "", period)
    ]
    locks = [
        {"at": e.at, "login": e.login, "action": e.action, "reason": e.reason}
        for e in store.lock_history(unit.code, period)
    ]
    return {
        "unit": unit.code, "unit_name": unit.name, "measure": measure.code, "measure_name": measure.name,
        "part": part or None, "period": str(period), "changes": changes, "comments": comments,
        "month_comments": month_comments, "locks": locks, "locked": store.is_locked(unit.code, period),
        "_measure": measure, "_period": period,
    }


def cmd_history(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        data = _history_data(store, args)
    measure, period = data.pop("_measure"), data.pop("_period")
    if args.format == "json":
        print_json(data)
        return 0
    from rich.table import Table

    out = console()
    when = period_label(period)
    part = f" · {PART_NAMES[data['part']]}" if data["part"] else ""
    out.print(f"[bold]Historik[/]: {data['unit_name']} · {data['measure_name']}{part} · {when}")
    if data["locked"]:
        out.print("Månaden är låst.")
    if not data["changes"]:
        out.print("Inga ändringar finns för cellen.")
    else:
        table = Table(box=None, header_style="bold")
        table.add_column("Tid")
        table.add_column("Vem")
        if not data["part"] and measure.parts:
            table.add_column("Del")
        table.add_column("Ändring")
        table.add_column("Källa")
        table.add_column("Orsak")
        for c in data["changes"]:
            cells = [_time(c["at"]), c["login"]]
            if not data["part"] and measure.parts:
                cells.append(PART_NAMES.get(c["part"], "Totalt"))
            cells += [
                f"{format_value(measure, c['old'])} → {format_value(measure, c['new'])}",
                source_name(c["source"], c["file"]),
                c["reason"] or "",
            ]
            table.add_row(*cells)
        out.print(table)
    for title, items in (("Kommentarer", data["comments"]), ("Kommentarer till månaden", data["month_comments"])):
        if items:
            out.print(f"[bold]{title}[/]")
            for c in items:
                out.print(f"  {_time(c['at'])} {c['login']}: {c['text']}", markup=False)
    if data["locks"]:
        out.print("[bold]Låsningar[/]")
        for e in data["locks"]:
            what = "låste" if e["action"] == "lock" else "låste upp"
            reason = f" – {e['reason']}" if e["reason"] else ""
            out.print(f"  {_time(e['at'])} {e['login']} {what}{reason}", markup=False)
    return 0


def cmd_comment(args: argparse.Namespace) -> int:
    period = parse_period(args.period)
    with open_store(args) as store:
        comment = store.add_comment(args.unit, period, args.text, measure=args.measure, part=args.part or "")
        unit = store.units.get(comment.unit)
        what = store.catalog.get(comment.measure).label(comment.part) if comment.measure else "månaden"
    when = period_label(period)
    print(f"Sparade kommentaren: {unit.name} · {what} · {when}.")
    return 0


def cmd_report_month(args: argparse.Namespace) -> int:
    month = parse_month(args.period)
    with open_store(args) as store:
        unit = store.units.find(args.unit)
        if args.done:
            changed = store.mark_reported(unit.code, month, force=args.force)
            text = "är nu markerad som rapporterad" if changed else "var redan markerad som rapporterad"
        else:
            changed = store.unmark_reported(unit.code, month)
            text = "är inte längre markerad som rapporterad" if changed else "var inte markerad som rapporterad"
    print(f"{month.label().capitalize()} {text} för {unit.name}.")
    return 0
