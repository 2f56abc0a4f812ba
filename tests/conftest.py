"""Fixtures shared by the test folders."""

from __future__ import annotations

from pathlib import Path

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


class ConfigFiles:
    """The system and user config files a test may write; both start absent."""

    def __init__(self, system: Path, user: Path):
        self.system = system
        self.user = user

    def write_system(self, text: str) -> Path:
        return self._write(self.system, text)

    def write_user(self, text: str) -> Path:
        return self._write(self.user, text)

    @staticmethod
    def _write(path: Path, text: str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return path


@pytest.fixture(autouse=True)
def config_files(tmp_path_factory, monkeypatch) -> ConfigFiles:
    """Every test runs with its own (empty) config files, never the machine's or the developer's."""
    import tracker.config

    root = tmp_path_factory.mktemp("config")
    monkeypatch.setattr(tracker.config, "SYSTEM_CONFIG", root / "etc" / "tracker" / "tracker.toml")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "home-config"))
    return ConfigFiles(root / "etc" / "tracker" / "tracker.toml", root / "home-config" / "tracker" / "tracker.toml")


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
