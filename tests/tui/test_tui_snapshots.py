"""SVG snapshots of the grid at fixed sizes, on a fixed small database and a fixed date.

Update with `pytest tests/tui --snapshot-update` after an intended change of the layout.
The cursor starts on mars 2023, a month without values, so no change-log time is on screen;
the demo's snapshots stand on a roll-up or on a period column, for the same reason.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import make_app, make_small_store


def demo_store():
    store = make_small_store(None)
    store.set_setting("demo", "DEMODATA – syntetiska siffror, inte en verklig kommun")
    return store


def test_grid_160x40(snap_compare):
    assert snap_compare(make_app(demo_store()), terminal_size=(160, 40))


def test_grid_80x24_editing(snap_compare):
    assert snap_compare(make_app(make_small_store(None)), terminal_size=(80, 24), press=["2", "3"])


def test_refused_value_100x30(snap_compare):
    assert snap_compare(make_app(make_small_store(None)), terminal_size=(100, 30), press=["minus", "5", "enter"])


def test_rollup_160x40(snap_compare):
    assert snap_compare(make_app(make_small_store(None), unit="IFO.VUX", month=1), terminal_size=(160, 40))


def test_help_100x40(snap_compare):
    assert snap_compare(make_app(make_small_store(None)), terminal_size=(100, 40), press=["f1"])


def test_unit_picker_100x30(snap_compare):
    assert snap_compare(make_app(make_small_store(None)), terminal_size=(100, 30), press=["u"])


# -- the demo at the three sizes people use: a laptop's 80×24, 120×40, and a wide 160×50 ----------

SIZES = [(80, 24), (120, 40), (160, 50)]
DEMO_TODAY = date(2026, 11, 24)  # October 2026 is being reported; the demo runs through it


def demo_app(store, unit: str):
    from tracker.tui.app import TrackerApp

    return TrackerApp(store, unit=unit, year=2026, month=10, today=DEMO_TODAY)


def _ids(size) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_forvaltning_rollup(snap_compare, demo_in_memory, size):
    # a roll-up keeps no change log on screen, so the cursor may stay on October
    assert snap_compare(demo_app(demo_in_memory(), "IFO"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_enhet_with_kronor(snap_compare, demo_in_memory, size):
    # on Hittills, which has no change time in its status line
    press = ["end"] + ["left"] * 4 if size[0] >= 100 else ["end", "left"]
    assert snap_compare(demo_app(demo_in_memory(), "IFO.EB.FS"), terminal_size=size, press=press)


@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_inrapportering(snap_compare, demo_in_memory, size):
    assert snap_compare(demo_app(demo_in_memory(), "IFO"), terminal_size=size, press=["i"])


@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_help_of_the_grid(snap_compare, demo_in_memory, size):
    assert snap_compare(demo_app(demo_in_memory(), "IFO.BOU.MOTT"), terminal_size=size, press=["end", "f1"])
