"""Every fixture of the test suite, for every folder (support code is in tests/support.py).

Databases that many tests start from are built once per session and copied per test: a test
may write its copy freely, and the template stays as built.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.support import (
    FLOW_2023,
    FLOW_2024,
    FS,
    MARS,
    MOTT,
    PLAC,
    ROLLUP_DEMO_THROUGH,
    STOCK_K_2023,
    STOCK_K_2024,
    STOCK_M,
    UTR,
    VUX,
    InProcessCli,
    build_reference_store,
    fill_small_year,
    make_small_store,
)
from tracker.core.periods import Month
from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

# -- isolation ------------------------------------------------------------------------------------


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


def _isolate_config(monkeypatch, root: Path) -> ConfigFiles:
    import tracker.config

    monkeypatch.setattr(tracker.config, "SYSTEM_CONFIG", root / "etc" / "tracker" / "tracker.toml")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "home-config"))
    monkeypatch.delenv("TRACKER_DB", raising=False)
    return ConfigFiles(root / "etc" / "tracker" / "tracker.toml", root / "home-config" / "tracker" / "tracker.toml")


@pytest.fixture(autouse=True)
def config_files(tmp_path_factory, monkeypatch) -> ConfigFiles:
    """Every test runs with its own (empty) config files and no TRACKER_DB, never the machine's or the developer's."""
    return _isolate_config(monkeypatch, tmp_path_factory.mktemp("config"))


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


# -- templates built once per session ----------------------------------------------------------


def _as_login(monkeypatch, login: str | None) -> None:
    """Make the store see `login` as the OS login (None: the real one)."""
    from tracker.store import store as store_module

    if login is not None:
        monkeypatch.setattr(store_module, "current_login", lambda: login)


def _build_with_cli(path: Path, login: str | None, commands: list[list[str]]) -> Path:
    """A database file made by running commands in process, with the config isolated."""
    from tracker.cli.main import main

    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as config:
        _isolate_config(mp, Path(config))
        _as_login(mp, login)
        for argv in commands:
            assert main([*argv, "--db", str(path)]) == 0, argv
    return path


def _copy(template: Path, target: Path) -> Path:
    """A copy of a template database, with its write-ahead log if one was left beside it."""
    for suffix in ("", "-wal"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return target


@pytest.fixture(scope="session")
def init_template(tmp_path_factory) -> Path:
    """A database made by `tracker init` (as the OS login)."""
    return _build_with_cli(tmp_path_factory.mktemp("templates") / "init.db", None, [["init"]])


@pytest.fixture(scope="session")
def cli_template(tmp_path_factory) -> Path:
    """`tracker init`, the admin "chef", the läsare "lasa" and one value, as chef."""
    return _build_with_cli(
        tmp_path_factory.mktemp("templates") / "cli.db",
        "chef",
        [
            ["init"],
            ["users", "add", "chef", "--role", "admin"],
            ["users", "add", "lasa", "--role", "lasare"],
            ["set", MOTT, "bou.akt", "2023-03", "11"],
        ],
    )


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """The bad-input corpus's database: an admin, a läsare, values in March and January 2023,
    March marked klar and January locked for Mottagning. Tests copy it."""
    return _build_with_cli(
        tmp_path_factory.mktemp("templates") / "corpus.db",
        "chef",
        [
            ["init"],
            ["users", "add", "chef", "--role", "admin"],
            ["users", "add", "lasa", "--role", "lasare"],
            ["set", MOTT, "bou.akt", "2023-03", "11"],
            ["set", MOTT, "bou.akt", "2023-01", "7"],
            ["report-month", MOTT, "2023-03", "--done", "--force"],
            ["lock", "2023-01", "--unit", MOTT],
        ],
    )


# -- the command line -----------------------------------------------------------------------------


@pytest.fixture
def cli(cli_template, tmp_path, monkeypatch, capsys) -> InProcessCli:
    """The command line in-process on a fresh `tracker init` database with one value.

    The admin "chef" and the läsare "lasa" are registered. Call cli(*argv) to run as the
    current login (cli.login = "…" switches it); it returns (exit code, stdout, stderr), also
    as .returncode, .stdout, .stderr. `--db` is added for you; cli.db is the file.
    """
    run = InProcessCli(_copy(cli_template, tmp_path / "t.db"), capsys, login="chef")
    from tracker.store import store as store_module

    monkeypatch.setattr(store_module, "current_login", lambda: run.login)
    return run


@pytest.fixture
def tracker(init_template, tmp_path, monkeypatch, capsys) -> InProcessCli:
    """`tracker ARGS --db t.db` in process, on a fresh `tracker init` database, as the OS login,
    from the database's folder: tracker(*args, check=False) returns .returncode, .stdout, .stderr."""
    monkeypatch.chdir(tmp_path)
    return InProcessCli(_copy(init_template, tmp_path / "t.db"), capsys)


