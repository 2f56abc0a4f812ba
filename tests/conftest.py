"""Fixtures shared by the test folders."""

from __future__ import annotations

import pytest

from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store


@pytest.fixture
def example_store():
    """Factory of in-memory databases with the standard catalog and the example unit tree.

    Call it with the login the store should act as; every store made is closed after the test.
    """
    made: list[Store] = []

    def make(login: str = "test") -> Store:
        store = Store.open(None, login=login)
        create_example_tree(store)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """The command line in-process on a fresh `tracker init` database with one value.

    The admin "chef" and the läsare "lasa" are registered. Call cli(*argv) to run as the
    current login (cli.login = "…" switches it); it returns (exit code, stdout, stderr).
    `--db` is added for you; cli.db is the file.
    """
    from tracker.cli.main import main
    from tracker.store import store as store_module

    class Cli:
        db = tmp_path / "t.db"
        login = "chef"

        def __call__(self, *argv: str):
            code = main([*argv, "--db", str(self.db)])
            out = capsys.readouterr()
            return code, out.out, out.err

    run = Cli()
    monkeypatch.setattr(store_module, "current_login", lambda: run.login)
    for argv in (
        ["init"],
        ["users", "add", "chef", "--role", "admin"],
        ["users", "add", "lasa", "--role", "lasare"],
        ["set", "IFO.BOU.MOTT", "bou.akt", "2023-03", "11"],
    ):
        assert run(*argv)[0] == 0
    return run
