"""The same typed inputs through every way in: the grid, the form, `tracker set` and the importer.

Each case starts from a cell holding 7 and says what the cell holds afterwards: the parsed value,
None when the input clears it, or 7 again (REFUSED) when the input is refused with a message.
"""

from __future__ import annotations

import asyncio
import csv

import pytest

from tests.support import TODAY, make_small_store, press_together
from tracker.cli.main import main
from tracker.core.entry import MAX_VALUE, EntryRefused, parse_entry
from tracker.core.periods import Month
from tracker.io.importer import ImportProblems, import_file
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

REFUSED = object()
START = 7
MARS = Month(2023, 3)
COUNT = ("IFO.VUX.FAM", "fam.akt")  # no values in February 2023 or March 2022: nothing is implausible
KRONOR = ("IFO.EB.FS", "eb.belopp")

CASES = [
    # (typed text, measure, what the cell holds afterwards)
    ("0", COUNT, 0),
    ("7", COUNT, 7),
    ("12", COUNT, 12),
    ("1234", COUNT, 1234),
    ("1 234", COUNT, 1234),
    ("1\u00a0234", COUNT, 1234),  # no-break space
    ("1\u202f234", COUNT, 1234),  # narrow no-break space
    ("1\u2009234", COUNT, 1234),  # thin space
    ("12 345 678", COUNT, 12345678),
    ("  42  ", COUNT, 42),
    ("007", COUNT, 7),
    ("1000000000000", COUNT, MAX_VALUE),
    ("1 000 000 000 000", COUNT, MAX_VALUE),
    ("1000000000001", COUNT, REFUSED),
    ("9223372036854775808", COUNT, REFUSED),  # 2**63
    ("99999999999999999999999", COUNT, REFUSED),
    ("-3", COUNT, REFUSED),
    ("\u22123", COUNT, REFUSED),  # minus sign
    ("- 3", COUNT, REFUSED),
    ("+5", COUNT, REFUSED),
    ("1,5", COUNT, REFUSED),
    ("1.5", COUNT, REFUSED),
    ("1,0", COUNT, REFUSED),
    (",5", COUNT, REFUSED),
    ("1.234", COUNT, REFUSED),
    ("1,234", COUNT, REFUSED),
    ("12 34", COUNT, REFUSED),
    ("1  234", COUNT, REFUSED),
    ("tre", COUNT, REFUSED),
    ("5 st", COUNT, REFUSED),
    ("1e3", COUNT, REFUSED),
    ("\u0661\u0662", COUNT, REFUSED),  # Arabic-Indic digits
    ("\uff15", COUNT, REFUSED),  # fullwidth five
    ("0x10", COUNT, REFUSED),
    ("NaN", COUNT, REFUSED),
    ("", COUNT, None),
    ("   ", COUNT, None),
    ("-", COUNT, None),
    ("–", COUNT, None),  # en dash, as the grid shows a missing value
    ("—", COUNT, None),  # em dash
    ("\u2212", COUNT, None),  # minus sign alone
    ("12 500", KRONOR, 12500),
    ("1234567", KRONOR, 1234567),
    ("1234,50", KRONOR, REFUSED),
    ("99,9", KRONOR, REFUSED),
    ("-100", KRONOR, REFUSED),
    ("12 500 kr", KRONOR, REFUSED),
]
IDS = [f"{i:02d}:{text!r}" for i, (text, _m, _e) in enumerate(CASES)]


def expected_value(expected):
    return START if expected is REFUSED else expected


def preset(store: Store, target) -> None:
    unit, measure = target
    store.set_value(unit, measure, MARS, START, source="cli")


def stored(store: Store, target):
    unit, measure = target
    return store.cell(unit, measure, "", MARS)[0]


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40 and len({text for text, _m, _e in CASES}) == len(CASES)


@pytest.mark.parametrize("text, target, expected", CASES, ids=IDS)
def test_core_parse(example_store, text, target, expected):
    measure = example_store().catalog.get(target[1])
    if expected is REFUSED:
        with pytest.raises(EntryRefused):
            parse_entry(text, measure)
    else:
        assert parse_entry(text, measure) == expected


def test_tracker_set(small_db, capsys):
    for text, target, expected in CASES:
        with Store.open(small_db) as s:
            preset(s, target)
        code = main(["set", "--db", str(small_db), target[0], target[1], "2023-03", "--", text])
        err = capsys.readouterr().err
        with Store.open(small_db) as s:
            assert stored(s, target) == expected_value(expected), text
        assert code == (2 if expected is REFUSED else 0), (text, err)
        assert (err.count("\n") == 1) if expected is REFUSED else not err, (text, err)


