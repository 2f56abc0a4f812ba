"""The keymap file a config file may name: checked before the grid opens, then used by it."""

from __future__ import annotations

import pytest

from tests.support import make_app, make_small_store, run_app, screen_text
from tracker.config import load_config
from tracker.core.errors import InputError
from tracker.tui.keymap import load_keymap
from tracker.tui.modals.help import help_rows


def write(tmp_path, text: str):
    path = tmp_path / "tangenter.toml"
    path.write_text(text, "utf-8")
    return path


def test_keymap_file_moves_commands_to_other_keys(tmp_path):
    path = write(tmp_path, '"app.pick-unit" = "e"\n"app.reload" = "f6, ctrl+r"\n')
    assert load_keymap(path, "test") == {"app.pick-unit": "e", "app.reload": "f6,ctrl+r"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"grid.edit" = "e"\n',
            "”grid.edit” är inget kommando som kan få en annan tangent. Välj bland: app.previous-year",
        ),
        ('"app.pick-unit" = "5"\n', "”5” används av rutnätet och kan inte ges till app.pick-unit"),
        ('"app.pick-unit" = "enter"\n', "”enter” används av rutnätet"),
        ('"app.history" = "u"\n', "tangenten ”u” skulle gälla både app.pick-unit och app.history"),
        ('"app.pick-unit" = "ctrl+ö+x"\n', "”ctrl+ö+x” är ingen tangent. Skriv t.ex. e, ctrl+e eller f6"),
        ('"app.pick-unit" = 5\n', "app.pick-unit ska vara en tangent inom citattecken"),
        ('"app.pick-unit" = "e\n', "är inte giltig TOML: fel på rad 1"),
    ],
)
def test_a_keymap_that_would_break_the_grid_or_clash_is_refused_in_swedish(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_keymap(path, "/etc/tracker/tracker.toml")
    assert expected in str(caught.value)
    assert f"Tangentfilen ”{path}” (från /etc/tracker/tracker.toml)" in str(caught.value)


def test_a_missing_keymap_file_is_refused_naming_where_it_was_set(tmp_path):
    with pytest.raises(InputError, match="finns inte. Ändra keymap i inställningsfilen"):
        load_keymap(tmp_path / "saknas.toml", "test")


def test_config_names_the_keymap_file_relative_to_itself(config_files):
    config_files.write_user('keymap = "tangenter.toml"\n')
    config = load_config(environ={})
    assert config.keymap.value == str(config_files.user.parent / "tangenter.toml")
    assert config.keymap.source == str(config_files.user)


def test_grid_uses_the_moved_key_and_shows_it_in_the_footer_and_help(tmp_path):
    from tracker.tui.modals import UnitPicker

    store = make_small_store(None)
    app = make_app(store)
    app.use_keymap(load_keymap(write(tmp_path, '"app.pick-unit" = "e"\n"app.reload" = "f6"\n'), "test"))

    async def scenario(pilot):
        footer = screen_text(app).splitlines()[-1]
        assert "e Byt enhet" in footer and "u Byt enhet" not in footer and "F6 Uppdatera" in footer
        rows = {description: keys for keys, description, _detail in help_rows(app, app.keymap)}
        assert rows["Byt enhet"] == "e" and rows["Uppdatera"] == "F6"
        await pilot.press("u")
        await pilot.pause()
        assert not isinstance(app.screen, UnitPicker)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, UnitPicker)

    run_app(app, scenario)
    store.close()


def test_readme_lists_every_command_a_keymap_can_move():
    from pathlib import Path

    from tracker.tui.keymap import movable_bindings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    assert [i for i in movable_bindings() if f"`{i}`" not in readme] == []
