"""The config files: precedence system < user < TRACKER_DB < --db, `tracker config`, and their use by the grid."""

from __future__ import annotations

import json

import pytest

from tests.support import make_app, make_small_store, run_app
from tracker.cli.main import main
from tracker.config import default_db_path, load_config
from tracker.core.errors import InputError
from tracker.store.store import Store


def test_database_precedence_is_system_then_user_then_env_then_flag(config_files, tmp_path):
    assert load_config(environ={}).database.value == str(default_db_path())
    assert load_config(environ={}).database.source == "standard"

    config_files.write_system(f'database = "{tmp_path / "system.db"}"\ntheme = "nord"\n')
    config = load_config(environ={})
    assert (config.database.value, config.database.source) == (str(tmp_path / "system.db"), str(config_files.system))

    config_files.write_user(f'database = "{tmp_path / "user.db"}"\n')
    config = load_config(environ={})
    assert (config.database.value, config.database.source) == (str(tmp_path / "user.db"), str(config_files.user))
    # a key the user file does not set still comes from the system file
    assert (config.theme.value, config.theme.source) == ("nord", str(config_files.system))

    config = load_config(environ={"TRACKER_DB": str(tmp_path / "env.db")})
    assert (config.database.value, config.database.source) == (str(tmp_path / "env.db"), "TRACKER_DB")

    config = load_config(str(tmp_path / "flag.db"), environ={"TRACKER_DB": str(tmp_path / "env.db")})
    assert (config.database.value, config.database.source) == (str(tmp_path / "flag.db"), "--db")


def test_unit_flag_beats_the_config_files(config_files):
    config_files.write_system('unit = "IFO.BOU.MOT"\n')
    config_files.write_user('unit = "IFO.VUX.MB"\n')
    assert load_config(environ={}).unit.value == "IFO.VUX.MB"
    assert load_config(unit_flag="IFO.EB", environ={}).unit.source == "--unit"


def test_relative_database_in_a_config_file_is_relative_to_that_file(config_files):
    config_files.write_system('database = "data/ifo.db"\n')
    assert load_config(environ={}).database.value == str(config_files.system.parent / "data" / "ifo.db")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'databas = "ifo.db"\n',
            "nyckeln ”databas”, som inte används. Nycklar som används: database, unit, theme, keymap",
        ),
        ("database = 5\n", "database ska vara en text inom citattecken"),
        ('database = "x.db\n', "är inte giltig TOML: fel på rad 1"),
    ],
)
def test_a_malformed_config_file_is_refused_in_swedish_naming_the_file(config_files, text, expected):
    config_files.write_user(text)
    with pytest.raises(InputError) as caught:
        load_config(environ={})
    assert expected in str(caught.value)
    assert str(config_files.user) in str(caught.value)


def test_config_command_shows_each_value_and_its_source(config_files, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TRACKER_DB", raising=False)
    config_files.write_system(f'database = "{tmp_path / "ifo.db"}"\n')
    config_files.write_user('unit = "IFO.BOU.MOT"\n')
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert str(tmp_path / "ifo.db") in lines["databas"] and str(config_files.system) in lines["databas"]
    assert "IFO.BOU.MOT" in lines["enhet"] and str(config_files.user) in lines["enhet"]
    assert "standard" in lines["tema"]
    assert f"{config_files.system}  (läst)" in out and f"{config_files.user}  (läst)" in out

    assert main(["config", "--db", str(tmp_path / "other.db"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["database"] == {"value": str(tmp_path / "other.db"), "source": "--db"}
    assert data["settings"]["theme"] == {"value": None, "source": "standard"}


def test_a_command_without_db_uses_the_database_the_config_file_names(config_files, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TRACKER_DB", raising=False)
    config_files.write_system(f'database = "{tmp_path / "shared.db"}"\n')
    assert main(["init"]) == 0
    assert str(tmp_path / "shared.db") in capsys.readouterr().out
    assert (tmp_path / "shared.db").exists()


def test_demo_never_writes_into_the_database_the_config_file_names(config_files, tmp_path, monkeypatch):
    from tracker.cli.setup_commands import demo_path

    monkeypatch.delenv("TRACKER_DB", raising=False)
    config_files.write_system(f'database = "{tmp_path / "shared.db"}"\n')
    import argparse

    assert demo_path(argparse.Namespace()) == default_db_path().with_name("demo.db")


def test_grid_header_shows_the_database_file_in_use(tmp_path):
    path = tmp_path / "ifo.db"
    make_small_store(path).close()
    with Store.open(path) as store:
        app = make_app(store)

        async def scenario(pilot):
            assert f"Databas: {path}" in app.query_one("#title").text

        run_app(app, scenario, size=(200, 30))


def test_theme_from_a_config_file_is_applied_and_an_unknown_one_refused(config_files):
    from tracker.tui.app import TrackerApp
    from tracker.tui.launch import apply_theme

    store = make_small_store(None)
    app = TrackerApp(store)
    apply_theme(app, "nord", str(config_files.user))
    assert app.theme == "nord"
    with pytest.raises(InputError, match="Temat ”mörk” i .* finns inte. Välj bland: .*nord"):
        apply_theme(app, "mörk", str(config_files.user))
    store.close()
