"""The store's write check runs inside the write transaction: proven with a second process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.support import process_env
from tracker.core.periods import Month
from tracker.store.database import write_transaction
from tracker.store.store import Store

MOTT = "IFO.BOU.MOTT"
MARS = Month(2023, 3)


def _has_open(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir())
    except OSError:
        return False


def test_a_write_waiting_for_the_lock_is_refused_when_the_month_is_locked_meanwhile(example_db):
    with Store.open(example_db) as holder:
        with write_transaction(holder.db):
            writer = subprocess.Popen(
                [sys.executable, "-m", "tracker", "set", MOTT, "bou.akt", "2023-03", "12", "--db", str(example_db)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=process_env(),
            )
            # Let the writer open the database and reach the write lock we hold.
            deadline = time.monotonic() + 20
            while not _has_open(writer.pid, example_db) and time.monotonic() < deadline and writer.poll() is None:
                time.sleep(0.05)
            time.sleep(1.0)
            holder.lock_month(MARS, MOTT)
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 3, (out, err)
    assert "låst" in err and err.count("\n") == 1
    with Store.open(example_db) as s:
        assert s.cell(MOTT, "bou.akt", "", MARS)[0] is None
        assert s.history(MOTT, "bou.akt", "", MARS) == []
