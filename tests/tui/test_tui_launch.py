"""Opening the grid: the command line resolves the settings, the launcher opens the app with plain values."""

from __future__ import annotations

import pytest

from tests.support import make_small_store
from tracker.core.errors import InputError
from tracker.store.store import Store
from tracker.tui import launch
from tracker.tui.app import TrackerApp


@pytest.fixture
def opened(monkeypatch):
    """The apps run_app would have run, instead of running them in a terminal."""
    apps: list[TrackerApp] = []
    monkeypatch.setattr(TrackerApp, "run", lambda app: apps.append(app))
    return apps


def test_a_new_database_gets_the_example_tree_and_says_how_to_start(tmp_path, opened):
    path = tmp_path / "ny.db"
    Store.open(path).close()
    assert launch.run_app(path) == 0
    (app,) = opened
    assert app.unit_code is not None and "skapades med standardkatalogen" in app.notice


def test_a_preferred_unit_missing_from_the_database_is_skipped_with_a_notice(tmp_path, opened):
    path = tmp_path / "ifo.db"
    make_small_store(path).close()
    launch.run_app(path, unit="IFO.SAKNAS", unit_from="/etc/tracker/tracker.toml", year=2023, month=3)
    (app,) = opened
    assert app.unit_code == "IFO.BOU.MOTT" and (app.year, app.start_month) == (2023, 3)
    assert "Enheten ”IFO.SAKNAS” ur /etc/tracker/tracker.toml finns inte" in app.notice


def test_the_demo_opens_on_its_whole_forvaltning_and_says_how_to_reach_an_enhet(tmp_path, opened):
    from tracker.io.demo import build_demo

    path = tmp_path / "demo.db"
    with Store.open(path) as store:
        build_demo(store)
    launch.run_app(path)
    launch.run_app(path, unit="IFO.SAKNAS", unit_from="/etc/tracker/tracker.toml")
    launch.run_app(path, unit="IFO.BOU.UTR")
    first, missing, asked = opened
    assert first.unit_code == "IFO" and "Demodatabasen visar hela förvaltningen" in first.notice
    assert "Enter eller d på en summa" in first.notice and "u byter till en enhet" in first.notice
    assert missing.unit_code == "IFO" and "finns inte i den här databasen; visar hela förvaltningen" in missing.notice
    assert asked.unit_code == "IFO.BOU.UTR" and asked.notice is None


def test_a_unit_asked_for_must_exist(tmp_path, opened):
    path = tmp_path / "ifo.db"
    make_small_store(path).close()
    with pytest.raises(InputError, match="Enheten ”IFO.SAKNAS” finns inte"):
        launch.run_app(path, unit="IFO.SAKNAS")
    assert opened == []


def test_theme_and_keymap_files_reach_the_app(tmp_path, opened):
    path = tmp_path / "ifo.db"
    make_small_store(path).close()
    keys = tmp_path / "tangenter.toml"
    keys.write_text('"app.pick-unit" = "e"\n', "utf-8")
    launch.run_app(path, theme="nord", theme_from="test", keymap=keys, keymap_from="test")
    (app,) = opened
    assert app.theme == "nord" and app.keymap == {"app.pick-unit": "e"}


def test_the_command_line_passes_the_settings_in_effect(tmp_path, monkeypatch, config_files):
    from tracker.cli.main import main

    path = tmp_path / "ifo.db"
    make_small_store(path).close()
    config_files.write_user('unit = "IFO.VUX"\ntheme = "nord"\n')
    calls = []
    monkeypatch.setattr(launch, "run_app", lambda *args, **kwargs: calls.append((args, kwargs)) or 0)
    monkeypatch.setenv("TEXTUAL_DRIVER", "test")  # as under `tracker serve`: no terminal needed
    assert main(["--db", str(path), "--year", "2023", "--month", "mars"]) == 0
    (args, kwargs) = calls[0]
    assert args == (path,)
    assert kwargs["unit"] == "IFO.VUX" and kwargs["unit_from"] == str(config_files.user)
    assert (kwargs["year"], kwargs["month"], kwargs["theme"], kwargs["keymap"]) == (2023, 3, "nord", None)


def test_the_grid_pauses_the_cycle_collector_only_until_its_first_paint(small_store):
    import gc

    from tests.support import make_app, run_app

    app = make_app(small_store)
    seen = []
    original = app._load

    def load(*args, **kwargs):  # the first grid is built while the app starts
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    app._load = load

    async def scenario(pilot):
        seen.append(gc.isenabled())

    assert gc.isenabled()
    run_app(app, scenario)
    assert seen[0] is False and seen[-1] is True and gc.isenabled()


def test_the_command_runs_without_the_cycle_collector_and_the_grid_turns_it_back_on(tmp_path, monkeypatch, capsys):
    import gc
    import sys

    from tracker.cli import entry, value_commands

    path = tmp_path / "ifo.db"
    make_small_store(path).close()
    seen = {}
    show = value_commands.cmd_show
    monkeypatch.setattr(value_commands, "cmd_show", lambda args: seen.setdefault("show", gc.isenabled()) or show(args))
    monkeypatch.setattr(launch, "run_app", lambda *a, **k: seen.setdefault("grid", gc.isenabled()) and 0)
    monkeypatch.setenv("TEXTUAL_DRIVER", "test")  # no terminal needed
    try:
        for argv in (["show", "bou.akt", "--year", "2023"], []):
            monkeypatch.setattr(sys, "argv", ["tracker", *argv, "--db", str(path)] if argv else ["tracker", "--db", str(path)])
            with pytest.raises(SystemExit) as done:
                entry.run()
            assert done.value.code == 0
    finally:
        gc.enable()
    assert seen == {"show": False, "grid": True}
    assert "Aktualiseringar" in capsys.readouterr().out
