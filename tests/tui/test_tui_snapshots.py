"""SVG snapshots of the grid at fixed sizes, on a fixed small database and a fixed date.

Update with `pytest tests/tui --snapshot-update` after an intended change of the layout.
The cursor starts on mars 2023, a month without values, so no change-log time is on screen.
"""

from __future__ import annotations

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
