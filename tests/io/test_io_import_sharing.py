"""Importing while others use the database: a short write, checks made again when someone saved
meanwhile, a Swedish line for a writer that waited too long, and the progress bar on a terminal."""

from __future__ import annotations

import io
import sqlite3

from tests.support import MOTT, PLAC
from tracker.cli.main import main
from tracker.core.errors import DatabaseError
from tracker.core.periods import Month
from tracker.io import importer
from tracker.store import database
from tracker.store.store import Store

HEAD = "unit,measure,part,period,value\n"


def _csv(tmp_path, *rows: str):
    path = tmp_path / "in.csv"
    path.write_text(HEAD + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_value_saved_by_someone_else_during_the_checks_is_checked_again(filled_db, tmp_path, monkeypatch):
    path = _csv(tmp_path, f"{PLAC},bou.vd.fh,,2023-01,2400", f"{MOTT},bou.akt,,2023-07,210")
    plans = []
    real_plan = importer.plan_import

    def plan_then_someone_saves(store, *args, **kwargs):
        result = real_plan(store, *args, **kwargs)
        plans.append([(c.old, c.new) for c in result.changes])
        if len(plans) == 1:
            with Store.open(filled_db, login="other") as other:
                other.set_value(PLAC, "bou.vd.fh", Month(2023, 1), 2399, source="cli")
        return result

    monkeypatch.setattr(importer, "plan_import", plan_then_someone_saves)
    with Store.open(filled_db, login="test") as store:
        result = importer.import_file(store, path)
        history = store.history(PLAC, "bou.vd.fh", "", Month(2023, 1))
    assert plans == [[(2310, 2400), (None, 210)], [(2399, 2400), (None, 210)]]
    assert [(c.old, c.new) for c in result.changes] == [(2399, 2400), (None, 210)]
    # the log holds the other person's value as the old one, and the revision counts both writes
    assert [(h.login, h.old, h.new) for h in history[-2:]] == [("other", 2310, 2399), ("test", 2399, 2400)]
    with Store.open(filled_db) as store:
        assert store.cell(PLAC, "bou.vd.fh", "", Month(2023, 1)) == (2400, len(history))


def test_an_import_ends_even_when_someone_saves_during_every_check(filled_db, tmp_path, monkeypatch):
    path = _csv(tmp_path, f"{PLAC},bou.vd.fh,,2023-01,2400")
    real_plan = importer.plan_import
    saved = []

    def plan_while_someone_saves(store, *args, **kwargs):
        result = real_plan(store, *args, **kwargs)
        with Store.open(filled_db, login="other") as other:
            try:
                other.set_value(PLAC, "bou.vd.fh", Month(2023, 2), 100 + len(saved), source="cli")
                saved.append(True)
            except DatabaseError:
                saved.append(False)  # the import holds the write lock on its last check
        return result

    monkeypatch.setattr(importer, "plan_import", plan_while_someone_saves)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    with Store.open(filled_db, login="test") as store:
        result = importer.import_file(store, path)
    assert saved == [True, True, False]
    assert [(c.old, c.new) for c in result.changes] == [(2310, 2400)]


def test_a_write_that_waits_too_long_for_an_import_says_so_in_swedish(filled_db, monkeypatch, capsys):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(filled_db)
    holder.execute("BEGIN IMMEDIATE")  # as an import's write transaction holds the lock
    try:
        code = main(["set", PLAC, "bou.vd.fh", "2023-08", "5", "--db", str(filled_db)])
    finally:
        holder.rollback()
        holder.close()
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("tracker: Databasen är upptagen: någon annan sparar just nu (t.ex. en import")
    assert "oväntat" not in err
    assert main(["set", PLAC, "bou.vd.fh", "2023-08", "5", "--db", str(filled_db)]) == 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_import_draws_a_progress_bar_only_on_a_terminal(filled_db, tmp_path, monkeypatch, capsys):
    path = _csv(tmp_path, f"{PLAC},bou.vd.fh,,2023-08,2400")
    assert main(["import", str(path), "--db", str(filled_db), "--dry-run"]) == 0
    assert capsys.readouterr().err == ""
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["import", str(path), "--db", str(filled_db)]) == 0
    assert "Kontrollerar rader" in terminal.getvalue()
    assert "Importerade in.csv: 1 värde ändrades." in capsys.readouterr().out
