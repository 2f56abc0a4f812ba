"""Support code shared by the test folders (the fixtures themselves are in conftest.py).

- the command line: in process through `main(argv)`, and as a real process for the smoke tests;
- the reference Volymutveckling database built through the store, and a small filled year;
- the small fixed database of the TUI tests, and reading the screen and typing as a terminal does.
"""

from __future__ import annotations

import csv
import math
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import NamedTuple

from textual.app import App

from tracker.core.catalog import parse_catalog_file, parse_catalog_toml
from tracker.core.periods import Month
from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite
from tracker.tui import STYLESHEET

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
REFERENCE = DATA / "katrineholm-volymutveckling-2023.csv"
OWN_MEASURES = EXAMPLES / "egna_matt.toml"
KATRINEHOLM_BREAKS = EXAMPLES / "katrineholm_serieavbrott.toml"

# Enheter of the example tree.
MOTT, UTR, PLAC = "IFO.BOU.MOTT", "IFO.BOU.UTR", "IFO.BOU.PLAC"
VUX, FAM, FS = "IFO.VUX.VUX", "IFO.VUX.FAM", "IFO.EB.FS"
MARS = Month(2023, 3)
# The last month of the demo that the roll-up tests compare (the demo_store fixture).
ROLLUP_DEMO_THROUGH = Month(2025, 9)


# -- the command line ------------------------------------------------------------------------------


class CliResult(NamedTuple):
    """What one command did: its exit code and what it wrote (unpacks as code, out, err)."""

    returncode: int
    stdout: str
    stderr: str


class InProcessCli:
    """Runs `tracker ARGS --db DB` through `main(argv)` in this process, capturing its output.

    `login` is who the store sees (None: the OS login, as for a real user). Call it with the
    command's arguments; check=True asserts exit code 0.
    """

    def __init__(self, db: Path, capsys, login: str | None = None):
        self.db = db
        self.login = login
        self._capsys = capsys

    def __call__(self, *args, check: bool = False) -> CliResult:
        from tracker.cli.main import main

        self._capsys.readouterr()  # whatever the test printed before is not this command's output
        code = main([*map(str, args), "--db", str(self.db)])
        out = self._capsys.readouterr()
        result = CliResult(code, out.out, out.err)
        if check:
            assert code == 0, result.stderr
        return result


def process_env(**extra: str) -> dict[str, str]:
    """The environment of a real `tracker` process: this one's, without TRACKER_DB, with this checkout first."""
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DB"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.update(extra)
    return env


