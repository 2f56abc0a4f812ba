"""A block of log entries stores what its entries share once, and is read as if every entry held it.

A bulk write (an import, a form saved at once) logs many entries with one login, moment, source,
reason and file. Since m008 those columns are stored on the entry that seals the block only;
`tracker log`, a cell's history, the grid's "senast ändrad" and `tracker check` read every entry
as before, and a database made before m008 keeps its entries as they were.
"""

from __future__ import annotations

from sqlite_utils import Database

from tests.support import MARS, MOTT
from tracker.core.catalog import standard_catalog
from tracker.core.periods import Month
from tracker.io.example_tree import create_example_tree
from tracker.store.audit_log import LOG_COLUMNS, SHARED_COLUMNS, _chain_end, _remember_head, block_hash, seal_block
from tracker.store.database import migrate
from tracker.store.schema import migrations
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

MONTHS = [Month(2023, m) for m in (4, 5, 6, 7)]


def _stored(store: Store, ids: range) -> list[tuple]:
    marks = ",".join("?" for _ in ids)
    return store.db.execute(
        f"select id, {', '.join(SHARED_COLUMNS)}, hash from change_log where id in ({marks}) order by id", list(ids)
    ).fetchall()


def _block_ids(store: Store, n: int) -> range:
    last = store.db.execute("select max(id) from change_log").fetchone()[0]
    return range(last - n + 1, last + 1)


def _shared(entry) -> tuple:
    return (entry.at, entry.login, entry.source, entry.reason, entry.file)


def test_an_import_stores_the_shared_columns_once_and_every_entry_reads_them(example_store):
    admin = example_store("admin")
    cells = [(MOTT, "bou.akt", "", month, None, float(10 + month.month)) for month in MONTHS]
    admin.write_checked(cells, version=admin.data_version(), source="import", reason="Rättelse", file="april.csv")
    ids = _block_ids(admin, 4)
    stored = _stored(admin, ids)
    assert [row[1:6] for row in stored[:-1]] == [(None,) * 5] * 3  # narrow: nothing shared repeated
    sealer = stored[-1]
    assert sealer[2:6] == ("admin", "import", "Rättelse", "april.csv") and sealer[6] is not None
    entries = admin.log_entries()[-4:]
    assert [e.id for e in entries] == list(ids)
    assert {_shared(e) for e in entries} == {sealer[1:6]}
    assert [(e.action, e.period, e.new) for e in entries] == [("value", str(m), 10.0 + m.month) for m in MONTHS]
    # a cell's history and the grid's latest change of each cell say who, when and why, as before
    history = admin.history(MOTT, "bou.akt", "", MONTHS[0])
    assert [(h.at, h.login, h.source, h.old, h.new, h.reason, h.file) for h in history] == [
        (sealer[1], "admin", "import", None, 14.0, "Rättelse", "april.csv")
    ]
    revisions, latest = admin.year_log(MOTT, 2023)
    assert {revisions[("bou.akt", "", m)] for m in MONTHS} == {1}
    assert {(r.at, r.login, r.source, r.reason, r.file) for r in latest.values()} == {sealer[1:6]}
    assert admin.verify() == []
    # the log read from a day on finds the block by its sealing entry's day
    assert len(admin.log_entries(since=admin.today)) >= 4


def test_a_form_saved_at_once_is_a_narrow_block_too_and_revisions_keep_counting(example_store):
    admin = example_store("admin")
    admin.set_values([ValueWrite(MOTT, "bou.akt", "", m, 20, None) for m in MONTHS], source="tui")
    admin.set_values([ValueWrite(MOTT, "bou.akt", "", m, 21, None) for m in MONTHS], source="cli", reason="Ny")
    stored = _stored(admin, _block_ids(admin, 4))
    assert [row[1] is None for row in stored] == [True, True, True, False]
    history = admin.history(MOTT, "bou.akt", "", MONTHS[1])
    assert [(h.source, h.old, h.new, h.reason) for h in history] == [("tui", None, 20, None), ("cli", 20, 21, "Ny")]
    assert admin.cell(MOTT, "bou.akt", "", MONTHS[1]) == (21, 2)
    assert admin.verify() == []


def test_an_import_after_earlier_changes_counts_the_revisions_from_the_log(example_store):
    admin = example_store("admin")
    admin.set_value(MOTT, "bou.akt", MONTHS[0], 5, source="cli")
    admin.set_value(MOTT, "bou.akt", MONTHS[0], None, source="cli")  # cleared: two changes, no value row
    admin.set_value(MOTT, "bou.akt", MONTHS[1], 6, source="cli")
    cells = [(MOTT, "bou.akt", "", MONTHS[0], None, 7.0), (MOTT, "bou.akt", "", MONTHS[1], 6.0, 8.0),
             (MOTT, "bou.akt", "", MONTHS[2], None, 9.0)]
    admin.write_checked(cells, version=admin.data_version(), source="import", file="maj.csv")
    stored = admin.db.execute(
        "select period, value, revision from value where unit = ? and measure = 'bou.akt' order by period", [MOTT]
    ).fetchall()
    assert stored == [("2023-04", 7.0, 3), ("2023-05", 8.0, 2), ("2023-06", 9.0, 1)]
    assert [admin.cell(MOTT, "bou.akt", "", m)[1] for m in MONTHS[:3]] == [3, 2, 1]
    assert admin.verify() == []


