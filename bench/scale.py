"""Förvaltning scale: import, look-ups and the grid on 40 enheter × the whole catalog × ten years.

Run: .venv/bin/python bench/scale.py [--enheter 40] [--years 2016-2025] [--repeat 5]
     [--import-rows 3000,30000,all] [--skip grid,import,lookups,reading]

The benchmark builds its own database in a temporary folder: a förvaltning with 4 avdelningar
and --enheter enheter that each report every measure of the standard catalog, with synthetic
values for every enterable cell in --years (40 × 10 years = 291 200 values). It writes them as the
long CSV `tracker export --format csv` writes, then loads that CSV with plain Python `csv` and
`sqlite3.executemany`: that load is the import floor and gives the database every look-up runs on.
The whole-file import is also compared with a second floor that writes as many change-log entries
beside the values (an import must log every value it writes); the first stays the target's floor.

Every figure is printed as a ratio to its floor, measured in the same run, with the absolute
times beside it. Commands are timed as a person meets them: a whole `tracker` process, wall
clock, median of --repeat runs. Grid switches are the process's CPU time with Pilot, as
bench/grid_edit.py measures, because Pilot's idle waits would dominate wall-clock time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
AVDELNINGAR = 4
TOP = "FV"
MEASURE = "bou.akt"


def enhet_codes(n: int) -> list[str]:
    return [f"E{i:02d}" for i in range(1, n + 1)]


def avdelning_of(index: int, n: int) -> str:
    return f"A{index * AVDELNINGAR // n + 1}"


# -- the database and the CSV ----------------------------------------------------------------


def build_units(path: Path, n_enheter: int) -> None:
    """A database with the standard catalog and the unit tree, no values."""
    sys.path.insert(0, str(ROOT))
    from tracker.store.store import Store

    with Store.open(path, login="bench") as store:
        store.add_unit(TOP, "Socialförvaltningen")
        for a in range(1, AVDELNINGAR + 1):
            store.add_unit(f"A{a}", f"Avdelning {a}", parent=TOP)
        for i, code in enumerate(enhet_codes(n_enheter)):
            store.add_unit(code, f"Enhet {code[1:]}", parent=avdelning_of(i, n_enheter), measures="all")


def write_csv(path: Path, n_enheter: int, years: range) -> int:
    """Synthetic values for every enterable cell, in the order a year-by-year export writes them."""
    sys.path.insert(0, str(ROOT))
    from tracker.core.catalog import standard_catalog

    catalog = standard_catalog()
    entered = [m for m in catalog.measures if not m.is_derived and not m.varav_of]
    varav = [m for m in catalog.measures if m.varav_of]
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["unit", "measure", "part", "period", "value"])
        for year in years:
            for code in enhet_codes(n_enheter):
                rng = random.Random(f"{code}:{year}")
                totals: dict[tuple[str, int], int] = {}
                out: list[tuple[str, str, str, int]] = []
                for m in entered:
                    # a level of its own per enhet and measure, growing slowly: values stay within the
                    # plausibility rule, as a real history mostly does, so the import takes them unforced
                    level = random.Random(f"{code}:{m.code}").randint(5, 400) * (100 + 3 * (year - years[0])) // 100
                    if m.is_annual:
                        out.append((m.code, "", str(year), level))
                        continue
                    months = (3, 6, 9, 12) if m.kind == "quarterly" else range(1, 13)
                    for part in m.parts or ("",):
                        for month in months:
                            value = max(0, level + rng.randint(-level // 10 - 1, level // 10 + 1))
                            out.append((m.code, part, f"{year}-{month:02d}", value))
                            totals[(m.code, month)] = totals.get((m.code, month), 0) + value
                for m in varav:
                    for month in range(1, 13):
                        parent = totals[(m.varav_of, month)]
                        out.append((m.code, "", f"{year}-{month:02d}", parent * rng.randint(70, 85) // 100))
                order = {m.code: i for i, m in enumerate(catalog.measures)}
                out.sort(key=lambda r: (order[r[0]], r[1], r[2]))
                for measure, part, period, value in out:
                    writer.writerow([code, measure, part, period, value])
                rows += len(out)
    return rows


def head_csv(src: Path, dst: Path, rows: int) -> int:
    with src.open(encoding="utf-8") as fin, dst.open("w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if i > rows:
                break
            fout.write(line)
    return min(rows, sum(1 for _ in src.open(encoding="utf-8")) - 1)


# -- child processes (run by the parent, so process start counts as it does for a person) ----


def child_floor_import(db: str, csv_path: str) -> None:
    """The floor: plain csv + sqlite3.executemany of the same rows, one transaction."""
    conn = sqlite3.connect(db)
    with open(csv_path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        rows = [(u, m, p, per, float(v), 1) for u, m, p, per, v in reader]
    with conn:
        conn.executemany("insert into value (unit, measure, part, period, value, revision) values (?,?,?,?,?,?)", rows)
    conn.close()


def child_floor_import_logged(db: str, csv_path: str) -> None:
    """The second floor: the floor's rows, and as many change-log entries in the project's schema
    (as a bulk write stores them: the shared columns once, on the last), one transaction; no checks."""
    conn = sqlite3.connect(db)
    with open(csv_path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        rows = [(u, m, p, per, float(v), 1) for u, m, p, per, v in reader]
    first = conn.execute("select coalesce(max(id), 0) + 1 from change_log").fetchone()[0]
    with conn:
        conn.executemany("insert into value (unit, measure, part, period, value, revision) values (?,?,?,?,?,?)", rows)
        conn.executemany(
            "insert into change_log (id, action, unit, measure, part, period, old_value, new_value) "
            "values (?, 'value', ?, ?, ?, ?, null, ?)",
            [(first + i, u, m, p, per, v) for i, (u, m, p, per, v, _r) in enumerate(rows[:-1])],
        )
        u, m, p, per, v, _r = rows[-1]
        conn.execute(
            "insert into change_log (id, at, login, source, action, unit, measure, part, period, new_value, file) "
            "values (?, '2025-01-01T00:00:00+01:00', 'bench', 'import', 'value', ?, ?, ?, ?, ?, ?)",
            [first + len(rows) - 1, u, m, p, per, v, Path(csv_path).name],
        )
    conn.close()


def child_floor_show(db: str, unit: str, measure: str, year: str) -> None:
    """The floor for `tracker show M --unit ENHET`: the same months from sqlite3, printed."""
    conn = sqlite3.connect(db)
    prev = str(int(year) - 1)
    got = dict(
        conn.execute(
            "select period, sum(value) from value where unit = ? and measure = ? and substr(period, 1, 4) in (?, ?) "
            "group by period",
            [unit, measure, year, prev],
        ).fetchall()
    )
    for month in range(1, 13):
        print(f"{month:02d}", got.get(f"{year}-{month:02d}"), got.get(f"{prev}-{month:02d}"))


def _bare_app():
    from textual.app import App
    from textual.widgets import DataTable

    class Bare(App):
        def compose(self):
            table = DataTable()
            table.add_columns(*[f"k{j}" for j in range(18)])
            for i in range(60):
                table.add_row(*[str(i * j) for j in range(18)])
            yield table

    return Bare()


def child_grid_start(db: str, unit: str, year: str) -> None:
    """Open the grid (or, with unit "-", a bare DataTable app) headless at 160×50 until the first full paint."""
    import asyncio
    from datetime import date

    async def run() -> None:
        if unit == "-":
            app = _bare_app()
        else:
            sys.path.insert(0, str(ROOT))
            from tracker.store.store import Store
            from tracker.tui.app import TrackerApp

            app = TrackerApp(Store.open(db), unit=unit, year=int(year), today=date(int(year) + 1, 1, 15))
        async with app.run_test(size=(160, 50)):
            # The moment of the first full paint, read by the parent. Not pilot.pause(): it waits
            # until the whole process is idle, so it would also wait for the grid's background check
            # of the file, which runs after the paint while the person already reads the grid.
            painted = asyncio.Event()
            app.call_after_refresh(painted.set)
            await painted.wait()
            print(time.time(), flush=True)

    asyncio.run(run())


def child_grid_switch(db: str, unit: str, other: str, year: str, rounds: str) -> None:
    """CPU time of a cursor move, a year switch and a unit switch; peak memory. Prints JSON."""
    import asyncio
    import gc
    import resource
    from datetime import date

    sys.path.insert(0, str(ROOT))
    from tracker.store.store import Store
    from tracker.tui.app import TrackerApp

    async def run() -> dict:
        app = TrackerApp(Store.open(db), unit=unit, year=int(year), today=date(int(year) + 1, 1, 15))
        moves, back, forward, units, fresh_units = [], [], [], [], []

        async def timed_press(key: str, into: list) -> None:
            gc.collect()
            t0 = time.process_time()
            await pilot.press(key)
            await pilot.pause()
            into.append(time.process_time() - t0)

        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            for _ in range(int(rounds)):
                await timed_press("down", moves)
                await timed_press("up", moves)
            # back through years not shown before, then forward again through years just read
            for _ in range(int(rounds)):
                await timed_press("left_square_bracket", back)
            for _ in range(int(rounds)):
                await timed_press("right_square_bracket", forward)
            # what choosing a unit in the picker does, without timing the picker itself: first
            # units of the other's level not shown before (nothing kept), then back and forth
            level = app.store.units.get(other).level
            unseen = [u.code for u in app.store.units.units if u.level == level and u.code not in (unit, other)]
            for target in unseen[: int(rounds)]:
                gc.collect()
                t0 = time.process_time()
                app._switch(unit=target)
                await pilot.pause()
                fresh_units.append(time.process_time() - t0)
            app._switch(unit=unit)
            await pilot.pause()
            for _ in range(int(rounds)):
                for target in (other, unit):
                    gc.collect()
                    t0 = time.process_time()
                    app._switch(unit=target)
                    await pilot.pause()
                    units.append(time.process_time() - t0)
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {
            "move": statistics.median(moves),
            "back": statistics.median(back),
            "forward": statistics.median(forward),
            "unit": statistics.median(units),
            "unit_new": statistics.median(fresh_units) if fresh_units else float("nan"),
            "peak_mb": peak_kb / 1024,
        }

    print(json.dumps(asyncio.run(run())))


def child_reading(db: str, year: str, rounds: str) -> None:
    """CPU time of opening Bakom summan, the chart and the Översikt on the förvaltning, against a
    cursor move in its grid, at 160×50. Prints JSON."""
    import asyncio
    import gc
    from datetime import date

    sys.path.insert(0, str(ROOT))
    from tracker.store.store import Store
    from tracker.tui.app import TrackerApp

    async def run() -> dict:
        app = TrackerApp(Store.open(db), unit=TOP, year=int(year), month=11, today=date(int(year) + 1, 1, 15))
        took: dict[str, list[float]] = {}

        async def timed_press(name: str, *keys: str) -> None:
            gc.collect()
            t0 = time.process_time()
            await pilot.press(*keys)
            await pilot.pause()
            took.setdefault(name, []).append(time.process_time() - t0)

        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            for _ in range(int(rounds)):
                await timed_press("move", "down")
                await timed_press("move", "up")
            for _ in range(int(rounds)):
                # a month of the first row: the avdelningar, then every enhet; Hittills; back
                await timed_press("drill_month", "enter")
                await timed_press("drill_enheter", "e")
                await pilot.press("escape", "end", "left", "left", "left", "left")
                await timed_press("drill_hittills", "enter")
                await pilot.press("escape", "home")
                await pilot.pause()
                for _ in range(10):
                    await pilot.press("right")
                await timed_press("chart", "c")
                await pilot.press("escape")
                await timed_press("overview", "o")
                await pilot.press("escape")
                await pilot.pause()
        return {name: statistics.median(times) for name, times in took.items()}

    print(json.dumps(asyncio.run(run())))


CHILDREN = {
    "_floor_import": child_floor_import,
    "_floor_import_logged": child_floor_import_logged,
    "_floor_show": child_floor_show,
    "_grid_start": child_grid_start,
    "_grid_switch": child_grid_switch,
    "_reading": child_reading,
}


# -- the parent -------------------------------------------------------------------------------


def timed(argv: list, repeat: int, env: dict | None = None, setup=None) -> float:
    """Median wall-clock seconds of a whole process; fails loudly if the process fails."""
    times = []
    for _ in range(repeat):
        if setup:
            setup()
        t0 = time.perf_counter()
        done = subprocess.run([str(a) for a in argv], capture_output=True, text=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            raise SystemExit(f"{argv} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return statistics.median(times)


def timed_until_printed(argv: list, repeat: int, env: dict | None = None) -> float:
    """Median wall-clock seconds from starting a process to the moment it prints (a time.time())."""
    times = []
    for _ in range(repeat):
        t0 = time.time()
        done = subprocess.run([str(a) for a in argv], capture_output=True, text=True, env=env, cwd=ROOT)
        if done.returncode != 0:
            raise SystemExit(f"{argv} failed ({done.returncode}):\n{done.stderr[-2000:]}")
        times.append(float(done.stdout.split()[-1]) - t0)
    return statistics.median(times)


def me(*args) -> list:
    return [PYTHON, __file__, *args]


def tracker(*args) -> list:
    return [PYTHON, "-m", "tracker", *args]


def line(what: str, value: float, floor: float, floor_name: str, target: str = "", unit: str = "s") -> None:
    ratio = value / floor if floor else float("nan")
    absolute = f"{value:8.3f} {unit} vs {floor:8.3f} {unit}"
    print(f"{what:<58} {ratio:6.2f} ×  ({absolute} {floor_name}){'  target ' + target if target else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enheter", type=int, default=40)
    parser.add_argument("--years", default="2016-2025", help="first-last, e.g. 2024-2025")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=6, help="key presses per grid measurement (≤ years − 2)")
    parser.add_argument("--import-rows", default="3000,30000,all", help="row counts to import; all = the whole file")
    parser.add_argument("--skip", default="", help="comma list of: import, lookups, grid, reading")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep the files")
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    years = range(first, last + 1)
    year = str(last)
    enhet = enhet_codes(args.enheter)[min(4, args.enheter - 1)]
    neighbour = enhet_codes(args.enheter)[min(5, args.enheter - 1) if args.enheter > 5 else 0]
    skip = set(filter(None, args.skip.split(",")))
    folder = Path(args.keep or tempfile.mkdtemp(prefix="tracker-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    # Processes start as on a user's machine: with compiled modules cached (some environments turn
    # the cache off; the first, untimed run of each command writes it).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tracker")], check=True, env=env)
    try:
        empty = folder / "empty.db"
        if empty.exists():
            empty.unlink()
        build_units(empty, args.enheter)
        data = folder / "values.csv"
        total_rows = write_csv(data, args.enheter, years)
        db = folder / "scale.db"

        def fresh(target: Path) -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copy(empty, target)

        fresh(db)
        t0 = time.perf_counter()
        subprocess.run(me("_floor_import", db, data), check=True, cwd=ROOT)
        floor_all = time.perf_counter() - t0
        print(
            f"{args.enheter} enheter in {AVDELNINGAR} avdelningar, {first}–{last}: {total_rows} values; "
            f"floor (csv + sqlite3.executemany, one process) {floor_all:.2f} s; medians of {args.repeat} runs"
        )
        print()

        if "import" not in skip:
            print("tracker import of the long CSV into a database with the units and no values")
            per_row: dict[int, float] = {}
            for text in args.import_rows.split(","):
                n = total_rows if text == "all" else min(int(text), total_rows)
                part = folder / f"import-{n}.csv"
                head_csv(data, part, n)
                target = folder / "import.db"
                runs = max(1, args.repeat // 2) if n > 100_000 else args.repeat
                took = timed(tracker("import", part, "--db", target), runs, env, lambda t=target: fresh(t))
                if n == total_rows:
                    # look-ups and the grid then run on what tracker import made: values and their log
                    for suffix in ("-wal", "-shm"):
                        Path(f"{db}{suffix}").unlink(missing_ok=True)
                    shutil.copy(target, db)
                floor = timed(me("_floor_import", target, part), runs, env, lambda t=target: fresh(t))
                per_row[n] = took / n
                line(f"  import {n:>7} rows", took, floor, "floor", "≤ 2" if n == total_rows else "")
                if n == total_rows:
                    logged = timed(me("_floor_import_logged", target, part), runs, env, lambda t=target: fresh(t))
                    line(f"  import {n:>7} rows", took, logged, "floor with the log's rows")
            # Someone saves a value while the whole file is imported: it must wait and succeed, or
            # say in Swedish that the database is busy; never a traceback or "ett oväntat fel".
            fresh(target)
            running = subprocess.Popen(
                [str(a) for a in tracker("import", data, "--db", target)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            outcomes: dict[tuple[int, str], list[float]] = {}
            t0 = time.perf_counter()
            n = 0
            while running.poll() is None:
                n += 1
                month = f"{first}-{n % 12 + 1:02d}"
                started = time.perf_counter()
                done = subprocess.run(
                    [str(a) for a in tracker("set", enhet_codes(1)[0], "bou.vd.fh", month, str(n), "--force", "--db", target)],
                    capture_output=True,
                    text=True,
                    env=env,
                    cwd=ROOT,
                )
                said = done.stderr.strip().splitlines()[-1][:100] if done.stderr.strip() else ""
                outcomes.setdefault((done.returncode, said), []).append(time.perf_counter() - started)
                time.sleep(0.5)
            print(
                f"  tracker set every 0,5 s during a whole-file import ({time.perf_counter() - t0:.1f} s, exit "
                f"{running.returncode}):"
            )
            for (code, said), took in sorted(outcomes.items()):
                print(f"    exit {code} ×{len(took)}, longest {max(took):.1f} s {said}")
            if len(per_row) > 1:
                # the two largest sizes: at the smallest, starting the process outweighs the rows
                small, large = sorted(per_row)[-2:]
                line(
                    f"  per-row cost, {large} vs {small} rows",
                    per_row[large] * 1e6,
                    per_row[small] * 1e6,
                    f"per row at {small}",
                    "≤ 1,2",
                    "µs",
                )
            print()

        if "lookups" not in skip:
            print(f"look-ups on the whole database, year {year}")
            r = args.repeat
            show_enhet = timed(tracker("show", MEASURE, "--unit", enhet, "--year", year, "--db", db), r, env)
            floor_show = timed(me("_floor_show", db, enhet, MEASURE, year), r, env)
            sqlite_utils_cli = shutil.which("sqlite-utils", path=str(Path(PYTHON).parent)) or "sqlite-utils"
            query = (
                f"select period, value from value where unit = '{enhet}' and measure = '{MEASURE}' "
                f"and substr(period, 1, 4) in ('{int(year) - 1}', '{year}')"
            )
            su = timed([sqlite_utils_cli, "query", db, query], r, env)
            show_top = timed(tracker("show", MEASURE, "--unit", TOP, "--year", year, "--db", db), r, env)
            report = timed(tracker("report", "--year", year, "--db", db), r, env)
            export = timed(tracker("export", "--unit", TOP, "--year", year, "--format", "csv", "--db", db), r, env)
            line(f"  show {MEASURE} --unit {enhet}", show_enhet, floor_show, "python + sqlite3", "≤ 2")
            line(f"  show {MEASURE} --unit {enhet}", show_enhet, su, "sqlite-utils query", "< 1")
            line(f"  show {MEASURE} (förvaltning)", show_top, show_enhet, "show for one enhet", "≤ 1,3")
            line(f"  report --year {year} (förvaltning)", report, show_enhet, "show for one enhet", "< 2")
            line(f"  export --unit {TOP} --year {year} --format csv", export, show_enhet, "show for one enhet", "< 2")
            print()

        if "grid" not in skip:
            print("grid at 160×50")
            r = args.repeat
            bare = timed_until_printed(me("_grid_start", db, "-", year), r, env)
            for unit, name, target in ((enhet, "enhet", "≤ 0,9"), (TOP, "förvaltning", "≤ 1,3")):
                start = timed_until_printed(me("_grid_start", db, unit, year), r, env)
                line(f"  grid start, {name} {unit}", start, bare, "bare Textual 60×18 DataTable", target)
            switches = (
                (enhet, neighbour, "enhet", "≤ 4"),
                ("A1", TOP, "avdelning", ""),
                (TOP, "A1", "förvaltning", "≤ 8"),
            )
            for unit, other, name, target in switches:
                out = subprocess.run(
                    me("_grid_switch", db, unit, other, year, str(args.rounds)),
                    capture_output=True,
                    text=True,
                    env=env,
                    cwd=ROOT,
                )
                if out.returncode != 0:
                    raise SystemExit(out.stderr[-2000:])
                got = json.loads(out.stdout.strip().splitlines()[-1])
                ms = 1000
                line(
                    f"  year switch to a year not read, {name} {unit}",
                    got["back"] * ms,
                    got["move"] * ms,
                    "cursor move",
                    target,
                    "ms",
                )
                line(
                    f"  year switch back to a year read, {name} {unit}",
                    got["forward"] * ms,
                    got["move"] * ms,
                    "cursor move",
                    target,
                    "ms",
                )
                line(
                    f"  unit switch to a unit not shown, from {name} {unit}",
                    got["unit_new"] * ms,
                    got["move"] * ms,
                    "cursor move",
                    target,
                    "ms",
                )
                line(
                    f"  unit switch back and forth, from {name} {unit}",
                    got["unit"] * ms,
                    got["move"] * ms,
                    "cursor move",
                    target,
                    "ms",
                )
                print(f"  peak memory of the grid process, {name} {unit}: {got['peak_mb']:.0f} MB")
            print()

        if "reading" not in skip:
            print("reading the figures from the förvaltning's grid at 160×50")
            out = subprocess.run(
                me("_reading", db, year, str(args.rounds)), capture_output=True, text=True, env=env, cwd=ROOT
            )
            if out.returncode != 0:
                raise SystemExit(out.stderr[-2000:])
            got = json.loads(out.stdout.strip().splitlines()[-1])
            for key, what in (
                ("drill_month", f"Bakom summan, a month of {MEASURE} ({AVDELNINGAR} avdelningar)"),
                ("drill_enheter", f"Bakom summan, every enhet ({args.enheter})"),
                ("drill_hittills", "Bakom summan, Hittills"),
                ("chart", "Diagram of a row"),
                ("overview", "Översikt"),
            ):
                line(f"  {what}", got[key] * 1000, got["move"] * 1000, "cursor move", "", "ms")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in CHILDREN:
        CHILDREN[sys.argv[1]](*sys.argv[2:])
    else:
        main()