def run_process(*args, cwd=None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m tracker ARGS` as a person would, in its own process (for the few smoke tests)."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *map(str, args)],
        capture_output=True, text=True, cwd=cwd or ROOT, env=env or process_env(), timeout=120,
    )


# -- the reference Volymutveckling and a small filled year ----------------------------------------

# The published table writes "vård dygn" and "0-20 år"; the standard catalog spells its row names
# as Swedish is written ("vårddygn", an en dash in a range). The figures and notes are compared as published.
OUR_SPELLING = [("vård dygn", "vårddygn"), ("(0-20 år)", "(0–20 år)")]


def reference_rows() -> list[dict]:
    with REFERENCE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        for published, ours in OUR_SPELLING:
            row["volymmatt"] = row["volymmatt"].replace(published, ours)
    return rows


def spread(total: int) -> list[int]:
    """Twelve whole months that add up to a year total."""
    base, rest = divmod(total, 12)
    return [base + (1 if i < rest else 0) for i in range(12)]


def stock_months(mean: int) -> list[int]:
    """Twelve month-end counts whose mean is the given value (six above, six below)."""
    return [mean + 5] * 6 + [mean - 5] * 6


def add_own_measures(store: Store) -> None:
    store.add_measures(parse_catalog_toml(OWN_MEASURES.read_text("utf-8"), own=True))
    store.change_unit_measures(VUX, add="egen.varnas.dygn,egen.varnas.unika")
    store.change_unit_measures(MOTT, add="egen.foraldrastod")


def add_katrineholm_breaks(store: Store) -> None:
    """Katrineholm's series breaks (vux.vd.inst 2021, bou.vd.* 2023) from the example file."""
    store.import_catalog_file(parse_catalog_file(KATRINEHOLM_BREAKS.read_text("utf-8")))


def enter_year_value(store: Store, code: str, year: int, value: int | None) -> list[ValueWrite]:
    """Writes that make a measure's year value come out as `value`, by its kind."""
    if value is None:
        return []
    catalog, units = store.catalog, store.units
    measure = catalog.get(code)
    unit = next(u.code for u in units.units if u.is_enhet and code in u.measures)
    if measure.is_annual:
        return [ValueWrite(unit, code, "", year, value)]
    months = spread(value) if measure.kind == "flow" else stock_months(value)
    writes = []
    for m, total in enumerate(months, start=1):
        if measure.parts:
            first = math.ceil(total / 2)
            writes.append(ValueWrite(unit, code, measure.parts[0], Month(year, m), first))
            writes.append(ValueWrite(unit, code, measure.parts[1], Month(year, m), total - first))
        else:
            writes.append(ValueWrite(unit, code, "", Month(year, m), total))
    return writes


def build_reference_store(store: Store) -> None:
    """Enter the reference Volymutveckling 2023 through the store, month by month."""
    create_example_tree(store)
    add_own_measures(store)
    add_katrineholm_breaks(store)
    by_name = {m.report_name: m.code for m in store.catalog.measures if m.report_name}
    writes: list[ValueWrite] = []
    for row in reference_rows():
        code = by_name[row["volymmatt"]]
        for year in (2023, 2022):
            text = row[f"utfall_{year}"]
            writes += enter_year_value(store, code, year, int(text) if text else None)
    store.set_values(writes, source="import", file="referens")


def fill_small_year(store: Store, year: int = 2023) -> None:
    """A few months of realistic values in two enheter (with parts, varav, an annual value, zero)."""
    writes = []
    for m in range(1, 7):
        month = Month(year, m)
        writes += [
            ValueWrite(PLAC, "bou.plac.fh.sol", "F", month, 15 + m % 2),
            ValueWrite(PLAC, "bou.plac.fh.sol", "P", month, 28),
            ValueWrite(PLAC, "bou.vd.fh", "", month, 2300 + 10 * m),
            ValueWrite(MOTT, "bou.akt", "", month, 200 + m),
            ValueWrite(MOTT, "bou.akt.oro", "", month, 150 + m),
            ValueWrite(MOTT, "bou.fhb", "", month, 100),
            ValueWrite(MOTT, "bou.fhb.14d", "", month, 90 - m),
            ValueWrite(PLAC, "bou.plac.sis", "F", month, 0),
            ValueWrite(PLAC, "bou.plac.sis", "P", month, 2),
        ]
        prev = Month(year - 1, m)
        writes += [
            ValueWrite(PLAC, "bou.plac.fh.sol", "F", prev, 14),
            ValueWrite(PLAC, "bou.plac.fh.sol", "P", prev, 30),
            ValueWrite(MOTT, "bou.akt", "", prev, 190),
        ]
    writes.append(ValueWrite(PLAC, "bou.unika.fh", "", year, 100))
    writes.append(ValueWrite(PLAC, "bou.unika.fh", "", year - 1, 119))
    store.set_values(writes, source="cli")


# Skyddat boende, vårddygn (a flow): 2023 all twelve months, 2024 January–October.
FLOW_2023 = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210]
FLOW_2024 = [105, 115, 125, 135, 145, 155, 165, 175, 185, 195]
# Hushåll med utbetalning (a stock, split in K and M): the total is K + M each month.
STOCK_K_2023 = [21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32]
STOCK_K_2024 = [31, 32, 33, 34, 35, 36, 37, 38, 39, 40]
STOCK_M = 5


# -- the TUI: a small fixed database, the screen as text, typing --------------------------------

TODAY = date(2023, 4, 10)
UNIT = MOTT
SIZE = (160, 50)


def make_small_store(path=None) -> Store:
    """The example tree with a few fixed values in 2022 and 2023 (Mottagning, Vuxenenheten)."""
    store = Store.open(path, login="test.user")
    create_example_tree(store)
    writes = []
    for month, (akt, oro, fhb, fhb14) in enumerate(
        [(210, 150, 100, 90), (200, 160, 120, 100), (190, 140, 110, 95)], start=1
    ):
        writes += [
            ValueWrite(UNIT, "bou.akt", "", Month(2022, month), akt),
            ValueWrite(UNIT, "bou.akt.oro", "", Month(2022, month), oro),
            ValueWrite(UNIT, "bou.fhb", "", Month(2022, month), fhb),
            ValueWrite(UNIT, "bou.fhb.14d", "", Month(2022, month), fhb14),
        ]
    for month, (akt, oro) in enumerate([(204, 160), (190, 150)], start=1):
        writes += [
            ValueWrite(UNIT, "bou.akt", "", Month(2023, month), akt),
            ValueWrite(UNIT, "bou.akt.oro", "", Month(2023, month), oro),
            ValueWrite(UNIT, "bou.fhb", "", Month(2023, month), 100),
            ValueWrite(UNIT, "bou.fhb.14d", "", Month(2023, month), 80),
        ]
    writes += [
        ValueWrite(VUX, "vux.akt", "", Month(2023, 1), 7),
        ValueWrite(VUX, "vux.plac.hvb", "K", Month(2023, 1), 5),
        ValueWrite(VUX, "vux.plac.hvb", "M", Month(2023, 1), 12),
        ValueWrite(FAM, "fam.akt", "", Month(2023, 1), 40),
    ]
    store.set_values(writes, source="cli")
    return store


def screen_text(app) -> str:
    """The whole screen as plain text, one line per terminal row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


def grid_line(app, label: str) -> str:
    """The screen row that shows a measure's label (first match)."""
    for row in screen_text(app).splitlines():
        if label in row:
            return row
    raise AssertionError(f"{label!r} not on screen:\n{screen_text(app)}")


def run_app(app, scenario, size=(160, 40)):
    """Run an async scenario(pilot) against the app with a fixed terminal size."""
    import asyncio

    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


def make_app(store, unit=UNIT, year=2023, month=3):
    """The grid app at a fixed unit, year, month and today."""
    from tracker.tui.app import TrackerApp

    return TrackerApp(store, unit=unit, year=year, month=month, today=TODAY)


async def type_text(pilot, text: str) -> None:
    """Type text as a terminal sends it, one key event per character, then wait until the app is idle.

    Pilot.press loses the character of keys such as the no-break space or the minus sign, so
    the events are built here the way the terminal driver builds them. They arrive together, as
    from a person typing fast; the app handles them in order.
    """
    await press_together(pilot, *text)


async def press_together(pilot, *keys: str) -> None:
    """Send keys as one burst, as a fast typist or tmux does, and wait once until the app is idle.

    A one-character string is that character (built as the terminal driver builds it); a longer
    one is a key name such as "backspace" or "ctrl+u". Only keys the focused widget handles as
    they arrive belong in a burst: a binding's action runs after the event has bubbled up to the
    app, by which time the keys after it have been handled. Pilot.press waits after every key.
    """
    import unicodedata

    from textual import events
    from textual.app import _character_to_key
    from textual.keys import _get_unicode_name_from_key

    for key in keys:
        if len(key) == 1:
            event = events.Key(key if key.isalnum() else _character_to_key(key), key)
        else:
            try:
                character = unicodedata.lookup(_get_unicode_name_from_key(key))
            except KeyError:
                character = None
            event = events.Key(key, character)
        pilot.app._driver.send_message(event)
    await pilot.pause()


class Host(App):
    """A bare app that pushes one screen and records in .results what it was dismissed with."""

    CSS_PATH = STYLESHEET

    def __init__(self, make_screen) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.results.append)


def text_of(widget) -> str:
    return str(widget.render())


async def clear(pilot) -> None:
    """Empty the focused field (ctrl+u deletes everything left of the cursor, which ends the text)."""
    await pilot.press("ctrl+u")