# -- databases in memory and in files -----------------------------------------------------------


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
def store(example_store) -> Store:
    """An in-memory database with the standard catalog and the example unit tree, as ec.barn."""
    return example_store("ec.barn")


@pytest.fixture
def empty_store(example_store) -> Store:
    """A second example tree without values, beside `filled_store`."""
    return example_store()


@pytest.fixture
def filled_store(store) -> Store:
    """The example tree with a small year of values (support.fill_small_year)."""
    fill_small_year(store)
    return store


@pytest.fixture
def locked_store(example_store) -> Store:
    """The small filled year as the admin "boss" (not yet registered), February locked for Placering."""
    store = example_store("boss")
    fill_small_year(store)
    store.lock_month(Month(2023, 2), PLAC)
    return store


@pytest.fixture
def locked_store_with_users(locked_store) -> Store:
    """`locked_store` with the admin boss, the rapportör rap (Placering) and the läsare las."""
    locked_store.add_user("boss", "admin")
    locked_store.add_user("rap", "rapportor", [PLAC])
    locked_store.add_user("las", "lasare")
    return locked_store


@pytest.fixture
def example_db(tmp_path) -> Path:
    """A database file with the standard catalog and the example unit tree; returns its path."""
    path = tmp_path / "t.db"
    with Store.open(path, login="test") as store:
        create_example_tree(store)
    return path


@pytest.fixture
def filled_db(tmp_path) -> Path:
    """A database file with the example tree and the small filled year; returns its path."""
    path = tmp_path / "t.db"
    with Store.open(path, login="test") as store:
        create_example_tree(store)
        fill_small_year(store)
    return path


@pytest.fixture
def reference_store():
    """The reference Volymutveckling 2023 (Katrineholm) entered through the store, in memory."""
    s = Store.open(None, login="test")
    build_reference_store(s)
    yield s
    s.close()


@pytest.fixture
def reference_db(tmp_path) -> Path:
    """The reference Volymutveckling 2023 in a database file; returns its path."""
    path = tmp_path / "ref.db"
    with Store.open(path, login="test") as s:
        build_reference_store(s)
    return path


@pytest.fixture
def reference_cli(reference_db, tmp_path, monkeypatch, capsys) -> InProcessCli:
    """`tracker ARGS --db` the reference database, in process, from the test's own folder (where a
    file written without --out lands)."""
    monkeypatch.chdir(tmp_path)
    return InProcessCli(reference_db, capsys)


@pytest.fixture
def small_store():
    """The example tree with a few fixed values (see support.make_small_store), in memory."""
    s = make_small_store(None)
    yield s
    s.close()


@pytest.fixture
def small_db(tmp_path) -> Path:
    """The small store in a file, with three utredningar inledda for Familjerätt in March 2023."""
    path = tmp_path / "t.db"
    make_small_store(path).close()
    with Store.open(path) as s:
        s.set_value("IFO.VUX.FAM", "fam.utr.inledda", MARS, 3, source="cli")
    return path


@pytest.fixture
def akt_store(example_store) -> Store:
    """The example tree as the admin chef, where Utredning and Vuxenenheten also count aktualiseringar."""
    store = example_store("chef")
    store.change_unit_measures(UTR, add="bou.akt")
    store.change_unit_measures(VUX, add="bou.akt")
    return store


@pytest.fixture
def partial_year_store(example_store) -> Store:
    """Skyddat boende vårddygn (a flow) and hushåll med utbetalning (a stock in K and M) for all of
    2023 and January–October 2024, as chef (the figures are in support)."""
    store = example_store("chef")
    writes = []
    for year, flow, kvinnor in ((2023, FLOW_2023, STOCK_K_2023), (2024, FLOW_2024, STOCK_K_2024)):
        for i, value in enumerate(flow):
            writes.append(ValueWrite(VUX, "vux.skydd.dygn", "", Month(year, i + 1), value))
        for i, value in enumerate(kvinnor):
            writes.append(ValueWrite(FS, "eb.hh.utbet", "K", Month(year, i + 1), value))
            writes.append(ValueWrite(FS, "eb.hh.utbet", "M", Month(year, i + 1), STOCK_M))
    store.set_values(writes, source="cli")
    return store