def test_import(small_db, tmp_path):
    for i, (text, target, expected) in enumerate(CASES):
        with Store.open(small_db) as s:
            preset(s, target)
            path = tmp_path / f"in{i}.csv"
            with path.open("w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(["unit", "measure", "part", "period", "value"])
                writer.writerow([target[0], target[1], "", "2023-03", text])
            if expected is REFUSED:
                with pytest.raises(ImportProblems):
                    import_file(s, path)
            else:
                import_file(s, path)
            assert stored(s, target) == expected_value(expected), text


def refusal(text: str, target) -> str:
    """What the core says about an input it refuses: every way in shows these words."""
    from tracker.core.catalog import standard_catalog

    with pytest.raises(EntryRefused) as refused:
        parse_entry(text, standard_catalog().get(target[1]))
    return str(refused.value)


def shown(text: str) -> str:
    """What a field shows after the text is typed: Textual takes only printable characters from
    a key, so the no-break and thin spaces never reach the field (and the digits join up)."""
    return "".join(c for c in text if c.isprintable())


def runs(cases: list) -> list[list]:
    """The cases in order, consecutive refused ones together.

    A refused input leaves the editor or the form open with the cell as it was, so the next refused
    input is typed into the same one, as a person corrects a typo; an accepted input closes it.
    """
    grouped: list[list] = []
    for case in cases:
        if case[2] is REFUSED and grouped and grouped[-1][0][2] is REFUSED:
            grouped[-1].append(case)
        else:
            grouped.append([case])
    return grouped


def test_consecutive_refused_cases_share_an_editor_and_accepted_ones_do_not():
    grouped = runs(CASES)
    assert [case for run in grouped for case in run] == CASES
    assert all(len(run) == 1 or all(e is REFUSED for _t, _m, e in run) for run in grouped)
    assert max(len(run) for run in grouped) > 10


def test_grid_typing():
    from tracker.tui.app import TrackerApp

    for target in (COUNT, KRONOR):
        store = make_small_store(None)
        cases = [c for c in CASES if c[1] == target]
        app = TrackerApp(store, unit=target[0], year=2023, month=3, today=TODAY)

        async def scenario(app=app, store=store, cases=cases, target=target):
            async with app.run_test(size=(160, 40)) as pilot:
                await pilot.pause()
                for run in runs(cases):
                    preset(store, target)
                    app.grid.move_to(app.data.find_row(target[1]), 2)
                    await pilot.press("f5")  # read the preset value
                    for i, (text, _t, expected) in enumerate(run):
                        # Enter opens the cell's editor, ctrl+u empties it; the grid takes these
                        # as they arrive, so they are typed in one burst with the text
                        await press_together(pilot, *(["enter"] if i == 0 else []), "ctrl+u", *text)
                        assert app.grid.edit.text == shown(text), text
                        await pilot.press("enter")
                        await pilot.pause()
                        assert stored(store, target) == expected_value(expected), text
                        if expected is REFUSED:
                            assert app.grid.editing, text
                            assert refusal(text, target) in app.query_one("#message").text, text
                    if app.grid.editing:
                        await pilot.press("escape")

        asyncio.run(scenario())
        store.close()


def test_form_typing():
    from textual.app import App
    from textual.widgets import Input, Static

    from tracker.tui.modals import ConfirmScreen
    from tracker.tui.screens.report_month import ReportMonthScreen

    for target in (COUNT, KRONOR):
        store = make_small_store(None)
        # The enhet's other measures hold March values, so an accepted input saves the month as klar
        # at once; an input that clears the cell is asked about (and saved as påbörjad).
        unit = store.units.get(target[0])
        others = []
        for code in unit.measures:
            measure = store.catalog.get(code)
            if code != target[1] and measure.kind != "ratio":
                others += [ValueWrite(unit.code, code, part, MARS, 3) for part in measure.parts or ("",)]
        store.set_values(others, source="cli")
        cases = [c for c in CASES if c[1] == target]

        async def scenario(store=store, cases=cases, target=target):
            app = App()
            async with app.run_test(size=(160, 50)) as pilot:
                for run in runs(cases):
                    preset(store, target)
                    results = []
                    form = ReportMonthScreen(store, target[0], MARS)
                    app.push_screen(form, results.append)
                    await pilot.pause()
                    field = next(f for f in form.fields if f.measure.code == target[1])
                    for text, _t, expected in run:
                        entry = form.query_one(f"#f-{field.index}", Input)
                        entry.focus()
                        # the form's fields take Backspace as it arrives: empty the field and type in one burst
                        await press_together(pilot, *["backspace"] * len(entry.value), *text)
                        assert entry.value == shown(text), text
                        await pilot.press("ctrl+s")
                        await pilot.pause()
                        if isinstance(app.screen, ConfirmScreen):
                            await pilot.press("n")  # the cleared measure is missing: save as påbörjad
                            await pilot.pause()
                        assert stored(store, target) == expected_value(expected), text
                        assert (results == []) is (expected is REFUSED), text
                        if expected is REFUSED:
                            assert app.screen is form, text
                            message = str(form.query_one("#report-message", Static).render())
                            assert refusal(text, target) in message, text
                    if results == []:
                        form.dismiss(False)
                        await pilot.pause()

        asyncio.run(scenario())
        store.close()