def test_entries_of_a_block_that_do_not_share_a_column_keep_all_of_theirs(example_store):
    admin = example_store("admin")
    entry = ("2024-01-02T10:00:00+01:00", "admin", "cli", "value", MOTT, "bou.akt", "", "2023-04", None, 1.0)
    with admin.db.conn:
        seal_block(admin.db, [(*entry, "En orsak", None, None), (*entry[:7], "2023-05", None, 2.0, "En annan", None, None)])
    stored = _stored(admin, _block_ids(admin, 2))
    assert stored[0][1:6] == ("2024-01-02T10:00:00+01:00", "admin", "cli", "En orsak", None)
    assert [e.reason for e in admin.log_entries()[-2:]] == ["En orsak", "En annan"]
    assert admin._verify_chain() == []  # (no values were written beside these entries)


def test_check_finds_a_changed_sealing_entry_or_a_narrow_entry_given_columns_of_its_own(example_store):
    admin = example_store("admin")
    cells = [(MOTT, "bou.akt", "", month, None, 3.0) for month in MONTHS]
    admin.write_checked(cells, version=admin.data_version(), source="import", file="april.csv")
    ids = _block_ids(admin, 4)
    at = admin.log_entries()[-1].at
    block = f"Loggposterna {ids[0]}–{ids[-1]} har ändrats efter att de skrevs ({at})."
    admin.db.execute("update change_log set login = 'någon' where id = ?", [ids[-1]])  # every entry's login
    assert admin.verify() == [block]
    admin.db.execute("update change_log set login = 'admin' where id = ?", [ids[-1]])
    assert admin.verify() == []
    admin.db.execute("update change_log set at = ?, login = 'någon' where id = ?", [at, ids[1]])
    assert admin.verify() == [block]


def test_a_database_made_before_m008_keeps_its_full_entries_and_logs_new_blocks_narrow():
    db = Database(memory=True)
    migrations.apply(db, stop_before="m008_narrow_log")
    admin = Store(db, login="admin")
    admin.install_catalog(standard_catalog())
    create_example_tree(admin)
    # a block as the version before m008 stored it: every column on every entry, hash on the last
    next_id, prev = _chain_end(db)
    at = "2024-05-02T09:00:00+02:00"
    rows = [
        (next_id + i, at, "admin", "import", "value", MOTT, "bou.akt", "", str(m), None, 40.0 + i, None, "gammal.csv",
         None)
        for i, m in enumerate(MONTHS)
    ]
    digest = block_hash(rows, prev)
    insert = f"insert into change_log ({', '.join(LOG_COLUMNS)}) values ({','.join('?' * len(LOG_COLUMNS))})"
    with db.conn:
        db.conn.executemany(insert, [(*r, None, None) for r in rows[:-1]])
        db.conn.execute(insert, (*rows[-1], prev, digest))
        _remember_head(db, rows[-1][0], digest)
        db.conn.executemany(
            "insert into value (unit, measure, part, period, value, revision) values (?, 'bou.akt', '', ?, ?, 1)",
            [(MOTT, r[8], r[10]) for r in rows],
        )
    assert "idx_change_log_at" in {i.name for i in db["change_log"].indexes}
    before = admin.log_entries()
    assert admin.verify() == []

    migrate(db)
    indexes = {i.name for i in db["change_log"].indexes}
    assert "idx_change_log_at" not in indexes and "idx_change_log_sealed" in indexes
    assert admin.log_entries() == before
    assert [_shared(e) for e in before[-4:]] == [(at, "admin", "import", None, "gammal.csv")] * 4
    assert admin.verify() == []
    # the next import is a narrow block after the full one, and both read whole
    cells = [(MOTT, "bou.akt", "", m, 40.0 + i, 50.0 + i) for i, m in enumerate(MONTHS)]
    admin.write_checked(cells, version=admin.data_version(), source="import", file="ny.csv")
    assert [row[1] is None for row in _stored(admin, _block_ids(admin, 4))] == [True, True, True, False]
    history = admin.history(MOTT, "bou.akt", "", MARS.next())
    assert [(h.at, h.file, h.old, h.new) for h in history][0] == (at, "gammal.csv", None, 40.0)
    assert [h.file for h in history] == ["gammal.csv", "ny.csv"]
    assert admin.cell(MOTT, "bou.akt", "", MONTHS[0]) == (50.0, 2)
    assert admin.verify() == []