@pytest.fixture
def admin_and_lasare(example_store) -> tuple[Store, Store]:
    """An admin (chef) and a läsare (lasa) on the same database, with a series break and one value."""
    admin = example_store("chef")
    admin.add_user("chef", "admin")
    admin.add_user("lasa", "lasare")
    admin.add_break("bou.akt", Month(2022, 1), "Ny definition")
    admin.set_value(MOTT, "bou.akt", MARS, 11, source="cli")
    return admin, Store(admin.db, login="lasa")


@pytest.fixture
def sealed_block(admin_and_lasare) -> tuple[Store, int, int]:
    """The admin's database after one write of four values, sealed as one block: (store, first id, last id)."""
    admin, _ = admin_and_lasare
    admin.set_values(
        [ValueWrite(MOTT, "bou.akt", "", Month(2023, m), 10 + m, None) for m in (4, 5, 6, 7)], source="import"
    )
    rows = admin.db.execute("select id, prev_hash, hash from change_log order by id desc limit 4").fetchall()
    assert [r[2] is None for r in rows] == [False, True, True, True]  # only the block's last entry has a hash
    first, last = rows[-1][0], rows[0][0]
    assert admin.verify() == []
    return admin, first, last


@pytest.fixture
def db_store():
    """(admin1's store, as_login): the example tree in memory, and a factory that opens the same
    database (the same connection) as another login."""
    base = Store.open(None, login="admin1")
    create_example_tree(base)

    def as_login(login: str) -> Store:
        return Store(base.db, login=login)

    yield base, as_login
    base.close()


@pytest.fixture
def stores():
    """(admin1's store, as_login) for the reporting screens: bou.akt in March 2022 and February 2023,
    the admin admin1, and the rapportörer ec.mott (Mottagning) and ec.utr (Utredning)."""
    admin = Store.open(None, login="admin1")
    create_example_tree(admin)
    admin.set_values(
        [
            ValueWrite(MOTT, "bou.akt", "", Month(2022, 3), 100),
            ValueWrite(MOTT, "bou.akt.oro", "", Month(2022, 3), 80),
            ValueWrite(MOTT, "bou.akt", "", Month(2023, 2), 110),
        ],
        source="demo",
    )
    admin.add_user("admin1", "admin")
    admin.add_user("ec.mott", "rapportor", [MOTT])
    admin.add_user("ec.utr", "rapportor", [UTR])

    def as_login(login):
        return Store(admin.db, login=login)

    yield admin, as_login
    admin.close()


# -- the demo database, shared read-only --------------------------------------------------------

@pytest.fixture(scope="session")
def demo_store():
    """The demo through ROLLUP_DEMO_THROUGH (September 2025) in memory, where Vuxenenheten has not reported gem.evb for
    June 2025 (the others have): shared by the roll-up tests, which only read it."""
    from tracker.io.demo import build_demo

    store = Store.open(None, login="test")
    build_demo(store, through=ROLLUP_DEMO_THROUGH)
    store.set_value(VUX, "gem.evb", Month(2025, 6), None, source="cli")
    yield store
    store.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo through October 2026 in a file, shared by the tests that only show it."""
    from tracker.io.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path, login="test.user") as store:
        build_demo(store, through=Month(2026, 10))
    return path


@pytest.fixture(scope="module")
def import_dir():
    """A folder for the files a property test writes, one per module (hypothesis reruns a test in one call)."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@pytest.fixture
def demo_in_memory(demo_db):
    """A function giving a fresh in-memory copy of the demo (through October 2026) for a screen to
    show: no file path in the title, and nothing a test does reaches the shared file."""
    opened: list[Store] = []

    def copy() -> Store:
        with Store.open(demo_db, login="test.user") as source:
            store = Store.open(None, login="test.user")
            source.db.conn.backup(store.db.conn)
        store.invalidate()
        opened.append(store)
        return store

    yield copy
    for store in opened:
        store.close()
