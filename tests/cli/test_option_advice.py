"""The store's refusals name no command-line option; the command line adds the option that helps."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tracker.cli.main import main

STORE = Path(__file__).resolve().parents[2] / "tracker" / "store"


@pytest.mark.parametrize(
    ("argv", "code", "advice"),
    [
        (["users", "add", "ny", "--role", "rapportor"], 2, "Ange --units, t.ex. --units IFO.BOU.MOTT."),
        (["users", "add", "ny", "--role", "lasare", "--units", "IFO.BOU.MOTT"], 2, "en läsare har inga. Ta bort --units."),
        (["unlock", "2023-03", "--reason", "  "], 2, "sparas i historiken. Ange orsaken med --reason"),
        (["units", "add", "IFO.X", "Ny enhet"], 2, "Ange var enheten hör hemma med --parent."),
        (["units", "add", "IFO.Y", "Ny avdelning", "--parent", "IFO", "--measures", "all"], 2, "Ta bort --measures."),
        (["comment", "IFO.BOU.MOTT", "2023-03", "Text", "--part", "F"], 2, "Ange måttet med --measure."),
        (["comment", "IFO.BOU.MOTT", "2023-03", "Text", "--measure", "bou.akt", "--part", "F"], 2, "Ta bort --part."),
    ],
)
def test_a_refusal_on_the_command_line_names_the_option_that_helps(cli, argv, code, advice):
    status, out, err = cli(*argv)
    assert status == code
    assert err.startswith("tracker: ") and err.count("\n") == 1
    assert advice in err


def test_the_first_user_must_be_an_admin_and_the_command_line_says_how(tmp_path, monkeypatch, capsys):
    from tracker.store import store as store_module

    monkeypatch.setattr(store_module, "current_login", lambda: "ec.barn")
    db = str(tmp_path / "ny.db")
    assert main(["init", "--db", db]) == 0
    capsys.readouterr()
    assert main(["users", "add", "lasa", "--role", "lasare", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "Lägg först till dig själv som administratör." in err
    assert "tracker users add ec.barn --role admin." in err


def test_a_file_that_is_no_database_is_refused_naming_the_db_option(tmp_path, capsys):
    path = tmp_path / "anteckningar.db"
    path.write_text("inte en databas\n", "utf-8")
    assert main(["units", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "ingen SQLite-databas" in err and err.rstrip().endswith("Ange en annan fil med --db.")


def _raised_texts(path: Path) -> list[tuple[int, str]]:
    """The literal text of every message the module raises (a string or f-string argument)."""
    texts = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            for arg in node.exc.args:
                for part in ast.walk(arg):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        texts.append((node.lineno, part.value))
    return texts


def test_no_refusal_of_the_store_names_an_option():
    found = [
        f"{path.name}:{line}: {text}"
        for path in sorted(STORE.glob("*.py"))
        for line, text in _raised_texts(path)
        if "--" in text
    ]
    assert not found, found
