"""Real processes, because that is the point: concurrent writers and imports killed with SIGKILL.

Both end with `tracker check`, so the audit log's chain is proven under the same stress.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support import process_env
from tracker.cli.main import main
from tracker.core.periods import Month
from tracker.store.store import Store

MOTT = "IFO.BOU.MOTT"
WRITERS, WRITES = 4, 50

# Each writer adds 1 to the same cell WRITES times, reading the value and its revision and
# writing with that revision: a writer that lost a race must see a conflict, never overwrite.
WRITER = """
import sys
from tracker.core.errors import ConflictError
from tracker.core.periods import Month
from tracker.store.store import Store

cell = ("IFO.BOU.MOTT", "bou.akt", "", Month(2023, 3))
with Store.open(sys.argv[1]) as store:
    done = conflicts = 0
    while done < int(sys.argv[2]):
        value, revision = store.cell(*cell)
        try:
            store.set_value(cell[0], cell[1], cell[3], (value or 0) + 1, source="cli", expected_revision=revision)
            done += 1
        except ConflictError:
            conflicts += 1
    print(conflicts)
"""


def test_concurrent_writer_processes_lose_no_update_and_log_each_write_once(tmp_path, capsys):
    path = tmp_path / "t.db"
    assert main(["init", "--db", str(path)]) == 0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(WRITES)], stdout=subprocess.PIPE, text=True, env=process_env()
        )
        for _ in range(WRITERS)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * WRITERS, outputs
    with Store.open(path) as store:
        value, revision = store.cell(MOTT, "bou.akt", "", Month(2023, 3))
        history = store.history(MOTT, "bou.akt", "", Month(2023, 3))
        assert value == WRITERS * WRITES  # no lost update
        assert revision == len(history) == WRITERS * WRITES  # one log entry per write
        assert [h.new for h in history] == list(range(1, WRITERS * WRITES + 1))
        assert store.verify() == []


def _import_file(tmp_path: Path) -> tuple[Path, int]:
    """A CSV with a value for every month of 1990–2024 on two measures: large enough to be killed mid-way."""
    lines = ["unit,measure,part,period,value"]
    for measure in ("bou.akt", "bou.fhb"):
        for year in range(1990, 2025):
            for month in range(1, 13):
                lines.append(f"{MOTT},{measure},,{year}-{month:02d},{(year + month) % 97}")
    path = tmp_path / "stor.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(lines) - 1


def test_an_import_killed_at_random_points_writes_all_or_nothing_and_the_check_passes(tmp_path, capsys):
    template = tmp_path / "mall.db"
    assert main(["init", "--db", str(template)]) == 0
    data, rows = _import_file(tmp_path)
    # How long one whole import takes here, so the kills spread over its whole run.
    shutil.copy(template, tmp_path / "full.db")
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "tracker", "import", str(data), "--force", "--db", str(tmp_path / "full.db")],
        env=process_env(),
        check=True,
        capture_output=True,
    )
    span = time.monotonic() - started
    rng = random.Random(20231)
    outcomes = []
    for run in range(22):
        path = tmp_path / f"k{run}.db"
        shutil.copy(template, path)
        proc = subprocess.Popen(
            [sys.executable, "-m", "tracker", "import", str(data), "--force", "--db", str(path)],
            env=process_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0, span * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Store.open(path) as store:
            stored = store.db.execute("select count(*) from value").fetchone()[0]
            # as the log reads them: a block stores the file once, on its sealing entry
            logged = sum(1 for e in store.log_entries() if e.file == data.name)
            assert (stored, logged) in ((0, 0), (rows, rows)), (run, stored, logged)
            assert store.verify() == [], run
        assert main(["check", "--db", str(path)]) == 0
        outcomes.append(stored == rows)
    capsys.readouterr()
    print(f"kills: {len(outcomes)}, import complete before the kill: {sum(outcomes)}")
